"""Page addresses (home/page_urls.py) are exactly Wagtail's, in every language,
with and without a request, including slugs with æ, ø and å."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Page

from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_page_has_wagtails_own_address(content, language):
    StoryPageFactory(
        parent=content["story_index"], title="Blåbær", slug="blåbær-på-ærø"
    )
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    pages = list(Page.objects.specific())
    assert len(pages) > 8
    with translation.override(language):
        for page in pages:
            for asked_with in (None, request):
                assert page.get_url_parts(asked_with) == Page.get_url_parts(
                    page, asked_with
                ), page.url_path
    assert any("%C3%A6" in page.url for page in pages if "ærø" in page.url_path)
