from functools import partial

from django.core.paginator import Paginator
from django.db.models import Count, Window
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from wagtail.models import Locale

from home.frame import public
from stories.filtering import filter_projects, filter_stories
from stories.models import ProjectPage, StoryPage

from .backend import backend_for_language
from .forms import SearchForm

RESULTS_PER_PAGE = 10
RESULTS_PER_GROUP = 5
TYPES = {"stories": StoryPage, "projects": ProjectPage}


def searchable(model, locale, programme, theme):
    """Live, public pages of `model` in `locale`, narrowed by programme and theme.

    Search backends filter only on indexed fields, so the filters become a
    filter on page ids.
    """
    # Search backends filter only on indexed fields: restrictions by page id.
    # Without their bodies: PostgreSQL ranks every match and sorts them whole,
    # and a hit shows only title, lead and date.
    pages = (
        model.objects.live()
        .filter(locale=locale, id__in=public(model.objects.all()).values("pk"))
        .defer_streamfields()
    )
    if programme or theme:
        narrow = filter_stories if model is StoryPage else filter_projects
        narrowed = narrow(model.objects.all(), programme=programme, theme=theme)
        pages = pages.filter(id__in=narrowed.values("pk"))
    return pages


def _page(results, number):
    return Paginator(results, RESULTS_PER_PAGE).get_page(number)


def _group(name, backend, query, pages):
    """A group of the search page: the best few hits and how many there are.

    One query, not two: the count of all matches comes with each hit as a
    window over them (`COUNT(*) OVER ()` is taken after the search's WHERE),
    which the ranking has to read anyway.
    """
    results = backend.search(query, pages.annotate(matches=Window(Count("pk"))))
    hits = SimpleLazyObject(partial(list, results[:RESULTS_PER_GROUP]))
    return {
        "type": name,
        "count": SimpleLazyObject(lambda: hits[0].matches if hits else 0),
        "hits": hits,
    }


def search(request):
    """Search stories and projects in the reader's language."""
    locale = Locale.get_active()
    form = SearchForm(request.GET or None, locale_id=locale.pk)
    context = {"form": form, "search_query": "", "groups": [], "results": None}
    if form.is_bound and form.is_valid() and form.cleaned_data["query"]:
        data = form.cleaned_data
        backend = backend_for_language(locale.language_code)
        context["search_query"] = data["query"]
        # Lazy: results the template finds in the fragment cache cost no query.
        for name in [data["type"]] if data["type"] else list(TYPES):
            pages = searchable(TYPES[name], locale, data["programme"], data["theme"])
            if data["type"]:
                results = backend.search(data["query"], pages)
                context["results"] = SimpleLazyObject(
                    partial(_page, results, request.GET.get("page"))
                )
            else:
                context["groups"].append(_group(name, backend, data["query"], pages))
    return TemplateResponse(request, "search/search.html", context)
