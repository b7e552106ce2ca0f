"""Tell the story moderators that something arrived, without saying what.

Email is not a safe place for health data: the message holds only a link to
the submission in the admin, where access is checked.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse

# The group whose members read submissions (created with the other groups in home/groups.py).
MODERATORS_GROUP = "Story moderators"


def moderator_emails():
    users = get_user_model().objects.filter(groups__name=MODERATORS_GROUP, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def submission_admin_url(submission):
    path = reverse("wagtailsnippets_stories_storysubmission:inspect", args=[submission.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notify_moderators(submission, request=None):
    recipients = moderator_emails()
    if not recipients:
        return 0
    body = (
        "Someone has shared a story through the #PeerTalk website.\n\n"
        f"Read it in the admin (you will need to log in):\n{submission_admin_url(submission)}\n\n"
        "For the sender's privacy this email does not include their story or contact details. "
        "Please do not forward it outside the Story moderators group.\n"
    )
    return send_mail("New story shared on #PeerTalk", body, None, recipients)
