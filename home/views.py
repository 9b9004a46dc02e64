"""Serving pages: Wagtail's serve view, routed with the frame (home/frame.py)."""

import functools

from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import PageViewRestriction
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from .compiled import compiled
from .frame import load_frame


@functools.cache
def _served(model):
    """The query that reads a page of type `model` by id to serve it, compiled
    once: a page type may fetch more with its own row
    (StoryPage.serving_queryset)."""
    queryset = (
        model.serving_queryset()
        if hasattr(model, "serving_queryset")
        else model._default_manager.select_related("locale")
    )
    return compiled(lambda pk: queryset.filter(pk=pk))


def route(request, path):
    """Wagtail's RouteResult for `path` in the active language, or None (404)."""
    components = [component for component in path.split("/") if component]
    frame = load_frame(request, components)
    if frame is None or not frame.lineage:
        return None
    found = frame.lineage[-1]
    remaining = components[len(frame.lineage) - 1 :]
    model = found.specific_class
    if model is None or (remaining and not issubclass(model, RoutablePageMixin)):
        return None
    [page] = _served(model)(found.pk)
    if hasattr(found, "_cached_parent_obj"):
        page._cached_parent_obj = found._cached_parent_obj
    if not found.restricted:
        # Wagtail's check_view_restrictions hook asks this, at two queries; the
        # frame has already answered that no restriction applies.
        page.get_view_restrictions = PageViewRestriction.objects.none
    if not remaining:
        return RouteResult(page) if page.live else None
    try:
        return page.route(request, remaining)
    except Http404:
        return None


def serve(request, path):
    """Serve the page at `path` with Wagtail's serve view (hooks, restrictions,
    `Page.serve`), having found it, and the pages around it, in one query."""
    request._wagtail_route_for_request = route(request, path)
    return wagtail_serve(request, path)
