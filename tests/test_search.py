import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub.search import similar, stem
from tests.factories import PilotFactory, ServiceFactory, municipality

pytestmark = pytest.mark.django_db

NEW_PILOT = {
    "title": "Taligenkänningen dokumenterar hemtjänstens besök",
    "summary": "Hemtjänstpersonal dikterar anteckningar med taligenkänning",
}


def speech_pilot(**kwargs):
    return PilotFactory(
        title="Taligenkänning för dokumentation i hemtjänsten",
        summary="Personalen i hemtjänsten dikterar sina anteckningar och taligenkänningen "
        "gör text av dem.",
        lead_municipality=municipality("landskrona"),
        **kwargs,
    )


def pothole_pilot(**kwargs):
    return PilotFactory(
        title="Bildanalys av vägskador",
        summary="Kameror på sopbilar hittar potthål i gatorna.",
        technique="image",
        lead_municipality=municipality("landskrona"),
        **kwargs,
    )


def found(hits):
    return [hit.obj for hit in hits]


def test_a_similar_pilot_of_another_municipality_is_found_despite_other_inflections(member):
    speech = speech_pilot()
    potholes = pothole_pilot()

    hits = similar(member, **NEW_PILOT)

    assert found(hits) == [speech]
    assert hits[0].kind == "pilot"
    assert hits[0].obj.lead_municipality.name == "Landskrona"
    assert potholes not in found(hits)


def test_an_unrelated_text_finds_nothing(member):
    speech_pilot()

    assert similar(member, title="Bildanalys av vägskador", summary="Potthål i gatorna") == []


def test_a_matching_service_is_returned_as_a_service(member):
    service = ServiceFactory(
        title="Taligenkänning i hemtjänsten",
        summary="Omvandlar personalens dikterade anteckningar till text.",
        description="Bygger på Whisper.",
        owner=municipality("landskrona"),
    )

    hits = similar(member, **NEW_PILOT)

    assert [(hit.kind, hit.obj) for hit in hits] == [("service", service)]
    assert hits[0].obj.owner.name == "Landskrona"


def test_pilots_and_services_are_ranked_together_best_first(member):
    speech = speech_pilot()
    service = ServiceFactory(
        title="Diktering med taligenkänning",
        summary="Anteckningar blir text.",
        owner=municipality("landskrona"),
    )

    hits = similar(member, **NEW_PILOT)

    assert found(hits) == [speech, service]
    assert hits[0].score > hits[1].score


def test_tags_and_the_problem_count_towards_similarity(member):
    pilot = PilotFactory(
        title="Stöd i vardagen",
        summary="Ett nytt arbetssätt.",
        problem="Personalen skriver för hand efter varje besök.",
        lead_municipality=municipality("landskrona"),
    )
    assert similar(member, **NEW_PILOT) == []

    pilot.tags.add("taligenkänning", "diktering", "anteckningar")

    assert found(similar(member, **NEW_PILOT)) == [pilot]


def test_a_draft_is_never_returned_even_to_a_moderator(member, moderator, other_editor):
    speech_pilot(status="draft", published_at=None)
    ServiceFactory(
        title="Taligenkänning i hemtjänsten",
        status="draft",
        published_at=None,
        owner=municipality("landskrona"),
    )

    for user in (member, other_editor, moderator):
        assert similar(user, **NEW_PILOT) == []


def test_an_anonymous_visitor_finds_nothing(db):
    speech_pilot()

    assert similar(AnonymousUser(), **NEW_PILOT) == []


def test_exclude_leaves_the_pilot_itself_out(member):
    speech = speech_pilot()
    other = speech_pilot(slug="taligenkanning-igen")

    hits = similar(member, title=speech.title, summary=speech.summary, exclude=speech)

    assert found(hits) == [other]


def test_the_limit_keeps_the_best_hits(member):
    for _ in range(4):
        speech_pilot()

    assert len(similar(member, **NEW_PILOT, limit=3)) == 3


def test_the_number_of_queries_does_not_grow_with_the_candidates(member):
    def add_candidates(count):
        for _ in range(count):
            speech_pilot().tags.add("taligenkänning")
            ServiceFactory(title="Taligenkänning i hemtjänsten").tags.add("diktering")

    def queries_and_hits():
        with CaptureQueriesContext(connection) as queries:
            hits = similar(member, **NEW_PILOT, limit=100)
            for hit in hits:
                hit.obj.lead_municipality if hit.kind == "pilot" else hit.obj.owner  # noqa: B018
        return len(queries), len(hits)

    # The user's roles are read once per request, before any search.
    member.roles, member.is_moderator  # noqa: B018
    # One query per kind on PostgreSQL; candidates (with their tag text) and each kind's
    # winners on SQLite.
    expected = 2 if connection.vendor == "postgresql" else 3

    add_candidates(3)
    assert queries_and_hits() == (expected, 6)
    add_candidates(27)
    assert queries_and_hits() == (expected, 60)


def test_the_stemmer_makes_inflections_of_a_word_one_stem():
    assert stem("hemtjänsten") == stem("hemtjänstens") == stem("hemtjänst") == "hemtjänst"
    assert stem("taligenkänningen") == stem("taligenkänning")
    assert stem("anteckningar") == stem("anteckningarna") == stem("anteckning")
    assert stem("skolan") == stem("skolor") == stem("skola")


def test_the_stemmer_keeps_a_stem_of_at_least_four_letters():
    assert stem("hus") == "hus"
    assert len(stem("huset")) >= 4
    assert len(stem("gatorna")) >= 4
    assert stem("Process") == stem("processen") == "process"
