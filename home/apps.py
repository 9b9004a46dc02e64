from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = _("Home")

    def ready(self):
        from .site_setup import ensure_site_structure

        # After every migrate (and after a test-database flush) both locales, the
        # Norwegian home page and its English translation exist.
        post_migrate.connect(ensure_site_structure, sender=self)
