from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from wagtail.signals import page_published

        from .signals import reindex_published_page

        page_published.connect(reindex_published_page)
