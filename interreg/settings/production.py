"""Production settings: secrets and hosts from the environment, hardened HTTP."""

import sys

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_str

DEBUG = False

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    sys.exit(
        "SECRET_KEY is not set: the production settings refuse to start without "
        "the SECRET_KEY environment variable."
    )

# HTTPS is terminated by the load balancer, which says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"  # Wagtail lets its own preview frame through

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600 if SHARED_CACHE else 0)  # noqa: F405
require_shared_cache(PAGE_CACHE_SECONDS=PAGE_CACHE_SECONDS)  # noqa: F405

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

# Tasks (the outbox, imports, webhooks) run on the database-backed worker
# (Procfile: worker), never inside a reader's request.
TASK_BACKEND = env_str("TASK_BACKEND") or "django_tasks_db.DatabaseBackend"
TASKS = {"default": {"BACKEND": TASK_BACKEND}}
