"""A front end's receiver in Node.js (tests/headless/receiver.mjs, the README's
example) verifies the signature of a real delivery, and refuses a forged one."""

import json
import subprocess

import pytest

from tests.conftest import PROJECT_DIR
from tests.webhooks.conftest import SECRET
from webhooks.models import WebhookDelivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def node_receiver(receivers, settings):
    """Start the Node.js receiver with a secret; yields a function reading the
    next line it printed."""
    processes = []

    def start(secret):
        process = subprocess.Popen(
            ["node", "tests/headless/receiver.mjs"],
            cwd=PROJECT_DIR,
            env={"PATH": "/usr/bin:/bin", "WEBHOOK_SECRET": secret},
            stdout=subprocess.PIPE,
            text=True,
        )
        processes.append(process)
        port = json.loads(process.stdout.readline())["port"]
        settings.WEBHOOK_URLS = [f"http://127.0.0.1:{port}/api/rebuild"]
        return lambda: json.loads(process.stdout.readline())

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=10)


def test_the_node_receiver_verifies_a_real_delivery(node_receiver, story, committed):
    next_line = node_receiver(SECRET)

    committed(story.save_revision().publish)

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert delivery.last_response_code == 204
    assert next_line() == {
        "delivery": str(delivery.pk),
        "event": json.loads(delivery.body),
    }


def test_the_node_receiver_refuses_a_delivery_signed_with_another_secret(
    node_receiver, story, committed
):
    next_line = node_receiver("not the site's secret")

    committed(story.save_revision().publish)

    delivery = WebhookDelivery.objects.get()
    assert next_line() == {"rejected": str(delivery.pk)}
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert delivery.last_error == "HTTP 401"
