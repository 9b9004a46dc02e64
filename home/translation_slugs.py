"""A translated page's slug follows its translated title.

wagtail-localize offers a page's slug to translators as one more string, on the
Promote tab of its editor; left untranslated, the translation keeps the source's
slug, and an English page lives at a Norwegian address. Here the slug is
translated with the title: when a translator translates a page's title, the
slug becomes that title, slugified, unless the translator wrote a slug of their
own. Once the translation has been published its address stays, as Wagtail's
own editor keeps a published page's slug when its title changes; when the
source's slug changes, the translation keeps its address too.

Stored as the slug's string translation, so wagtail-localize's editor, its PO
files and both translation reports see the slug as translated, and a translator
can still change it there.
"""

from django.db.models.signals import post_save, pre_save
from django.utils.text import slugify
from wagtail.coreutils import string_to_ascii
from wagtail.models import Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    TranslationContext,
)

SLUG_MAX_LENGTH = Page._meta.get_field("slug").max_length


def slug_from_title(title):
    return slugify(string_to_ascii(title or ""))[:SLUG_MAX_LENGTH].strip("-")


def _titles_before(title_translation):
    """The titles this translation had before (the one being replaced, and those
    of earlier source titles in the same language)."""
    earlier = StringTranslation.objects.filter(
        context_id=title_translation.context_id, locale_id=title_translation.locale_id
    ).exclude(pk=title_translation.pk)
    titles = set(earlier.values_list("data", flat=True))
    previous = getattr(title_translation, "_previous_title", None)
    if previous is not None:
        titles.add(previous)
    return titles


def _translated_page(object_id, locale_id):
    return Page.objects.filter(translation_key=object_id, locale_id=locale_id).first()


def _set_slug(slug_segment, locale_id, slug, user=None):
    StringTranslation.objects.update_or_create(
        translation_of_id=slug_segment.string_id,
        locale_id=locale_id,
        context_id=slug_segment.context_id,
        defaults={
            "data": slug,
            "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            "tool_name": "",
            "last_translated_by": user,
            "has_error": False,
            "field_error": "",
        },
    )


def remember_previous_title(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk or instance.context_id is None:
        return
    if instance.context.path == "title":
        instance._previous_title = (
            StringTranslation.objects.filter(pk=instance.pk)
            .values_list("data", flat=True)
            .first()
        )


def follow_title(sender, instance, raw=False, **kwargs):
    """A title was translated: translate the slug with it (see above)."""
    context = instance.context
    if raw or context is None or context.path != "title":
        return
    slug_context = TranslationContext.objects.filter(
        object_id=context.object_id, path="slug"
    ).first()
    if slug_context is None:
        return
    page = _translated_page(context.object_id, instance.locale_id)
    if page is not None and page.first_published_at is not None:
        return
    slug_segment = StringSegment.objects.filter(
        context=slug_context, string__locale_id=instance.translation_of.locale_id
    ).first()
    if slug_segment is None:
        return
    current = (
        StringTranslation.objects.filter(
            translation_of_id=slug_segment.string_id,
            locale_id=instance.locale_id,
            context=slug_context,
        )
        .values_list("data", flat=True)
        .first()
    )
    followed = {slug_from_title(title) for title in _titles_before(instance)}
    if current is not None and current not in followed:
        return  # the translator wrote this slug
    slug = slug_from_title(instance.data)
    if slug and slug != current:
        _set_slug(slug_segment, instance.locale_id, slug, instance.last_translated_by)


def keep_address_when_source_slug_changes(
    sender, instance, created, raw=False, **kwargs
):
    """The source's slug changed (a new slug string to translate): each existing
    translation keeps its address, or, never published, follows its title."""
    if raw or not created or instance.context.path != "slug":
        return
    object_id = instance.context.object_id
    for page in Page.objects.filter(translation_key=object_id).exclude(
        locale_id=instance.string.locale_id
    ):
        already = StringTranslation.objects.filter(
            translation_of_id=instance.string_id,
            locale_id=page.locale_id,
            context_id=instance.context_id,
        ).exists()
        if already:
            continue
        if page.first_published_at is not None:
            slug = page.slug
        else:
            title = (
                StringTranslation.objects.filter(
                    context__object_id=object_id,
                    context__path="title",
                    locale_id=page.locale_id,
                )
                .order_by("-updated_at")
                .values_list("data", flat=True)
                .first()
            )
            slug = slug_from_title(title)
        if slug:
            _set_slug(instance, page.locale_id, slug)


def connect():
    pre_save.connect(
        remember_previous_title,
        sender=StringTranslation,
        dispatch_uid="translation_slugs_previous_title",
    )
    post_save.connect(
        follow_title, sender=StringTranslation, dispatch_uid="translation_slugs_title"
    )
    post_save.connect(
        keep_address_when_source_slug_changes,
        sender=StringSegment,
        dispatch_uid="translation_slugs_source_slug",
    )
