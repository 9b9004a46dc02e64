"""Test settings: fast, but on the same database engine as production.

DATABASE_URL chooses the database; without it the tests use the local PostgreSQL
server (CI's), never SQLite by accident.
"""

import dj_database_url

from .base import *  # noqa: F403
from .env import env_str

SECRET_KEY = "test-only-secret-key-that-is-long-enough-for-django-checks"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/interreg")
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # As in production: prepared statements, no JIT.
    DATABASES["default"].setdefault("OPTIONS", {}).update(postgres_options())  # noqa: F405

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Serve static files from the apps and site/static without collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"level": "WARNING"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Every query compiled once (home/compiled.py) is also compiled Django's way and
# compared, so a plan that would differ fails the test that ran it.
COMPILED_QUERIES_CHECK = True
