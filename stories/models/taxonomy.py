"""Taxonomy shared by projects and stories: programmes, themes, contacts, counties.

Programmes, themes and contacts are translatable snippets. Pages always refer to
the default-language (Norwegian) row, and templates and the API show that row's
translation in the reader's language (see ``stories.localization``): one rule for
every reference, and filters that work the same in both languages.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

PROGRAMME_PERIODS = [
    ("2021-2027", "2021–2027"),
    ("2014-2020", "2014–2020"),
    ("2007-2013", "2007–2013"),
    ("2000-2006", "2000–2006"),
    ("1996-1999", "1996–1999"),
]


def in_default_locale():
    """`limit_choices_to` for references to taxonomy: the canonical rows only."""
    return Q(locale__language_code=settings.LANGUAGE_CODE)


class ProgrammeQuerySet(models.QuerySet):
    def canonical_by_name(self, value):
        """The canonical (default-language) programme whose name or short name, in
        any language, is `value`; None when there is none."""
        if not value:
            return None
        named = self.filter(Q(name__iexact=value) | Q(short_name__iexact=value))
        return (
            self.filter(
                in_default_locale(), translation_key__in=named.values("translation_key")
            )
            .order_by("pk")
            .first()
        )


class Programme(TranslatableMixin, index.Indexed, models.Model):
    """An Interreg programme, such as Interreg Sverige-Norge or the North Sea."""

    class Strand(models.TextChoices):
        CROSS_BORDER = "A", _("A – cross-border")
        TRANSNATIONAL = "B", _("B – transnational")
        INTERREGIONAL = "C", _("C – interregional")

    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(
        _("short name"),
        max_length=40,
        help_text=_("The name people use, such as “Sverige-Norge” or “North Sea”."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=60,
        allow_unicode=False,
        help_text=_("Used in filter addresses; the same in every language."),
    )
    strand = models.CharField(_("strand"), max_length=1, choices=Strand.choices)
    period = models.CharField(
        _("programme period"), max_length=9, choices=PROGRAMME_PERIODS
    )
    website = models.URLField(_("website"), blank=True)

    objects = ProgrammeQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("slug"),
        FieldPanel("strand"),
        FieldPanel("period"),
        FieldPanel("website"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.FilterField("locale_id"),
    ]

    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_programme_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name


class Theme(TranslatableMixin, index.Indexed, models.Model):
    """A policy objective (PO2), Interreg-specific objective (ISO1) or theme (TO1)."""

    code = models.CharField(
        _("code"),
        max_length=10,
        validators=[
            RegexValidator(
                r"^[A-Z]{2,4}[0-9]{1,2}$",
                _("Use a code such as PO2, ISO1 or TO7."),
            )
        ],
        help_text=_("Such as PO2 (policy objective), ISO1 or TO7."),
    )
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("description")]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("code"),
        index.FilterField("locale_id"),
    ]

    override_translatable_fields = [SynchronizedField("code")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "locale"], name="unique_theme_code_per_locale"
            )
        ]

    def __str__(self):
        return f"{self.code} {self.name}"


class Contact(TranslatableMixin, models.Model):
    """A person readers can contact about a story, shown in a box under it."""

    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("photo"),
    ]

    override_translatable_fields = [
        SynchronizedField("name"),
        SynchronizedField("phone"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")
        ordering = ["name"]

    def __str__(self):
        return self.name


class County(models.Model):
    """A Norwegian county (fylke), in the division in force from 1 January 2024.

    Proper names, the same in both languages, so not translatable. The rows come
    from ``stories.reference_data`` after every migrate.
    """

    number = models.CharField(_("county number"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        verbose_name = _("county")
        verbose_name_plural = _("counties")
        ordering = ["name"]

    def __str__(self):
        return self.name
