from django.core.management.base import BaseCommand

from webhooks.delivery import attempt_delivery, due_deliveries


class Command(BaseCommand):
    help = (
        "Send every webhook delivery that is due: new ones the task queue did not "
        "take, and retries where the task backend cannot defer them (the "
        "immediate backend). Safe to run as often as you like, e.g. every minute."
    )

    def handle(self, *args, **options):
        attempts = [attempt_delivery(pk) for pk in list(due_deliveries())]
        attempts = [attempt for attempt in attempts if attempt is not None]
        delivered = sum(attempt.succeeded for attempt in attempts)
        self.stdout.write(
            f"Tried {len(attempts)} webhook deliveries: {delivered} delivered, "
            f"{len(attempts) - delivered} to be retried or given up."
        )
