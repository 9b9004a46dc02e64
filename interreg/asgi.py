"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

# A server started without DJANGO_SETTINGS_MODULE runs the production settings,
# never DEBUG ones; they refuse to start without SECRET_KEY.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interreg.settings.production")

application = get_asgi_application()
