"""On the database worker (production), publishing only queues the delivery: a
hanging receiver is contacted by the worker, never by the publishing request."""

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.services.webhooks import HANG
from tests.webhooks.conftest import SECRET, time_passes
from webhooks.models import WebhookDelivery

# The worker is another process: the publish must really commit. Each test
# starts from the database as migrations left it (as the browser tests do).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def deliveries_queued(**filters):
    return DBTaskResult.objects.filter(
        task_path="webhooks.tasks.deliver_webhook", **filters
    )


@pytest.fixture
def database_worker(settings, run_manage):
    """Tasks go to the database queue; `run()` lets `manage.py db_worker` work
    through what is due, in its own process with the production settings."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    database = connection.settings_dict

    def run():
        result = run_manage(
            "db_worker",
            "--batch",
            "--no-startup-delay",
            "--interval=0",
            settings="interreg.settings.production",
            SECRET_KEY="worker-test-secret-key-that-is-long-enough-for-checks",
            DATABASE_URL=(
                f"postgres://{database['USER']}@{database['HOST']}:"
                f"{database['PORT']}/{database['NAME']}"
            ),
            TASK_BACKEND="django_tasks_db.DatabaseBackend",
            WEBHOOK_URLS=",".join(settings.WEBHOOK_URLS),
            WEBHOOK_SECRET=SECRET,
            WEBHOOK_TIMEOUT=str(settings.WEBHOOK_TIMEOUT),
        )
        assert result.returncode == 0, result.stderr

    return run


def test_publishing_does_not_wait_for_a_hanging_receiver(
    receivers, story, database_worker
):
    receiver = receivers.answering(HANG)

    story.save_revision().publish()

    # Publishing has returned without contacting the receiver: the delivery is
    # recorded and queued, nothing more.
    assert receiver.received == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.attempt_count == 0
    assert deliveries_queued(status="READY").count() == 1

    database_worker()

    delivery.refresh_from_db()
    assert len(receiver.received) == 1
    assert delivery.attempt_count == 1
    assert "ReadTimeout" in delivery.last_error
    retry = deliveries_queued().get(status="READY")
    assert retry.run_after == delivery.next_attempt_at > timezone.now()


def test_the_worker_retries_when_the_backoff_is_over(receivers, story, database_worker):
    receiver = receivers.answering(500, 200)
    story.save_revision().publish()
    database_worker()

    time_passes()
    deliveries_queued(status="READY").update(run_after=timezone.now())
    database_worker()

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert [a.response_code for a in delivery.attempts.all()] == [500, 200]
    assert [r.delivery_id for r in receiver.received] == [str(delivery.pk)] * 2
