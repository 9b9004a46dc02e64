"""The OpenAPI 3.1 description of the API, built from the models and blocks.

Block schemas are derived from the StreamField definitions (a block with its own
API representation describes it in `api_schema()`), so the document changes when
the blocks do; tests validate real responses against it and fuzz the API with it.
"""

from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from wagtail import blocks

from stories.blocks import StoryBodyBlock
from stories.models.taxonomy import PROGRAMME_PERIODS

STRING = {"type": "string"}
NULLABLE_STRING = {"type": ["string", "null"]}
INTEGER = {"type": "integer"}
DATE = {"type": "string", "format": "date"}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
URI = {"type": "string", "format": "uri"}
URI_REFERENCE = {"type": "string", "format": "uri-reference"}
AMOUNT = {"type": ["number", "null"], "minimum": 0}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema):
    return {"anyOf": [schema, {"type": "null"}]}


def obj(properties, required=None):
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


def block_schema(block):
    """JSON Schema of a block's API representation."""
    if hasattr(block, "api_schema"):
        return block.api_schema()
    if isinstance(block, blocks.StreamBlock):
        return {
            "type": "array",
            "items": {
                "oneOf": [
                    obj(
                        {
                            "type": {"const": name},
                            "value": block_schema(child),
                            "id": STRING,
                        }
                    )
                    for name, child in block.child_blocks.items()
                ]
            },
        }
    if isinstance(block, blocks.StructBlock):
        return obj(
            {name: block_schema(child) for name, child in block.child_blocks.items()}
        )
    if isinstance(block, blocks.ListBlock):
        return {"type": "array", "items": block_schema(block.child_block)}
    if isinstance(block, blocks.ChoiceBlock):
        return {
            "type": "string",
            "enum": [str(value) for value, _label in block.field.choices if value],
        }
    if isinstance(block, blocks.RichTextBlock):
        return {"type": "string", "contentMediaType": "text/html"}
    if isinstance(block, blocks.URLBlock):
        return STRING if not block.required else URI
    if isinstance(block, blocks.CharBlock | blocks.TextBlock):
        return STRING
    raise TypeError(f"No schema for block {type(block).__name__}")


def image_schema():
    return nullable(
        obj(
            {
                "id": INTEGER,
                "title": STRING,
                "alt": STRING,
                "width": INTEGER,
                "height": INTEGER,
                "renditions": {
                    "type": "array",
                    "items": obj(
                        {
                            "url": URI,
                            "width": INTEGER,
                            "height": INTEGER,
                            "format": {"enum": ["webp", "jpeg"]},
                        }
                    ),
                },
            }
        )
    )


PROGRAMME = obj(
    {
        "name": STRING,
        "short_name": STRING,
        "slug": STRING,
        "strand": {"enum": ["A", "B", "C"]},
        "period": {"enum": [value for value, _label in PROGRAMME_PERIODS]},
    }
)
THEME = obj({"code": STRING, "name": STRING})
TRANSLATION = obj({"locale": {"enum": ["nb", "en"]}, "id": INTEGER, "html_url": URI})
PAGE_META = obj(
    {
        "type": STRING,
        "detail_url": URI_REFERENCE,
        "html_url": nullable(URI),
        "slug": STRING,
        "show_in_menus": {"type": "boolean"},
        "seo_title": STRING,
        "search_description": STRING,
        "first_published_at": {"type": ["string", "null"], "format": "date-time"},
        "alias_of": nullable(ref("PageReference")),
        "parent": nullable(ref("PageReference")),
        "locale": {"enum": ["nb", "en"]},
    },
    required=["type", "detail_url"],
)
STORY_FIELDS = {
    "intro": STRING,
    "date": DATE,
    "byline": STRING,
    "reading_time": {"type": "integer", "minimum": 1},
    "hero_image": ref("Image"),
    "hero_alt": STRING,
    "hero_caption": STRING,
    "hero_credit": STRING,
    "body": ref("StoryBody"),
    "tags": {"type": "array", "items": STRING},
    "projects": {
        "type": "array",
        "items": obj(
            {
                "id": INTEGER,
                "title": STRING,
                "acronym": STRING,
                "html_url": nullable(URI),
                "programme": nullable(ref("Programme")),
            }
        ),
    },
    "themes": {"type": "array", "items": ref("Theme")},
    "contact": nullable(
        obj({"name": STRING, "role": STRING, "email": STRING, "phone": STRING})
    ),
    "translations": {"type": "array", "items": ref("Translation")},
}
PROJECT_FIELDS = {
    "acronym": STRING,
    "project_code": STRING,
    "programme": nullable(ref("Programme")),
    "programme_period": {"enum": [value for value, _label in PROGRAMME_PERIODS]},
    "themes": {"type": "array", "items": ref("Theme")},
    "start_date": DATE,
    "end_date": NULLABLE_DATE,
    "status": {"enum": ["active", "completed"]},
    "total_budget_eur": AMOUNT,
    "eu_funding_eur": AMOUNT,
    "cofinancing_rate": {**AMOUNT, "maximum": 100},
    "norwegian_funding_nok": AMOUNT,
    "lead_partner": STRING,
    "partners": {
        "type": "array",
        "items": obj(
            {
                "organisation": STRING,
                "country": STRING,
                "country_name": STRING,
                "county": nullable(obj({"number": STRING, "name": STRING})),
                "role": {"enum": ["lead", "partner", "associated"]},
            }
        ),
    },
    "counties": {"type": "array", "items": obj({"number": STRING, "name": STRING})},
    "website": STRING,
    "keep_eu_url": STRING,
    "summary": STRING,
    "hero_image": ref("Image"),
    "body": ref("StoryBody"),
    "tags": {"type": "array", "items": STRING},
    "translations": {"type": "array", "items": ref("Translation")},
}
OTHER_PAGE_FIELDS = {"intro": STRING}


def page_schema(type_name, fields, *, listing):
    properties = {"id": INTEGER, "meta": ref("PageMeta"), "title": STRING, **fields}
    required = ["id", "meta"] if listing else ["id", "meta", "title", *fields]
    schema = obj(properties, required=required)
    if type_name:
        schema["properties"]["meta"] = {
            "allOf": [ref("PageMeta"), {"properties": {"type": {"const": type_name}}}]
        }
    return schema


def listing_schema(item):
    return obj(
        {
            "meta": obj({"total_count": INTEGER}),
            "items": {"type": "array", "items": item},
        }
    )


ERROR = obj({"message": STRING})

PAGE_FILTERS = [
    ("type", "Page type, e.g. stories.StoryPage or stories.ProjectPage.", STRING),
    ("fields", "Extra fields, comma-separated, or * for all.", STRING),
    ("locale", "Language: nb or en.", {"enum": ["nb", "en"]}),
    ("translation_of", "Pages that are translations of this page id.", INTEGER),
    ("tags", "Pages with these tags (comma-separated); needs type.", STRING),
    ("search", "Full-text search in the page's language rules.", STRING),
    ("order", "Field to order by, '-' for descending, or random.", STRING),
    (
        "limit",
        "Items per response (at most 50).",
        {"type": "integer", "minimum": 0, "maximum": 50},
    ),
    ("offset", "Items to skip.", {"type": "integer", "minimum": 0}),
    ("child_of", "Children of this page id.", INTEGER),
    ("descendant_of", "Descendants of this page id.", INTEGER),
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
        {"enum": [v for v, _l in PROGRAMME_PERIODS]},
    ),
    (
        "county",
        "Projects in a county (number); needs type=stories.ProjectPage.",
        STRING,
    ),
    (
        "status",
        "Active or completed projects; needs type=stories.ProjectPage.",
        {"enum": ["active", "completed"]},
    ),
]


def parameters(spec):
    return [
        {
            "name": name,
            "in": "query",
            "required": False,
            "description": text,
            "schema": schema,
        }
        for name, text, schema in spec
    ]


def responses(ok, *, not_found=False):
    result = {
        "200": {"description": "OK", "content": {"application/json": {"schema": ok}}},
        "400": {
            "description": "Bad parameter",
            "content": {"application/json": {"schema": ref("Error")}},
        },
    }
    if not_found:
        result["404"] = {
            "description": "Not found",
            "content": {"application/json": {"schema": ref("Error")}},
        }
    return result


MEDIA_ITEM = obj(
    {
        "id": INTEGER,
        "meta": obj(
            {
                "type": STRING,
                "detail_url": URI_REFERENCE,
                "tags": {"type": "array", "items": STRING},
                "download_url": STRING,
            },
            required=["type", "detail_url"],
        ),
        "title": STRING,
        "width": INTEGER,
        "height": INTEGER,
    },
    required=["id", "meta"],
)


def build_document():
    page_item = {
        "anyOf": [
            ref("StoryPageItem"),
            ref("ProjectPageItem"),
            ref("PageItem"),
        ]
    }
    page_detail = {
        "oneOf": [ref("StoryPage"), ref("ProjectPage"), ref("OtherPage")],
    }
    id_parameter = {"name": "id", "in": "path", "required": True, "schema": INTEGER}
    fields_parameter = parameters(PAGE_FILTERS[1:2])
    return {
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
                    "parameters": parameters(PAGE_FILTERS),
                    "responses": responses(listing_schema(page_item)),
                }
            },
            "/api/v2/pages/{id}/": {
                "get": {
                    "operationId": "getPage",
                    "summary": "One page with all its fields",
                    "parameters": [id_parameter, *fields_parameter],
                    "responses": responses(page_detail, not_found=True),
                }
            },
            "/api/v2/images/": {
                "get": {
                    "operationId": "listImages",
                    "summary": "List images",
                    "parameters": parameters(PAGE_FILTERS[1:2] + PAGE_FILTERS[5:9]),
                    "responses": responses(listing_schema(MEDIA_ITEM)),
                }
            },
            "/api/v2/images/{id}/": {
                "get": {
                    "operationId": "getImage",
                    "parameters": [id_parameter],
                    "responses": responses(MEDIA_ITEM, not_found=True),
                }
            },
            "/api/v2/documents/": {
                "get": {
                    "operationId": "listDocuments",
                    "summary": "List documents",
                    "parameters": parameters(PAGE_FILTERS[1:2] + PAGE_FILTERS[5:9]),
                    "responses": responses(listing_schema(MEDIA_ITEM)),
                }
            },
            "/api/v2/documents/{id}/": {
                "get": {
                    "operationId": "getDocument",
                    "parameters": [id_parameter],
                    "responses": responses(MEDIA_ITEM, not_found=True),
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
        "components": {
            "schemas": {
                "Error": ERROR,
                "PageReference": obj(
                    {
                        "id": INTEGER,
                        "meta": obj(
                            {
                                "type": STRING,
                                "detail_url": URI_REFERENCE,
                                "html_url": nullable(URI),
                            },
                            required=["type", "detail_url"],
                        ),
                        "title": STRING,
                    }
                ),
                "PageMeta": PAGE_META,
                "Image": image_schema(),
                "Programme": PROGRAMME,
                "Theme": THEME,
                "Translation": TRANSLATION,
                "StoryBody": block_schema(StoryBodyBlock()),
                "StoryPage": page_schema(
                    "stories.StoryPage", STORY_FIELDS, listing=False
                ),
                "ProjectPage": page_schema(
                    "stories.ProjectPage", PROJECT_FIELDS, listing=False
                ),
                "OtherPage": {
                    "allOf": [
                        page_schema(None, OTHER_PAGE_FIELDS, listing=True),
                        {
                            "properties": {
                                "meta": {
                                    "properties": {
                                        "type": {
                                            "not": {
                                                "enum": [
                                                    "stories.StoryPage",
                                                    "stories.ProjectPage",
                                                ]
                                            }
                                        }
                                    }
                                }
                            }
                        },
                    ]
                },
                "StoryPageItem": page_schema(
                    "stories.StoryPage", STORY_FIELDS, listing=True
                ),
                "ProjectPageItem": page_schema(
                    "stories.ProjectPage", PROJECT_FIELDS, listing=True
                ),
                "PageItem": page_schema(None, OTHER_PAGE_FIELDS, listing=True),
            }
        },
    }


@cache_control(public=True, max_age=300)
def openapi_document(request):
    return JsonResponse(build_document(), json_dumps_params={"ensure_ascii": False})
