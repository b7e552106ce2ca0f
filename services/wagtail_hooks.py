"""The editors' "Services" menu: every service with filters, and the ones overdue for review."""

import datetime

from django.contrib import admin
from django.utils import timezone
from wagtail import hooks
from wagtail_modeladmin.menus import ModelAdminMenuItem
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .dashboard import ServicesReviewPanel
from .models import ServicePage

DUE_SOON = datetime.timedelta(days=30)


class ReviewFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", "Overdue for review"), ("soon", "Due in the next 30 days"), ("none", "Never checked")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.filter(next_review__lt=today)
        if self.value() == "soon":
            return queryset.filter(next_review__gte=today, next_review__lte=today + DUE_SOON)
        if self.value() == "none":
            return queryset.filter(checked_on__isnull=True)
        return queryset


def term_filter(title):
    """A filter on one taxonomy link, titled for editors rather than 'term'."""
    return type(f"{title.title()}Filter", (admin.RelatedFieldListFilter,), {"__init__": _titled(title)})


def _titled(title):
    def __init__(self, *args, **kwargs):
        admin.RelatedFieldListFilter.__init__(self, *args, **kwargs)
        self.title = title

    return __init__


class ServicePageAdmin(ModelAdmin):
    model = ServicePage
    menu_label = "All services"
    menu_icon = "list-ul"
    list_display = ("title", "organisation_name", "status", "checked_on", "next_review", "review_state")
    list_filter = (
        ("audience_links__term", term_filter("who it is for")),
        ("delivery_links__term", term_filter("how it is delivered")),
        "status",
        ReviewFilter,
    )
    search_fields = ("title", "organisation_name", "summary")
    ordering = ("next_review", "title")
    list_export = ("title", "organisation_name", "status", "checked_on", "next_review", "review_state", "live")
    export_filename = "services"

    @admin.display(description="Review")
    def review_state(self, service):
        if service.review_overdue:
            return "Overdue"
        return "" if service.checked_on else "Never checked"


class OverdueMenuItem(ModelAdminMenuItem):
    """The services listing, already filtered to those overdue for review."""

    def __init__(self, model_admin, order):
        super().__init__(model_admin, order)
        self.label = "Overdue for review"
        self.name = "services-overdue-for-review"
        self.url = f"{self.url}?review=overdue"
        self.icon_name = "warning"


class ServicesGroup(ModelAdminGroup):
    menu_label = "Services"
    menu_icon = "site"
    menu_order = 210
    items = (ServicePageAdmin,)

    def get_submenu_items(self):
        items = super().get_submenu_items()
        return items + [OverdueMenuItem(self.modeladmin_instances[0], order=len(items) + 1)]


modeladmin_register(ServicesGroup)


@hooks.register("construct_homepage_panels")
def add_services_panel(request, panels):
    panels.append(ServicesReviewPanel())
