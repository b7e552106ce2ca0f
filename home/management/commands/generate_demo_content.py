from django.core.management.base import BaseCommand, CommandError

from events import demo as events_demo
from home.demo import generate_issues
from home.seed import ensure_home_page
from services import demo as services_demo
from stories import demo as stories_demo

# option name -> function(count, home_page) that creates that many pages
GENERATORS = {
    "issues": generate_issues,
    "services": services_demo.generate,
    "events": events_demo.generate,
    "stories": stories_demo.generate,
}


class Command(BaseCommand):
    help = "Create N varied demo pages of each kind, for scale tests and benchmarks."

    def add_arguments(self, parser):
        for name in GENERATORS:
            parser.add_argument(f"--{name}", type=int, default=0, metavar="N", help=f"How many {name} to create.")

    def handle(self, *args, **options):
        counts = {name: options[name] for name in GENERATORS if options[name]}
        if not counts:
            raise CommandError("Say how many of something to create, e.g. --issues 20.")
        if any(count < 0 for count in counts.values()):
            raise CommandError("Counts must be positive numbers.")
        home = ensure_home_page()
        for name, count in counts.items():
            GENERATORS[name](count, home)
            self.stdout.write(f"Created {count} demo {name}.")
