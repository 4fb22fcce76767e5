"""allauth adapters: who may sign up, who may log in, and who must use two-factor login."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django import forms
from django.db import transaction
from django.utils.translation import gettext as _

from municipalities import actions
from municipalities.models import EmailDomain, Municipality


def municipality_for_email(email: str) -> Municipality | None:
    """The active municipality whose domain is exactly the address's domain, if any."""
    _local, at, domain = (email or "").strip().rpartition("@")
    if not at or not domain:
        return None
    found = (
        EmailDomain.objects.filter(domain=domain.lower(), municipality__active=True)
        .select_related("municipality")
        .first()
    )
    return found.municipality if found else None


def _who_may_join() -> str:
    names = list(Municipality.objects.active().values_list("name", flat=True))
    return ", ".join(names)


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email):
        email = super().clean_email(email)
        if municipality_for_email(email) is None:
            message = _(
                "Only staff of the municipalities in Familjen Helsingborg can join "
                "AI-hubben: {names}. Use your work e-mail address, for example "
                "name@helsingborg.se."
            ).format(names=_who_may_join())
            raise forms.ValidationError(message, code="domain_not_allowed")
        return email

    @transaction.atomic
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            actions.join_municipality(user=user, municipality=municipality_for_email(user.email))
        return user

    def pre_login(self, request, user, **kwargs):
        if user.is_locked_out:
            from allauth.account.internal.stagekit import clear_login

            clear_login(request)
            return self.respond_user_inactive(request, user)
        return super().pre_login(request, user, **kwargs)


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator):
        """Those who must use two-factor login cannot switch it off themselves.

        A lost phone is what recovery codes are for; operations remove an authenticator in
        Django admin when someone needs to set up a new one.
        """
        return not authenticator.user.requires_mfa
