from django.core.management.base import BaseCommand

from stories.editorial import set_up_editorial


class Command(BaseCommand):
    help = (
        "Create or update the groups Editors, Moderators and Translators with their "
        "permissions, and the workflow 'Redaksjonell godkjenning' on the story and "
        "project sections. Idempotent."
    )

    def handle(self, *args, **options):
        groups, workflow = set_up_editorial()
        self.stdout.write(
            self.style.SUCCESS(
                f"Groups {', '.join(groups)} and workflow '{workflow.name}' are set up."
            )
        )
