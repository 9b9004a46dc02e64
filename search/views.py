from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Locale, Page

RESULTS_PER_PAGE = 10


def search(request):
    """Search the live, public pages of the current language."""
    query = request.GET.get("query", "").strip()
    if query:
        results = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .search(query)
        )
    else:
        results = Page.objects.none()
    paginator = Paginator(results, RESULTS_PER_PAGE)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "search_results": paginator.get_page(request.GET.get("page")),
        },
    )
