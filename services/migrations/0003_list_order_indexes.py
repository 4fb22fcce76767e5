"""The catalogue's default order, newest first, as an index (PostgreSQL only).

The list sorts by published_at DESC NULLS LAST, then created_at DESC; with this index a
page of 25 is read in order instead of sorting the whole catalogue. SQLite cannot index
NULLS LAST and needs no help at its sizes.
"""

from django.db import migrations

INDEX = "service_newest_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON services_aiservice "
            "(published_at DESC NULLS LAST, created_at DESC)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("services", "0002_search_text")]

    operations = [migrations.RunPython(create, drop)]
