"""Filter forms for the story and project lists, in the reader's language."""

from functools import partial

from django import forms
from django.utils.translation import gettext_lazy as _

from stories.filtering import filter_projects, filter_stories
from stories.localization import localize_all
from stories.models import County, Programme, ProjectPage, Theme
from stories.models.taxonomy import PROGRAMME_PERIODS, in_default_locale


def _theme_choices(locale_id):
    themes = localize_all(Theme.objects.filter(in_default_locale()), locale_id)
    return [("", _("All themes"))] + [(t.code, f"{t.code} {t.name}") for t in themes]


def _programme_choices(locale_id):
    programmes = localize_all(Programme.objects.filter(in_default_locale()), locale_id)
    return [("", _("All programmes"))] + [(p.slug, p.name) for p in programmes]


def _year_choices(years):
    """`years` is a callable giving the years that have stories."""
    return [("", _("All years"))] + [(year, str(year)) for year in years()]


def _county_choices():
    return [("", _("All counties"))] + [
        (county.number, county.name) for county in County.objects.all()
    ]


class StoryFilterForm(forms.Form):
    tag = forms.SlugField(label=_("Tag"), required=False, allow_unicode=True)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    project = forms.IntegerField(
        label=_("Project"), required=False, min_value=1, widget=forms.HiddenInput
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int)

    def __init__(self, *args, locale_id, years, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices are callables, looked up only when the form is shown or a
        # submitted value is checked (a cached page needs neither).
        self.fields["theme"].choices = partial(_theme_choices, locale_id)
        self.fields["programme"].choices = partial(_programme_choices, locale_id)
        self.fields["year"].choices = partial(_year_choices, years)

    def clean_project(self):
        project_id = self.cleaned_data.get("project")
        if project_id is None:
            return None
        project = ProjectPage.objects.live().filter(pk=project_id).first()
        if project is None:
            raise forms.ValidationError(_("There is no such project."))
        return project

    def filter(self, stories):
        """`stories` narrowed by every valid filter."""
        data = self.cleaned_data
        project = data.get("project")
        return filter_stories(
            stories,
            tag=data.get("tag"),
            theme=data.get("theme"),
            programme=data.get("programme"),
            project_key=project.translation_key if project else None,
            year=data.get("year"),
        )


class ProjectFilterForm(forms.Form):
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    period = forms.ChoiceField(
        label=_("Period"),
        required=False,
        choices=[("", _("All periods")), *PROGRAMME_PERIODS],
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    county = forms.ChoiceField(label=_("County"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *ProjectPage.Status.choices],
    )

    def __init__(self, *args, locale_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = partial(_programme_choices, locale_id)
        self.fields["theme"].choices = partial(_theme_choices, locale_id)
        self.fields["county"].choices = _county_choices

    def filter(self, projects):
        data = self.cleaned_data
        return filter_projects(
            projects,
            programme=data.get("programme"),
            period=data.get("period"),
            theme=data.get("theme"),
            county=data.get("county"),
            status=data.get("status"),
        )
