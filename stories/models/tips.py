"""Story tips from the public: the form page, its fields, and the stored tip."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import (
    AbstractForm,
    AbstractFormField,
    AbstractFormSubmission,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from stories.tips.forms import TipFormBuilder

from .taxonomy import Programme

# The clean names of the form fields tips are filed by. Editors may relabel these
# fields or add others; these names stay (Wagtail never renames a field's key).
PERSONAL_FIELDS = ("name", "email", "organisation")


class TipFormField(TranslatableMixin, AbstractFormField):
    """A field of the tip form; labels and help texts are translated with the page."""

    page = ParentalKey(
        "stories.TipFormPage", related_name="form_fields", on_delete=models.CASCADE
    )

    override_translatable_fields = [
        SynchronizedField("clean_name"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")


class TipFormPage(AbstractForm):
    """The public tip form ("Har du et tips?"), built with Wagtail's form builder."""

    intro = models.TextField(_("intro"), blank=True, max_length=1000)
    consent_text = models.TextField(
        _("consent text"),
        help_text=_(
            "What senders agree to when they tick the consent box. Changing it "
            "starts a new version; every tip remembers the version it was sent under."
        ),
    )
    consent_version = models.PositiveIntegerField(
        _("consent version"), default=1, editable=False
    )
    thank_you_text = models.TextField(
        _("thank-you text"),
        help_text=_("Shown after a tip is sent."),
    )

    form_builder = TipFormBuilder

    content_panels = [
        *AbstractForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        MultiFieldPanel(
            [FieldPanel("consent_text"), FieldPanel("thank_you_text")],
            heading=_("Consent and thanks"),
        ),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("tip form")
        verbose_name_plural = _("tip forms")

    def save(self, *args, **kwargs):
        if self.pk:
            previous = (
                TipFormPage.objects.filter(pk=self.pk)
                .values_list("consent_text", flat=True)
                .first()
            )
            if previous is not None and previous != self.consent_text:
                self.consent_version += 1
        super().save(*args, **kwargs)

    def get_submission_class(self):
        return Tip

    def process_form_submission(self, form):
        from stories.tips.intake import store_tip

        return store_tip(self, form)

    def serve(self, request, *args, **kwargs):
        from stories.tips.intake import serve_tip_form

        return serve_tip_form(self, request, *args, **kwargs)


class Tip(AbstractFormSubmission):
    """A tip sent through the form, tracked until it becomes a story or is closed."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_REVIEW = "in_review", _("In review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        PUBLISHED = "published", _("Published")

    CLOSED = (Status.ACCEPTED, Status.REJECTED, Status.PUBLISHED)

    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.NEW,
        db_index=True,
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_tips",
    )
    notes = models.TextField(_("internal notes"), blank=True)
    story = models.ForeignKey(
        "stories.StoryPage",
        verbose_name=_("story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tips",
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    name = models.CharField(_("name"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    project = models.CharField(_("project"), max_length=255, blank=True)
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tips",
    )
    consent_version = models.PositiveIntegerField(_("consent version"))
    consent_text = models.TextField(_("consent text"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    notified_at = models.DateTimeField(_("editors notified"), null=True, blank=True)
    notification_attempts = models.PositiveSmallIntegerField(default=0)
    notification_error = models.TextField(_("notification error"), blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    panels = [
        FieldPanel("status"),
        FieldPanel("assignee"),
        FieldPanel("notes"),
        FieldPanel("story", read_only=True),
    ]

    class Meta:
        verbose_name = _("tip")
        verbose_name_plural = _("tips")
        ordering = ["-submit_time"]
        indexes = [models.Index(fields=["status", "submit_time"])]

    def __str__(self):
        summary = self.project or self.form_data.get("story", "")[:60]
        return f"{self.submit_time:%Y-%m-%d} {summary}".strip()

    def labelled_data(self):
        """(label, value) for each field of the form, in the form's order."""
        fields = self.page.specific.get_form_fields()
        return [
            (field.label, self.form_data.get(field.clean_name, "")) for field in fields
        ]

    @property
    def summary(self):
        return self.form_data.get("story", "")

    @property
    def link(self):
        return self.form_data.get("link", "")

    @property
    def consent(self):
        """Whether the tipster ticked the consent box."""
        return bool(self.form_data.get("consent"))

    @property
    def is_closed(self):
        return self.status in self.CLOSED


@register_setting(icon="mail")
class EditorialSettings(BaseSiteSetting):
    """Where tips go, and whether senders get a confirmation."""

    editorial_email = models.EmailField(
        _("editorial e-mail address"),
        default="interreg@pkom.no",
        help_text=_("Gets an e-mail for every new tip."),
    )
    contact_name = models.CharField(
        _("editorial contact"),
        max_length=120,
        blank=True,
        default="Eystein Fiskum Hansvik",
        help_text=_("The person readers can contact about stories."),
    )
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    send_confirmation = models.BooleanField(
        _("confirm to the sender"),
        default=True,
        help_text=_("Send the tipster a short confirmation in their language."),
    )

    class Meta:
        verbose_name = _("editorial settings")
