""" "Mina uppgifter": the export of everything the hub holds about a person, and deletion.

What a person made for their municipality (services, pilots, updates, effects, reuse
marks) stays when they go, with the reference to them cleared; what is theirs (profile,
memberships, history of both) goes with the account.
"""

import datetime
import json
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client
from django.urls import reverse

from municipalities import personal_data
from municipalities.models import AccountDeletion, Competence, Membership, Profile, User
from pilots.models import Effect, Pilot, PilotUpdate
from services.models import Adoption, AIService, ErrorReport
from tests import factories


def _user_relations():
    """Every concrete field of every model that points at the user model, found afresh.

    A many-to-many field is stored in its through table, so the through table's foreign
    key is what must be walked.
    """
    user_model = get_user_model()
    found = set()
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                found.add((model, field.attname))
        for field in model._meta.local_many_to_many:
            if field.related_model is user_model:
                through = field.remote_field.through
                for through_field in through._meta.concrete_fields:
                    if through_field.is_relation and through_field.related_model is user_model:
                        found.add((through, through_field.attname))
    return found


def _rows_naming(pk):
    """Labels of the fields whose rows still hold the user id `pk`."""
    return sorted(
        f"{model._meta.label}.{attname}"
        for model, attname in _user_relations()
        if model._base_manager.filter(**{attname: pk}).exists()
    )


# --- every reference has a policy


def test_every_reference_to_the_user_model_has_a_policy(db):
    assert personal_data.unclassified() == []


def test_every_relation_to_the_user_model_is_walked_with_a_policy(db):
    walked = {(ref.model, ref.field.attname): ref.policy for ref in personal_data.references()}

    relations = _user_relations()

    assert relations, "the walk found no relation at all: it is broken, not clean"
    missing = sorted(f"{m._meta.label}.{a}" for m, a in relations if (m, a) not in walked)
    assert missing == []
    assert all(
        walked[relation] in {personal_data.DELETE, personal_data.CLEAR} for relation in relations
    )


def test_every_policy_names_a_field_that_exists(db):
    labels = {ref.label for ref in personal_data.references() if not ref.is_history}

    assert sorted(set(personal_data.POLICY) - labels) == []


# --- what a person made, beside a colleague


@pytest.fixture
def work(db, member, editor, angelholm, landskrona):
    """The member's profile and work, with the editor as reviewer and co-contact."""
    competence = Competence.objects.get(name="Språkmodeller")  # from the shared vocabulary
    member.profile.competences.add(competence)
    service = factories.ServiceFactory(
        title="Utkast till beslut", created_by=member, submitted_by=member, reviewed_by=editor
    )
    service.contacts.set([member, editor])
    service._history_user = member
    service.summary = "Ändrad av medlemmen."
    service.save()
    service._history_user = editor
    service.review_comment = "Ser bra ut."
    service.save()
    landskronas = factories.ServiceFactory(owner=landskrona, created_by=editor)
    adoption = Adoption.objects.create(
        service=landskronas, municipality=angelholm, status="using", set_by=member
    )
    pilot = factories.PilotFactory(title="Talat protokoll", lead=member, created_by=member)
    pilot.contacts.set([member, editor])
    update = PilotUpdate.objects.create(
        pilot=pilot, date=datetime.date(2025, 3, 1), text="Första kvartalet klart.", author=member
    )
    effect = Effect.objects.create(
        pilot=pilot,
        metric="Handläggningstid per ärende",
        unit="minutes",
        baseline=45,
        value=30,
        measured_on=datetime.date(2025, 3, 1),
        method="200 ärenden i februari.",
        author=member,
    )
    report = ErrorReport.objects.create(
        service=landskronas,
        reporter=member,
        message="Fel länk.",
        handled_by=editor,
        handled_at=datetime.datetime(2025, 3, 2, tzinfo=datetime.UTC),
    )
    angelholm.contact_person = member
    angelholm.save()
    return {
        "service": service,
        "adoption": adoption,
        "pilot": pilot,
        "update": update,
        "effect": effect,
        "report": report,
        "competence": competence,
    }


def _ids(rows):
    return sorted(row["id"] for row in rows)


def test_the_export_holds_the_persons_profile_memberships_work_and_history(member, work):
    data = personal_data.export(member)

    assert data["account"]["email"] == member.email
    assert data["profile"]["display_name"] == "Maria Lindqvist"
    assert data["profile"]["competences"] == ["Språkmodeller"]
    assert [(m["municipality"], m["role"]) for m in data["memberships"]] == [
        ("Ängelholm", "member")
    ]
    records = data["records"]
    assert _ids(records["services.AIService"]["created_by"]) == [work["service"].pk]
    assert _ids(records["services.Adoption"]["set_by"]) == [work["adoption"].pk]
    assert records["pilots.PilotUpdate"]["author"][0]["text"] == "Första kvartalet klart."
    assert _ids(records["pilots.Effect"]["author"]) == [work["effect"].pk]
    assert _ids(records["pilots.Pilot"]["lead"]) == [work["pilot"].pk]
    history = data["history"]
    assert {row["email"] for row in history["municipalities.User"]} == {member.email}
    assert history["municipalities.HistoricalProfile"]["user"]
    assert history["municipalities.HistoricalMembership"]["user"]
    changed_by_member = history["services.HistoricalAIService"]["history_user"]
    assert [row["summary"] for row in changed_by_member] == ["Ändrad av medlemmen."]
    assert all(row["history_user"] == "me" for row in changed_by_member)


def test_the_export_names_no_one_else(member, editor, work):
    dumped = json.dumps(personal_data.export(member), cls=DjangoJSONEncoder, ensure_ascii=False)

    assert editor.email not in dumped
    assert "Erik Johansson" not in dumped
    # The service the editor reviewed is there, without the editor.
    service = personal_data.export(member)["records"]["services.AIService"]["created_by"][0]
    assert service["reviewed_by"] is None
    assert service["created_by"] == "me"


def test_what_someone_did_to_another_persons_rows_is_exported_without_their_content(
    member, editor, muni_admin, work
):
    """An admin who deactivated the member, and the editor who handled the member's error
    report and edited her profile: their exports say that they acted, and when, but hold
    nothing of hers."""
    from municipalities import actions

    actions.deactivate_member(membership=member.memberships.get(), by=muni_admin)
    member.profile._history_user = editor
    member.profile.phone = "042-10 20 30"
    member.profile.save()

    for actor in (muni_admin, editor):
        data = personal_data.export(actor)
        dumped = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
        assert member.email not in dumped
        assert "Maria Lindqvist" not in dumped
        assert "042-10 20 30" not in dumped
        assert "Fel länk." not in dumped

    admin_history = personal_data.export(muni_admin)["history"]
    changed = admin_history["municipalities.HistoricalUser"]["history_user"]
    assert {row["id"] for row in changed} == {member.pk}
    assert all(set(row) <= {"id", "history_id", "history_date", "history_type",
                            "history_change_reason", "date_joined", "last_login"}
               for row in changed)  # fmt: skip
    handled = personal_data.export(editor)["records"]["services.ErrorReport"]["handled_by"]
    assert handled == [{"id": work["report"].pk, "handled_at": work["report"].handled_at,
                        "created_at": work["report"].created_at}]  # fmt: skip


def test_the_export_holds_no_password_hash_and_no_authenticator_secret(muni_admin):
    dumped = json.dumps(personal_data.export(muni_admin), cls=DjangoJSONEncoder)

    assert muni_admin.password.startswith("md5$")
    assert muni_admin.password not in dumped
    assert muni_admin.password.rsplit("$", 1)[-1] not in dumped
    assert muni_admin.totp_secret not in dumped
    assert '"password"' not in dumped


def test_a_member_downloads_their_own_data_as_a_json_file(client_for, member, editor, work):
    response = client_for("member").get(reverse("my_data_export"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".json" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == member.email
    assert data["profile"]["display_name"] == "Maria Lindqvist"
    text = response.content.decode()
    assert editor.email not in text
    assert "Erik Johansson" not in text


def test_an_anonymous_visitor_gets_no_export(client, member, work):
    response = client.get(reverse("my_data_export"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


# --- deleting one's account at once


@pytest.fixture
def delete(client_for, django_capture_on_commit_callbacks):
    """POST the deletion as a role; mail sent on commit is sent, as it would be."""

    def post(role, data=None, client=None):
        client = client or client_for(role)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("my_data_delete"), {"confirm": "on"} if data is None else data
            )
        return client, response

    return post


def test_deleting_ones_account_deletes_what_is_theirs_and_keeps_their_work(
    delete, member, editor, work, mailoutbox
):
    pk = member.pk
    email = member.email

    client, response = delete("member")

    assert response.status_code == 302
    assert response.url == reverse("account_login")
    assert not User.objects.filter(pk=pk).exists()
    assert not Profile.objects.filter(user_id=pk).exists()
    assert not Membership.objects.filter(user_id=pk).exists()
    assert not Profile.history.filter(user_id=pk).exists()
    assert not Membership.history.filter(user_id=pk).exists()
    assert not User.history.filter(id=pk).exists()
    assert _rows_naming(pk) == []
    assert [
        r.label
        for r in personal_data.references()
        if r.model._base_manager.filter(**{r.field.attname: pk}).exists()
    ] == []
    # Their work stays with the municipality, as written by a former employee.
    service = AIService.objects.get(pk=work["service"].pk)
    assert (service.created_by, service.submitted_by, service.reviewed_by) == (None, None, editor)
    assert list(service.contacts.all()) == [editor]
    assert AIService.history.filter(id=service.pk).count() >= 3
    assert Adoption.objects.get(pk=work["adoption"].pk).set_by is None
    pilot = Pilot.objects.get(pk=work["pilot"].pk)
    assert (pilot.lead, pilot.created_by) == (None, None)
    assert PilotUpdate.objects.get(pk=work["update"].pk).author is None
    assert Effect.objects.get(pk=work["effect"].pk).author is None
    assert ErrorReport.objects.get(pk=work["report"].pk).reporter is None
    assert work["competence"] in Competence.objects.all()
    # What remains of them names no one.
    deletion = AccountDeletion.objects.get()
    assert deletion.status == AccountDeletion.Status.DELETED
    assert deletion.user is None
    assert deletion.municipality.slug == "angelholm"
    assert deletion.decided_at is not None
    for label in [
        "services.AIService",
        "services.Adoption",
        "pilots.Pilot",
        "pilots.PilotUpdate",
        "pilots.Effect",
    ]:
        assert deletion.kept[label] >= 1, label
    # They are logged out and told.
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("my_data")).status_code == 302
    assert [m.to for m in mailoutbox] == [[email]]


def test_a_moderator_sees_that_an_account_was_deleted(delete, client_for, member, work):
    delete("member")

    response = client_for("moderator").get(reverse("moderation"))

    assert response.status_code == 200
    deletion = AccountDeletion.objects.get()
    assert list(response.context["recent_deletions"]) == [deletion]
    text = response.content.decode()
    assert "Ängelholm" in _deletions_section(text)
    assert member.email not in text
    assert "Maria Lindqvist" not in text


def _deletions_section(html):
    """The section of the moderation page's body about deleting accounts."""
    main = html[html.index("<main") :]
    marker = 'aria-labelledby="deletions-heading"'
    assert marker in main, "the moderation page has no section about deleting accounts"
    start = main.index(marker)
    return main[start : main.index("</section>", start)]


def test_the_moderation_pages_title_is_plain_text(client_for):
    html = client_for("moderator").get(reverse("moderation")).content.decode()

    title = html[html.index("<title>") + len("<title>") : html.index("</title>")]
    assert "<" not in title, title


def test_the_moderation_page_shows_an_open_report_whose_reporter_deleted_their_account(
    delete, client_for, member, landskrona
):
    service = factories.ServiceFactory(owner=landskrona, title="Chatt för bygglov")
    ErrorReport.objects.create(service=service, reporter=member, message="Länken är trasig.")

    delete("member")

    response = client_for("moderator").get(reverse("moderation"))
    assert response.status_code == 200
    assert "Länken är trasig." in response.content.decode()


def test_deleting_needs_the_box_ticked(delete, member, work, mailoutbox):
    client, response = delete("member", data={})

    assert response.status_code == 400
    assert "confirm" in response.context["form"].errors
    assert User.objects.filter(pk=member.pk).exists()
    assert Profile.objects.filter(user=member).exists()
    assert not AccountDeletion.objects.exists()
    assert AIService.objects.get(pk=work["service"].pk).created_by == member
    assert client.session["_auth_user_id"] == str(member.pk)
    assert mailoutbox == []


def test_deleting_ones_account_is_refused_on_get(client_for, member):
    response = client_for("member").get(reverse("my_data_delete"))

    assert response.status_code == 405
    assert User.objects.filter(pk=member.pk).exists()


def test_a_pilot_still_shows_after_its_lead_deleted_their_account(delete, client_for, lead):
    pilot = factories.PilotFactory(title="Talat protokoll", lead=lead, created_by=lead)

    delete("lead")

    response = client_for("member").get(pilot.get_absolute_url())
    assert response.status_code == 200
    text = response.content.decode()
    assert "Talat protokoll" in text
    assert "Pia Lund" not in text
    assert "tidigare medarbetare" in text


def test_a_pilot_update_shows_as_written_by_a_former_employee(delete, client_for, lead):
    pilot = factories.PilotFactory(title="Talat protokoll", lead=lead, created_by=lead)
    PilotUpdate.objects.create(
        pilot=pilot, date=datetime.date(2025, 3, 1), text="Första kvartalet klart.", author=lead
    )

    delete("lead")

    response = client_for("member").get(pilot.get_absolute_url())
    assert response.status_code == 200
    text = response.content.decode()
    assert "Första kvartalet klart." in text
    assert "tidigare medarbetare" in text


def _history_who(html):
    """The "Who" cells of a detail page's history table, newest first."""
    table = html.split('aria-labelledby="history"', 1)[1].split("</table>", 1)[0]
    return [cells[1] for cells in re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td>", table)]


def test_a_service_history_shows_changes_by_a_deleted_account_as_a_former_employees(
    delete, client_for, member, editor, work
):
    delete("member")

    response = client_for("editor").get(work["service"].get_absolute_url())

    # Newest first: the editor's review, the member's edit, then the factory's steps.
    who = _history_who(response.content.decode())
    assert who[:2] == ["Erik Johansson", "tidigare medarbetare"]
    assert set(who[2:]) == {"–"}  # what the system did stays unattributed


def test_a_members_log_shows_an_admin_who_since_deleted_their_account_as_a_former_employee(
    delete, member, muni_admin
):
    from municipalities import actions

    second = factories.with_totp(
        factories.member_of(
            "angelholm",
            Membership.Role.ADMIN,
            email="admin2@engelholm.se",
            profile="Björn Sandberg",
        )
    )
    actions.change_role(membership=member.memberships.get(), role="editor", by=muni_admin)
    delete("muni_admin")

    client = Client()
    client.force_login(second)
    response = client.get(reverse("municipality_members", args=["angelholm"]))

    assert response.status_code == 200
    log = response.content.decode().split('id="log-heading"', 1)[1]
    assert re.search(r"<td>tidigare medarbetare</td><td>Maria Lindqvist</td>", log), log


# --- where a moderator must approve


@pytest.fixture
def approval(settings):
    settings.HUB_ACCOUNT_DELETION_NEEDS_APPROVAL = True


@pytest.fixture
def requested(approval, delete, member, moderator, work, mailoutbox):
    """The member has asked for their account to be deleted; the moderators are told."""
    _client, response = delete("member")
    assert response.status_code == 302
    assert response.url == reverse("my_data")
    mailoutbox.clear()
    return AccountDeletion.objects.get()


def test_asking_for_deletion_keeps_the_account_and_tells_the_moderators(
    approval, delete, member, moderator, work, mailoutbox
):
    client, response = delete("member")

    assert response.status_code == 302
    assert response.url == reverse("my_data")
    deletion = AccountDeletion.objects.get()
    assert deletion.status == AccountDeletion.Status.REQUESTED
    assert deletion.user == member
    assert deletion.municipality.slug == "angelholm"
    assert User.objects.filter(pk=member.pk).exists()
    assert Profile.objects.filter(user=member).exists()
    assert client.session["_auth_user_id"] == str(member.pk)
    assert [m.to for m in mailoutbox] == [[moderator.email]]


def test_asking_twice_makes_one_request(approval, delete, member, moderator, mailoutbox):
    delete("member")
    delete("member")

    assert AccountDeletion.objects.count() == 1
    assert len(mailoutbox) == 1


def test_a_moderator_approves_a_deletion(
    requested, client_for, member, moderator, work, mailoutbox, django_capture_on_commit_callbacks
):
    pk, email = member.pk, member.email

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("moderator").post(
            reverse("moderation_deletion_approve", args=[requested.pk])
        )

    assert response.status_code == 302
    assert not User.objects.filter(pk=pk).exists()
    assert _rows_naming(pk) == []
    requested.refresh_from_db()
    assert requested.status == AccountDeletion.Status.DELETED
    assert requested.decided_by == moderator
    assert requested.user is None
    assert requested.kept["services.AIService"] >= 1
    assert Pilot.objects.get(pk=work["pilot"].pk).lead is None
    assert [m.to for m in mailoutbox] == [[email]]


def test_an_approved_deletion_does_not_count_its_own_request_among_the_records_kept(
    requested, client_for, moderator
):
    client_for("moderator").post(reverse("moderation_deletion_approve", args=[requested.pk]))

    requested.refresh_from_db()
    assert requested.status == AccountDeletion.Status.DELETED
    assert "municipalities.AccountDeletion" not in requested.kept


@pytest.mark.parametrize("role", ["member", "editor", "muni_admin", "other_editor", "lead"])
def test_only_a_moderator_decides_on_a_deletion(requested, client_for, member, role, mailoutbox):
    client = client_for(role)

    approved = client.post(reverse("moderation_deletion_approve", args=[requested.pk]))
    refused = client.post(
        reverse("moderation_deletion_refuse", args=[requested.pk]), {"reason": "Nej."}
    )

    assert approved.status_code == 403
    assert refused.status_code == 403
    requested.refresh_from_db()
    assert requested.status == AccountDeletion.Status.REQUESTED
    assert requested.decided_by is None
    assert User.objects.filter(pk=member.pk).exists()
    assert mailoutbox == []


def test_a_moderator_refuses_a_deletion_with_a_reason(
    requested, client_for, member, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for("moderator")
    url = reverse("moderation_deletion_refuse", args=[requested.pk])

    form = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Arkivlagen kräver att kontot finns kvar."})

    assert form.status_code == 200
    assert response.status_code == 302
    requested.refresh_from_db()
    assert requested.status == AccountDeletion.Status.REFUSED
    assert requested.reason == "Arkivlagen kräver att kontot finns kvar."
    assert requested.decided_by == moderator
    assert User.objects.filter(pk=member.pk).exists()
    assert [m.to for m in mailoutbox] == [[member.email]]
    assert "Arkivlagen kräver att kontot finns kvar." in mailoutbox[0].body


def test_a_refusal_needs_a_reason(requested, client_for, member, mailoutbox):
    response = client_for("moderator").post(
        reverse("moderation_deletion_refuse", args=[requested.pk]), {"reason": ""}
    )

    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    requested.refresh_from_db()
    assert requested.status == AccountDeletion.Status.REQUESTED
    assert mailoutbox == []


def test_a_decided_request_cannot_be_approved_after_all(requested, client_for, member):
    client = client_for("moderator")
    client.post(reverse("moderation_deletion_refuse", args=[requested.pk]), {"reason": "Nej."})

    client.post(reverse("moderation_deletion_approve", args=[requested.pk]))

    requested.refresh_from_db()
    assert requested.status == AccountDeletion.Status.REFUSED
    assert User.objects.filter(pk=member.pk).exists()


def test_a_person_withdraws_their_request(requested, client_for, member, mailoutbox):
    response = client_for("member").post(reverse("my_data_withdraw"))

    assert response.status_code == 302
    assert response.url == reverse("my_data")
    requested.refresh_from_db()
    assert requested.status == AccountDeletion.Status.WITHDRAWN
    assert requested.decided_at is not None
    assert User.objects.filter(pk=member.pk).exists()
    assert mailoutbox == []


def test_a_withdrawn_request_cannot_be_approved(requested, client_for, member):
    client_for("member").post(reverse("my_data_withdraw"))

    client_for("moderator").post(reverse("moderation_deletion_approve", args=[requested.pk]))

    assert User.objects.filter(pk=member.pk).exists()
    requested.refresh_from_db()
    assert requested.status == AccountDeletion.Status.WITHDRAWN


def test_the_moderation_page_lists_waiting_requests(requested, client_for):
    response = client_for("moderator").get(reverse("moderation"))

    assert response.status_code == 200
    assert list(response.context["deletion_requests"]) == [requested]
    assert reverse("moderation_deletion_approve", args=[requested.pk]) in response.content.decode()


def test_my_data_page_shows_a_waiting_request(requested, client_for):
    response = client_for("member").get(reverse("my_data"))

    assert response.status_code == 200
    assert response.context["pending"] == requested
    assert reverse("my_data_withdraw") in response.content.decode()
