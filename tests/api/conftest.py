import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from stories.api.openapi import build_document


@pytest.fixture(scope="session")
def openapi():
    return build_document()


@pytest.fixture(scope="session")
def validate(openapi):
    """Validate data against a component schema of the OpenAPI document."""
    document = Resource.from_contents(openapi, default_specification=DRAFT202012)
    registry = Registry().with_resource("urn:openapi", document)

    def check(data, schema_name):
        validator = Draft202012Validator(
            {"$ref": f"urn:openapi#/components/schemas/{schema_name}"},
            registry=registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )
        errors = sorted(validator.iter_errors(data), key=lambda e: e.path)
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]

    return check
