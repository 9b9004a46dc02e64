"""Create wagtail-localize translations from code (site set-up and demo content).

Translators normally work in wagtail-localize's editor; this module does the same
thing programmatically, so pages made by set-up commands are real, synced
translations that the editor and "Sync translated pages" understand.
"""

from wagtail.models import Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue, extract_strings


def translate(instance, locale, texts, *, publish=True, user=None):
    """Create or update `instance`'s translation into `locale` and return it.

    `texts` maps source strings (as wagtail-localize segments them) to their
    translations, or is a function that translates one; segments without a
    translation keep the source text. This is what
    "Translate this page" followed by the translation editor does. Unlike
    wagtail-localize, which publishes pages when the transaction commits, a page
    is published at once, so callers inside a transaction see it live.
    """
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.update_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).select_related(
        "string", "context"
    )
    for segment in segments:
        translated = (
            texts(segment.string.data)
            if callable(texts)
            else texts.get(segment.string.data)
        )
        if translated is None:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": translated,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
            },
        )
    is_page = isinstance(instance, Page)
    translation.save_target(user=user, publish=publish and not is_page)
    target = instance.get_translation(locale)
    if is_page and publish:
        target.get_latest_revision().publish(user=user)
        target.refresh_from_db()
    return target


def string_pairs(source, target):
    """Map the strings wagtail-localize extracts from `source` to those of `target`.

    Rich text (HTML) is split into the same block-level strings wagtail-localize
    makes of it, so `translate` can fill each one; plain text is one string.
    """
    if source.lstrip().startswith("<"):
        _template, source_strings = extract_strings(source)
        _template, target_strings = extract_strings(target)
        return {
            source_string.data: target_string.data
            for (source_string, _a), (target_string, _b) in zip(
                source_strings, target_strings, strict=False
            )
        }
    return {
        StringValue.from_plaintext(source).data: StringValue.from_plaintext(target).data
    }
