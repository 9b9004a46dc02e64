import time

import pytest
from django.core import signing
from django.core.cache import cache

from stories.models import Tip
from stories.tips.forms import SIGNING_SALT

pytestmark = pytest.mark.django_db


def test_a_filled_honeypot_is_refused_and_not_stored(submit, html, tip_page):
    response = submit("/tips-oss/", website="https://spam.example")

    assert "automatisk søppelpost" in html(response).select_one(".form-errors").text
    assert not Tip.objects.exists()


def test_a_form_sent_faster_than_a_person_types_is_refused(
    submit, html, tip_page, settings
):
    settings.TIP_MIN_FILL_SECONDS = 60

    response = submit("/en/send-a-tip/")

    assert "That was very quick" in html(response).select_one(".form-errors").text
    assert not Tip.objects.exists()


def test_a_form_filled_in_at_a_human_pace_is_accepted(submit, tip_page, settings):
    settings.TIP_MIN_FILL_SECONDS = 3
    ten_seconds_ago = signing.dumps(time.time() - 10, salt=SIGNING_SALT)

    submit("/tips-oss/", started=ten_seconds_ago)

    assert Tip.objects.count() == 1


def test_a_forged_timestamp_is_refused(submit, html, tip_page):
    response = submit("/en/send-a-tip/", started="12345")

    assert "The form had expired" in html(response).select_one(".form-errors").text
    assert not Tip.objects.exists()


def test_too_many_tips_from_one_address_are_refused(submit, html, tip_page, settings):
    settings.TIP_RATE_LIMIT = 2
    submit("/tips-oss/")
    submit("/tips-oss/")

    response = submit("/en/send-a-tip/")

    assert response.status_code == 429
    assert (
        "several tips in a short time" in html(response).select_one(".form-errors").text
    )
    assert Tip.objects.count() == 2


def test_overlong_text_is_refused(submit, html, tip_page):
    response = submit("/en/send-a-tip/", story="x" * 5001)

    assert "at most 5000 characters" in html(response).select_one(".form-errors").text
    assert not Tip.objects.exists()


def test_correcting_a_form_five_times_does_not_lock_the_tipster_out(
    submit, html, tip_page, settings
):
    settings.TIP_RATE_LIMIT = 2
    for _attempt in range(5):
        refused = submit("/tips-oss/", email="ikke-en-adresse")
        assert refused.status_code == 200
        assert html(refused).select_one(".form-field--error")

    accepted = submit("/tips-oss/")

    assert accepted.status_code == 200
    assert Tip.objects.count() == 1


def test_the_limit_holds_in_every_process_because_it_counts_stored_tips(
    submit, tip_page, settings
):
    settings.TIP_RATE_LIMIT = 2
    submit("/tips-oss/")
    submit("/tips-oss/")
    cache.clear()  # nothing of the limit lives in one process's memory

    assert submit("/en/send-a-tip/").status_code == 429
