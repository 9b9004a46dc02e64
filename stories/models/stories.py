"""Stories about Interreg projects, and the page that lists them."""

import datetime
import math
import re
import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, JSONObject
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home import licences, seo
from home.compiled import compiled
from home.frame import PAGE_TIMES, compiled_union_all, in_array, public
from home.json_rows import json_rows, rows_of
from home.models import SiteSettings
from home.page_urls import PageUrlMixin
from stories.api.fields import (
    BodyField,
    ContactField,
    CountField,
    ImageField,
    LicenceField,
    StoryProjectsField,
    TagNamesField,
    ThemesField,
    TranslationsField,
)
from stories.api.preview import FrontEndPreviewMixin
from stories.blocks import StoryBodyBlock
from stories.images import CARD, CONTACT_PHOTO, PAGE_TOP, attach_images
from stories.localization import (
    fields_of,
    from_translation,
    localize,
    localize_all,
    localized_relation,
    translation_of,
)
from stories.tags import TranslatableTagsField, translated_tag_slug

from .projects import ProjectPage, ProjectPartner
from .taxonomy import Contact, Programme, Theme, in_default_locale

WORDS_PER_MINUTE = 200
RELATED_STORIES = 3


class StoryTag(TaggedItemBase):
    content_object = ParentalKey(
        "stories.StoryPage", related_name="tagged_items", on_delete=models.CASCADE
    )

    class Meta:
        indexes = [
            # The story index's tag cloud counts the tags of its 5,000 stories:
            # from this index, in story order, PostgreSQL merges them with the
            # stories instead of hashing all 30,000 uses (PostgreSQL's CPU for
            # a story index request 15.0-15.4 to 14.0-14.2 ms at 10,000 stories).
            models.Index(
                fields=["content_object"],
                include=["tag"],
                name="storytag_story_tag_idx",
            ),
        ]


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


class StoryPage(FrontEndPreviewMixin, PageUrlMixin, Page):
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
    licence = models.CharField(
        _("licence for reuse"),
        max_length=20,
        choices=licences.CHOICES,
        blank=True,
        help_text=_(
            "Leave empty for the site's licence (Site settings). A story can only "
            "narrow it, for instance to not commercially."
        ),
    )
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
            [FieldPanel("date"), FieldPanel("byline"), FieldPanel("licence")],
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
        APIField("reading_time", serializer=CountField(min_value=1)),
        APIField("hero_image", serializer=ImageField()),
        APIField("hero_alt"),
        APIField("hero_caption"),
        APIField("hero_credit"),
        APIField("body", serializer=BodyField()),
        APIField("tags", serializer=TagNamesField()),
        APIField("projects", serializer=StoryProjectsField()),
        APIField("themes", serializer=ThemesField()),
        APIField("contact", serializer=ContactField()),
        APIField("licence", serializer=LicenceField()),
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
        SynchronizedField("licence"),
    ]

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        indexes = [
            models.Index(fields=["-date"], name="story_date_idx"),
            # The story index's years (and other facets) join every story in the
            # index to its date: with the date in the index PostgreSQL reads it
            # from there instead of each row (8.6 to 4.4 ms at 5,000 stories).
            models.Index(
                fields=["page_ptr"], include=["date"], name="story_ptr_date_idx"
            ),
            # The search index joins its entries to pages by the page's id as
            # text; with this index PostgreSQL can go from the best-ranked
            # entries to their stories (2 s to 30 ms for a word in 2,000 stories).
            models.Index(
                Cast("page_ptr", models.CharField(max_length=50)),
                name="story_search_join_idx",
            ),
        ]

    def clean(self):
        super().clean()
        site = licences.get(default_site_settings().licence)
        own = licences.LICENCES.get(self.licence)
        if own is not None and not own.narrows(site):
            raise ValidationError(
                {
                    "licence": _(
                        "A story can only narrow the site's licence (%(site)s), "
                        "not allow more."
                    )
                    % {"site": site.name}
                }
            )

    @classmethod
    def with_display_relations(cls, queryset):
        """`queryset` with what a story shows of its own row: locale, contact,
        the contact's translation in the story's language and the (default)
        site's licence, in the same query."""
        return queryset.select_related("locale", "contact").annotate(
            contact_translation=translation_of(
                Contact, OuterRef("contact__translation_key"), OuterRef("locale_id")
            ),
            # The site's licence for reuse, which the story's may narrow.
            site_licence=Subquery(
                SiteSettings.objects.filter(site__is_default_site=True).values(
                    "licence"
                )[:1]
            ),
        )

    @classmethod
    def serving_queryset(cls):
        """The queryset a story is served from (home/views.py): with its tags,
        themes and project links in the same query (`prime_stories` reads
        them from there)."""
        return cls.with_display_relations(cls.objects.all()).annotate(
            tag_rows=json_rows(
                StoryTag.objects.filter(content_object_id=OuterRef("pk")),
                id="tag_id",
                name="tag__name",
                slug="tag__slug",
            ),
            theme_rows=json_rows(
                cls.themes.through.objects.filter(storypage_id=OuterRef("pk")),
                theme=JSONObject(**fields_of(Theme, "theme__")),
                translation=translation_of(
                    Theme,
                    OuterRef("theme__translation_key"),
                    OuterRef(OuterRef("locale_id")),
                ),
            ),
            project_link_rows=json_rows(
                StoryProject.objects.filter(page_id=OuterRef("pk")),
                id="id",
                sort_order="sort_order",
                project_id="project_id",
                translation_key="project__translation_key",
            ),
        )

    def with_content_json(self, content):
        """The page as a revision has it, keeping what the WordPress import
        recorded: that belongs to the page, not to one revision."""
        page = super().with_content_json(content)
        page.wordpress_id = self.wordpress_id
        page.wordpress_revision_id = self.wordpress_revision_id
        return page

    @cached_property
    def tag_list(self):
        """The story's tags, alphabetical."""
        return sorted(self.tags.all(), key=lambda tag: tag.name)

    @cached_property
    def projects(self):
        """The live projects this story is about, in the story's language.

        (Pages that are served or listed get them from `prime_stories`; this
        reads the links as the page holds them, so a preview shows its draft's.)
        """
        linked = [link.project for link in self.project_links.all()]
        return [p for p in localize_all(linked, self.locale_id) if p.live]

    @cached_property
    def localized_themes(self):
        return localize_all(self.themes.all(), self.locale_id)

    @cached_property
    def localized_contact(self):
        if hasattr(self, "contact_translation"):
            return from_translation(Contact, self.contact_translation, self.contact)
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
            len(_TAG.sub("", text).split()) for text in _texts(self.body.raw_data)
        )
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    @cached_property
    def related_stories(self):
        """Other live stories in this language: about the same projects first,
        then sharing a tag, newest first. One query: the newest few of each
        kind (UNION ALL), each found by walking stories newest first, read as
        cards (without their bodies); Python puts them in order."""
        found = _related_stories(self.pk, self.locale_id)
        chosen = {}
        for story in sorted(
            found,
            key=lambda story: (
                not story.same_project,
                -story.date.toordinal(),
                -story.pk,
            ),
        ):
            chosen.setdefault(story.pk, story)
        return list(chosen.values())[:RELATED_STORIES]

    def licence_under(self, site_licence_code):
        """The licence this story may be reused under, given the site's."""
        return licences.narrowed(site_licence_code, self.licence)

    def schema_org(self, *, url, publisher, image_url):
        """The story as a schema.org NewsArticle (JSON-LD, home/seo.py)."""
        modified = self.last_published_at or self.latest_revision_created_at
        article = {
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": seo.description(self),
            "datePublished": self.date.isoformat(),
            "dateModified": modified.isoformat() if modified else self.date.isoformat(),
            "inLanguage": self.locale.language_code,
            "mainEntityOfPage": url,
            "url": url,
            "publisher": publisher,
            "author": [{"@type": "Person", "name": self.byline}]
            if self.byline
            else [publisher],
            "keywords": [tag.name for tag in self.tag_list],
        }
        if image_url:
            article["image"] = [image_url]
        return article

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Everything the template shows, in one query per kind; a preview shows
        # the draft's own tags, themes and projects instead.
        if not getattr(request, "is_preview", False):
            prime_stories([self])
        contact = self.localized_contact
        images = attach_images(
            ([self], PAGE_TOP),
            (self.related_stories, CARD),
            bodies=[self],
            extra={contact.photo_id: CONTACT_PHOTO} if contact else None,
        )
        if contact is not None and contact.photo_id:
            contact.photo = images.get(contact.photo_id)
        return context


@compiled_union_all
def _related_stories(pk, locale_id):
    """The newest few live stories in `locale_id` about the same projects as
    story `pk`, and the newest few sharing a tag with it."""
    # Candidates by id, not a correlated EXISTS per story: at 10,000 stories
    # that is the difference between 1 ms and 100 ms. The stories about the
    # same projects are few: as an array (in_array), PostgreSQL looks them
    # up by id instead of hashing every story (0.3 ms, not 25).
    about_same_projects = StoryProject.objects.filter(
        project__translation_key__in=StoryProject.objects.filter(page_id=pk).values(
            "project__translation_key"
        )
    ).values("page_id")
    sharing_a_tag = StoryTag.objects.filter(
        tag_id__in=StoryTag.objects.filter(content_object_id=pk).values("tag_id")
    ).values("content_object_id")
    newest = (
        public(StoryPage.objects.live())
        .filter(locale_id=locale_id)
        .exclude(pk=pk)
        .defer_streamfields()
        .defer(*PAGE_TIMES)
        .order_by("-date", "-pk")
    )
    return (
        newest.filter(in_array("pk", about_same_projects)).annotate(
            same_project=Value(True)
        )[:RELATED_STORIES],
        newest.filter(pk__in=sharing_a_tag).annotate(same_project=Value(False))[
            :RELATED_STORIES
        ],
    )


@compiled
def _tags_of(ids):
    return StoryTag.objects.filter(content_object_id__any_of=ids).select_related("tag")


@compiled
def _project_links(ids):
    return (
        StoryProject.objects.filter(page_id__any_of=ids)
        .order_by("sort_order", "pk")
        .values_list("page_id", "project_id", "project__translation_key")
    )


def _projects_by_key(translation_keys):
    """Every language's version of the projects with these keys, with what a
    story shows of them: their facts, not their bodies."""
    # By translation key alone, which its index answers. (Or'ed with the linked
    # ids, PostgreSQL joined all 2,400 projects to test it, 2 ms at
    # `make bench`'s volume.)
    return ProjectPage.with_display_relations(
        ProjectPage.objects.live()
        .filter(translation_key__any_of=translation_keys)
        .defer_streamfields()
    )


_live_projects = compiled(_projects_by_key)

# What a story's fact box shows of a project's Norwegian partners (their
# names), read with the project's own row: a query fewer for a story page.
_PARTNER_COLUMNS = ["id", "sort_order", "page_id", "organisation"]


@compiled
def _live_projects_with_partners(translation_keys):
    norwegian = ProjectPartner.objects.filter(page_id=OuterRef("pk"), country="NO")
    return _projects_by_key(translation_keys).annotate(
        partner_rows=json_rows(norwegian, **{name: name for name in _PARTNER_COLUMNS})
    )


def _partners_of(project):
    """The Norwegian partners read with `project`, in the editors' order; any
    other field of theirs is read when asked for (Django's deferred fields)."""
    return [
        ProjectPartner.from_db(
            project._state.db,
            _PARTNER_COLUMNS,
            [row[name] for name in _PARTNER_COLUMNS],
        )
        for row in _in_editors_order(project.partner_rows)
    ]


def _in_editors_order(rows):
    """The rows of an `Orderable` read with `json_rows`, as the editors ordered
    them (by sort order, rows without one last, as PostgreSQL orders them)."""
    return sorted(
        rows_of(rows),
        key=lambda row: (row["sort_order"] is None, row["sort_order"], row["id"]),
    )


def _from_row(model, data):
    """An instance of `model` from the JSON object of its fields."""
    return from_translation(model, data, None)


def _own_relations(stories):
    """(tags, themes, project links) of stories read with their own rows
    (`StoryPage.serving_queryset`), as `prime_stories` would query them."""
    tags, themes, links = defaultdict(list), defaultdict(list), []
    for story in stories:
        tags[story.pk] = [_from_row(Tag, row) for row in rows_of(story.tag_rows)]
        rows = sorted(rows_of(story.theme_rows), key=lambda row: row["theme"]["code"])
        themes[story.pk] = [
            from_translation(Theme, row["translation"], _from_row(Theme, row["theme"]))
            for row in rows
        ]
        links += [
            (story.pk, row["project_id"], uuid.UUID(row["translation_key"]))
            for row in _in_editors_order(story.project_link_rows)
        ]
    return tags, themes, links


def prime_stories(stories, *, partners=True):
    """Fill what stories show of others (tags, themes, projects with their
    programme and Norwegian partners, contact), in one query per kind for the whole
    list, in each story's own language."""
    stories = [story for story in stories if not getattr(story, "_primed", False)]
    if not stories:
        return
    ids = [story.pk for story in stories]
    if all(hasattr(story, "tag_rows") for story in stories):
        tags, themes, links = _own_relations(stories)
    else:
        tags, links = defaultdict(list), None
        for item in _tags_of(ids):
            tags[item.content_object_id].append(item.tag)
        themes = localized_relation(StoryPage.themes, ids, order_by=["code"])
    projects = localized_projects(stories, partners=partners, links=links)
    for story in stories:
        story.__dict__["tag_list"] = sorted(tags[story.pk], key=lambda tag: tag.name)
        story.__dict__["localized_themes"] = themes[story.pk]
        story.__dict__["projects"] = projects[story.pk]
        story._primed = True
    if any(not hasattr(story, "contact_translation") for story in stories):
        contacts = localize_contacts(stories)
        for story in stories:
            story.__dict__["localized_contact"] = contacts.get(story.pk)


def localized_projects(stories, *, partners=True, links=None):
    """{story id: its live projects in the story's language, in the editors'
    order}, with each project's programme and (with `partners`) its Norwegian
    partners, read with the projects. Two queries (links, projects); `links`
    ((story id, project id, project translation key) in the editors' order),
    when the stories were read with them, saves the first."""
    if links is None:
        links = _project_links([story.pk for story in stories])
    if not links:
        return {story.pk: [] for story in stories}
    # Every language's version of the linked projects (the linked one is one of
    # them).
    keys = {key for _page, _project, key in links}
    candidates = (_live_projects_with_partners if partners else _live_projects)(keys)
    by_pk = {}
    by_key = {}
    for project in candidates:
        by_pk[project.pk] = project
        by_key[(project.translation_key, project.locale_id)] = project
    locale_of = {story.pk: story.locale_id for story in stories}
    found = {story.pk: [] for story in stories}
    for page_id, project_id, key in links:
        project = by_key.get((key, locale_of[page_id])) or by_pk.get(project_id)
        if project is not None:
            found[page_id].append(project)
    if partners:
        for projects in found.values():
            for project in projects:
                project.__dict__["norwegian_partners"] = _partners_of(project)
    return found


def localize_contacts(stories):
    """{story id: its contact in the story's language}, in one query."""
    sources = {story.contact_id for story in stories if story.contact_id}
    if not sources:
        return {}
    rows = list(
        Contact.objects.filter(
            Q(pk__in=sources)
            | Q(
                translation_key__in=Contact.objects.filter(pk__in=sources).values(
                    "translation_key"
                ),
                locale_id__in={story.locale_id for story in stories},
            )
        )
    )
    by_pk = {row.pk: row for row in rows}
    by_key = {(row.translation_key, row.locale_id): row for row in rows}
    result = {}
    for story in stories:
        source = by_pk.get(story.contact_id)
        if source is not None:
            result[story.pk] = by_key.get(
                (source.translation_key, story.locale_id), source
            )
    return result


# A tag in a rich text's HTML, taken out before words are counted: what
# strip_tags does to stored rich text, without its HTML parser (a tenth of an
# API list of 20 stories went to parsing bodies that way).
_TAG = re.compile(r"<[^>]*>")


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


def default_site_settings():
    """The settings of the default site (whose licence a story narrows)."""
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


class StoryIndexPage(PageUrlMixin, Page):
    """All stories, newest first, filterable by tag, theme, programme, project, year."""

    intro = models.TextField(_("intro"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.StoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("story index")
        verbose_name_plural = _("story indexes")

    # What it lists comes from `{% story_listing %}` (stories/listing.py), and its
    # feed from the feed view (stories/feeds.py): both sit above the models.

    def query_in(self, query, language_code):
        """The filters in `query` (a QueryDict) as they read on this page's
        translation into `language_code`: the same, but for the tag, which is a
        word of each language. A tag nobody translated is kept when stories there
        carry it too, and dropped otherwise."""
        slug = query.get("tag")
        if not slug:
            return query
        query = query.copy()
        translated = translated_tag_slug(slug, self.locale.language_code, language_code)
        if translated is not None:
            query["tag"] = translated
        elif not StoryTag.objects.filter(
            tag__slug=slug, content_object__locale__language_code=language_code
        ).exists():
            del query["tag"]
        return query
