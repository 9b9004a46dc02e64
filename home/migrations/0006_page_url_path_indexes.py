"""Indexes for routing by `url_path` (home/frame.py).

Wagtail routes by slug and keeps no index on `url_path`; the frame query finds
the pages along a path, and the home page's children, by it. Without these, it
reads every page of the site (17 ms at 12,000 pages instead of well under 1).
"""

from django.db import migrations

INDEXES = {
    "home_page_url_path": "(url_path {ops})",
    "home_page_depth_url_path": "(depth, url_path {ops})",
}


def create(apps, schema_editor):
    ops = "text_pattern_ops" if schema_editor.connection.vendor == "postgresql" else ""
    for name, columns in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON wagtailcore_page "
            + columns.format(ops=ops)
        )


def drop(apps, schema_editor):
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_sitesettings_licence_for_reuse"),
    ]

    operations = [migrations.RunPython(create, drop)]
