from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "stories"
    verbose_name = _("Stories")

    def ready(self):
        from wagtail.signals import page_published

        from .models import StoryPage
        from .reference_data import ensure_counties
        from .signals import mark_tips_published

        post_migrate.connect(ensure_counties, sender=self)
        page_published.connect(mark_tips_published, sender=StoryPage)
