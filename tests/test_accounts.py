"""Sign-up by municipal e-mail, confirmation by POST, login, logout and password reset."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from municipalities.models import Membership, User
from tests import factories

SIGNUP = "/accounts/signup/"
LOGIN = "/accounts/login/"
PASSWORD = "ett-långt-och-bra-lösenord"


def sign_up(client, email, password=PASSWORD):
    return client.post(SIGNUP, {"email": email, "password1": password, "password2": password})


def confirmation_link():
    message = mail.outbox[-1]
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body).group(1)


@pytest.mark.django_db
def test_staff_of_a_member_municipality_can_sign_up_and_becomes_a_member(client, landskrona):
    response = sign_up(client, "Anna.Svensson@Landskrona.se")

    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "anna.svensson@landskrona.se"
    membership = Membership.objects.get(user=user)
    assert membership.municipality == landskrona
    assert membership.role == Membership.Role.MEMBER
    assert user.profile is not None
    assert len(mail.outbox) == 1
    assert "anna.svensson@landskrona.se" in mail.outbox[0].to


@pytest.mark.django_db
@pytest.mark.parametrize(
    "email",
    [
        "anna@gmail.com",
        "anna@malmo.se",
        "anna@landskrona.se.evil.com",
        "anna@xlandskrona.se",
        "anna@sub.landskrona.se",
        "anna.landskrona.se@evil.com",
    ],
)
def test_sign_up_from_any_other_domain_is_refused_with_a_swedish_message(client, landskrona, email):
    response = sign_up(client, email)

    assert response.status_code == 200
    assert not User.objects.exists()
    body = response.content.decode()
    assert "Bara medarbetare i kommunerna i Familjen Helsingborg" in body
    assert "Landskrona" in body
    assert f'value="{email}"' in body, "the form keeps what was typed"
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_subdomain_added_in_admin_may_sign_up(client, landskrona):
    factories.EmailDomain.objects.create(municipality=landskrona, domain="Skola.Landskrona.se")

    sign_up(client, "larare@skola.landskrona.se")

    assert Membership.objects.get().municipality == landskrona


@pytest.mark.django_db
def test_staff_of_an_inactive_municipality_cannot_sign_up(client, landskrona):
    landskrona.active = False
    landskrona.save()

    response = sign_up(client, "anna.svensson@landskrona.se")

    assert response.status_code == 200
    assert not User.objects.exists()


@pytest.mark.django_db
def test_confirmation_link_confirms_only_by_post(client, landskrona):
    sign_up(client, "anna.svensson@landskrona.se")
    link = confirmation_link()

    page = client.get(link)
    assert page.status_code == 200
    assert not EmailAddress.objects.get().verified, "opening the link must not confirm"
    assert b'method="post"' in page.content

    client.post(link)
    assert EmailAddress.objects.get().verified


@pytest.mark.django_db
def test_an_unconfirmed_address_cannot_log_in(client, landskrona):
    sign_up(client, "anna.svensson@landskrona.se")
    client.logout()

    response = client.post(LOGIN, {"login": "anna.svensson@landskrona.se", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_a_confirmed_member_logs_in_with_any_casing_and_lands_on_home(client, member):
    member.profile.listed = False  # answered before; the first-login question has its tests
    member.profile.save()
    response = client.post(
        LOGIN, {"login": "MEDLEM@Engelholm.se", "password": "korrekt-häst-batteri"}
    )

    assert response.status_code == 302
    assert response.url == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert "Ängelholm" in home.content.decode()


@pytest.mark.django_db
def test_login_returns_to_the_page_asked_for(client, member):
    assert client.get("/?x=1").url == "/accounts/login/?next=/%3Fx%3D1"

    response = client.post(
        LOGIN + "?next=/%3Fx%3D1",
        {"login": member.email, "password": "korrekt-häst-batteri", "next": "/?x=1"},
    )

    assert response.url == "/?x=1"


@pytest.mark.django_db
def test_members_of_an_inactive_municipality_cannot_log_in(client, member, angelholm):
    angelholm.active = False
    angelholm.save()

    response = client.post(LOGIN, {"login": member.email, "password": "korrekt-häst-batteri"})

    assert response.url == reverse("account_inactive")
    assert client.get("/").status_code == 302
    page = client.get(reverse("account_inactive")).content.decode()
    assert "din kommun inte längre i AI-hubben" in page


@pytest.mark.django_db
def test_a_member_is_logged_out_when_their_municipality_leaves(client, member, angelholm):
    client.force_login(member)
    assert client.get("/").status_code == 200

    angelholm.active = False
    angelholm.save()

    assert client.get("/").url == reverse("account_inactive")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_logout_needs_a_post(client, member):
    client.force_login(member)

    client.get("/accounts/logout/")
    assert "_auth_user_id" in client.session

    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_forgotten_password_can_be_reset_through_the_mailed_link(client, member):
    client.post("/accounts/password/reset/", {"email": member.email})
    link = re.search(
        r"https?://[^/\s]+(/accounts/password/reset/key/[^\s]+/)", mail.outbox[-1].body
    )

    form = client.get(link.group(1), follow=True)
    new_password = "ett-nytt-långt-lösenord"
    client.post(form.redirect_chain[-1][0], {"password1": new_password, "password2": new_password})

    member.refresh_from_db()
    assert member.check_password(new_password)


@pytest.mark.django_db
def test_repeated_wrong_passwords_are_throttled_with_a_clear_message(client, member):
    for _attempt in range(5):
        response = client.post(LOGIN, {"login": member.email, "password": "fel"})
        assert response.status_code == 200

    response = client.post(LOGIN, {"login": member.email, "password": "korrekt-häst-batteri"})

    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert "För många misslyckade inloggningsförsök" in response.content.decode()


@pytest.mark.django_db
def test_someone_whose_membership_was_removed_is_logged_out(client, member):
    client.force_login(member)
    member.memberships.all().delete()

    assert client.get("/tjanster/").url == reverse("account_inactive")
    assert "_auth_user_id" not in client.session
