from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from modelsearch.index import get_indexed_models
        from wagtail.signals import page_published

        from .signals import (
            queue_index_update,
            reindex_published_page,
            remove_from_index,
        )

        page_published.connect(reindex_published_page)
        # The page types that leave their index updates to search.signals.
        for model in get_indexed_models():
            if model.__dict__.get("search_auto_update") is False:
                post_save.connect(queue_index_update, sender=model)
                post_delete.connect(remove_from_index, sender=model)
