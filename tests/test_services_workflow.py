"""utkast → granskas → publicerad → arkiverad: every step, allowed and refused, per role.

A refused step answers 403 (the service is visible) or 404 (it is not) and changes nothing.
"""

import pytest
from django.core import mail

from services.models import AIService
from tests import factories

Status = AIService.Status


@pytest.fixture
def post(client_for, django_capture_on_commit_callbacks):
    """POST a workflow step as a role; mail sent on commit is sent, as it would be."""

    def send(role, service, step, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client_for(role).post(f"/tjanster/{service.slug}/{step}/", data or {})

    return send


@pytest.fixture
def draft(db, angelholm):
    return factories.ServiceFactory(status=Status.DRAFT, published_at=None)


@pytest.fixture
def in_review(db, angelholm, editor):
    return factories.ServiceFactory(status=Status.REVIEW, published_at=None, submitted_by=editor)


@pytest.fixture
def published(db, angelholm):
    return factories.ServiceFactory(status=Status.PUBLISHED)


@pytest.fixture
def archived(db, angelholm):
    return factories.ServiceFactory(status=Status.ARCHIVED, status_before_archive=Status.PUBLISHED)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("member", 404),
        ("editor", 302),
        ("muni_admin", 302),
        ("other_editor", 404),
        ("lead", 404),
        ("moderator", 302),
    ],
)
def test_submitting_a_draft_for_review(client_for, post, draft, role, expected, moderator):
    response = post(role, draft, "skicka-in")

    draft.refresh_from_db()
    assert response.status_code == expected
    if expected == 302:
        assert draft.status == Status.REVIEW
        assert draft.submitted_at is not None
        assert mail.outbox[-1].to == [moderator.email]
        assert draft.title in mail.outbox[-1].subject
    else:
        assert draft.status == Status.DRAFT
        assert draft.submitted_at is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("member", 404),
        ("editor", 403),
        ("muni_admin", 403),
        ("other_editor", 404),
        ("lead", 404),
        ("moderator", 302),
    ],
)
def test_only_a_moderator_publishes_a_service_in_review(
    client_for, post, in_review, editor, role, expected
):
    response = post(role, in_review, "godkann")

    in_review.refresh_from_db()
    assert response.status_code == expected
    if expected == 302:
        assert in_review.status == Status.PUBLISHED
        assert in_review.published_at is not None
        assert mail.outbox[-1].to == [editor.email]
    else:
        assert in_review.status == Status.REVIEW
        assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("member", 404),
        ("editor", 403),
        ("other_editor", 404),
        ("moderator", 302),
    ],
)
def test_only_a_moderator_sends_back_and_must_say_why(
    client_for, post, in_review, editor, role, expected
):
    response = post(role, in_review, "skicka-tillbaka", {"comment": "Fyll i DPIA."})

    in_review.refresh_from_db()
    assert response.status_code == expected
    if expected == 302:
        assert in_review.status == Status.DRAFT
        assert in_review.review_comment == "Fyll i DPIA."
        assert "Fyll i DPIA." in mail.outbox[-1].body
        assert mail.outbox[-1].to == [editor.email]
    else:
        assert in_review.status == Status.REVIEW


@pytest.mark.django_db
def test_sending_back_without_a_comment_is_refused_beside_the_field(client_for, post, in_review):
    response = post("moderator", in_review, "skicka-tillbaka", {"comment": "  "})

    in_review.refresh_from_db()
    assert response.status_code == 200
    assert in_review.status == Status.REVIEW
    assert "Detta fält måste fyllas i." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("member", 403),
        ("editor", 302),
        ("muni_admin", 302),
        ("other_editor", 403),
        ("lead", 403),
        ("moderator", 302),
    ],
)
def test_archiving_a_published_service(client_for, post, published, role, expected):
    assert client_for(role).get(f"/tjanster/{published.slug}/arkivera/").status_code in (
        200 if expected == 302 else expected,
    )

    response = post(role, published, "arkivera")

    published.refresh_from_db()
    assert response.status_code == expected
    assert published.status == (Status.ARCHIVED if expected == 302 else Status.PUBLISHED)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("member", 404),
        ("editor", 403),
        ("muni_admin", 403),
        ("other_editor", 404),
        ("moderator", 302),
    ],
)
def test_only_a_moderator_restores_and_the_service_returns_to_where_it_was(
    client_for, post, archived, role, expected
):
    response = post(role, archived, "aterstall")

    archived.refresh_from_db()
    assert response.status_code == expected
    assert archived.status == (Status.PUBLISHED if expected == 302 else Status.ARCHIVED)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("step", "status"),
    [
        ("skicka-in", Status.REVIEW),
        ("skicka-in", Status.PUBLISHED),
        ("godkann", Status.DRAFT),
        ("godkann", Status.PUBLISHED),
        ("aterstall", Status.PUBLISHED),
    ],
)
def test_a_step_from_the_wrong_state_changes_nothing(client_for, post, angelholm, step, status):
    service = factories.ServiceFactory(status=status)

    response = post("moderator", service, step)

    service.refresh_from_db()
    assert response.status_code == 403
    assert service.status == status


@pytest.mark.django_db
def test_a_prohibited_practice_cannot_be_submitted_and_the_page_says_why(
    client_for, post, angelholm
):
    service = factories.ServiceFactory(
        status=Status.DRAFT, risk_class=AIService.RiskClass.PROHIBITED, published_at=None
    )

    response = post("editor", service, "skicka-in")
    page = client_for("editor").get(f"/tjanster/{service.slug}/").content.decode()

    service.refresh_from_db()
    assert response.status_code == 403
    assert service.status == Status.DRAFT
    assert "förbjuden" in page.lower()
    assert "kan inte publiceras" in page


@pytest.mark.django_db
def test_editing_a_published_service_keeps_it_published_and_is_recorded(
    client_for, post, published, editor
):
    client = client_for("editor")
    form = client.get(f"/tjanster/{published.slug}/redigera/").context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("areas", "contacts", "tags")
    }
    data.update(
        {"title": "Nytt namn", "areas": [a.pk for a in published.areas.all()], "tags": "tal"}
    )

    response = client.post(f"/tjanster/{published.slug}/redigera/", data)

    published.refresh_from_db()
    assert response.status_code == 302, response.context["form"].errors
    assert published.title == "Nytt namn"
    assert published.status == Status.PUBLISHED
    latest = published.history.latest("history_date")
    assert latest.history_user == editor
    assert latest.title == "Nytt namn"
