"""Tips in the admin and in CSV/Excel exports read as words, in the user's language."""

import csv
import io

import openpyxl
import pytest
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from stories.models import Tip

pytestmark = pytest.mark.django_db

TIPS = "/admin/snippets/stories/tip/"


@pytest.fixture
def tip(submit, tip_page):
    submit("/tips-oss/")
    tip = Tip.objects.get()
    tip.status = Tip.Status.PUBLISHED
    tip.save()
    return tip


def editor_speaking(client, people, language):
    editor = people["editor"]
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    client.force_login(editor)
    return client


def csv_rows(client, browser_language="en"):
    # The browser asks for another language: the user's setting decides.
    response = client.get(f"{TIPS}?export=csv", HTTP_ACCEPT_LANGUAGE=browser_language)
    assert response.status_code == 200
    # The server writes a streamed response after the view has returned, in
    # the language the request's middleware chose.
    with translation.override(browser_language):
        text = b"".join(response.streaming_content).decode()
    return [dict(row) for row in csv.DictReader(io.StringIO(text))]


def test_a_norwegian_editor_exports_norwegian_headings_and_words(client, people, tip):
    rows = csv_rows(editor_speaking(client, people, "nb"))

    assert len(rows) == 1
    row = rows[0]
    assert row["Status"] == "Publisert"
    assert row["Språk"] == "norsk bokmål"
    assert row["Samtykke"] == "Ja"
    assert row["Sammendrag"].startswith("Vi har fulgt elgen")
    assert row["E-post"] == "kari@example.no"
    local_time = timezone.localtime(tip.submit_time)
    assert row["Tidspunkt innsendt"] == local_time.strftime("%Y-%m-%d %H:%M")


def test_an_english_editor_exports_english_headings_and_words(client, people, tip):
    row = csv_rows(editor_speaking(client, people, "en"), browser_language="nb")[0]

    assert row["Status"] == "Published"
    assert row["Language"] == "Norwegian Bokmål"
    assert row["Consent"] == "Yes"
    assert row["Summary"].startswith("Vi har fulgt elgen")


def test_the_excel_export_has_the_same_words(client, people, tip):
    editor_speaking(client, people, "nb")

    response = client.get(f"{TIPS}?export=xlsx", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    headings, values = list(workbook.active.values)
    row = dict(zip(headings, values, strict=True))
    assert row["Status"] == "Publisert"
    assert row["Språk"] == "norsk bokmål"
    assert row["Samtykke"] == "Ja"


def test_the_tip_shows_the_consent_as_yes(client, people, tip, html):
    editor_speaking(client, people, "nb")

    page = html(client.get(f"{TIPS}edit/{tip.pk}/"))

    shown = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
        for dt in page.select("dl.tip-content dt")
    }
    assert shown[
        "Jeg samtykker i at opplysningene mine lagres slik det står under."
    ] == ("Ja")
