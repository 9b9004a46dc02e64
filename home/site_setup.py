"""The site structure that must exist on every database: locales and home pages.

Run after every ``migrate`` (and after a test database is flushed), so a fresh
database serves `/` and `/en/` without any further command. Idempotent: it only
creates what is missing and never touches pages editors have changed.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.management import create_contenttypes
from django.db import connection, transaction
from wagtail.models import Collection, Locale, Page, Site

from .models import HomePage
from .translations import translate

HOME_TITLE = "Interreg-historier"
HOME_TITLE_EN = "Interreg Stories"
HOME_SLUG = "home"


def ensure_site_structure(using="default", **kwargs):
    required_tables = {
        "wagtailcore_locale",
        "home_homepage",
        "wagtail_localize_translation",
    }
    if not required_tables <= set(connection.introspection.table_names()):
        return
    # After a flush this runs before the content types are back (home is the
    # first app); make them now, as their own post_migrate handler would.
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0, using=using)
    with transaction.atomic():
        if Collection.get_first_root_node() is None:
            Collection.add_root(name="Root")
        locales = ensure_locales()
        home = ensure_home_page(locales[settings.LANGUAGE_CODE])
        for language_code, locale in locales.items():
            if language_code != settings.LANGUAGE_CODE:
                ensure_home_translation(home, locale)


def ensure_locales():
    """A Locale row for every content language, keyed by language code."""
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    }


def ensure_home_page(locale):
    """The default-language HomePage the default Site serves; created if missing."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific

    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))

    home = HomePage.objects.filter(depth=2, locale=locale).first()
    if home is None:
        # Wagtail's initial migration leaves a plain "Welcome" page where ours goes.
        Page.objects.filter(
            depth=2, slug=HOME_SLUG, content_type__model="page", numchild=0
        ).delete()
        root.refresh_from_db()
        home = root.add_child(
            instance=HomePage(title=HOME_TITLE, slug=HOME_SLUG, locale=locale)
        )
        home.save_revision().publish()

    if site is None:
        site = Site(
            hostname="localhost", port=80, is_default_site=True, site_name=HOME_TITLE_EN
        )
    site.root_page = home
    site.save()
    return home


def ensure_home_translation(home, locale):
    """The home page's wagtail-localize translation into `locale`, if missing."""
    if home.get_translation_or_none(locale) is not None:
        return
    texts = {HOME_TITLE: HOME_TITLE_EN} if locale.language_code == "en" else {}
    translate(home, locale, texts)
