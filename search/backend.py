"""Database search with a PostgreSQL text-search configuration per language.

Wagtail's database backend (modelsearch) indexes and queries everything with one
configuration (SEARCH_CONFIG). Here each object is indexed with the
configuration of its own locale (`norwegian` for nb, `english` for en), and a
search made for one language parses the query with that language's
configuration, so "samarbeid" finds "samarbeidet" and "cooperation" finds
"cooperating". Objects without a locale (images, documents) and searches that
name no language (the admin's) use SEARCH_CONFIG.

The extension is two small overrides: the index groups the objects it adds by
configuration, and the backend can be cloned for one language. On SQLite and
other databases the ordinary database backend is used, with simpler matching.
"""

import copy
from itertools import groupby

from django.db import connection
from modelsearch.backends.database import SearchBackend as database_search_backend
from wagtail.models import Locale

from home.compiled import Literal, compiled

from .ranking import ranked_ids


def _postgres_classes():
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
    )

    class MultilingualPostgresIndex(PostgresIndex):
        def add_items(self, model, objs):
            codes = dict(Locale.objects.values_list("pk", "language_code"))

            def config_of(obj):
                code = codes.get(getattr(obj, "locale_id", None))
                return self.backend.language_configs.get(code, self.backend.config)

            for config, group in groupby(sorted(objs, key=config_of), key=config_of):
                backend = self.backend.with_config(config)
                PostgresIndex(backend).add_items(model, list(group))

    class MultilingualPostgresSearchBackend(PostgresSearchBackend):
        index_class = MultilingualPostgresIndex

        def __init__(self, params):
            super().__init__(params)
            self.language_configs = params.get("LANGUAGE_CONFIGS", {})

        def with_config(self, config):
            clone = copy.copy(self)
            clone.config = config
            return clone

        def ranked_ids(self, results, scope, start, stop, ties=True):
            return ranked_ids(results, scope, start, stop, ties)

        def for_language(self, language_code):
            """This backend, parsing queries with `language_code`'s configuration."""
            return self.with_config(
                self.language_configs.get(language_code, self.config)
            )

    return MultilingualPostgresSearchBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail's loader looks for
    if connection.vendor == "postgresql":
        return _postgres_classes()(params)
    return database_search_backend(params)


def backend_for_language(language_code):
    """The default search backend, with `language_code`'s rules where it has them."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    if hasattr(backend, "for_language"):
        return backend.for_language(language_code)
    return backend


def hits_and_count(backend, query, scope, start, stop, ties=True):
    """The hits from `start` to `stop` of a search for `query` among the pages
    in `scope` (search.scope), and how many there are in all: on PostgreSQL
    from one ranking (`search.ranking`, which says what `ties` does),
    elsewhere a slice and a count."""
    results = backend.search(query, scope.pages())
    if hasattr(backend, "ranked_ids"):
        ids, total = backend.ranked_ids(results, scope, start, stop, ties)
        pages = _pages_by_id(Literal(scope.model), ids) if ids else []
        found = {page.pk: page for page in pages}
        # A page unpublished between the two queries is left out.
        return [found[pk] for pk in ids if pk in found], total
    return list(results[start:stop]), results.count()


@compiled
def _pages_by_id(model, ids):
    return model.objects.defer_streamfields().filter(pk__any_of=ids)
