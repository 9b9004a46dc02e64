"""Keep the search index true to what is saved and published.

Stories and projects leave their index updates to this module
(`search_auto_update = False` on the models) rather than to modelsearch's own
signal handlers. Ordinarily it does exactly what those do: queue the index
update after every save and remove the entry on delete. Inside
`deferred_indexing()` (an import writing a thousand pages) it only notes which
pages changed, and indexes them in bulk, once each, when the block ends.
"""

from collections import defaultdict
from contextlib import contextmanager

from asgiref.local import Local
from modelsearch.backends import get_search_backends
from modelsearch.index import insert_or_update_object, remove_object
from modelsearch.tasks import insert_or_update_object_task

BULK_SIZE = 200
# What a page type's search_taxonomy() reads, fetched once per bulk update.
BULK_PREFETCH = {
    "stories.projectpage": ["programme", "themes"],
    "stories.storypage": ["themes", "programmes"],
}

_deferred = Local()


def _deferring(instance):
    """Note `instance` for the bulk update if indexing is deferred; whether it is."""
    pending = getattr(_deferred, "pending", None)
    if pending is None:
        return False
    pending[type(instance)].add(instance.pk)
    return True


def queue_index_update(sender, instance, raw=False, **kwargs):
    """After a save: what modelsearch's own handler does, unless deferred."""
    if raw or _deferring(instance):
        return
    insert_or_update_object_task.enqueue(
        instance._meta.app_label, instance._meta.model_name, str(instance.pk)
    )


def remove_from_index(sender, instance, **kwargs):
    remove_object(instance)


def reindex_published_page(sender, instance, **kwargs):
    """Index a page again once publishing has saved its inline relations.

    The save signal indexes a page before its child rows (partners, project
    links, tags) are written; with tasks run immediately, that index would miss
    them. `page_published` comes after everything is saved.
    """
    if not _deferring(instance.specific):
        insert_or_update_object(instance.specific)


@contextmanager
def deferred_indexing():
    """Index the pages saved or published inside the block once each, in bulk,
    when it ends (a few queries per hundred pages instead of several per save)."""
    if getattr(_deferred, "pending", None) is not None:
        yield
        return
    pending = _deferred.pending = defaultdict(set)
    try:
        yield
    finally:
        del _deferred.pending
        index_in_bulk(pending)


def index_in_bulk(pending):
    """Index {model: primary keys} with every auto-updated search backend."""
    for model, keys in pending.items():
        queryset = model.get_indexed_objects().filter(pk__in=keys).order_by("pk")
        queryset = queryset.prefetch_related(
            *BULK_PREFETCH.get(model._meta.label_lower, ())
        )
        objects = list(queryset)
        for backend in get_search_backends(with_auto_update=True):
            for start in range(0, len(objects), BULK_SIZE):
                backend.add_bulk(model, objects[start : start + BULK_SIZE])
