from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

BOOKKEEPING_FIELDS = {"file_size", "file_hash"}
SETTINGS_MODELS = ("home.SiteSettings",)


def invalidate_unless_created(created=False, **kwargs):
    """Settings rows are created with their defaults on first use; that changes
    nothing already shown. Any later save does."""
    from interreg.page_cache import invalidate

    if not created:
        invalidate()


def invalidate_unless_bookkeeping(update_fields=None, **kwargs):
    """Images save their file size and hash the first time they are rendered;
    that changes nothing readers see."""
    from interreg.page_cache import invalidate

    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    invalidate()


def connect_page_cache_invalidation():
    """Forget cached pages whenever what they show may have changed."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from interreg.page_cache import invalidate

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate, dispatch_uid=f"page_cache_{signal!r}")
    for label in SETTINGS_MODELS:
        post_save.connect(
            invalidate_unless_created,
            sender=apps.get_model(label),
            dispatch_uid=f"page_cache_save_{label}",
        )
    post_save.connect(
        invalidate_unless_bookkeeping,
        sender=apps.get_model("wagtailimages.Image"),
        dispatch_uid="page_cache_save_image",
    )
    for label in (
        "wagtailcore.Page",
        "wagtailcore.Site",
        "wagtailredirects.Redirect",
        "stories.Programme",
        "stories.Theme",
        "stories.Contact",
        # An image's "may be shared" choice: the card and the republish HTML.
        "stories.ImageReuse",
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
        from . import (
            lookups,  # noqa: F401 (registers the `any_of` lookup)
            translation_slugs,
        )
        from .site_setup import ensure_site_structure

        # After every migrate (and after a test-database flush) both locales, the
        # Norwegian home page and its English translation exist.
        post_migrate.connect(ensure_site_structure, sender=self)
        connect_page_cache_invalidation()
        translation_slugs.connect()
