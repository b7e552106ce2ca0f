"""The word lists behind the page editor's writing checks (see home/writing_checks.py).
Editors change them in Settings → Writing checks."""

from django.db import models
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DEFAULT_TOPIC_WORDS = "suicide\nsuicidal\nkill myself\nkilled himself\nkilled herself\nend my life\ntake my own life\nself-harm\nself harm\nselfharm"
DEFAULT_SUPPORT_WORDS = (
    "Samaritans\n116 123\nShout\n85258\nNHS 111\n999\nCrisis line\nhelpline\nPapyrus\nHOPELINEUK\nCALM\nA&E"
)
DEFAULT_METHOD_WORDS = (
    "overdose\noverdosed\nhanging\nhanged\nhung himself\nhung herself\nnoose\nligature\npills\ntablets\npoison\n"
    "jumped\njump from\ncut myself\ncutting\nrazor\nblade\nrailway\nbridge"
)


def word_list(text):
    """One word or phrase per line, blanks dropped, compared case-insensitively."""
    return [line.strip().lower() for line in text.splitlines() if line.strip()]


@register_setting(icon="help")
class WritingCheckSettings(BaseSiteSetting):
    reading_age_target = models.PositiveSmallIntegerField(
        default=11,
        help_text="The highest reading age we aim for. UK health information aims at 9 to 11. "
        "Pages scored above it get a hint to use shorter words and sentences.",
    )
    topic_words = models.TextField(
        default=DEFAULT_TOPIC_WORDS,
        help_text="One per line. When a page uses any of these words, the safe messaging check runs on it.",
    )
    support_words = models.TextField(
        default=DEFAULT_SUPPORT_WORDS,
        help_text="One per line. Names and numbers of support services. A page about suicide or self-harm "
        "should mention at least one of them.",
    )
    method_words = models.TextField(
        default=DEFAULT_METHOD_WORDS,
        help_text="One per line. Words that can describe a method of suicide or self-harm. The check points "
        "them out so you can decide whether the detail is needed.",
    )

    # Only the editor's writing checks read it, with for_site(): the Site query every request
    # makes (core.sites) need not join it.
    read_by_requests = False

    class Meta:
        verbose_name = "writing checks"

    @property
    def topics(self):
        return word_list(self.topic_words)

    @property
    def supports(self):
        return word_list(self.support_words)

    @property
    def methods(self):
        return word_list(self.method_words)
