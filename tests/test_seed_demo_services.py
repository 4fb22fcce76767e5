import pytest
from django.core.management import call_command
from django.urls import reverse

from municipalities.models import User
from services.models import Adoption, AIService
from tests import factories

Status = AIService.Status


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    return AIService.objects.count()


def _snapshot():
    """Everything a second run could touch, history included."""
    return {
        "services": list(AIService.objects.order_by("pk").values()),
        "service_history": AIService.history.count(),
        "adoptions": list(Adoption.objects.order_by("pk").values()),
        "adoption_history": Adoption.history.count(),
        "tags": sorted(AIService.objects.values_list("slug", "tags__name")),
    }


def test_seed_demo_fills_the_catalogue_with_services_in_every_state(seeded):
    assert seeded >= 15
    assert AIService.objects.filter(status=Status.REVIEW).count() == 1
    assert AIService.objects.filter(status=Status.DRAFT).count() == 1
    assert AIService.objects.filter(status=Status.ARCHIVED).count() == 1
    # Every one of the eleven municipalities owns at least one service.
    assert AIService.objects.values("owner").distinct().count() == 11


def test_gemini_for_teachers_is_angelholms_and_used_by_others(seeded):
    gemini = AIService.objects.with_reuse_count().get(slug="gemini-for-larare")

    assert gemini.owner.slug == "angelholm"
    assert gemini.status == Status.PUBLISHED
    assert gemini.reuse_count >= 2
    using = gemini.adoptions.filter(status=Adoption.Status.USING)
    assert not using.filter(municipality=gemini.owner).exists()
    assert "personuppgifter om elever" in gemini.description


def test_every_demo_service_is_filled_in_as_the_form_requires(seeded):
    for service in AIService.objects.prefetch_related("areas"):
        assert service.areas.exists(), service.slug
        assert service.summary.strip(), service.slug
        assert len(service.summary) <= 300, service.slug
        assert service.risk_class != AIService.RiskClass.NOT_ASSESSED, service.slug
        assert service.human_oversight, service.slug
        assert service.tags.exists(), service.slug
        if service.is_high_risk:
            assert service.fundamental_rights_assessment == AIService.Answer.YES


def test_every_step_of_a_demo_service_says_who_and_when(seeded):
    for service in AIService.objects.exclude(status=Status.DRAFT):
        assert service.submitted_by and service.submitted_at, service.slug
    for service in AIService.objects.filter(status__in=[Status.PUBLISHED, Status.ARCHIVED]):
        assert service.published_at and service.reviewed_by and service.reviewed_at
        assert service.reviewed_by.is_moderator
    archived = AIService.objects.get(status=Status.ARCHIVED)
    assert archived.archived_by and archived.archived_at
    assert archived.status_before_archive == Status.PUBLISHED
    for adoption in Adoption.objects.select_related("service"):
        assert adoption.municipality_id != adoption.service.owner_id
        assert adoption.service.status == Status.PUBLISHED


def test_seed_demo_run_twice_changes_nothing(seeded, settings):
    before = _snapshot()

    call_command("seed_demo", verbosity=0)

    assert AIService.objects.count() == seeded
    assert _snapshot() == before


@pytest.fixture
def admin_client(client, db, settings):
    """A superuser working in English, so messages are checked against the msgids."""
    user = factories.with_totp(factories.UserFactory(is_superuser=True, is_staff=True))
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _run_action(client, action, *services):
    return client.post(
        reverse("admin:services_aiservice_changelist"),
        {"action": action, "_selected_action": [s.pk for s in services]},
        follow=True,
    )


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def test_admin_publish_action_publishes_a_service_in_review(seeded, admin_client):
    in_review = AIService.objects.get(status=Status.REVIEW)

    response = _run_action(admin_client, "publish", in_review)

    in_review.refresh_from_db()
    assert in_review.status == Status.PUBLISHED
    assert in_review.published_at is not None
    assert _messages(response) == ["1 service was published."]


def test_admin_publish_action_skips_a_draft(seeded, admin_client):
    draft = AIService.objects.get(status=Status.DRAFT)
    in_review = AIService.objects.get(status=Status.REVIEW)

    response = _run_action(admin_client, "publish", draft, in_review)

    draft.refresh_from_db()
    in_review.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert in_review.status == Status.PUBLISHED
    assert _messages(response) == [
        "1 service was published.",
        "1 service was skipped: its status does not allow this.",
    ]


def test_admin_send_back_action_leaves_the_fixed_comment(seeded, admin_client):
    in_review = AIService.objects.get(status=Status.REVIEW)

    _run_action(admin_client, "send_back", in_review)

    in_review.refresh_from_db()
    assert in_review.status == Status.DRAFT
    assert in_review.review_comment == "Sent back by a moderator in Django admin"


def test_admin_archive_and_restore_actions_bring_a_service_back(seeded, admin_client):
    published = AIService.objects.get(slug="gemini-for-larare")

    _run_action(admin_client, "archive", published)
    published.refresh_from_db()
    assert published.status == Status.ARCHIVED

    _run_action(admin_client, "restore", published)
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED


def test_admin_never_offers_to_delete_a_service(seeded, admin_client):
    service = AIService.objects.first()

    changelist = admin_client.get(reverse("admin:services_aiservice_changelist"))
    delete = admin_client.get(reverse("admin:services_aiservice_delete", args=[service.pk]))

    assert changelist.status_code == 200
    assert "delete_selected" not in changelist.content.decode()
    assert delete.status_code == 403
    assert AIService.objects.filter(pk=service.pk).exists()


def test_admin_pages_for_the_catalogue_open(seeded, admin_client):
    service = AIService.objects.get(slug="gemini-for-larare")
    urls = [
        reverse("admin:services_aiservice_change", args=[service.pk]),
        reverse("admin:services_aiservice_history", args=[service.pk]),
        reverse("admin:services_aiservice_changelist") + "?q=gemini",
        reverse("admin:services_supplier_changelist"),
        reverse("admin:services_adoption_changelist"),
        reverse("admin:services_errorreport_changelist") + "?handled=no",
    ]
    for url in urls:
        assert admin_client.get(url).status_code == 200, url


def test_a_moderator_publishes_from_admin_and_sees_the_inlines(seeded, client):
    moderator = factories.with_totp(User.objects.get(email="moderator@helsingborg.se"))
    client.force_login(moderator)
    in_review = AIService.objects.get(status=Status.REVIEW)
    gemini = AIService.objects.get(slug="gemini-for-larare")

    change = client.get(reverse("admin:services_aiservice_change", args=[gemini.pk]))
    _run_action(client, "publish", in_review)

    assert change.status_code == 200
    assert "Klippan" in change.content.decode()  # the adoption inline
    in_review.refresh_from_db()
    assert in_review.status == Status.PUBLISHED
    assert in_review.reviewed_by == moderator
