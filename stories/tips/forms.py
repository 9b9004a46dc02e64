"""The tip form: the form builder's fields plus quiet protection against spam.

Two hidden fields travel with every form: a honeypot that people never see (and
bots fill in), and a signed timestamp of when the form was shown, so a form sent
faster than a person can type is refused. Text fields get length limits.
"""

import time
import uuid

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

HONEYPOT = "website"
STARTED = "started"
# A one-time key of the form as shown: sent twice (a double click, a retry after
# a lost connection), the tip is stored once.
SUBMISSION = "submission"
SIGNING_SALT = "stories.tips.started"
MULTILINE_MAX_LENGTH = 5000
URL_MAX_LENGTH = 500
FORM_MAX_AGE = 60 * 60 * 24


def started_token():
    """A signed token of when the form was shown."""
    return signing.dumps(time.time(), salt=SIGNING_SALT)


class TipForm(BaseForm):
    """Refuses spam-like submissions with errors a person understands."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial[STARTED] = started_token()
            self.initial[SUBMISSION] = uuid.uuid4().hex

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT):
            raise forms.ValidationError(
                _("Your tip looks like automated spam and was not sent."), code="spam"
            )
        try:
            shown_at = signing.loads(
                self.data.get(STARTED, ""), salt=SIGNING_SALT, max_age=FORM_MAX_AGE
            )
        except signing.BadSignature:
            raise forms.ValidationError(
                _("The form had expired. Please check your tip and send it again."),
                code="expired",
            ) from None
        if time.time() - float(shown_at) < settings.TIP_MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _("That was very quick. Please check your tip and send it again."),
                code="too_fast",
            )
        return cleaned


class TipFormBuilder(FormBuilder):
    def create_singleline_field(self, field, options):
        options["max_length"] = 255
        return forms.CharField(**options)

    def create_multiline_field(self, field, options):
        options["max_length"] = MULTILINE_MAX_LENGTH
        options.setdefault("widget", forms.Textarea(attrs={"rows": 8}))
        return forms.CharField(**options)

    def create_email_field(self, field, options):
        options["max_length"] = 254
        return forms.EmailField(**options)

    def create_url_field(self, field, options):
        options["max_length"] = URL_MAX_LENGTH
        options["assume_scheme"] = "https"
        return forms.URLField(**options)

    @property
    def formfields(self):
        fields = super().formfields
        fields[HONEYPOT] = forms.CharField(
            required=False,
            label=_("Leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        fields[STARTED] = forms.CharField(required=False, widget=forms.HiddenInput)
        fields[SUBMISSION] = forms.CharField(
            required=False, max_length=64, widget=forms.HiddenInput
        )
        return fields

    def get_form_class(self):
        return type("TipForm", (TipForm,), self.formfields)
