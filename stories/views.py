"""The "Share your story" form's request handling."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_protect

from .forms import ShareStoryForm
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
            submission, created = page.store_submission(form)
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
