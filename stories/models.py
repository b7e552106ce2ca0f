"""Peer support stories, and the "Share your story" form that collects them.

What readers send is health data about themselves and others, so submissions
are kept apart from pages: only the "Story moderators" group can read them
(see wagtail_hooks.py), and a moderator turns one into a draft StoryPage that
then goes through the moderation workflow like any other page.
"""

import hashlib
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES, ContentBlock
from core.models import BasePage, SectionIndexPage
from core.pages import PublicInOneQueryPageQuerySet
from core.prefetch import prefetch

from .filters import StoryFilterForm
from .forms import EMAIL_MAX_LENGTH
from .roles import RECEIVED, ROLE_CHOICES
from .views import share_story

# How long unpublished submissions are kept (documented on the privacy notice).
DEFAULT_RETENTION_DAYS = getattr(settings, "STORIES_SUBMISSION_RETENTION_DAYS", 180)

# A post sent again within this time with the same email and story is the same
# submission: the reader's connection dropped after we stored it, and they retried.
DUPLICATE_WINDOW = timedelta(hours=24)


class ContentNote(models.Model):
    """A subject some readers may want warning of before they read, e.g. 'baby loss'."""

    name = models.CharField(max_length=80, unique=True, help_text="As readers see it, e.g. 'Baby loss'.")
    slug = models.SlugField(max_length=80, unique=True, help_text="Short web-address form, e.g. 'baby-loss'.")

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = "content note"

    def __str__(self):
        return self.name


class StoryIndexPage(SectionIndexPage):
    introduction = RichTextField(
        features=RICH_TEXT_FEATURES, blank=True, help_text="Shown above the list of stories."
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    subpage_types = ["stories.StoryPage", "stories.ShareStoryPage"]
    content_type_label = "Stories"
    stories_per_page = 12

    def serve(self, request, *args, **kwargs):
        form = StoryFilterForm(request.GET or None)
        context = self.get_context(request, *args, **kwargs)
        context["filter_form"] = form
        if form.is_bound and not form.is_valid():
            # A hand-edited address: explain, do not guess.
            context["stories"] = None
            return self._render(request, context, status=400)
        context["stories"] = form.paginated_stories(request, self.stories(), self.stories_per_page)
        context["query_string"] = form.query_string()
        return self._render(request, context)

    def _render(self, request, context, status=200):
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def stories(self):
        return StoryPage.objects.child_of(self).listed()

    @cached_property
    def share_page(self):
        return ShareStoryPage.objects.child_of(self).live().first()


# What a story's card shows besides the page itself.
CARD_RELATIONS = ("content_notes",)


class StoryPageQuerySet(PublicInOneQueryPageQuerySet):
    def listed(self):
        """Live, public stories as cards show them (with their content notes), newest first."""
        return super().listed().prefetch_related(*CARD_RELATIONS).order_by("-story_date", "-first_published_at", "-pk")


class StoryPage(BasePage):
    byline = models.CharField(
        max_length=120,
        default="Anonymous",
        help_text="Who tells the story, as they agreed to be named: a first name, a pseudonym, or 'Anonymous'. "
        "Never a full name unless they asked for it.",
    )
    role = models.CharField(
        max_length=20, choices=ROLE_CHOICES, default=RECEIVED, help_text="How the storyteller met peer support."
    )
    peer_support_types = ParentalManyToManyField(
        "core.PeerSupportType", blank=True, related_name="stories", help_text="The kinds of peer support in the story."
    )
    topics = ParentalManyToManyField("core.Topic", blank=True, related_name="stories", help_text="What the story is about.")
    content_notes = ParentalManyToManyField(
        ContentNote,
        blank=True,
        related_name="stories",
        help_text="Subjects some readers may find hard, e.g. baby loss, suicide, self-harm. "
        "They are shown before the story so readers can choose whether to read on.",
    )
    pull_quote = models.TextField(
        blank=True, max_length=300, help_text="A sentence or two from the story, shown on cards. No quotation marks."
    )
    story_date = models.DateField(
        default=timezone.localdate, help_text="The date the story was shared. Stories are listed newest first."
    )
    body = StreamField(ContentBlock(), help_text="The story, edited with the storyteller's agreement.")
    consent_given_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the storyteller agreed to publication. Filled in from their submission.",
    )
    consent_version = models.CharField(
        max_length=64,
        blank=True,
        help_text="Which version of the consent wording they agreed to. Filled in from their submission.",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("byline"), FieldPanel("role"), FieldPanel("story_date")],
            heading="Who is telling the story",
        ),
        FieldPanel("content_notes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("pull_quote"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("peer_support_types", widget=forms.CheckboxSelectMultiple),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Types of peer support and topics",
        ),
        InlinePanel("support_links", heading="Support that helped", label="service"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("consent_given_at"), FieldPanel("consent_version")])],
            heading="Consent record",
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("pull_quote"),
        index.SearchField("body"),
        index.FilterField("role"),
        index.FilterField("story_date"),
    ]

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []
    content_type_label = "Story"
    summary_fallback_field = "pull_quote"

    # StoryPage.objects.listed(): stories as cards show them, newest first
    objects = PageManager.from_queryset(StoryPageQuerySet)()

    class Meta:
        verbose_name = "story"
        verbose_name_plural = "stories"

    def content_note_text(self):
        """'Content note: this story mentions baby loss and grief.', or '' with no notes."""
        names = [note.name.lower() for note in self.content_notes.all()]
        if not names:
            return ""
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"Content note: this story mentions {listed}."

    def get_share_description(self):
        """Content notes come first wherever the story is shared, so readers can choose before they click."""
        return " ".join(part for part in (self.content_note_text(), self.get_listing_summary()) if part)

    @property
    def listing_date(self):
        return self.story_date

    def get_context(self, request, *args, **kwargs):
        # The page, its sharing tags and its JSON-LD all read the content notes: read them once.
        prefetch([self], *CARD_RELATIONS)
        context = super().get_context(request, *args, **kwargs)
        context["support_links"] = self.support_links.select_related("page")
        context["index_url"] = self.get_parent().url
        return context


class StorySupportLink(Orderable):
    """A service that helped: a page in the directory, or a name and web address."""

    story = ParentalKey(
        StoryPage, on_delete=models.CASCADE, related_name="support_links", help_text="The story this link belongs to."
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A service in our directory, if it is there.",
    )
    name = models.CharField(
        max_length=200, blank=True, help_text="The service's name. Leave blank to use the directory page's title."
    )
    url = models.URLField(blank=True, help_text="A web address, for services not in our directory.")

    panels = [PageChooserPanel("page", page_type="services.ServicePage"), FieldPanel("name"), FieldPanel("url")]

    def clean(self):
        if not self.page_id and not self.url:
            raise ValidationError("Choose a service from the directory, or give its web address.")
        if self.url and not self.page_id and not self.name:
            raise ValidationError({"name": "Give the service's name so the link makes sense on its own."})

    @property
    def label(self):
        return self.name or (self.page.title if self.page_id else self.url)

    @property
    def href(self):
        return self.page.url if self.page_id and self.page.live else self.url


# --- Share your story ---------------------------------------------------------------

DEFAULT_WELLBEING = (
    "<p>Writing about hard times can bring feelings back. Take breaks, and stop whenever you want to.</p>"
    "<p>This form is not monitored out of hours, and nobody reads it straight away. If you are struggling "
    "or feel unsafe now, please talk to someone:</p>"
)
DEFAULT_HEALTH_CONSENT = (
    "I agree that Kensington and Chelsea Mind may store and read what I send, including information about "
    "my own and other people's mental and physical health, so that its story moderators can consider it."
)
DEFAULT_PUBLISH_CONSENT = (
    "I agree that Kensington and Chelsea Mind may publish my story on this website and in #PeerTalk after "
    "editing it to remove details that could identify me or anyone else, using the name I gave above."
)
DEFAULT_WITHDRAWAL = (
    "<p>You can change your mind at any time, before or after your story is published. Email "
    "<a href=\"mailto:zoe.copeland@kcmind.org.uk\">zoe.copeland@kcmind.org.uk</a> and we will delete what "
    "you sent and take your story down. We delete submissions that are not published after 180 days. "
    "Read our <a href=\"/privacy/\">privacy notice</a> for more.</p>"
)
DEFAULT_THANK_YOU = (
    "<p>Thank you for sharing your story. A story moderator will read it within two weeks and will email you "
    "before anything is published. We never publish your email address.</p>"
)


class ShareStoryPage(RoutablePageMixin, BasePage):
    """The "Share your story" form: its wording is edited here, its fields are fixed
    because each one is handled with care (consent, contact details)."""

    introduction = RichTextField(
        features=RICH_TEXT_FEATURES, blank=True, help_text="Why we collect stories and what happens to them."
    )
    wellbeing_check = RichTextField(
        features=RICH_TEXT_FEATURES,
        default=DEFAULT_WELLBEING,
        help_text="Shown before the form, followed by the crisis numbers from Site settings. Say that the form "
        "is not monitored out of hours.",
    )
    length_guide = models.CharField(
        max_length=200,
        default="Anything from a few sentences to about 1,000 words. A short idea for a story is fine too.",
        help_text="Shown under the story box.",
    )
    health_consent_text = models.TextField(
        default=DEFAULT_HEALTH_CONSENT,
        help_text="The consent to processing health information. Changing it starts a new consent version; "
        "each submission keeps the exact words agreed to.",
    )
    publish_consent_text = models.TextField(
        default=DEFAULT_PUBLISH_CONSENT,
        help_text="The separate consent to publish after editing. Changing it starts a new consent version.",
    )
    withdrawal_text = RichTextField(
        features=RICH_TEXT_FEATURES,
        default=DEFAULT_WITHDRAWAL,
        help_text="How to withdraw, and how long submissions are kept. Shown beside the consent boxes.",
    )
    thank_you_text = RichTextField(
        features=RICH_TEXT_FEATURES, default=DEFAULT_THANK_YOU, help_text="Shown after someone sends their story."
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("wellbeing_check"),
        FieldPanel("length_guide"),
        MultiFieldPanel(
            [FieldPanel("health_consent_text"), FieldPanel("publish_consent_text"), FieldPanel("withdrawal_text")],
            heading="Consent and withdrawal",
        ),
        FieldPanel("thank_you_text"),
    ]

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []
    max_count = 1
    content_type_label = "Page"

    class Meta:
        verbose_name = "share your story form"

    @property
    def consent_version(self):
        """Changes whenever either consent wording changes, so each submission
        records which words the person actually agreed to."""
        text = f"{self.health_consent_text.strip()}\n{self.publish_consent_text.strip()}"
        return hashlib.sha256(text.encode()).hexdigest()[:12]

    @path("")
    def form_view(self, request):
        return share_story(request, self)

    def store_submission(self, form):
        """Store what the form's reader sent, with the consent wording they agreed to."""
        return StorySubmission.store(form.cleaned_data, self)

    @path("thank-you/")
    def thank_you_view(self, request):
        return self.render(request, template="stories/share_story_thanks.html")


class StorySubmission(models.Model):
    """What a reader sent. Health data: only Story moderators can see it."""

    # Never on a public page: a new submission must not empty the page cache (core.page_cache).
    shown_on_public_pages = False

    NEW, IN_REVIEW, STORY_CREATED, DECLINED = "new", "in_review", "story_created", "declined"
    STATUS_CHOICES = [
        (NEW, "New"),
        (IN_REVIEW, "Being reviewed"),
        (STORY_CREATED, "Draft story created"),
        (DECLINED, "Not taken forward"),
    ]

    submitted_at = models.DateTimeField(default=timezone.now, db_index=True, help_text="When it was sent.")
    name = models.CharField(
        max_length=120, blank=True, help_text="The name or pseudonym they want to use. Blank means anonymous."
    )
    email = models.EmailField(
        max_length=EMAIL_MAX_LENGTH, help_text="Only for moderators to reply. Never copied onto a story page."
    )
    role = models.CharField(max_length=20, choices=ROLE_CHOICES, help_text="How they met peer support.")
    story = models.TextField(help_text="Their story or story idea, exactly as sent.")
    topics = models.ManyToManyField(
        "core.Topic", blank=True, related_name="+", help_text="Topics they picked."
    )
    support_that_helped = models.CharField(
        max_length=500, blank=True, help_text="Services or groups they said helped, as they wrote them."
    )
    consented_at = models.DateTimeField(default=timezone.now, help_text="When they ticked both consent boxes.")
    consent_version = models.CharField(max_length=64, help_text="Version of the consent wording they agreed to.")
    health_consent_text = models.TextField(help_text="The exact consent to processing health information they agreed to.")
    publish_consent_text = models.TextField(help_text="The exact consent to publication they agreed to.")
    status = models.CharField(
        max_length=20, choices=STATUS_CHOICES, default=NEW, help_text="Where the submission is in moderation."
    )
    moderator_notes = models.TextField(blank=True, help_text="Notes for other moderators. Not shown to the public.")
    story_page = models.ForeignKey(
        StoryPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The story page made from this submission, if any.",
    )

    panels = [FieldPanel("status"), FieldPanel("moderator_notes")]

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = "story submission"

    def __str__(self):
        return f"Submission {self.pk} ({timezone.localtime(self.submitted_at):%d %b %Y})"

    @property
    def byline(self):
        return self.name.strip() or "Anonymous"

    @classmethod
    @transaction.atomic
    def store(cls, data, page):
        """Store a submission from the share form's cleaned data; returns (submission, created).
        A retried identical post returns the one already stored, so moderators never see (or
        are emailed) it twice."""
        if existing := cls.earlier_copy(data):
            return existing, False
        submission = cls.objects.create(
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

    @classmethod
    def earlier_copy(cls, data):
        """The submission this one repeats, if the reader already sent it (a retried post)."""
        return cls.objects.filter(
            email__iexact=data["email"],
            story=data["story"],
            name=data["name"].strip(),
            submitted_at__gte=timezone.now() - DUPLICATE_WINDOW,
        ).first()

    @classmethod
    def expired(cls, days=DEFAULT_RETENTION_DAYS, now=None):
        """Submissions past the retention period whose story is not live."""
        cutoff = (now or timezone.now()) - timedelta(days=days)
        return cls.objects.filter(submitted_at__lt=cutoff).exclude(story_page__live=True)
