"""The Wagtail API (v2) router: pages, images, documents and page previews."""

from wagtail.api.v2.router import WagtailAPIRouter

from stories.api.views import (
    InterregDocumentsAPIViewSet,
    InterregImagesAPIViewSet,
    InterregPagesAPIViewSet,
    PagePreviewAPIViewSet,
)

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", InterregPagesAPIViewSet)
api_router.register_endpoint("images", InterregImagesAPIViewSet)
api_router.register_endpoint("documents", InterregDocumentsAPIViewSet)
api_router.register_endpoint("page_preview", PagePreviewAPIViewSet)
