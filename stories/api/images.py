"""Images in the API: a few widths, in WebP and JPEG, ready for `srcset`."""

from django.conf import settings

from home.renditions import renditions as image_renditions

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
    return request.build_absolute_uri(url) if request is not None else url


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
