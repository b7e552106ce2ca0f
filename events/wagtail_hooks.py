"""The "Events" menu: event pages in a sortable, filterable list that links to the page editor."""

from django.contrib.admin import SimpleListFilter
from django.db.models import Q
from django.utils import timezone
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from events import display
from events.dashboard import EventsPanel
from events.models import EventPage


class WhenFilter(SimpleListFilter):
    title = "when"
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", "Upcoming"), ("past", "Past"), ("tbc", "Date to be confirmed")]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "upcoming":
            return queryset.filter(date_tbc=False).filter(Q(series_end__isnull=True) | Q(series_end__gte=now))
        if self.value() == "past":
            return queryset.filter(date_tbc=False, series_end__lt=now)
        if self.value() == "tbc":
            return queryset.filter(date_tbc=True)
        return queryset


@modeladmin_register
class EventAdmin(ModelAdmin):
    model = EventPage
    menu_label = "Events"
    menu_icon = "date"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ("title", "when", "status", "who_for", "live")
    list_filter = (WhenFilter, "audiences", "status")
    search_fields = ("title", "summary", "venue_name")
    ordering = ("-start",)
    list_per_page = 50
    list_export = ("title", "when", "status", "who_for", "venue_name", "live")
    export_filename = "events"

    def get_queryset(self, request):
        return super().get_queryset(request).defer_streamfields().prefetch_related("audiences", "excluded_dates")

    def when(self, obj):
        return display.when_text(obj.first_occurrence)

    def who_for(self, obj):
        return ", ".join(a.name for a in obj.audiences.all())

    who_for.short_description = "who it is for"


@hooks.register("construct_homepage_panels")
def add_events_panel(request, panels):
    panels.append(EventsPanel())
