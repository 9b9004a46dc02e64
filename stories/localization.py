"""Show referenced pages and snippets in the reader's language.

Pages refer to the canonical (default-language) row of a programme, theme or
contact, and a translated story keeps the links its source has (wagtail-localize
synchronises them). These helpers swap each referenced object for its translation
in the page's locale, with one query for a whole list, falling back to the object
itself when no translation exists.
"""

from wagtail.models import Page


def localize_all(objects, locale_id):
    """`objects` with each replaced by its translation in `locale_id`, if any.

    Pages are replaced only by live translations.
    """
    objects = list(objects)
    wanted = {obj.translation_key for obj in objects if obj.locale_id != locale_id}
    if not wanted:
        return objects
    model = type(objects[0])
    queryset = model._default_manager.filter(
        locale_id=locale_id, translation_key__in=wanted
    )
    if issubclass(model, Page):
        queryset = queryset.live()
    translations = {obj.translation_key: obj for obj in queryset}
    return [
        obj
        if obj.locale_id == locale_id
        else translations.get(obj.translation_key, obj)
        for obj in objects
    ]


def localize(obj, locale_id):
    """One object's translation in `locale_id`, or the object; None stays None."""
    if obj is None:
        return None
    return localize_all([obj], locale_id)[0]
