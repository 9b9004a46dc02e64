"""The upload forms of the admin's Import area."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from stories.models import ImportRun, Programme

MEGABYTE = 1024 * 1024


def checked_upload(upload, extensions, megabytes):
    """`upload` if its name ends in one of `extensions` and it is small enough."""
    if upload is None:
        return None
    if not upload.name.lower().endswith(extensions):
        raise ValidationError(
            _("Choose a %(types)s file.") % {"types": " or ".join(extensions)}
        )
    if upload.size > megabytes * MEGABYTE:
        raise ValidationError(
            _("The file is larger than %(megabytes)s MB.") % {"megabytes": megabytes}
        )
    return upload


class WordPressImportForm(forms.Form):
    export = forms.FileField(
        label=_("WordPress export (.xml)"),
        help_text=_("In WordPress: Tools → Export → Posts → Download Export File."),
    )
    media = forms.FileField(
        label=_("Images (.zip, optional)"),
        required=False,
        help_text=_(
            "The folder wp-content/uploads/ as a ZIP file. Without it, stories are "
            "imported without images and the report lists them."
        ),
    )
    category_map = forms.FileField(
        label=_("Category map (.csv, optional)"),
        required=False,
        help_text=_(
            "Lines of wordpress_category,programme_or_theme: categories listed "
            "become programmes or themes, others become tags."
        ),
    )
    locale = forms.ChoiceField(
        label=_("Language of the stories"), choices=lambda: settings.LANGUAGES
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: show the report, import nothing"), required=False
    )

    def clean_export(self):
        return checked_upload(self.cleaned_data["export"], (".xml",), 200)

    def clean_media(self):
        return checked_upload(self.cleaned_data["media"], (".zip",), 2048)

    def clean_category_map(self):
        return checked_upload(self.cleaned_data["category_map"], (".csv",), 1)

    def create_run(self, user, language):
        data = self.cleaned_data
        return ImportRun.objects.create(
            kind=ImportRun.Kind.WORDPRESS,
            user=user,
            file_name=data["export"].name,
            source_file=data["export"],
            media_file=data["media"],
            map_file=data["category_map"],
            options={
                "locale": data["locale"],
                "dry_run": data["dry_run"],
                "language": language,
            },
        )


class ProjectImportForm(forms.Form):
    operations = forms.FileField(
        label=_("List of operations (.xlsx or .csv)"),
        help_text=_(
            "An Excel workbook with the sheets Operations and Partners (or "
            "Prosjekter and Partnere), or the operations as CSV."
        ),
    )
    partners = forms.FileField(
        label=_("Partners (.csv, optional)"),
        required=False,
        help_text=_("The partners as CSV, when the list of operations is CSV."),
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.none(),
        required=False,
        to_field_name="slug",
        help_text=_("For rows that name no programme."),
    )
    publish = forms.BooleanField(
        label=_("Publish new and changed projects"),
        required=False,
        help_text=_("Otherwise they are drafts for an editor to check and publish."),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: show the report, import nothing"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        )

    def clean_operations(self):
        return checked_upload(self.cleaned_data["operations"], (".xlsx", ".csv"), 20)

    def clean_partners(self):
        return checked_upload(self.cleaned_data["partners"], (".csv",), 20)

    def create_run(self, user, language):
        data = self.cleaned_data
        return ImportRun.objects.create(
            kind=ImportRun.Kind.PROJECTS,
            user=user,
            file_name=data["operations"].name,
            source_file=data["operations"],
            partners_file=data["partners"],
            options={
                "programme": data["programme"].slug if data["programme"] else "",
                "partners_name": data["partners"].name if data["partners"] else "",
                "publish": data["publish"],
                "dry_run": data["dry_run"],
                "language": language,
            },
        )
