"""The OpenAPI 3.1 description of the API, generated from what makes the responses.

Every object is described from the serializer the API builds for it
(`_get_serializer_class`, as for a response with `fields=*`): each page type's
`api_fields` and Wagtail's own fields. A field describes itself (`schema()` on
the project's serializer fields in `stories/api/fields.py`), or is a plain model
field described from its type, or is one of Wagtail's serializer fields
described below; bodies are described by their blocks (`api_schema()`). A field
or block without a description is a `MissingSchema` error, so the document
cannot drift from the responses. Shapes marked `named()` are kept once under
`components/schemas`.

Query parameters are listed here, and a test checks that every parameter the
endpoints accept is.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field as ModelField
from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from wagtail.api.v2.serializers import (
    DetailUrlField,
    PageAliasOfField,
    PageHtmlUrlField,
    PageLocaleField,
    PageParentField,
    PageTypeField,
    TagsField,
    TypeField,
)
from wagtail.documents import get_document_model
from wagtail.documents.api.v2.serializers import DocumentDownloadUrlField
from wagtail.images import get_image_model
from wagtail.images.api.v2.serializers import ImageDownloadUrlField
from wagtail.models import Page, get_page_models

from interreg.api import api_router
from stories.models.taxonomy import PROGRAMME_PERIODS

from .fields import locale_schema
from .routing import REDIRECT
from .schema import (
    INTEGER,
    STRING,
    URI,
    URI_REFERENCE,
    MissingSchema,
    Named,
    array,
    enum,
    model_field_schema,
    named,
    nullable,
    obj,
)

ALL_FIELDS = [("*", False, None)]


def type_label(model):
    return f"{model._meta.app_label}.{model.__name__}"


def page_types():
    """The page types the API can serve (every page model but Wagtail's root)."""
    return [model for model in get_page_models() if model is not Page]


def page_type_schema(model):
    if model is Page:
        return enum(type_label(page_model) for page_model in page_types())
    return {"const": type_label(model)}


def page_reference():
    """A page's parent or alias target, as Wagtail nests it."""
    return named(
        "PageReference",
        obj(
            {
                "id": INTEGER,
                "meta": obj(
                    {
                        "type": page_type_schema(Page),
                        "detail_url": URI_REFERENCE,
                        "html_url": nullable(URI),
                    }
                ),
                "title": STRING,
            }
        ),
    )


# Wagtail's own serializer fields, by class: what each gives for `model`.
WAGTAIL_FIELDS = {
    TypeField: lambda model: {"const": type_label(model)},
    PageTypeField: page_type_schema,
    # Relative unless WAGTAILAPI_BASE_URL is set, like every address Wagtail makes.
    DetailUrlField: lambda model: URI_REFERENCE,
    PageHtmlUrlField: lambda model: nullable(URI),
    PageLocaleField: lambda model: locale_schema(),
    PageParentField: lambda model: nullable(page_reference()),
    PageAliasOfField: lambda model: nullable(page_reference()),
    TagsField: lambda model: array(STRING),
    ImageDownloadUrlField: lambda model: URI_REFERENCE,
    DocumentDownloadUrlField: lambda model: URI_REFERENCE,
}


def field_schema(model, name, field):
    """What one serializer field of `model` gives."""
    if hasattr(field, "schema"):
        return field.schema()
    # A subclass of Wagtail's field (VisibleParentField) gives what its base does.
    for base in type(field).__mro__:
        if base in WAGTAIL_FIELDS:
            return WAGTAIL_FIELDS[base](model)
    try:
        model_field = model._meta.get_field(field.source)
    except FieldDoesNotExist:
        model_field = None
    if isinstance(model_field, ModelField) and not model_field.is_relation:
        return model_field_schema(model_field)
    raise MissingSchema(
        f"{type_label(model)}.{name} ({type(field).__name__}) has no schema: "
        "give its APIField a serializer with a schema() "
        "(stories/api/fields.py)"
    )


def object_schema(endpoint, model, name, *, details):
    """An object as `endpoint` gives it: in full (`details`, the detail view),
    or as a listing item, where `fields=` chooses what is there (by default
    `id`, `title` and some of `meta`), so nothing is required."""
    serializer_class = endpoint._get_serializer_class(
        api_router, model, ALL_FIELDS, show_details=details
    )
    serializer = serializer_class()
    meta, body = {}, {}
    for field_name, field in serializer.fields.items():
        part = meta if field_name in serializer.meta_fields else body
        part[field_name] = field_schema(model, field_name, field)
    properties = {"id": body.pop("id"), "meta": None, **body}
    if details:
        properties["meta"] = obj(meta)
        return named(name, obj(properties))
    properties["meta"] = obj(meta, required=[])
    return named(name, obj(properties, required=[]))


def page_schemas():
    """(detail, listing item) schemas of every page type, and of pages listed
    without `type=`."""
    endpoint = api_router.get_model_endpoint(Page)[1]
    detail = [
        object_schema(endpoint, model, model.__name__, details=True)
        for model in page_types()
    ]
    items = [
        object_schema(endpoint, model, f"{model.__name__}Item", details=False)
        for model in page_types()
    ]
    items.append(object_schema(endpoint, Page, "PageItem", details=False))
    return {"oneOf": detail}, {"anyOf": items}


def media_schemas(model, name):
    endpoint = api_router.get_model_endpoint(model)[1]
    return (
        object_schema(endpoint, model, f"{name}Detail", details=True),
        object_schema(endpoint, model, f"{name}Item", details=False),
    )


def collect(schema, components):
    """The schema with every `named()` part replaced by a reference to its
    entry in `components`."""
    if isinstance(schema, Named):
        described = collect(dict(schema), components)
        if components.setdefault(schema.name, described) != described:
            raise ValueError(f"Two different schemas are named {schema.name}")
        return {"$ref": f"#/components/schemas/{schema.name}"}
    if isinstance(schema, dict):
        return {key: collect(value, components) for key, value in schema.items()}
    if isinstance(schema, list):
        return [collect(value, components) for value in schema]
    return schema


ERROR = named("Error", obj({"message": STRING}))

LISTING_PARAMETERS = [
    (
        "fields",
        "Fields to give, comma-separated: * for all, -name to leave one out, "
        "_ to start from none.",
        STRING,
    ),
    ("search", "Full-text search in the page's language rules.", STRING),
    ("search_operator", "How search words combine: and or or.", enum(["and", "or"])),
    ("order", "Field to order by, '-' for descending, or random.", STRING),
    (
        "limit",
        "Items per response (at most 50).",
        {"type": "integer", "minimum": 0, "maximum": 50},
    ),
    ("offset", "Items to skip.", {"type": "integer", "minimum": 0}),
]
PAGE_PARAMETERS = [
    ("type", "Page type, e.g. stories.StoryPage or stories.ProjectPage.", STRING),
    ("locale", "Language: nb or en.", locale_schema),
    ("translation_of", "Pages that are translations of this page id.", INTEGER),
    ("tags", "Pages with these tags (comma-separated); needs type.", STRING),
    ("child_of", "Children of this page id.", INTEGER),
    ("ancestor_of", "Ancestors of this page id.", INTEGER),
    ("descendant_of", "Descendants of this page id.", INTEGER),
    ("site", "The site's hostname (default: the host called).", STRING),
    (
        "project",
        "Stories about this project page id; needs type=stories.StoryPage.",
        INTEGER,
    ),
    ("programme", "By programme slug, e.g. sverige-norge; needs type.", STRING),
    ("theme", "By theme code, e.g. PO2; needs type.", STRING),
    (
        "period",
        "Projects of a programme period; needs type=stories.ProjectPage.",
        enum(value for value, _label in PROGRAMME_PERIODS),
    ),
    (
        "county",
        "Projects in a county (number); needs type=stories.ProjectPage.",
        STRING,
    ),
    (
        "status",
        "Active or completed projects; needs type=stories.ProjectPage.",
        enum(["active", "completed"]),
    ),
]
FIND_PARAMETERS = [
    (
        "html_path",
        "A page's address on the site, in either language: /historier/elgen/, "
        "/en/stories/the-moose/ (with or without the trailing slash).",
        STRING,
    ),
    ("id", "A page id.", INTEGER),
    ("type", "Find only pages of this type.", STRING),
]


def parameters(spec):
    return [
        {
            "name": name,
            "in": "query",
            "required": False,
            "description": text,
            "schema": schema() if callable(schema) else schema,
        }
        for name, text, schema in spec
    ]


def json_content(schema):
    return {"application/json": {"schema": schema}}


def responses(ok, *, not_found=False):
    result = {
        "200": {"description": "OK", "content": json_content(ok)},
        "400": {"description": "Bad parameter", "content": json_content(ERROR)},
    }
    if not_found:
        result["404"] = {"description": "Not found", "content": json_content(ERROR)}
    return result


def listing(item):
    return obj({"meta": obj({"total_count": INTEGER}), "items": array(item)})


FIND_DESCRIPTION = """\
Route a front end by the reader's path. A live, public page at `html_path`
answers `302` to its detail URL (`fetch()` follows it and gets the page); an
address with a redirect (a changed slug, a moved page, an imported old address,
or `/nb/…`) answers `200` with `{"redirect": {"location", "is_permanent",
"page"}}`, so the front end can answer the same redirect (`301`/`308` when
permanent, `302`/`307` otherwise); anything else, drafts and private pages
included, is a `404`."""


def build_document():
    page_detail, page_item = page_schemas()
    image_detail, image_item = media_schemas(get_image_model(), "Image")
    document_detail, document_item = media_schemas(get_document_model(), "Document")
    id_parameter = {"name": "id", "in": "path", "required": True, "schema": INTEGER}
    media_parameters = parameters(LISTING_PARAMETERS)
    document = {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "info": {
            "title": "Interreg Stories API",
            "version": "2",
            "description": (
                "Wagtail API v2 for Interreg Stories: stories and projects in "
                "Norwegian (nb) and English (en), their images and documents. "
                "Only live, public pages are served."
            ),
        },
        "servers": [{"url": "/"}],
        "paths": {
            "/api/v2/pages/": {
                "get": {
                    "operationId": "listPages",
                    "summary": "List pages",
                    "parameters": parameters(LISTING_PARAMETERS + PAGE_PARAMETERS),
                    "responses": responses(listing(page_item)),
                }
            },
            "/api/v2/pages/{id}/": {
                "get": {
                    "operationId": "getPage",
                    "summary": "One page with all its fields",
                    "parameters": [id_parameter],
                    "responses": responses(page_detail, not_found=True),
                }
            },
            "/api/v2/pages/find/": {
                "get": {
                    "operationId": "findPage",
                    "summary": "The page or redirect at an address on the site",
                    "description": FIND_DESCRIPTION,
                    "parameters": parameters(FIND_PARAMETERS),
                    "responses": {
                        "302": {
                            "description": "A page: Location is its detail URL.",
                            "headers": {
                                "Location": {
                                    "required": True,
                                    "schema": URI_REFERENCE,
                                }
                            },
                        },
                        **responses(REDIRECT, not_found=True),
                    },
                }
            },
            "/api/v2/images/": {
                "get": {
                    "operationId": "listImages",
                    "summary": "List images",
                    "parameters": media_parameters,
                    "responses": responses(listing(image_item)),
                }
            },
            "/api/v2/images/{id}/": {
                "get": {
                    "operationId": "getImage",
                    "parameters": [id_parameter],
                    "responses": responses(image_detail, not_found=True),
                }
            },
            "/api/v2/documents/": {
                "get": {
                    "operationId": "listDocuments",
                    "summary": "List documents",
                    "parameters": media_parameters,
                    "responses": responses(listing(document_item)),
                }
            },
            "/api/v2/documents/{id}/": {
                "get": {
                    "operationId": "getDocument",
                    "parameters": [id_parameter],
                    "responses": responses(document_detail, not_found=True),
                }
            },
            "/api/v2/page_preview/": {
                "get": {
                    "operationId": "previewPage",
                    "summary": "A draft being previewed, by its preview token",
                    "parameters": [
                        {**parameter, "required": True}
                        for parameter in parameters(
                            [
                                ("content_type", "e.g. stories.storypage", STRING),
                                ("token", "The preview token.", STRING),
                            ]
                        )
                    ],
                    "responses": responses(page_detail, not_found=True),
                }
            },
        },
    }
    components = {}
    document = collect(document, components)
    document["components"] = {"schemas": dict(sorted(components.items()))}
    return document


@cache_control(public=True, max_age=300)
def openapi_document(request):
    return JsonResponse(build_document(), json_dumps_params={"ensure_ascii": False})
