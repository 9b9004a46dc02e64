"""A publish, scheduled publication or unpublish made by any process is seen by
every gunicorn worker on the very next request: page, index, API, feed, sitemap.

Real gunicorn with two workers on the production settings, with Redis (the
shared caches on) and without (the caches off, as the settings decide)."""

import datetime
import os
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import cache
from django.utils import timezone

from stories.models import StoryPage
from tests.services.gunicorn import gunicorn, manage, production_env

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

READS = 12  # per address and round, six at a time
ROUNDS = 10  # at most, until both workers have answered


@pytest.fixture
def redis_url(settings):
    """A Redis database of this test's own, shared with the servers it starts."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    number = 15 - int(worker.removeprefix("gw") or 0)
    url = f"redis://127.0.0.1:6379/{number}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "interreg",
        }
    }
    cache.clear()
    yield url
    cache.clear()


def read_everywhere(server, path):
    """Every answer to READS requests for `path`, and which workers gave them."""
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda _n: server.get(path), range(READS)))
    return answers


def addresses(story):
    return [
        "/historier/elgen/",
        "/historier/",
        f"/api/v2/pages/{story.pk}/",
        "/historier/feed/",
        "/en/stories/",
    ]


def assert_fresh(server, paths, text):
    """Every answer for `paths` shows `text`, read until both workers have
    answered each path (one fast worker may take a whole round of requests)."""
    for path in paths:
        since = len(server.answers())
        for _round in range(ROUNDS):
            answers = read_everywhere(server, path)
            assert all(status == 200 for status, _h, _b in answers), server.errors()
            assert all(text in body.decode() for _s, _h, body in answers), path
            if len(server.pids(path, since=since)) == 2:
                break
        assert len(server.pids(path, since=since)) == 2, f"both workers answered {path}"


def retitle(story, title, **revision):
    story = StoryPage.objects.get(pk=story.pk)
    story.title = title
    return story.save_revision(**revision)


@pytest.mark.parametrize("shared_cache", [True, False], ids=["redis", "no-redis"])
def test_a_change_from_any_process_is_seen_by_both_workers_at_once(
    content, tmp_path, request, shared_cache
):
    extra = {"REDIS_URL": request.getfixturevalue("redis_url")} if shared_cache else {}
    env = production_env(**extra)
    story = content["story"]
    paths = addresses(story)[:4]
    with gunicorn(env, tmp_path, workers=2) as server:
        assert_fresh(server, paths, "Elgen kjenner ingen grenser")
        if shared_cache:
            status, headers, _body = server.get("/historier/elgen/")
            assert headers["X-Page-Cache"] == "hit"

        retitle(story, "Elgen i ny drakt").publish()
        assert_fresh(server, paths, "Elgen i ny drakt")

        retitle(
            story,
            "Elgen til rett tid",
            approved_go_live_at=timezone.now() - datetime.timedelta(seconds=1),
        )
        manage(env, "publish_scheduled")
        assert_fresh(server, paths, "Elgen til rett tid")

        manage(
            env,
            "shell",
            "-c",
            f"from wagtail.models import Page; Page.objects.get(pk={story.pk}).specific.unpublish()",
        )
        for path in ["/historier/elgen/", f"/api/v2/pages/{story.pk}/"]:
            assert {status for status, _h, _b in read_everywhere(server, path)} == {404}
        for path in ["/historier/", "/historier/feed/", "/sitemap.xml"]:
            bodies = [body.decode() for _s, _h, body in read_everywhere(server, path)]
            assert not any(
                "Elgen til rett tid" in body or "/historier/elgen/" in body
                for body in bodies
            ), path


SECRET = "a-production-like-secret-key-for-the-tests-only-0123456789"  # noqa: S105
CACHE_SETTINGS = (
    "from django.conf import settings; print(settings.CACHES['default']['BACKEND'],"
    " settings.PAGE_CACHE_SECONDS, settings.FRAGMENT_CACHE, settings.API_CACHE_SECONDS)"
)


def production_caches(run_manage, **env):
    """The cache backend and the three caches' settings, as production reads them."""
    result = run_manage(
        "shell",
        "-c",
        CACHE_SETTINGS,
        settings="interreg.settings.production",
        SECRET_KEY=SECRET,
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1].split()


def test_production_without_redis_runs_with_the_shared_caches_off(run_manage):
    assert production_caches(run_manage, REDIS_URL="") == [
        "django.core.cache.backends.dummy.DummyCache",
        "0",
        "False",
        "0",
    ]


@pytest.mark.parametrize(
    "variable",
    ["PAGE_CACHE_SECONDS=600", "FRAGMENT_CACHE=true", "API_CACHE_SECONDS=60"],
)
def test_a_cache_without_redis_is_refused_with_a_message_naming_redis_url(
    run_manage, variable
):
    name, value = variable.split("=")
    result = run_manage(
        "check",
        settings="interreg.settings.production",
        SECRET_KEY=SECRET,
        REDIS_URL="",
        **{name: value},
    )

    assert result.returncode != 0
    assert f"{name} needs REDIS_URL" in result.stderr


def test_production_with_redis_turns_the_shared_caches_on(run_manage):
    assert production_caches(run_manage, REDIS_URL="redis://127.0.0.1:6379/14") == [
        "django.core.cache.backends.redis.RedisCache",
        "600",
        "True",
        "600",
    ]
