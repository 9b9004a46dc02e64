"""A row's few related rows, read with the row itself.

A page shows a handful of rows of several small relations (a story's tags,
themes and project links). Prefetching them costs a query each; a round trip
costs a served story page more than PostgreSQL takes to find them. `json_rows`
is a subquery to annotate a queryset with: each row gets the rows of a relation
as a JSON array of objects (`[]` when there are none), read back with
`rows_of`:

    stories.annotate(tag_rows=json_rows(
        StoryTag.objects.filter(content_object_id=OuterRef("pk")),
        id="tag_id", name="tag__name", slug="tag__slug",
    ))

The array comes in no particular order: sort it in Python.
"""

from django.db.models import Func, JSONField, Subquery
from django.db.models.functions import JSONObject


class _JSONArrayOfRows(Func):
    """The rows of the subquery it selects from, aggregated into a JSON array.

    Not marked as an aggregate, so that Django adds no GROUP BY: it aggregates
    the subquery's own rows, which is one group.
    """

    function = "JSONB_AGG"
    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            function="JSON_GROUP_ARRAY",
            template="%(function)s(JSON(%(expressions)s))",
            **extra_context,
        )


def json_rows(queryset, **fields):
    """A subquery: `queryset`'s rows (it filters on an `OuterRef`) as a JSON
    array, each an object of `fields` (name: field path or expression)."""
    rows = queryset.order_by().values(rows=_JSONArrayOfRows(JSONObject(**fields)))
    return Subquery(rows, output_field=JSONField())


def rows_of(value):
    """The list of dicts a `json_rows` annotation read ([] for none)."""
    return value or []
