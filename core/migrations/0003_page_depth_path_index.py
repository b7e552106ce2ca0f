"""An index on Wagtail's page tree by (depth, path), for "the children of a page".

Treebeard asks for a page's children as `depth = d AND path BETWEEN p0000 AND pZZZZ`.
With only the unique index on `path`, that range holds every descendant, not just the
children: the navigation's top-level pages (core/navigation.py, on every page and
search) read all 10,000 pages of a site whose pages sit in one section, for the 9
it lists. With (depth, path) the database reads the children only.
"""

from django.db import migrations

INDEX = "core_page_depth_path"


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_site_settings_share_image"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "wagtailcore_page" ("depth", "path")',
            f'DROP INDEX IF EXISTS "{INDEX}"',
        ),
    ]
