import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Make sure a local editor account exists. Prints a new random password when it creates the "
        "account (or with --reset-password); otherwise prints nothing secret."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")
        parser.add_argument("--reset-password", action="store_true", help="Give the account a new random password.")

    def handle(self, *args, username, reset_password, **options):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": "Local", "last_name": "Editor", "email": f"{username}@localhost",
                      "is_staff": True, "is_superuser": True},
        )
        if created or reset_password:
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save()
            user.groups.add(*Group.objects.filter(name__in=["Editors", "Reviewers", "Story moderators"]))
            self.stdout.write(self.style.SUCCESS(
                f"Editor login for http://127.0.0.1:8000/admin/\n  username: {username}\n  password: {password}\n"
                "(shown once; run `make editor-password` for a new one)"
            ))
        else:
            self.stdout.write(
                f"Editor account '{username}' already exists. Forgotten the password? Run `make editor-password`."
            )
