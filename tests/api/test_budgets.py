"""API query counts stay flat as lists and pages grow."""

import pytest

from stories.models import StoryProject
from tests.budgets import queries_for
from tests.factories import (
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


LIST_BUDGET = 20
DETAIL_BUDGET = 30


def add_stories(index, projects, count, start=0):
    image = ImageFactory()
    theme = ThemeFactory()
    for number in range(start, start + count):
        story = StoryPageFactory(parent=index, slug=f"api-{number}", hero_image=image)
        story.tags.add("felles", f"egen-{number}")
        story.themes.set([theme])
        StoryProject.objects.create(
            page=story, project=projects[number % len(projects)]
        )
        story.save_revision().publish()


def test_the_story_list_costs_the_same_for_5_or_20_stories(client):
    index = StoryIndexPageFactory()
    project_index = ProjectIndexPageFactory()
    projects = [ProjectPageFactory(parent=project_index) for _ in range(3)]
    url = "/api/v2/pages/?type=stories.StoryPage&fields=*&limit=20"

    add_stories(index, projects, 5)
    five = queries_for(client, url)
    add_stories(index, projects, 15, start=5)
    twenty = queries_for(client, url)

    assert five == twenty
    assert twenty <= LIST_BUDGET


def test_a_story_detail_costs_the_same_with_2_or_20_tags(client):
    index = StoryIndexPageFactory()
    small = StoryPageFactory(parent=index, slug="liten")
    small.tags.add("a", "b")
    small.save_revision().publish()
    large = StoryPageFactory(parent=index, slug="stor")
    large.tags.add(*[f"t{n}" for n in range(20)])
    large.save_revision().publish()

    assert queries_for(client, f"/api/v2/pages/{small.pk}/") == queries_for(
        client, f"/api/v2/pages/{large.pk}/"
    )
    assert queries_for(client, f"/api/v2/pages/{large.pk}/") <= DETAIL_BUDGET


def test_the_project_list_costs_the_same_for_3_or_20_projects(client):
    index = ProjectIndexPageFactory()
    url = "/api/v2/pages/?type=stories.ProjectPage&fields=*&limit=20"
    for _ in range(3):
        ProjectPageFactory(parent=index)
    three = queries_for(client, url)
    for _ in range(17):
        ProjectPageFactory(parent=index)

    assert queries_for(client, url) == three
