import contextlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from stories.importers.media import DirectorySource
from stories.importers.report import ImportAborted
from stories.importers.wordpress import import_wordpress


class Command(BaseCommand):
    help = (
        "Import the posts of a WordPress export (WXR, Tools → Export) as stories "
        "under the story section of --locale, with their images (from --media, a "
        "copy of wp-content/uploads/) and redirects from their old addresses. "
        "Safe to run again: stories an editor has changed since are left alone. "
        "Exits with 1 if any post failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", type=Path, help="The WXR file (EXPORT.xml).")
        parser.add_argument(
            "--media", type=Path, help="A copy of the wp-content/uploads/ folder."
        )
        parser.add_argument("--locale", default="nb", help="nb (default) or en.")
        parser.add_argument(
            "--map",
            type=Path,
            dest="category_map",
            help="CSV of wordpress_category,programme_or_theme.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report, but write nothing."
        )

    def handle(self, *args, export, media, locale, category_map, dry_run, **options):
        try:
            with contextlib.ExitStack() as files:
                report = import_wordpress(
                    files.enter_context(export.open("rb")),
                    media=DirectorySource(media) if media else None,
                    locale=locale,
                    category_map=files.enter_context(category_map.open("rb"))
                    if category_map
                    else None,
                    dry_run=dry_run,
                )
        except (ImportAborted, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(report.as_text())
        if not report.ok:
            failed = report.counts["failed"]
            raise CommandError(
                ngettext(
                    "%(count)s post failed; see the report above.",
                    "%(count)s posts failed; see the report above.",
                    failed,
                )
                % {"count": failed},
                returncode=1,
            )
