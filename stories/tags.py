"""Tags that are translated with their page.

wagtail-localize copies a page's taggit tags to its translations unchanged, so an
English story would carry Norwegian tags. Here each tag name is a translatable
segment of the page instead: translators see "klima" in the translation editor
(and in PO files) and write "climate", and the English page gets its own tag.
Tags stay plain taggit tags; a language's pages simply carry that language's
words, so tag filters and the API work per locale with no extra model.
"""

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
    tag) and back to it (the source tag whose translation is this one).
    """
    translations = StringTranslation.objects.filter(
        translation_of__locale=from_locale,
        locale=to_locale,
        context__path=f"tags.{slug}",
    ).values("data")
    forward = (
        Tag.objects.filter(name__in=translations).values_list("slug", flat=True).first()
    )
    if forward is not None:
        return forward
    names = Tag.objects.filter(slug=slug).values("name")
    path = (
        StringTranslation.objects.filter(
            translation_of__locale=to_locale,
            locale=from_locale,
            context__path__startswith="tags.",
            data__in=names,
        )
        .values_list("context__path", flat=True)
        .first()
    )
    return path.removeprefix("tags.") if path else None
