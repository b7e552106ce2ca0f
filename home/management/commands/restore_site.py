from django.core.management.base import BaseCommand, CommandError

from home.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_site into the database DATABASE_URL names (empty, unless "
        "--replace) and the media storage."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz that backup_site wrote.")
        parser.add_argument(
            "--replace", action="store_true", help="Overwrite a database that already holds a site."
        )

    def handle(self, *args, archive, replace, **options):
        try:
            manifest = restore_backup(archive, replace=replace)
        except (BackupError, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(
            f"Restored the database ({manifest['database']['method']}, made {manifest['created']}) and "
            f"{len(manifest['media'])} media files from {archive}"
        ))
