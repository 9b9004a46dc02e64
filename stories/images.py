"""The images a page shows, with the renditions it shows them in, in one query.

A page shows many images: its own, those in its body (image, gallery and video
blocks), those of the stories it lists and of its contact person. Wagtail would
fetch each StreamField block type's images with a query of its own and look up
renditions per image. Here the page collects the ids of every image it will show
and where it shows each (a card, the top of a page, a body: the constants
below), `fetch_images` loads them with just those renditions in one query
(renditions joined to their images; a second query only for images never
rendered in that place before), and the body's stored data is handed the loaded
images instead of their ids (`swap_images`), which `PrefetchedImageChooserBlock`
passes through as they are.

Fetching only the renditions a place shows matters: an image soon has twenty
renditions (every place, two formats, several sizes). Each joined row holds a
rendition and its image; the image is built once, not once a row.
"""

import functools
from collections import defaultdict
from itertools import groupby

from django.db.models import Q
from wagtail import blocks
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.models import AbstractImage, Filter

from home.compiled import compiled
from home.seo import SHARE_IMAGE_SPEC


def _specs(*patterns):
    """The rendition specs `{% picture %}` makes of `patterns` ("format-{webp,jpeg}
    fill-{400x225,800x450}"), or `{% image %}` of a plain one."""
    return frozenset(
        spec for pattern in patterns for spec in Filter.expand_spec(pattern)
    )


# Where an image is shown, and in which renditions. The templates' {% picture %}
# and {% image %} tags name the same: a rendition missing here costs a query of
# its own, which the query-budget tests (tests/performance) notice.
SHARE = SHARE_IMAGE_SPEC  # og:image, JSON-LD (home/seo.py)
REPUBLISH = "width-1200|format-jpeg"  # stories/sharing/republish.py
EMBED = "fill-600x338|format-jpeg"  # the embeddable card and oEmbed
FEED = "fill-1200x630|format-jpeg"  # feed enclosures
CARD = _specs("format-{webp,jpeg} fill-{400x225,800x450}")  # components/story_card.html
PAGE_TOP = _specs("format-{webp,jpeg} fill-{640x360,1024x576,1600x900}") | {
    SHARE,
    REPUBLISH,
}  # story_page.html and project_page.html
BODY = _specs(
    "format-{webp,jpeg} width-{480,800,1200}",  # blocks/image_block.html
    "format-{webp,jpeg} fill-{400x300,800x600}",  # blocks/gallery_block.html
    "format-{webp,jpeg} fill-{800x450,1280x720}",  # blocks/video_block.html
) | {REPUBLISH}
CONTACT_PHOTO = _specs("fill-96x96|format-webp")  # includes/contact_box.html
API = _specs("width-{480,800,1200}|format-{webp,jpeg}")  # stories/api/images.py


class PrefetchedImageChooserBlock(ImageChooserBlock):
    """An image chooser that takes an image already loaded in place of its id."""

    def bulk_to_python(self, values):
        values = list(values)
        ids = [
            value
            for value in values
            if value is not None and not isinstance(value, AbstractImage)
        ]
        # Wagtail builds a query even for no ids at all (an empty poster).
        fetched = iter(super().bulk_to_python(ids) if ids else ())
        return [
            value
            if value is None or isinstance(value, AbstractImage)
            else next(fetched)
            for value in values
        ]

    class Meta:
        icon = "image"


@functools.cache
def _columns():
    """The models and fields a row of `_renditions` holds, in order: the
    rendition's, its image's, and the image's reuse choice's (stories.ImageReuse,
    for the republishing and embedding views, `may_be_shared`)."""
    image = get_image_model()
    rendition = image.get_rendition_model()
    reuse = image.reuse.related.related_model
    return [
        (model, [field.attname for field in model._meta.concrete_fields])
        for model in (rendition, image, reuse)
    ]


@compiled
def _renditions(*groups):
    """Renditions of the images in `groups` (pairs: image ids, the specs they
    are shown in), each with its image and the image's reuse choice, as rows of
    values (`_columns`)."""
    condition = Q()
    for ids, specs in zip(groups[::2], groups[1::2], strict=True):
        condition |= Q(image_id__any_of=ids, filter_spec__any_of=specs)
    (rendition, fields), (_image, image_fields), (_reuse, reuse_fields) = _columns()
    return rendition.objects.filter(condition).values_list(
        *fields,
        *[f"image__{name}" for name in image_fields],
        *[f"image__reuse__{name}" for name in reuse_fields],
    )


def _rendition_rows(groups):
    """{image id: image} for the rows `_renditions(*groups)` reads, each image
    built once with its renditions attached. (Joined as models, Django builds an
    image for every rendition row: twenty-eight images for a story page's five.)"""
    (rendition, fields), (image_model, image_fields), (reuse, reuse_fields) = _columns()
    db = rendition.objects.db
    images = {}
    image_start = len(fields)
    reuse_start = image_start + len(image_fields)
    for row in _renditions(*groups):
        image = images.get(row[image_start])
        if image is None:
            image = image_model.from_db(db, image_fields, row[image_start:reuse_start])
            choice = row[reuse_start:]
            # None, as select_related caches a missing row: no query to ask again.
            image_model.reuse.related.set_cached_value(
                image,
                None if choice[0] is None else reuse.from_db(db, reuse_fields, choice),
            )
            image.prefetched_renditions = []
            images[image.pk] = image
        found = rendition.from_db(db, fields, row[:image_start])
        found.image = image
        image.prefetched_renditions.append(found)
    return images


@compiled
def _images(ids):
    return get_image_model().objects.filter(pk__any_of=ids).select_related("reuse")


def fetch_images(wanted):
    """{id: image} for `wanted` ({image id: rendition specs}), each image with
    those of its renditions attached."""
    wanted = {pk: specs for pk, specs in wanted.items() if pk}
    if not wanted:
        return {}
    # One condition per set of specs (a card, the top of a page…), not per image.
    by_specs = sorted(wanted.items(), key=lambda item: sorted(item[1]))
    groups = []
    for specs, group in groupby(by_specs, key=lambda item: sorted(item[1])):
        groups += [[pk for pk, _specs in group], specs]
    images = _rendition_rows(groups)
    missing = wanted.keys() - images.keys()
    if missing:
        for image in _images(missing):
            image.prefetched_renditions = []
            images[image.pk] = image
    return images


def may_be_shared(image):
    """Whether others may republish `image` (stories.ImageReuse; an image
    without a choice may). Free for images loaded by `fetch_images`."""
    # A missing reverse one-to-one row raises an AttributeError subclass.
    reuse = getattr(image, "reuse", None)
    return reuse is None or reuse.may_be_shared


def _list_items(block, raw):
    """(item value, rebuild) pairs of a ListBlock's stored value, in either of
    Wagtail's formats (plain values, or dicts with a type, value and id)."""
    for item in raw or []:
        if block._item_is_in_block_format(item):
            yield item["value"], lambda value, item=item: {**item, "value": value}
        else:
            yield item, lambda value: value


def image_ids(block, raw):
    """The ids of every image chosen in `raw`, the stored value of `block`."""
    if isinstance(block, ImageChooserBlock):
        if isinstance(raw, int):
            yield raw
    elif isinstance(block, blocks.StructBlock):
        if isinstance(raw, dict):
            for name, child in block.child_blocks.items():
                if name in raw:
                    yield from image_ids(child, raw[name])
    elif isinstance(block, blocks.ListBlock):
        for value, _rebuild in _list_items(block, raw):
            yield from image_ids(block.child_block, value)
    elif isinstance(block, blocks.StreamBlock):
        for item in raw or []:
            child = block.child_blocks.get(item.get("type"))
            if child is not None:
                yield from image_ids(child, item.get("value"))


def swap_images(block, raw, images):
    """`raw` with each image id found in `images` replaced by the image."""
    if isinstance(block, ImageChooserBlock):
        return images.get(raw, raw) if isinstance(raw, int) else raw
    if isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        return {
            name: swap_images(block.child_blocks[name], value, images)
            if name in block.child_blocks
            else value
            for name, value in raw.items()
        }
    if isinstance(block, blocks.ListBlock):
        return [
            rebuild(swap_images(block.child_block, value, images))
            for value, rebuild in _list_items(block, raw)
        ]
    if isinstance(block, blocks.StreamBlock):
        return [
            {
                **item,
                "value": swap_images(
                    block.child_blocks[item["type"]], item.get("value"), images
                ),
            }
            if item.get("type") in block.child_blocks
            else item
            for item in raw or []
        ]
    return raw


def _as_stored(stream_value):
    """Whether a StreamField value is still just what was read from the database
    (a draft being edited or translated in memory is not)."""
    return stream_value.is_lazy and not any(stream_value._bound_blocks)


def stream_image_ids(stream_value):
    """The ids of every image in a StreamField value as stored."""
    if not _as_stored(stream_value):
        return set()
    return set(image_ids(stream_value.stream_block, list(stream_value.raw_data)))


def stream_with_images(stream_value, images):
    """A copy of a stored StreamField value whose blocks get `images` without a
    query (any other value is returned as it is)."""
    if not _as_stored(stream_value):
        return stream_value
    block = stream_value.stream_block
    return blocks.StreamValue(
        block, swap_images(block, list(stream_value.raw_data), images), is_lazy=True
    )


def attach_images(*shown, bodies=(), body_specs=BODY, extra=None):
    """Load every image a page shows in one query and give it to the pages that
    show it. `shown`: (pages, specs) pairs, each page's `hero_image` shown in
    those renditions; `bodies`: pages whose body images are shown (in
    `body_specs`); `extra`: {image id: specs} for other images. Returns
    {id: image}."""
    wanted = defaultdict(set)
    for pages, specs in shown:
        for page in pages:
            wanted[page.hero_image_id] |= specs
    for page in bodies:
        for pk in stream_image_ids(page.body):
            wanted[pk] |= body_specs
    for pk, specs in (extra or {}).items():
        wanted[pk] |= specs
    images = fetch_images(wanted)
    for pages, _specs in shown:
        for page in pages:
            if page.hero_image_id in images:
                page.hero_image = images[page.hero_image_id]
    for page in bodies:
        page.body = stream_with_images(page.body, images)
    return images
