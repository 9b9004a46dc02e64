import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import StoryIndexPageFactory, StoryPageFactory
from tests.services.webhooks import WebhookReceiver, closed_port_url
from webhooks.models import WebhookDelivery

SECRET = "a-long-random-secret-shared-with-the-receivers"  # noqa: S105


class Receivers:
    """Receivers on loopback, each added to WEBHOOK_URLS as it starts."""

    def __init__(self, settings):
        self.settings = settings
        self.started = []
        settings.WEBHOOK_URLS = []
        settings.WEBHOOK_SECRET = SECRET
        settings.WEBHOOK_TIMEOUT = 1

    def answering(self, *answers):
        receiver = WebhookReceiver(*answers).__enter__()
        self.started.append(receiver)
        self.settings.WEBHOOK_URLS = [*self.settings.WEBHOOK_URLS, receiver.url]
        return receiver

    def down(self):
        url = closed_port_url()
        self.settings.WEBHOOK_URLS = [*self.settings.WEBHOOK_URLS, url]
        return url

    def stop(self):
        for receiver in self.started:
            receiver.__exit__(None, None, None)


@pytest.fixture
def receivers(settings):
    started = Receivers(settings)
    yield started
    started.stop()


@pytest.fixture
def story(db):
    """A published story (published before any receiver is configured)."""
    story = StoryPageFactory(parent=StoryIndexPageFactory(), slug="elgen")
    story.save_revision().publish()
    return story


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as the admin does: it commits, then its on-commit work runs
    (with the immediate task backend of the test settings: the delivery)."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


def time_passes():
    """Every waiting delivery's next attempt is due now."""
    WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING).update(
        next_attempt_at=timezone.now()
    )


def send_due():
    call_command("send_webhooks", verbosity=0)
