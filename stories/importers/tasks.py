"""The background task that runs an import started in the admin.

It runs exactly what the commands run, on the files the admin stored, and keeps
the report on the `ImportRun`. The uploaded files are deleted when it ends.
"""

import logging

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from stories.models import ImportRun

from .media import ZipSource
from .projects import import_projects
from .report import ImportAborted
from .wordpress import import_wordpress

logger = logging.getLogger(__name__)


def queue_import(run):
    """Start `run` in the background once the upload is committed."""
    transaction.on_commit(lambda: run_import.enqueue(run.pk))


def _run(run):
    options = run.options
    user = run.user
    if run.kind == ImportRun.Kind.WORDPRESS:
        with run.source_file.open("rb") as source:
            media = ZipSource(run.media_file.open("rb")) if run.media_file else None
            category_map = run.map_file.open("rb") if run.map_file else None
            try:
                return import_wordpress(
                    source,
                    media=media,
                    locale=options.get("locale", "nb"),
                    category_map=category_map,
                    dry_run=run.dry_run,
                    user=user,
                )
            finally:
                for upload in (run.media_file, run.map_file):
                    if upload:
                        upload.close()
    with run.source_file.open("rb") as source:
        partners = run.partners_file.open("rb") if run.partners_file else None
        try:
            return import_projects(
                source,
                filename=run.file_name,
                partners=partners,
                partners_filename=options.get("partners_name", ""),
                programme=options.get("programme") or None,
                publish=bool(options.get("publish")),
                dry_run=run.dry_run,
                user=user,
            )
        finally:
            if partners is not None:
                run.partners_file.close()


@task()
def run_import(run_id):
    run = ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.QUEUED).first()
    if run is None:
        return
    run.status = ImportRun.Status.RUNNING
    run.save(update_fields=["status"])
    try:
        with translation.override(run.options.get("language")):
            report = _run(run)
    except ImportAborted as error:
        run.status = ImportRun.Status.FAILED
        run.error = str(error)
    except Exception:
        # A bug: the run shows that it stopped (the page stops waiting), and
        # the task fails with the traceback for whoever looks after the site.
        run.status = ImportRun.Status.FAILED
        with translation.override(run.options.get("language")):
            run.error = _(
                "The import stopped because of an error in the site. Nothing more "
                "was imported; ask whoever looks after the site to check the log."
            )
        logger.exception("Import %s stopped", run.pk)
        raise
    else:
        run.status = ImportRun.Status.DONE
        run.report = report.as_dict()
    finally:
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "error", "report", "finished_at"])
        run.delete_uploads()
