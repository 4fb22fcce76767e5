"""The municipalities' pages: their figures side by side, and each one's work and people.

Every figure counts what is published, reuse counts only one municipality's mark on
another's service, and people count only when listed.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from municipalities.models import Competence, Municipality
from pilots.models import Pilot
from services.models import Adoption, AIService
from tests import factories

pytestmark = pytest.mark.django_db

Phase = Pilot.Phase
SWEDISH_ORDER = [
    "Bjuv",
    "Båstad",
    "Helsingborg",
    "Höganäs",
    "Klippan",
    "Landskrona",
    "Perstorp",
    "Svalöv",
    "Åstorp",
    "Ängelholm",
    "Örkelljunga",
]


def listed(slug, name, email, **profile_fields):
    user = factories.member_of(slug, email=email, profile=name)
    profile = user.profile
    profile.listed = True
    for field, value in profile_fields.items():
        setattr(profile, field, value)
    profile.save()
    return user


def cards(response):
    return {m.slug: m for m in response.context["municipalities"]}


def main(response):
    """The page's own content, without the header that names the viewer."""
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def mark(service, municipality, status=Adoption.Status.USING):
    return Adoption.objects.create(service=service, municipality=municipality, status=status)


# --- the list


def test_the_list_shows_the_municipalities_in_swedish_alphabetical_order(client_for):
    response = client_for("member").get("/kommuner/")

    assert response.status_code == 200
    assert [m.name for m in response.context["municipalities"]] == SWEDISH_ORDER
    page = main(response)
    assert page.index("Åstorp") < page.index("Ängelholm") < page.index("Örkelljunga")


def test_a_municipality_that_left_is_not_on_the_list(client_for):
    Municipality.objects.filter(slug="klippan").update(active=False)

    response = client_for("member").get("/kommuner/")

    assert [m.name for m in response.context["municipalities"]] == [
        name for name in SWEDISH_ORDER if name != "Klippan"
    ]


@pytest.fixture
def work(db, angelholm, landskrona):
    """Services, pilots and reuse marks of Ängelholm, Landskrona and Helsingborg."""
    helsingborg = factories.municipality("helsingborg")
    shared = factories.ServiceFactory(title="Delad tjänst", owner=angelholm)
    factories.ServiceFactory(title="Andra tjänsten", owner=angelholm)
    draft = factories.ServiceFactory(
        title="Ängelholms utkast",
        owner=angelholm,
        status=AIService.Status.DRAFT,
        published_at=None,
    )
    factories.ServiceFactory(title="Granskas", owner=angelholm, status=AIService.Status.REVIEW)
    archived = factories.ServiceFactory(
        title="Arkiverad tjänst", owner=angelholm, status=AIService.Status.ARCHIVED
    )
    landskronas = factories.ServiceFactory(title="Landskronas tjänst", owner=landskrona)

    factories.PilotFactory(title="Pågår ett", lead_municipality=angelholm, phase=Phase.ONGOING)
    factories.PilotFactory(title="Pågår två", lead_municipality=angelholm, phase=Phase.ONGOING)
    factories.PilotFactory(title="Klar", lead_municipality=angelholm, phase=Phase.COMPLETED)
    factories.PilotFactory(
        title="Ängelholms pilotutkast",
        lead_municipality=angelholm,
        phase=Phase.IDEA,
        status=Pilot.Status.DRAFT,
        published_at=None,
    )
    factories.PilotFactory(
        title="Arkiverad pilot",
        lead_municipality=angelholm,
        phase=Phase.STOPPED,
        status=Pilot.Status.ARCHIVED,
    )
    joined = factories.PilotFactory(
        title="Landskronas pilot", lead_municipality=landskrona, phase=Phase.PLANNED
    )
    joined.participants.add(angelholm)

    mark(shared, landskrona)
    mark(shared, helsingborg, Adoption.Status.INTERESTED)
    mark(shared, angelholm)  # its own: never counted
    mark(draft, landskrona)  # not published: not counted
    mark(archived, helsingborg)  # archived: not counted
    mark(landskronas, angelholm, Adoption.Status.TESTING)
    return {"angelholm": angelholm, "landskrona": landskrona, "helsingborg": helsingborg}


def test_each_card_counts_published_services_only(client_for, work):
    found = cards(client_for("member").get("/kommuner/"))

    assert found["angelholm"].published_count == 2
    assert found["landskrona"].published_count == 1
    assert found["helsingborg"].published_count == 0


def test_each_card_counts_published_pilots_per_phase(client_for, work):
    found = cards(client_for("member").get("/kommuner/"))

    assert found["angelholm"].pilot_count == 3
    assert [(str(label), n) for label, n in found["angelholm"].pilot_phases] == [
        (str(Phase.ONGOING.label), 2),
        (str(Phase.COMPLETED.label), 1),
    ]
    assert found["landskrona"].pilot_count == 1
    assert [(str(label), n) for label, n in found["landskrona"].pilot_phases] == [
        (str(Phase.PLANNED.label), 1)
    ]
    assert found["helsingborg"].pilot_count == 0
    assert found["helsingborg"].pilot_phases == []


def test_each_card_counts_reuse_marks_between_municipalities_only(client_for, work):
    found = cards(client_for("member").get("/kommuner/"))

    assert (found["angelholm"].marks_given, found["angelholm"].marks_received) == (1, 2)
    assert (found["landskrona"].marks_given, found["landskrona"].marks_received) == (1, 1)
    assert (found["helsingborg"].marks_given, found["helsingborg"].marks_received) == (1, 0)
    assert (found["bjuv"].marks_given, found["bjuv"].marks_received) == (0, 0)


def test_each_card_counts_listed_people_only(client_for, member, editor, other_editor):
    listed("angelholm", "Anna Andersson", "anna@engelholm.se")
    listed("angelholm", "David Dahl", "david@engelholm.se")
    listed("landskrona", "Bertil Berg", "bertil@landskrona.se")
    member.profile.listed = False
    member.profile.save()
    gone = listed("angelholm", "Gunnar Gått", "gunnar@engelholm.se")
    gone.is_active = False
    gone.save(update_fields=["is_active"])

    found = cards(client_for("member").get("/kommuner/"))

    assert found["angelholm"].people_count == 2
    assert found["landskrona"].people_count == 1
    assert found["helsingborg"].people_count == 0


def test_what_others_cannot_see_does_not_change_the_figures(client_for, work):
    as_member = cards(client_for("member").get("/kommuner/"))
    as_moderator = cards(client_for("moderator").get("/kommuner/"))

    for slug in ("angelholm", "landskrona", "helsingborg"):
        seen = as_member[slug], as_moderator[slug]
        assert (
            len({(m.published_count, m.pilot_count, m.marks_given, m.marks_received) for m in seen})
            == 1
        )


def test_an_anonymous_visitor_is_asked_to_log_in(client, angelholm):
    for url in ("/kommuner/", "/kommuner/angelholm/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


# --- one municipality


def titles(items):
    return [item.title for item in items]


def test_the_page_shows_its_published_services_and_pilots_to_another_municipality(client_for, work):
    response = client_for("other_editor").get("/kommuner/angelholm/")

    assert response.status_code == 200
    assert response.context["municipality"] == work["angelholm"]
    assert titles(response.context["services"]) == ["Andra tjänsten", "Delad tjänst"]
    assert titles(response.context["pilots"]) == [
        "Klar",
        "Landskronas pilot",
        "Pågår ett",
        "Pågår två",
    ]
    page = response.content.decode()
    assert "Ängelholms utkast" not in page
    assert "Granskas" not in page
    assert "Ängelholms pilotutkast" not in page
    assert "Arkiverad" not in page


def test_the_page_shows_its_own_editors_the_drafts_too_but_nothing_archived(client_for, work):
    response = client_for("editor").get("/kommuner/angelholm/")

    assert titles(response.context["services"]) == [
        "Andra tjänsten",
        "Delad tjänst",
        "Granskas",
        "Ängelholms utkast",
    ]
    assert "Ängelholms pilotutkast" in titles(response.context["pilots"])
    assert "Arkiverad pilot" not in titles(response.context["pilots"])
    assert "Arkiverad tjänst" not in titles(response.context["services"])


def test_a_pilot_it_takes_part_in_is_on_its_page_and_on_the_leads_page(client_for, work):
    client = client_for("member")

    joined = client.get("/kommuner/angelholm/").context["pilots"]
    leading = client.get("/kommuner/landskrona/").context["pilots"]

    assert "Landskronas pilot" in titles(joined)
    assert titles(leading) == ["Landskronas pilot"]


def test_the_reuse_tables_list_marks_between_municipalities_on_published_services(client_for, work):
    response = client_for("member").get("/kommuner/angelholm/")

    received = [
        (m.service.title, m.municipality.slug, m.status) for m in response.context["marks_received"]
    ]
    given = [
        (m.service.title, m.municipality.slug, m.status) for m in response.context["marks_given"]
    ]
    assert received == [
        ("Delad tjänst", "helsingborg", Adoption.Status.INTERESTED),
        ("Delad tjänst", "landskrona", Adoption.Status.USING),
    ]
    assert given == [("Landskronas tjänst", "angelholm", Adoption.Status.TESTING)]
    other = client_for("member").get("/kommuner/landskrona/")
    assert [m.municipality.slug for m in other.context["marks_received"]] == ["angelholm"]
    assert [m.service.title for m in other.context["marks_given"]] == ["Delad tjänst"]


def test_the_page_lists_the_municipalitys_listed_people_only(client_for, member, other_editor):
    anna = listed("angelholm", "Anna Andersson", "anna@engelholm.se", title="Utvecklare")
    anna.profile.competences.add(Competence.objects.get(slug="sprakmodeller"))
    listed("landskrona", "Bertil Berg", "bertil@landskrona.se")

    response = client_for("member").get("/kommuner/angelholm/")

    assert response.context["people"] == [anna]
    page = main(response)
    assert f'href="/personer/{anna.pk}/"' in page
    assert "Språkmodeller" in page
    assert member.display_name not in page
    assert "Bertil Berg" not in page


def test_the_page_names_the_contact_person_and_the_mailbox(client_for, angelholm):
    contact = listed("angelholm", "Karin Kontakt", "karin@engelholm.se", title="AI-samordnare")
    angelholm.contact_person = contact
    angelholm.contact_email = "ai@engelholm.se"
    angelholm.save()

    response = client_for("other_editor").get("/kommuner/angelholm/")

    assert response.context["contact"] == contact
    page = response.content.decode()
    assert 'href="mailto:karin@engelholm.se"' in page
    assert "Karin Kontakt" in page
    assert 'href="mailto:ai@engelholm.se"' in page


def test_a_contact_person_who_was_deactivated_is_not_named(client_for, angelholm):
    contact = listed("angelholm", "Karin Kontakt", "karin@engelholm.se")
    contact.is_active = False
    contact.save(update_fields=["is_active"])
    angelholm.contact_person = contact
    angelholm.contact_email = "ai@engelholm.se"
    angelholm.save()

    response = client_for("member").get("/kommuner/angelholm/")

    assert response.context["contact"] is None
    assert "karin@engelholm.se" not in response.content.decode()
    assert 'href="mailto:ai@engelholm.se"' in response.content.decode()


@pytest.mark.parametrize(
    ("role", "can_manage"),
    [
        ("member", False),
        ("editor", False),
        ("other_editor", False),
        ("muni_admin", True),
        ("moderator", True),
    ],
)
def test_only_its_admins_and_the_moderators_are_offered_to_manage_members(
    client_for, angelholm, role, can_manage
):
    response = client_for(role).get("/kommuner/angelholm/")

    assert response.context["can_manage"] is can_manage
    assert ('href="/kommuner/angelholm/medlemmar/"' in response.content.decode()) is can_manage


def test_the_page_of_a_municipality_that_left_still_shows_its_work(client_for, angelholm):
    bjuv = Municipality.objects.get(slug="bjuv")
    factories.ServiceFactory(title="Bjuvs tjänst", owner=bjuv)
    bjuv.active = False
    bjuv.save(update_fields=["active"])

    response = client_for("member").get("/kommuner/bjuv/")

    assert response.status_code == 200
    assert titles(response.context["services"]) == ["Bjuvs tjänst"]
    assert response.context["people"] == []


def test_an_unknown_municipality_is_404(client_for):
    assert client_for("member").get("/kommuner/atlantis/").status_code == 404


# --- query counts

# Measured on SQLite and PostgreSQL, the same for few rows as for many: 14 queries for the
# list (the session, the viewer, their groups and roles, the municipalities, published
# services, reuse marks given, marks received, pilots per phase, listed people, and the
# page's header: the viewer's profile, membership and two permission reads) and 17 for one
# municipality (the same frame; its row with the contact, its listed people and their
# competences, areas and memberships, the two reuse tables, its services and its pilots).
# One spare each.
LIST_QUERIES = 15
DETAIL_QUERIES = 18


def _more_work(start, n, angelholm, landskrona, helsingborg):
    """n of everything: services, pilots, marks both ways, listed people."""
    for i in range(start, start + n):
        service = factories.ServiceFactory(owner=angelholm)
        theirs = factories.ServiceFactory(owner=landskrona if i % 2 else helsingborg)
        mark(service, landskrona if i % 2 else helsingborg)
        mark(theirs, angelholm, Adoption.Status.INTERESTED)
        factories.PilotFactory(lead_municipality=angelholm, phase=Phase.values[i % 5])
        factories.PilotFactory(lead_municipality=landskrona).participants.add(angelholm)
        someone = listed("angelholm", f"Kollega {i:02}", f"kollega{i}@engelholm.se")
        someone.profile.competences.set(Competence.objects.filter(curated=True)[: 1 + i % 3])


@pytest.mark.parametrize(
    ("url", "most"), [("/kommuner/", LIST_QUERIES), ("/kommuner/angelholm/", DETAIL_QUERIES)]
)
def test_the_municipality_pages_run_as_many_queries_for_many_rows_as_for_few(
    client_for, angelholm, landskrona, url, most, django_assert_max_num_queries
):
    helsingborg = factories.municipality("helsingborg")
    client = client_for("editor")
    angelholm.contact_person = listed("angelholm", "Karin Kontakt", "karin@engelholm.se")
    angelholm.save()
    _more_work(0, 2, angelholm, landskrona, helsingborg)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _more_work(2, 30, angelholm, landskrona, helsingborg)

    with django_assert_max_num_queries(most), CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert response.status_code == 200
    assert len(many) == len(few)
