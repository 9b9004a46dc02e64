"""Tags that are translated with their page.

wagtail-localize copies a page's taggit tags to its translations unchanged, so an
English story would carry Norwegian tags. Here each tag name is a translatable
segment of the page instead: translators see "klima" in the translation editor
(and in PO files) and write "climate", and the English page gets its own tag.
Tags stay plain taggit tags; a language's pages simply carry that language's
words, so tag filters and the API work per locale with no extra model.
"""

from django.db.models import Subquery
from modelcluster.contrib.taggit import ClusterTaggableManager
from taggit.models import Tag
from wagtail_localize.models import StringTranslation
from wagtail_localize.segments import StringSegmentValue


class TranslatableTagsField(ClusterTaggableManager):
    def get_translatable_segments(self, tags):
        return [StringSegmentValue(tag.slug, tag.name) for tag in tags]

    def restore_translated_segments(self, tags, segments):
        return [segment.render_text() for segment in segments]

    def __set__(self, instance, tag_names):
        # wagtail-localize assigns the restored value to the page's attribute.
        self.__get__(instance, type(instance)).set(tag_names)


def translated_tag_slug(slug, from_locale, to_locale):
    """The slug of the tag that `slug` became on the translations into `to_locale`
    of pages in `from_locale`, or None when no translation of it is known.

    Works both ways: from the source language (the translators' string for the
    tag) and back to it (the source tag whose translation is this one). One
    query either way, stopping at the first translation found; migration
    stories/0012 indexes what they look up by (a tag is a string on every page
    that carries it: 1,800 pages a tag at `make bench`'s volume).
    """
    translated = StringTranslation.objects.filter(
        translation_of__locale=from_locale,
        locale=to_locale,
        context__path=f"tags.{slug}",
    ).values("data")[:1]
    forward = (
        Tag.objects.filter(name=Subquery(translated)).values_list("slug", flat=True)
    ).first()
    if forward is not None:
        return forward
    # Any one of them (first() would sort them all by id).
    paths = (
        StringTranslation.objects.filter(
            translation_of__locale=to_locale,
            locale=from_locale,
            context__path__startswith="tags.",
            data__in=Tag.objects.filter(slug=slug).values("name"),
        )
        .order_by()
        .values_list("context__path", flat=True)[:1]
    )
    return next((path.removeprefix("tags.") for path in paths), None)
