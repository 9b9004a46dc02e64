from django.core.management.base import BaseCommand

from stories.tips.notifications import send_pending_notifications


class Command(BaseCommand):
    help = (
        "Send the e-mail for every tip whose notification has not gone out yet "
        "(for instance because the mail server was down). Safe to run at any time."
    )

    def handle(self, *args, **options):
        sent, failed = send_pending_notifications()
        self.stdout.write(f"Sent {sent} tip notifications; {failed} still failing.")
