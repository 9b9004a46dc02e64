"""The Tips area of the admin: a snippet viewset with filters, export and history,
a bulk status change, and the "create draft story" action."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, Panel
from wagtail.log_actions import log
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import SnippetViewSet

from stories.models import Tip

from . import outbox
from .display import TipIndexView, TipInspectView, display_value
from .drafts import NoStoryIndex, create_draft_story

STATUS_CHANGED = "stories.tip.status_changed"
EMAIL_RESENT = "stories.tip.email_resent"


class TipStoryPanel(Panel):
    """The story made from the tip, or the button that makes one."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "stories/tips/admin/story_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            tip = self.instance
            context["tip"] = tip
            if tip.pk:
                context["create_url"] = reverse(
                    "stories_tip_create_draft", args=[tip.pk]
                )
            if tip.story_id:
                context["story_url"] = reverse(
                    "wagtailadmin_pages:edit", args=[tip.story_id]
                )
            return context


class TipContentPanel(Panel):
    """What the tipster sent, escaped, with the consent they gave."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "stories/tips/admin/content_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["tip"] = self.instance
            context["fields"] = [
                (label, display_value(value))
                for label, value in (
                    self.instance.labelled_data() if self.instance.pk else []
                )
            ]
            return context


class TipEmailsPanel(Panel):
    """The e-mails about the tip and how their delivery went, with "Send again"
    for those the outbox gave up on."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "stories/tips/admin/emails_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["emails"] = (
                list(self.instance.emails.all()) if self.instance.pk else []
            )
            return context


class TipViewSet(SnippetViewSet):
    model = Tip
    index_view_class = TipIndexView
    inspect_view_class = TipInspectView
    icon = "mail"
    menu_label = _("Tips")
    menu_name = "tips"
    menu_order = 150
    add_to_admin_menu = True
    list_display = [
        "__str__",
        "status",
        "assignee",
        "programme",
        "language",
        "submit_time",
    ]
    list_filter = ["status", "assignee", "programme", "language", "submit_time"]
    search_fields = ["name", "email", "organisation", "project", "notes"]
    list_export = [
        "submit_time",
        "status",
        "language",
        "name",
        "email",
        "organisation",
        "project",
        "programme",
        "summary",
        "link",
        "assignee",
        "notes",
        "story",
        "consent",
        "consent_version",
    ]
    export_headings = {
        "summary": _("Summary"),
        "link": _("Link"),
        "consent": _("Consent"),
    }
    export_filename = "tips"
    inspect_view_enabled = True
    # What editors need; the tip's text is in its edit view, the stored form
    # data (a machine's view of the same) is left out.
    inspect_view_fields = [
        "submit_time",
        "status",
        "language",
        "assignee",
        "programme",
        "project",
        "name",
        "email",
        "organisation",
        "story",
        "consent_version",
        "consent_text",
        "notes",
        "updated_at",
        "anonymised_at",
    ]
    ordering = ["-submit_time"]

    edit_handler = MultiFieldPanel(
        [
            TipContentPanel(heading=_("The tip")),
            TipEmailsPanel(heading=_("E-mails")),
            TipStoryPanel(heading=_("Story")),
            FieldPanel("status"),
            FieldPanel("assignee"),
            FieldPanel("notes"),
        ]
    )


class TipStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Tip.Status.choices)


class SetTipStatusBulkAction(SnippetBulkAction):
    display_name = _("Set status")
    action_type = "set_status"
    aria_label = _("Set the status of the selected tips")
    template_name = "stories/tips/admin/confirm_bulk_status.html"
    action_priority = 20
    form_class = TipStatusForm
    models = [Tip]

    def check_perm(self, tip):
        return self.request.user.has_perm("stories.change_tip")

    def get_execution_context(self):
        return {
            "status": self.cleaned_form.cleaned_data["status"],
            "user": self.request.user,
        }

    @classmethod
    def execute_action(cls, objects, status=None, user=None, **kwargs):
        changed = 0
        for tip in objects:
            if tip.status != status:
                previous = tip.status
                tip.status = status
                tip.save(update_fields=["status", "updated_at"])
                log(
                    instance=tip,
                    action=STATUS_CHANGED,
                    user=user,
                    data={"from": previous, "to": status},
                )
                changed += 1
        return changed, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "Changed the status of %(count)d tip.",
            "Changed the status of %(count)d tips.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


def create_draft_from_tip(request, pk):
    tip = get_object_or_404(Tip, pk=pk)
    if not request.user.has_perm("stories.change_tip"):
        raise PermissionDenied
    edit_url = reverse(Tip.snippet_viewset.get_url_name("edit"), args=[tip.pk])
    if tip.story_id:
        messages.info(request, _("A story has already been made from this tip."))
        return redirect(edit_url)
    if request.method == "POST":
        try:
            story = create_draft_story(tip, request.user)
        except NoStoryIndex:
            messages.error(
                request, _("There is no story section in the tip's language.")
            )
            return redirect(edit_url)
        messages.success(request, _("Draft story created. It is linked to the tip."))
        return redirect("wagtailadmin_pages:edit", story.pk)
    return TemplateResponse(
        request,
        "stories/tips/admin/create_draft.html",
        {"tip": tip, "edit_url": edit_url},
    )


def resend_email(request, pk, email_pk):
    """Send an e-mail about a tip again, after the outbox gave up on it."""
    tip = get_object_or_404(Tip, pk=pk)
    if not request.user.has_perm("stories.change_tip"):
        raise PermissionDenied
    email = get_object_or_404(tip.emails, pk=email_pk)
    edit_url = reverse(Tip.snippet_viewset.get_url_name("edit"), args=[tip.pk])
    if request.method == "POST":
        outbox.resend(email)
        log(
            instance=tip,
            action=EMAIL_RESENT,
            user=request.user,
            data={"kind": email.kind},
        )
        messages.success(request, _("The e-mail is on its way again."))
    return redirect(edit_url)
