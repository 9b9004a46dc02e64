from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "stories"
    verbose_name = _("Stories")

    def ready(self):
        from wagtail.signals import page_published

        from .models import StoryPage, Tip
        from .reference_data import ensure_counties
        from .signals import mark_tips_published
        from .tips.notifications import notify_on_new_tip, notify_tipsters_on_publish

        post_migrate.connect(ensure_counties, sender=self)
        page_published.connect(mark_tips_published, sender=StoryPage)
        page_published.connect(notify_tipsters_on_publish, sender=StoryPage)
        post_save.connect(notify_on_new_tip, sender=Tip)
