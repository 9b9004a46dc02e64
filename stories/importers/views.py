"""The admin's Import area: past imports, the two upload forms, and a run's report."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from stories.models import ImportRun

from .forms import ProjectImportForm, WordPressImportForm
from .report import ImportReport
from .tasks import queue_import

PERMISSION = "stories.add_importrun"
PER_PAGE = 20
REFRESH_SECONDS = 2

FORMS = {
    ImportRun.Kind.WORDPRESS: (
        WordPressImportForm,
        _("Import WordPress articles"),
        _(
            "Each post becomes a story in the chosen language, with its images, "
            "tags and publication date, and its old address redirects to the "
            "story. Posts already imported are updated, unless an editor has "
            "changed the story since."
        ),
    ),
    ImportRun.Kind.PROJECTS: (
        ProjectImportForm,
        _("Import a project list"),
        _(
            "Each row becomes or updates a project page, matched on programme and "
            "project ID. The body, images and tags editors wrote are never "
            "changed."
        ),
    ),
}


def _allowed(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def import_index(request):
    _allowed(request)
    runs = ImportRun.objects.select_related("user")
    page = Paginator(runs, PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "stories/importers/index.html",
        {"runs": page, "kinds": [(kind, FORMS[kind][1]) for kind in FORMS]},
    )


def start_import(request, kind):
    _allowed(request)
    if kind not in FORMS:
        raise Http404
    form_class, heading, description = FORMS[kind]
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        run = form.create_run(request.user, get_language())
        queue_import(run)
        return redirect("stories_import_run", run.pk)
    return TemplateResponse(
        request,
        "stories/importers/start.html",
        {"form": form, "heading": heading, "description": description, "kind": kind},
    )


def import_run(request, pk):
    _allowed(request)
    run = get_object_or_404(ImportRun.objects.select_related("user"), pk=pk)
    report = ImportReport.from_dict(run.report) if run.report else None
    return TemplateResponse(
        request,
        "stories/importers/run.html",
        {
            "run": run,
            "report": report,
            "refresh": None if run.finished else REFRESH_SECONDS,
        },
    )
