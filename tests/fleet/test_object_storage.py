"""With AWS_STORAGE_BUCKET_NAME set, images, their renditions and documents live
in an S3-compatible bucket (a real one on loopback: moto in server mode), and the
site and the API send readers there."""

import io
import urllib.request

import pytest
from django.conf import settings as django_settings
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from stories.models import StoryPage
from tests.factories import StoryIndexPageFactory, StoryPageFactory
from tests.services.s3 import S3Server

pytestmark = pytest.mark.django_db


@pytest.fixture
def bucket(settings):
    server = S3Server().start()
    settings.STORAGES = {
        **django_settings.STORAGES,
        "default": server.storage_settings(),
    }
    yield server
    server.stop()


def jpeg(width=1600, height=900):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (30, 90, 160)).save(buffer, "JPEG")
    buffer.seek(0)
    buffer.name = "elg.jpg"
    return buffer


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
        return response.status, response.read()


def test_the_settings_put_media_in_the_bucket_named_by_the_environment(run_manage):
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; d = settings.STORAGES['default']; "
        "print(d['BACKEND'], d['OPTIONS']['bucket_name'], "
        "d['OPTIONS']['endpoint_url'], "
        "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'][-1])",
        settings="interreg.settings.production",
        SECRET_KEY="a-production-like-secret-key-for-the-tests-only-0123456789",
        AWS_STORAGE_BUCKET_NAME="interreg-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.no",
    )

    assert result.stdout.strip().splitlines()[-1].split() == [
        "storages.backends.s3.S3Storage",
        "interreg-media",
        "https://s3.example.no",
        "https://s3.example.no",
    ]


def test_an_image_uploaded_in_the_admin_is_stored_in_the_bucket_and_read_back(
    admin_client, client, html, bucket
):
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Elgen i skogen", "file": jpeg(), "collection": 1},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = get_image_model().objects.get(title="Elgen i skogen")
    assert image.file.name in bucket.objects()

    story = StoryPageFactory(
        parent=StoryIndexPageFactory(), slug="elgen", hero_image=image
    )
    story.save_revision().publish()
    page = html(client.get("/historier/elgen/"))
    sources = [
        source["srcset"].split()[0] for source in page.select(".story__hero source")
    ]
    api = client.get(f"/api/v2/pages/{story.pk}/").json()["hero_image"]

    assert sources and all(url.startswith(bucket.endpoint) for url in sources)
    assert {rendition.file.name for rendition in image.renditions.all()} <= set(
        bucket.objects()
    )
    status, body = fetch(sources[0])
    assert status == 200 and body[:4] == b"RIFF"  # WebP, from the bucket
    api_url = api["renditions"][0]["url"]
    assert api_url.startswith(bucket.endpoint)
    assert fetch(api_url)[0] == 200
    assert StoryPage.objects.get(pk=story.pk).hero_image_id == image.pk


def test_a_document_uploaded_in_the_admin_is_served_from_the_bucket(
    admin_client, client, bucket
):
    upload = io.BytesIO(b"Sluttrapport for GRENSEVILT")
    upload.name = "sluttrapport.txt"

    response = admin_client.post(
        "/admin/documents/add/",
        {"title": "Sluttrapport", "file": upload, "collection": 1},
    )

    assert response.status_code == 302
    document = get_document_model().objects.get(title="Sluttrapport")
    assert document.file.name in bucket.objects()
    served = client.get(document.url)
    location = served["Location"] if served.status_code == 302 else None
    body = fetch(location)[1] if location else b"".join(served.streaming_content)
    assert body == b"Sluttrapport for GRENSEVILT"
