"""The API's page endpoint: Wagtail's, with our filters, batching and HTTP rules."""

import copy
import functools
from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import SimpleLazyObject
from rest_framework.response import Response
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    OrderingFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.serializers import (
    PageParentField,
    PageSerializer,
    get_serializer_class,
)
from wagtail.api.v2.utils import BadRequestError, get_object_detail_url
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, Site
from wagtail_headless_preview.models import PagePreview

from home.compiled import compiled
from home.frame import find_site, public, site_root_paths
from interreg.page_cache import cache_key, freeze, lifetime, thaw
from stories.images import API, attach_images
from stories.models import ProjectPage, StoryPage
from stories.models.projects import prime_projects
from stories.models.stories import prime_stories

from .fields import HtmlUrlField, live_translations
from .filters import (
    OWN_FILTERS,
    KnownLocaleFilter,
    LanguageSearchFilter,
    SafeFieldsFilter,
    StoryAndProjectFilter,
)
from .routing import find, redirect_data

MAX_LIMIT = 50
CACHE_SECONDS = 60


class CachedReadsMixin:
    """Reads are cached whole in the shared cache until published content changes,
    by the page cache's rules (generation and date in the key, every header kept:
    interreg/page_cache.py), and may be cached briefly by browsers and CDNs. Bad
    requests answer with a JSON message."""

    def dispatch(self, request, *args, **kwargs):
        if request.method != "GET" or not settings.API_CACHE_SECONDS:
            return super().dispatch(request, *args, **kwargs)
        key = cache_key("api", request)
        stored = cache.get(key)
        if stored is not None:
            return thaw(stored)
        response = super().dispatch(request, *args, **kwargs)
        if response.status_code == 200:
            response.render()
            cache.set(key, freeze(response), lifetime(settings.API_CACHE_SECONDS))
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            # Never past midnight, when a project's status may change.
            patch_cache_control(response, public=True, max_age=lifetime(CACHE_SECONDS))
            patch_vary_headers(response, ["Accept-Language"])
        return response

    def get_renderer_context(self):
        # Wagtail indents every answer by four spaces, and an indent makes
        # Python's json module encode in pure Python instead of C (a 20-story
        # list: 3.1 ms and 237 KB, compact 0.6 ms and 124 KB). Compact by
        # default; indented on `Accept: application/json; indent=4` (DRF).
        context = super().get_renderer_context()
        context.pop("indent", None)
        return context

    def handle_exception(self, exc):
        if isinstance(exc, ValidationError | ValueError | OverflowError):
            return Response({"message": f"bad request: {exc}"}, status=400)
        return super().handle_exception(exc)


class VisibleParentField(PageParentField):
    """The parent page, when the API shows it: one query (Wagtail's takes two)."""

    def get_attribute(self, instance):
        if instance.depth <= 1:
            return None
        parent_path = instance.path[: -Page.steplen]
        roots = self.context["view"].roots()
        found = _visible_at(roots, parent_path) if roots else []
        if not found:
            return None
        [parent] = found
        # Its html_url asks Wagtail without a request: the request's copy of
        # the site root paths, instead of the shared cache again.
        parent._wagtail_cached_site_root_paths = site_root_paths(
            self.context["request"]
        )
        return parent

    def to_representation(self, value):
        # As Wagtail's, with the serializer class made once per model.
        serializer = _parent_serializer_class(type(value))(context=self.context)
        return serializer.to_representation(value)


@functools.lru_cache(maxsize=64)
def _parent_serializer_class(model):
    return get_serializer_class(
        model,
        ["id", "type", "detail_url", "html_url", "title"],
        meta_fields=["type", "detail_url", "html_url"],
        base=PageSerializer,
    )


class InterregPageSerializer(PageSerializer):
    """Page addresses on the host the API was called on (or WAGTAILAPI_BASE_URL),
    not on whatever hostname the Site record happens to have."""

    html_url = HtmlUrlField()
    parent = VisibleParentField(read_only=True)

    def get_fields(self):
        # DRF builds every field from the model anew for each serializer (a
        # tenth of an API detail's time in a profile); a copy of the first
        # build is the same fields, unbound, in half the time.
        built = type(self).__dict__.get("_built_fields")
        if built is None:
            built = super().get_fields()
            type(self)._built_fields = copy.deepcopy(built)
            return built
        return copy.deepcopy(built)


def _with_related(queryset):
    """Stories and projects with what they show of their own row (locale, contact,
    programme and their translations) in the listing's own query."""
    model = queryset.model
    if model in (StoryPage, ProjectPage):
        return model.with_display_relations(queryset)
    return queryset.select_related("locale")


def _trees(roots):
    """Pages in the trees under `roots` (address paths)."""
    trees = Q()
    for root in roots:
        trees |= Q(url_path__startswith=root)
    return trees


def _visible(roots):
    """Live pages without view restrictions in the trees under `roots`."""
    return public(Page.objects.live().filter(_trees(roots)))


@compiled
def _visible_types(roots, pk):
    return _visible(roots).filter(pk=pk).values_list("pk", "content_type_id")


@compiled
def _visible_at(roots, path):
    return _visible(roots).filter(path=path)[:1]


@functools.cache
def _by_id(model):
    """A page of type `model` by id, with what it shows of its own row."""
    return compiled(lambda pk: _with_related(model.objects.filter(pk=pk)))


def _wants(request, *names):
    """Whether the response shows any of the fields `names`."""
    fields = request.GET.get("fields", "")
    return "*" in fields or any(name in fields for name in names)


def prime(pages, *, images=True, bodies=True, related=True):
    """Fetch what `pages` show of other objects, in one query per kind (without
    `related`, their tags, themes and projects come as each page holds them: a
    draft in preview has its own)."""
    stories = [page for page in pages if isinstance(page, StoryPage)]
    projects = [page for page in pages if isinstance(page, ProjectPage)]
    if related:
        # The API shows a story's projects without their partners.
        prime_stories(stories, partners=False)
        prime_projects(projects)
    if images:
        shown = stories + projects
        attach_images((shown, API), bodies=shown if bodies else (), body_specs=API)


class InterregPagesAPIViewSet(CachedReadsMixin, PagesAPIViewSet):
    filter_backends = [
        SafeFieldsFilter,
        StoryAndProjectFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        OrderingFilter,
        TranslationOfFilter,
        KnownLocaleFilter,
        LanguageSearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(OWN_FILTERS)
    base_serializer_class = InterregPageSerializer

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        if db_fields_only:
            # `programme` filters by slug (StoryAndProjectFilter), not by id.
            fields = [name for name in fields if name not in OWN_FILTERS]
        return fields

    @classmethod
    def _get_serializer_class(
        cls, router, model, fields_config, show_details=False, nested=False
    ):
        # Wagtail builds a serializer class for every request (a twentieth of an
        # API list's time); requests asking for the same fields of the same
        # model (as its `api_fields` are) share one.
        api_fields = tuple(field.name for field in getattr(model, "api_fields", ()))
        return _serializer_class(
            cls, router, model, api_fields, _frozen(fields_config), show_details, nested
        )

    def get_base_queryset(self):
        """Live pages without view restrictions in the site's trees, in every
        language: Wagtail's rule, built without a query (Wagtail's costs four,
        and is built twice a request)."""
        if not hasattr(self, "_base_queryset"):
            self._base_queryset = self._visible_pages()
        return self._base_queryset

    def _visible_pages(self, model=None):
        """Wagtail's rule as an id filter, which search backends accept too;
        or, for one `model`, that model's rows filtered directly."""
        roots = self.roots()
        if not roots:
            return (model or Page).objects.none()
        trees = _trees(roots)
        if model is not None:
            return public(model.objects.live().filter(trees))
        visible = public(Page.objects.filter(trees)).values("pk")
        return Page.objects.live().filter(pk__in=visible)

    def roots(self):
        """The address paths of the site's trees (its home page in each
        language); none without a site."""
        if not hasattr(self, "_roots"):
            site = self._site()
            self._roots = [
                root.root_path
                for root in site_root_paths(self.request)
                if site is not None and root.site_id == site.pk
            ]
        return self._roots

    def _site(self):
        """The site of `?site=host[:port]`, or of the request."""
        if "site" not in self.request.GET:
            return find_site(self.request)
        hostname, _colon, port = self.request.GET["site"].partition(":")
        query = {"hostname": hostname, **({"port": port} if port else {})}
        try:
            return Site.objects.get(**query)
        except Site.MultipleObjectsReturned as error:
            raise BadRequestError(
                "Your query returned multiple sites. Try adding a port number to "
                "your site filter."
            ) from error
        except (Site.DoesNotExist, ValueError) as error:
            raise BadRequestError("site: no site with this hostname") from error

    def get_queryset(self):
        # Asked for twice a request (the listing and its serializer's model).
        if not hasattr(self, "_queryset"):
            self._queryset = self._build_queryset()
        return self._queryset

    def _build_queryset(self):
        queryset = super().get_queryset()
        if queryset.model is not Page and "search" not in self.request.GET:
            # One type (`?type=`): Wagtail filters that model by the ids of
            # every visible page, which makes PostgreSQL hash the whole tree
            # twice to count a list (40 ms at 10,000 stories); filtered
            # directly, it counts from the model's rows (search needs the ids).
            queryset = self._visible_pages(queryset.model)
        if "search" in self.request.GET:
            # A search backend reads the rows itself: with what they show.
            return _with_related(queryset)
        # Lists get it with the page's rows (paginate_queryset): joined here,
        # it would be joined into the count too, which then reads every story
        # row instead of an index (14.6 ms to 11.6 at 10,000 stories).
        return queryset

    def paginate_queryset(self, queryset):
        limit = self.request.GET.get("limit")
        if limit is not None and limit.isdigit() and int(limit) > MAX_LIMIT:
            raise BadRequestError(f"limit cannot be higher than {MAX_LIMIT}")
        page = super().paginate_queryset(queryset)
        pages = list(_with_related(page) if isinstance(page, QuerySet) else page)
        if "fields" in self.request.GET:
            prime(
                pages,
                images=_wants(self.request, "hero_image", "body"),
                bodies=_wants(self.request, "body"),
            )
        self._translations = self._translations_of(pages)
        return pages

    def get_object(self):
        if not hasattr(self, "_object"):
            if set(self.request.GET) <= {"fields"} and self.roots():
                # No filter can narrow it: whether the page is visible, and its
                # type, in one query compiled once (Wagtail's goes through the
                # filters and the whole visible-pages queryset).
                pk = int(self.kwargs["pk"])
                # A page id is a PostgreSQL integer: Django would not even ask.
                found = _visible_types(self.roots(), pk) if pk < 2**31 else []
                if not found:
                    raise Http404("not found")
                [(pk, content_type_id)] = found
                content_type = ContentType.objects.get_for_id(content_type_id)
            else:
                base = super(PagesAPIViewSet, self).get_object()
                pk = base.pk
                content_type = ContentType.objects.get_for_id(base.content_type_id)
            model = content_type.model_class() or Page
            [self._object] = _by_id(model)(pk)
            prime([self._object])
        return self._object

    def find_view(self, request):
        """`find/?html_path=` in either language (see `stories.api.routing`): a
        page redirects to its detail URL, as in Wagtail; an address that is a
        redirect answers 200 with where it leads; anything else is a JSON 404.
        `find/?id=` is Wagtail's."""
        if "html_path" not in request.GET:
            return super().find_view(request)
        found = find(request, request.GET["html_path"], self.get_queryset())
        if found.redirect is not None:
            return Response(redirect_data(found.redirect, self._detail_url))
        if found.page is None:
            raise Http404("not found")
        # Keep every parameter but the ones that found the page, as Wagtail does.
        query = request.GET.copy()
        for name in self.find_query_parameters:
            query.pop(name, None)
        return redirect(f"{self._detail_url(found.page)}?{query.urlencode()}")

    def _detail_url(self, page):
        return get_object_detail_url(
            self.request.wagtailapi_router, self.request, Page, page.pk
        )

    def _translations_of(self, pages):
        """Live translations of every page in the listing, in one query."""
        keys = {page.translation_key for page in pages}
        # As the listed pages' own type when they share one: its addresses
        # are quicker to work out (home/page_urls.py).
        models = {type(page) for page in pages}
        model = models.pop() if len(models) == 1 else Page
        found = defaultdict(list)
        for other in live_translations(model)(keys):
            found[other.translation_key].append(other)
        return found

    def get_serializer_context(self):
        # Wagtail's, but the visible-pages queryset is built only if a field
        # asks for it (ours never do: VisibleParentField).
        context = super(PagesAPIViewSet, self).get_serializer_context()
        context["base_queryset"] = SimpleLazyObject(self.get_base_queryset)
        context["translations"] = getattr(self, "_translations", None)
        return context


@functools.lru_cache(maxsize=256)
def _serializer_class(
    viewset, router, model, _api_fields, fields_config, show_details, nested
):
    return super(InterregPagesAPIViewSet, viewset)._get_serializer_class(
        router, model, _thawed(fields_config), show_details=show_details, nested=nested
    )


def _frozen(fields_config):
    """Wagtail's parsed `fields` parameter as a key: (name, negated, sub-fields)."""
    return tuple(
        (name, negated, None if sub is None else _frozen(sub))
        for name, negated, sub in fields_config
    )


def _thawed(fields_config):
    return [
        (name, negated, None if sub is None else _thawed(sub))
        for name, negated, sub in fields_config
    ]


class PagePreviewAPIViewSet(InterregPagesAPIViewSet):
    """The draft an editor previews, for the front end, with the preview token only."""

    known_query_parameters = InterregPagesAPIViewSet.known_query_parameters.union(
        ["content_type", "token"]
    )
    name = "page_preview"

    def dispatch(self, request, *args, **kwargs):
        # Drafts are never kept in the response cache.
        return super(CachedReadsMixin, self).dispatch(request, *args, **kwargs)

    def listing_view(self, request):
        page = self.get_object()
        serializer = self.get_serializer(page)
        response = Response(serializer.data)
        patch_cache_control(response, private=True, no_store=True)
        return response

    def detail_view(self, request, pk):
        raise Http404("use ?content_type=…&token=…")

    def get_object(self):
        content_type = self.request.GET.get("content_type", "")
        token = self.request.GET.get("token", "")
        if "." not in content_type or not token:
            raise BadRequestError("give content_type (app.model) and token")
        app_label, model = content_type.split(".", 1)
        try:
            preview = PagePreview.objects.get(
                content_type=ContentType.objects.get(app_label=app_label, model=model),
                token=token,
            )
        except (ContentType.DoesNotExist, PagePreview.DoesNotExist) as error:
            raise Http404("no preview with this token") from error
        page = preview.as_page()
        prime([page], related=False)
        return page

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["preview"] = True
        return context

    def finalize_response(self, request, response, *args, **kwargs):
        response = super(CachedReadsMixin, self).finalize_response(
            request, response, *args, **kwargs
        )
        patch_cache_control(response, private=True, no_store=True)
        return response


class InterregImagesAPIViewSet(CachedReadsMixin, ImagesAPIViewSet):
    filter_backends = [SafeFieldsFilter, *ImagesAPIViewSet.filter_backends[1:]]


class InterregDocumentsAPIViewSet(CachedReadsMixin, DocumentsAPIViewSet):
    filter_backends = [SafeFieldsFilter, *DocumentsAPIViewSet.filter_backends[1:]]
