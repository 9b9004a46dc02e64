"""API query counts stay flat as lists and pages grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stories.models import StoryProject
from tests.factories import (
    ImageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def rendering_without_caches(settings):
    """Count what rendering costs, not what the caches save."""
    settings.FRAGMENT_CACHE = False
    settings.API_CACHE_SECONDS = 0


LIST_BUDGET = 20
DETAIL_BUDGET = 30


def queries(client, url):
    client.get(url)  # renditions and cached bodies are made on the first call
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


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
    five = queries(client, url)
    add_stories(index, projects, 15, start=5)
    twenty = queries(client, url)

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

    assert queries(client, f"/api/v2/pages/{small.pk}/") == queries(
        client, f"/api/v2/pages/{large.pk}/"
    )
    assert queries(client, f"/api/v2/pages/{large.pk}/") <= DETAIL_BUDGET


def test_the_project_list_costs_the_same_for_3_or_20_projects(client):
    index = ProjectIndexPageFactory()
    url = "/api/v2/pages/?type=stories.ProjectPage&fields=*&limit=20"
    for _ in range(3):
        ProjectPageFactory(parent=index)
    three = queries(client, url)
    for _ in range(17):
        ProjectPageFactory(parent=index)

    assert queries(client, url) == three
