"""Previewing drafts in the headless front end (wagtail-headless-preview)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail_headless_preview.models import HeadlessPreviewMixin

FRONT_END = "front-end"


class FrontEndPreviewMixin(HeadlessPreviewMixin):
    """Adds a "Front end" preview mode when FRONTEND_PREVIEW_URL is set.

    Wagtail's own preview (the server-rendered site) stays the default; the front
    end fetches the draft from /api/v2/page_preview/ with the token it is given.
    """

    @property
    def preview_modes(self):
        modes = [("", _("Site"))]
        if settings.FRONTEND_PREVIEW_URL:
            modes.append((FRONT_END, _("Front end")))
        return modes

    def serve_preview(self, request, mode_name):
        if mode_name == FRONT_END:
            return HeadlessPreviewMixin.serve_preview(self, request, mode_name)
        return Page.serve_preview(self, request, mode_name)
