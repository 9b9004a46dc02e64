"""Counting the queries of a request, as the query-budget tests do."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.fixture
def rendering_without_caches(settings):
    """Count what rendering costs, not what the caches save."""
    settings.FRAGMENT_CACHE = False
    settings.API_CACHE_SECONDS = 0


def queries_for(client, url):
    """Queries of a warm request: renditions and the like exist by then."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)
