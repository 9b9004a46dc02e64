import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from stories.models import ProjectPage, StoryPage
from tests.services.smtp import SMTPServer, use_smtp

PROJECT_DIR = Path(__file__).resolve().parent.parent

pytest_plugins = ["tests.content", "tests.budgets"]


@pytest.fixture
def html():
    """Parse a response's HTML."""

    def parse(response):
        return BeautifulSoup(response.content, "html.parser")

    return parse


@pytest.fixture
def run_manage():
    """Run `manage.py` in a fresh process with the given environment variables."""

    def run(*args, settings="interreg.settings.test", **env):
        full_env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings,
            **env,
        }
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=PROJECT_DIR,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    return run


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory):
    """Uploaded files and renditions go to a temporary folder, never media/."""
    settings.MEDIA_ROOT = str(tmp_path_factory.getbasetemp() / "media")


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language, whatever the last one did."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """The cache (rate limits, fragments) starts empty in every test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def smtp(settings):
    """A real SMTP server on loopback that this process sends its e-mail to."""
    server = SMTPServer().start()
    use_smtp(settings, server.port)
    yield server
    server.stop()


@pytest.fixture
def story_body(monkeypatch):
    """Add a block to the story and project bodies, as editing StoryBodyBlock
    would."""

    def add(name, block):
        block.set_name(name)
        for model in (StoryPage, ProjectPage):
            body = model._meta.get_field("body").stream_block
            monkeypatch.setitem(body.child_blocks, name, block)

    return add
