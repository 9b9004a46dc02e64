import contextlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from stories.importers.projects import import_projects
from stories.importers.report import ImportAborted


class Command(BaseCommand):
    help = (
        "Import a programme's list of operations (an .xlsx workbook with the sheets "
        "Operations and Partners, or CSV files) as project pages, matched on "
        "(programme, project ID). The format is in DESIGN.md, “Project list "
        "import”. New projects are drafts unless --publish. Running the same file "
        "again changes nothing. Exits with 1 if any row failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="FILE.xlsx or FILE.csv")
        parser.add_argument(
            "--partners", type=Path, help="The partners as a second CSV file."
        )
        parser.add_argument(
            "--programme", help="Programme slug or name for rows that give none."
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish new and changed projects (otherwise they are drafts).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report, but write nothing."
        )

    def handle(self, *args, file, partners, programme, publish, dry_run, **options):
        try:
            with contextlib.ExitStack() as files:
                report = import_projects(
                    files.enter_context(file.open("rb")),
                    filename=file.name,
                    partners=files.enter_context(partners.open("rb"))
                    if partners
                    else None,
                    partners_filename=partners.name if partners else "",
                    programme=programme,
                    publish=publish,
                    dry_run=dry_run,
                )
        except (ImportAborted, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(report.as_text())
        if not report.ok:
            failed = report.counts["failed"]
            raise CommandError(
                ngettext(
                    "%(count)s row failed; see the report above.",
                    "%(count)s rows failed; see the report above.",
                    failed,
                )
                % {"count": failed},
                returncode=1,
            )
