"""Arbitrary input at the two public doors: only 2xx, 3xx or 4xx come back, and a
tip is stored only when it is valid."""

import json

import pytest
from django.core import mail
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stories.models import Tip
from stories.tips.forms import started_token

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
FIELDS = [
    "name",
    "email",
    "organisation",
    "project",
    "programme",
    "story",
    "link",
    "consent",
]

text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.sampled_from(
        ["", "\x00", "a\x00b", "\r\n", "x" * 6000, "<script>alert(1)</script>"]
    ),
    st.just("kari@example.no"),
    st.just("on"),
)
form_data = st.dictionaries(
    st.sampled_from(FIELDS + ["website", "extra"]), text, max_size=10
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=10,
)


@pytest.fixture
def tip_page(tip_page, settings):
    """The tip form, with the abuse limits out of the fuzzer's way."""
    settings.TIP_MIN_FILL_SECONDS = 0
    settings.TIP_RATE_LIMIT = 10**9
    return tip_page


def valid(data):
    def filled(name):
        value = data.get(name, "")
        return bool(value.strip()) and "\x00" not in value

    return (
        filled("name")
        and data.get("email") == "kari@example.no"
        and data.get("consent") == "on"
        and filled("story")
        and len(data.get("story", "")) <= 5000
        and not data.get("website")
    )


@FUZZ
@given(data=form_data)
def test_the_tip_form_stores_only_valid_tips(client, tip_page, data):
    before = Tip.objects.count()

    response = client.post("/tips-oss/", {**data, "started": started_token()})

    assert response.status_code < 500
    stored = Tip.objects.count() - before
    assert stored in (0, 1)
    if stored:
        assert valid(data), data


@FUZZ
@given(body=json_values)
def test_the_tips_api_never_fails(client, tip_page, body):
    if isinstance(body, dict):
        body = {**body, "started": started_token()}
    before = Tip.objects.count()

    response = client.post(
        "/api/tips/", json.dumps(body), content_type="application/json"
    )

    assert response.status_code < 500
    assert response.status_code == 201 or Tip.objects.count() == before


@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(
            [
                "type",
                "fields",
                "locale",
                "translation_of",
                "tags",
                "search",
                "order",
                "limit",
                "offset",
                "child_of",
                "descendant_of",
                "project",
                "programme",
                "theme",
                "period",
                "county",
                "status",
                "html_path",
                "search_operator",
                "site",
                "intro",
                "date",
                "title",
            ]
        ),
        text
        | st.integers().map(str)
        | st.sampled_from(
            ["stories.StoryPage", "stories.ProjectPage", "nb", "en", "*"]
        ),
        max_size=6,
    )
)
def test_every_api_parameter_answers_without_a_server_error(client, content, params):
    for path in ("/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/"):
        response = client.get(path, params)
        assert response.status_code < 500, (path, params, response.content[:300])


def test_tip_text_goes_into_the_email_as_plain_text(
    client, tip_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/tips-oss/",
            {
                "name": "<b>Kari</b>",
                "email": "kari@example.no",
                "project": "Prosjekt\r\nBcc: spam@example.com",
                "story": "<script>alert('x')</script>",
                "consent": "on",
                "started": started_token(),
            },
        )

    message = next(m for m in mail.outbox if m.to == ["interreg@pkom.no"])
    assert "\n" not in message.subject and "Bcc" not in message.extra_headers
    assert message.content_subtype == "plain"
    assert not getattr(message, "alternatives", [])
    assert "<script>alert('x')</script>" in message.body
