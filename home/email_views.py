"""Views for the email edition: the public `email/` and `email.txt` addresses of each issue,
and the admin's "Preview email edition" and "Send a test to me"."""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from .email_edition import EmailEdition, email_html_response, email_text_response
from .models import NewsletterIssuePage

logger = logging.getLogger(__name__)

def issue_email_text(request, path):
    """`<issue url>email.txt`: Wagtail's page routes cannot hold a dot, so Django routes it."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site here")
    issue = (
        NewsletterIssuePage.objects.live().public().filter(url_path=site.root_page.url_path + path).first()
    )
    if issue is None:
        raise Http404("No issue at this address")
    return email_text_response(issue)


# Admin ---------------------------------------------------------------------------


def _editable_issue(request, page_id):
    """The latest draft of an issue the user may edit (so a test can go out before publishing)."""
    page = get_object_or_404(NewsletterIssuePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page.get_latest_revision_as_object()


def preview(request, page_id):
    return email_html_response(_editable_issue(request, page_id))


def address_problem(user):
    """Why a test cannot be sent to this user, in plain words, or None."""
    if not user.email:
        return "Your account has no email address. Add one in your account settings, then try again."
    try:
        validate_email(user.email)
    except ValidationError:
        return f"Your account's email address, “{user.email}”, does not look right. Correct it in your account settings, then try again."
    return None


@require_http_methods(["GET", "POST"])
def send_test(request, page_id):
    """GET: say where the test goes and ask to confirm. POST: send it and go back to the page."""
    issue = _editable_issue(request, page_id)
    edit_url = reverse("wagtailadmin_pages:edit", args=[issue.pk])
    problem = address_problem(request.user)
    if request.method == "POST":
        if problem:
            messages.error(request, problem)
            return redirect(edit_url)
        try:
            EmailEdition(issue).message(to=[request.user.email]).send()
        except Exception:  # SMTP refusals, timeouts, bad settings: tell the editor, never a 500
            logger.exception("Could not send the test email for issue %s", issue.pk)
            messages.error(
                request,
                "The test email could not be sent: the mail server did not accept it. "
                "Try again later, or ask whoever runs the website to check the email settings.",
            )
            return redirect(edit_url)
        messages.success(request, f"A test of “{issue.title}” is on its way to {request.user.email}.")
        return redirect(edit_url)
    return TemplateResponse(
        request,
        "home/email/admin_send_test.html",
        {
            "issue": issue,
            "problem": problem,
            "edit_url": edit_url,
            "preview_url": reverse("issue_email_preview", args=[issue.pk]),
            "account_url": reverse("wagtailadmin_account"),
        },
    )
