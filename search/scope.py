"""What a reader's search covers: the live, public pages of one type in the
reader's language, narrowed by programme and theme.

A scope is plain values, so that the ranking's SQL can be written once per
shape of them (`search.ranking`, home/compiled.py); `pages()` turns it into
the queryset the search backends take.
"""

from dataclasses import dataclass

from wagtail.models import Page

from stories.filtering import filter_projects, filter_stories
from stories.models import StoryPage


@dataclass(frozen=True)
class Scope:
    model: type[Page]
    locale_id: int
    programme: str = ""
    theme: str = ""
    # The paths of the pages behind a view restriction (home.frame).
    restricted_paths: tuple[str, ...] = ()

    def pages(self):
        """The pages in scope, without their bodies: a backend ranks every
        match and a hit shows only title, lead and date."""
        return pages_in(self.model, self.model, *self.values()).defer_streamfields()

    def values(self):
        """The scope's values as `pages_in` takes them after the model (no
        programme or theme as None, which changes the SQL)."""
        return (
            self.locale_id,
            self.programme or None,
            self.theme or None,
            list(self.restricted_paths),
        )


def pages_in(rows, model, locale_id, programme, theme, restricted_paths):
    """The live pages of `model` in the locale, without those at or below a
    restricted path, narrowed by programme and theme, as rows of `rows`:
    `model` itself, or `Page` where the type is known already (a search
    index entry's content type) and the page's own row decides.

    Search backends filter only on indexed fields, so the filters become a
    filter on page ids, and view restrictions a filter on paths.
    """
    pages = rows.objects.live().filter(locale_id=locale_id)
    for path in restricted_paths:
        pages = pages.exclude(path__startswith=path)
    if programme or theme:
        narrow = filter_stories if issubclass(model, StoryPage) else filter_projects
        narrowed = narrow(model.objects.all(), programme=programme, theme=theme)
        pages = pages.filter(id__in=narrowed.values("pk"))
    return pages
