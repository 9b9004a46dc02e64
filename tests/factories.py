"""Factories that build exactly the data a test needs."""

import datetime

import factory
import wagtail_factories
from django.conf import settings
from factory.django import DjangoModelFactory
from wagtail.models import Locale, Site

from home.models import HomePage
from stories.models import (
    Contact,
    Programme,
    ProjectIndexPage,
    ProjectPage,
    StoryIndexPage,
    StoryPage,
    Theme,
)


def default_locale():
    return Locale.objects.get(language_code=settings.LANGUAGE_CODE)


def home_page(language_code=settings.LANGUAGE_CODE):
    """The home page every test database has (see home.site_setup)."""
    home = Site.objects.get(is_default_site=True).root_page.specific
    if language_code == home.locale.language_code:
        return home
    return home.get_translation(Locale.objects.get(language_code=language_code))


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Interreg Programme {n}")
    short_name = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    strand = Programme.Strand.CROSS_BORDER
    period = "2021-2027"
    locale = factory.LazyFunction(default_locale)


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme

    code = factory.Sequence(lambda n: f"TO{n % 100}")
    name = factory.Sequence(lambda n: f"Theme {n}")
    locale = factory.LazyFunction(default_locale)


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    name = "Kari Nordmann"
    role = "Journalist"
    email = "kari@example.no"
    phone = "+47 22 00 00 00"
    locale = factory.LazyFunction(default_locale)


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StoryIndexPage

    title = "Historier"
    slug = "historier"
    parent = factory.LazyFunction(home_page)


class ProjectIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProjectIndexPage

    title = "Prosjekter"
    slug = "prosjekter"
    parent = factory.LazyFunction(home_page)


class ProjectPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProjectPage

    title = factory.Sequence(lambda n: f"Prosjekt {n}")
    slug = factory.Sequence(lambda n: f"prosjekt-{n}")
    acronym = factory.Sequence(lambda n: f"PRJ{n}")
    programme = factory.SubFactory(ProgrammeFactory)
    programme_period = "2021-2027"
    start_date = datetime.date(2022, 1, 1)
    end_date = datetime.date(2026, 12, 31)
    total_budget_eur = 2_000_000
    eu_funding_eur = 1_200_000
    norwegian_funding_nok = 3_500_000
    lead_partner = "Innlandet fylkeskommune"
    summary = "Et prosjekt om samarbeid over grensen."


class StoryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StoryPage

    title = factory.Sequence(lambda n: f"Historie {n}")
    slug = factory.Sequence(lambda n: f"historie-{n}")
    intro = "Samarbeid over grensen ga resultater."
    date = datetime.date(2025, 5, 1)
    byline = "Ola Nordmann"
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>Samarbeidet ga resultater.</p>"}]
    )


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Bilde {n}")


def published(page):
    """Publish `page` (a factory builds it as a saved, live page without revision)."""
    page.save_revision().publish()
    return page


__all__ = [
    "ContactFactory",
    "HomePage",
    "ImageFactory",
    "ProgrammeFactory",
    "ProjectIndexPageFactory",
    "ProjectPageFactory",
    "StoryIndexPageFactory",
    "StoryPageFactory",
    "ThemeFactory",
    "home_page",
    "published",
]
