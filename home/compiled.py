"""Queries whose SQL Django writes once per process, not once per request.

Django turns a queryset into SQL every time one is evaluated: it resolves each
filter, join, column and subquery again. For a story page's queries that costs
more than PostgreSQL takes to answer them (`make bench-explain`). Most queries
a page makes have a fixed shape: only their values change from one request to
the next (this story's id, this language's locale). `@compiled` writes such a
query's SQL once:

    @compiled
    def tags_of(page_id):
        return StoryTag.objects.filter(content_object_id=page_id).select_related("tag")

    tags_of(story.pk)  # a list of StoryTag rows, as list(queryset) gives them

The first call for a shape calls the function with stand-in values (a marker
per argument, a list of markers per list), lets Django compile the queryset and
notes where each marker went among the query's parameters. Every call then
runs that SQL with its own values and builds its rows exactly as iterating the
queryset would (select_related, annotations, deferred fields, values()). Only
SQL text is kept: every call reads the database, so nothing kept can be out of
date, and `make bench`'s "cold" rows include it.

The shape of a call is the type of each argument, the length of each list and
the value of each `True`, `False`, `None` and `Literal` (these change the SQL,
not its parameters; a `Literal(n)` is a number Django writes into the SQL, such
as a slice's bounds).
The function must depend on its arguments alone, not on the language or the
request, nor on the date: a date or time it writes in itself fails the first
call (today's date kept in a plan would never change). A value Django writes
into the SQL itself (a slice's LIMIT) cannot be an argument: the first call
says which one. Text Django makes a LIKE pattern of (`startswith`) is escaped
as Django escapes it. With the setting `COMPILED_QUERIES_CHECK` (on in the tests), every
call also compiles its queryset Django's way and fails if the SQL or the
parameters differ.
"""

import contextlib
import copy
import datetime
import functools
import operator
import threading
import uuid
import weakref
from collections import defaultdict, namedtuple

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections

# Stand-ins no real value takes: ints inside PostgreSQL's integer range (Django
# turns a lookup on a value outside it into "no rows" without a parameter).
_INT_BASE = 2_100_000_000
_DATE_BASE = datetime.date(1, 1, 1)
_DATETIME_BASE = datetime.datetime(1, 1, 2, tzinfo=datetime.UTC)
_UUID_BASE = 0xC0_4D_11_ED << 96
_SHAPE_ONLY = (bool, type(None))
# Plans kept per function: one per length of its lists, which pages bound (a
# page of 12 stories, an API list of at most 20).
MAX_PLANS = 64
_LISTS = (list, tuple, set, frozenset)


class Literal:
    """An argument Django writes into the SQL itself, such as a slice's bounds:
    it is part of the shape (a plan per value), not a parameter."""

    def __init__(self, value):
        self.value = value


def _plain(args):
    return [arg.value if isinstance(arg, Literal) else arg for arg in args]


def _marker(value, number):
    """A stand-in for `value` that Django passes on unchanged."""
    if isinstance(value, int):
        return _INT_BASE + number
    if isinstance(value, str):
        return f"\ue000compiled-{number}\ue000"
    if isinstance(value, uuid.UUID):
        return uuid.UUID(int=_UUID_BASE + number)
    if isinstance(value, datetime.datetime):
        return _DATETIME_BASE + datetime.timedelta(seconds=number)
    if isinstance(value, datetime.date):
        return _DATE_BASE + datetime.timedelta(days=number)
    raise TypeError(f"@compiled takes no {type(value).__name__} argument")


def _shape(args, lengths=True):
    """What of `args` decides the SQL; without `lengths`, the shape for a plan
    that takes each (non-empty) list as one array (`any_of`)."""
    return tuple(
        (
            "list",
            len(arg) if lengths or not arg else None,
            type(arg[0]) if arg else None,
        )
        if isinstance(arg, _LISTS)
        else (arg,)
        if isinstance(arg, _SHAPE_ONLY)
        else ("literal", arg.value)
        if isinstance(arg, Literal)
        else type(arg)
        for arg in args
    )


class _Plan:
    """One shape's queryset (built with markers), its compiler and SQL, and for
    each query parameter the argument (and list position) that fills it."""

    def __init__(self, build, args, *, prepare=True):
        self.name = build.__qualname__
        self.prepare = prepare
        markers, stand_ins = [], []
        for position, arg in enumerate(args):
            if isinstance(arg, _SHAPE_ONLY):
                stand_ins.append(arg)
            elif isinstance(arg, Literal):
                stand_ins.append(arg.value)
            elif isinstance(arg, _LISTS):
                items = [_marker(item, len(markers) + i) for i, item in enumerate(arg)]
                markers += [(marker, position, i) for i, marker in enumerate(items)]
                stand_ins.append(items)
            else:
                marker = _marker(arg, len(markers))
                markers.append((marker, position, None))
                stand_ins.append(marker)
        self.queryset = build(*stand_ins)
        compiler = self.queryset.query.get_compiler(using=self.queryset.db)
        try:
            self.sql, params = compiler.as_sql()
        except EmptyResultSet:
            # Right only when an empty list made it so (`__in=[]`): a stand-in
            # Django judged out of range would make every call empty.
            if not any(isinstance(arg, _LISTS) and not arg for arg in args):
                raise ValueError(
                    f"{self.name}: with stand-ins for its arguments the query "
                    "selects nothing; it cannot be compiled once"
                ) from None
            self.sql, params = None, ()
        self.compiler = compiler
        # Django's converters of the columns' values (results_iter asks for
        # them on every run), worked out once per database connection.
        self.converters = weakref.WeakKeyDictionary()
        self.slots = self._slots(markers, params)
        # Whether the SQL is the same for lists of any length: each list is one
        # array parameter and nothing else.
        lists = {p for p, arg in enumerate(args) if isinstance(arg, _LISTS) and arg}
        self.any_length = lists <= self.whole and not any(
            slot.position in lists
            for slot in self.slots
            if _fills(slot) and not isinstance(slot, _Array)
        )

    def _slots(self, markers, params):
        # Each marker as Django may pass it: as it is, or as the database
        # stores its type (SQLite: a UUID as hex, a date as ISO text).
        where = {}
        for marker, position, index in markers:
            where[marker] = _Value(position, index, None)
            for convert in _STORED_AS.get(type(marker), ()):
                where[convert(marker)] = _Value(position, index, convert)
        arrays = defaultdict(list)
        for marker, position, index in markers:
            if index is not None:
                arrays[position].append(marker)
        slots, self.whole = [], set()
        for param in params:
            slot = where.get(param) if _hashable(param) else None
            if slot is None:
                slot = self._other_slot(param, where, arrays)
            slots.append(slot)
        if self.sql is not None:
            filled = {(slot.position, slot.index) for slot in slots if _fills(slot)}
            missing = [
                f"argument {position + 1}"
                for _marker, position, index in markers
                if (position, index) not in filled and (position, None) not in filled
            ]
            if missing:
                raise ValueError(
                    f"{self.name}: {', '.join(missing)} did not become a query "
                    "parameter (written into the SQL, or unused)"
                )
        return slots

    def _other_slot(self, param, where, arrays):
        array = [p for p, items in arrays.items() if items == param]
        if array:
            # A list passed as one array parameter (`any_of`).
            self.whole.add(array[0])
            return _Array(array[0], None)
        inside = [marker for marker in where if _contains(param, marker)]
        if len(inside) == 1 and param in _patterns(inside[0]):
            # A LIKE pattern: the text escaped, with its wildcards around.
            value = where[inside[0]]
            return _Pattern(value.position, value.index, param, inside[0])
        if inside:
            raise ValueError(
                f"{self.name}: an argument is part of a longer text in the "
                f"SQL ({param!r}); pass the whole text as the argument"
            )
        if isinstance(param, datetime.date):
            # A date written into the query ("today") would stay the day the
            # plan was made: dates must be arguments.
            raise ValueError(
                f"{self.name}: the date {param!r} is not an argument; pass it"
            )
        return _Constant(param)

    def params(self, args):
        values = []
        for slot in self.slots:
            if isinstance(slot, _Constant):
                values.append(slot.value)
                continue
            arg = args[slot.position]
            value = arg if slot.index is None else arg[slot.index]
            if isinstance(slot, _Array):
                values.append(list(value))
            elif isinstance(slot, _Pattern):
                escaped = connections[self.queryset.db].ops.prep_for_like_query(value)
                values.append(slot.pattern.replace(slot.marker, escaped))
            else:
                values.append(value if slot.convert is None else slot.convert(value))
        return values

    def _converters_of(self, compiler):
        def get_converters(expressions):
            found = self.converters.get(compiler.connection)
            if found is None:
                found = type(compiler).get_converters(compiler, expressions)
                self.converters[compiler.connection] = found
            return found

        return get_converters

    def rows(self, args):
        if self.sql is None:
            return []
        sql, params = self.sql, self.params(args)
        queryset = self.queryset._chain()
        compiler = copy.copy(self.compiler)
        compiler.connection = connections[queryset.db]
        compiler.as_sql = lambda *_args, **_kwargs: (sql, params)
        compiler.get_converters = self._converters_of(compiler)
        # The chained query hands the iterable this compiler; it is used for
        # this one evaluation and never leaves this method.
        queryset.query.get_compiler = lambda *_args, **_kwargs: compiler
        if not self.prepare:
            return list(queryset)
        with _prepared(compiler.connection):
            return list(queryset)


@contextlib.contextmanager
def _prepared(connection):
    """Queries sent meanwhile as prepared statements, where the database
    settings allow them (PostgreSQL with `prepare_threshold`, see
    PREPARED_STATEMENTS in the settings): PostgreSQL then parses each once per
    connection and may keep its plan. Django's own cursors never prepare."""
    if connection.settings_dict["OPTIONS"].get("prepare_threshold") is None:
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    factory = raw.cursor_factory
    raw.cursor_factory = _prepared_cursor_class(logged=connection.queries_logged)
    try:
        yield
    finally:
        raw.cursor_factory = factory


@functools.cache
def _prepared_cursor_class(*, logged):
    import psycopg
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparedCursor(ServerBindingCursor):
        def execute(self, query, params=None, **kwargs):
            super().execute(query, params, prepare=True, **kwargs)
            if logged:
                # psycopg keeps no text of a prepared statement's execution;
                # Django's query log (DEBUG, tests) reads the query here.
                text = psycopg.ClientCursor(self.connection).mogrify(query, params)
                self._query = _Sent(text.encode())
            return self

    return PreparedCursor


_Sent = namedtuple("_Sent", "query")


# Where a query parameter comes from.
_Constant = namedtuple("_Constant", "value")
_Value = namedtuple("_Value", "position index convert")
_Array = namedtuple("_Array", "position index")
_Pattern = namedtuple("_Pattern", "position index pattern marker")
_STORED_AS = {uuid.UUID: (operator.attrgetter("hex"),), datetime.date: (str,)}


def _fills(slot):
    return not isinstance(slot, _Constant)


def _patterns(marker):
    """The LIKE patterns Django makes of a text (contains, startswith,
    endswith); any other text around an argument is the function's own."""
    return (
        (f"%{marker}%", f"{marker}%", f"%{marker}") if isinstance(marker, str) else ()
    )


def _hashable(value):
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _contains(param, marker):
    if isinstance(param, str) and isinstance(marker, str):
        return marker in param
    if isinstance(param, _LISTS):
        return any(_contains(item, marker) or item == marker for item in param)
    return False


def _as_list(arg):
    """Lists as they are; a set in a stable order (so its SQL is the same)."""
    return sorted(arg) if isinstance(arg, (set, frozenset)) else arg


def compiled(build=None, *, prepare=True):
    """Decorate a function returning a queryset: calls return its rows as a
    list, from SQL compiled once per shape of arguments (see the module).

    With `prepare` (the default) it goes to PostgreSQL as a prepared
    statement, which PostgreSQL may come to run with a plan made for any
    values; `@compiled(prepare=False)` for a query whose best plan depends on
    its values (a count over one index's stories)."""
    if build is None:
        return functools.partial(compiled, prepare=prepare)
    plans = {}
    lock = threading.Lock()

    @functools.wraps(build)
    def run(*args):
        args = tuple(_as_list(arg) for arg in args)
        vendor = connections["default"].vendor
        key = (vendor, _shape(args))
        any_length = (vendor, _shape(args, lengths=False))
        plan = plans.get(any_length) or plans.get(key)
        if plan is None:
            if len(plans) >= MAX_PLANS:
                # Lists of ever new lengths: compiled Django's way, not kept.
                return list(build(*_plain(args)))
            with lock:
                plan = _Plan(build, args, prepare=prepare)
                plans[any_length if plan.any_length else key] = plan
        if getattr(settings, "COMPILED_QUERIES_CHECK", False):
            _check(plan, build, args)
        return plan.rows(args)

    run.plans = plans
    return run


def _check(plan, build, args):
    queryset = build(*_plain(args))
    try:
        expected = queryset.query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:
        expected = (None, ())
    got = (plan.sql, tuple(plan.params(args)) if plan.sql is not None else ())
    if (expected[0], tuple(expected[1])) != got:
        raise AssertionError(
            f"{plan.name}{args!r} compiled once differs from Django's SQL:\n"
            f"  once:   {got}\n  Django: {expected}"
        )
