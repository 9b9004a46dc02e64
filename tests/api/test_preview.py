import pytest
from django.test import RequestFactory

from stories.models import StoryPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def front_end(settings):
    settings.FRONTEND_PREVIEW_URL = "https://front.example.no/preview"
    settings.WAGTAIL_HEADLESS_PREVIEW = {
        "CLIENT_URLS": {"default": "https://front.example.no/preview"}
    }


def draft_of(story):
    draft = StoryPage.objects.get(pk=story.pk)
    draft.title = "Utkast som forhåndsvises"
    return draft


def test_pages_offer_a_front_end_preview_only_when_configured(settings, content):
    settings.FRONTEND_PREVIEW_URL = ""
    assert [mode for mode, _label in content["story"].preview_modes] == [""]

    settings.FRONTEND_PREVIEW_URL = "https://front.example.no/preview"
    assert [mode for mode, _label in content["story"].preview_modes] == [
        "",
        "front-end",
    ]


def test_the_front_end_gets_the_draft_only_with_the_token(front_end, client, content):
    draft = draft_of(content["story"])
    response = draft.serve_preview(RequestFactory().get("/"), "front-end")
    token = draft.create_page_preview().token

    with_token = client.get(
        "/api/v2/page_preview/", {"content_type": "stories.storypage", "token": token}
    )
    without = client.get("/api/v2/page_preview/", {"content_type": "stories.storypage"})
    forged = client.get(
        "/api/v2/page_preview/", {"content_type": "stories.storypage", "token": "x:y"}
    )
    public = client.get(f"/api/v2/pages/{draft.pk}/")

    assert response.status_code == 200
    assert "https://front.example.no/preview/?content_type=stories.storypage" in (
        response.content.decode()
    )
    assert with_token.status_code == 200
    assert with_token.json()["title"] == "Utkast som forhåndsvises"
    assert "no-store" in with_token["Cache-Control"]
    assert without.status_code == 400
    assert forged.status_code == 404
    assert public.json()["title"] == "Elgen kjenner ingen grenser"
