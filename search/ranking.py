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
from the index (a match is checked against its page, not its vectors). The
query's SQL is written once per shape of query (home/compiled.py): for a word
that few pages have, Django's writing it took longer than PostgreSQL's
answering it.
RUM's rank is `ts_rank` of title and body together with PostgreSQL's default
weights (a field's boost is still its weight: a title or acronym word counts
most); the backend's adds the title's rank scaled by its length and uses the
boosts as weights. The two orders are close, not identical.
Without it, one query ranks and counts every match (a window beside the ids).
Both check the language, publication, restrictions and filters of the pages
the view asked for, as the backend does.
"""

from functools import partial

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
# How many matches a page reads past its last, for those of equal rank.
TIES_READ_ON = 100

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

    `ties=False` leaves matches of equal rank in the order the index has them:
    right for a list that is never paged. Pages (`ties=True`) put them newest
    first (by id), so that no match is on two pages or on none.
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
    ranked = partial(
        _ranked_entries,
        Literal(scope.model),
        *scope.values(),
        Literal(sql),
        list(params),
        get_descendants_content_types_pks(scope.model),
    )
    if ties:
        rows = _in_rank_then_newest_order(ranked, stop)[start:stop]
    else:
        rows = ranked(Literal(start), Literal(stop))
    return [(pk, total) for pk, total, _distance in rows]


def _in_rank_then_newest_order(ranked, stop):
    """The first `stop` matches (or a few more) in rank order, matches of
    equal rank newest first (by id, as Wagtail's backend orders them). The
    index reads matches in rank order but those of equal rank in no set
    order (and there are many: the rank is a `real`), so this reads on
    through the rank of the `stop`-th and sorts only what it read, not every
    match."""
    # A read more costs the whole ranking again; a row more, its rank
    # computed again from its vectors (5 µs).
    read = stop + TIES_READ_ON
    while True:
        rows = ranked(Literal(0), Literal(read + 1))
        if len(rows) <= read or rows[-1][2] > rows[stop - 1][2]:
            break
        read *= 2  # the last rank read goes on
    if len(rows) > stop:
        rows = [row for row in rows if row[2] <= rows[stop - 1][2]]
    return sorted(rows, key=lambda row: (row[2], -int(row[0])))


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
        matches.annotate(total=Subquery(total), distance=distance)
        .order_by("distance")
        .values_list("object_id", "total", "distance")[start:stop]
    )
