"""A translator downloads a PO file, fills it with ordinary PO tools and uploads it."""

import subprocess

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail_localize.models import Translation

pytestmark = pytest.mark.django_db

ENGLISH = {
    "Elgen kjenner ingen grenser": "A moose without borders",
    "Forskere på begge sider av grensen følger elgen.": "Researchers on both sides follow the moose.",
    "Samarbeidet ga resultater.": "Working together paid off.",
    "vilt": "wildlife",
    "samarbeid": "cooperation",
}


@pytest.fixture
def translator(client, people):
    client.force_login(people["translator"])
    return people["translator"]


def test_po_round_trip_fills_the_english_draft(
    client, content, english, translator, tmp_path, html
):
    translation = Translation.objects.get(
        source__object_id=content["story"].translation_key, target_locale=english
    )

    download = client.get(
        reverse("wagtail_localize:download_pofile", args=[translation.pk])
    )
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    for entry in po:
        if entry.msgid in ENGLISH:
            entry.msgstr = ENGLISH[entry.msgid]
    path = tmp_path / "story-en.po"
    po.save(str(path))
    check = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr

    upload = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {
            "file": SimpleUploadedFile("story-en.po", path.read_bytes()),
            "next": "/admin/",
        },
    )
    assert upload.status_code == 302

    preview = client.get(
        reverse("wagtail_localize:preview_translation", args=[translation.pk])
    )
    page = html(preview)
    assert page.select_one("h1").text.strip() == "A moose without borders"
    assert (
        "Researchers on both sides follow the moose." in page.select_one(".lead").text
    )
    assert "Working together paid off." in page.select_one(".story__body").text
