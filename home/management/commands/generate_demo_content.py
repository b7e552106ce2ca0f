from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from home.seed import ensure_home_page

# option name -> function(count, home_page) that creates that many pages
GENERATORS = {
    "issues": "home.demo.generate_issues",
    "services": "services.demo.generate",
    "events": "events.demo.generate",
    "stories": "stories.demo.generate",
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
            try:
                import_string(GENERATORS[name])(count, home)
            except (ImportError, NotImplementedError) as error:
                raise CommandError(f"Demo {name} are not available yet: {error}") from error
            self.stdout.write(f"Created {count} demo {name}.")
