"""The pages `home` composes: the home page, the newsletter archive and issues,
and standard pages. Their bodies may list events, services and stories."""

from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES
from core.models import BasePage
from core.pagination import paginate
from events.queries import upcoming_events
from stories.queries import featured_stories

from .blocks import IssueBodyBlock, PageBodyBlock, unique_anchors
from .email_edition import email_html_response
from .writing_settings import WritingCheckSettings  # noqa: F401  (a model: registered with the app)

# Issues newest first: the archive's order, and how the home page finds the latest issue.
NEWEST_FIRST = ("-publication_date", "-issue_number", "-pk")


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
    summary_fallback_field = "introduction"


    def get_context(self, request, *args, **kwargs):
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
        issues = NewsletterIssuePage.objects.child_of(self).listed().order_by(*NEWEST_FIRST)
        context["issues"] = paginate(request, issues, self.issues_per_page)
        return context


class NewsletterIssuePage(RoutablePageMixin, BasePage):
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
    summary_fallback_field = "standfirst"

    class Meta:
        verbose_name = "newsletter issue"

    @classmethod
    def latest(cls):
        return cls.objects.listed().order_by(*NEWEST_FIRST).first()


    @property
    def listing_date(self):
        return self.publication_date

    @path("email/")
    def email_edition(self, request):
        """The issue as one HTML email document (see home/email_edition.py). `email.txt` is in home/urls.py."""
        return email_html_response(self)

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
    summary_fallback_field = "introduction"

