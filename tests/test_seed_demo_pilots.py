import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from hub.management.commands._demo_pilots import PROJECT_LEADS
from municipalities.models import Membership, Profile, User
from pilots.models import Effect, Pilot, PilotUpdate
from tests import factories

Phase = Pilot.Phase
Status = Pilot.Status

SIMILAR = {
    "taligenkanning-for-dokumentation-i-hemtjansten": "svalov",
    "tal-till-text-for-hemtjanstens-anteckningar": "astorp",
}


@pytest.fixture
def seeded(db, settings):
    """seed_demo run twice, as `make run` does on every start."""
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    return Pilot.objects.count()


def _snapshot():
    """Everything a rerun could touch, history included."""
    leads = User.objects.filter(email__startswith="projektledare@")
    return {
        "pilots": list(Pilot.objects.order_by("pk").values()),
        "pilot_history": Pilot.history.count(),
        "m2m": sorted(
            Pilot.objects.values_list(
                "slug", "participants__slug", "areas__slug", "contacts__email"
            ),
            key=str,
        ),
        "related": sorted(Pilot.objects.values_list("slug", "related_services__slug"), key=str),
        "tags": sorted(Pilot.objects.values_list("slug", "tags__name"), key=str),
        "updates": list(PilotUpdate.objects.order_by("pk").values()),
        "update_history": PilotUpdate.history.count(),
        "effects": list(Effect.objects.order_by("pk").values()),
        "effect_history": Effect.history.count(),
        # seed_demo's own demo users are re-saved on every run; the project leads are not.
        "leads": list(leads.order_by("pk").values("pk", "email", "password")),
        "lead_profile_history": Profile.history.filter(user__in=leads).count(),
        "lead_membership_history": Membership.history.filter(user__in=leads).count(),
    }


def test_seed_demo_registers_pilots_in_every_phase(seeded):
    assert seeded >= 10
    assert set(Pilot.objects.values_list("phase", flat=True)) == set(Phase.values)
    assert Pilot.objects.filter(status=Status.DRAFT).count() == 1
    assert not Pilot.objects.filter(status=Status.ARCHIVED).exists()
    assert Pilot.objects.values("lead_municipality").distinct().count() >= 9
    assert Pilot.objects.filter(participants__isnull=False).distinct().count() >= 3


def test_progress_updates_cover_each_of_the_last_four_quarters(seeded):
    for first, last in [
        ("2026-01-01", "2026-03-31"),
        ("2026-04-01", "2026-06-30"),
        ("2026-07-01", "2026-09-30"),
        ("2026-10-01", "2026-12-31"),
    ]:
        assert PilotUpdate.objects.filter(date__range=(first, last)).exists(), first
    assert PilotUpdate.objects.exclude(phase="").filter(date__year=2026).exists()
    assert not PilotUpdate.objects.filter(date__gt=datetime.date(2026, 12, 3)).exists()


def test_a_pilot_is_in_the_phase_its_latest_phase_update_names(seeded):
    for pilot in Pilot.objects.all():
        latest = pilot.updates.exclude(phase="").order_by("-date").first()
        if latest is not None:
            assert latest.phase == pilot.phase, pilot.slug


def test_effects_are_measured_with_unit_period_and_method(seeded):
    assert Effect.objects.count() >= 5
    assert Effect.objects.exclude(period="").count() >= 3
    handling = Effect.objects.get(metric="Tid för dokumentation per besök")
    assert (handling.unit, handling.period) == (Effect.Unit.MINUTES, Effect.Period.CASE)
    assert handling.value < handling.baseline
    for effect in Effect.objects.all():
        assert effect.method and effect.author_id, effect.metric


def test_ended_pilots_tell_what_came_of_them(seeded):
    ended = Pilot.objects.filter(phase__in=[Phase.COMPLETED, Phase.STOPPED])
    assert ended.count() >= 4
    for pilot in ended:
        assert pilot.results and pilot.lessons and pilot.outcome, pilot.slug
        assert pilot.actual_end is not None, pilot.slug
    assert set(ended.values_list("outcome", flat=True)) == set(Pilot.Outcome.values)
    assert not Pilot.objects.exclude(phase__in=[Phase.COMPLETED, Phase.STOPPED]).exclude(outcome="")


def test_every_demo_pilot_is_filled_in(seeded):
    for pilot in Pilot.objects.select_related("lead"):
        assert len(pilot.summary) <= 300, pilot.slug
        assert pilot.problem and pilot.previous_practice and pilot.goals, pilot.slug
        assert pilot.areas.exists() and pilot.tags.exists(), pilot.slug
        assert pilot.lead is not None, pilot.slug
        assert pilot.lead.roles.get(pilot.lead_municipality_id), pilot.slug
        assert (pilot.published_at is not None) == (pilot.status == Status.PUBLISHED)
        assert pilot.updates.exists(), pilot.slug
    gemini = Pilot.objects.filter(related_services__slug="gemini-for-larare")
    assert gemini.filter(lead_municipality__slug="angelholm").exists()


def test_two_similar_pilots_run_in_different_municipalities(seeded):
    pilots = Pilot.objects.filter(slug__in=SIMILAR).select_related("lead_municipality")

    assert {p.slug: p.lead_municipality.slug for p in pilots} == SIMILAR
    first, second = pilots
    assert first.technique == second.technique
    assert set(first.areas.all()) == set(second.areas.all())


def test_each_project_lead_can_log_in(seeded):
    for slug in PROJECT_LEADS:
        user = User.objects.get(
            email__startswith="projektledare@", memberships__municipality__slug=slug
        )
        assert user.check_password("demo")
        assert user.emailaddress_set.get().verified
        assert user.profile.title == "Projektledare"
        assert user.memberships.get().role == Membership.Role.MEMBER


def test_seed_demo_run_again_changes_nothing(seeded):
    before = _snapshot()

    call_command("seed_demo", verbosity=0)

    assert Pilot.objects.count() == seeded
    assert _snapshot() == before


@pytest.fixture
def admin_client(client, db, settings):
    """A superuser working in English, so messages are checked against the msgids."""
    user = factories.with_totp(factories.UserFactory(is_superuser=True, is_staff=True))
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def test_admin_pages_for_pilots_open(seeded, admin_client):
    pilot = Pilot.objects.get(slug="taligenkanning-for-dokumentation-i-hemtjansten")
    urls = [
        reverse("admin:pilots_pilot_changelist"),
        reverse("admin:pilots_pilot_changelist") + "?q=hemtjänst&phase__exact=ongoing",
        reverse("admin:pilots_pilot_change", args=[pilot.pk]),
        reverse("admin:pilots_pilot_history", args=[pilot.pk]),
        reverse("admin:pilots_pilot_add"),
        reverse("admin:pilots_pilotupdate_changelist"),
        reverse("admin:pilots_effect_changelist"),
        reverse("admin:pilots_piloterrorreport_changelist") + "?handled=no",
    ]
    for url in urls:
        assert admin_client.get(url).status_code == 200, url

    change = admin_client.get(urls[2]).content.decode()
    assert "Tid för dokumentation per besök" in change  # the effect inline
    assert "Piloten har startat" in change  # the update inline


def test_admin_publish_action_publishes_a_draft_and_skips_a_published_pilot(seeded, admin_client):
    draft = Pilot.objects.get(status=Status.DRAFT)
    published = Pilot.objects.filter(status=Status.PUBLISHED).first()
    published_at = published.published_at

    response = admin_client.post(
        reverse("admin:pilots_pilot_changelist"),
        {"action": "publish", "_selected_action": [draft.pk, published.pk]},
        follow=True,
    )

    draft.refresh_from_db()
    published.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.published_at is not None
    assert published.status == Status.PUBLISHED
    assert published.published_at == published_at
    assert _messages(response) == [
        "1 pilot was published.",
        "1 pilot was skipped: its status does not allow this.",
    ]


def test_admin_never_offers_to_delete_a_pilot(seeded, admin_client):
    pilot = Pilot.objects.first()

    changelist = admin_client.get(reverse("admin:pilots_pilot_changelist"))
    delete = admin_client.get(reverse("admin:pilots_pilot_delete", args=[pilot.pk]))

    assert "delete_selected" not in changelist.content.decode()
    assert delete.status_code == 403
