"""Which stories and projects still need translating, at a glance.

For every story and project written in the chosen source language, the status
of its translation into the target language: missing; waiting for translations
(strings not yet translated, which is what wagtail-localize's own report calls
it); draft; outdated (the source was published after the translation was last
brought up to date); or live and up to date. Computed in the database, so
filters and paging stay fast at 10,000 pages.
"""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, Exists, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from stories.models import ProjectPage, StoryPage

PER_PAGE = 50
STATUSES = [
    ("missing", _("Not translated")),
    ("waiting", _("Waiting for translations")),
    ("draft", _("Draft")),
    ("outdated", _("Older than its source")),
    ("live", _("Live and up to date")),
]
TYPES = {"stories": StoryPage, "projects": ProjectPage}


class StatusFilterForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("Written in"), queryset=Locale.objects.all(), required=False
    )
    target = forms.ModelChoiceField(
        label=_("Translated into"), queryset=Locale.objects.all(), required=False
    )
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[
            ("", _("Stories and projects")),
            ("stories", _("Stories")),
            ("projects", _("Projects")),
        ],
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *STATUSES]
    )


def translation_rows(source, target, models):
    """Pages written in `source` with the status of their `target` translation."""
    in_target = Page.objects.filter(
        translation_key=OuterRef("translation_key"), locale=target
    )
    synced_at = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"), locale=OuterRef("locale")
    ).values("last_updated_at")[:1]
    is_itself_a_translation = Translation.objects.filter(
        source__object_id=OuterRef("translation_key"), target_locale=OuterRef("locale")
    )
    # As wagtail-localize's report decides "waiting for translations": a string
    # of the source without a (valid) translation into the target language.
    has_untranslated_strings = Exists(
        StringSegment.objects.filter(
            source__object_id=OuterRef("translation_key"),
            source__locale=OuterRef("locale"),
            source__translations__target_locale=target,
        ).exclude(
            Exists(
                StringTranslation.objects.filter(
                    translation_of=OuterRef("string_id"),
                    context=OuterRef("context_id"),
                    locale=target,
                    has_error=False,
                )
            )
        )
    )
    content_types = ContentType.objects.get_for_models(*models).values()
    return (
        Page.objects.filter(locale=source, content_type__in=content_types)
        .exclude(Exists(is_itself_a_translation))
        .annotate(
            target_id=Subquery(in_target.values("pk")[:1]),
            target_live=Subquery(in_target.values("live")[:1]),
            target_published_at=Subquery(in_target.values("last_published_at")[:1]),
            synced_at=Subquery(synced_at),
        )
        .annotate(
            status=Case(
                When(target_id__isnull=True, then=Value("missing")),
                When(has_untranslated_strings, then=Value("waiting")),
                When(target_live=False, then=Value("draft")),
                When(
                    last_published_at__gt=Coalesce(
                        F("synced_at"), F("target_published_at")
                    ),
                    then=Value("outdated"),
                ),
                default=Value("live"),
            )
        )
        .select_related("content_type")
        .order_by("-last_published_at", "title")
    )


def translation_status(request):
    if not request.user.has_perm("wagtail_localize.submit_translation"):
        raise PermissionDenied
    form = StatusFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    source = data.get("source") or Locale.get_default()
    target = data.get("target") or Locale.objects.exclude(pk=source.pk).first()
    models = [TYPES[data["type"]]] if data.get("type") else list(TYPES.values())
    rows = translation_rows(source, target, models)
    if data.get("status"):
        rows = rows.filter(status=data["status"])
    labels = dict(STATUSES)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("p"))
    for row in page:
        row.status_label = labels[row.status]
    return TemplateResponse(
        request,
        "stories/admin/translation_status.html",
        {"form": form, "rows": page, "source": source, "target": target},
    )
