"""Queries written as one UNION of sliced or ordered parts (related stories, a
tag's other-language word, stories about a programme) also work where the database refuses a LIMIT inside a
UNION: SQLite, which `make run` uses. There they run one query per part, with
the same result. (The suite runs on PostgreSQL; the SQLite case is made by
switching off the database feature Django asks about.)"""

import pytest
from django.db import connection

from home.frame import union_all
from stories.models import StoryPage, StoryProject
from stories.tags import translated_tag_slug
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def like_sqlite(monkeypatch):
    def switch():
        monkeypatch.setattr(
            connection.features, "supports_slicing_ordering_in_compound", False
        )

    return switch


def related_and_tag(content):
    story = StoryPage.objects.get(pk=content["story"].pk)
    return (
        [related.pk for related in story.related_stories],
        translated_tag_slug("vilt", "nb", "en"),
        translated_tag_slug("vilt-en", "en", "nb"),
    )


def test_union_all_gives_the_same_rows_as_one_query_or_one_per_part(
    content, like_sqlite
):
    def parts():
        return (
            StoryPage.objects.order_by("pk")[:1],
            StoryPage.objects.order_by("-pk")[:1],
        )

    together = sorted(story.pk for story in union_all(*parts()))
    like_sqlite()
    apart = sorted(story.pk for story in union_all(*parts()))

    assert together == apart
    assert len(apart) == 2


def test_related_stories_and_tag_words_are_the_same_without_compound_limits(
    client, content, like_sqlite
):
    about_the_same_project = StoryPageFactory(
        parent=content["story_index"], title="Elgen igjen", slug="elgen-igjen"
    )
    StoryProject.objects.create(page=about_the_same_project, project=content["project"])
    about_the_same_project.tags.add("vilt")
    about_the_same_project.save_revision().publish()
    on_postgresql = related_and_tag(content)

    like_sqlite()

    assert related_and_tag(content) == on_postgresql
    assert on_postgresql[0] == [about_the_same_project.pk]
    assert client.get("/historier/elgen/").status_code == 200
    assert client.get("/historier/?tag=vilt").status_code == 200
    # Stories about a programme: its projects' and its own, in a UNION too.
    by_programme = client.get(f"/historier/?programme={content['programme'].slug}")
    assert "Elgen igjen" in by_programme.content.decode()
