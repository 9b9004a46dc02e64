"""Create wagtail-localize translations from code (site set-up and demo content).

Translators normally work in wagtail-localize's editor; this module does the same
thing programmatically, so pages made by set-up commands are real, synced
translations that the editor and "Sync translated pages" understand.
"""

from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator


def translate(instance, locale, texts, *, publish=True, user=None):
    """Create or update `instance`'s translation into `locale` and return it.

    `texts` maps source strings (as wagtail-localize segments them) to their
    translations; segments without an entry keep the source text.
    """
    creator = TranslationCreator(user, [locale])
    creator.create_translations(instance, include_related_objects=False)
    translation = Translation.objects.get(
        source__object_id=instance.translation_key, target_locale=locale
    )
    segments = StringSegment.objects.filter(source=translation.source).select_related(
        "string", "context"
    )
    for segment in segments:
        translated = texts.get(segment.string.data)
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
    translation.save_target(user=user, publish=publish)
    return instance.get_translation(locale)
