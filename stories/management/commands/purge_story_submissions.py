from django.core.management.base import BaseCommand, CommandError

from stories.models import DEFAULT_RETENTION_DAYS, StorySubmission
from stories.moderation import erase


class Command(BaseCommand):
    help = (
        "Delete story submissions older than DAYS days (default %d) unless a live story was made from them, "
        "with any unpublished story page made from them. "
        "Run it daily, e.g. from cron." % DEFAULT_RETENTION_DAYS
    )

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, default=DEFAULT_RETENTION_DAYS, metavar="DAYS", dest="days")
        parser.add_argument("--dry-run", action="store_true", help="Only say how many would be deleted.")

    def handle(self, *args, days, dry_run, **options):
        if days < 1:
            raise CommandError("--older-than must be at least 1 day.")
        expired = StorySubmission.expired(days=days)
        count = expired.count()
        if not dry_run:
            # One at a time: each takes its unpublished story page (and that page's
            # revisions, index entry and history labels) with it.
            for submission in expired.select_related("story_page"):
                erase(submission)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {count} story submission{'s' if count != 1 else ''} older than {days} days.")
