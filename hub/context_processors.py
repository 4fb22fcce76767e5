from django.conf import settings


def hub(request):
    return {
        "hub_support_email": settings.HUB_SUPPORT_EMAIL,
    }
