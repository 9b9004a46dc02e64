"""Two app servers, one site: two gunicorn servers on different ports share
PostgreSQL, Redis and an S3-compatible bucket, with the task worker beside them.

An image uploaded through one is served by the other, a publish through one is
live on the other at once, an editor's session works on both, the tip rate
limit counts across both, and the worker delivers the tips' e-mail."""

import io
import os
import re
import time

import pytest
import requests
from django.contrib.auth.models import User
from PIL import Image as PILImage
from wagtail.images import get_image_model

from stories.models import StoryPage
from tests.factories import StoryIndexPageFactory, StoryPageFactory
from tests.services.gunicorn import gunicorn, production_env
from tests.services.s3 import S3Server
from tests.tips.test_worker import Worker, wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "et-langt-passord-for-flaten"  # noqa: S105


@pytest.fixture
def shared(smtp):
    """The bucket, a Redis database of this test's own, and the mail server."""
    bucket = S3Server().start()
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    redis = f"redis://127.0.0.1:6379/{13 - int(worker.removeprefix('gw') or 0)}"
    env = production_env(
        REDIS_URL=redis,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=smtp.port,
        EMAIL_TIMEOUT=5,
        TIP_RATE_LIMIT=2,
        TIP_MIN_FILL_SECONDS=0,
        **bucket.environment(),
    )
    import redis as redis_client

    redis_client.Redis.from_url(redis).flushdb()
    yield env, bucket
    bucket.stop()


def csrf(session, server, path):
    page = session.get(server.url + path, timeout=30)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]


def log_in(session, server, username):
    token = csrf(session, server, "/admin/login/")
    response = session.post(
        server.url + "/admin/login/",
        {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
        headers={"Referer": server.url + "/admin/login/"},
        timeout=30,
    )
    assert response.url.rstrip("/").endswith("/admin"), response.text[:500]


def jpeg():
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (200, 60, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def tip(server, key):
    started = requests.get(server.url + "/api/tips/?lang=nb", timeout=30).json()
    return requests.post(
        server.url + "/api/tips/?lang=nb",
        json={
            "started": started["started"],
            "name": "Kari Nordmann",
            "email": "kari@example.no",
            "story": "Elgen krysset grensen igjen.",
            "consent": True,
        },
        headers={"Idempotency-Key": key},
        timeout=30,
    )


def test_two_servers_serve_one_site(shared, tip_page, smtp, tmp_path, settings):
    env, bucket = shared
    # A password the servers can check (the tests' own hasher is a fast one).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    User.objects.create_superuser("redaktor", "r@example.no", PASSWORD)
    story = StoryPageFactory(parent=StoryIndexPageFactory(), slug="elgen", live=False)
    story.save_revision()
    with (
        gunicorn(env, tmp_path / "a", workers=1) as first,
        gunicorn(env, tmp_path / "b", workers=1) as second,
    ):
        editor = requests.Session()
        log_in(editor, first, "redaktor")

        # The editor's session works on the other server too.
        dashboard = editor.get(second.url + "/admin/", timeout=30)
        assert dashboard.status_code == 200 and "/admin/login/" not in dashboard.url

        # An image uploaded through the first server...
        token = csrf(editor, first, "/admin/images/add/")
        upload = editor.post(
            first.url + "/admin/images/add/",
            data={"csrfmiddlewaretoken": token, "title": "Elg", "collection": "1"},
            files={"file": ("elg.jpg", jpeg(), "image/jpeg")},
            headers={"Referer": first.url + "/admin/images/add/"},
            timeout=60,
        )
        assert upload.status_code == 200, upload.text[:500]
        image = get_image_model().objects.get(title="Elg")
        assert image.file.name in bucket.objects()
        StoryPage.objects.filter(pk=story.pk).update(hero_image=image)
        revision = StoryPage.objects.get(pk=story.pk).save_revision()

        # ...is shown by the second, from the bucket, once published through the
        # first: the second server has it live at once.
        assert second.get("/historier/elgen/")[0] == 404
        published = editor.post(
            f"{first.url}/admin/bulk/wagtailcore/page/publish/?id={story.pk}",
            {"csrfmiddlewaretoken": editor.cookies["csrftoken"]},
            headers={"Referer": first.url + "/admin/"},
            timeout=60,
        )
        assert published.history and published.history[0].status_code == 302
        assert StoryPage.objects.get(pk=story.pk).live
        status, _headers, body = second.get("/historier/elgen/")
        assert status == 200
        rendition = re.search(
            rf'srcset="({re.escape(bucket.endpoint)}[^" ]+)', body.decode()
        )
        assert rendition, "the page shows a rendition from the bucket"
        assert requests.get(rendition[1], timeout=30).status_code == 200
        assert StoryPage.objects.get(pk=story.pk).live_revision_id == revision.pk

        # The tip rate limit counts across both servers.
        answers = [
            tip(server, f"key-{n}").status_code
            for n, server in enumerate([first, second, first])
        ]
        assert answers == [201, 201, 429]

    worker = Worker(env)
    try:
        assert wait_for(lambda: len(smtp.to("interreg@pkom.no")) == 2)
        time.sleep(1)
    finally:
        worker.stop()
    assert len(smtp.to("interreg@pkom.no")) == 2
    assert len(smtp.to("kari@example.no")) == 2
