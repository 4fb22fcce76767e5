"""Moderators, municipality admins and superusers must set up and use two-factor login."""

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from municipalities.models import Membership
from tests import factories

PASSWORD = "korrekt-häst-batteri"


current_code = factories.totp_code


@pytest.fixture
def moderator_without_totp(db):
    user = factories.member_of("helsingborg", email="ny.moderator@helsingborg.se")
    return factories.make_moderator(user)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["moderator", "municipality_admin", "superuser"])
def test_those_who_must_use_two_factor_login_are_sent_to_set_it_up_first(kind):
    if kind == "moderator":
        user = factories.make_moderator(factories.member_of("helsingborg"))
    elif kind == "municipality_admin":
        user = factories.member_of("angelholm", Membership.Role.ADMIN)
    else:
        user = factories.UserFactory(is_superuser=True, is_staff=True)
    client = Client()
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})

    for path in ["/", "/admin/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response.url == "/accounts/2fa/totp/activate/"
    # Setting up an authenticator is sensitive: allauth asks for the password once more.
    assert client.get("/accounts/2fa/totp/activate/").url.startswith("/accounts/reauthenticate/")
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200


@pytest.mark.django_db
def test_a_member_is_not_asked_for_two_factor_login(client, member):
    client.force_login(member)

    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_setting_up_totp_gives_recovery_codes_and_opens_the_hub(client, moderator_without_totp):
    client.post("/accounts/login/", {"login": moderator_without_totp.email, "password": PASSWORD})
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    secret = page.context["form"].secret

    response = client.post("/accounts/2fa/totp/activate/", {"code": current_code(secret)})

    assert response.url == "/accounts/2fa/recovery-codes/"
    kinds = set(
        Authenticator.objects.filter(user=moderator_without_totp).values_list("type", flat=True)
    )
    assert kinds == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    # The hub opens, after the one question every new login gets about the people directory.
    assert client.get("/").url == "/profil/synlighet/?next=%2F"
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_login_asks_for_the_code_and_a_wrong_code_does_not_pass(client, moderator):
    response = client.post("/accounts/login/", {"login": moderator.email, "password": PASSWORD})
    assert response.url == "/accounts/2fa/authenticate/"

    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session

    right = client.post(
        "/accounts/2fa/authenticate/", {"code": current_code(moderator.totp_secret)}
    )
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(moderator.pk)


@pytest.mark.django_db
def test_those_who_must_use_two_factor_login_cannot_switch_it_off(client, moderator):
    client.force_login(moderator)

    client.post("/accounts/2fa/totp/deactivate/", {})

    assert Authenticator.objects.filter(user=moderator, type=Authenticator.Type.TOTP).exists()
