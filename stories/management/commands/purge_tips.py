from django.conf import settings
from django.core.management.base import BaseCommand

from stories.tips.purge import purge_tips


class Command(BaseCommand):
    help = (
        "Anonymise the name, e-mail and organisation of closed tips (accepted, "
        "rejected or published) not changed for --days days (TIP_RETENTION_DAYS, "
        "180 by default). Meant to run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days, **options):
        days = settings.TIP_RETENTION_DAYS if days is None else days
        count = purge_tips(days)
        self.stdout.write(f"Anonymised {count} closed tips older than {days} days.")
