"""A RUM index on `title || body` of the search index, where PostgreSQL has
the extension (`search.ranking` reads search hits in rank order from it).

RUM is not part of PostgreSQL: Debian packages it as `postgresql-NN-rum`
(`make system-packages` installs it beside a local server), and creating the
extension needs a superuser. Without it the migration makes nothing and
search ranks every match as before; to add it later, install the package and
run `python manage.py migrate search 0001` then `python manage.py migrate`.
"""

from django.db import DatabaseError, migrations, transaction

NAME = "search_indexentry_rum"


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
                f"CREATE INDEX IF NOT EXISTS {NAME} ON wagtailsearch_indexentry "
                "USING rum ((title || body) rum_tsvector_ops)"
            )
    except DatabaseError as error:
        # Installed but not ours to create (no superuser): search still works.
        print(f"\n  search: no RUM index ({error}); search ranks every match.")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index_entry_title_body_index")]

    operations = [migrations.RunPython(create, drop)]
