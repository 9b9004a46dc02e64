"""Every page type and API call stays within the issue's query budget with every
cache of ours off, in both languages, and costs the same however many blocks,
tags, projects, partners, images and stories it shows (tests/budgets.py says
what Wagtail's own share is)."""

from unittest import mock

import pytest
from django.db.models.sql.compiler import SQLCompiler

from stories.models import StoryProject
from tests import budgets
from tests.budgets import queries_for
from tests.content import translated
from tests.factories import (
    ContactFactory,
    ImageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    ThemeFactory,
    home_page,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("rendering_without_caches"),
]

LANGUAGES = ["nb", "en"]


def image_block(image):
    return {
        "image": image.pk,
        "alt_text": "Et bilde",
        "caption": "Bildetekst",
        "credit": "Fotograf",
    }


def body(blocks):
    """`blocks` blocks of every kind that shows text or images, each image new."""
    kinds = [
        lambda: {"type": "paragraph", "value": "<p>Et avsnitt om samarbeid.</p>"},
        lambda: {"type": "heading", "value": {"text": "Mellomtittel", "level": "h2"}},
        lambda: {"type": "image", "value": image_block(ImageFactory())},
        lambda: {"type": "quote", "value": {"quote": "Det nytter.", "attribution": ""}},
        lambda: {
            "type": "key_figures",
            "value": {
                "title": "Tall",
                "figures": [{"value": "12", "label": "partnere"}],
            },
        },
        lambda: {
            "type": "gallery",
            "value": {
                "title": "Bilder",
                "images": [image_block(ImageFactory()) for _ in range(2)],
            },
        },
        lambda: {
            "type": "video",
            "value": {
                "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                "title": "Film om prosjektet",
                "poster": ImageFactory().pk,
                "caption": "",
            },
        },
        lambda: {
            "type": "fact_box",
            "value": {"title": "Fakta", "body": "<p>Tre land.</p>"},
        },
    ]
    return [kinds[i % len(kinds)]() for i in range(blocks)]


@pytest.fixture
def sections(db, english):
    story_index = StoryIndexPageFactory()
    translated(story_index, english, ("Historier", "Stories"), ("historier", "stories"))
    project_index = ProjectIndexPageFactory()
    translated(
        project_index, english, ("Prosjekter", "Projects"), ("prosjekter", "projects")
    )
    return story_index, project_index


def make_project(index, english, slug, *, partners, themes, blocks=0):
    project = ProjectPageFactory(
        parent=index, slug=slug, hero_image=ImageFactory(), body=body(blocks)
    )
    project.themes.set(ThemeFactory() for _ in range(themes))
    for number in range(partners):
        project.partners.create(
            organisation=f"Partner {number}", country="NO" if number % 2 else "SE"
        )
    project.tags.add(*[f"{slug}-tema-{n}" for n in range(partners)])
    project.save_revision().publish()
    translated(
        project, english, (project.title, f"{project.title} (en)"), (slug, f"{slug}-en")
    )
    return project


def make_story(index, english, slug, *, tags, blocks, projects, themes=1):
    story = StoryPageFactory(
        parent=index,
        slug=slug,
        title=f"Historie {slug}",
        body=body(blocks),
        hero_image=ImageFactory(),
        contact=ContactFactory(photo=ImageFactory()),
    )
    story.themes.set(ThemeFactory() for _ in range(themes))
    story.tags.add(*[f"{slug}-emne-{n}" for n in range(tags)])
    for project in projects:
        StoryProject.objects.create(page=story, project=project)
    story.save_revision().publish()
    translated(
        story,
        english,
        (story.title, f"Story {slug}"),
        (slug, f"{slug}-en"),
        *[(f"{slug}-emne-{n}", f"{slug}-topic-{n}") for n in range(tags)],
    )
    return story


def costs_the_same_as_it_grows(client, address, grow, budget):
    """`address` costs the same before and after `grow()` adds content, and no
    more than `budget`."""
    before = queries_for(client, address)
    grow()
    after = queries_for(client, address)
    assert before == after
    assert after <= budget


def url(page, language):
    if language == "nb":
        return page.url
    return page.get_translation(english_locale()).url


def english_locale():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_story_page_costs_the_same_small_or_large(
    client, sections, english, language
):
    story_index, project_index = sections
    one = [make_project(project_index, english, "en-ting", partners=1, themes=1)]
    three = [
        make_project(project_index, english, f"mange-{n}", partners=10, themes=3)
        for n in range(3)
    ]
    small = make_story(story_index, english, "liten", tags=2, blocks=3, projects=one)
    large = make_story(
        story_index, english, "stor", tags=20, blocks=30, projects=three, themes=4
    )
    for number in range(4):  # related stories, each with its own image
        make_story(
            story_index, english, f"slekt-{number}", tags=1, blocks=1, projects=three
        )

    small_cost = queries_for(client, url(small, language))
    large_cost = queries_for(client, url(large, language))

    assert small_cost == large_cost
    assert large_cost <= budgets.STORY_PAGE


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_project_page_costs_the_same_small_or_large(
    client, sections, english, language
):
    story_index, project_index = sections
    small = make_project(
        project_index, english, "liten", partners=1, themes=1, blocks=2
    )
    large = make_project(
        project_index, english, "stor", partners=25, themes=4, blocks=24
    )
    make_story(story_index, english, "om-liten", tags=1, blocks=1, projects=[small])
    for number in range(6):
        make_story(
            story_index,
            english,
            f"om-stor-{number}",
            tags=1,
            blocks=1,
            projects=[large],
        )

    small_cost = queries_for(client, url(small, language))
    large_cost = queries_for(client, url(large, language))

    assert small_cost == large_cost
    assert large_cost <= budgets.PROJECT_PAGE


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_costs_the_same_with_2_or_12_stories(
    client, sections, english, language
):
    story_index, project_index = sections
    home = home_page()
    address = "/" if language == "nb" else "/en/"

    def add(start, count):
        for number in range(start, start + count):
            story = make_story(
                story_index, english, f"h-{number}", tags=1, blocks=1, projects=[]
            )
            if number < 4:
                home.featured_stories.create(story=story)
        home.save_revision().publish()

    add(0, 2)

    costs_the_same_as_it_grows(client, address, lambda: add(2, 10), budgets.HOME_PAGE)


# A tag filter also finds the tag's word in the other language, for the
# language switcher (stories/tags.py): one query either way, as one UNION ALL
# (two queries on SQLite, hence PostgreSQL only).
STORY_INDEX_QUERIES = {
    "page": {"nb": "?page=1", "en": "?page=1"},
    "tag": {"nb": "?tag=i-0-emne-0", "en": "?tag=i-0-topic-0"},
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "listing", ["page", pytest.param("tag", marks=pytest.mark.postgres)]
)
def test_the_story_index_costs_the_same_with_3_or_15_stories(
    client, sections, english, language, listing
):
    story_index, project_index = sections
    address = "/historier/" if language == "nb" else "/en/stories/"

    def add(start, count):
        for number in range(start, start + count):
            make_story(
                story_index, english, f"i-{number}", tags=2, blocks=1, projects=[]
            )

    add(0, 3)

    costs_the_same_as_it_grows(
        client,
        address + STORY_INDEX_QUERIES[listing][language],
        lambda: add(3, 12),
        budgets.STORY_INDEX,
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_project_index_costs_the_same_with_3_or_30_projects(
    client, sections, english, language
):
    story_index, project_index = sections
    address = "/prosjekter/" if language == "nb" else "/en/projects/"

    def add(start, count):
        for number in range(start, start + count):
            make_project(project_index, english, f"p-{number}", partners=2, themes=2)

    add(0, 3)

    costs_the_same_as_it_grows(
        client, address + "?page=1", lambda: add(3, 27), budgets.PROJECT_INDEX
    )


@pytest.mark.postgres
@pytest.mark.parametrize("language", LANGUAGES)
def test_search_costs_the_same_with_2_or_12_hits(client, sections, english, language):
    story_index, project_index = sections
    address = (
        "/search/?query=historie" if language == "nb" else "/en/search/?query=story"
    )

    def add(start, count):
        for number in range(start, start + count):
            make_story(
                story_index, english, f"s-{number}", tags=1, blocks=1, projects=[]
            )
            make_project(project_index, english, f"sp-{number}", partners=1, themes=1)

    add(0, 2)

    costs_the_same_as_it_grows(client, address, lambda: add(2, 10), budgets.SEARCH)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_api_list_of_20_stories_costs_the_same_as_of_5(
    client, sections, english, language
):
    story_index, project_index = sections
    projects = [
        make_project(project_index, english, f"ap-{n}", partners=3, themes=2)
        for n in range(3)
    ]
    address = (
        f"/api/v2/pages/?type=stories.StoryPage&fields=*&limit=20&locale={language}"
    )

    def add(start, count):
        for number in range(start, start + count):
            make_story(
                story_index,
                english,
                f"a-{number}",
                tags=3,
                blocks=4,
                projects=projects[: 1 + number % 3],
            )

    add(0, 5)

    costs_the_same_as_it_grows(client, address, lambda: add(5, 15), budgets.API_LIST)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_api_story_detail_costs_the_same_small_or_large(
    client, sections, english, language
):
    story_index, project_index = sections
    one = [make_project(project_index, english, "en-ting", partners=1, themes=1)]
    three = [
        make_project(project_index, english, f"mange-{n}", partners=8, themes=2)
        for n in range(3)
    ]
    small = make_story(story_index, english, "liten", tags=2, blocks=3, projects=one)
    large = make_story(
        story_index, english, "stor", tags=20, blocks=30, projects=three, themes=3
    )

    def detail(story):
        page = story if language == "nb" else story.get_translation(english)
        return f"/api/v2/pages/{page.pk}/"

    small_cost = queries_for(client, detail(small))
    large_cost = queries_for(client, detail(large))

    assert small_cost == large_cost
    assert large_cost <= budgets.API_DETAIL


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_feed_costs_the_same_with_3_or_20_stories(
    client, sections, english, language
):
    story_index, project_index = sections
    address = "/historier/feed/" if language == "nb" else "/en/stories/feed/"

    def add(start, count):
        for number in range(start, start + count):
            make_story(
                story_index, english, f"f-{number}", tags=3, blocks=1, projects=[]
            )

    add(0, 3)

    costs_the_same_as_it_grows(client, address, lambda: add(3, 17), budgets.FEED)


def test_the_sitemap_costs_the_same_with_3_or_20_stories(client, sections, english):
    story_index, project_index = sections

    def add(start, count):
        for number in range(start, start + count):
            make_story(
                story_index, english, f"m-{number}", tags=1, blocks=1, projects=[]
            )

    add(0, 3)

    costs_the_same_as_it_grows(
        client, "/sitemap.xml", lambda: add(3, 17), budgets.SITEMAP
    )


def compiled_per_request(client, address):
    """The models of the queries Django compiles while serving `address` a
    second time (queries compiled once, home/compiled.py, are not among them)."""
    client.get(address)
    compiled, depth = [], [0]
    as_sql = SQLCompiler.as_sql

    def counting(compiler, *args, **kwargs):
        depth[0] += 1
        try:
            sql, params = as_sql(compiler, *args, **kwargs)
        finally:
            depth[0] -= 1
        if not depth[0]:  # a query, not one of its subqueries
            compiled.append(compiler.query.model.__name__)
        return sql, params

    with mock.patch.object(SQLCompiler, "as_sql", counting):
        assert client.get(address).status_code == 200
    return compiled


@pytest.mark.postgres  # what SQLite takes as two queries is compiled per part
@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_write_their_sql_once_not_per_request(
    client, sections, english, language, settings
):
    # The tests' own check compiles every query again, Django's way.
    settings.COMPILED_QUERIES_CHECK = False
    story_index, project_index = sections
    project = make_project(project_index, english, "c-prosjekt", partners=2, themes=1)
    story = make_story(
        story_index, english, "c-historie", tags=2, blocks=4, projects=[project]
    )
    make_story(story_index, english, "c-slekt", tags=1, blocks=1, projects=[project])
    english_story = story.get_translation(english_locale())

    # Every query of a story, a project and the home page is compiled once.
    assert compiled_per_request(client, url(story, language)) == []
    assert compiled_per_request(client, url(project, language)) == []
    assert compiled_per_request(client, "/" if language == "nb" else "/en/") == []
    # The story index, its facets (count, years, tags) among them.
    index = "/historier/" if language == "nb" else "/en/stories/"
    assert compiled_per_request(client, index) == []
    # The API detail, unless a filter parameter sends it through Wagtail's
    # lookup (with its filters).
    detail = story if language == "nb" else english_story
    address = f"/api/v2/pages/{detail.pk}/"
    assert compiled_per_request(client, f"{address}?fields=*") == []
    assert compiled_per_request(client, f"{address}?slug={detail.slug}") == ["Page"]
