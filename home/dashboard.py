"""The dashboard panel for the newsletter: the latest issue out, any issue
scheduled to go out, and the next draft (or a link to start one). Five SQL
queries at most, however many issues there are."""

from django.contrib.contenttypes.models import ContentType
from wagtail.admin.ui.components import Component
from wagtail.models import Revision

from .models import NewsletterIndexPage, NewsletterIssuePage

NEWEST_FIRST = ("-publication_date", "-issue_number", "-pk")


class LatestIssuePanel(Component):
    name = "peertalk_latest_issue"
    template_name = "home/admin/dashboard_panel.html"
    order = 110

    def get_context_data(self, parent_context):
        issues = NewsletterIssuePage.objects.defer_streamfields().order_by(*NEWEST_FIRST)
        scheduled_ids = [
            int(object_id)
            for object_id in Revision.objects.filter(
                content_type=ContentType.objects.get_for_model(NewsletterIssuePage), approved_go_live_at__isnull=False
            ).values_list("object_id", flat=True)
        ]
        scheduled = list(issues.filter(pk__in=scheduled_ids)) if scheduled_ids else []
        next_draft = issues.filter(live=False).exclude(pk__in=scheduled_ids).first()
        return {
            "latest_live": issues.filter(live=True).first(),
            "scheduled": scheduled,
            "next_draft": next_draft,
            "index": NewsletterIndexPage.objects.only("pk").first(),
        }
