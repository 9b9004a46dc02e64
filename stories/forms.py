"""Filter forms for the story and project lists, in the reader's language."""

import functools

from django import forms
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from home.compiled import compiled
from home.frame import compiled_union_all
from stories.filtering import filter_projects, filter_stories, year_span
from stories.models import County, Programme, ProjectPage, Theme
from stories.models.taxonomy import PROGRAMME_PERIODS, in_default_locale


class Select(forms.Select):
    """Django's select, written out in Python: the same HTML as its templates
    give, without rendering a template for every option (a filter form's sixty
    options took a quarter of a story index's rendering), nor building a
    dictionary of attributes for each (Django's `optgroups`, 1 ms of a search
    page's three selects)."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = self.format_value(value)
        options, selected = [], False
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                return self._render_groups(name, value, attrs)
            option = "" if option_value is None else str(option_value)
            # Only the first option with the value is selected, as in Django.
            here = not selected and option in chosen
            selected |= here
            options.append(
                f'\n  <option value="{conditional_escape(option)}"'
                f"{' selected' if here else ''}>{conditional_escape(label)}</option>"
            )
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe("".join(options)),  # noqa: S308 - escaped above
        )

    def _render_groups(self, name, value, attrs):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '\n  <option value="{}"{}>{}</option>',
            (
                (str(option["value"]), flatatt(option["attrs"]), option["label"])
                for _group, options, _index in widget["optgroups"]
                for option in options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            options,
        )


def taxonomy_choices(locale_id):
    """The theme and programme choices in `locale_id`'s words: two callables
    that give each list when first needed, both read with one query."""
    names = once(_names, locale_id)
    return once(_theme_choices, names), once(_programme_choices, names)


def _theme_choices(names):
    themes = names()["theme"]
    return [("", _("All themes"))] + [(code, f"{code} {name}") for code, name in themes]


def _programme_choices(names):
    programmes = sorted(names()["programme"], key=lambda programme: programme[1])
    return [("", _("All programmes"))] + programmes


def _names(locale_id):
    """{"theme": [(code, name)] by code, "programme": [(slug, name)]}: the
    canonical rows' keys with their names in `locale_id` (the canonical name
    where a row has no translation)."""
    names = {"theme": [], "programme": []}
    for kind, key, name in _name_rows(locale_id):
        names[kind].append((key, name))
    names["theme"].sort()
    return names


def _names_in(model, key, locale_id):
    translated = model.objects.filter(
        translation_key=OuterRef("translation_key"), locale_id=locale_id
    ).values("name")[:1]
    return (
        model.objects.filter(in_default_locale())
        .order_by()
        .values_list(
            Value(model._meta.model_name, output_field=CharField()),
            key,
            Coalesce(Subquery(translated), "name"),
        )
    )


# Only the keys and names the filter forms show: building the taxonomies'
# objects (two queries) took a story index 1.7 ms.
_name_rows = compiled_union_all(
    lambda locale_id: [
        _names_in(Theme, "code", locale_id),
        _names_in(Programme, "slug", locale_id),
    ]
)


def _year_choices(years):
    """`years` is a callable giving the years that have stories."""
    return [("", _("All years"))] + [(year, str(year)) for year in years()]


def _county_choices():
    return [("", _("All counties"))] + [
        (county.number, county.name) for county in _counties()
    ]


@compiled
def _counties():
    return County.objects.all()


def once(function, *args):
    """Choices computed when first needed (a cached page needs none), then kept:
    validating a value and showing the list cost one query, not two."""
    return functools.cache(functools.partial(function, *args))


class StoryFilterForm(forms.Form):
    tag = forms.SlugField(label=_("Tag"), required=False, allow_unicode=True)
    theme = forms.ChoiceField(label=_("Theme"), required=False, widget=Select)
    programme = forms.ChoiceField(label=_("Programme"), required=False, widget=Select)
    project = forms.IntegerField(
        label=_("Project"), required=False, min_value=1, widget=forms.HiddenInput
    )
    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, widget=Select
    )

    def __init__(self, *args, locale_id, years, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices are callables, looked up only when the form is shown or a
        # submitted value is checked (a cached page needs neither).
        themes, programmes = taxonomy_choices(locale_id)
        self.fields["theme"].choices = themes
        self.fields["programme"].choices = programmes
        self.fields["year"].choices = once(_year_choices, years)

    def clean_project(self):
        project_id = self.cleaned_data.get("project")
        if project_id is None:
            return None
        project = ProjectPage.objects.live().filter(pk=project_id).first()
        if project is None:
            raise forms.ValidationError(_("There is no such project."))
        return project

    def filters(self):
        """The valid filters, as `filter_stories` takes them in order (each
        None when not chosen)."""
        data = self.cleaned_data
        project = data.get("project")
        year = data.get("year")
        return (
            data.get("tag") or None,
            data.get("theme") or None,
            data.get("programme") or None,
            project.translation_key if project else None,
            year_span(year) if year else None,
        )

    def filter(self, stories):
        """`stories` narrowed by every valid filter."""
        return filter_stories(stories, *self.filters())


class ProjectFilterForm(forms.Form):
    programme = forms.ChoiceField(label=_("Programme"), required=False, widget=Select)
    period = forms.ChoiceField(
        label=_("Period"),
        required=False,
        choices=[("", _("All periods")), *PROGRAMME_PERIODS],
        widget=Select,
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False, widget=Select)
    county = forms.ChoiceField(label=_("County"), required=False, widget=Select)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *ProjectPage.Status.choices],
        widget=Select,
    )

    def __init__(self, *args, locale_id, **kwargs):
        super().__init__(*args, **kwargs)
        themes, programmes = taxonomy_choices(locale_id)
        self.fields["programme"].choices = programmes
        self.fields["theme"].choices = themes
        self.fields["county"].choices = once(_county_choices)

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
