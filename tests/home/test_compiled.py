"""Queries compiled once (home/compiled.py) give what Django's own compilation
gives, for every value, and refuse what they cannot keep."""

import datetime
import threading
import uuid

import pytest
from django.db import connection
from django.db.models.functions import JSONObject, Length
from django.test.utils import CaptureQueriesContext, override_settings
from wagtail.models import Locale, Page

from home.compiled import compiled

pytestmark = pytest.mark.django_db


@compiled
def children(parent_path, depth):
    return (
        Page.objects.filter(path__startswith=parent_path, depth=depth)
        .select_related("locale")
        .annotate(title_length=Length("title"))
        .order_by("path")
    )


@compiled
def titles_of(ids):
    return Page.objects.filter(pk__any_of=ids).order_by("pk").values_list("title")


@compiled
def titles_in(ids):
    return Page.objects.filter(pk__in=ids).order_by("pk").values_list("title")


@compiled
def titled(beginning):
    return (
        Page.objects.filter(title__startswith=beginning)
        .order_by("title")
        .values_list("title")
    )


def make_pages(*titles):
    home = Page.objects.get(depth=2, locale__language_code="nb")
    return [
        home.add_child(instance=Page(title=title, slug=f"page-{number}", live=True))
        for number, title in enumerate(titles)
    ]


def test_every_call_reads_its_own_values_from_one_plan():
    home = Page.objects.get(depth=2, locale__language_code="nb")
    make_pages("one", "two")
    expected_root = list(
        Page.objects.filter(depth=1).order_by("path").values_list("pk", flat=True)
    )
    expected_home = list(
        Page.objects.filter(path__startswith=home.path, depth=3)
        .order_by("path")
        .values_list("title", flat=True)
    )

    assert [page.pk for page in children("", 1)] == expected_root
    under_home = children(home.path, 3)
    assert [page.title for page in under_home] == expected_home == ["one", "two"]
    # select_related and annotations come as iterating the queryset gives them.
    assert under_home[0].locale.language_code == "nb"
    assert [page.title_length for page in under_home] == [3, 3]
    assert len(children.plans) == 1


def test_a_list_as_one_array_needs_one_plan_for_any_length():
    pages = make_pages("a", "b", "c")
    ids = [page.pk for page in pages]

    assert titles_of(ids[:1]) == [("a",)]
    assert titles_of(ids) == [("a",), ("b",), ("c",)]
    assert titles_of(set(ids[1:])) == [("b",), ("c",)]
    assert titles_of([]) == []
    if connection.vendor == "postgresql":
        # `= ANY(%s)`: one plan for every non-empty list, one for the empty one.
        assert len(titles_of.plans) == 2
    # `IN (%s, …)` changes with the length: a plan per length.
    assert titles_in(ids[:1]) == [("a",)]
    assert titles_in(ids) == [("a",), ("b",), ("c",)]
    assert len(titles_in.plans) == 2


def test_like_patterns_are_escaped_as_django_escapes_them():
    make_pages("a_b", "axb", "100%", "1000")

    assert titled("a_") == [("a_b",)]
    assert titled("100%") == [("100%",)]
    assert titled("a") == [("a_b",), ("axb",)]
    assert len(titled.plans) == 1


def test_each_call_is_one_query():
    pages = make_pages("q")
    titles_of([pages[0].pk])
    with CaptureQueriesContext(connection) as queries:
        assert titles_of([pages[0].pk]) == [("q",)]
    assert len(queries) == 1


@pytest.mark.postgres  # SQLite is handed the date as text
def test_a_date_written_into_the_query_is_refused():
    today = datetime.date(2026, 11, 30)

    @compiled
    def published_since(locale_id):
        return Page.objects.filter(locale_id=locale_id, first_published_at__date=today)

    with pytest.raises(ValueError, match="is not an argument"):
        published_since(Locale.objects.get(language_code="nb").pk)


def test_a_value_written_into_the_sql_is_refused():
    @compiled
    def first(count):
        return Page.objects.order_by("pk")[:count]

    with pytest.raises(ValueError, match="argument 1 did not become a query parameter"):
        first(3)


def test_a_function_that_reads_more_than_its_arguments_is_caught():
    depth = {"value": 1}

    @compiled
    def at_depth(locale_id):
        return Page.objects.filter(depth=depth["value"]).exclude(locale_id=locale_id)

    locale = Locale.objects.get(language_code="en").pk
    at_depth(locale)
    depth["value"] = 2
    with (
        override_settings(COMPILED_QUERIES_CHECK=True),
        pytest.raises(AssertionError, match="differs from Django's SQL"),
    ):
        at_depth(locale)


def test_an_argument_inside_a_longer_text_is_refused():
    @compiled
    def tagged(slug):
        return Page.objects.filter(title=f"tags.{slug}")

    with pytest.raises(ValueError, match="part of a longer text"):
        tagged("a_b")


def test_values_the_database_stores_as_text_are_converted_like_django_does():
    """SQLite (`make run`) is handed a UUID as hex and a date as ISO text."""
    pages = make_pages("u")
    key = Page.objects.get(pk=pages[0].pk).translation_key

    @compiled
    def by_key(translation_key):
        return Page.objects.filter(translation_key=translation_key).values_list("title")

    assert by_key(key) == [("u",)]
    assert by_key(uuid.uuid4()) == []


@compiled
def as_json(codes):
    return (
        Locale.objects.filter(language_code__any_of=codes)
        .order_by("language_code")
        .values_list(JSONObject(code="language_code", id="id"), flat=True)
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_values_are_converted_on_every_run_and_every_connection():
    """A JSON column comes back as Python values, as Django converts it, on
    every run (the converters are worked out once) and from another thread's
    connection as well."""
    made = [Locale.objects.create(language_code=code) for code in ("fi", "sv")]
    expected = [{"code": locale.language_code, "id": locale.pk} for locale in made]
    assert as_json(["fi", "sv"]) == expected
    assert as_json(["sv"]) == expected[1:]
    found = []

    def in_another_thread():
        try:
            found.append(as_json(["fi", "sv"]))
        finally:
            connection.close()

    worker = threading.Thread(target=in_another_thread)
    worker.start()
    worker.join()
    assert found == [expected]


# Shapes no other query has, so their statements can be told apart among a
# connection's prepared statements.
@compiled
def slugs_of(ids):
    return Page.objects.filter(pk__any_of=ids).order_by("pk").values_list("slug")


@compiled(prepare=False)
def slugs_unprepared(ids):
    return Page.objects.filter(pk__any_of=ids).order_by("-pk").values_list("slug")


def _prepared_runs(function, *args):
    """How often this connection's prepared statement of `function(*args)`'s
    SQL has run; None when it was never prepared."""
    sql = _sql_of(function, *args).replace("%s", "$1")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans + custom_plans FROM pg_prepared_statements"
            " WHERE statement = %s",
            [sql],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _sql_of(function, *args):
    queryset = function.__wrapped__(*args)
    return queryset.query.get_compiler(using=queryset.db).as_sql()[0]


@pytest.mark.postgres
def test_queries_go_as_prepared_statements_planned_once_per_connection():
    first, second = make_pages("first", "second")
    before = _prepared_runs(slugs_of, [first.pk]) or 0
    assert slugs_of([first.pk]) == [(first.slug,)]
    assert slugs_of([first.pk, second.pk]) == [(first.slug,), (second.slug,)]
    assert slugs_unprepared([second.pk]) == [(second.slug,)]

    # One statement for both list lengths, run twice; the other never prepared.
    assert _prepared_runs(slugs_of, [first.pk]) == before + 2
    assert _prepared_runs(slugs_unprepared, [first.pk]) is None


@pytest.mark.postgres
def test_a_prepared_query_is_planned_once_not_on_every_run():
    # Left to choose, PostgreSQL plans `= ANY($1)` with one id anew on every
    # run (its guess for an unknown array is ten ids, dearer than one).
    [page] = make_pages("planned")
    for _ in range(8):
        assert slugs_of([page.pk]) == [(page.slug,)]
    sql = _sql_of(slugs_of, [page.pk]).replace("%s", "$1")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
            " WHERE statement = %s",
            [sql],
        )
        generic, custom = cursor.fetchone()
    assert (custom, generic >= 8) == (0, True)


@pytest.mark.postgres
def test_a_prepared_query_is_logged_with_its_values():
    [page] = make_pages("logged")
    with CaptureQueriesContext(connection) as queries:
        slugs_of([page.pk])
    [query] = queries.captured_queries
    assert query["sql"] is not None
    assert str(page.pk) in query["sql"]


@pytest.mark.postgres
def test_prepared_statements_can_be_switched_off():
    # PREPARED_STATEMENTS=false leaves `prepare_threshold` out of the options.
    options = connection.settings_dict["OPTIONS"]
    threshold = options.pop("prepare_threshold", None)
    try:
        [page] = make_pages("plain")
        before = _prepared_runs(slugs_of, [page.pk])
        assert slugs_of([page.pk]) == [(page.slug,)]
        assert _prepared_runs(slugs_of, [page.pk]) == before
    finally:
        if threshold is not None:
            options["prepare_threshold"] = threshold
