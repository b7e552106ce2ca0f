"""Editors, Reviewers and Story moderators, with their permissions (see home/groups.py),
so a site set up without the seed has groups that work."""

from django.db import migrations

from home.groups import set_up_groups


def forwards(apps, schema_editor):
    set_up_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_writing_check_settings"),
        ("core", "0002_site_settings_share_image"),
        ("stories", "0001_initial"),
        ("events", "0001_initial"),
        ("services", "0001_initial"),
        ("search", "0002_postgres_search_gin_index"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
