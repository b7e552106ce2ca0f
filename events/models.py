"""Event pages ("Dates for the diary") and the state their calendar feeds need.

Times are entered and shown in Europe/London and stored aware (UTC in the
database). Recurring events are expanded in local time, so a weekly 7pm meeting
stays at 7pm on both sides of a clock change.
"""

import hashlib
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from core.blocks import ContentBlock
from core.models import BasePage, SectionIndexPage

from . import display, recurrence
from .listings import feed_urls, past_listing, upcoming_listing
from .querysets import EventPageQuerySet


class EventIndexPage(RoutablePageMixin, SectionIndexPage):
    introduction = models.TextField(blank=True, help_text="A sentence or two above the list of events.")

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    subpage_types = ["events.EventPage"]
    content_type_label = "Events"
    summary_fallback_field = "introduction"
    past_per_page = 20

    class Meta:
        verbose_name = "events index"

    @path("")
    def upcoming(self, request):
        return upcoming_listing(self, request, EventPage.objects.all())

    @path("past/")
    def past(self, request):
        return past_listing(self, request, EventPage.objects.all())


class EventPage(BasePage):
    SCHEDULED, CANCELLED, POSTPONED, MOVED_ONLINE = "scheduled", "cancelled", "postponed", "moved_online"
    STATUS_CHOICES = [
        (SCHEDULED, "Going ahead as planned"),
        (CANCELLED, "Cancelled"),
        (POSTPONED, "Postponed"),
        (MOVED_ONLINE, "Moved online"),
    ]
    STATUS_LABELS = {CANCELLED: "Cancelled", POSTPONED: "Postponed", MOVED_ONLINE: "Moved online"}

    summary = models.TextField(max_length=400, help_text="One or two sentences: what happens and why come.")
    date_tbc = models.BooleanField(
        "date to be confirmed",
        default=False,
        help_text="Tick when there is no date yet. Leave start and end empty; the event is listed under "
        "'Date to be confirmed' and left out of calendar feeds.",
    )
    start = models.DateTimeField(null=True, blank=True, help_text="When it starts, UK time.")
    end = models.DateTimeField(
        null=True, blank=True, help_text="When it ends, UK time. For an all-day event, the last day it runs."
    )
    all_day = models.BooleanField(default=False, help_text="Tick for an event that lasts whole days: times are ignored.")
    status = models.CharField(
        max_length=20,
        choices=STATUS_CHOICES,
        default=SCHEDULED,
        help_text="Cancelled and postponed events stay listed and in calendars, clearly labelled.",
    )

    venue_name = models.CharField(max_length=200, blank=True, help_text="e.g. 'K&C Mind Meeting Room'.")
    address = models.TextField(blank=True, help_text="Street address, without the postcode.")
    postcode = models.CharField(max_length=10, blank=True, help_text="e.g. 'SW7 2HE'.")
    online_url = models.URLField(blank=True, help_text="The link to join online, if it happens online.")
    venue_on_registration = models.BooleanField(
        default=False, help_text="Tick if the venue is only given to people who register."
    )

    audiences = ParentalManyToManyField(
        "core.Audience", blank=True, related_name="events", help_text="Who the event is for."
    )
    register_email = models.EmailField(blank=True, help_text="Email address to register or ask about a place.")
    register_url = models.URLField(blank=True, help_text="Web page where people register, if there is one.")
    register_instructions = models.TextField(
        blank=True, help_text="How to register, in plain words, e.g. 'Email Zoe to reserve your space'."
    )
    waiting_list = models.BooleanField(default=False, help_text="Tick if people join a waiting list rather than book.")
    cost = models.CharField(max_length=100, blank=True, help_text="e.g. 'Free' or '£5, free for members'.")
    price = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The price in pounds as a number, for search engines (0 for free). Leave empty if unsure.",
    )
    accessibility = models.TextField(
        blank=True, help_text="Step-free access, hearing loop, quiet room, toilets, anything people should know."
    )

    repeat = models.CharField(
        max_length=20,
        choices=recurrence.FREQUENCY_CHOICES,
        default=recurrence.NONE,
        blank=True,
        help_text="How the event repeats. The start date sets the day: e.g. a start on the second Tuesday "
        "with 'Monthly on the same weekday' repeats every second Tuesday.",
    )
    repeat_interval = models.PositiveSmallIntegerField(
        default=1, help_text="1 for every week or month, 2 for every other, and so on."
    )
    repeat_until = models.DateField(null=True, blank=True, help_text="Last date it can repeat on (optional).")
    repeat_count = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Or: how many times it happens in all, counting the first (optional)."
    )

    body = StreamField(ContentBlock(), blank=True, help_text="More about the event.")

    ical_uid = models.UUIDField(
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="Calendar identifier: never changes, so calendars update the event rather than duplicate it.",
    )
    series_end = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="Worked out on save: when the last occurrence ends (empty for an open-ended series).",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("date_tbc"),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
                FieldPanel("status"),
            ],
            heading="When",
        ),
        MultiFieldPanel(
            [
                FieldPanel("repeat"),
                FieldPanel("repeat_interval"),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
                InlinePanel("excluded_dates", label="Dates it does not happen"),
            ],
            heading="Repeats",
            classname="collapsed",
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldPanel("online_url"),
                FieldPanel("venue_on_registration"),
                FieldPanel("accessibility"),
            ],
            heading="Where",
        ),
        MultiFieldPanel(
            [
                FieldPanel("audiences"),
                FieldPanel("register_email"),
                FieldPanel("register_url"),
                FieldPanel("register_instructions"),
                FieldPanel("waiting_list"),
                FieldRowPanel([FieldPanel("cost"), FieldPanel("price")]),
            ],
            heading="Who it is for and how to register",
        ),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("venue_name"),
        index.SearchField("body"),
        index.FilterField("start"),
        index.FilterField("status"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    content_type_label = "Event"
    summary_fallback_field = "summary"
    card_shows_image = False  # events/includes/event_card.html
    # A copy is a new event: it must not share the original's calendar identity.
    exclude_fields_in_copy = ["ical_uid"]

    # EventPage.objects.listed(), .upcoming_occurrences(), .for_feeds()...: events.querysets
    objects = PageManager.from_queryset(EventPageQuerySet)()

    class Meta:
        verbose_name = "event"

    # --- validation and derived fields ---------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.date_tbc:
            if self.start or self.end:
                errors["date_tbc"] = "An event with its date to be confirmed has no start or end: clear them, or untick this."
            if self.repeat != recurrence.NONE:
                errors["repeat"] = "An event with its date to be confirmed cannot repeat yet."
        else:
            if not self.start:
                errors["start"] = "Give a start date and time, or tick 'date to be confirmed'."
            elif self.end and self.end_local_date_or_time() < self.start_local_date_or_time():
                errors["end"] = "The end must be after the start."
            elif self.end and not self.all_day and self.end == self.start:
                errors["end"] = "The end must be after the start."
        if self.repeat != recurrence.NONE:
            if self.repeat_until and self.start and self.repeat_until < timezone.localtime(self.start).date():
                errors["repeat_until"] = "The last repeat date must be on or after the start date."
            if self.repeat_until and self.repeat_count:
                errors["repeat_count"] = "Give either a last date or a number of times, not both."
        if not self.repeat_interval:
            errors["repeat_interval"] = "Use 1 or more."
        if errors:
            raise ValidationError(errors)

    def start_local_date_or_time(self):
        local = timezone.localtime(self.start)
        return local.date() if self.all_day else local

    def end_local_date_or_time(self):
        local = timezone.localtime(self.end)
        return local.date() if self.all_day else local

    def save(self, *args, **kwargs):
        self.series_end = recurrence.series_end(self)
        super().save(*args, **kwargs)

    # --- what templates and feeds read ----------------------------------------

    @property
    def listing_date(self):
        return timezone.localtime(self.start).date() if self.start else None

    @property
    def is_recurring(self):
        return self.repeat != recurrence.NONE and self.start is not None

    @property
    def status_label(self):
        return self.STATUS_LABELS.get(self.status, "")

    @property
    def location_text(self):
        """One line for calendars and cards."""
        if self.status == self.MOVED_ONLINE or (self.online_url and not (self.venue_name or self.address)):
            return f"Online: {self.online_url}" if self.online_url else "Online"
        parts = [self.venue_name, ", ".join(line.strip() for line in self.address.splitlines() if line.strip()),
                 self.postcode]
        text = ", ".join(part for part in parts if part)
        if self.venue_on_registration:
            return f"{text} (venue given on registration)" if text else "Venue given on registration"
        return text

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        coming = self.occurrences(after=now, limit=6)
        shown = coming[0] if coming else (self.occurrences(limit=1) or [None])[0]
        url = self.get_full_url(request)
        details = f"{self.summary}\n\n{url}"
        context.update(
            occurrence=shown,
            is_past=bool(shown and not coming),
            coming=coming,
            repeat_text=recurrence.describe(self),
            **feed_urls(request),
        )
        if shown and shown.start and not self.date_tbc:
            context.update(
                ics_url=reverse("event_ics", kwargs={"slug": self.slug}),
                google_url=display.google_link(shown, details),
                outlook_url=display.outlook_link(shown, details),
            )
        organiser = "Kensington and Chelsea Mind"
        context["json_ld"] = mark_safe(display.json_ld(self, shown, url, organiser))
        return context

    @property
    def first_occurrence(self):
        """The first date (or an undated stand-in for a TBC event), for cards."""
        found = self.occurrences(limit=1)
        return found[0] if found else recurrence.Occurrence(self, None, None, self.all_day)

    def occurrences(self, after=None, limit=None):
        return recurrence.occurrences(self, after=after, limit=limit)

    def feed_fingerprint(self):
        """What a subscriber's calendar must hear about: time, place and status."""
        excluded = sorted(str(d.date) for d in self.excluded_dates.all())
        parts = [self.date_tbc, self.start, self.end, self.all_day, self.status, self.repeat, self.repeat_interval,
                 self.repeat_until, self.repeat_count, excluded, self.location_text, self.online_url]
        return hashlib.sha256(repr(parts).encode()).hexdigest()


class EventExcludedDate(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="excluded_dates")
    date = models.DateField(help_text="A date on which a repeating event does not happen, e.g. a bank holiday.")

    panels = [FieldPanel("date")]

    class Meta(Orderable.Meta):
        verbose_name = "date it does not happen"


class EventFeedState(models.Model):
    """Calendar bookkeeping kept outside page revisions, so publishing an old
    revision can never wind SEQUENCE back."""

    page = models.OneToOneField(
        EventPage, on_delete=models.CASCADE, related_name="feed_state", help_text="The event this describes."
    )
    sequence = models.PositiveIntegerField(
        default=0, help_text="iCalendar SEQUENCE: raised when a published change moves the time, place or status."
    )
    fingerprint = models.CharField(max_length=64, blank=True, help_text="Hash of the last published time, place and status.")
    fragment = models.TextField(
        blank=True, help_text="The event's VEVENT as served in feeds, kept so big feeds are quick to build."
    )
    fragment_key = models.CharField(
        max_length=64, blank=True, help_text="What the stored VEVENT was built from; a mismatch rebuilds it."
    )

    class Meta:
        verbose_name = "event calendar state"

    def __str__(self):
        return f"{self.page_id}: sequence {self.sequence}"
