"""Routing a path, and the pages around the page, in one query.

Every page on the site shows, besides itself, the pages above it (breadcrumbs,
JSON-LD), the same pages in the other language (the language switcher and the
hreflang links) and the home page's children (the main menu). Wagtail would find
the page with two queries per path segment, check view restrictions with two
more, and look up each of the others with a query of its own. Here one query
fetches them all, by `url_path`:

- the lineage: the home page of the request's language and every page along the
  path, live or not (Wagtail routes through draft ancestors too);
- those pages' rows in every other language;
- the home page's children, for the menu;

each with its locale and with whether a view restriction applies to it or an
ancestor. The serve view (`home/views.py`) routes with the frame and hands
Wagtail's own serve view the result, so Wagtail's hooks and `Page.serve` run
as usual; template tags read the frame from the request instead of querying.
"""

import functools
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    When,
)
from django.db.models.functions import Length, Substr
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail.models import Page, PageViewRestriction, Site, sites

from .compiled import compiled
from .json_rows import json_rows, rows_of


@dataclass
class Frame:
    site: Site
    language: str
    # Home page of the request's language first, then each page along the path.
    lineage: list = field(default_factory=list)
    # Every row fetched, by translation key: the lineage in every language.
    by_key: dict = field(default_factory=dict)
    # Live, public children of the home page shown in menus, in tree order.
    menu: list = field(default_factory=list)
    # The home page's children in the request's language, live or not.
    sections: list = field(default_factory=list)

    @property
    def home(self):
        return self.lineage[0] if self.lineage else None

    def translation(self, page, language_code):
        """`page`'s live row in `language_code`, if the frame has it."""
        for row in self.by_key.get(page.translation_key, ()):
            if row.locale.language_code == language_code and row.live:
                return row
        return None

    def ancestors(self, page):
        """The lineage rows above `page` (home first)."""
        return [row for row in self.lineage if row.depth < page.depth]

    def section(self, model):
        """The live child of the home page of type `model`, if any."""
        for row in self.sections:
            if row.live and issubclass(row.specific_class, model):
                return row
        return None


@compiled
def _sites_for(hostname, port):
    """Wagtail's `get_site_for_hostname` query: the sites that may serve
    `hostname`, best match first."""
    return (
        Site.objects.annotate(
            match=Case(
                When(hostname=hostname, port=port, then=sites.MATCH_HOSTNAME_PORT),
                When(
                    hostname=hostname,
                    is_default_site=True,
                    then=sites.MATCH_HOSTNAME_DEFAULT,
                ),
                When(is_default_site=True, then=sites.MATCH_DEFAULT),
                default=sites.MATCH_HOSTNAME,
                output_field=IntegerField(),
            )
        )
        .filter(Q(hostname=hostname) | Q(is_default_site=True))
        # Every site's root pages, for Wagtail's site root paths (the same on
        # every row; `_root_paths` reads them).
        .annotate(
            site_rows=json_rows(
                Site.objects.all(),
                id="id",
                hostname="hostname",
                port="port",
                is_default_site="is_default_site",
                url_path="root_page__url_path",
                translation_key="root_page__translation_key",
            ),
            root_rows=json_rows(
                Page.objects.filter(
                    translation_key__in=Site.objects.values(
                        "root_page__translation_key"
                    )
                ),
                url_path="url_path",
                path="path",
                translation_key="translation_key",
                language_code="locale__language_code",
            ),
            # The pages behind a view restriction, for `restricted_paths`.
            restricted_rows=json_rows(
                PageViewRestriction.objects.all(), path="page__path"
            ),
        )
        .order_by("match")
        # With the site's settings (and their share image), which every page
        # shows: SiteSettings.for_site takes them from here, not from a query
        # of its own.
        .select_related("root_page", "sitesettings__share_image")
    )


def find_site(request):
    """The request's Site as Wagtail's `Site.find_for_request` finds it, kept
    on the request where Wagtail looks for it, with the query compiled once."""
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request.get_host())[0]
        found = _sites_for(hostname, int(request.get_port()))
        # Wagtail's choice among them (get_site_for_hostname).
        site = None
        if len(found) == 1 or (
            found
            and found[0].match
            in (sites.MATCH_HOSTNAME_PORT, sites.MATCH_HOSTNAME_DEFAULT)
        ):
            site = found[0]
        elif found and found[0].match == sites.MATCH_DEFAULT:
            site = found[len(found) == 2]
        request._wagtail_site = site
        if found and not hasattr(request, "_wagtail_cached_site_root_paths"):
            request._wagtail_cached_site_root_paths = _root_paths(found[0])
        if found:
            request._restricted_paths = sorted(
                {row["path"] for row in rows_of(found[0].restricted_rows)}
            )
    return request._wagtail_site


def _root_paths(site):
    """Wagtail's `Site.get_site_root_paths()`, from the sites and root pages
    read with `site`: each site (deepest root first, then the default site,
    then by hostname) with its home page in every language (in tree order),
    as Wagtail lists them with WAGTAIL_I18N_ENABLED (which this site sets).
    Without a round trip to the shared cache (Wagtail keeps them there), and
    never older than the request."""
    translations = {}
    for row in sorted(rows_of(site.root_rows), key=lambda row: row["path"]):
        translations.setdefault(row["translation_key"], []).append(row)
    ordered = sorted(
        sorted(rows_of(site.site_rows), key=lambda row: row["hostname"]),
        key=lambda row: (row["url_path"], row["is_default_site"]),
        reverse=True,
    )
    return [
        sites.SiteRootPath(
            row["id"],
            root["url_path"],
            Site(hostname=row["hostname"], port=row["port"]).root_url,
            root["language_code"],
        )
        for row in ordered
        for root in translations.get(row["translation_key"], ())
    ]


def site_root_paths(request):
    """Wagtail's site root paths, kept on the request where Page.get_url looks
    for them: read with the request's site (`find_site`), else asked of
    Wagtail (and its cache) once."""
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = Site.get_site_root_paths()
    return request._wagtail_cached_site_root_paths


def root_path(request, site, language):
    """The url_path of `site`'s home page in `language`."""
    paths = [p for p in site_root_paths(request) if p.site_id == site.pk]
    for path in paths:
        if path.language_code == language:
            return path.root_path
    return paths[0].root_path if paths else site.root_page.url_path


def public(pages):
    """`pages` without those behind a view restriction (on them or an ancestor).

    What Wagtail's `PageQuerySet.public()` does, as a subquery: Wagtail's first
    fetches every restriction on the site in a query of its own.
    """
    return pages.filter(~_restricted())


def restricted_paths(request):
    """The paths of the pages behind a view restriction (the pages below them
    are restricted too), for filtering by path as Wagtail's
    `PageQuerySet.public()` does: search backends can filter on paths. They
    come with the request's site (`find_site`), so this costs no query of its
    own, and a search does not check every page of its type against them
    (`public` does, 8 ms at 10,000 stories).
    """
    find_site(request)
    paths = getattr(request, "_restricted_paths", None)
    if paths is None:
        paths = sorted(PageViewRestriction.objects.values_list("page__path", flat=True))
    return paths


def _restricted():
    """Whether a view restriction is set on the row or any of its ancestors."""
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


class _InArray(Func):
    """`key = ANY(ARRAY(subquery))` (PostgreSQL)."""

    arg_joiner = " = ANY(ARRAY"
    template = "%(expressions)s)"
    output_field = BooleanField()


def in_array(field, values):
    """`field` is one of `values` (a one-column queryset), as
    `field = ANY(ARRAY(subquery))` on PostgreSQL: the subquery runs once, first,
    and the index on `field` answers the rest. With `IN (subquery)` PostgreSQL
    may instead read the whole table and hash it, when it guesses the subquery
    finds more than it does (elsewhere, `__in`)."""
    if connection.vendor != "postgresql":
        return Q(**{f"{field}__in": values})
    return Q(_InArray(F(field), Subquery(values)))


def union_all(*querysets):
    """The rows of `querysets` (which may be sliced), in order: in one
    `UNION ALL` query where the database allows a LIMIT inside one
    (PostgreSQL), else one query each (SQLite, as `make run` uses)."""
    if connection.features.supports_slicing_ordering_in_compound:
        return list(_union(querysets))
    return [row for queryset in querysets for row in queryset]


def compiled_union_all(parts):
    """Decorate a function returning querysets (which may be sliced): calls
    return `union_all` of them, compiled once (home/compiled.py) where the
    database takes them in one query."""
    together = compiled(lambda *args: _union(parts(*args)))

    @functools.wraps(parts)
    def run(*args):
        if connection.features.supports_slicing_ordering_in_compound:
            return together(*args)
        return union_all(*parts(*args))

    return run


def _union(querysets):
    first, *rest = querysets
    return first.union(*rest, all=True)


def _translations_of(pages):
    """Pages sharing a translation key with `pages`: the index on
    (translation_key, locale) answers it inside the OR of the frame query
    (with `IN (subquery)` there PostgreSQL reads every page)."""
    return in_array("translation_key", pages.order_by().values("translation_key"))


# A page's times, which lists and frames never show: not read, PostgreSQL's
# timestamps are the dearest columns to turn into Python (a tenth of a story
# page's time building rows went to them).
PAGE_TIMES = (
    "first_published_at",
    "last_published_at",
    "go_live_at",
    "expire_at",
    "locked_at",
    "latest_revision_created_at",
)


@compiled
def _frame_rows(paths, home_path, menu_depth):
    along_path = Q(url_path__any_of=paths)
    return (
        Page.objects.filter(
            along_path
            | _translations_of(Page.objects.filter(along_path))
            | Q(url_path__startswith=home_path, depth=menu_depth)
        )
        .select_related("locale")
        .defer(*PAGE_TIMES)
        .annotate(restricted=_restricted())
        .order_by("path")
    )


def load_frame(request, components=()):
    """The frame for the path `components` (a list of slugs) under the home page
    of the active language, or None when there is no site."""
    site = find_site(request)
    if site is None:
        return None
    language = get_language()
    home_path = root_path(request, site, language)
    paths = [home_path]
    for component in components:
        paths.append(f"{paths[-1]}{component}/")
    rows = _frame_rows(paths, home_path, home_path.count("/") + 1)
    frame = Frame(site=site, language=language)
    by_path = {row.url_path: row for row in rows}
    for path in paths:
        row = by_path.get(path)
        if row is None:
            break
        frame.lineage.append(row)
    for row in rows:
        frame.by_key.setdefault(row.translation_key, []).append(row)
    home = frame.home
    if home is not None:
        frame.sections = [
            row
            for row in rows
            if row.depth == home.depth + 1 and row.path.startswith(home.path)
        ]
        frame.menu = [
            row
            for row in frame.sections
            if row.live and row.show_in_menus and not row.restricted
        ]
    for parent, child in zip(frame.lineage, frame.lineage[1:], strict=False):
        # Treebeard's get_parent() uses this instead of a query.
        child._cached_parent_obj = parent
    request.page_frame = frame
    return frame


def frame_for(request, page=None):
    """The frame loaded for this request (for `page`, when given), or a fresh one
    for the home page (search results and other views that are not pages)."""
    frame = getattr(request, "page_frame", None)
    if (
        frame is not None
        and frame.language == get_language()
        and (page is None or any(row.pk == page.pk for row in frame.lineage))
    ):
        return frame
    if page is not None:
        return None
    return load_frame(request)
