"""Indexes for finding a tag's translation (stories/tags.py, PostgreSQL).

A tag is a translatable string of every page that carries it, so at
`make bench`'s volume one tag has some 1,800 translation contexts: looking up
its English word read all 105,000 contexts (`path` has no index in
wagtail-localize), and finding the Norwegian tag of an English one compared
every translated string (`data` neither). 16 ms and 33 ms on every tag-filtered
story index (its language switcher); with these, under 0.1 ms. A hash index on
`data`, since a string may be longer than a btree entry allows.
"""

from django.db import migrations

INDEXES = {
    "localize_context_path_idx": (
        "wagtail_localize_translationcontext (path text_pattern_ops)"
    ),
    "localize_stringtranslation_data_idx": (
        "wagtail_localize_stringtranslation USING hash (data)"
    ),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, target in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0011_search_join_indexes"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create, drop)]
