from django import forms
from django.utils.translation import gettext_lazy as _

from stories.forms import Select, taxonomy_choices

MAX_QUERY_LENGTH = 200
TYPES = [
    ("", _("Stories and projects")),
    ("stories", _("Stories")),
    ("projects", _("Projects")),
]


class SearchForm(forms.Form):
    query = forms.CharField(
        label=_("Search for"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _(
                "That is a long search. Please use at most %(limit_value)d characters."
            )
        },
    )
    type = forms.ChoiceField(
        label=_("Show"), required=False, choices=TYPES, widget=Select
    )
    programme = forms.ChoiceField(label=_("Programme"), required=False, widget=Select)
    theme = forms.ChoiceField(label=_("Theme"), required=False, widget=Select)

    def __init__(self, *args, locale_id, **kwargs):
        super().__init__(*args, **kwargs)
        themes, programmes = taxonomy_choices(locale_id)
        self.fields["programme"].choices = programmes
        self.fields["theme"].choices = themes
