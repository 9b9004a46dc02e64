"""Page changes that notify the receivers (connected in `WebhooksConfig.ready`)."""

from wagtail.models import Page

from .events import record
from .models import WebhookDelivery

Event = WebhookDelivery.Event


def _public(page):
    return not page.get_view_restrictions().exists()


def _stored_as_live(page):
    """Whether the database still has the page live. Wagtail unpublishes a page
    without saving it just before deleting it (`pre_delete_page_unpublish`), so
    the in-memory `live` says nothing then."""
    return Page.objects.filter(pk=page.pk, live=True).exists()


def published(sender, instance, **kwargs):
    """A page (or a translation of one) went live, or live with changes."""
    if _public(instance):
        record(Event.PUBLISHED, instance)


def unpublished(sender, instance, **kwargs):
    # An unpublish that was not saved is the one before a delete: that page
    # gets page.deleted instead.
    if not _stored_as_live(instance):
        record(Event.UNPUBLISHED, instance)


def moved(sender, instance, url_path_before, url_path_after, **kwargs):
    """A live page got a new address (with everything under it); reordering
    pages under the same parent changes no address and sends nothing."""
    if url_path_before != url_path_after and instance.live and _public(instance):
        record(Event.MOVED, instance)


def deleted(sender, instance, **kwargs):
    """A live page is about to be deleted (each page of a deleted subtree)."""
    if _stored_as_live(instance):
        record(Event.DELETED, instance)
