"""Rebuild the words "Did you mean ...?" draws on (search/spelling.py), so that searches never wait for it."""

from django.core.management.base import BaseCommand

from search import spelling


class Command(BaseCommand):
    help = (
        "Rebuild the search's spelling vocabulary from the live, public pages, the glossary and the "
        "taxonomies, dropping words no longer on the site. Run daily (run_daily_jobs does)."
    )

    def handle(self, *args, **options):
        spelling.rebuild()
        self.stdout.write(f"Search vocabulary rebuilt: {len(spelling.vocabulary().words)} words.")
