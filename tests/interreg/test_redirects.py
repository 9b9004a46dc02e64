"""A draft whose slug went away and came back answers 404, not a redirect to
itself (interreg.middleware.RedirectMiddleware)."""

import pytest
from wagtail.contrib.redirects.models import Redirect

from stories.models import StoryPage
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rename(django_capture_on_commit_callbacks):
    def rename(page, slug):
        """Change `page`'s slug, with what Wagtail does once that is committed
        (page_slug_changed: its redirects)."""
        with django_capture_on_commit_callbacks(execute=True):
            page = StoryPage.objects.get(pk=page.pk)
            page.slug = slug
            page.save()
        return page

    return rename


def test_a_draft_renamed_and_renamed_back_is_a_404_not_a_loop(client, content, rename):
    draft = StoryPageFactory(parent=content["story_index"], slug="utkast", live=False)
    rename(draft, "nytt-navn")
    rename(draft, "utkast")
    # What Wagtail leaves behind: a redirect from the draft's own address.
    assert Redirect.objects.filter(old_path="/historier/utkast").exists()

    response = client.get("/historier/utkast/")

    assert response.status_code == 404


def test_other_redirects_still_redirect(client, content, rename):
    rename(content["story"], "elgen-over-grensen").save_revision().publish()

    response = client.get("/historier/elgen/")

    assert response.status_code == 301
    assert response["Location"] == "/historier/elgen-over-grensen/"
