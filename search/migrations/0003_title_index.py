"""On SQLite, an FTS5 index of the search index entries' titles alone (search.models.TitleIndexEntry).

It is an external-content table: it keeps no copy of the titles, only their words,
read from Wagtail's index entries, and triggers on those entries keep it in step
(a page indexed, reindexed, or removed from the index, as Wagtail's own FTS5 table
is kept). PostgreSQL already has a GIN index of the titles, so this does nothing there.
"""

import django.db.models.deletion
from django.db import migrations, models

TABLE = "search_titleindex_fts"


def _entries_table(apps):
    return apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table


def create_title_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    entries = _entries_table(apps)
    for statement in (
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5(title, content='{entries}', content_rowid='id')",
        f"CREATE TRIGGER search_titleindex_insert AFTER INSERT ON {entries} BEGIN "
        f"INSERT INTO {TABLE}(rowid, title) VALUES (new.id, new.title); END",
        # An external-content index forgets a row's words only when told them again.
        f"CREATE TRIGGER search_titleindex_delete AFTER DELETE ON {entries} BEGIN "
        f"INSERT INTO {TABLE}({TABLE}, rowid, title) VALUES ('delete', old.id, old.title); END",
        f"CREATE TRIGGER search_titleindex_update AFTER UPDATE ON {entries} BEGIN "
        f"INSERT INTO {TABLE}({TABLE}, rowid, title) VALUES ('delete', old.id, old.title); "
        f"INSERT INTO {TABLE}(rowid, title) VALUES (new.id, new.title); END",
        f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')",  # the entries indexed already
    ):
        schema_editor.execute(statement)


def drop_title_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for trigger in ("insert", "delete", "update"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS search_titleindex_{trigger}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_postgres_search_gin_index"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.CreateModel(
            name="TitleIndexEntry",
            fields=[
                ("index_entry", models.OneToOneField(db_column="rowid", on_delete=django.db.models.deletion.DO_NOTHING,
                                                     primary_key=True, related_name="+", serialize=False,
                                                     to="wagtailsearch.indexentry")),
                ("title", models.TextField()),
            ],
            options={"db_table": TABLE, "managed": False},
        ),
        migrations.RunPython(create_title_index, drop_title_index),
    ]
