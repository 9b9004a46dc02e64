"""Fixtures for a small bilingual site, shared by the content and translation tests."""

import pytest
from wagtail.models import Locale

from home.translations import string_pairs, translate
from stories.models import StoryProject
from tests.factories import (
    ContactFactory,
    ImageFactory,
    ProgrammeFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    ThemeFactory,
)


@pytest.fixture
def english():
    return Locale.objects.get(language_code="en")


def translated(instance, locale, *pairs):
    texts = {}
    for source, target in pairs:
        texts.update(string_pairs(source, target))
    return translate(instance, locale, texts)


@pytest.fixture
def content(db, english):
    """A small bilingual site: a programme, a theme, a contact, a project, a story."""
    programme = ProgrammeFactory(
        name="Interreg Sverige-Norge", short_name="Sverige-Norge", slug="sverige-norge"
    )
    translated(programme, english, ("Interreg Sverige-Norge", "Interreg Sweden-Norway"))
    theme = ThemeFactory(code="PO2", name="Et grønnere Europa")
    translated(theme, english, ("Et grønnere Europa", "A greener, low-carbon Europe"))
    contact = ContactFactory(role="Journalist og redaktør")
    translated(contact, english, ("Journalist og redaktør", "Journalist and editor"))

    story_index = StoryIndexPageFactory()
    translated(story_index, english, ("Historier", "Stories"), ("historier", "stories"))
    project_index = ProjectIndexPageFactory()
    translated(
        project_index, english, ("Prosjekter", "Projects"), ("prosjekter", "projects")
    )

    project = ProjectPageFactory(
        parent=project_index,
        title="Grenseløs viltforvaltning",
        slug="grensevilt",
        acronym="GRENSEVILT",
        programme=programme,
        lead_partner="Høgskolen i Innlandet",
        hero_image=ImageFactory(file__width=1600, file__height=900),
    )
    project.themes.set([theme])
    project.partners.create(
        organisation="Høgskolen i Innlandet", country="NO", role="lead"
    )
    project.partners.create(organisation="Karlstads universitet", country="SE")
    project.save_revision().publish()
    translated(
        project,
        english,
        ("Grenseløs viltforvaltning", "Wildlife management without borders"),
    )

    story = StoryPageFactory(
        parent=story_index,
        title="Elgen kjenner ingen grenser",
        slug="elgen",
        intro="Forskere på begge sider av grensen følger elgen.",
        contact=contact,
        hero_image=ImageFactory(file__width=1600, file__height=900),
    )
    story.themes.set([theme])
    story.tags.add("vilt", "samarbeid")
    StoryProject.objects.create(page=story, project=project)
    story.save_revision().publish()
    translated(
        story,
        english,
        ("Elgen kjenner ingen grenser", "The moose knows no borders"),
        ("elgen", "the-moose"),
        (
            "Forskere på begge sider av grensen følger elgen.",
            "Researchers on both sides of the border follow the moose.",
        ),
        ("<p>Samarbeidet ga resultater.</p>", "<p>The cooperation paid off.</p>"),
    )
    return {
        "programme": programme,
        "theme": theme,
        "contact": contact,
        "story_index": story_index,
        "project_index": project_index,
        "project": project,
        "story": story,
    }


def member(username, group):
    """A user in one of the editorial groups (see `setup_editorial`)."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, f"{username}@example.no", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def people(db):
    """An editor, a moderator and a translator, in their groups."""
    from django.core.management import call_command

    call_command("setup_editorial", verbosity=0)
    return {
        "editor": member("redaktor", "Editors"),
        "moderator": member("moderator", "Moderators"),
        "translator": member("oversetter", "Translators"),
    }


@pytest.fixture
def tip_page(db, english):
    """The seeded tip form at /tips-oss/ with its English translation."""
    from stories.demo.tip_form import build_tip_form_page, tip_form_pairs
    from tests.factories import home_page

    page = build_tip_form_page()
    home_page().add_child(instance=page)
    page.save_revision().publish()
    translated(page, english, *tip_form_pairs())
    return page
