"""Where the strings still to translate are, told in the translation editor.

wagtail-localize's editor spreads a page's strings over tabs like the page
editor's (Content, Promote) and shows one tab at a time; after publishing with
strings untranslated it says "see below", although they may be on another tab.
Every time the editor opens a translation, a message here names the tabs that
still hold untranslated strings, and how many each holds. The screen that sends
a translation for review says the same.
"""

from collections import Counter

from django.db.models import Exists, OuterRef
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail_localize.models import StringSegment, StringTranslation
from wagtail_localize.views.edit_translation import TabHelper


def missing_by_tab(translation):
    """[(tab label, strings not yet translated there)] in the editor's tab order."""
    translated = StringTranslation.objects.filter(
        translation_of=OuterRef("string_id"),
        context=OuterRef("context_id"),
        locale=translation.target_locale_id,
        has_error=False,
    )
    paths = (
        StringSegment.objects.filter(source=translation.source)
        .exclude(Exists(translated))
        .values_list("context__path", flat=True)
    )
    if not paths:
        return []
    tabs = TabHelper(translation.source.get_source_instance())
    # An object without tabs has its strings on the one default tab.
    default = None if tabs.field_tab_mapping else tabs.tabs[0]
    counts = Counter(
        tabs.field_tab_mapping.get(path.split(".")[0], default) for path in paths
    )
    return [(str(tab), counts[tab]) for tab in tabs.tabs if counts[tab]]


def missing_translations_message(translation):
    """ "Not translated yet: 2 strings on the Promote tab", or None."""
    places = [
        ngettext(
            "%(count)d string on the “%(tab)s” tab",
            "%(count)d strings on the “%(tab)s” tab",
            count,
        )
        % {"count": count, "tab": tab}
        for tab, count in missing_by_tab(translation)
    ]
    if not places:
        return None
    return _("Not translated yet: %(places)s.") % {
        "places": get_text_list(places, _("and"))
    }
