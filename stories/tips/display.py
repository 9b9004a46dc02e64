"""How tips read in the admin's listing, detail view and CSV/Excel export: labels
instead of stored codes, Yes/No instead of True/False, a dash for nothing, in the
user's language."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.snippets.views.snippets import IndexView, InspectView

CSV_DATETIME = "%Y-%m-%d %H:%M"
NOTHING = "–"


def display_value(value):
    """A value a tipster sent, as editors read it."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list | tuple):
        return ", ".join(str(display_value(item)) for item in value)
    if value is None:
        return ""
    return value


class TipIndexView(IndexView):
    """The tips listing, whose export speaks the exporting user's language."""

    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        datetime.datetime: {
            IndexView.FORMAT_CSV: lambda value: value.strftime(CSV_DATETIME),
            IndexView.FORMAT_XLSX: None,
        },
    }

    def to_row_dict(self, tip):
        row = super().to_row_dict(tip)
        fields = {field.name: field for field in tip._meta.get_fields()}
        for name, value in row.items():
            field = fields.get(name)
            if getattr(field, "choices", None):
                row[name] = str(dict(field.flatchoices).get(value, value))
            elif isinstance(value, datetime.datetime):
                # Local time, without a zone a spreadsheet would not understand.
                row[name] = timezone.localtime(value).replace(tzinfo=None)
            elif isinstance(value, models.Model):
                row[name] = _object_name(value)
            else:
                row[name] = display_value(value)
        return row

    def write_csv_response(self, queryset):
        # Wagtail streams the CSV after the view has returned, when the admin
        # user's language is no longer active: write it while it is.
        response = super().write_csv_response(queryset)
        response.streaming_content = list(response.streaming_content)
        return response


def _object_name(instance):
    if hasattr(instance, "get_full_name"):
        return instance.get_full_name() or instance.get_username()
    return str(instance)


class TipInspectView(InspectView):
    """A tip's details, with a dash where nothing was given (not "None")."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return NOTHING
        return display_value(value)
