from urllib.parse import quote

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from stories.api.openapi import build_document


@pytest.fixture(scope="session")
def openapi():
    return build_document()


def response_schema(path, status="200"):
    """Where the OpenAPI document describes a GET response, as a JSON pointer."""
    pointer = "/".join(
        part.replace("~", "~0").replace("/", "~1")
        for part in ("paths", path, "get", "responses", status, "content")
    )
    return f"/{pointer}/application~1json/schema"


@pytest.fixture(scope="session")
def validate(openapi):
    """Validate data against a component schema of the OpenAPI document (by
    name), or against any part of it (by JSON pointer, see `response_schema`)."""
    document = Resource.from_contents(openapi, default_specification=DRAFT202012)
    registry = Registry().with_resource("urn:openapi", document)

    def check(data, schema_name):
        pointer = (
            schema_name
            if schema_name.startswith("/")
            else f"/components/schemas/{schema_name}"
        )
        validator = Draft202012Validator(
            {"$ref": f"urn:openapi#{quote(pointer, safe='/~')}"},
            registry=registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )
        errors = sorted(validator.iter_errors(data), key=lambda e: e.path)
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]

    return check
