"""The "Share your story" form's request handling."""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_protect

from .forms import ShareStoryForm
from .models import StorySubmission
from .notifications import notify_moderators

logger = logging.getLogger(__name__)

# At most this many form posts per address per window: enough for a person
# fixing mistakes, too few for a bot.
RATE_LIMIT = getattr(settings, "STORIES_SHARE_RATE_LIMIT", 10)
RATE_WINDOW_SECONDS = getattr(settings, "STORIES_SHARE_RATE_WINDOW", 3600)


# Behind a reverse proxy every reader shares the proxy's REMOTE_ADDR: set this to
# "HTTP_X_FORWARDED_FOR" there, and the address the proxy saw (the last one) is used.
CLIENT_IP_HEADER = getattr(settings, "STORIES_CLIENT_IP_HEADER", "REMOTE_ADDR")


def _client_ip(request):
    return request.META.get(CLIENT_IP_HEADER, request.META.get("REMOTE_ADDR", "")).split(",")[-1].strip()


def _rate_key(request):
    # Hashed, so the cache never holds readers' IP addresses.
    ip = _client_ip(request)
    return "stories:share:" + hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest()[:32]


def rate_limited(request):
    """Count this post; True once the address has posted too often."""
    key = _rate_key(request)
    cache.add(key, 0, RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW_SECONDS)
        count = 1
    return count > RATE_LIMIT


# A post sent again within this time with the same email and story is the same
# submission: the reader's connection dropped after we stored it, and they retried.
DUPLICATE_WINDOW = timedelta(hours=24)


def earlier_copy(data):
    """The submission this one repeats, if the reader already sent it (a retried post)."""
    return StorySubmission.objects.filter(
        email__iexact=data["email"],
        story=data["story"],
        name=data["name"].strip(),
        submitted_at__gte=timezone.now() - DUPLICATE_WINDOW,
    ).first()


@transaction.atomic
def save_submission(form, page):
    """Store the submission; returns (submission, created). A retried identical post
    returns the one already stored, so moderators never see (or are emailed) it twice."""
    data = form.cleaned_data
    if existing := earlier_copy(data):
        return existing, False
    submission = StorySubmission.objects.create(
        name=data["name"].strip(),
        email=data["email"],
        role=data["role"],
        story=data["story"],
        support_that_helped=data["support_that_helped"].strip(),
        consented_at=timezone.now(),
        consent_version=page.consent_version,
        health_consent_text=page.health_consent_text,
        publish_consent_text=page.publish_consent_text,
    )
    submission.topics.set(data["topics"])
    return submission, True


@csrf_protect
def share_story(request, page):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    context = page.get_context(request)
    if request.method == "POST":
        if rate_limited(request):
            return TemplateResponse(request, "stories/share_story_rate_limited.html", context, status=429)
        form = ShareStoryForm(request.POST, page=page)
        if form.is_spam:
            # Look like success, so the bot learns nothing; store nothing.
            return HttpResponseRedirect(page.url + "thank-you/")
        if form.is_valid():
            submission, created = save_submission(form, page)
            if created:
                try:
                    notify_moderators(submission, request)
                except Exception:  # the story is safe; a mail outage must not lose it or show an error
                    logger.exception("Could not email story moderators about submission %s", submission.pk)
            return HttpResponseRedirect(page.url + "thank-you/")
        status = 400
    else:
        form = ShareStoryForm(page=page)
        status = 200
    context["form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=status)
