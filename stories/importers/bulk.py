"""Writing many pages at once without indexing each of them after every save.

A page saved three times (created, revised, published) would otherwise update
the search index and Wagtail's reference index three times each, with tasks run
immediately. Inside `bulk_indexing()` both wait: when the block ends, the search
index is updated in bulk (`search.signals.deferred_indexing`) and each page's
references once, with its relations read in one query per kind.
"""

from collections import defaultdict
from contextlib import contextmanager

from django.db import connection, transaction
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.log_actions import log
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published, published

from search.signals import deferred_indexing


@contextmanager
def bulk_indexing():
    """Yields a list; put every page written in the block in it."""
    written = []
    with deferred_indexing(), commits_without_waiting():
        with disable_reference_index_auto_update():
            yield written
        update_references(written)


@contextmanager
def commits_without_waiting():
    """On PostgreSQL, commit without waiting for the disk (`synchronous_commit`
    off) while an import writes one transaction per item. A crash could lose
    the last few commits, never corrupt anything; running the import again
    writes what is missing."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def update_references(pages):
    """Wagtail's reference index for `pages`, reading each kind of relation once."""
    keys = defaultdict(set)
    for page in pages:
        keys[type(page)].add(page.pk)
    with transaction.atomic():
        for model, pks in keys.items():
            related = [
                relation.get_accessor_name()
                for relation in get_all_child_relations(model)
            ] + [
                field.name
                for field in model._meta.get_fields()
                if field.many_to_many and not field.auto_created
            ]
            for page in model.objects.filter(pk__in=pks).prefetch_related(*related):
                ReferenceIndex.create_or_update_for_object(page)


def publish_created(page, revision, user=None):
    """Publish `revision` of `page`, a draft the import has just created with
    exactly this content and no other revision.

    This is what Wagtail's publish action does for such a page (live, with
    this revision as the live one and the publication times; the
    "wagtail.publish" log entry; the `published` and `page_published`
    signals), without rebuilding the page from the revision and saving it, and
    its relations, a second time: that halves the work of creating a project.
    Any other page is published with `revision.publish()`.
    """
    now = timezone.now()
    changes = {
        "live": True,
        "has_unpublished_changes": False,
        "live_revision": revision,
        "first_published_at": now,
        "last_published_at": now,
    }
    type(page).objects.filter(pk=page.pk).update(**changes)
    for name, value in changes.items():
        setattr(page, name, value)
    log(
        instance=page,
        action="wagtail.publish",
        user=user,
        revision=revision,
        content_changed=True,
    )
    published.send(sender=type(page), instance=page, revision=revision)
    page_published.send(sender=type(page), instance=page, revision=revision)
