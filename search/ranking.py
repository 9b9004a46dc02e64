"""A search's first hits and how many there are, with as little work as
PostgreSQL allows.

PostgreSQL's GIN index finds a word's matches but knows nothing of their rank,
so the backend ranks every match (`ts_rank`, reading each one's body vector)
to show the first five. Where the database has the RUM extension (Debian's
`postgresql-NN-rum`; migration `search/0002` makes its index on
`title || body`, spelled `search_document(title, body)`), the index stores
where each word stands, and `ORDER BY search_document(title, body) <=> query`
reads the best matches in rank order: RUM ranks a type's matches from the
positions in the index, and only the rows shown are read. The count too comes
from the index (a match is checked against its page, not its vectors).
RUM's rank is `ts_rank` of title and body together with PostgreSQL's default
weights (a field's boost is still its weight: a title or acronym word counts
most); the backend's adds the title's rank scaled by its length and uses the
boosts as weights. The two orders are close, not identical.
Without it, one query ranks and counts every match (a window beside the ids).
Both check the language, publication, restrictions and filters of the pages
the view asked for, as the backend does.
"""

from django.contrib.postgres.search import SearchQueryField, SearchVectorField
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Subquery,
    Window,
)
from django.db.models.expressions import CombinedExpression, RawSQL
from django.db.models.functions import Cast
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from home.compiled import Literal, compiled

from .scope import pages_in

RUM_INDEX = "search_indexentry_rum"

# Whether each database has the RUM index, asked once a process.
_rum_index = {}


def has_rum_index():
    name = connection.settings_dict["NAME"]
    if name not in _rum_index:
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [RUM_INDEX])
            _rum_index[name] = cursor.fetchone()[0]
    return _rum_index[name]


def forget_rum_index():
    """Ask again (after the index is made or dropped)."""
    _rum_index.clear()


def ranked_ids(results, scope, start, stop, ties=True):
    """The ids of hits `start` to `stop` of `results` (PostgreSQL search
    results ordered by relevance, of the pages in `scope`), and how many
    matches there are in all.

    `ties=False` leaves matches of equal rank in the order the index has them
    (which only the RUM index can then read in order): right for a list that
    is never paged, not for pages, whose plans can differ from page to page.
    """
    if has_rum_index():
        rows = _by_index(results, scope, start, stop, ties)
    else:
        rows = _by_window(results, start, stop)
    return [int(pk) for pk, _total in rows], rows[0][1] if rows else 0


def _by_window(results, start, stop):
    # Each match's rank, sorted; the count rides beside the (narrow) ids.
    ranked = results[start:stop].get_queryset()
    return list(ranked.values_list("pk", Window(Count("*"))))


def _by_index(results, scope, start, stop, ties):
    compiler = results.query_compiler
    query = compiler.build_tsquery(
        compiler.query, config=compiler.get_config(results.backend)
    )
    if query is None:  # no word to look for ("-")
        return []
    # The query as SQL, so that the rest is written once per shape of query
    # (one for any words, another for a phrase): Django's writing the SQL of
    # the ranking cost more than PostgreSQL's answering it for most words.
    entries = IndexEntry.objects.all().query
    sql, params = query.resolve_expression(entries).as_sql(
        entries.get_compiler(connection=connection), connection
    )
    return _ranked_entries(
        Literal(scope.model),
        *scope.values(),
        Literal(sql),
        list(params),
        get_descendants_content_types_pks(scope.model),
        Literal(start),
        Literal(stop),
        ties,
    )


# PostgreSQL plans it for each query's words (prepare=False): a rare word's
# matches are checked against their pages one by one, a common word's against
# all the language's pages at once.
@compiled(prepare=False)
def _ranked_entries(
    model,
    locale_id,
    programme,
    theme,
    restricted_paths,
    query_sql,
    query_params,
    content_types,
    start,
    stop,
    ties,
):
    # The SQL Django wrote for the backend's query (`_by_index`), its words
    # still parameters.
    query = RawSQL(query_sql, query_params, output_field=SearchQueryField())  # noqa: S611
    vector = Func(
        F("title"),
        F("body"),
        function="search_document",
        output_field=SearchVectorField(),
    )
    # Each entry read in rank order is checked against its page's own row,
    # looked up by primary key (the backend's join casts the page's id to
    # text instead); the entry's content type is the page's type.
    pages = pages_in(Page, model, locale_id, programme, theme, restricted_paths)
    matches = IndexEntry.objects.filter(
        CombinedExpression(vector, "@@", query, output_field=BooleanField()),
        content_type_id__in=content_types,
    ).filter(Exists(pages.filter(pk=Cast(OuterRef("object_id"), IntegerField()))))
    total = matches.order_by().values(
        total=Func(F("pk"), function="COUNT", output_field=IntegerField())
    )
    distance = CombinedExpression(vector, "<=>", query, output_field=FloatField())
    return (
        matches.annotate(total=Subquery(total))
        .order_by(distance, *(["pk"] if ties else []))
        .values_list("object_id", "total")[start:stop]
    )
