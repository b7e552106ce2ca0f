"""One command for cron or a systemd timer: every periodic job the site needs."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

# (command, what it does) in the order they run.
JOBS = [
    ("publish_scheduled", "publish and unpublish pages whose scheduled time has come"),
    ("purge_story_submissions", "delete story submissions past their retention period"),
    ("searchpromotions_garbage_collect", "delete search counts older than WAGTAILSEARCH_HITS_MAX_AGE days"),
    ("clearsessions", "delete expired login sessions"),
    ("build_search_vocabulary", "rebuild the words search suggests respellings from"),
]


class Command(BaseCommand):
    help = (
        "Run the site's daily jobs: " + "; ".join(f"{name} ({what})" for name, what in JOBS) + ". "
        "A failed job does not stop the others; the command then exits with an error."
    )

    def handle(self, *args, **options):
        failed = []
        for name, _ in JOBS:
            self.stdout.write(f"Running {name}")
            try:
                call_command(name, stdout=self.stdout, stderr=self.stderr)
            except Exception as error:  # noqa: BLE001  (report it, run the rest)
                self.stderr.write(f"{name} failed: {error}")
                failed.append(name)
        if failed:
            raise CommandError(f"These daily jobs failed: {', '.join(failed)}")
        self.stdout.write(self.style.SUCCESS("Daily jobs done."))
