"""Synthetic volumes for benchmarks: thousands of projects and stories, fast.

Creating pages one by one through Wagtail (tree insert, revision, search index)
costs tens of milliseconds each; 10,000 stories would take an hour. Here whole
batches are inserted at once: tree paths are computed in Python, the page rows
go in with ``bulk_create`` and the rows of the page type's own table with the
same insert Django's ``bulk_create`` uses internally (Django refuses
``bulk_create`` for multi-table inheritance). Every synthetic page has an
English twin: projects one with the same translation key (bulk-made, without
revisions), stories a real wagtail-localize translation, made one by one the
way a translator's is. They exist to be read and measured.
"""

import datetime
import random
import re
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Locale, Page

from home.translations import translate
from stories.importers.bulk import bulk_indexing
from stories.models import (
    County,
    Programme,
    ProjectIndexPage,
    ProjectPage,
    StoryIndexPage,
    StoryPage,
    StoryProject,
    StoryTag,
    Theme,
)
from stories.models.taxonomy import in_default_locale

from .bodies import list_items
from .images import image_pool

BATCH = 500
WORDS = [
    "samarbeid",
    "grense",
    "kunnskap",
    "region",
    "innovasjon",
    "klima",
    "beredskap",
    "havnæring",
    "forskning",
    "kommune",
    "bedrift",
    "partner",
    "nettverk",
    "erfaring",
    "resultat",
    "miljø",
    "transport",
    "kultur",
    "utdanning",
    "energi",
]
WORDS_EN = [
    "cooperation",
    "border",
    "knowledge",
    "region",
    "innovation",
    "climate",
    "preparedness",
    "ocean",
    "research",
    "municipality",
    "company",
    "partner",
    "network",
    "experience",
    "result",
    "environment",
    "transport",
    "culture",
    "education",
    "energy",
]
TAGS = [
    ("samarbeid", "cooperation"),
    ("innovasjon", "innovation"),
    ("klima", "climate"),
    ("grensehinder", "border obstacles"),
    ("kultur", "culture"),
    ("beredskap", "preparedness"),
    ("havnæring", "blue economy"),
    ("samferdsel", "transport"),
]


def sentence(rng, words, length):
    text = " ".join(rng.choice(words) for _ in range(length))
    return text[0].upper() + text[1:] + "."


def body(rng, words, image_ids):
    blocks = []
    for n in range(6):
        blocks.append(
            {
                "type": "paragraph",
                "value": f"<p>{sentence(rng, words, 40)}</p>",
            }
        )
        if n == 1:
            blocks.append(
                {
                    "type": "image",
                    "value": {
                        "image": rng.choice(image_ids),
                        "alt_text": sentence(rng, words, 6),
                        "caption": sentence(rng, words, 10),
                        "credit": "Demo",
                    },
                }
            )
        if n == 3:
            blocks.append(
                {
                    "type": "key_figures",
                    "value": {
                        "title": sentence(rng, words, 3),
                        "figures": list_items(
                            {
                                "value": str(rng.randint(2, 90)),
                                "label": rng.choice(words),
                            }
                            for _ in range(3)
                        ),
                    },
                }
            )
    return blocks


class TreeWriter:
    """Appends many pages of one type under one parent in a few queries."""

    def __init__(self, parent, model):
        self.parent = Page.objects.get(pk=parent.pk)
        self.model = model
        last = (
            Page.objects.filter(
                path__startswith=self.parent.path, depth=self.parent.depth + 1
            )
            .order_by("-path")
            .first()
        )
        self.next_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
        self.content_type = ContentType.objects.get_for_model(model)

    def add(self, pages):
        now = timezone.now()
        for page in pages:
            page.path = Page._get_path(
                self.parent.path, self.parent.depth + 1, self.next_step
            )
            page.depth = self.parent.depth + 1
            page.numchild = 0
            page.url_path = f"{self.parent.url_path}{page.slug}/"
            page.content_type = self.content_type
            page.locale_id = self.parent.locale_id
            page.draft_title = page.title
            page.live = True
            page.has_unpublished_changes = False
            page.first_published_at = page.last_published_at = now
            page.translation_key = page.translation_key or uuid.uuid4()
            self.next_step += 1
        parents = Page.objects.bulk_create(
            [Page(**_page_fields(page)) for page in pages]
        )
        for page, row in zip(pages, parents, strict=True):
            page.pk = page.id = page.page_ptr_id = row.pk
        fields = list(self.model._meta.local_concrete_fields)
        self.model._base_manager._insert(pages, fields=fields, using="default")
        Page.objects.filter(pk=self.parent.pk).update(numchild=self.next_step - 1)
        return pages


def _page_fields(page):
    return {
        field.attname: getattr(page, field.attname)
        for field in Page._meta.concrete_fields
        if field.attname != "id"
    }


def seed_volume(project_count, story_count, seed=2024, progress=None):
    """Add `project_count` projects and `story_count` stories in each language.

    The English stories are wagtail-localize translations of the Norwegian ones,
    made the way a translator's would be (home/translations.py)."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    nb = Locale.objects.get(language_code="nb")
    en = Locale.objects.get(language_code="en")
    image_ids = [image.pk for image in image_pool().values()]
    programmes = list(Programme.objects.filter(in_default_locale()))
    themes = list(Theme.objects.filter(in_default_locale()))
    counties = list(County.objects.all())
    project_indexes = {
        loc: ProjectIndexPage.objects.get(locale=loc) for loc in (nb, en)
    }
    story_indexes = {loc: StoryIndexPage.objects.get(locale=loc) for loc in (nb, en)}
    tags = {
        loc: [
            Tag.objects.get_or_create(
                name=pair[i], defaults={"slug": pair[i].replace(" ", "-")}
            )[0]
            for pair in TAGS
        ]
        for i, loc in enumerate((nb, en))
    }
    run = uuid.uuid4().hex[:6]

    projects = []
    with transaction.atomic():
        for start in range(0, project_count, BATCH):
            batch = range(start, min(start + BATCH, project_count))
            twins = []
            for locale, words in ((nb, WORDS), (en, WORDS_EN)):
                pages = []
                for n in batch:
                    start_date = datetime.date(2008 + n % 17, 1 + n % 12, 1)
                    pages.append(
                        ProjectPage(
                            title=f"{sentence(rng, words, 4)[:-1]} {run}-{n}",
                            slug=f"synthetic-{run}-{n}",
                            acronym=f"SYN{run.upper()}{n}",
                            programme=programmes[n % len(programmes)],
                            programme_period="2021-2027"
                            if start_date.year > 2020
                            else "2014-2020",
                            start_date=start_date,
                            end_date=start_date + datetime.timedelta(days=365 * 3),
                            total_budget_eur=rng.randint(200, 9000) * 1000,
                            eu_funding_eur=rng.randint(100, 200) * 1000,
                            lead_partner="Demo partner",
                            summary=sentence(rng, words, 30),
                            hero_image_id=rng.choice(image_ids),
                            body=[],
                            translation_key=twins[n - start].translation_key
                            if twins
                            else None,
                        )
                    )
                TreeWriter(project_indexes[locale], ProjectPage).add(pages)
                twins = pages
                if locale == nb:
                    projects.extend(pages)
                    through = ProjectPage.themes.through
                    through.objects.bulk_create(
                        through(
                            projectpage_id=p.pk, theme_id=themes[i % len(themes)].pk
                        )
                        for i, p in enumerate(pages)
                    )
                    cthrough = ProjectPage.counties.through
                    cthrough.objects.bulk_create(
                        cthrough(
                            projectpage_id=p.pk,
                            county_id=counties[i % len(counties)].pk,
                        )
                        for i, p in enumerate(pages)
                    )

    stories = []
    with transaction.atomic():
        for start in range(0, story_count, BATCH):
            pages = [
                StoryPage(
                    title=f"{sentence(rng, WORDS, 6)[:-1]} {run}-{n}",
                    slug=f"synthetic-{run}-{n}",
                    intro=sentence(rng, WORDS, 25)[:300],
                    date=datetime.date(2016, 1, 1) + datetime.timedelta(days=n % 3900),
                    byline="Demo",
                    body=body(rng, WORDS, image_ids),
                    hero_image_id=rng.choice(image_ids),
                )
                for n in range(start, min(start + BATCH, story_count))
            ]
            TreeWriter(story_indexes[nb], StoryPage).add(pages)
            stories.extend(pages)
            if projects:
                StoryProject.objects.bulk_create(
                    StoryProject(
                        page_id=p.pk, project_id=rng.choice(projects).pk, sort_order=0
                    )
                    for p in pages
                )
            StoryTag.objects.bulk_create(
                StoryTag(content_object_id=p.pk, tag_id=tag.pk)
                for p in pages
                for tag in rng.sample(tags[nb], 3)
            )
            through = StoryPage.themes.through
            through.objects.bulk_create(
                through(storypage_id=p.pk, theme_id=rng.choice(themes).pk)
                for p in pages
            )
    translate_stories(stories, en, progress=progress)
    index_pages(ProjectPage, [p.pk for p in projects])
    index_pages(StoryPage, [story.pk for story in stories])
    return project_count, story_count


ENGLISH = dict(zip(WORDS, WORDS_EN, strict=True)) | dict(TAGS)


def to_english(text):
    """The synthetic Norwegian text in English, word for word."""

    def word(match):
        found = ENGLISH.get(match.group(0).lower(), match.group(0))
        return found.capitalize() if match.group(0)[0].isupper() else found

    return re.sub(r"[^\W\d_]+", word, text)


def translate_stories(stories, locale, progress=None):
    """Translate each story into `locale` with wagtail-localize and publish it,
    indexing the translations in bulk at the end (as imports do)."""
    with bulk_indexing() as written:
        for number, story in enumerate(stories, start=1):
            with transaction.atomic():
                source = StoryPage.objects.get(pk=story.pk)
                written.append(translate(source, locale, to_english))
            if progress and number % 250 == 0:
                progress(f"{number} of {len(stories)} stories translated")


def index_pages(model, ids):
    """Add bulk-made pages to the search index, in batches, localized in bulk."""
    from wagtail.search.backends import get_search_backend

    from stories.models.projects import prime_projects
    from stories.models.stories import prime_stories

    backend = get_search_backend()
    ids = list(ids)
    prime = prime_stories if model is StoryPage else prime_projects
    for start in range(0, len(ids), BATCH):
        pages = list(
            model.with_display_relations(
                model.objects.filter(pk__in=ids[start : start + BATCH])
            ).prefetch_related("tags", "partners" if model is ProjectPage else "tags")
        )
        prime(pages)
        backend.add_bulk(model, pages)
