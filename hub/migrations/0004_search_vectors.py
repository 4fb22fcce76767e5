"""The search index on PostgreSQL: a weighted `swedish` tsvector per row, with a GIN index.

A trigger keeps each row's vector current on every INSERT and UPDATE, so bulk inserts and
queryset updates are covered too. The columns are not model fields: only PostgreSQL has
them, and only hub/search.py reads them. On SQLite this migration does nothing (the search
falls back to plain matching there).
"""

from django.db import migrations

# table: (weight A, weight B, weight C), each a list of text columns.
DOCUMENTS = {
    "services_aiservice": (["title"], ["summary"], ["description", "model_name", "tag_text"]),
    "pilots_pilot": (
        ["title"],
        ["summary"],
        ["problem", "description", "results", "lessons", "tag_text"],
    ),
    "municipalities_profile": (
        ["display_name"],
        ["title", "department"],
        ["competence_text", "bio"],
    ),
}


def _weighted(columns, weight):
    text = " || ' ' || ".join(f"coalesce(NEW.{column}, '')" for column in columns)
    return f"setweight(to_tsvector('swedish', {text}), '{weight}')"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, weights in DOCUMENTS.items():
        document = " || ".join(
            _weighted(columns, weight) for columns, weight in zip(weights, "ABC", strict=True)
        )
        schema_editor.execute(f"ALTER TABLE {table} ADD COLUMN search_vector tsvector")
        schema_editor.execute(
            f"""
            CREATE FUNCTION {table}_search_vector() RETURNS trigger AS $$
            BEGIN
                NEW.search_vector := {document};
                RETURN NEW;
            END
            $$ LANGUAGE plpgsql
            """
        )
        schema_editor.execute(
            f"CREATE TRIGGER {table}_search_vector BEFORE INSERT OR UPDATE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_search_vector()"
        )
        schema_editor.execute(f"UPDATE {table} SET id = id")
        schema_editor.execute(
            f"CREATE INDEX {table}_search_idx ON {table} USING gin (search_vector)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in DOCUMENTS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_search_vector ON {table}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_search_vector()")
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0003_seed_synonyms"),
        ("services", "0002_search_text"),
        ("pilots", "0002_search_text"),
        ("municipalities", "0005_search_text"),
    ]

    operations = [migrations.RunPython(create, drop)]
