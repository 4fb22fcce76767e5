import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings")
application = get_asgi_application()

from hub.startup import settle  # noqa: E402 (needs Django set up)

settle()
