from django.core.management.base import BaseCommand

from home.models import NewsletterIssuePage
from home.seed import load_seed


class Command(BaseCommand):
    help = "Load the #PeerTalk seed issue and its services, events, stories and glossary. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the site already has a newsletter issue."
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and NewsletterIssuePage.objects.exists():
            self.stdout.write("The site already has newsletter issues: seed content not loaded.")
            return
        load_seed(stdout=self.stdout)
