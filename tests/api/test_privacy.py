"""Nothing private reaches the API: drafts, unpublished changes, restricted pages,
tips and users' e-mail addresses."""

import json

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import PageViewRestriction

from stories.models import StoryPage, Tip
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


def everything(client):
    """Every page the API lists, with all fields, in both languages."""
    response = client.get("/api/v2/pages/?type=stories.StoryPage&fields=*&limit=50")
    assert response.status_code == 200
    return json.dumps(response.json(), ensure_ascii=False)


def test_drafts_never_appear(client, content):
    draft = StoryPageFactory(parent=content["story_index"], title="Hemmelig utkast")
    draft.unpublish()

    assert "Hemmelig utkast" not in everything(client)
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404


def test_unpublished_changes_never_appear(client, content):
    story = StoryPage.objects.get(pk=content["story"].pk)
    story.title = "Upublisert endring"
    story.save_revision()  # saved, not published

    assert "Upublisert endring" not in everything(client)
    detail = client.get(f"/api/v2/pages/{story.pk}/").json()
    assert detail["title"] == "Elgen kjenner ingen grenser"


def test_restricted_pages_never_appear(client, content):
    private = StoryPageFactory(
        parent=content["story_index"], title="Bare for innloggede"
    )
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    assert "Bare for innloggede" not in everything(client)
    assert client.get(f"/api/v2/pages/{private.pk}/").status_code == 404
    search = client.get("/api/v2/pages/?search=innloggede").json()
    assert search["items"] == []


def test_tips_and_user_addresses_never_appear(client, content, tip_page):
    get_user_model().objects.create_user("redaktor", "redaktor@secret.example", "pw")
    Tip.objects.create(
        page=tip_page,
        form_data={"email": "tipster@secret.example", "story": "Hemmelig tips"},
        email="tipster@secret.example",
        language="nb",
        consent_version=1,
        consent_text="x",
    )
    responses = [
        client.get("/api/v2/pages/?fields=*&limit=50"),
        client.get("/api/v2/pages/?search=tipster"),
        client.get(f"/api/v2/pages/{tip_page.pk}/"),
        client.get("/api/v2/images/?fields=*"),
        client.get("/api/v2/documents/?fields=*"),
    ]

    text = " ".join(response.content.decode() for response in responses)
    assert "secret.example" not in text
    assert "Hemmelig tips" not in text
