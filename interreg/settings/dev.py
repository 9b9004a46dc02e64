"""Development settings: DEBUG on, SQLite by default, e-mail to the console."""

from .base import *  # noqa: F403
from .env import env_list, env_str

DEBUG = True

# A development-only key; production refuses to start without SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "django-insecure-development-key-not-for-production")  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
