"""Tags that are translated with their page.

wagtail-localize copies a page's taggit tags to its translations unchanged, so an
English story would carry Norwegian tags. Here each tag name is a translatable
segment of the page instead: translators see "klima" in the translation editor
(and in PO files) and write "climate", and the English page gets its own tag.
Tags stay plain taggit tags; a language's pages simply carry that language's
words, so tag filters and the API work per locale with no extra model.
"""

from django.db.models import Subquery
from django.db.models.functions import Substr
from modelcluster.contrib.taggit import ClusterTaggableManager
from taggit.models import Tag
from wagtail_localize.models import StringTranslation
from wagtail_localize.segments import StringSegmentValue

from home.frame import compiled_union_all


class TranslatableTagsField(ClusterTaggableManager):
    def get_translatable_segments(self, tags):
        return [StringSegmentValue(tag.slug, tag.name) for tag in tags]

    def restore_translated_segments(self, tags, segments):
        return [segment.render_text() for segment in segments]

    def __set__(self, instance, tag_names):
        # wagtail-localize assigns the restored value to the page's attribute.
        self.__get__(instance, type(instance)).set(tag_names)


def translated_tag_slug(slug, from_language, to_language):
    """The slug of the tag that `slug` became on the translations into
    `to_language` of pages in `from_language` (language codes), or None when no
    translation of it is known.

    Works both ways, in one query: from the source language (the translators'
    string for the tag) and back to it (the source tag whose translation is
    this one), each stopping at the first translation found. Migration
    stories/0012 indexes what they look up by (a tag is a string on every page
    that carries it: 1,800 pages a tag at `make bench`'s volume).
    """
    found = _translated_tag(slug, f"tags.{slug}", from_language, to_language)
    return found[0][0] if found else None


@compiled_union_all
def _translated_tag(slug, context_path, from_language, to_language):
    translated = StringTranslation.objects.filter(
        translation_of__locale__language_code=from_language,
        locale__language_code=to_language,
        context__path=context_path,
    ).values("data")[:1]
    forward = Tag.objects.filter(name=Subquery(translated)).values_list("slug")[:1]
    backward = (
        StringTranslation.objects.filter(
            translation_of__locale__language_code=to_language,
            locale__language_code=from_language,
            context__path__startswith="tags.",
            data__in=Tag.objects.filter(slug=slug).values("name"),
        )
        .order_by()
        .values_list(Substr("context__path", len("tags.") + 1))[:1]
    )
    return forward, backward
