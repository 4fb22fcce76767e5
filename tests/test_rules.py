"""The role predicates, parametrised over the test cast."""

import pytest

from municipalities import rules as r


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "member_of", "editor_of", "admin_of", "moderates"),
    [
        ("anonymous", False, False, False, False),
        ("member", True, False, False, False),
        ("editor", True, True, False, False),
        ("muni_admin", True, True, True, False),
        ("other_editor", False, False, False, False),
        ("lead", True, False, False, False),
        ("moderator", False, False, False, True),
    ],
)
def test_role_predicates_for_angelholm(
    cast, angelholm, role, member_of, editor_of, admin_of, moderates
):
    from django.contrib.auth.models import AnonymousUser

    user = cast(role) or AnonymousUser()

    assert r.is_member_of(user, angelholm) is member_of
    assert r.is_editor_of(user, angelholm) is editor_of
    assert r.is_municipality_admin(user, angelholm) is admin_of
    assert r.is_moderator(user) is moderates


@pytest.mark.django_db
def test_landskronas_editor_is_editor_of_landskrona_only(other_editor, landskrona, angelholm):
    assert r.is_editor_of(other_editor, landskrona)
    assert not r.is_editor_of(other_editor, angelholm)


@pytest.mark.django_db
def test_roles_in_an_inactive_municipality_count_for_nothing(editor, angelholm):
    angelholm.active = False
    angelholm.save()
    editor.refresh_from_db()  # drop the roles read before

    assert not r.is_member_of(editor, angelholm)
    assert not r.is_editor_of(editor, angelholm)
    assert editor.is_locked_out


@pytest.mark.django_db
def test_predicates_take_anything_that_belongs_to_a_municipality(muni_admin, member):
    membership = member.memberships.get()

    assert r.is_municipality_admin(muni_admin, membership)
    assert muni_admin.has_perm("municipalities.change_membership", membership)
    assert not member.has_perm("municipalities.change_membership", membership)


@pytest.mark.django_db
def test_admin_of_one_municipality_cannot_manage_anothers_members(muni_admin, other_editor):
    membership = other_editor.memberships.get()

    assert not muni_admin.has_perm("municipalities.change_membership", membership)


@pytest.mark.django_db
def test_a_deactivated_moderator_is_no_moderator(moderator):
    moderator.is_active = False
    moderator.save()
    moderator.refresh_from_db()

    assert not r.is_moderator(moderator)


@pytest.mark.django_db
def test_a_member_may_change_only_their_own_profile(member, editor):
    assert member.has_perm("municipalities.change_profile", member.profile)
    assert not member.has_perm("municipalities.change_profile", editor.profile)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "sees_admin_link"),
    [
        ("member", False),
        ("editor", False),
        ("muni_admin", False),
        ("other_editor", False),
        ("lead", False),
        ("moderator", True),
    ],
)
def test_only_moderators_see_the_link_to_admin(client_for, role, sees_admin_link):
    page = client_for(role).get("/").content.decode()

    assert ('href="/admin/"' in page) is sees_admin_link


@pytest.mark.django_db
def test_the_home_page_runs_the_same_few_queries_however_many_services(client, editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests import factories

    client.force_login(editor)
    factories.ServiceFactory(status="draft")
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    factories.ServiceFactory.create_batch(10)
    factories.ServiceFactory.create_batch(5, status="draft")
    with CaptureQueriesContext(connection) as many:
        page = client.get("/").content.decode()

    assert "Tjänst" in page
    assert len(many) == len(few)
    assert len(many) <= 15
