"""Show referenced pages and snippets in the reader's language.

Pages refer to the canonical (default-language) row of a programme, theme or
contact, and a translated story keeps the links its source has (wagtail-localize
synchronises them). What a page shows of them is their translation in the page's
locale, falling back to the row itself where no translation exists.

Two ways to get there, both without a query per object:

- `translation_of(model, key, locale)` is a subquery to annotate a queryset
  with: each row gets the translation of what it refers to, in the locale of
  the row's own page, as JSON, so a list of pages in any mix of languages costs
  no extra query; `from_translation` turns it back into an instance.
- `localize_all(objects, locale_id)` swaps a list of objects for their
  translations with one query.

Nothing here imports the models: they import it.
"""

import functools
from collections import defaultdict

from django.db.models import OuterRef, Subquery
from django.db.models.functions import JSONObject
from wagtail.models import Page

from home.compiled import compiled


def translation_of(model, key, locale):
    """A subquery: the row of `model` with translation key `key` in `locale`
    (expressions, usually `OuterRef`s), as a JSON object of its fields."""
    rows = model._default_manager.filter(translation_key=key, locale_id=locale)
    return Subquery(rows.values(json=JSONObject(**fields_of(model)))[:1])


def fields_of(model, prefix=""):
    """{attname: its path from `prefix`} for `model`'s columns: a JSON object
    of them (`JSONObject(**fields_of(...))`) is what `from_translation` reads."""
    return {
        field.attname: prefix + field.attname for field in model._meta.concrete_fields
    }


def from_translation(model, data, fallback):
    """The `model` instance `translation_of` fetched as `data`, or `fallback`."""
    if not data:
        return fallback
    instance = model(
        **{
            field.attname: field.to_python(data[field.attname])
            for field in model._meta.concrete_fields
        }
    )
    instance._state.adding = False
    instance._state.db = fallback._state.db if fallback is not None else "default"
    return instance


def localized_relation(relation, ids, order_by=()):
    """{page id: the objects a many-to-many `relation` (such as StoryPage.themes)
    links the page to, each in the page's own language}, for the pages with `ids`,
    in one query."""
    field = relation.field
    page, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    found = defaultdict(list)
    for row in _relation_rows(relation, tuple(order_by))(list(ids)):
        source = getattr(row, target)
        found[getattr(row, f"{page}_id")].append(
            from_translation(field.related_model, row.translation, source)
        )
    return found


@functools.cache
def _relation_rows(relation, order_by):
    """The compiled query of `localized_relation`: a relation's rows for pages
    by id, each with its target's translation in the page's language."""
    field = relation.field
    page, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    rows = (
        relation.through.objects.select_related(target)
        .annotate(
            translation=translation_of(
                field.related_model,
                OuterRef(f"{target}__translation_key"),
                OuterRef(f"{page}__locale_id"),
            )
        )
        .order_by(*[f"{target}__{name}" for name in order_by])
    )
    return compiled(lambda ids: rows.filter(**{f"{page}_id__any_of": ids}))


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
