"""Interreg projects with Norwegian participation, and the page that lists them."""

from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home import seo
from home.compiled import compiled
from home.page_urls import PageUrlMixin
from stories.api.fields import (
    BodyField,
    ChoiceValueField,
    CountiesField,
    ImageField,
    PartnersField,
    ProgrammeField,
    TagNamesField,
    ThemesField,
    TranslationsField,
)
from stories.api.preview import FrontEndPreviewMixin
from stories.blocks import StoryBodyBlock
from stories.images import PAGE_TOP, attach_images
from stories.localization import (
    from_translation,
    localize,
    localize_all,
    localized_relation,
    translation_of,
)
from stories.tags import TranslatableTagsField

from .taxonomy import PROGRAMME_PERIODS, County, Programme, Theme, in_default_locale

AMOUNT = {"max_digits": 14, "decimal_places": 2, "null": True, "blank": True}


class ProjectTag(TaggedItemBase):
    content_object = ParentalKey(
        "stories.ProjectPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ProjectPartner(Orderable):
    """A partner organisation in a project, in the order editors give."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead partner")
        PARTNER = "partner", _("Partner")
        ASSOCIATED = "associated", _("Associated partner")

    page = ParentalKey(
        "stories.ProjectPage", related_name="partners", on_delete=models.CASCADE
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    country = CountryField(_("country"))
    county = models.ForeignKey(
        County,
        verbose_name=_("Norwegian county"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("For Norwegian partners."),
    )
    role = models.CharField(
        _("role"), max_length=12, choices=Role.choices, default=Role.PARTNER
    )
    budget_eur = models.DecimalField(
        _("partner budget (EUR)"), validators=[MinValueValidator(0)], **AMOUNT
    )

    panels = [
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("country"), FieldPanel("county")]),
        FieldPanel("budget_eur"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.organisation

    def clean(self):
        super().clean()
        if self.county_id and self.country != "NO":
            raise ValidationError(
                {"county": _("Only Norwegian partners have a Norwegian county.")}
            )


class ProjectPage(FrontEndPreviewMixin, PageUrlMixin, Page):
    """An Interreg project: its facts, partners, funding and what it achieved."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")

    acronym = models.CharField(
        _("acronym"),
        max_length=40,
        help_text=_("The project's short name, such as GRENSEVILT."),
    )
    project_code = models.CharField(
        _("project ID"),
        max_length=40,
        blank=True,
        db_index=True,
        help_text=_(
            "The programme's own ID of the project, such as NSR0100123. "
            "Project lists are matched on it."
        ),
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="projects",
        limit_choices_to=in_default_locale,
    )
    programme_period = models.CharField(
        _("programme period"), max_length=9, choices=PROGRAMME_PERIODS
    )
    themes = ParentalManyToManyField(
        Theme,
        verbose_name=_("themes"),
        blank=True,
        related_name="projects",
        limit_choices_to=in_default_locale,
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    total_budget_eur = models.DecimalField(
        _("total budget (EUR)"), validators=[MinValueValidator(0)], **AMOUNT
    )
    eu_funding_eur = models.DecimalField(
        _("EU funding (EUR)"), validators=[MinValueValidator(0)], **AMOUNT
    )
    cofinancing_rate = models.DecimalField(
        _("co-financing rate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The share of the budget the EU funds, in percent."),
    )
    norwegian_funding_nok = models.DecimalField(
        _("Norwegian national funding (NOK)"),
        validators=[MinValueValidator(0)],
        help_text=_("Norwegian Interreg funding from the government."),
        **AMOUNT,
    )
    lead_partner = models.CharField(_("lead partner"), max_length=200, blank=True)
    counties = ParentalManyToManyField(
        County,
        verbose_name=_("Norwegian counties"),
        blank=True,
        related_name="projects",
    )
    website = models.URLField(_("website"), blank=True)
    keep_eu_url = models.URLField(
        _("keep.eu reference"),
        blank=True,
        help_text=_("The project's page on keep.eu."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_("What the project does and achieved, in two or three sentences."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(StoryBodyBlock(), verbose_name=_("body"), blank=True)
    tags = TranslatableTagsField(verbose_name=_("tags"), through=ProjectTag, blank=True)

    content_panels = [
        FieldPanel("title", heading=_("Project name")),
        FieldPanel("acronym"),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("programme"), FieldPanel("programme_period")]
                ),
                FieldPanel("project_code"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Programme and period"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("total_budget_eur"),
                FieldPanel("eu_funding_eur"),
                FieldPanel("cofinancing_rate"),
                FieldPanel("norwegian_funding_nok"),
            ],
            heading=_("Funding"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("lead_partner"),
                InlinePanel("partners", label=_("Partners")),
                FieldPanel("counties", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Partners and places"),
        ),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("keep_eu_url")],
            heading=_("Links"),
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]

    # search.signals keeps the index up to date (and can defer it for imports).
    search_auto_update = False
    search_fields = [
        *Page.search_fields,
        index.SearchField("acronym", boost=5),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("lead_partner"),
        index.SearchField("search_taxonomy"),
        index.RelatedFields("partners", [index.SearchField("organisation")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("start_date"),
    ]

    api_fields = [
        APIField("acronym"),
        APIField("project_code"),
        APIField("programme", serializer=ProgrammeField()),
        APIField("programme_period"),
        APIField("themes", serializer=ThemesField()),
        APIField("start_date"),
        APIField("end_date"),
        APIField("status", serializer=ChoiceValueField(Status.choices)),
        APIField("total_budget_eur"),
        APIField("eu_funding_eur"),
        APIField("cofinancing_rate"),
        APIField("norwegian_funding_nok"),
        APIField("lead_partner"),
        APIField("partners", serializer=PartnersField()),
        APIField("counties", serializer=CountiesField()),
        APIField("website"),
        APIField("keep_eu_url"),
        APIField("summary"),
        APIField("hero_image", serializer=ImageField()),
        APIField("body", serializer=BodyField()),
        APIField("tags", serializer=TagNamesField()),
        APIField("translations", serializer=TranslationsField()),
    ]

    parent_page_types = ["stories.ProjectIndexPage"]
    subpage_types = []
    # What stories.localization fetches with a project's translation.
    localized_select_related = ["programme"]

    # Taxonomy links stay on the canonical rows in every language (see
    # stories.localization); wagtail-localize would otherwise leave M2Ms behind.
    override_translatable_fields = [
        SynchronizedField("acronym"),
        SynchronizedField("project_code"),
        SynchronizedField("programme"),
        SynchronizedField("themes"),
        SynchronizedField("counties"),
        SynchronizedField("lead_partner"),
    ]

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        indexes = [
            models.Index(fields=["-start_date"], name="project_start_idx"),
            models.Index(fields=["end_date"], name="project_end_idx"),
            models.Index(fields=["programme_period"], name="project_period_idx"),
            # For the search index's join (StoryPage.Meta says why).
            models.Index(
                Cast("page_ptr", models.CharField(max_length=50)),
                name="project_search_join_idx",
            ),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The project cannot end before it starts.")
        if (
            self.total_budget_eur is not None
            and self.eu_funding_eur is not None
            and self.eu_funding_eur > self.total_budget_eur
        ):
            errors["eu_funding_eur"] = _(
                "EU funding cannot be more than the total budget."
            )
        if (
            self.acronym
            and self.programme_id
            and self._taken(acronym__iexact=self.acronym)
        ):
            errors["acronym"] = _(
                "Another project in this programme already uses this acronym."
            )
        if (
            self.project_code
            and self.programme_id
            and self._taken(project_code=self.project_code)
        ):
            errors["project_code"] = _(
                "Another project in this programme already has this project ID."
            )
        if errors:
            raise ValidationError(errors)

    def _taken(self, **value):
        """Whether another project in this programme and language has `value`."""
        others = ProjectPage.objects.filter(
            programme_id=self.programme_id, locale_id=self.locale_id, **value
        )
        if self.translation_key:
            others = others.exclude(translation_key=self.translation_key)
        return others.exists()

    @classmethod
    def with_display_relations(cls, queryset):
        """`queryset` with the project's locale, programme and the programme's
        translation in the project's language, in the same query."""
        return queryset.select_related("locale", "programme").annotate(
            programme_translation=translation_of(
                Programme,
                OuterRef("programme__translation_key"),
                OuterRef("locale_id"),
            )
        )

    @classmethod
    def serving_queryset(cls):
        """The queryset a project is served from (home/views.py)."""
        return cls.with_display_relations(cls.objects.all())

    def search_taxonomy(self):
        """Programme and themes, in the project's language."""
        programme = self.localized_programme
        words = [programme.name, programme.short_name] if programme else []
        words += [f"{theme.code} {theme.name}" for theme in self.localized_themes]
        return " ".join(words)

    @property
    def status(self):
        if self.end_date is None or self.end_date >= timezone.localdate():
            return self.Status.ACTIVE
        return self.Status.COMPLETED

    @cached_property
    def localized_programme(self):
        if hasattr(self, "programme_translation"):
            return from_translation(
                Programme, self.programme_translation, self.programme
            )
        return localize(self.programme, self.locale_id)

    @cached_property
    def localized_themes(self):
        return localize_all(self.themes.all(), self.locale_id)

    @cached_property
    def norwegian_partners(self):
        return [p for p in self.partners.all() if p.country == "NO"]

    @cached_property
    def partner_list(self):
        """The partners in the editors' order, with their counties."""
        return list(self.partners.select_related("county"))

    @cached_property
    def county_list(self):
        return list(self.counties.all())

    @cached_property
    def tag_list(self):
        return sorted(self.tags.all(), key=lambda tag: tag.name)

    def schema_org(self, *, url, publisher, image_url):
        """The project as a schema.org Project (JSON-LD, home/seo.py)."""
        programme = self.localized_programme
        project = {
            "@type": "Project",
            "name": self.title,
            "alternateName": self.acronym,
            "description": seo.description(self),
            "url": url,
            "inLanguage": self.locale.language_code,
            "funder": [{"@type": "Organization", "name": "European Union"}],
            "member": [
                {
                    "@type": "Organization",
                    "name": partner.organisation,
                    "address": {
                        "@type": "PostalAddress",
                        "addressCountry": partner.country.code,
                    },
                }
                for partner in self.partner_list
            ],
        }
        if programme:
            project["parentOrganization"] = {
                "@type": "Organization",
                "name": programme.name,
            }
        if self.website:
            project["sameAs"] = [self.website]
        if image_url:
            project["image"] = image_url
        return project

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Everything the template shows, in one query per kind; a preview shows
        # the draft's own partners, themes and counties instead.
        if not getattr(request, "is_preview", False):
            prime_projects([self])
        attach_images(([self], PAGE_TOP), bodies=[self])
        return context


@compiled
def _partners_of(ids):
    return (
        ProjectPartner.objects.filter(page_id__any_of=ids)
        .select_related("county")
        .order_by("sort_order", "pk")
    )


@compiled
def _counties_of(ids):
    return ProjectPage.counties.through.objects.filter(
        projectpage_id__any_of=ids
    ).select_related("county")


@compiled
def _tags_of(ids):
    return ProjectTag.objects.filter(content_object_id__any_of=ids).select_related(
        "tag"
    )


def prime_projects(projects):
    """Fill what projects show of others (themes, partners with their counties,
    counties, tags), in one query per kind for the whole list, in each project's
    own language."""
    projects = [p for p in projects if not getattr(p, "_primed", False)]
    if not projects:
        return
    ids = [project.pk for project in projects]
    themes = localized_relation(ProjectPage.themes, ids, order_by=["code"])
    partners = defaultdict(list)
    for partner in _partners_of(ids):
        partners[partner.page_id].append(partner)
    counties = defaultdict(list)
    for row in _counties_of(ids):
        counties[row.projectpage_id].append(row.county)
    tags = defaultdict(list)
    for item in _tags_of(ids):
        tags[item.content_object_id].append(item.tag)
    for project in projects:
        project.__dict__["localized_themes"] = themes[project.pk]
        project.__dict__["partner_list"] = partners[project.pk]
        project.__dict__["norwegian_partners"] = [
            p for p in partners[project.pk] if p.country == "NO"
        ]
        project.__dict__["county_list"] = sorted(
            counties[project.pk], key=lambda county: county.name
        )
        project.__dict__["tag_list"] = sorted(tags[project.pk], key=lambda t: t.name)
        project._primed = True


class ProjectIndexPage(PageUrlMixin, Page):
    """The list of projects, filterable by programme, period, theme, county, status."""

    intro = models.TextField(_("intro"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.ProjectPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("project index")
        verbose_name_plural = _("project indexes")

    # What it lists comes from `{% project_listing %}` (stories/listing.py), which
    # sits above the models.
