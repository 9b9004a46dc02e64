"""Counting the queries of a request with every cache of ours off, as the
query-budget tests do (issue #15).

The budgets are the issue's numbers, per request, in both languages. Each
includes what Wagtail itself costs and cannot be avoided here:

- finding the Site for the request's host (`Site.find_for_request`): 1 query;
- Wagtail's site root paths, which `Page.get_url` needs: none here, because
  Wagtail keeps them in Django's cache (Redis in production); without any cache
  (production without REDIS_URL) they cost 2 more queries per request.
"""

import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

STORY_PAGE = 12
PROJECT_PAGE = 12
HOME_PAGE = 15
STORY_INDEX = 12
PROJECT_INDEX = 12
SEARCH = 10
API_LIST = 15
API_DETAIL = 10
FEED = 10
SITEMAP = 10


@pytest.fixture
def rendering_without_caches(settings):
    """Count what rendering costs, not what the caches save."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE = False
    settings.API_CACHE_SECONDS = 0


def queries_for(client, url):
    """Queries of a warm request: renditions and the like exist by then."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    if os.environ.get("SHOW_QUERY_COUNTS"):
        print(f"\n{len(captured):3d} queries  {url}")  # noqa: T201
    return len(captured)
