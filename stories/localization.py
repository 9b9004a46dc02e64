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


def _localize_grouped(objects_by_page, attribute, single=False):
    """Localize what each page refers to: one query per model and locale.

    Sets `attribute` on each page to the list of localized objects (or the one
    object when `single`). A page listed twice is handled once.
    """
    unique = list(
        {id(page): (page, objects) for page, objects in objects_by_page}.values()
    )
    wanted = {}
    for page, objects in unique:
        for obj in objects:
            if obj is not None and obj.locale_id != page.locale_id:
                wanted.setdefault((type(obj), page.locale_id), set()).add(
                    obj.translation_key
                )
    found = {}
    for (model, locale_id), keys in wanted.items():
        queryset = model._default_manager.filter(
            locale_id=locale_id, translation_key__in=keys
        )
        if issubclass(model, Page):
            queryset = queryset.live()
        queryset = queryset.select_related(
            *getattr(model, "localized_select_related", ())
        )
        for obj in queryset:
            found[(model, locale_id, obj.translation_key)] = obj
    for page, objects in unique:
        localized = [
            obj
            if obj is None or obj.locale_id == page.locale_id
            else found.get((type(obj), page.locale_id, obj.translation_key), obj)
            for obj in objects
        ]
        page.__dict__[attribute] = localized[0] if single else localized


def prime_localized(pages):
    """Fill the `localized_*` properties of stories and projects for a whole list.

    With the relations prefetched, this costs one query per kind of reference and
    language, however many pages there are (instead of several per page).
    """
    from stories.models import ProjectPage, StoryPage

    stories = [page for page in pages if isinstance(page, StoryPage)]
    projects = [page for page in pages if isinstance(page, ProjectPage)]
    _localize_grouped(
        [(p, list(p.themes.all())) for p in stories + projects], "localized_themes"
    )
    _localize_grouped(
        [(s, [s.contact]) for s in stories], "localized_contact", single=True
    )
    _localize_grouped(
        [(s, [link.project for link in s.project_links.all()]) for s in stories],
        "projects",
    )
    for story in stories:
        story.__dict__["projects"] = [p for p in story.__dict__["projects"] if p.live]
    linked = [project for story in stories for project in story.projects]
    _localize_grouped(
        [(p, [p.programme]) for p in projects + linked],
        "localized_programme",
        single=True,
    )
