import datetime

import pytest
from wagtail.models import PageViewRestriction

from stories.models import StoryProject
from tests.factories import (
    ProgrammeFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    return StoryIndexPageFactory()


def titles(html, response):
    return [a.text for a in html(response).select(".card__title a")]


def test_stories_are_listed_newest_first(client, html, index):
    for day in (3, 1, 2):
        StoryPageFactory(
            parent=index, title=f"Dag {day}", date=datetime.date(2025, 1, day)
        )

    assert titles(html, client.get("/historier/")) == ["Dag 3", "Dag 2", "Dag 1"]


def test_drafts_are_not_listed(client, html, index):
    StoryPageFactory(parent=index, title="Publisert")
    draft = StoryPageFactory(parent=index, title="Utkast")
    draft.unpublish()

    assert titles(html, client.get("/historier/")) == ["Publisert"]


def test_filter_by_tag(client, html, index):
    tagged = StoryPageFactory(parent=index, title="Om klima")
    tagged.tags.add("klima")
    tagged.save()
    StoryPageFactory(parent=index, title="Om noe annet")

    assert titles(html, client.get("/historier/?tag=klima")) == ["Om klima"]


def test_filter_by_theme(client, html, index):
    theme = ThemeFactory(code="PO2")
    green = StoryPageFactory(parent=index, title="Grønn")
    green.themes.set([theme])
    green.save()
    StoryPageFactory(parent=index, title="Annen")

    assert titles(html, client.get("/historier/?theme=PO2")) == ["Grønn"]


def test_filter_by_programme_and_project(client, html, index):
    projects = ProjectIndexPageFactory()
    programme = ProgrammeFactory(slug="sverige-norge")
    project = ProjectPageFactory(parent=projects, programme=programme)
    other = ProjectPageFactory(parent=projects)
    about = StoryPageFactory(parent=index, title="Om prosjektet")
    StoryProject.objects.create(page=about, project=project)
    elsewhere = StoryPageFactory(parent=index, title="Et annet prosjekt")
    StoryProject.objects.create(page=elsewhere, project=other)

    assert titles(html, client.get("/historier/?programme=sverige-norge")) == [
        "Om prosjektet"
    ]
    assert titles(html, client.get(f"/historier/?project={project.pk}")) == [
        "Om prosjektet"
    ]


def test_filter_by_year(client, html, index):
    StoryPageFactory(parent=index, title="I fjor", date=datetime.date(2024, 6, 1))
    StoryPageFactory(parent=index, title="I år", date=datetime.date(2025, 6, 1))

    assert titles(html, client.get("/historier/?year=2024")) == ["I fjor"]


def test_count_years_and_popular_tags_are_the_indexs_visible_stories(
    client, html, index
):
    def story(title, year, *tags):
        page = StoryPageFactory(
            parent=index, title=title, date=datetime.date(year, 6, 1)
        )
        page.tags.add(*tags)
        page.save()
        return page

    story("A", 2021, "sol", "vind")
    story("B", 2023, "vind", "hav")
    story("C", 2023, "vind", "sol")
    story("D", 2024, "hav")
    # Neither a draft, a story behind a restriction, nor a story of another
    # index counts.
    story("Utkast", 2019, "skog", "vind").unpublish()
    hidden = story("Skjult", 2018, "skog", "vind")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    other = StoryIndexPageFactory(title="Andre", slug="andre")
    elsewhere = StoryPageFactory(parent=other, date=datetime.date(2017, 1, 1))
    elsewhere.tags.add("skog")
    elsewhere.save()

    page = html(client.get("/historier/"))

    assert page.select_one(".result-count").text.strip() == "4 historier"
    years = [option.text for option in page.select("select[name=year] option")]
    assert years == ["Alle år", "2024", "2023", "2021"]
    # Most used first, then by name.
    assert [a.text for a in page.select(".tag-cloud a")] == ["vind", "hav", "sol"]

    filtered = html(client.get("/historier/?year=2023"))
    assert filtered.select_one(".result-count").text.strip() == "2 historier"
    # The filter form still offers every year, the cloud every tag.
    assert len(filtered.select("select[name=year] option")) == 4
    assert len(filtered.select(".tag-cloud a")) == 3


def test_an_unknown_filter_value_is_explained_not_an_error(client, html, index):
    StoryPageFactory(parent=index)

    response = client.get("/historier/?theme=NOPE&project=999999")

    assert response.status_code == 200
    errors = html(response).select_one(".form-errors").text
    assert "Tema" in errors
    assert "Det finnes ikke noe slikt prosjekt." in errors


def test_stories_are_paginated_twelve_to_a_page(client, html, index):
    for number in range(14):
        StoryPageFactory(
            parent=index, title=f"Nr {number:02}", date=datetime.date(2025, 1, 1)
        )

    first = titles(html, client.get("/historier/"))
    second = titles(html, client.get("/historier/?page=2"))

    assert len(first) == 12
    assert len(second) == 2
    assert not set(first) & set(second)


def test_filters_are_kept_across_pages(client, html, index):
    for number in range(13):
        story = StoryPageFactory(parent=index, title=f"Klima {number:02}")
        story.tags.add("klima")
        story.save()

    page = html(client.get("/historier/?tag=klima"))

    assert page.select_one("a[rel=next]")["href"] == "?tag=klima&page=2"


def test_projects_filter_by_status_county_and_period(client, html):
    from stories.models import County

    index = ProjectIndexPageFactory()
    today = datetime.date.today()
    done = ProjectPageFactory(
        parent=index,
        title="Avsluttet",
        programme_period="2014-2020",
        start_date=datetime.date(2016, 1, 1),
        end_date=datetime.date(2019, 12, 31),
    )
    done.counties.set([County.objects.get(number="34")])
    done.save()
    ProjectPageFactory(parent=index, title="Pågående", end_date=today)

    def listed(query):
        page = html(client.get(f"/prosjekter/{query}"))
        return [a.text.strip() for a in page.select(".project-list__title a")]

    assert [t.split(" ", 1)[1] for t in listed("?status=completed")] == ["Avsluttet"]
    assert [t.split(" ", 1)[1] for t in listed("?status=active")] == ["Pågående"]
    assert [t.split(" ", 1)[1] for t in listed("?county=34")] == ["Avsluttet"]
    assert [t.split(" ", 1)[1] for t in listed("?period=2014-2020")] == ["Avsluttet"]


def test_filter_choices_name_themes_and_programmes_in_the_readers_language(
    client, html, content
):
    # Beside the fixture's translated theme (PO2) and programme (Sverige-Norge),
    # one of each with no English version: English readers see its Norwegian name.
    ThemeFactory(code="PO1", name="Et smartere Europa")
    ProgrammeFactory(name="Interreg Aurora", slug="aurora")

    def options(path, name):
        page = html(client.get(path))
        return [
            (option["value"], option.text)
            for option in page.select(f"select[name={name}] option")
        ]

    assert options("/historier/", "theme") == [
        ("", "Alle temaer"),
        ("PO1", "PO1 Et smartere Europa"),
        ("PO2", "PO2 Et grønnere Europa"),
    ]
    assert options("/en/stories/", "theme") == [
        ("", "All themes"),
        ("PO1", "PO1 Et smartere Europa"),
        ("PO2", "PO2 A greener, low-carbon Europe"),
    ]
    # By name in the reader's language; the value is the same in both.
    assert options("/historier/", "programme") == [
        ("", "Alle programmer"),
        ("aurora", "Interreg Aurora"),
        ("sverige-norge", "Interreg Sverige-Norge"),
    ]
    assert options("/en/search/?query=x", "programme") == [
        ("", "All programmes"),
        ("aurora", "Interreg Aurora"),
        ("sverige-norge", "Interreg Sweden-Norway"),
    ]
    assert options("/en/projects/", "theme") == options("/en/stories/", "theme")
