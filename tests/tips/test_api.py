import json

import pytest

from stories.models import Tip
from tests.tips.conftest import VALID

pytestmark = pytest.mark.django_db


def post(client, body, lang="nb", **headers):
    return client.post(
        f"/api/tips/?lang={lang}",
        json.dumps(body),
        content_type="application/json",
        **headers,
    )


def form_description(client, lang="nb"):
    response = client.get(f"/api/tips/?lang={lang}")
    assert response.status_code == 200
    return response.json()


def test_the_api_describes_the_form_in_each_language(client, tip_page):
    norwegian = form_description(client, "nb")
    english = form_description(client, "en")

    assert [f["name"] for f in norwegian["fields"]] == [
        f["name"] for f in english["fields"]
    ]
    labels = {f["name"]: f["label"] for f in english["fields"]}
    assert labels["story"] == "What is the story about?"
    assert {f["name"]: f["label"] for f in norwegian["fields"]}[
        "story"
    ] == "Hva handler historien om?"
    assert english["started"] and english["honeypot"] == "website"


def test_a_front_end_sends_a_tip_as_json(client, tip_page):
    started = form_description(client, "en")["started"]

    response = post(client, {**VALID, "consent": True, "started": started}, lang="en")

    assert response.status_code == 201
    assert response.json()["status"] == "received"
    tip = Tip.objects.get()
    assert tip.language == "en"
    assert tip.email == "kari@example.no"
    assert "id" not in response.json()


def test_invalid_json_tips_get_field_errors_in_the_language(client, tip_page):
    started = form_description(client, "en")["started"]

    response = post(client, {"started": started, "email": "nope"}, lang="en")

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["email"] == ["Enter a valid email address."]
    assert errors["consent"] == ["This field is required."]
    assert not Tip.objects.exists()


def test_the_api_applies_the_abuse_rules(client, tip_page, settings):
    started = form_description(client)["started"]

    spam = post(client, {**VALID, "started": started, "website": "x"})
    settings.TIP_MIN_FILL_SECONDS = 60
    hasty = post(client, {**VALID, "started": started})
    settings.TIP_MIN_FILL_SECONDS = 0
    settings.TIP_RATE_LIMIT = 1
    accepted = post(client, {**VALID, "started": started})
    limited = post(client, {**VALID, "started": started})

    assert spam.status_code == 400
    assert hasty.status_code == 400
    assert accepted.status_code == 201
    assert limited.status_code == 429
    assert Tip.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ("{not json", "application/json", 400),
        ("[1, 2]", "application/json", 400),
        ("name=Kari", "application/x-www-form-urlencoded", 415),
    ],
)
def test_malformed_requests_get_a_clear_json_error(
    client, tip_page, body, content_type, status
):
    response = client.post("/api/tips/", body, content_type=content_type)

    assert response.status_code == status
    assert response.json()["errors"]["__all__"]


def test_an_unknown_language_is_a_400(client, tip_page):
    assert client.get("/api/tips/?lang=sv").status_code == 400


def test_only_allowed_origins_get_cors_headers(client, tip_page, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://front.example.no"]

    allowed = client.options(
        "/api/tips/",
        HTTP_ORIGIN="https://front.example.no",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    refused = client.options(
        "/api/tips/",
        HTTP_ORIGIN="https://evil.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )

    assert allowed["Access-Control-Allow-Origin"] == "https://front.example.no"
    assert "Access-Control-Allow-Origin" not in refused


def test_a_retry_with_the_same_idempotency_key_gets_the_first_answer(
    client, tip_page, mailoutbox
):
    started = form_description(client)["started"]
    body = {**VALID, "started": started, "consent": True}

    first = post(client, body, HTTP_IDEMPOTENCY_KEY="9b1f2c6e-kari-1")
    again = post(client, body, HTTP_IDEMPOTENCY_KEY="9b1f2c6e-kari-1")
    other = post(client, body, HTTP_IDEMPOTENCY_KEY="9b1f2c6e-kari-2")

    assert (first.status_code, again.status_code, other.status_code) == (201, 201, 201)
    assert again.json() == first.json()
    assert Tip.objects.count() == 2


def test_a_retried_tip_does_not_count_against_the_rate_limit(
    client, tip_page, settings
):
    started = form_description(client)["started"]
    body = {**VALID, "started": started, "consent": True}
    settings.TIP_RATE_LIMIT = 1

    first = post(client, body, HTTP_IDEMPOTENCY_KEY="en-nokkel")
    retried = post(client, body, HTTP_IDEMPOTENCY_KEY="en-nokkel")

    assert (first.status_code, retried.status_code) == (201, 201)
    assert Tip.objects.count() == 1


def test_an_overlong_idempotency_key_is_refused(client, tip_page):
    started = form_description(client)["started"]

    response = post(
        client,
        {**VALID, "started": started, "consent": True},
        HTTP_IDEMPOTENCY_KEY="x" * 256,
    )

    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["errors"]
    assert not Tip.objects.exists()
