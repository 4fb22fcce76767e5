"""The pilot registry: who may do what, visibility, two-step registration, updates, effects."""

import pytest
from django.core import mail

from pilots.models import Effect, Pilot, PilotErrorReport, PilotUpdate
from tests import factories

Status = Pilot.Status


@pytest.fixture
def pilot(db, angelholm, lead):
    return factories.PilotFactory(lead=lead)


@pytest.fixture
def draft(db, angelholm, lead):
    return factories.PilotFactory(lead=lead, status=Status.DRAFT, published_at=None)


def _pilot_data(**extra):
    from municipalities.models import Area

    data = {
        "title": "Tal till text i hemtjänsten",
        "summary": "Personalen dikterar anteckningar.",
        "areas": [Area.objects.first().pk],
        "technique": "speech",
        "phase": "planned",
        "planned_start": "2026-01-15",
        "planned_end": "2026-06-30",
        "personal_data": "sensitive",
        "pub_agreement": "yes",
        "dpia": "yes",
        "risk_class": "minimal",
        "lead_municipality": factories.municipality("angelholm").pk,
        "tags": "tal, hemtjänst",
        "step": "2",
    }
    data.update(extra)
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [("member", 200), ("editor", 200), ("other_editor", 200), ("lead", 200), ("moderator", 200)],
)
def test_any_member_may_start_registering_a_pilot(client_for, role, expected):
    assert client_for(role).get("/piloter/ny/").status_code == expected


@pytest.mark.django_db
def test_registering_is_two_steps_and_the_registrant_becomes_the_lead(
    client_for, member, angelholm
):
    client = client_for("member")

    step_one = client.post(
        "/piloter/ny/",
        {"step": "1", "title": "Tal till text", "summary": "Dikterade anteckningar.",
         "areas": [_pilot_data()["areas"][0]]},
    )  # fmt: skip
    assert step_one.status_code == 200
    assert step_one.context["form"].initial["title"] == "Tal till text"
    assert "similar" in step_one.context
    assert not Pilot.objects.exists()

    response = client.post("/piloter/ny/", _pilot_data())

    pilot = Pilot.objects.get()
    assert response.status_code == 302
    assert pilot.lead == member
    assert pilot.status == Status.DRAFT
    assert pilot.lead_municipality.slug == "angelholm"


@pytest.mark.django_db
def test_step_one_with_nothing_filled_in_says_what_is_missing(client_for, angelholm):
    response = client_for("member").post("/piloter/ny/", {"step": "1", "title": "Bara titel"})

    assert response.status_code == 200
    assert {"summary", "areas"} <= set(response.context["form"].errors)
    assert 'value="Bara titel"' in response.content.decode()


@pytest.mark.django_db
def test_step_one_shows_a_similar_pilot_of_another_municipality(client_for, landskrona, angelholm):
    factories.PilotFactory(
        lead_municipality=landskrona,
        title="Taligenkänning för dokumentation i hemtjänsten",
        summary="Personalen i hemtjänsten dikterar anteckningar och taligenkänningen gör text.",
    )

    response = client_for("member").post(
        "/piloter/ny/",
        {"step": "1", "title": "Taligenkänningen i hemtjänsten",
         "summary": "Hemtjänstens personal dikterar anteckningar",
         "areas": [_pilot_data()["areas"][0]]},
    )  # fmt: skip

    assert [hit.obj.title for hit in response.context["similar"]] == [
        "Taligenkänning för dokumentation i hemtjänsten"
    ]
    assert "Landskrona" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("member", 403),
        ("editor", 200),
        ("muni_admin", 200),
        ("other_editor", 403),
        ("lead", 200),
        ("moderator", 200),
    ],
)
def test_who_may_edit_a_pilot(client_for, pilot, role, expected):
    assert client_for(role).get(f"/piloter/{pilot.slug}/redigera/").status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("member", 404),
        ("editor", 302),
        ("muni_admin", 302),
        ("other_editor", 404),
        ("lead", 302),
        ("moderator", 302),
    ],
)
def test_the_lead_and_the_lead_municipalitys_editors_publish_a_draft(
    client_for, draft, role, expected
):
    response = client_for(role).post(f"/piloter/{draft.slug}/publicera/")

    draft.refresh_from_db()
    assert response.status_code == expected
    assert draft.status == (Status.PUBLISHED if expected == 302 else Status.DRAFT)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "step", "expected", "status_after"),
    [
        ("lead", "avpublicera", 403, Status.PUBLISHED),
        ("editor", "arkivera", 403, Status.PUBLISHED),
        ("moderator", "avpublicera", 302, Status.DRAFT),
        ("moderator", "arkivera", 302, Status.ARCHIVED),
    ],
)
def test_only_moderators_unpublish_and_archive(
    client_for, pilot, role, step, expected, status_after
):
    response = client_for(role).post(f"/piloter/{pilot.slug}/{step}/")

    pilot.refresh_from_db()
    assert response.status_code == expected
    assert pilot.status == status_after


@pytest.mark.django_db
def test_an_archived_pilot_is_restored_by_a_moderator_as_a_draft(client_for, pilot, moderator):
    from pilots import actions

    actions.archive(pilot=pilot, user=moderator)
    assert client_for("member").get(f"/piloter/{pilot.slug}/").status_code == 404

    client_for("moderator").post(f"/piloter/{pilot.slug}/aterstall/")

    pilot.refresh_from_db()
    assert pilot.status == Status.DRAFT


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("member", 403),
        ("editor", 302),
        ("other_editor", 302),
        ("lead", 302),
        ("moderator", 302),
    ],
)
def test_the_lead_editors_and_participating_editors_post_updates(
    client_for, pilot, landskrona, role, expected
):
    pilot.participants.add(landskrona)

    response = client_for(role).post(
        f"/piloter/{pilot.slug}/uppdatering/",
        {"date": "2026-11-20", "text": "Vi har testat med tio brukare.", "phase": "completed"},
    )

    assert response.status_code == expected
    pilot.refresh_from_db()
    if expected == 302:
        update = PilotUpdate.objects.get()
        assert update.text == "Vi har testat med tio brukare."
        assert pilot.phase == "completed", "an update may move the pilot to a new phase"
    else:
        assert not PilotUpdate.objects.exists()
        assert pilot.phase == "ongoing"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [("member", 403), ("editor", 302), ("other_editor", 403), ("lead", 302), ("moderator", 302)],
)
def test_the_lead_and_lead_editors_add_effects(client_for, pilot, landskrona, role, expected):
    pilot.participants.add(landskrona)

    response = client_for(role).post(f"/piloter/{pilot.slug}/effekt/", _effect())

    assert response.status_code == expected
    assert Effect.objects.count() == (1 if expected == 302 else 0)


def _effect(**extra):
    data = {
        "metric": "Handläggningstid per ärende",
        "unit": "minutes",
        "period": "case",
        "baseline": "45",
        "target": "30",
        "value": "32,5",
        "measured_on": "2026-10-31",
        "method": "Mätt på 200 ärenden i oktober.",
    }
    data.update(extra)
    return data


@pytest.mark.django_db
def test_an_effect_accepts_a_swedish_decimal_comma(client_for, pilot):
    client_for("lead").post(f"/piloter/{pilot.slug}/effekt/", _effect())

    effect = Effect.objects.get()
    assert str(effect.value) == "32.50"
    page = client_for("member").get(f"/piloter/{pilot.slug}/").content.decode()
    assert "32,5" in page
    assert "<svg" in page and "<title" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("baseline", "-5", "Värdet kan inte vara negativt."),
        ("value", "fyrtio", "Skriv ett tal, till exempel 45 eller 12,5."),
        ("measured_on", "igår", "Fyll i ett giltigt datum."),
    ],
)
def test_effects_with_bad_numbers_are_refused_beside_the_field(
    client_for, pilot, field, value, message
):
    response = client_for("lead").post(f"/piloter/{pilot.slug}/effekt/", _effect(**{field: value}))

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Effect.objects.exists()
    assert "Handläggningstid per ärende" in response.content.decode(), "typed values stay"


@pytest.mark.django_db
def test_a_share_in_per_cent_is_at_most_100(client_for, pilot):
    response = client_for("lead").post(
        f"/piloter/{pilot.slug}/effekt/", _effect(unit="percent", value="120", baseline="50")
    )

    assert "value" in response.context["form"].errors
    assert not Effect.objects.exists()


@pytest.mark.django_db
def test_an_end_before_the_start_is_refused(client_for, pilot):
    client = client_for("lead")
    response = client.post(
        f"/piloter/{pilot.slug}/redigera/",
        _pilot_data(planned_start="2026-06-01", planned_end="2026-01-01"),
    )

    assert "planned_end" in response.context["form"].errors


@pytest.mark.django_db
def test_the_lead_hands_the_role_to_another_member(client_for, pilot, member, lead):
    response = client_for("lead").post(
        f"/piloter/{pilot.slug}/projektledare/", {"new_lead": member.pk}
    )

    pilot.refresh_from_db()
    assert response.status_code == 302
    assert pilot.lead == member
    assert client_for("lead").get(f"/piloter/{pilot.slug}/redigera/").status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["member", "other_editor"])
def test_a_draft_pilot_never_leaks(client_for, role, draft):
    client = client_for(role)

    assert client.get(f"/piloter/{draft.slug}/").status_code == 404
    assert draft.title not in client.get("/piloter/").content.decode()
    assert draft.title not in client.get("/piloter/export/").content.decode("utf-8")
    assert draft.title not in client.get("/").content.decode()
    assert draft.title not in client.get("/piloter/rapport/").content.decode()
    assert client.get("/piloter/").context["page"].paginator.count == 0


@pytest.mark.django_db
def test_the_draft_is_seen_by_its_lead_and_the_lead_municipalitys_editors(client_for, draft):
    for role in ["lead", "editor", "muni_admin", "moderator"]:
        assert client_for(role).get(f"/piloter/{draft.slug}/").status_code == 200


@pytest.mark.django_db
def test_the_pilot_list_runs_the_same_number_of_queries_for_3_and_60_pilots(client_for, angelholm):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("member")
    factories.PilotFactory.create_batch(3)
    with CaptureQueriesContext(connection) as few:
        client.get("/piloter/")
    factories.PilotFactory.create_batch(57)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/piloter/")

    assert response.context["page"].paginator.count == 60
    assert len(many) == len(few)


@pytest.mark.django_db
def test_the_detail_page_runs_the_same_queries_however_many_updates_and_effects(
    client_for, pilot, lead
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("member")
    with CaptureQueriesContext(connection) as few:
        client.get(f"/piloter/{pilot.slug}/")
    for n in range(8):
        PilotUpdate.objects.create(
            pilot=pilot, date=f"2026-0{n + 1}-10", text="Läget.", author=lead
        )
        Effect.objects.create(
            pilot=pilot, metric=f"Mått {n}", unit="hours", baseline=10, value=8,
            measured_on="2026-10-01", method="Räknat.", author=lead,
        )  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        client.get(f"/piloter/{pilot.slug}/")

    assert len(many) == len(few)


@pytest.mark.django_db
def test_an_error_report_on_a_pilot_reaches_the_lead_and_the_moderators(
    client_for, pilot, lead, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for("other_editor").post(
            f"/piloter/{pilot.slug}/rapportera/", {"message": "Datumen stämmer inte."}
        )

    report = PilotErrorReport.objects.get()
    assert set(mail.outbox[-1].to) == {lead.email, moderator.email}
    assert "Datumen stämmer inte." in client_for("moderator").get("/moderering/").content.decode()
    client_for("moderator").post(f"/moderering/pilotrapporter/{report.pk}/hanterad/")
    report.refresh_from_db()
    assert report.handled_by == moderator


@pytest.mark.django_db
def test_the_home_page_reminds_a_lead_without_an_update_this_quarter(client_for, pilot, lead):
    page = client_for("lead").get("/").content.decode()
    assert "Ingen lägesrapport det här kvartalet" in page

    from django.utils import timezone

    PilotUpdate.objects.create(pilot=pilot, date=timezone.localdate(), text="Läget.", author=lead)
    page = client_for("lead").get("/").content.decode()
    assert "Ingen lägesrapport det här kvartalet" not in page
