"""One import started from the admin: the uploaded files, the options and the report.

The files are kept in Django's default storage (the media folder, or S3) only
until the background task has read them: a WordPress export holds drafts,
private posts and the authors' e-mail addresses, so it is deleted as soon as
the run ends. The report stays.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def upload_path(run, filename):
    """A folder no one can guess, per upload, so a file is never served by name."""
    return f"imports/{uuid.uuid4().hex}/{filename}"


class ImportRun(models.Model):
    class Kind(models.TextChoices):
        WORDPRESS = "wordpress", _("WordPress articles")
        PROJECTS = "projects", _("Project list")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Stopped")

    kind = models.CharField(_("what"), max_length=12, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    file_name = models.CharField(_("file"), max_length=255)
    source_file = models.FileField(upload_to=upload_path, max_length=255, blank=True)
    media_file = models.FileField(upload_to=upload_path, max_length=255, blank=True)
    partners_file = models.FileField(upload_to=upload_path, max_length=255, blank=True)
    map_file = models.FileField(upload_to=upload_path, max_length=255, blank=True)
    options = models.JSONField(_("options"), default=dict, blank=True)
    report = models.JSONField(_("report"), default=dict, blank=True)
    error = models.TextField(_("why it stopped"), blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.file_name}"

    @property
    def finished(self):
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def dry_run(self):
        return bool(self.options.get("dry_run"))

    def uploads(self):
        return [
            upload
            for upload in (
                self.source_file,
                self.media_file,
                self.partners_file,
                self.map_file,
            )
            if upload
        ]

    def delete_uploads(self):
        for upload in self.uploads():
            upload.delete(save=False)
        self.save(
            update_fields=["source_file", "media_file", "partners_file", "map_file"]
        )
