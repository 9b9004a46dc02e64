"""JSON Schema of the API's data, described where each shape is made.

Serializer fields (`stories/api/fields.py`) and blocks (`stories/blocks.py`) say
what their API representation looks like; plain model fields and Wagtail's own
blocks are described here from their type. `stories/api/openapi.py` puts the
pieces together into the OpenAPI document. Anything without a description is a
`MissingSchema` error, so a new field or block cannot slip into the API
undescribed. This module imports nothing from the project: models, blocks and
fields may all use it.
"""

from django.db import models
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField

STRING = {"type": "string"}
INTEGER = {"type": "integer"}
NUMBER = {"type": "number"}
BOOLEAN = {"type": "boolean"}
DATE = {"type": "string", "format": "date"}
DATE_TIME = {"type": "string", "format": "date-time"}
URI = {"type": "string", "format": "uri"}
URI_REFERENCE = {"type": "string", "format": "uri-reference"}
HTML = {"type": "string", "contentMediaType": "text/html"}
NULL = {"type": "null"}


class MissingSchema(TypeError):
    """A field or block of the API that does not describe its representation."""


class Named(dict):
    """A schema the document keeps once, under `components/schemas/<name>`."""

    def __init__(self, name, schema):
        super().__init__(schema)
        self.name = name


def named(name, schema):
    return Named(name, schema)


def obj(properties, required=None):
    """An object with exactly these properties (all required unless told)."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else list(required),
        "additionalProperties": False,
    }


def array(items):
    return {"type": "array", "items": items}


def nullable(schema):
    return {"anyOf": [schema, NULL]}


def enum(values):
    values = list(values)
    if all(isinstance(value, str) for value in values):
        return {"type": "string", "enum": values}
    return {"enum": values}


def _optional_text(schema, blank):
    """A formatted string that may also be empty (a blank URL or e-mail field)."""
    return {"anyOf": [schema, {"const": ""}]} if blank else schema


def model_field_schema(field):
    """The API representation of a plain model field, from its type."""
    schema = _model_field_schema(field)
    return nullable(schema) if field.null else schema


def _model_field_schema(field):
    if isinstance(field, RichTextField):
        raise MissingSchema(
            f"{field.model.__name__}.{field.name} is rich text: the API would give "
            "its internal form; serialize it with a field that renders HTML"
        )
    if isinstance(field, StreamField):
        return block_schema(field.stream_block)
    if field.choices:
        values = [str(value) for value, _label in field.flatchoices]
        if field.blank and "" not in values:
            values.append("")
        return enum(values)
    if isinstance(
        field,
        models.PositiveIntegerField
        | models.PositiveSmallIntegerField
        | models.PositiveBigIntegerField,
    ):
        return {"type": "integer", "minimum": 0}
    if isinstance(field, models.AutoField | models.BigAutoField | models.IntegerField):
        return INTEGER
    if isinstance(field, models.BooleanField):
        return BOOLEAN
    if isinstance(field, models.DecimalField | models.FloatField):
        return NUMBER
    if isinstance(field, models.DateTimeField):
        return DATE_TIME
    if isinstance(field, models.DateField):
        return DATE
    if isinstance(field, models.URLField):
        return _optional_text(URI, field.blank)
    if isinstance(field, models.EmailField):
        return _optional_text({"type": "string", "format": "email"}, field.blank)
    if isinstance(field, models.UUIDField):
        return {"type": "string", "format": "uuid"}
    if isinstance(field, models.CharField):
        return {"type": "string", "maxLength": field.max_length}
    if isinstance(field, models.TextField):
        return STRING
    raise MissingSchema(
        f"{field.model.__name__}.{field.name} ({type(field).__name__}) has no "
        "schema: serialize it with a field that describes itself"
    )


def model_schema(model, names, **extra):
    """An object of some of a model's fields, as `{name: getattr(obj, name)}`."""
    properties = {
        name: model_field_schema(model._meta.get_field(name)) for name in names
    }
    return obj({**properties, **extra})


# Wagtail's blocks whose API representation is their plain value.
LEAF_BLOCKS = [
    (blocks.URLBlock, lambda block: _optional_text(URI, not block.required)),
    (blocks.EmailBlock, lambda block: {"type": "string", "format": "email"}),
    (blocks.CharBlock, lambda block: STRING),
    (blocks.TextBlock, lambda block: STRING),
    (blocks.BooleanBlock, lambda block: BOOLEAN),
    (blocks.IntegerBlock, lambda block: INTEGER),
    (blocks.FloatBlock, lambda block: NUMBER),
    (blocks.DateBlock, lambda block: DATE),
    (
        blocks.ChoiceBlock,
        lambda block: enum(
            [str(value) for value, _label in block.field.choices if value]
            + ([] if block.required else [""])
        ),
    ),
]


def _owner(cls, attribute):
    """The class in `cls`'s hierarchy that defines `attribute`."""
    return next(klass for klass in cls.__mro__ if attribute in vars(klass))


def _is_wagtails(cls):
    return cls.__module__.split(".")[0] == "wagtail"


def block_schema(block):
    """The API representation of a block.

    A block of the project describes itself in `api_schema()`; one that changes
    its API representation must describe it at the same level (or below), so a
    new `get_api_representation` without a new schema is an error. Wagtail's
    own structural and plain-value blocks are described from their definition.
    """
    cls = type(block)
    if hasattr(block, "api_schema"):
        representation = _owner(cls, "get_api_representation")
        if representation is not _owner(cls, "api_schema") and issubclass(
            representation, _owner(cls, "api_schema")
        ):
            raise MissingSchema(
                f"{cls.__name__} changes get_api_representation but inherits "
                "api_schema: describe the new representation"
            )
        return block.api_schema()
    if not _is_wagtails(cls):
        raise MissingSchema(f"{cls.__name__} has no api_schema()")
    if not _is_wagtails(_owner(cls, "get_api_representation")):
        raise MissingSchema(f"{cls.__name__} has no api_schema()")
    if isinstance(block, blocks.StreamBlock):
        return stream_schema(block)
    if isinstance(block, blocks.StructBlock):
        return struct_schema(block)
    if isinstance(block, blocks.ListBlock):
        return array(block_schema(block.child_block))
    for block_class, describe in LEAF_BLOCKS:
        if isinstance(block, block_class):
            return describe(block)
    raise MissingSchema(
        f"{cls.__name__} has no api_schema(); Wagtail's API gives only its stored value"
    )


def struct_schema(block):
    """A StructBlock's representation: its children's, by name."""
    return obj(
        {name: block_schema(child) for name, child in block.child_blocks.items()}
    )


def stream_schema(block):
    """A StreamBlock's representation: a list of typed blocks."""
    return array(
        {
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
        }
    )
