"""Search in the reader's language, with that language's word forms (PostgreSQL)."""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction
from wagtail.search.models import IndexEntry

from search.ranking import (
    RUM_INDEX,
    TIES_READ_ON,
    forget_rum_index,
    has_rum_index,
)
from stories.models import ProjectPage
from tests.factories import (
    ProjectIndexPageFactory,
    ProjectPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("language-aware search needs PostgreSQL")


@pytest.fixture(autouse=True, params=["rum", "no-rum"])
def ranking(request, on_postgres, db):
    """Every test twice: hits read in rank order from the RUM index, and
    (the index dropped, inside the test's transaction) every match ranked,
    as on a PostgreSQL without the extension."""
    forget_rum_index()
    if request.param == "no-rum":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {RUM_INDEX}")
    elif not has_rum_index():
        pytest.skip("this PostgreSQL has no RUM extension (postgresql-NN-rum)")
    forget_rum_index()
    yield request.param
    forget_rum_index()


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


@pytest.fixture
def stories(db):
    english = Locale.objects.get(language_code="en")
    nb_index = StoryIndexPageFactory()
    en_index = StoryIndexPageFactory(
        parent=nb_index.get_parent().get_translation(english),
        slug="stories",
        locale=english,
    )
    made = {}
    for key, index, title, text in [
        (
            "nb_past",
            nb_index,
            "Elgen krysser grensen",
            "Samarbeidet over grensen ga resultater.",
        ),
        (
            "nb_plural",
            nb_index,
            "Kommuner i nord",
            "Samarbeidene mellom kommunene vokser.",
        ),
        ("nb_project", nb_index, "Fisk i fjorden", "Et prosjekt om laks og ørret."),
        ("nb_other", nb_index, "Musikk og kultur", "Festivalen samlet mange."),
        (
            "en_coop",
            en_index,
            "Moose across the border",
            "Cooperating across the border paid off.",
        ),
        ("en_other", en_index, "Music and culture", "The festival gathered many."),
    ]:
        made[key] = StoryPageFactory(
            parent=index,
            title=title,
            intro=title,
            body=paragraph(text),
            locale=index.locale,
        )
    return made


def found(client, html, url):
    page = html(client.get(url))
    return [a.text.strip() for a in page.select(".search-results__title a")]


def test_norwegian_word_forms_match(client, html, stories):
    results = found(client, html, "/search/?query=samarbeid&type=stories")

    assert sorted(results) == ["Elgen krysser grensen", "Kommuner i nord"]


def test_a_plural_finds_the_singular(client, html, stories):
    assert found(client, html, "/search/?query=prosjekter&type=stories") == [
        "Fisk i fjorden"
    ]


def test_english_word_forms_match(client, html, stories):
    assert found(client, html, "/en/search/?query=cooperation&type=stories") == [
        "Moose across the border"
    ]


def test_a_norwegian_search_never_returns_english_pages_and_the_reverse(
    client, html, stories
):
    assert found(client, html, "/search/?query=border&type=stories") == []
    assert found(client, html, "/en/search/?query=grensen&type=stories") == []


def test_an_exact_acronym_ranks_its_project_first(client, html, stories):
    index = ProjectIndexPageFactory()
    ProjectPageFactory(parent=index, acronym="GRENSEVILT", title="Vilt uten grenser")
    ProjectPageFactory(
        parent=index,
        acronym="OTHER",
        title="Et annet prosjekt",
        summary="Bygger videre på GRENSEVILT og GRENSEVILT-metodene.",
    )
    StoryPageFactory(
        parent=stories["nb_past"].get_parent(),
        title="Om GRENSEVILT",
        body=paragraph("GRENSEVILT GRENSEVILT GRENSEVILT fulgte elgen."),
    )

    page = html(client.get("/search/?query=GRENSEVILT"))
    projects = [
        a.text.strip()
        for a in page.select("#group-projects ~ ul .search-results__title a")
    ]

    assert projects[0] == "GRENSEVILT Vilt uten grenser"


def test_drafts_and_private_pages_are_never_found(client, html, stories):
    stories["nb_past"].unpublish()
    PageViewRestriction.objects.create(
        page=stories["nb_plural"], restriction_type="login"
    )

    assert found(client, html, "/search/?query=samarbeid&type=stories") == []
    api = client.get("/api/v2/pages/?search=samarbeid&locale=nb").json()
    assert api["items"] == []


def test_a_restriction_on_a_section_hides_every_page_below_it(client, html, stories):
    url = "/search/?query=samarbeid"
    assert html(client.get(url)).select_one(".search-group__count").text == "(2)"
    PageViewRestriction.objects.create(
        page=stories["nb_past"].get_parent(), restriction_type="login"
    )

    page = html(client.get(url))
    assert found(client, html, url) == []
    assert page.select_one(".search-group__count").text == "(0)"
    # The English section has no restriction.
    assert found(client, html, "/en/search/?query=cooperation") == [
        "Moose across the border"
    ]


def test_the_index_follows_publishing(client, html, stories):
    story = StoryPageFactory(
        parent=stories["nb_past"].get_parent(),
        title="Ny historie",
        body=paragraph("Havbruk langs kysten."),
    )
    assert found(client, html, "/search/?query=havbruk&type=stories") == ["Ny historie"]

    story.unpublish()
    assert found(client, html, "/search/?query=havbruk&type=stories") == []

    story.save_revision().publish()
    assert found(client, html, "/search/?query=havbruk&type=stories") == ["Ny historie"]


def test_the_api_search_agrees_with_the_search_page(client, html, stories):
    page = sorted(found(client, html, "/search/?query=samarbeid&type=stories"))
    api = client.get("/api/v2/pages/?type=stories.StoryPage&search=samarbeid&locale=nb")
    english = client.get(
        "/api/v2/pages/?type=stories.StoryPage&search=cooperation&locale=en"
    )

    assert sorted(item["title"] for item in api.json()["items"]) == page
    assert [item["title"] for item in english.json()["items"]] == [
        "Moose across the border"
    ]


def test_the_api_searches_the_default_language_without_a_locale(client, stories):
    response = client.get("/api/v2/pages/?search=samarbeid")

    assert {item["meta"]["locale"] for item in response.json()["items"]} == {"nb"}


def test_search_combines_with_filters_in_the_api(client, stories):
    from stories.models import StoryProject

    project = ProjectPageFactory(parent=ProjectIndexPageFactory())
    StoryProject.objects.create(page=stories["nb_past"], project=project)
    stories["nb_past"].save_revision().publish()

    response = client.get(
        f"/api/v2/pages/?type=stories.StoryPage&search=samarbeid&project={project.pk}"
    )

    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == [
        "Elgen krysser grensen"
    ]


def test_an_empty_or_overlong_query_gets_a_friendly_message(client, html, stories):
    empty = html(client.get("/search/?query="))
    overlong = client.get("/search/?query=" + "ord " * 100)

    assert "Skriv et ord eller to" in empty.select_one("main").text
    assert overlong.status_code == 200
    assert "bruk høyst 200 tegn" in html(overlong).select_one("[role=alert]").text


def test_tips_are_not_indexed():
    from wagtail.search.models import IndexEntry

    from stories.models import Tip

    assert not IndexEntry.objects.filter(
        content_type__model=Tip._meta.model_name
    ).exists()
    assert not hasattr(Tip, "search_fields") or not Tip.get_search_fields()


def test_projects_are_found_by_partner_and_programme(client, html, stories):
    index = ProjectIndexPageFactory()
    project = ProjectPageFactory(parent=index, title="Fiskeforvaltning", acronym="FISK")
    project.partners.create(organisation="Havforskningsinstituttet", country="NO")
    project.save_revision().publish()
    ProjectPage.objects.get(pk=project.pk)

    assert found(
        client, html, "/search/?query=havforskningsinstituttet&type=projects"
    ) == ["FISK Fiskeforvaltning"]


def test_each_group_counts_every_match_and_shows_the_best_five(client, html, stories):
    index = stories["nb_other"].get_parent()
    for number in range(6):
        StoryPageFactory(
            parent=index,
            title=f"Laksetrapp nummer {number}",
            intro="Laks",
            body=paragraph("Laksen går opp."),
            locale=index.locale,
        )
    StoryPageFactory(
        parent=index, title="Laks i kladd", live=False, locale=index.locale
    )
    page = html(client.get("/search/?query=laks"))
    stories_group, projects_group = page.select(".search-group")
    # Six new stories and "Fisk i fjorden" (its body is about laks): seven.
    assert stories_group.select_one(".search-group__count").text == "(7)"
    assert len(stories_group.select(".search-results__title")) == 5
    assert "Alle 7 historiene" in stories_group.text
    assert projects_group.select_one(".search-group__count").text == "(0)"


@pytest.mark.parametrize("read_on", [TIES_READ_ON, 0])
def test_the_pages_of_one_type_split_every_match_and_count_them(
    client, html, stories, read_on, monkeypatch
):
    # Twelve matches of equal rank come newest first (by id, as Wagtail's
    # backend has them), so that no page repeats one or leaves one out,
    # whatever order the search index holds them in: the first six's entries
    # are written again, last.
    # With no matches read past a page's last (read_on 0), each page reads on
    # through that rank until the rank changes.
    monkeypatch.setattr("search.ranking.TIES_READ_ON", read_on)
    index = stories["nb_other"].get_parent()
    titles = [f"Laksetrapp nummer {number}" for number in range(10, 22)]
    made = [
        StoryPageFactory(
            parent=index,
            title=title,
            intro="Laks",
            body=paragraph("Laksen går opp."),
            locale=index.locale,
        )
        for title in titles
    ]
    IndexEntry.objects.filter(
        object_id__in=[str(story.pk) for story in made[:6]]
    ).update(title=F("title"))
    address = "/search/?query=laksetrapp&type=stories"

    def status(page):
        return page.select_one("[role=status]").text

    first = html(client.get(address))
    second = html(client.get(address + "&page=2"))
    on_first = [a.text.strip() for a in first.select(".search-results__title a")]
    on_second = [a.text.strip() for a in second.select(".search-results__title a")]
    assert on_first + on_second == titles[::-1]
    assert status(first).startswith("12 ") and status(second).startswith("12 ")
    # Past the end, the last page; a page that is no number, the first.
    assert found(client, html, address + "&page=99") == on_second
    assert found(client, html, address + "&page=" + "9" * 30) == on_second
    assert found(client, html, address + "&page=tre") == on_first


def test_each_type_reads_the_search_index_once(client, stories, ranking):
    """A count and a slice would each find every match; one query a type
    reads the hits and counts them (what a common word costs, `make bench`):
    in rank order from the RUM index where there is one, else ranking all."""

    def index_reads(address):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        return [q["sql"] for q in queries if "wagtailsearch_indexentry" in q["sql"]]

    grouped = index_reads("/search/?query=samarbeid")
    assert len(grouped) == 2
    assert len(index_reads("/search/?query=samarbeid&type=stories&page=1")) == 1
    ranked_by_index = ["<=>" in sql for sql in grouped]
    assert ranked_by_index == [ranking == "rum"] * 2


@pytest.mark.parametrize(
    "query", ["-", "og", '"over grensen"', "grensen -elgen", "elg*", "a & b | !c", "'"]
)
def test_odd_queries_search_as_well_as_they_can(client, html, stories, query):
    response = client.get("/search/", {"query": query})
    assert response.status_code == 200
    typed = client.get("/search/", {"query": query, "type": "stories"})
    assert typed.status_code == 200
