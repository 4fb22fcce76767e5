"""The test cast of STYLE.md, shared by every test.

An anonymous visitor, a member, an editor and an admin of Ängelholm, an editor of
Landskrona, a project lead and a moderator. Those who must use two-factor login have it
set up, as they would in real life.
"""

import pytest
from django.conf import settings
from django.test import Client

from municipalities.models import Membership
from tests import factories


def pytest_configure(config):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and used TOTP codes live in the cache: no test sees another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def angelholm(db):
    return factories.municipality("angelholm")


@pytest.fixture
def landskrona(db):
    return factories.municipality("landskrona")


@pytest.fixture
def member(db):
    return factories.member_of("angelholm", email="medlem@engelholm.se", profile="Maria Lindqvist")


@pytest.fixture
def editor(db):
    return factories.member_of(
        "angelholm", Membership.Role.EDITOR, email="redaktor@engelholm.se", profile="Erik Johansson"
    )


@pytest.fixture
def muni_admin(db):
    user = factories.member_of(
        "angelholm", Membership.Role.ADMIN, email="admin@engelholm.se", profile="Anna Berg"
    )
    return factories.with_totp(user)


@pytest.fixture
def other_editor(db):
    return factories.member_of(
        "landskrona", Membership.Role.EDITOR, email="redaktor@landskrona.se", profile="Leila Haddad"
    )


@pytest.fixture
def lead(db):
    return factories.member_of("angelholm", email="projektledare@engelholm.se", profile="Pia Lund")


@pytest.fixture
def moderator(db):
    user = factories.member_of(
        "helsingborg", email="moderator@helsingborg.se", profile="Mona Nilsson"
    )
    return factories.with_totp(factories.make_moderator(user))


@pytest.fixture
def superuser(db):
    user = factories.UserFactory(email="drift@helsingborg.se", is_superuser=True, is_staff=True)
    return factories.with_totp(user)


CAST = ["anonymous", "member", "editor", "muni_admin", "other_editor", "lead", "moderator"]


@pytest.fixture
def cast(request, db):
    """Look a role of the cast up by name: cast("editor") -> user or None."""

    def get(role):
        return None if role == "anonymous" else request.getfixturevalue(role)

    return get


@pytest.fixture
def client_for(cast):
    """A client logged in as a role of the cast (anonymous stays logged out)."""

    def make(role):
        client = Client()
        user = cast(role)
        if user is not None:
            client.force_login(user)
        return client

    return make
