from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from home.backups import BackupError, make_backup


class Command(BaseCommand):
    help = (
        "Back up the whole site: the database (SQLite backup API, or pg_dump on PostgreSQL) and every "
        "uploaded file, in one .tar.gz with a manifest. Restore it with restore_site."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help="Where to write the backup. Default: backups/peertalk-<date>-<time>.tar.gz"
        )

    def handle(self, *args, output=None, **options):
        output = Path(output or f"backups/peertalk-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz")
        try:
            manifest = make_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(
            f"Backed up the {manifest['database']['vendor']} database ({manifest['database']['method']}) and "
            f"{len(manifest['media'])} media files to {output}"
        ))
