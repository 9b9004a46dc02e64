"""The OpenAPI document is served, types every field and block, and the API keeps to it."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from stories.blocks import StoryBodyBlock

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_wsgi("/api/v2/openapi.json", get_wsgi_application())


def test_the_document_is_served_as_openapi_3_1(client):
    response = client.get("/api/v2/openapi.json")

    assert response.status_code == 200
    document = response.json()
    assert document["openapi"] == "3.1.0"
    assert "/api/v2/pages/" in document["paths"]


TYPED = {"type", "$ref", "anyOf", "oneOf", "allOf", "const", "enum"}


def untyped(schema, path="$"):
    """Paths in a schema where a value could be anything."""
    if not TYPED & set(schema):
        yield path
        return
    for name, child in schema.get("properties", {}).items():
        yield from untyped(child, f"{path}.{name}")
    if "items" in schema:
        yield from untyped(schema["items"], f"{path}[]")
    for key in ("anyOf", "oneOf"):
        for index, option in enumerate(schema.get(key, [])):
            yield from untyped(option, f"{path}.{key}[{index}]")


def test_every_block_and_field_is_typed(openapi):
    schemas = openapi["components"]["schemas"]

    for name in ("StoryPage", "ProjectPage", "StoryBody", "Image", "Programme"):
        assert list(untyped(schemas[name])) == [], name
    body_types = {
        item["properties"]["type"]["const"]
        for item in schemas["StoryBody"]["items"]["oneOf"]
    }
    assert body_types == set(StoryBodyBlock.base_blocks)
    story_fields = set(schemas["StoryPage"]["properties"])
    assert story_fields >= {
        "intro",
        "body",
        "tags",
        "hero_image",
        "projects",
        "contact",
    }


@pytest.fixture
def pages(content):
    """Content, and requests that keep the test's database connection open (as
    Django's test client does), since schemathesis calls the WSGI app directly."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield content
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.include(path_regex=r"^/api/v2/").parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_the_api_never_fails_and_keeps_to_its_schema(case, pages):
    # Not "positive data acceptance": some schema-valid combinations are refused
    # on purpose (a story filter without type=, a page id that does not exist).
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )
