"""The "Story moderators" group: the only people (with superusers) who can read,
export and delete what readers send through "Share your story"."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Story moderators"
PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("stories", "view_storysubmission"),
    ("stories", "change_storysubmission"),
    ("stories", "delete_storysubmission"),
    ("stories", "add_contentnote"),
    ("stories", "change_contentnote"),
    ("stories", "view_contentnote"),
]


def create_group(apps, schema_editor):
    # Model permissions are normally created after all migrations have run: make them now.
    config = apps.get_app_config("stories")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, codename in PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
