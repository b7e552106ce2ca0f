from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import RICH_TEXT_FEATURES, IssueBodyBlock, PageBodyBlock, unique_anchors
from .pagination import paginate
from .taxonomies import Area, Audience, DeliveryMethod, PeerSupportType, Topic  # noqa: F401  (model registry)


class BasePage(Page):
    """Fields every page type shares, so cards and search results render them alike.

    Subclasses set `content_type_label` (what a reader calls this kind of page)
    and may override `get_listing_summary()` to fall back on their own summary.
    """

    listing_summary = models.TextField(
        blank=True,
        max_length=300,
        help_text="One or two sentences shown on cards and in search results. "
        "Leave blank to use the page's own introduction.",
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional image for cards. Cards show it as decoration: the title says what the page is.",
    )

    content_type_label = "Page"

    promote_panels = Page.promote_panels + [
        MultiFieldPanel(
            [FieldPanel("listing_summary"), FieldPanel("listing_image")],
            heading="Cards and search results",
        )
    ]
    # search_stems: see search/text.py (word forms match alike on SQLite and PostgreSQL).
    search_fields = Page.search_fields + [index.SearchField("listing_summary"), index.SearchField("search_stems")]

    class Meta:
        abstract = True

    def search_stems(self):
        """The page's indexed words, stemmed, so 'groups' finds 'grouping' on every database."""
        from search.text import page_stems

        return page_stems(self)

    def get_listing_summary(self):
        return self.listing_summary or self.search_description

    @property
    def listing_date(self):
        """The date shown on cards, where it matters. Subclasses override."""
        return None


class HomePage(BasePage):
    introduction = models.TextField(
        blank=True, help_text="A short welcome under the site name: who the site is for and what it offers."
    )
    body = StreamField(PageBodyBlock(), blank=True, help_text="Optional extra content below the latest issue.")

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    content_type_label = "Page"

    def get_listing_summary(self):
        return super().get_listing_summary() or self.introduction

    def get_context(self, request, *args, **kwargs):
        from events.queries import upcoming_events
        from stories.queries import featured_stories

        context = super().get_context(request, *args, **kwargs)
        context["latest_issue"] = NewsletterIssuePage.latest()
        context["upcoming_events"] = upcoming_events(limit=3)
        context["featured_stories"] = featured_stories(limit=3)
        return context


class NewsletterIndexPage(BasePage):
    introduction = RichTextField(features=RICH_TEXT_FEATURES, blank=True, help_text="Shown above the list of issues.")

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsletterIssuePage"]
    max_count = 1
    issues_per_page = 12

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        issues = (
            NewsletterIssuePage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .select_related("listing_image")
            .order_by("-publication_date", "-issue_number", "-pk")
        )
        context["issues"] = paginate(request, issues, self.issues_per_page)
        return context


class NewsletterIssuePage(BasePage):
    issue_number = models.PositiveIntegerField(
        null=True, blank=True, help_text="Optional: the issue's number, if the newsletter numbers its issues."
    )
    publication_date = models.DateField(
        default=timezone.localdate, help_text="The date the issue was sent out. Issues are listed newest first."
    )
    standfirst = models.TextField(
        blank=True, max_length=400, help_text="One or two sentences under the title that sum up the issue."
    )
    body = StreamField(
        IssueBodyBlock(),
        help_text="The issue, one section per heading. Each section heading becomes an entry in 'This issue'.",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("issue_number"), FieldPanel("publication_date"), FieldPanel("standfirst")],
            heading="About this issue",
        ),
        HelpPanel(
            content="The 'This issue' contents list is made automatically from the section headings below."
        ),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.FilterField("publication_date"),
    ]

    parent_page_types = ["home.NewsletterIndexPage"]
    subpage_types = []
    content_type_label = "Newsletter issue"

    class Meta:
        verbose_name = "newsletter issue"

    @classmethod
    def latest(cls):
        return (
            cls.objects.live().public().defer_streamfields().order_by("-publication_date", "-issue_number", "-pk").first()
        )

    def get_listing_summary(self):
        return super().get_listing_summary() or self.standfirst

    @property
    def listing_date(self):
        return self.publication_date

    @cached_property
    def sections(self):
        """The issue's sections, each with a unique anchor id for the contents list."""
        section_blocks = [block for block in self.body if block.block_type == "section"]
        anchors = unique_anchors(
            [block.value["heading"] for block in section_blocks],
            [block.value.get("anchor") for block in section_blocks],
        )
        return [
            {"block": block, "heading": block.value["heading"], "anchor": anchor}
            for block, anchor in zip(section_blocks, anchors)
        ]


class StandardPage(BasePage):
    """About, contact, accessibility statement, privacy notice and similar pages."""

    introduction = models.TextField(blank=True, help_text="A short opening paragraph, shown larger than the body.")
    body = StreamField(PageBodyBlock(), blank=True, help_text="The page's content.")

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    def get_listing_summary(self):
        return super().get_listing_summary() or self.introduction


class SocialLinkBlock(blocks.StructBlock):
    name = blocks.CharBlock(help_text="The service's name as people know it, e.g. 'Facebook'.")
    url = blocks.URLBlock(help_text="The full address of your page there.")

    class Meta:
        icon = "link"


class CrisisContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(help_text="Who to contact, e.g. 'Samaritans'.")
    phone = blocks.CharBlock(help_text="The number to call, as people should dial it, e.g. '116 123'.")
    description = blocks.CharBlock(help_text="When to use it, in a few words, e.g. 'any time, day or night, free'.")

    class Meta:
        icon = "warning"


DEFAULT_CRISIS_CONTACTS = [
    ("contact", {"name": "Samaritans", "phone": "116 123", "description": "free, any time, day or night"}),
    ("contact", {"name": "NHS 111", "phone": "111", "description": "choose the mental health option for urgent help"}),
    ("contact", {"name": "Emergency services", "phone": "999", "description": "if a life is at risk right now"}),
]


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        max_length=200,
        default="Kensington and Chelsea Mind",
        help_text="The charity that publishes the newsletter, shown in the footer.",
    )
    programme_name = models.CharField(
        max_length=200, default="Side by Side", help_text="The programme the newsletter belongs to."
    )
    tagline = models.CharField(
        max_length=200,
        blank=True,
        default="Improving mental health through peer support",
        help_text="A short line shown under the site name.",
    )
    contact_phone = models.CharField(
        max_length=60, blank=True, default="020 8964 1333 (option 7)", help_text="The main phone number."
    )
    contact_email = models.EmailField(
        blank=True, default="zoe.copeland@kcmind.org.uk", help_text="The main contact email address."
    )
    footer_text = models.TextField(
        blank=True,
        help_text="A short line for the footer, e.g. the charity number.",
    )
    social_links = StreamField(
        [("link", SocialLinkBlock())], blank=True, help_text="Links to the programme's social media pages."
    )
    crisis_heading = models.CharField(
        max_length=120, default="Need help now?", help_text="Heading of the crisis support panel on every page."
    )
    crisis_introduction = models.TextField(
        blank=True,
        default="This website is not monitored around the clock. If you are struggling or feel unsafe, "
        "talk to someone now:",
        help_text="A sentence before the crisis numbers.",
    )
    crisis_contacts = StreamField(
        [("contact", CrisisContactBlock())],
        blank=True,
        default=DEFAULT_CRISIS_CONTACTS,
        help_text="The numbers in the crisis support panel, in order.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("programme_name"), FieldPanel("tagline")],
            heading="Who we are",
        ),
        MultiFieldPanel(
            [FieldPanel("contact_phone"), FieldPanel("contact_email"), FieldPanel("footer_text"),
             FieldPanel("social_links")],
            heading="Contact and footer",
        ),
        MultiFieldPanel(
            [FieldPanel("crisis_heading"), FieldPanel("crisis_introduction"), FieldPanel("crisis_contacts")],
            heading="Crisis support panel",
        ),
    ]

    class Meta:
        verbose_name = "site settings"


from .writing_settings import WritingCheckSettings  # noqa: E402,F401  (the model lives in its own module)
