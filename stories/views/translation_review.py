"""Send a translated page to the editorial workflow.

wagtail-localize's editor lets people who may publish publish; people who may not
(translators) have no way there to ask for review. This screen saves the
translation as a draft revision and starts the page's workflow, exactly as
"Submit for moderation" does for pages edited in Wagtail's own editor.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.models import Translation

from .translation_editor import missing_translations_message


def translation_for(page):
    """The wagtail-localize translation that produces `page`, if any."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .select_related("source")
        .first()
    )


class _RolledBack(Exception):
    """Leaves a transaction block so that everything done in it is undone."""


def save_draft_revision(translation, page, user):
    """Save the translated strings as a new draft revision of `page`.

    wagtail-localize's `save_target(publish=False)` also writes the page's row,
    so on a live page readers would see the unreviewed text at once. Here the
    translation is built inside a transaction block that is rolled back, and
    only its content is kept, as a revision for the workflow to approve.
    """
    try:
        with transaction.atomic():
            translation.save_target(user=user, publish=False)
            content = Page.objects.get(pk=page.pk).specific.serializable_data()
            # Undo the row changes, and the on-commit work (such as redirects for
            # a changed slug) registered with them.
            raise _RolledBack
    except _RolledBack:
        pass
    live = Page.objects.get(pk=page.pk).specific
    return live.with_content_json(content).save_revision(user=user)


def can_submit(page, user):
    return (
        page.permissions_for_user(user).can_edit()
        and page.get_workflow() is not None
        and not page.workflow_in_progress
        and translation_for(page) is not None
    )


def submit_translation_for_review(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    translation = translation_for(page)
    workflow = page.get_workflow()
    if translation is None or workflow is None:
        messages.error(
            request, _("This page is not a translation that can be sent for review.")
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    if page.workflow_in_progress:
        messages.warning(request, _("This translation is already in review."))
        return redirect("wagtailadmin_explore", page.get_parent().pk)

    if request.method == "POST":
        save_draft_revision(translation, page, request.user)
        page.refresh_from_db()
        workflow.start(page, request.user)
        messages.success(
            request,
            _("“%(title)s” was sent for review.")
            % {"title": page.get_admin_display_title()},
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)

    return TemplateResponse(
        request,
        "stories/admin/submit_translation.html",
        {
            "page": page,
            "workflow": workflow,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
            "missing": missing_translations_message(translation),
        },
    )
