"""Stories about Interreg projects, and the page that lists them."""

import datetime
import math
from collections.abc import Mapping, Sequence

from django import forms
from django.db import models
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from stories.api.fields import (
    BodyField,
    ContactField,
    ImageField,
    StoryProjectsField,
    TagNamesField,
    ThemesField,
    TranslationsField,
)
from stories.api.preview import FrontEndPreviewMixin
from stories.blocks import StoryBodyBlock
from stories.localization import localize, localize_all
from stories.tags import TranslatableTagsField

from .projects import ProjectPage
from .taxonomy import Contact, Programme, Theme, in_default_locale

WORDS_PER_MINUTE = 200
RELATED_STORIES = 3


class StoryTag(TaggedItemBase):
    content_object = ParentalKey(
        "stories.StoryPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class StoryProject(Orderable):
    """A project a story is about."""

    page = ParentalKey(
        "stories.StoryPage", related_name="project_links", on_delete=models.CASCADE
    )
    project = models.ForeignKey(
        ProjectPage,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="story_links",
    )

    panels = [FieldPanel("project")]

    class Meta(Orderable.Meta):
        verbose_name = _("project")
        verbose_name_plural = _("projects")


class StoryPage(FrontEndPreviewMixin, Page):
    """An article about what an Interreg project did and achieved."""

    intro = models.TextField(
        _("intro"),
        max_length=300,
        help_text=_("The lead: one or two sentences that make readers want more."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_caption = models.CharField(_("caption"), max_length=300, blank=True)
    hero_credit = models.CharField(_("photo credit"), max_length=120, blank=True)
    hero_alt = models.CharField(
        _("alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows. Leave empty to use the image's title."),
    )
    date = models.DateField(_("publication date"), default=datetime.date.today)
    byline = models.CharField(_("byline"), max_length=160, blank=True)
    body = StreamField(StoryBodyBlock(), verbose_name=_("body"))
    tags = TranslatableTagsField(verbose_name=_("tags"), through=StoryTag, blank=True)
    themes = ParentalManyToManyField(
        Theme,
        verbose_name=_("themes"),
        blank=True,
        related_name="stories",
        limit_choices_to=in_default_locale,
    )
    programmes = ParentalManyToManyField(
        Programme,
        verbose_name=_("programmes"),
        blank=True,
        related_name="stories",
        limit_choices_to=in_default_locale,
        help_text=_(
            "Programmes the story is about, besides those of its projects "
            "(such as a programme's news)."
        ),
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        limit_choices_to=in_default_locale,
    )
    # Where the story came from when it was imported from WordPress, and the
    # revision the import wrote: a later import leaves the story alone once an
    # editor has saved a newer revision (see stories.importers.wordpress).
    wordpress_id = models.PositiveBigIntegerField(
        _("WordPress post ID"), null=True, blank=True, editable=False, db_index=True
    )
    wordpress_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_alt"),
                FieldPanel("hero_caption"),
                FieldPanel("hero_credit"),
            ],
            heading=_("Main image"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("byline")],
            heading=_("Publication"),
        ),
        MultiFieldPanel(
            [
                InlinePanel("project_links", label=_("Projects")),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("programmes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
                FieldPanel("contact"),
            ],
            heading=_("About"),
        ),
    ]
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("wordpress_id", read_only=True),
    ]

    # search.signals keeps the index up to date (and can defer it for imports).
    search_auto_update = False
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.SearchField("search_taxonomy"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
    ]

    api_fields = [
        APIField("intro"),
        APIField("date"),
        APIField("byline"),
        APIField("reading_time"),
        APIField("hero_image", serializer=ImageField()),
        APIField("hero_alt"),
        APIField("hero_caption"),
        APIField("hero_credit"),
        APIField("body", serializer=BodyField()),
        APIField("tags", serializer=TagNamesField()),
        APIField("projects", serializer=StoryProjectsField()),
        APIField("themes", serializer=ThemesField()),
        APIField("contact", serializer=ContactField()),
        APIField("translations", serializer=TranslationsField()),
    ]

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []

    # A copy (or a translation) is a new page, not the imported post.
    exclude_fields_in_copy = ["wordpress_id", "wordpress_revision"]

    override_translatable_fields = [
        SynchronizedField("themes"),
        SynchronizedField("programmes"),
        SynchronizedField("contact"),
        SynchronizedField("byline"),
        SynchronizedField("hero_credit"),
    ]

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        indexes = [models.Index(fields=["-date"], name="story_date_idx")]

    def with_content_json(self, content):
        """The page as a revision has it, keeping what the WordPress import
        recorded: that belongs to the page, not to one revision."""
        page = super().with_content_json(content)
        page.wordpress_id = self.wordpress_id
        page.wordpress_revision_id = self.wordpress_revision_id
        return page

    @cached_property
    def linked_projects(self):
        """The projects as linked (in whatever language), fetched once."""
        return [link.project for link in self.project_links.select_related("project")]

    @cached_property
    def tag_list(self):
        """The story's tags, alphabetical, fetched once."""
        return sorted(self.tags.all(), key=lambda tag: tag.name)

    @cached_property
    def projects(self):
        """The live projects this story is about, in the story's language."""
        projects = self.linked_projects
        return [p for p in localize_all(projects, self.locale_id) if p.live]

    @cached_property
    def localized_themes(self):
        return localize_all(self.themes.all(), self.locale_id)

    @cached_property
    def localized_contact(self):
        return localize(self.contact, self.locale_id)

    def search_taxonomy(self):
        """Projects (acronym, name, programme), programmes and themes, in the
        story's language."""
        words = []
        for project in self.projects:
            words += [project.acronym, project.title, project.localized_programme.name]
        words += [
            programme.name
            for programme in localize_all(self.programmes.all(), self.locale_id)
        ]
        words += [f"{theme.code} {theme.name}" for theme in self.localized_themes]
        return " ".join(words)

    @cached_property
    def reading_time(self):
        """Minutes to read the intro and body at an ordinary pace (at least 1)."""
        words = len(self.intro.split()) + sum(
            len(strip_tags(text).split()) for text in _texts(self.body.raw_data)
        )
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def related_stories(self):
        """Other live stories: about the same projects first, then sharing tags."""
        base = (
            StoryPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .select_related("hero_image")
            .order_by("-date", "-pk")
        )
        keys = [project.translation_key for project in self.linked_projects]
        about_same_projects = StoryProject.objects.filter(
            project__translation_key__in=keys
        ).values("page_id")
        related = list(base.filter(pk__in=about_same_projects)[:RELATED_STORIES])
        if len(related) < RELATED_STORIES:
            tag_ids = [tag.pk for tag in self.tag_list]
            sharing_tags = StoryTag.objects.filter(tag_id__in=tag_ids).values(
                "content_object_id"
            )
            related += base.filter(pk__in=sharing_tags).exclude(
                pk__in=[story.pk for story in related]
            )[: RELATED_STORIES - len(related)]
        return related


def _texts(value):
    """Every string in a StreamField's raw data, skipping addresses."""
    if isinstance(value, str):
        if not value.startswith(("http://", "https://")):
            yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if key not in {"type", "id"}:
                yield from _texts(item)
    elif isinstance(value, Sequence):
        for item in value:
            yield from _texts(item)


class StoryIndexPage(RoutablePageMixin, Page):
    """All stories, newest first, filterable by tag, theme, programme, project, year."""

    intro = models.TextField(_("intro"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.StoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("story index")
        verbose_name_plural = _("story indexes")

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("feed/")
    def feed(self, request):
        from stories.feeds import StoryFeed

        return StoryFeed(self)(request)

    def get_context(self, request, *args, **kwargs):
        from stories.listing import story_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(story_listing(self, request))
        return context
