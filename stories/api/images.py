"""Images in the API: a few widths, in WebP and JPEG, ready for `srcset`."""

from django.conf import settings

from home.renditions import renditions as image_renditions
from home.storage import is_plain

from .schema import INTEGER, STRING, URI, array, enum, named, obj

WIDTHS = (480, 800, 1200)
FORMATS = ("webp", "jpeg")

# What `image_representation` gives.
IMAGE = named(
    "Image",
    obj(
        {
            "id": INTEGER,
            "title": STRING,
            "alt": STRING,
            "width": INTEGER,
            "height": INTEGER,
            "renditions": array(
                obj(
                    {
                        "url": URI,
                        "width": INTEGER,
                        "height": INTEGER,
                        "format": enum(FORMATS),
                    }
                )
            ),
        }
    ),
)


def absolute_url(url, request):
    """`url` on WAGTAILAPI_BASE_URL, else on the host the API was called on."""
    if url is None or url.startswith(("http://", "https://")):
        return url
    base = settings.WAGTAILAPI_BASE_URL
    if base:
        return base.rstrip("/") + url
    if request is None:
        return url
    if url.startswith("/") and is_plain(url[1:]):
        # What build_absolute_uri gives such a path, without parsing and
        # quoting it again: a list of twenty stories has hundreds of them.
        return _origin(request) + url
    return request.build_absolute_uri(url)


def _origin(request):
    """The scheme and host of `request`, as build_absolute_uri puts before a path."""
    try:
        return request._api_origin
    except AttributeError:
        request._api_origin = request.build_absolute_uri("/")[:-1]
        return request._api_origin


def image_representation(image, request=None, alt=""):
    """{id, title, alt, width, height, renditions: [{url, width, height, format}]}."""
    if image is None:
        return None
    specs = [f"width-{width}|format-{fmt}" for fmt in FORMATS for width in WIDTHS]
    renditions = image_renditions(image, specs)
    return {
        "id": image.pk,
        "title": image.title,
        "alt": alt or image.default_alt_text,
        "width": image.width,
        "height": image.height,
        "renditions": [
            {
                "url": absolute_url(renditions[spec].url, request),
                "width": renditions[spec].width,
                "height": renditions[spec].height,
                "format": spec.rsplit("-", 1)[1],
            }
            for spec in specs
        ],
    }
