from django.contrib import messages
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html, json_script
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from stories.importers.views import import_index, import_run, start_import
from stories.models import Contact, Programme, Theme
from stories.tips.admin import (
    EMAIL_RESENT,
    STATUS_CHANGED,
    SetTipStatusBulkAction,
    TipViewSet,
    create_draft_from_tip,
    resend_email,
)
from stories.tips.drafts import DRAFT_CREATED
from stories.views.translation_editor import missing_translations_message
from stories.views.translation_review import (
    can_submit,
    submit_translation_for_review,
    translation_for,
)
from stories.views.translation_status import translation_status


class ProgrammeViewSet(SnippetViewSet):
    model = Programme
    icon = "globe"
    list_display = ["name", "short_name", "strand", "period"]
    list_filter = ["strand", "period"]
    search_fields = ["name", "short_name"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


class ContactViewSet(SnippetViewSet):
    model = Contact
    icon = "user"
    list_display = ["name", "role", "email"]
    search_fields = ["name", "role"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = [ProgrammeViewSet, ThemeViewSet, ContactViewSet]
    menu_icon = "folder-open-inverse"
    menu_label = _("Taxonomy")
    menu_name = "taxonomy"


register_snippet(TaxonomyViewSetGroup)


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtail_localize.submit_translation")


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("stories_translation_status"),
        icon_name="site",
        order=50,
    )


class SubmitTranslationButton(PageMenuItem):
    label = _("Send translation for review")
    icon_name = "resubmit"
    url_name = "stories_submit_translation"
    priority = 45

    def is_shown(self, user):
        return can_submit(self.page, user)


@hooks.register("register_page_listing_more_buttons")
def submit_translation_button(page, user, next_url=None):
    yield SubmitTranslationButton(page=page, next_url=next_url)


@hooks.register("before_edit_page", order=-10)
def point_to_missing_translations(request, page):
    """Before wagtail-localize's editor shows a translation: where its
    untranslated strings are (see stories.views.translation_editor)."""
    if request.method != "GET":
        return None
    translation = translation_for(page)
    message = missing_translations_message(translation) if translation else None
    if message:
        messages.warning(request, message)
    return None


@hooks.register("insert_global_admin_js")
def translate_hard_coded_admin_strings():
    """Texts Wagtail and wagtail-localize write in English without gettext
    (see stories/static/stories/admin/hard_coded_strings.js)."""
    strings = {
        "search": gettext("Search"),
        "actions": gettext("Actions"),
        "locale": gettext("Language"),
        "translation_heading": gettext("%(source)s to %(target)s translation"),
        "more_actions": gettext("More actions"),
    }
    return format_html(
        '{}<script src="{}"></script>',
        json_script(strings, "hard-coded-admin-strings"),
        static("stories/admin/hard_coded_strings.js"),
    )


@hooks.register("register_admin_urls")
def register_translation_urls():
    return [
        path(
            "translation-status/",
            translation_status,
            name="stories_translation_status",
        ),
        path(
            "pages/<int:page_id>/submit-translation/",
            submit_translation_for_review,
            name="stories_submit_translation",
        ),
    ]


register_snippet(TipViewSet)


hooks.register("register_bulk_action", SetTipStatusBulkAction)


@hooks.register("register_admin_urls")
def register_tip_urls():
    return [
        path(
            "tips/<int:pk>/create-draft/",
            create_draft_from_tip,
            name="stories_tip_create_draft",
        ),
        path(
            "tips/<int:pk>/emails/<int:email_pk>/resend/",
            resend_email,
            name="stories_tip_resend_email",
        ),
    ]


@hooks.register("register_log_actions")
def register_tip_log_actions(actions):
    actions.register_action(
        DRAFT_CREATED, _("Create draft story from tip"), _("Draft story created")
    )
    actions.register_action(STATUS_CHANGED, _("Change tip status"), _("Status changed"))
    actions.register_action(
        EMAIL_RESENT, _("Send an e-mail again"), _("E-mail sent again")
    )


@hooks.register("filter_form_submissions_for_user")
def only_tip_readers_see_tip_submissions(user, editable_forms):
    """Wagtail's "Forms" area would show tips to anyone who may edit the form page
    (translators too); only people who may see tips see their submissions."""
    if user.has_perm("stories.view_tip"):
        return editable_forms
    return editable_forms.none()


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("stories.add_importrun")


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import"), reverse("stories_import"), icon_name="upload", order=900
    )


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("import/", import_index, name="stories_import"),
        path("import/<slug:kind>/", start_import, name="stories_import_start"),
        path("import/runs/<int:pk>/", import_run, name="stories_import_run"),
    ]
