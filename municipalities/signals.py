"""Ask about the people directory right after a real login (not on a forced one in tests)."""

from allauth.account.signals import user_logged_in
from django.dispatch import receiver

ASK_LISTING = "ask_listing"


@receiver(user_logged_in, dispatch_uid="municipalities.ask_listing")
def ask_about_listing(request, user, **kwargs):
    profile = getattr(user, "profile", None)
    if profile is None or profile.listed is None:
        request.session[ASK_LISTING] = True
