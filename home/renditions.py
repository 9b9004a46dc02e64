"""Renditions without the per-call costs of Wagtail's shortcuts.

Wagtail builds a new `Filter` whenever a rendition is asked for by its spec, and
a Filter parses its spec into operations with `inspect.getcallargs` (some 50 µs
an operation): a list of twenty stories with their images pays that hundreds of
times per request. A spec is text written in the code, so its Filter is built
once per process here and reused. And `Image.get_rendition` writes the rendition
back to the cache on every call, even one fetched with its image; these go
through `get_renditions`, which does not.
"""

import functools

from wagtail.images.models import Filter


@functools.cache
def image_filter(spec):
    """Wagtail's Filter for `spec` (a spec from the code, never from a request)."""
    return Filter(spec=spec)


def renditions(image, specs):
    """{spec: rendition} of `image` for `specs`, created where missing."""
    return image.get_renditions(*(image_filter(spec) for spec in specs))


def rendition(image, spec):
    """`image`'s rendition `spec`, created if missing."""
    return renditions(image, [spec])[spec]
