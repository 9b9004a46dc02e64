"""Media addresses, on the site and in the API, are exactly Django's, made
without parsing them again (home/storage.py, stories/api/images.py)."""

import itertools

import pytest
from django.core.files.storage import FileSystemStorage, default_storage

from home.storage import MediaStorage
from stories.api.images import absolute_url

NAMES = [
    "images/elg.fill-400x225.format-webp.webp",
    "original_images/Elg_i_skogen-2.JPG",
    "documents/årsrapport 2024.pdf",
    "images/a b.jpg",
    "images/x?y#z.jpg",
    "images/50%.jpg",
    "images/./elg.jpg",
    "images/../elg.jpg",
    "../elg.jpg",
    "./elg.jpg",
    "images/.",
    "..",
    ".hidden",
    "a..b/c.jpg",
    "/images/elg.jpg",
    "images//elg.jpg",
    "images/",
    "http://evil.example/x.jpg",
    "javascript:alert(1)",
    "C:\\images\\elg.jpg",
    "",
]
BASES = ["/media/", "https://media.interreg.no/m/", "/", "media/"]


def test_the_default_storage_is_the_media_storage():
    assert isinstance(default_storage, MediaStorage)


@pytest.mark.parametrize("base_url", BASES)
def test_every_address_is_the_one_djangos_storage_gives(base_url):
    django_storage = FileSystemStorage(base_url=base_url)
    ours = MediaStorage(base_url=base_url)
    # The named edge cases, and every name of up to three of the characters
    # that quote() or urljoin() treat specially.
    generated = ["".join(chars) for chars in itertools.product("a/.%: æ\\", repeat=3)]
    for name in NAMES + generated:
        assert ours.url(name) == django_storage.url(name), name


@pytest.mark.parametrize(
    ("host", "secure"), [("testserver", False), ("api.interreg.no:8443", True)]
)
def test_api_addresses_are_the_ones_build_absolute_uri_gives(
    rf, settings, host, secure
):
    settings.WAGTAILAPI_BASE_URL = ""
    settings.ALLOWED_HOSTS = ["*"]
    request = rf.get("/api/v2/pages/", HTTP_HOST=host, secure=secure)
    paths = ["/media/" + name for name in NAMES] + [
        "/historier/elgen/",
        "/en/stories/the-moose/",
        "//evil.example/x",
        "/",
        "/media/images/a/./b.jpg",
    ]
    for path in paths:
        assert absolute_url(path, request) == request.build_absolute_uri(path), path
