import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from stories.models import StoryPage
from tests.factories import (
    ImageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    StoryIndexPageFactory,
)

pytestmark = pytest.mark.django_db


def list_block(values):
    return {
        "count": len(values),
        **{
            str(i): {"value": value, "deleted": "", "order": str(i), "id": ""}
            for i, value in enumerate(values)
        },
    }


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("redaktor", "r@example.no", "pw")
    client.force_login(user)
    return client


def test_an_editor_builds_a_story_with_every_block_type(editor_client, client, html):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    index = StoryIndexPageFactory()
    project = ProjectPageFactory(parent=ProjectIndexPageFactory())
    image = ImageFactory()
    document = Document.objects.create(
        title="Sluttrapport", file=ContentFile(b"%PDF-1.4 report", name="rapport.pdf")
    )
    picture = {
        "image": image.pk,
        "alt_text": "Elg i skogen",
        "caption": "",
        "credit": "",
    }
    data = nested_form_data(
        {
            "title": "Alt i én historie",
            "slug": "alt-i-en",
            "intro": "En historie med alle blokktyper.",
            "date": "2025-05-01",
            "byline": "Kari",
            "body": streamfield(
                [
                    ("heading", {"text": "Mellomtittel", "level": "h2"}),
                    ("paragraph", rich_text("<p>Et avsnitt.</p>")),
                    ("image", picture),
                    ("quote", {"quote": "Det nytter.", "attribution": "Ola"}),
                    (
                        "video",
                        {
                            "url": "https://www.youtube.com/watch?v=abcdefghijk",
                            "title": "Filmen om prosjektet",
                            "poster": "",
                            "caption": "",
                        },
                    ),
                    ("fact_box", {"title": "Fakta", "body": rich_text("<p>Tall.</p>")}),
                    (
                        "key_figures",
                        {
                            "title": "Nøkkeltall",
                            "figures": list_block(
                                [{"value": "12", "label": "partnere"}]
                            ),
                        },
                    ),
                    (
                        "gallery",
                        {"title": "", "images": list_block([picture, picture])},
                    ),
                    (
                        "call_to_action",
                        {
                            "text": "Les mer",
                            "description": "",
                            "page": "",
                            "url": "https://interreg.no/",
                        },
                    ),
                    ("document", {"document": document.pk, "title": ""}),
                ]
            ),
            "project_links": inline_formset([{"project": project.pk}]),
            "tags": "klima, samarbeid",
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )

    response = editor_client.post(
        reverse("wagtailadmin_pages:add", args=("stories", "storypage", index.pk)), data
    )

    assert response.status_code == 302, response.context["form"].errors
    story = StoryPage.objects.get(slug="alt-i-en")
    assert story.live
    assert [block.block_type for block in story.body] == [
        "heading",
        "paragraph",
        "image",
        "quote",
        "video",
        "fact_box",
        "key_figures",
        "gallery",
        "call_to_action",
        "document",
    ]
    page = html(client.get("/historier/alt-i-en/"))
    assert page.select_one(".quote blockquote").text.strip() == "Det nytter."
    assert page.select_one(".key-figures dd").text == "12"
    assert len(page.select(".gallery li")) == 2
    assert page.select_one(".document-link a").text == "Sluttrapport"


def test_a_video_loads_nothing_from_the_provider_before_the_reader_clicks(
    editor_client, client, html
):
    index = StoryIndexPageFactory()
    story = StoryPage(
        title="Film",
        slug="film",
        intro="Se filmen.",
        body=[
            {
                "type": "video",
                "value": {
                    "url": "https://youtu.be/abcdefghijk",
                    "title": "Filmen",
                    "poster": None,
                    "caption": "",
                },
            }
        ],
    )
    index.add_child(instance=story)

    page = html(client.get("/historier/film/"))

    assert page.select("iframe") == []
    consent = page.select_one("[data-video-consent]")
    assert (
        consent["data-embed-url"]
        == "https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1"
    )
    assert "youtube.com" not in "".join(
        tag.get("src", "") for tag in page.select("[src]")
    )
