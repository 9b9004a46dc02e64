"""Fixtures for the sharing tests."""

import pytest


@pytest.fixture
def page_cache(settings):
    """The full-page cache on (the test settings' cache; tests/conftest.py
    empties it around every test)."""
    settings.PAGE_CACHE_SECONDS = 600
