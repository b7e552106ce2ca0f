"""The foundation every page type builds on: the base page and the site settings.

This app imports no other app of the project; feature apps and `home` build on it.
"""

from django.db import models
from django.http import Http404
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from .blocks import CrisisContactBlock, SocialLinkBlock
from .pages import PublicInOneQueryPageQuerySet, child_on_path, view_restrictions
from .taxonomies import Area, Audience, DeliveryMethod, PeerSupportType, Topic  # noqa: F401  (model registry)
from .text import page_stems


class BasePage(Page):
    """Fields every page type shares, so cards and search results render them alike.

    Subclasses set `content_type_label` (what a reader calls this kind of page)
    and `summary_fallback_field` (the field cards show when the listing summary is blank).
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
    # The field a page type falls back on for its card summary (its introduction,
    # standfirst, summary…) when editors leave "listing summary" blank.
    summary_fallback_field = None
    # Whether this type's cards show `listing_image`: if not, listings leave its table unjoined.
    card_shows_image = True
    # Fields of this type its cards and listings never read: listings leave them unread (core.pages.listed).
    card_unread_fields = ()

    promote_panels = Page.promote_panels + [
        MultiFieldPanel(
            [FieldPanel("listing_summary"), FieldPanel("listing_image")],
            heading="Cards and search results",
        )
    ]
    # search_stems: see core/text.py (word forms match alike on SQLite and PostgreSQL).
    search_fields = Page.search_fields + [index.SearchField("listing_summary"), index.SearchField("search_stems")]

    # .public() as a subquery of the listing's own query (core/pages.py).
    objects = PageManager.from_queryset(PublicInOneQueryPageQuerySet)()

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        """Django's, with the columns read as a set. For a page read with columns left unread
        (every card), Django looks each of the type's ~70 fields up in the list of columns read:
        some 3,500 comparisons a page, about 60 µs, 22 pages on the June issue."""
        if len(values) != len(cls._meta.concrete_fields):
            field_names = frozenset(field_names)
        return super().from_db(db, field_names, values)

    def route(self, request, path_components):
        """Wagtail's routing, reading every page on the path, each as its own type, in one query."""
        if not path_components:
            # The site's home page comes with Page's fields only (core/sites.py): read it whole to serve it.
            page = type(self).objects.get(pk=self.pk) if self.get_deferred_fields() else self
            return super(BasePage, page).route(request, path_components)
        child = child_on_path(self, path_components)
        if child is None:
            raise Http404
        return child.route(request, path_components[1:])

    def get_view_restrictions(self):
        """The view restrictions over this page (checked on every request): one query at most."""
        return view_restrictions(self)

    def search_stems(self):
        """The page's indexed words, stemmed, so 'groups' finds 'grouping' on every database."""
        return page_stems(self)

    def get_listing_summary(self):
        fallback = getattr(self, self.summary_fallback_field, "") if self.summary_fallback_field else ""
        return self.listing_summary or self.search_description or fallback or ""

    def get_share_description(self):
        """What the page says about itself where it is shared: meta description, social cards, feeds."""
        return self.get_listing_summary()

    @property
    def listing_date(self):
        """The date shown on cards, where it matters. Subclasses override."""
        return None


class SectionIndexPage(BasePage):
    """The front page of a feature app's section (events, services, stories).

    It sits directly under the site's home page, once per site. Feature apps
    cannot name the home page type (`home` builds on them), so they ask for a
    site's top page, at depth 2, rather than for `home.HomePage`.
    """

    max_count = 1

    class Meta:
        abstract = True

    @classmethod
    def can_exist_under(cls, parent):
        return parent.depth == 2 and super().can_exist_under(parent)


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
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The picture shown when someone shares a page that has no card image of its own, "
        "e.g. on Facebook or WhatsApp. Best 1200 by 630 pixels, with no words in it.",
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
        FieldPanel("share_image", heading="Picture for shared links"),
        MultiFieldPanel(
            [FieldPanel("crisis_heading"), FieldPanel("crisis_introduction"), FieldPanel("crisis_contacts")],
            heading="Crisis support panel",
        ),
    ]

    class Meta:
        verbose_name = "site settings"
