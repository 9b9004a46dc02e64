"""Query counts stay flat as stories grow: more tags, blocks or stories cost nothing."""

import pytest

from stories.models import StoryProject
from tests.budgets import queries_for
from tests.factories import (
    ContactFactory,
    ImageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    ThemeFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("rendering_without_caches"),
]


STORY_PAGE_BUDGET = 34
STORY_INDEX_BUDGET = 35


def body(blocks, image):
    kinds = [
        {"type": "paragraph", "value": "<p>Et avsnitt om samarbeid.</p>"},
        {"type": "heading", "value": {"text": "Mellomtittel", "level": "h2"}},
        {
            "type": "image",
            "value": {
                "image": image.pk,
                "alt_text": "Et bilde",
                "caption": "",
                "credit": "",
            },
        },
        {"type": "quote", "value": {"quote": "Det nytter.", "attribution": "Kari"}},
        {
            "type": "key_figures",
            "value": {
                "title": "Tall",
                "figures": [{"value": "12", "label": "partnere"}],
            },
        },
    ]
    return [kinds[i % len(kinds)] for i in range(blocks)]


def make_story(index, projects, slug, tags, blocks):
    image = ImageFactory()
    project = ProjectPageFactory(parent=projects)
    story = StoryPageFactory(
        parent=index,
        slug=slug,
        body=body(blocks, image),
        hero_image=image,
        contact=ContactFactory(),
    )
    story.themes.set([ThemeFactory()])
    story.tags.add(*[f"{slug}-emne-{n}" for n in range(tags)])
    StoryProject.objects.create(page=story, project=project)
    story.save_revision().publish()
    return story


def test_a_story_page_costs_the_same_with_2_or_20_tags_and_3_or_30_blocks(client):
    index = StoryIndexPageFactory()
    projects = ProjectIndexPageFactory()
    make_story(index, projects, "liten", tags=2, blocks=3)
    make_story(index, projects, "stor", tags=20, blocks=30)

    small = queries_for(client, "/historier/liten/")
    large = queries_for(client, "/historier/stor/")

    assert small == large
    assert large <= STORY_PAGE_BUDGET


def test_the_story_index_costs_the_same_with_5_or_50_stories(client):
    index = StoryIndexPageFactory()
    image = ImageFactory()

    def add_stories(start, count):
        for number in range(start, start + count):
            story = StoryPageFactory(parent=index, hero_image=image, slug=f"s-{number}")
            story.tags.add("felles", f"egen-{number}")
            story.save()

    add_stories(0, 5)
    with_five = queries_for(client, "/historier/")
    add_stories(5, 45)
    with_fifty = queries_for(client, "/historier/?page=1")

    assert with_five == with_fifty
    assert with_fifty <= STORY_INDEX_BUDGET
