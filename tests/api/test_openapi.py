"""The OpenAPI document is generated from the fields and blocks the responses come
from, types every one of them, and the API keeps to it."""

import json

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
from wagtail import blocks
from wagtail.api import APIField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail_factories import DocumentFactory

from stories.api.openapi import build_document, page_types, type_label
from stories.api.schema import MissingSchema, block_schema
from stories.api.views import InterregPagesAPIViewSet
from stories.blocks import DescribedStructBlock, HeadingBlock, StoryBodyBlock
from stories.models import StoryPage
from tests.api.conftest import response_schema
from tests.content import translated
from tests.factories import ImageFactory, StoryPageFactory

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


def every_block(image, other_image, document, project):
    """A body with every block type, and both kinds of call to action."""
    caption = {"image": image.pk, "alt_text": "Elg", "caption": "", "credit": ""}
    return [
        {"type": "heading", "value": {"text": "Resultater", "level": "h2"}},
        {
            "type": "paragraph",
            "value": f'<p>Se <a linktype="page" id="{project.pk}">prosjektet</a>.</p>',
        },
        {"type": "image", "value": {**caption, "caption": "En elg", "credit": "NN"}},
        {"type": "quote", "value": {"quote": "Det nytter.", "attribution": "Kari"}},
        {
            "type": "video",
            "value": {
                "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                "title": "Elgen på vandring",
                "poster": image.pk,
                "caption": "",
            },
        },
        {
            "type": "fact_box",
            "value": {"title": "Fakta", "body": "<ul><li>To land</li></ul>"},
        },
        {
            "type": "key_figures",
            "value": {
                "title": "",
                "figures": [{"value": "12", "label": "partnere"}],
            },
        },
        {
            "type": "gallery",
            "value": {
                "title": "Bilder",
                "images": [caption, {**caption, "image": other_image.pk}],
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "text": "Les om prosjektet",
                "description": "",
                "page": project.pk,
                "url": "",
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "text": "Programmet",
                "description": "Alt om programmet",
                "page": None,
                "url": "https://interreg.eu/",
            },
        },
        {"type": "document", "value": {"document": document.pk, "title": ""}},
    ]


@pytest.fixture
def every_page(content, tip_page, english):
    """Every page type live in both languages, and a story with every block."""
    image, other_image = ImageFactory(), ImageFactory()
    document = DocumentFactory()
    story = StoryPageFactory(
        parent=content["story_index"],
        title="Alle blokkene",
        slug="alle-blokkene",
        body=every_block(image, other_image, document, content["project"]),
    )
    story.save_revision().publish()
    translated(story, english, ("Alle blokkene", "Every block"))
    return {"images": [image, other_image], "document": document}


def test_every_field_of_every_live_page_keeps_to_the_document(
    client, every_page, validate
):
    seen, block_types = set(), set()

    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        data = client.get(f"/api/v2/pages/{page.pk}/").json()

        validate(data, response_schema("/api/v2/pages/{id}/"))
        validate(data, type(page).__name__)  # every field, and nothing more
        seen.add((data["meta"]["type"], data["meta"]["locale"]))
        block_types |= {block["type"] for block in data.get("body", [])}

    every_type = {type_label(model) for model in page_types()}
    assert seen == {(label, code) for label in every_type for code in ("nb", "en")}
    assert block_types == set(StoryBodyBlock.base_blocks)


@pytest.mark.parametrize("locale", ["nb", "en"])
def test_listings_with_every_field_keep_to_the_document(
    client, every_page, validate, locale
):
    for model in page_types():
        response = client.get(
            f"/api/v2/pages/?type={type_label(model)}&fields=*&locale={locale}"
        )

        assert response.json()["items"], type_label(model)
        validate(response.json(), response_schema("/api/v2/pages/"))


def test_images_and_documents_keep_to_the_document(client, every_page, validate):
    for image in every_page["images"]:
        data = client.get(f"/api/v2/images/{image.pk}/").json()
        validate(data, response_schema("/api/v2/images/{id}/"))
    document = every_page["document"]
    data = client.get(f"/api/v2/documents/{document.pk}/").json()
    validate(data, response_schema("/api/v2/documents/{id}/"))
    listing = client.get("/api/v2/images/?fields=*").json()
    validate(listing, response_schema("/api/v2/images/"))


def test_a_new_page_field_appears_in_the_document_typed_from_its_model(monkeypatch):
    monkeypatch.setattr(
        StoryPage, "api_fields", [*StoryPage.api_fields, APIField("go_live_at")]
    )

    story = build_document()["components"]["schemas"]["StoryPage"]

    assert story["properties"]["go_live_at"] == {
        "anyOf": [{"type": "string", "format": "date-time"}, {"type": "null"}]
    }
    assert "go_live_at" in story["required"]


def test_a_page_field_without_a_schema_fails_the_document(monkeypatch):
    # A property, not a model field: nothing says what it gives.
    monkeypatch.setattr(
        StoryPage, "api_fields", [*StoryPage.api_fields, APIField("tag_list")]
    )

    with pytest.raises(MissingSchema, match=r"stories\.StoryPage\.tag_list"):
        build_document()


def test_a_new_block_appears_in_the_document(story_body):
    class SourceBlock(DescribedStructBlock):
        name = blocks.CharBlock()
        url = blocks.URLBlock(required=False)

    story_body("source", SourceBlock())

    schemas = build_document()["components"]["schemas"]
    body_types = [
        item["properties"]["type"]["const"]
        for item in schemas["StoryBody"]["items"]["oneOf"]
    ]
    assert "source" in body_types
    assert schemas["SourceBlock"]["properties"] == {
        "name": {"type": "string"},
        "url": {"anyOf": [{"type": "string", "format": "uri"}, {"const": ""}]},
    }


def test_a_block_without_a_schema_fails_the_document(story_body):
    # Wagtail's API gives a chooser's stored id, which no front end can show.
    story_body("map", ImageChooserBlock())

    with pytest.raises(MissingSchema, match="ImageChooserBlock"):
        build_document()


def test_a_block_that_changes_its_representation_must_describe_it():
    class ShoutedHeadingBlock(HeadingBlock):
        def get_api_representation(self, value, context=None):
            return value["text"].upper()

    with pytest.raises(MissingSchema, match="ShoutedHeadingBlock"):
        block_schema(ShoutedHeadingBlock())


def test_every_query_parameter_the_pages_accept_is_documented(openapi):
    listing = openapi["paths"]["/api/v2/pages/"]["get"]["parameters"]
    # `_` (jQuery's cache-buster) and `format` (the browsable API) are Wagtail's
    # own; `tags` is one of the field filters.
    accepted = InterregPagesAPIViewSet.known_query_parameters - {"_", "format"}

    assert {parameter["name"] for parameter in listing} == accepted | {"tags"}


def test_export_openapi_schema_writes_the_document(run_manage, tmp_path, openapi):
    target = tmp_path / "openapi.json"

    result = run_manage("export_openapi_schema", str(target))

    assert result.returncode == 0, result.stderr
    assert json.loads(target.read_text()) == openapi
    assert str(target) in result.stdout


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
