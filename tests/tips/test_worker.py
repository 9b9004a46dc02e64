"""Production hands tasks to the database worker (`manage.py db_worker`, the
Procfile's `worker`): the real worker process, the real SMTP listener.

Tips and their e-mail wait while the worker is down and go once it runs; a
worker killed in the middle of talking to the mail server leaves the message
to go exactly once after it comes back."""

import os
import signal
import subprocess
import sys
import time

import pytest

from stories.models import OutgoingEmail
from tests.services.gunicorn import PROJECT_DIR, manage, production_env

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CLAIM_SECONDS = 4
EDITORS = "interreg@pkom.no"
TIPSTER = "kari@example.no"


@pytest.fixture
def database_tasks(settings):
    """This process queues tasks in the database, as production does."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def worker_env(smtp):
    return production_env(
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=smtp.port,
        EMAIL_TIMEOUT=2,
        OUTBOX_CLAIM_SECONDS=CLAIM_SECONDS,
    )


class Worker:
    def __init__(self, env):
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2"],
            cwd=PROJECT_DIR,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_production_uses_the_database_worker_by_default(run_manage):
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])",
        settings="interreg.settings.production",
        SECRET_KEY="a-production-like-secret-key-for-the-tests-only-0123456789",
        TASK_BACKEND="",
    )

    assert result.stdout.strip().splitlines()[-1] == "django_tasks_db.DatabaseBackend"


def test_tips_wait_while_the_worker_is_down_and_go_once_it_runs(
    tip_page, submit, smtp, database_tasks, worker_env
):
    submit("/tips-oss/")
    submit("/en/send-a-tip/")
    time.sleep(1)

    assert smtp.messages == []  # nothing is sent from the reader's request
    assert OutgoingEmail.objects.filter(status="pending").count() == 4

    worker = Worker(worker_env)
    try:
        assert wait_for(lambda: len(smtp.messages) == 4)
    finally:
        worker.stop()
    assert len(smtp.to(EDITORS)) == 2
    assert len(smtp.to(TIPSTER)) == 2
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"sent"}


def test_a_worker_killed_while_sending_leaves_the_email_to_go_once(
    tip_page, submit, smtp, database_tasks, worker_env
):
    smtp.inbox.hanging.set()
    submit("/tips-oss/")
    first = Worker(worker_env)
    try:
        assert smtp.inbox.waiting.wait(60)  # in the middle of the conversation
    finally:
        first.kill()
    smtp.inbox.hanging.clear()

    # The worker comes back as the Procfile starts it.
    manage(worker_env, "send_tip_notifications", "--queue")
    second = Worker(worker_env)
    try:
        assert wait_for(
            lambda: len(smtp.to(EDITORS)) == 1 and len(smtp.to(TIPSTER)) == 1
        )
        time.sleep(CLAIM_SECONDS + 1)  # nothing else is on its way
    finally:
        second.stop()
    assert len(smtp.to(EDITORS)) == 1
    assert len(smtp.to(TIPSTER)) == 1
