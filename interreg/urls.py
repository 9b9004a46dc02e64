from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from home.sitemap import robots_txt, sitemap
from search import views as search_views
from stories.api.openapi import openapi_document
from stories.feeds import page_feed
from stories.sharing.views import oembed, page_embed
from stories.tips.api import tips_endpoint

from .api import api_router
from .health import healthz, trivial_view

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("oembed/", oembed, name="oembed"),
    path("api/tips/", tips_endpoint, name="api_tips"),
    path("api/v2/openapi.json", openapi_document, name="api_openapi"),
    path("api/v2/", api_router.urls),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The default language has no prefix; /nb/… is the same page at /….
    re_path(
        r"^nb/(?P<rest>.*)$",
        RedirectView.as_view(url="/%(rest)s", permanent=True, query_string=True),
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if settings.BENCH_TRIVIAL_VIEW:
    # The baseline `make bench` compares against: the whole stack, no work.
    urlpatterns.append(path("bench/trivial", trivial_view))

# A page's address: its slugs, each followed by a slash (Wagtail's pattern, but
# leaving Wagtail's own /_util/ views to it).
PAGE_PATH = r"(?P<path>(?!_util/)(?:[\w\-]+/)*)"

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    re_path(rf"^{PAGE_PATH}feed/$", page_feed, name="page_feed"),
    # A story's or project's card, the one page other sites may frame.
    re_path(rf"^{PAGE_PATH}embed/$", page_embed, name="page_embed"),
    # Pages: routed in one query (home/views.py), then served by Wagtail's view.
    re_path(rf"^{PAGE_PATH}$", home_views.serve, name="page"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "interreg.errors.page_not_found"
handler500 = "interreg.errors.server_error"
