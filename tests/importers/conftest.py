import pytest
from django.utils import translation

from tests.content import translated
from tests.factories import (
    ProgrammeFactory,
    ProjectIndexPageFactory,
    StoryIndexPageFactory,
    ThemeFactory,
    published,
)


@pytest.fixture(autouse=True)
def english_reports(default_language):
    """Reports in English, as the messages are written (the admin tests switch
    back to Norwegian, the admin's language)."""
    with translation.override("en"):
        yield


@pytest.fixture
def story_section(db, english):
    """The story sections /historier/ and /en/stories/."""
    section = published(StoryIndexPageFactory())
    translated(section, english, ("Historier", "Stories"), ("historier", "stories"))
    return section


@pytest.fixture
def project_section(db, english):
    """The project sections /prosjekter/ and /en/projects/."""
    section = published(ProjectIndexPageFactory())
    translated(section, english, ("Prosjekter", "Projects"), ("prosjekter", "projects"))
    return section


OBJECTIVES = {
    "PO1": "Et smartere Europa",
    "PO2": "Et grønnere Europa",
    "PO3": "Et mer sammenbundet Europa",
    "PO4": "Et mer sosialt Europa",
    "PO5": "Et Europa nærmere innbyggerne",
    "ISO1": "Bedre samarbeidsstyring",
    "ISO2": "Et tryggere Europa",
}


@pytest.fixture
def taxonomy(db, english):
    """Two programmes and the objectives of 2021–2027."""
    north_sea = ProgrammeFactory(
        name="Interreg Nordsjøprogrammet",
        short_name="North Sea",
        slug="north-sea",
        strand="B",
    )
    translated(north_sea, english, ("Interreg Nordsjøprogrammet", "Interreg North Sea"))
    sweden_norway = ProgrammeFactory(
        name="Interreg Sverige-Norge", short_name="Sverige-Norge", slug="sverige-norge"
    )
    themes = {
        code: ThemeFactory(code=code, name=name) for code, name in OBJECTIVES.items()
    }
    return {"north-sea": north_sea, "sverige-norge": sweden_norway, **themes}
