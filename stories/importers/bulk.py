"""Writing many pages at once without indexing each of them after every save.

A page saved three times (created, revised, published) would otherwise update
the search index and Wagtail's reference index three times each, with tasks run
immediately. Inside `bulk_indexing()` both wait: the search index is updated in
bulk when the block ends (`search.signals.deferred_indexing`), and each page's
references once (Wagtail's own task, in the worker where there is one).
"""

from contextlib import contextmanager

from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task

from search.signals import deferred_indexing


@contextmanager
def bulk_indexing():
    """Yields a list; put every page written in the block in it."""
    written = []
    with deferred_indexing():
        with disable_reference_index_auto_update():
            yield written
        for page in {page.pk: page for page in written}.values():
            update_reference_index_task.enqueue(
                page._meta.app_label, page._meta.model_name, str(page.pk)
            )
