from django.conf import settings

from hub import cache as derived


def hub(request):
    return {
        "hub_support_email": settings.HUB_SUPPORT_EMAIL,
        # How long a `{% cache %}` fragment lives at most: as every derived figure (its key
        # carries the data version, so a change never waits for this).
        "cache_seconds": derived.TIMEOUT,
    }
