"""Tags that are translated with their page.

wagtail-localize copies a page's taggit tags to its translations unchanged, so an
English story would carry Norwegian tags. Here each tag name is a translatable
segment of the page instead: translators see "klima" in the translation editor
(and in PO files) and write "climate", and the English page gets its own tag.
Tags stay plain taggit tags; a language's pages simply carry that language's
words, so tag filters and the API work per locale with no extra model.
"""

from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail_localize.segments import StringSegmentValue


class TranslatableTagsField(ClusterTaggableManager):
    def get_translatable_segments(self, tags):
        return [StringSegmentValue(tag.slug, tag.name) for tag in tags]

    def restore_translated_segments(self, tags, segments):
        return [segment.render_text() for segment in segments]

    def __set__(self, instance, tag_names):
        # wagtail-localize assigns the restored value to the page's attribute.
        self.__get__(instance, type(instance)).set(tag_names)
