import datetime
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

pytestmark = pytest.mark.django_db

LIST = "/api/v2/pages/?type=stories.StoryPage&fields=*"


def test_anonymous_reads_may_be_cached(client, content):
    # At noon: in the last minute before midnight (Oslo) browsers may keep an
    # answer only until midnight (the next test).
    noon = datetime.datetime.combine(
        timezone.localdate(), datetime.time(12), tzinfo=ZoneInfo("Europe/Oslo")
    )
    with time_machine.travel(noon):
        response = client.get(LIST)

    assert "public" in response["Cache-Control"]
    assert "max-age=60" in response["Cache-Control"]


def test_browsers_keep_an_answer_no_later_than_midnight(client, content):
    with time_machine.travel(
        datetime.datetime(2026, 3, 2, 23, 59, 30, tzinfo=ZoneInfo("Europe/Oslo")),
        tick=False,
    ):
        response = client.get(LIST)

    assert "max-age=30" in response["Cache-Control"]


def test_answers_are_compact_json_and_indented_on_request(client, content):
    compact = client.get(LIST)
    indented = client.get(LIST, HTTP_ACCEPT="application/json; indent=4")

    # Compact by default (half the bytes of Wagtail's four-space indent), the
    # same data indented for a person who asks for it.
    assert b"\n" not in compact.content
    assert indented.content.startswith(b'{\n    "meta"')
    assert json.loads(compact.content) == json.loads(indented.content)
    assert json.loads(compact.content)["items"]


def test_a_repeated_request_with_the_etag_gets_a_304(client, content):
    first = client.get(LIST)

    again = client.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""


def test_a_changed_page_changes_the_etag(client, content):
    first = client.get(LIST)
    story = content["story"]
    story.title = "Ny tittel"
    story.save_revision().publish()

    again = client.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert "Ny tittel" in again.content.decode()


def test_cors_allows_only_the_configured_origins(client, content, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://front.example.no"]

    allowed = client.get(LIST, HTTP_ORIGIN="https://front.example.no")
    refused = client.get(LIST, HTTP_ORIGIN="https://other.example")

    assert allowed["Access-Control-Allow-Origin"] == "https://front.example.no"
    assert "Access-Control-Allow-Origin" not in refused


@pytest.mark.parametrize(
    "query",
    [
        "type=nope.Nothing",
        "type=stories.StoryPage&fields=nosuchfield",
        "limit=abc",
        "limit=1000",
        "offset=-5",
        "order=nosuchfield",
        "locale=xx",
        "translation_of=abc",
        "child_of=abc",
        "unknown_parameter=1",
        "tags=vilt",
        "type=stories.StoryPage&date=not-a-date",
        "type=stories.ProjectPage&total_budget_eur=lots",
        "type=stories.StoryPage&project=abc",
        "type=stories.StoryPage&project=99999999999999999999",
        "type=stories.ProjectPage&status=sleeping",
        "type=stories.ProjectPage&period=1990-1995",
        "programme=sverige-norge",
        "type=stories.StoryPage&period=2021-2027",
        "type=stories.StoryPage&theme=%00",
        "type=stories.StoryPage&search=elg&tags=vilt",
    ],
)
def test_bad_parameters_get_a_json_400(client, content, query):
    response = client.get(f"/api/v2/pages/?{query}")

    assert response.status_code == 400, response.content
    assert response.json()["message"]


def test_an_unknown_page_is_a_json_404(client, content):
    response = client.get("/api/v2/pages/999999/")

    assert response.status_code == 404
    assert response.json()["message"]
