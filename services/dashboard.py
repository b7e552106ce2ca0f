"""The editors' dashboard panel for the directory: services overdue for review
(oldest first) and those due in the next 30 days. Four SQL queries, however
many services there are."""

import datetime

from django.utils import timezone
from wagtail.admin.ui.components import Component

from core.dashboard import DashboardSection

from .models import ServicePage

DUE_SOON_DAYS = 30
SHOWN = 8


class ServicesReviewPanel(Component):
    name = "peertalk_services_review"
    template_name = "services/admin/dashboard_panel.html"
    order = 130

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        services = ServicePage.objects.defer_streamfields().only(
            "pk", "title", "live", "next_review", "checked_on"
        ).order_by("next_review", "title", "pk")
        overdue = services.filter(next_review__lt=today)
        soon = services.filter(next_review__gte=today, next_review__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))
        return {
            "sections": [
                DashboardSection("overdue", "Overdue for review, oldest first", overdue.count(),
                                 list(overdue[:SHOWN]), filter="?review=overdue"),
                DashboardSection("soon", "Due for review in the next 30 days", soon.count(),
                                 list(soon[:SHOWN]), filter="?review=soon"),
            ],
            "today": today,
        }
