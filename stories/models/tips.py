"""Story tips from the public: the form page, its fields, and the stored tip."""

import datetime

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import (
    AbstractForm,
    AbstractFormField,
    AbstractFormSubmission,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from home.page_urls import PageUrlMixin
from stories.tips.forms import HONEYPOT, STARTED, SUBMISSION, TipFormBuilder
from stories.tips.senders import sender_hash, submission_digest

from .taxonomy import Programme

# The tip rate limit's window (settings.TIP_RATE_LIMIT accepted tips per address).
RATE_WINDOW_SECONDS = 60 * 60

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


class TipFormPage(PageUrlMixin, AbstractForm):
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

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            tip, form, status = self.receive(request, request.POST)
            if tip is not None:
                return self.render_landing_page(request, tip, *args, **kwargs)
            # The form comes back with its errors; only a rate limit changes the
            # status.
            status = 429 if status == 429 else 200
        else:
            form, status = self.get_form(page=self, user=request.user), 200
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(
            request, self.get_template(request), context, status=status
        )

    def receive(self, request, data, key=""):
        """(tip or None, form, HTTP status) for a submission of `data`.

        The same rules for the web form and the JSON API (stories/tips/api.py):
        a submission whose key (the API's Idempotency-Key, or the form's own
        one-time key) was seen before is the same tip again, and stores nothing
        (201); an address that has sent TIP_RATE_LIMIT accepted tips in the last
        hour is refused (429); an invalid form stores nothing (400); a valid one
        is stored (201). Corrected submissions never count against the sender.
        """
        form = self.get_form(data, page=self, user=request.user)
        digest = submission_digest(key or data.get(SUBMISSION, ""))
        earlier = Tip.objects.filter(submission_key=digest).first() if digest else None
        if earlier is not None:
            return earlier, form, 201
        sender = sender_hash(request)
        if Tip.objects.sent_recently(sender) >= settings.TIP_RATE_LIMIT:
            form.is_valid()
            form.add_error(
                None,
                _(
                    "You have sent several tips in a short time. Please try again "
                    "later."
                ),
            )
            return None, form, 429
        if not form.is_valid():
            return None, form, 400
        try:
            tip = self.process_form_submission(form, sender=sender, key=digest)
        except IntegrityError:
            # The same submission, sent twice at once, was stored by the other.
            return Tip.objects.get(submission_key=digest), form, 201
        return tip, form, 201

    def process_form_submission(self, form, sender="", key=None):
        """Store a valid tip, and its e-mails in the outbox, in one transaction
        (stories/tips/notifications.py listens for new tips)."""
        data = {
            name: value
            for name, value in form.cleaned_data.items()
            if name not in (HONEYPOT, STARTED, SUBMISSION)
        }
        with transaction.atomic():
            return Tip.objects.create(
                page=self,
                form_data=data,
                language=get_language() or settings.LANGUAGE_CODE,
                name=data.get("name", ""),
                email=data.get("email", ""),
                organisation=data.get("organisation", ""),
                project=data.get("project", ""),
                programme=Programme.objects.canonical_by_name(
                    data.get("programme", "")
                ),
                consent_version=self.consent_version,
                consent_text=self.consent_text,
                sender_hash=sender,
                submission_key=key,
            )


class TipQuerySet(models.QuerySet):
    def sent_recently(self, sender):
        """How many tips `sender` (a sender hash) has sent in the last hour."""
        if not sender:
            return 0
        since = timezone.now() - datetime.timedelta(seconds=RATE_WINDOW_SECONDS)
        return self.filter(sender_hash=sender, submit_time__gte=since).count()


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
    # A digest of the key the sender's client gave the submission (the API's
    # Idempotency-Key, the form's one-time key): a retry stores nothing new.
    submission_key = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    # A keyed hash of the sender's address, for the rate limit (never the address).
    sender_hash = models.CharField(max_length=32, blank=True, editable=False)

    objects = TipQuerySet.as_manager()

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
        indexes = [
            models.Index(fields=["status", "submit_time"]),
            models.Index(fields=["sender_hash", "submit_time"]),
        ]

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
