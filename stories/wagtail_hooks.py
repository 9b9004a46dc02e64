from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from stories.models import Contact, Programme, Theme


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
