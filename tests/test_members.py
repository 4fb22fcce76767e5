"""A municipality's members, managed by its admins and the moderators.

Every step (a role change, a deactivation, a removal) is confirmed first, recorded with
who did it and when, and never leaves the municipality without an admin.
"""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from municipalities.models import Membership, User
from services.models import AIService
from tests import factories

PASSWORD = "korrekt-häst-batteri"
Role = Membership.Role


def _membership(user, slug="angelholm"):
    return Membership.objects.get(user=user, municipality__slug=slug)


def _url(name, membership):
    return reverse(name, args=[membership.municipality.slug, membership.pk])


def _members_url(slug="angelholm"):
    return reverse("municipality_members", args=[slug])


@pytest.fixture
def other_admin(db):
    """Landskrona's admin: an admin, but not of Ängelholm."""
    return factories.with_totp(
        factories.member_of(
            "landskrona", Role.ADMIN, email="admin@landskrona.se", profile="Lars Holm"
        )
    )


@pytest.fixture
def second_admin(db, muni_admin):
    return factories.with_totp(
        factories.member_of(
            "angelholm", Role.ADMIN, email="admin2@engelholm.se", profile="Björn Sandberg"
        )
    )


def _as(user):
    client = Client()
    client.force_login(user)
    return client


# --- changing a role


@pytest.mark.parametrize("role", ["muni_admin", "moderator"])
def test_an_admin_or_a_moderator_changes_a_members_role(client_for, cast, member, role):
    membership = _membership(member)

    response = client_for(role).post(_url("member_role", membership), {"role": Role.EDITOR})

    assert response.status_code == 302
    assert response.url == _members_url()
    membership.refresh_from_db()
    assert membership.role == Role.EDITOR
    change = membership.history.latest("history_date")
    assert change.history_user == cast(role)
    assert change.history_change_reason == "role changed"
    assert change.role == Role.EDITOR


@pytest.mark.parametrize("role", ["member", "editor", "other_editor", "lead"])
def test_others_cannot_change_a_role(client_for, member, muni_admin, role):
    membership = _membership(member)
    rows = membership.history.count()

    response = client_for(role).post(_url("member_role", membership), {"role": Role.ADMIN})

    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.role == Role.MEMBER
    assert membership.history.count() == rows


def test_another_municipalitys_admin_cannot_change_a_role(other_admin, member, muni_admin):
    membership = _membership(member)

    response = _as(other_admin).post(_url("member_role", membership), {"role": Role.ADMIN})

    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.role == Role.MEMBER


def test_an_admin_cannot_reach_another_municipalitys_membership_through_their_own(
    client_for, muni_admin, other_editor
):
    membership = _membership(other_editor, "landskrona")
    url = reverse("member_role", args=["angelholm", membership.pk])

    response = client_for("muni_admin").post(url, {"role": Role.MEMBER})

    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.role == Role.EDITOR


def test_an_unknown_role_is_refused(client_for, member, muni_admin):
    membership = _membership(member)

    response = client_for("muni_admin").post(_url("member_role", membership), {"role": "owner"})

    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    membership.refresh_from_db()
    assert membership.role == Role.MEMBER


# --- the municipality always keeps an admin


def _refused_as_last_admin(response, status):
    """Refused with the Swedish explanation, on the page: "... är enda kommunadministratör"."""
    assert response.status_code == status
    form = response.context.get("form")
    refusal = " ".join(form.errors["role"]) if form is not None else response.context["error"]
    assert "enda" in refusal, f"not the Swedish last-admin message: {refusal!r}"
    assert refusal in response.content.decode()


def test_the_only_admin_cannot_demote_themselves(client_for, muni_admin):
    membership = _membership(muni_admin)

    response = client_for("muni_admin").post(_url("member_role", membership), {"role": Role.EDITOR})

    _refused_as_last_admin(response, 200)
    assert response.context["form"].errors["role"]
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN


def test_the_only_admin_cannot_be_demoted_by_a_moderator(client_for, muni_admin):
    membership = _membership(muni_admin)

    response = client_for("moderator").post(_url("member_role", membership), {"role": Role.MEMBER})

    _refused_as_last_admin(response, 200)
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN


@pytest.mark.parametrize("role", ["muni_admin", "moderator"])
def test_the_only_admin_cannot_be_removed(client_for, muni_admin, role):
    membership = _membership(muni_admin)

    response = client_for(role).post(_url("member_remove", membership))

    _refused_as_last_admin(response, 400)
    assert Membership.objects.filter(pk=membership.pk, role=Role.ADMIN).exists()


def test_the_only_admin_cannot_be_deactivated(client_for, muni_admin):
    membership = _membership(muni_admin)

    response = client_for("moderator").post(_url("member_deactivate", membership))

    _refused_as_last_admin(response, 400)
    muni_admin.refresh_from_db()
    assert muni_admin.is_active


def test_with_a_second_admin_an_admin_may_step_down(client_for, muni_admin, second_admin):
    membership = _membership(muni_admin)

    response = client_for("muni_admin").post(_url("member_role", membership), {"role": Role.EDITOR})

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.EDITOR


def test_with_a_second_admin_an_admin_may_be_removed(client_for, muni_admin, second_admin):
    membership = _membership(muni_admin)

    response = _as(second_admin).post(_url("member_remove", membership))

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_with_a_second_admin_an_admin_may_be_deactivated(client_for, muni_admin, second_admin):
    membership = _membership(muni_admin)

    response = _as(second_admin).post(_url("member_deactivate", membership))

    assert response.status_code == 302
    muni_admin.refresh_from_db()
    assert not muni_admin.is_active


def test_a_deactivated_second_admin_does_not_count(client_for, muni_admin, second_admin):
    second_admin.is_active = False
    second_admin.save()
    membership = _membership(muni_admin)
    client = client_for("muni_admin")

    demoted = client.post(_url("member_role", membership), {"role": Role.EDITOR})
    removed = client.post(_url("member_remove", membership))

    _refused_as_last_admin(demoted, 200)
    _refused_as_last_admin(removed, 400)
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN


# --- deactivating a leaver


def _can_log_in(user):
    return Client().login(email=user.email, password=PASSWORD)


def test_a_deactivated_leaver_can_no_longer_log_in_and_their_work_stays(
    client_for, member, muni_admin
):
    service = factories.ServiceFactory(created_by=member)
    membership = _membership(member)
    assert _can_log_in(member)

    response = client_for("muni_admin").post(_url("member_deactivate", membership))

    assert response.status_code == 302
    assert response.url == _members_url()
    member.refresh_from_db()
    assert not member.is_active
    assert not _can_log_in(member)
    login = Client()
    login.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert "_auth_user_id" not in login.session
    assert AIService.objects.get(pk=service.pk).created_by == member
    assert Membership.objects.filter(pk=membership.pk).exists()
    change = member.history.latest("history_date")
    assert change.history_user == muni_admin
    assert change.history_change_reason == "deactivated"
    assert change.is_active is False


def test_a_deactivated_person_is_logged_out_of_a_session_they_had(client_for, member, muni_admin):
    theirs = client_for("member")
    assert theirs.get(reverse("home")).status_code == 200

    client_for("muni_admin").post(_url("member_deactivate", _membership(member)))

    response = theirs.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_reactivating_lets_them_log_in_again(client_for, member, muni_admin):
    membership = _membership(member)
    client = client_for("muni_admin")
    client.post(_url("member_deactivate", membership))

    response = client.post(_url("member_reactivate", membership))

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.is_active
    change = member.history.latest("history_date")
    assert change.history_user == muni_admin
    assert change.history_change_reason == "reactivated"
    assert _can_log_in(member)


def test_logging_in_writes_no_history_row(member):
    """User.history is for who (de)activated an account; a login changes nothing it keeps."""
    rows = member.history.count()

    assert _can_log_in(member)

    assert member.history.count() == rows


def test_an_admin_cannot_deactivate_themselves(client_for, muni_admin, second_admin):
    membership = _membership(muni_admin)

    response = client_for("muni_admin").post(_url("member_deactivate", membership))

    assert response.status_code == 400
    assert response.context["error"]
    muni_admin.refresh_from_db()
    assert muni_admin.is_active


def test_an_admin_cannot_deactivate_someone_who_also_works_elsewhere(
    client_for, member, muni_admin, landskrona
):
    factories.MembershipFactory(user=member, municipality=landskrona)
    membership = _membership(member)

    refused = client_for("muni_admin").post(_url("member_deactivate", membership))
    member.refresh_from_db()
    still_active = member.is_active
    allowed = client_for("moderator").post(_url("member_deactivate", membership))

    assert refused.status_code == 400
    assert refused.context["error"]
    assert still_active
    assert allowed.status_code == 302
    member.refresh_from_db()
    assert not member.is_active


def test_an_admin_cannot_deactivate_a_moderator_of_their_municipality(client_for, muni_admin):
    colleague = factories.with_totp(
        factories.make_moderator(factories.member_of("angelholm", email="mod@engelholm.se"))
    )

    response = client_for("muni_admin").post(_url("member_deactivate", _membership(colleague)))

    assert response.status_code == 400
    colleague.refresh_from_db()
    assert colleague.is_active


# --- removing a membership


def test_removing_a_membership_is_recorded_and_shows_in_the_log(client_for, member, muni_admin):
    membership = _membership(member)
    client = client_for("muni_admin")

    response = client.post(_url("member_remove", membership))

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert User.objects.filter(pk=member.pk).exists()
    removal = Membership.history.filter(id=membership.pk).latest("history_date")
    assert removal.history_type == "-"
    assert removal.history_change_reason == "removed"
    assert removal.history_user == muni_admin
    page = client.get(_members_url())
    assert [(e["who"], e["whom"]) for e in page.context["log"]] == [(muni_admin, "Maria Lindqvist")]
    assert "Maria Lindqvist" in page.content.decode()
    assert member not in [m.user for m in page.context["memberships"]]


def test_the_log_lists_role_changes_and_deactivations_with_who_did_them(
    client_for, member, editor, muni_admin
):
    client = client_for("muni_admin")
    client.post(_url("member_role", _membership(member)), {"role": Role.EDITOR})
    client.post(_url("member_deactivate", _membership(editor)))

    log = client.get(_members_url()).context["log"]

    assert [(e["who"], e["whom"]) for e in log] == [
        (muni_admin, "Erik Johansson"),
        (muni_admin, "Maria Lindqvist"),
    ]


# --- every step is confirmed first

STEPS = ["member_role", "member_deactivate", "member_reactivate", "member_remove"]


@pytest.mark.parametrize("step", STEPS)
def test_each_step_asks_for_confirmation_first_and_changes_nothing(
    client_for, member, muni_admin, step
):
    membership = _membership(member)

    response = client_for("muni_admin").get(_url(step, membership))

    assert response.status_code == 200
    assert "<form" in response.content.decode()
    assert "Maria Lindqvist" in response.content.decode()
    membership.refresh_from_db()
    member.refresh_from_db()
    assert membership.role == Role.MEMBER
    assert member.is_active
    assert membership.history.count() == 1
    assert member.history.count() == 1


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("role", ["member", "editor", "other_editor", "lead"])
def test_each_step_is_forbidden_to_those_who_do_not_manage_members(
    client_for, member, muni_admin, step, role
):
    membership = _membership(member)
    client = client_for(role)

    assert client.get(_url(step, membership)).status_code == 403
    assert client.post(_url(step, membership), {"role": Role.ADMIN}).status_code == 403
    assert Membership.objects.get(pk=membership.pk).role == Role.MEMBER
    member.refresh_from_db()
    assert member.is_active


# --- the members page


def test_the_members_page_lists_members_with_role_and_last_login(
    client_for, member, editor, muni_admin, other_editor
):
    member.last_login = datetime.datetime(2025, 3, 14, 9, 30, tzinfo=datetime.UTC)
    member.save(update_fields=["last_login"])

    response = client_for("muni_admin").get(_members_url())

    assert response.status_code == 200
    text = response.content.decode()
    rows = {m.user.email: m.role for m in response.context["memberships"]}
    assert rows == {
        member.email: Role.MEMBER,
        editor.email: Role.EDITOR,
        muni_admin.email: Role.ADMIN,
    }
    assert "Maria Lindqvist" in text
    assert "14 mars 2025" in text
    assert "Redaktör" in text
    assert "Kommunadministratör" in text
    assert "Leila Haddad" not in text
    assert _url("member_deactivate", _membership(member)) in text


def test_a_deactivated_member_is_marked_and_can_be_reactivated(client_for, member, muni_admin):
    client = client_for("muni_admin")
    client.post(_url("member_deactivate", _membership(member)))

    text = client.get(_members_url()).content.decode()

    assert _url("member_reactivate", _membership(member)) in text
    assert _url("member_deactivate", _membership(member)) not in text


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("member", 403),
        ("editor", 403),
        ("muni_admin", 200),
        ("other_editor", 403),
        ("lead", 403),
        ("moderator", 200),
    ],
)
def test_who_sees_the_members_page(client_for, role, expected):
    assert client_for(role).get(_members_url()).status_code == expected


def test_another_municipalitys_admin_does_not_see_the_members_page(other_admin, angelholm):
    assert _as(other_admin).get(_members_url()).status_code == 403


def test_an_anonymous_visitor_is_asked_to_log_in(client, angelholm):
    response = client.get(_members_url())

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["muni_admin", "moderator"])
def test_the_members_page_of_an_unknown_municipality_is_404(client_for, role):
    assert client_for(role).get(_members_url("atlantis")).status_code == 404


# Measured: 13 queries on SQLite and PostgreSQL, for 3 members as for 30, with a full log:
# the session, the user and their roles and permissions, two-factor login, the
# municipality, the members, the two logs, and the page's header; two spare.
MEMBERS_PAGE_QUERIES = 15


def test_the_members_page_runs_as_many_queries_for_30_members_as_for_3(
    client_for, muni_admin, member, editor, django_assert_max_num_queries
):
    client = client_for("muni_admin")
    client.post(_url("member_role", _membership(member)), {"role": Role.EDITOR})
    client.post(_url("member_deactivate", _membership(editor)))
    with CaptureQueriesContext(connection) as few:
        response = client.get(_members_url())
    assert len(response.context["memberships"]) == 3
    for n in range(27):
        person = factories.member_of("angelholm", email=f"kollega{n}@engelholm.se")
        client.post(_url("member_role", _membership(person)), {"role": Role.EDITOR})
    with (
        django_assert_max_num_queries(MEMBERS_PAGE_QUERIES),
        CaptureQueriesContext(connection) as many,
    ):
        response = client.get(_members_url())

    assert len(response.context["memberships"]) == 30
    assert len(response.context["log"]) == 10
    assert len(many) == len(few)


# --- the same guard in Django admin, and when the only admin deletes their account

LAST_ADMIN = "Anna Berg är den enda kommunadministratören i Ängelholm"


def test_a_moderator_cannot_demote_the_only_admin_in_django_admin(client_for, muni_admin):
    membership = _membership(muni_admin)
    url = reverse("admin:municipalities_membership_change", args=[membership.pk])

    response = client_for("moderator").post(
        url,
        {"user": muni_admin.pk, "municipality": membership.municipality_id, "role": Role.MEMBER},
    )

    assert response.status_code == 200
    assert LAST_ADMIN in " ".join(response.context["adminform"].form.errors["role"])
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN


def test_a_moderator_demotes_an_admin_in_django_admin_when_another_remains(
    client_for, muni_admin, second_admin
):
    membership = _membership(muni_admin)
    url = reverse("admin:municipalities_membership_change", args=[membership.pk])

    response = client_for("moderator").post(
        url,
        {"user": muni_admin.pk, "municipality": membership.municipality_id, "role": Role.EDITOR},
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.EDITOR


def test_a_moderator_cannot_delete_the_only_admins_membership_in_django_admin(
    client_for, muni_admin
):
    membership = _membership(muni_admin)
    url = reverse("admin:municipalities_membership_delete", args=[membership.pk])
    client = client_for("moderator")

    response = client.post(url, {"post": "yes"}, follow=True)

    assert Membership.objects.filter(pk=membership.pk, role=Role.ADMIN).exists()
    assert LAST_ADMIN in response.content.decode()
    changelist = client.get(reverse("admin:municipalities_membership_changelist"))
    assert 'value="delete_selected"' not in changelist.content.decode()


def test_a_moderator_cannot_deactivate_the_only_admin_in_django_admin(client_for, muni_admin):
    url = reverse("admin:municipalities_user_change", args=[muni_admin.pk])
    client = client_for("moderator")
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(email=muni_admin.email, is_active="")
    data.pop("groups", None)
    data.pop("password", None)

    response = client.post(url, data)

    assert response.status_code == 200
    assert LAST_ADMIN in " ".join(response.context["adminform"].form.errors["is_active"])
    muni_admin.refresh_from_db()
    assert muni_admin.is_active


def test_the_admin_deactivate_action_skips_the_only_admin(client_for, muni_admin, member):
    response = client_for("moderator").post(
        reverse("admin:municipalities_user_changelist"),
        {"action": "deactivate", "_selected_action": [muni_admin.pk, member.pk]},
        follow=True,
    )

    muni_admin.refresh_from_db()
    member.refresh_from_db()
    assert muni_admin.is_active
    assert not member.is_active
    assert LAST_ADMIN in response.content.decode()


def test_the_only_admin_cannot_delete_their_account_before_handing_the_role_on(
    client_for, muni_admin
):
    response = client_for("muni_admin").post(reverse("my_data_delete"), {"confirm": "on"})

    assert response.status_code == 400
    assert LAST_ADMIN in " ".join(response.context["form"].non_field_errors())
    assert LAST_ADMIN in response.content.decode()
    assert User.objects.filter(pk=muni_admin.pk).exists()


def test_an_admin_deletes_their_account_once_another_admin_remains(
    client_for, muni_admin, second_admin
):
    response = client_for("muni_admin").post(reverse("my_data_delete"), {"confirm": "on"})

    assert response.status_code == 302
    assert not User.objects.filter(pk=muni_admin.pk).exists()


def test_an_admin_makes_a_member_admin(client_for, member, muni_admin):
    membership = _membership(member)

    response = client_for("muni_admin").post(_url("member_role", membership), {"role": Role.ADMIN})

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN
    assert membership.history.latest("history_date").history_user == muni_admin
