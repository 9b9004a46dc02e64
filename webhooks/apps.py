from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self):
        from django.core import checks
        from django.db.models.signals import pre_delete
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import signals
        from .checks import check_webhook_settings

        checks.register(check_webhook_settings)
        page_published.connect(signals.published, dispatch_uid="webhooks_published")
        page_unpublished.connect(
            signals.unpublished, dispatch_uid="webhooks_unpublished"
        )
        post_page_move.connect(signals.moved, dispatch_uid="webhooks_moved")
        # Before the row is gone: the payload needs the page's address and locale.
        pre_delete.connect(
            signals.deleted, sender=Page, dispatch_uid="webhooks_deleted"
        )
