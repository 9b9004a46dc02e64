"""A RUM index on `title || body` of the search index, where PostgreSQL has
the extension (`search.ranking` reads search hits in rank order from it).

The index is on `search_document(title, body)`, PostgreSQL's own `||` for
text-search vectors under a name that tells the planner what it costs:
joining two vectors copies the body's (microseconds), where the planner
prices any operator at 0.0025 of a page read (`cpu_operator_cost`). Priced
so, it counted a common word's 10,000 matches by joining each entry's vectors
(45 ms at 10,000 stories) rather than from the index (5 ms), and sorted every
match rather than read the first few in order. The content type is in the
index too, so the first projects are read without ranking every story.

RUM is not part of PostgreSQL: Debian packages it as `postgresql-NN-rum`
(`make system-packages` installs it beside a local server), and creating the
extension needs a superuser. Without it the migration makes nothing and
search ranks every match as before; to add it later, install the package and
run `python manage.py migrate search 0001` then `python manage.py migrate`.
"""

from django.db import DatabaseError, migrations, transaction

NAME = "search_indexentry_rum"
FUNCTION = "search_document(tsvector, tsvector)"


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if cursor.fetchone() is None:
            return
    try:
        with transaction.atomic(using=connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS rum")
            schema_editor.execute(
                f"CREATE OR REPLACE FUNCTION {FUNCTION} RETURNS tsvector "
                "LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE COST 1000 "
                "AS 'tsvector_concat'"
            )
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {NAME} ON wagtailsearch_indexentry "
                "USING rum (search_document(title, body) rum_tsvector_ops, "
                "content_type_id rum_int4_ops)"
            )
    except DatabaseError as error:
        # Installed but not ours to create (no superuser): search still works.
        print(f"\n  search: no RUM index ({error}); search ranks every match.")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index_entry_title_body_index")]

    operations = [migrations.RunPython(create, drop)]
