import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

# Wagtail's account settings require a first and last name and an e-mail address;
# without them the local admin could not save its own settings.
FIRST_NAME = "Lokal"
LAST_NAME = "Administrator"


class Command(BaseCommand):
    help = (
        "Create the local superuser 'admin' with a random password, printed once. "
        "Does nothing if the user exists. For development machines only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"The superuser '{username}' already exists; "
                f"set a new password with: python manage.py changepassword {username}"
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(
            username=username,
            email=f"{username}@localhost",
            password=password,
            first_name=FIRST_NAME,
            last_name=LAST_NAME,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Created superuser '{username}' with password: {password}\n"
                "It is shown only this once."
            )
        )
