from django.core.management.base import BaseCommand

from stories.tips import outbox


class Command(BaseCommand):
    help = (
        "Deliver every e-mail in the outbox that is due (for instance because the "
        "mail server was down), or with --queue hand every unsent one to the task "
        "worker. Each message still goes exactly once; safe to run at any time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Queue the unsent messages for the task worker instead of sending.",
        )

    def handle(self, *args, queue, **options):
        if queue:
            count = outbox.queue_unsent()
            self.stdout.write(f"Queued {count} unsent e-mails.")
            return
        sent, failed = outbox.deliver_due()
        self.stdout.write(f"Sent {sent} e-mails; {failed} still failing.")
