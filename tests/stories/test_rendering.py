import pytest

from stories.models import ProjectPartner, StoryProject
from tests.factories import (
    ProjectIndexPageFactory,
    ProjectPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "lang", "heading"),
    [
        ("/historier/", "nb", "Historier"),
        ("/en/stories/", "en", "Stories"),
        ("/prosjekter/", "nb", "Prosjekter"),
        ("/en/projects/", "en", "Projects"),
        ("/historier/elgen/", "nb", "Elgen kjenner ingen grenser"),
        ("/en/stories/the-moose/", "en", "The moose knows no borders"),
        ("/prosjekter/grensevilt/", "nb", "Grenseløs viltforvaltning"),
        (
            "/en/projects/wildlife-management-without-borders/",
            "en",
            "Wildlife management without borders",
        ),
    ],
)
def test_every_page_type_renders_in_both_languages(
    client, html, content, url, lang, heading
):
    response = client.get(url)

    assert response.status_code == 200
    page = html(response)
    assert page.html["lang"] == lang
    assert page.select_one("h1").text.strip() == heading


def test_a_story_shows_the_fact_box_built_from_its_project(client, html, content):
    page = html(client.get("/historier/elgen/"))

    box = page.select_one(".fact-box--project")
    assert "GRENSEVILT" in box.text
    assert "Interreg Sverige-Norge" in box.text
    assert "Høgskolen i Innlandet" in box.text
    assert "2 000 000 euro" in box.text.replace("\xa0", " ")
    assert box.select_one("a")["href"] == "/prosjekter/grensevilt/"


def test_an_english_story_shows_english_taxonomy_and_project_links(
    client, html, content
):
    page = html(client.get("/en/stories/the-moose/"))

    box = page.select_one(".fact-box--project")
    assert "Interreg Sweden-Norway" in box.text
    assert (
        box.select_one("a")["href"]
        == "/en/projects/wildlife-management-without-borders/"
    )
    assert "A greener, low-carbon Europe" in page.select_one(".kicker").text
    assert "Journalist and editor" in page.select_one(".contact-box").text


def test_a_story_shows_the_contact_box_and_reading_time(client, html, content):
    page = html(client.get("/historier/elgen/"))

    contact = page.select_one(".contact-box")
    assert "Kari Nordmann" in contact.text
    assert contact.select_one("a[href='mailto:kari@example.no']")
    assert "1 min lesetid" in page.select_one(".story__meta").text


def test_a_project_page_shows_funding_and_the_eu_emblem(client, html, content):
    page = html(client.get("/prosjekter/grensevilt/"))

    emblem = page.select_one(".eu-emblem")
    assert "Medfinansiert av Den europeiske union" in emblem.text
    assert "Interreg Sverige-Norge" in emblem.text
    assert emblem.select_one("img")["alt"]
    funding = page.select_one(".funding__line").text.replace("\xa0", " ")
    assert "2 000 000 euro" in funding
    assert "3 500 000 kr" in funding
    rows = [row.text for row in page.select(".partners tbody tr")]
    assert "Høgskolen i Innlandet" in rows[0]
    assert "Sverige" in rows[1]


def test_a_project_page_lists_its_stories(client, html, content):
    page = html(client.get("/en/projects/wildlife-management-without-borders/"))

    links = [a["href"] for a in page.select(".related .card a")]
    assert links == ["/en/stories/the-moose/"]


def test_story_images_come_as_responsive_modern_renditions(client, html, content):
    page = html(client.get("/historier/elgen/"))

    picture = page.select_one(".story__hero picture")
    sources = picture.select("source")
    assert sources[0]["type"] == "image/webp"
    assert len(sources[0]["srcset"].split(",")) == 3
    assert picture.select_one("img")["alt"]


def test_the_language_switcher_goes_to_the_translated_story(client, html, content):
    page = html(client.get("/historier/elgen/"))

    switch = page.select_one("nav.language-switcher a[hreflang=en]")
    assert switch["href"] == "/en/stories/the-moose/"


def test_related_stories_put_the_same_project_first_then_shared_tags_newest_first(
    client, html, content
):
    import datetime

    from stories.models import StoryProject
    from tests.factories import StoryPageFactory, published

    index = content["story_index"]

    def story_on(day, title, *, tags=(), project=False):
        page = StoryPageFactory(
            parent=index, title=title, date=datetime.date(2025, 1, day)
        )
        page.tags.add(*tags)
        if project:
            StoryProject.objects.create(page=page, project=content["project"])
        return published(page)

    story_on(1, "Gammel om samme prosjekt", project=True)
    story_on(20, "Ny med felles emneord", tags=["vilt"])
    story_on(10, "Eldre med felles emneord", tags=["samarbeid"])
    story_on(25, "Nyest, uten noe felles", tags=["fiske"])

    page = html(client.get("/historier/elgen/"))

    titles = [
        h.text.strip() for h in page.select(".related .card h3, .related .card h2")
    ]
    assert titles == [
        "Gammel om samme prosjekt",
        "Ny med felles emneord",
        "Eldre med felles emneord",
    ]


def test_a_story_read_with_its_relations_shows_them_in_order(client, html):
    """A served story reads its tags, themes and project links with its own
    row (StoryPage.serving_queryset): tags alphabetical, themes by code,
    projects in the editors' order; a story without them shows none."""
    index = StoryIndexPageFactory()
    projects_index = ProjectIndexPageFactory()
    first = ProjectPageFactory(parent=projects_index, acronym="FØRST")
    second = ProjectPageFactory(parent=projects_index, acronym="ANDRE")
    story = StoryPageFactory(parent=index, slug="med-alt")
    story.themes.set(
        [
            ThemeFactory(code="TO4", name="Miljø"),
            ThemeFactory(code="TO1", name="Innovasjon"),
        ]
    )
    story.tags.add("øyer", "arktis", "laks")
    StoryProject.objects.create(page=story, project=second, sort_order=1)
    StoryProject.objects.create(page=story, project=first, sort_order=0)
    story.save_revision().publish()
    bare = StoryPageFactory(parent=index, slug="uten")

    page = html(client.get("/historier/med-alt/"))
    assert page.select_one(".kicker").text == "Innovasjon · Miljø"
    assert [a.text for a in page.select(".tags__list a")] == ["arktis", "laks", "øyer"]
    assert [
        box.select_one(".fact-box__title").text.split()[-1]
        for box in page.select(".fact-box--project")
    ] == ["FØRST", "ANDRE"]

    page = html(client.get(bare.url))
    assert page.select_one(".kicker") is None
    assert not page.select(".tags__list") and not page.select(".fact-box--project")


def test_a_storys_fact_box_names_the_projects_norwegian_partners_in_order(client, html):
    index = StoryIndexPageFactory()
    project = ProjectPageFactory(parent=ProjectIndexPageFactory(), acronym="KYST")
    for organisation, country in [
        ("Nord universitet", "NO"),
        ("Göteborgs universitet", "SE"),
        ("Bodø kommune", "NO"),
        ("Havforskningsinstituttet", "NO"),
    ]:
        project.partners.create(organisation=organisation, country=country)
    project.save_revision().publish()
    # The editors move the last one first (rows keep their ids).
    for order, organisation in enumerate(
        ["Havforskningsinstituttet", "Nord universitet", "Göteborgs universitet"]
        + ["Bodø kommune"]
    ):
        ProjectPartner.objects.filter(page=project, organisation=organisation).update(
            sort_order=order
        )
    story = StoryPageFactory(parent=index, slug="kysten")
    StoryProject.objects.create(page=story, project=project)
    story.save_revision().publish()

    box = html(client.get("/historier/kysten/")).select_one(".fact-box--project")
    terms = [dt.text for dt in box.select("dt")]
    partners = box.select("dd")[terms.index("Norske partnere")].text
    # In the editors' order, and only the Norwegian ones.
    assert partners == "Havforskningsinstituttet, Nord universitet, Bodø kommune"


def test_a_storys_headings_and_paragraphs_render_with_their_links(client, html):
    """Paragraphs are Wagtail's rich text in a `rich-text` div, with links to
    pages expanded to their addresses and text escaped; headings at their
    level."""
    index = StoryIndexPageFactory()
    target = StoryPageFactory(parent=index, slug="maalet")
    story = StoryPageFactory(
        parent=index,
        slug="med-lenke",
        body=[
            ("heading", {"text": "Først <ute>", "level": "h2"}),
            (
                "paragraph",
                f'<p>Les <a linktype="page" id="{target.pk}">historien</a> &amp; mer.</p>',
            ),
            ("heading", {"text": "Siden", "level": "h3"}),
        ],
    )

    page = html(client.get(story.url))
    body = page.select_one(".story__body")
    assert [(h.name, h.text) for h in body.select("h2, h3")][:2] == [
        ("h2", "Først <ute>"),
        ("h3", "Siden"),
    ]
    paragraph = body.select_one(".rich-text")
    assert paragraph.p.text == "Les historien & mer."
    assert paragraph.a["href"] == "/historier/maalet/"
