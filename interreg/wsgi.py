"""WSGI entry point (gunicorn interreg.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

# A server started without DJANGO_SETTINGS_MODULE runs the production settings,
# never DEBUG ones; they refuse to start without SECRET_KEY.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interreg.settings.production")

application = get_wsgi_application()
