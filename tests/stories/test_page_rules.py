import pytest
from wagtail.models import Page

from home.models import HomePage
from stories.models import (
    ProjectIndexPage,
    ProjectPage,
    StoryIndexPage,
    StoryPage,
    TipFormPage,
)
from tests.factories import (
    ProjectIndexPageFactory,
    StoryIndexPageFactory,
    home_page,
)

pytestmark = pytest.mark.django_db


def test_the_home_page_offers_only_the_sections():
    assert set(HomePage.allowed_subpage_models()) == {
        StoryIndexPage,
        ProjectIndexPage,
        TipFormPage,
    }


def test_stories_go_only_under_the_story_index():
    assert StoryPage.allowed_parent_page_models() == [StoryIndexPage]
    assert StoryPage.can_create_at(StoryIndexPageFactory())
    assert not StoryPage.can_create_at(home_page())


def test_projects_go_only_under_the_project_index():
    assert ProjectPage.allowed_parent_page_models() == [ProjectIndexPage]
    assert ProjectPage.can_create_at(ProjectIndexPageFactory())
    assert not ProjectPage.can_create_at(StoryIndexPageFactory())


def test_stories_and_projects_have_no_children():
    assert StoryPage.allowed_subpage_models() == []
    assert ProjectPage.allowed_subpage_models() == []


def test_a_home_page_has_at_most_one_story_index():
    home = home_page()
    assert StoryIndexPage.can_create_at(home)
    StoryIndexPageFactory(parent=home)

    assert not StoryIndexPage.can_create_at(home)


def test_sections_cannot_be_created_at_the_root():
    root = Page.get_first_root_node()

    assert not StoryIndexPage.can_create_at(root)
    assert not ProjectIndexPage.can_create_at(root)
