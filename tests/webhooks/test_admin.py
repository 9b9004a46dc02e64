"""Reports → Webhook deliveries: publishers see every delivery and attempt (status,
response code, next retry) and can send one again."""

import datetime
import json
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from webhooks.models import WebhookDelivery

pytestmark = pytest.mark.django_db

REPORT = reverse("webhooks_deliveries")


@pytest.fixture
def failed_once(receivers, story, committed):
    """A story published while its receiver answered 500."""
    receiver = receivers.answering(500, 200)
    committed(story.save_revision().publish)
    return receiver


def cells(page):
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in page.select("tbody tr")
    ]


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_publishers_find_webhook_deliveries_under_reports(client, people, role):
    client.force_login(people[role])

    assert REPORT in client.get("/admin/").content.decode()
    assert client.get(REPORT).status_code == 200


def test_translators_neither_see_nor_resend_deliveries(
    client, people, failed_once, committed
):
    client.force_login(people["translator"])
    delivery = WebhookDelivery.objects.get()

    assert REPORT not in client.get("/admin/").content.decode()
    # Refused: Wagtail sends them back to the dashboard.
    assert client.get(REPORT)["Location"] == "/admin/"
    delivery_page = reverse("webhooks_delivery", args=[delivery.pk])
    assert client.get(delivery_page)["Location"] == "/admin/"
    resend = reverse("webhooks_resend", args=[delivery.pk])
    assert committed(client.post, resend)["Location"] == "/admin/"
    assert len(failed_once.received) == 1


def test_the_report_lists_status_response_code_and_next_retry(
    client, people, failed_once, story, html
):
    client.force_login(people["editor"])
    delivery = WebhookDelivery.objects.get()

    page = html(client.get(REPORT))

    [row] = cells(page)
    assert row[0] == story.title
    receiver_host = urlsplit(delivery.url).netloc
    assert row[1:6] == ["Side publisert", receiver_host, "Venter", "500", "HTTP 500"]
    next_retry = page.select("tbody tr td")[6].select_one("time")["datetime"]
    assert datetime.datetime.fromisoformat(next_retry) == delivery.next_attempt_at


def test_the_report_filters_by_status(client, people, failed_once):
    client.force_login(people["editor"])

    assert client.get(f"{REPORT}?status=pending").content.count(b"HTTP 500") == 1
    assert b"HTTP 500" not in client.get(f"{REPORT}?status=delivered").content


def test_a_delivery_shows_its_payload_and_every_attempt(
    client, people, failed_once, story, html
):
    client.force_login(people["editor"])
    delivery = WebhookDelivery.objects.get()

    page = html(client.get(reverse("webhooks_delivery", args=[delivery.pk])))

    assert json.loads(page.select_one("pre").text) == json.loads(delivery.body)
    assert str(delivery.pk) in page.text
    assert cells(page)[0][2:5] == ["Feilet", "500", "HTTP 500"]


def test_an_editor_resends_a_failed_delivery(
    client, people, failed_once, committed, settings
):
    delivery = WebhookDelivery.objects.get()
    WebhookDelivery.objects.update(status=WebhookDelivery.Status.FAILED)
    client.force_login(people["editor"])

    response = committed(
        client.post,
        reverse("webhooks_resend", args=[delivery.pk]),
        {"next": REPORT},
    )

    assert response.status_code == 302
    assert response["Location"] == REPORT
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert delivery.resent_by == people["editor"]
    first, resent = failed_once.received
    assert (resent.delivery_id, resent.body) == (first.delivery_id, first.body)
