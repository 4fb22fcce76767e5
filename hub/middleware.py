from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode

from municipalities.signals import ASK_LISTING

# Pages a user who must still set up two-factor login may reach.
_MFA_SETUP_ALLOWED = ("/accounts/", "/sprak/", "/tillganglighet/", "/integritet/", "/halsa/")
# Pages the first-login question about the people directory waits behind.
_NOT_INTERRUPTED = (*_MFA_SETUP_ALLOWED, "/admin/", "/static/")


class AccessPolicyMiddleware:
    """Hub-wide rules that apply to a logged-in user before any view runs.

    - A member whose municipality has left the collaboration is logged out.
    - Moderators, municipality admins and superusers set up two-factor login before they
      reach anything else.
    - Right after a login, someone who has not yet said whether to be listed in the people
      directory is asked, once, before the page they were going to.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            if user.is_locked_out:
                logout(request)
                return redirect("account_inactive")
            if (
                user.requires_mfa
                and not request.path.startswith(_MFA_SETUP_ALLOWED)
                and not _has_totp(user)
            ):
                return redirect(reverse("mfa_activate_totp"))
            if (
                request.method == "GET"
                and not request.path.startswith(_NOT_INTERRUPTED)
                and request.session.pop(ASK_LISTING, False)
            ):
                target = reverse("profile_listing")
                if request.path != target:
                    return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def _has_totp(user):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class SwedishFirstLocaleMiddleware:
    """Swedish unless the person chose English with the language switch.

    Django's LocaleMiddleware also follows the browser's Accept-Language, which would show
    English to every colleague whose computer happens to be set up in English.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response
