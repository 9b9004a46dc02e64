from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class HomePage(Page):
    """The root of the site in each language: `/` in Norwegian, `/en/` in English."""

    intro = models.TextField(
        _("intro"),
        blank=True,
        max_length=500,
        help_text=_("A sentence or two under the site's name on the front page."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")
