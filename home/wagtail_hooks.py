"""Admin additions for newsletter issues: preview the email edition and send a test."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import email_views
from .models import NewsletterIssuePage


@hooks.register("register_admin_urls")
def email_edition_urls():
    return [
        path("issues/<int:page_id>/email/", email_views.preview, name="issue_email_preview"),
        path("issues/<int:page_id>/email/send-test/", email_views.send_test, name="issue_email_send_test"),
    ]


def _email_buttons(page, user, priority):
    if not issubclass(page.specific_class or type(page), NewsletterIssuePage) or not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        "Preview email edition",
        reverse("issue_email_preview", args=[page.pk]),
        icon_name="view",
        priority=priority,
        attrs={"target": "_blank", "rel": "noopener"},
    )
    yield Button("Send a test to me", reverse("issue_email_send_test", args=[page.pk]), icon_name="mail", priority=priority + 1)


@hooks.register("register_page_header_buttons")
def email_header_buttons(page, user, view_name, next_url=None):
    yield from _email_buttons(page, user, priority=80)


@hooks.register("register_page_listing_more_buttons")
def email_listing_buttons(page, user, next_url=None):
    yield from _email_buttons(page, user, priority=80)
