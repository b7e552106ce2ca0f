"""The directory of local peer support: an index page with filters, one page per service.

Who a service is for, what it is about, the type of peer support, how it is
delivered and where are the shared taxonomy snippets (core.taxonomies), linked
through small orderable models so editors pick them with choosers and the
open data API (services.api) can publish them as HSDS attributes.
"""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES, ContentBlock
from core.models import BasePage, SectionIndexPage
from core.taxonomies import Area, Audience, DeliveryMethod, PeerSupportType, Topic

from .filters import ServiceFilters
from .querysets import ServicePageQuerySet
from .terms import TERM_PROPERTIES, attach_terms

# How long a check with the service stays fresh, when the editor sets no review date.
REVIEW_INTERVAL = datetime.timedelta(days=365)

UK_POSTCODE = RegexValidator(
    r"^[A-Za-z]{1,2}[0-9][A-Za-z0-9]?\s*[0-9][A-Za-z]{2}$",
    "Enter a UK postcode, for example W10 5AB.",
)


class ServiceIndexPage(SectionIndexPage):
    introduction = RichTextField(
        features=RICH_TEXT_FEATURES, blank=True, help_text="Shown above the filters: what the directory is for."
    )

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    subpage_types = ["services.ServicePage"]
    services_per_page = 20

    class Meta:
        verbose_name = "services directory"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = ServiceFilters(request.GET)
        context["filters"] = filters
        services = ServicePage.objects.listed().child_of(self)
        context["services"] = filters.paginate(request, services, self.services_per_page)
        return context


class ServicePage(BasePage):
    ACTIVE = "active"
    TEMPORARILY_CLOSED = "temporarily-closed"
    CLOSED = "closed"
    STATUS_CHOICES = [(ACTIVE, "Open"), (TEMPORARILY_CLOSED, "Temporarily closed"), (CLOSED, "Closed")]

    DAY_CHOICES = [
        ("MO", "Mondays"), ("TU", "Tuesdays"), ("WE", "Wednesdays"), ("TH", "Thursdays"),
        ("FR", "Fridays"), ("SA", "Saturdays"), ("SU", "Sundays"),
    ]

    uuid = models.UUIDField(
        default=uuid.uuid4, unique=True, editable=False, help_text="Stable public identifier used by the open data API."
    )
    organisation_name = models.CharField(
        max_length=200, help_text="The organisation that runs the service, e.g. 'Infertility Network UK'."
    )
    organisation_description = models.CharField(
        max_length=300, blank=True, help_text="Optional: the organisation in a few words, e.g. 'Twins & Multiple Births Association'."
    )
    summary = models.TextField(
        max_length=400, help_text="One or two plain-English sentences: who it helps and how. Shown on cards."
    )
    description = StreamField(ContentBlock(), blank=True, help_text="Optional: more about the service.")

    status = models.CharField(
        max_length=20, choices=STATUS_CHOICES, default=ACTIVE, help_text="Is the service running at the moment?"
    )
    meeting_times = models.CharField(
        max_length=200,
        blank=True,
        help_text="When it meets or is open, in plain English, e.g. 'twice a week' or 'Wednesdays 8pm to 9pm'.",
    )
    weekly_day = models.CharField(
        max_length=2, choices=DAY_CHOICES, blank=True,
        help_text="Optional: the day of a weekly meeting, so other directories can show it in a timetable.",
    )
    starts_at = models.TimeField(null=True, blank=True, help_text="Optional: start time of the weekly meeting.")
    ends_at = models.TimeField(null=True, blank=True, help_text="Optional: end time of the weekly meeting.")

    website = models.URLField(blank=True, help_text="The service's own web page.")
    phone = models.CharField(max_length=60, blank=True, help_text="A number to call, as people should dial it.")
    email = models.EmailField(blank=True, help_text="An email address for enquiries.")
    contact_name = models.CharField(
        max_length=120, blank=True, help_text="Optional: who to ask for, e.g. 'the group organiser'."
    )
    cost = models.CharField(max_length=200, blank=True, help_text="What it costs, e.g. 'Free' or '£2 a session'.")
    languages = models.CharField(
        max_length=200, blank=True, help_text="Languages spoken, separated by commas, e.g. 'English, Arabic'."
    )
    accessibility = models.TextField(
        blank=True, help_text="Step-free access, hearing loops, quiet spaces, or what to ask about."
    )

    checked_on = models.DateField(
        null=True, blank=True, help_text="The date we last checked these details with the service. Shown to readers."
    )
    next_review = models.DateField(
        null=True,
        blank=True,
        help_text="When to check again. Left blank, it is set to a year after the check. Shown to readers.",
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("organisation_description"), FieldPanel("summary"),
             FieldPanel("status")],
            heading="About the service",
        ),
        MultipleChooserPanel("audience_links", chooser_field_name="term", heading="Who it is for"),
        MultipleChooserPanel("topic_links", chooser_field_name="term", heading="Topics"),
        MultipleChooserPanel("peer_support_type_links", chooser_field_name="term", heading="Type of peer support"),
        MultipleChooserPanel("delivery_links", chooser_field_name="term", heading="How it is delivered"),
        MultipleChooserPanel("area_links", chooser_field_name="term", heading="Area served"),
        MultiFieldPanel(
            [FieldPanel("meeting_times"),
             FieldRowPanel([FieldPanel("weekly_day"), FieldPanel("starts_at"), FieldPanel("ends_at")])],
            heading="When it meets",
        ),
        InlinePanel("locations", heading="Where it meets", label="place"),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("phone"), FieldPanel("email"), FieldPanel("contact_name")],
            heading="Contact",
        ),
        MultiFieldPanel(
            [FieldPanel("cost"), FieldPanel("languages"), FieldPanel("accessibility")], heading="Practical details"
        ),
        MultiFieldPanel([FieldPanel("checked_on"), FieldPanel("next_review")], heading="Checking the details"),
        FieldPanel("description"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("organisation_name"),
        index.SearchField("summary"),
        index.SearchField("description"),
    ]

    parent_page_types = ["services.ServiceIndexPage"]
    # The open data ids are the service's identity: a copy is a new service with new ids.
    exclude_fields_in_copy = ["uuid"]
    subpage_types = []
    content_type_label = "Service"
    summary_fallback_field = "summary"
    card_shows_image = False  # services/includes/service_card.html
    # The directory's details, shown on the service's own page only (not on cards nor in the email).
    card_unread_fields = ("uuid", "organisation_description", "meeting_times", "weekly_day", "starts_at", "ends_at",
                          "website", "phone", "email", "contact_name", "cost", "languages", "accessibility",
                          "checked_on", "next_review")

    # ServicePage.objects.listed(): services.querysets
    objects = PageManager.from_queryset(ServicePageQuerySet)()

    def copy_child_relation(self, child_relation, target, commit=False, append=False):
        """Copied places get ids of their own (their ids are unique, like the service's)."""
        copied = super().copy_child_relation(child_relation, target, commit=commit, append=append)
        for child in _flatten(copied.values()):
            if any(field.name == "uuid" for field in child._meta.fields):
                child.uuid = uuid.uuid4()
        return copied

    def with_content_json(self, content):
        """A revision never changes a place's id: the id belongs to the saved place
        (a copied page's revisions still hold the original's place ids)."""
        obj = super().with_content_json(content)
        current = dict(ServiceLocation.objects.filter(page_id=self.pk).values_list("pk", "uuid"))
        for location in obj.locations.all():
            if location.pk in current:
                location.uuid = current[location.pk]
            elif ServiceLocation.objects.filter(uuid=location.uuid).exclude(page_id=self.pk).exists():
                location.uuid = uuid.uuid4()
        return obj

    class Meta:
        verbose_name = "service"

    def clean(self):
        super().clean()
        errors = {}
        if (self.starts_at or self.ends_at) and not self.weekly_day:
            errors["weekly_day"] = "Choose the day of the week the meeting times are for."
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The end time must be after the start time."
        if self.checked_on and self.next_review and self.next_review < self.checked_on:
            errors["next_review"] = "The next check must come after the last one."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.checked_on and not self.next_review:
            self.next_review = self.checked_on + REVIEW_INTERVAL
        super().save(*args, **kwargs)

    @property
    def review_overdue(self):
        return self.next_review is not None and self.next_review < timezone.localdate()

    @property
    def language_list(self):
        return [name.strip() for name in self.languages.split(",") if name.strip()]

    def _terms(self, relation):
        """The terms behind one link relation: from the prefetch cache (services.queries.with_terms),
        else every taxonomy of this page at once, in one query (services.terms.attach_terms)."""
        links = getattr(self, relation)
        if relation in getattr(self, "_prefetched_objects_cache", {}):
            return [link.term for link in links.all()]
        if self.pk is None or relation in getattr(self, "_cluster_related_objects", {}):
            # A preview: the draft's links are in memory, not (yet) in the database.
            return [link.term for link in links.select_related("term").all()]
        attach_terms([self])
        return self.__dict__[TERM_PROPERTIES[relation]]

    @cached_property
    def audiences(self):
        return self._terms("audience_links")

    @cached_property
    def topics(self):
        return self._terms("topic_links")

    @cached_property
    def peer_support_types(self):
        return self._terms("peer_support_type_links")

    @cached_property
    def delivery_methods(self):
        return self._terms("delivery_links")

    @cached_property
    def areas(self):
        return self._terms("area_links")


class _TermLink(Orderable):
    """A service's link to one taxonomy term; subclasses set `term` and `page`."""

    panels = [FieldPanel("term")]

    class Meta(Orderable.Meta):
        abstract = True
        unique_together = [("page", "term")]  # each term once per service

    def __str__(self):
        return str(self.term)


class ServiceAudience(_TermLink):
    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="audience_links")
    term = models.ForeignKey(Audience, on_delete=models.CASCADE, related_name="+", help_text="Who the service is for.")


class ServiceTopic(_TermLink):
    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="topic_links")
    term = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+", help_text="What the service is about.")


class ServicePeerSupportType(_TermLink):
    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="peer_support_type_links")
    term = models.ForeignKey(
        PeerSupportType, on_delete=models.CASCADE, related_name="+", help_text="A type of peer support it offers."
    )


class ServiceDelivery(_TermLink):
    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="delivery_links")
    term = models.ForeignKey(
        DeliveryMethod, on_delete=models.CASCADE, related_name="+", help_text="A way the support is delivered."
    )


class ServiceArea(_TermLink):
    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="area_links")
    term = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+", help_text="An area the service covers.")


class ServiceLocation(Orderable):
    """A place where the service meets. Private venues keep their address to the organiser."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="locations")
    uuid = models.UUIDField(
        default=uuid.uuid4, unique=True, editable=False, help_text="Stable public identifier used by the open data API."
    )
    name = models.CharField(max_length=200, help_text="The place as people know it, e.g. 'Battersea' or 'St Mark's Hall'.")
    address = models.CharField(max_length=300, blank=True, help_text="Street address, without the town and postcode.")
    town = models.CharField(max_length=100, blank=True, default="London", help_text="Town or city.")
    postcode = models.CharField(max_length=10, blank=True, validators=[UK_POSTCODE], help_text="e.g. W10 5AB.")
    private_venue = models.BooleanField(
        default=False,
        help_text="Tick if the venue is private: readers are asked to contact the organiser for the address.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("town"), FieldPanel("postcode")]),
        FieldPanel("private_venue"),
    ]

    def __str__(self):
        return self.name

    @property
    def has_address(self):
        return bool(self.address and self.postcode and not self.private_venue)

    def save(self, *args, **kwargs):
        self.postcode = self.postcode.upper().strip()
        super().save(*args, **kwargs)


def _flatten(values):
    for value in values:
        if isinstance(value, list):
            yield from value
        else:
            yield value
