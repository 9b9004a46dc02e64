from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def connect_page_cache_invalidation():
    """Forget cached pages whenever what they show may have changed."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from interreg.page_cache import invalidate

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate, dispatch_uid=f"page_cache_{signal!r}")
    for label in (
        "wagtailcore.Page",
        "wagtailcore.Site",
        "wagtailimages.Image",
        "wagtailredirects.Redirect",
        "stories.Programme",
        "stories.Theme",
        "stories.Contact",
        "stories.EditorialSettings",
        "home.SiteSettings",
    ):
        model = apps.get_model(label)
        post_save.connect(
            invalidate, sender=model, dispatch_uid=f"page_cache_save_{label}"
        )
        post_delete.connect(
            invalidate, sender=model, dispatch_uid=f"page_cache_del_{label}"
        )


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = _("Home")

    def ready(self):
        from .site_setup import ensure_site_structure

        # After every migrate (and after a test-database flush) both locales, the
        # Norwegian home page and its English translation exist.
        post_migrate.connect(ensure_site_structure, sender=self)
        connect_page_cache_invalidation()
