"""Cached figures and pages are never stale, and never shared between people who see
different rows (hub/cache.py)."""

import datetime

import pytest

from pilots.models import PilotUpdate
from tests import factories

pytestmark = pytest.mark.django_db


def _municipality(response, slug):
    return next(m for m in response.context["municipalities"] if m.slug == slug)


def test_the_municipality_cards_count_a_service_published_after_they_were_cached(
    client_for, angelholm
):
    client = client_for("member")
    before = client.get("/kommuner/")
    assert "Ängelholm" in before.content.decode()
    factories.ServiceFactory(owner=angelholm)

    after = client.get("/kommuner/")

    assert _municipality(after, "angelholm").published_count == 1
    card = after.content.decode().split('href="/kommuner/angelholm/"', 1)[1].split("</li>", 1)[0]
    assert "<dd>1</dd>" in card


def test_the_service_facets_count_a_service_added_after_they_were_cached(
    client_for, angelholm, landskrona
):
    client = client_for("member")
    factories.ServiceFactory(owner=angelholm)
    client.get("/tjanster/")
    factories.ServiceFactory(owner=landskrona)

    facets = client.get("/tjanster/").context["facets"]

    owners = {o["value"]: o["count"] for f in facets if f["name"] == "owner" for o in f["options"]}
    assert owners == {"angelholm": 1, "landskrona": 1}


def test_a_draft_counted_for_its_editor_is_not_counted_for_a_member(client_for, angelholm):
    factories.ServiceFactory(owner=angelholm)
    factories.ServiceFactory(owner=angelholm, status="draft", published_at=None)

    editor_facets = client_for("editor").get("/tjanster/").context["facets"]
    member_facets = client_for("member").get("/tjanster/").context["facets"]

    def owner_count(facets):
        return next(o["count"] for f in facets if f["name"] == "owner" for o in f["options"])

    assert (owner_count(editor_facets), owner_count(member_facets)) == (2, 1)


def test_the_quarterly_report_shows_an_update_posted_after_it_was_cached(client_for, lead):
    pilot = factories.PilotFactory(lead=lead, actual_start=datetime.date(2026, 10, 1))
    client = client_for("member")
    client.get("/piloter/rapport/", {"kvartal": "2026Q4"})
    PilotUpdate.objects.create(
        pilot=pilot,
        date=datetime.date(2026, 11, 2),
        text="Vi har testat i två veckor.",
        author=lead,
    )

    page = client.get("/piloter/rapport/", {"kvartal": "2026Q4"}).content.decode()

    assert "Vi har testat i två veckor." in page


def test_a_draft_pilot_in_its_leads_report_is_not_in_a_members(client_for, lead):
    factories.PilotFactory(
        lead=lead,
        title="Hemlig utkastpilot",
        status="draft",
        published_at=None,
        actual_start=datetime.date(2026, 10, 1),
    )

    lead_page = client_for("lead").get("/piloter/rapport/", {"kvartal": "2026Q4"})
    member_page = client_for("member").get("/piloter/rapport/", {"kvartal": "2026Q4"})

    assert "Hemlig utkastpilot" in lead_page.content.decode()
    assert "Hemlig utkastpilot" not in member_page.content.decode()


def test_a_login_does_not_empty_the_caches():
    from hub.cache import data_version

    user = factories.member_of("angelholm", email="ny@engelholm.se")
    before = data_version()
    user.last_login = datetime.datetime(2026, 12, 3, tzinfo=datetime.UTC)
    user.save(update_fields=["last_login"])

    assert data_version() == before


def test_a_lost_version_key_never_brings_back_figures_cached_before_a_change(client_for):
    """The cache may drop the version key (culling, eviction, a restarted Redis): counting
    again from the start would serve figures cached before the last change."""
    from django.core.cache import cache

    from hub.cache import VERSION_KEY

    factories.ServiceFactory(title="Första tjänsten")
    assert "1 tjänst" in client_for("member").get("/tjanster/").content.decode()
    cache.delete(VERSION_KEY)  # lost: figures cached under the old version are still there
    factories.ServiceFactory(title="Andra tjänsten")
    cache.delete(VERSION_KEY)  # and lost again after the change

    assert "2 tjänster" in client_for("member").get("/tjanster/").content.decode()


def test_facets_cached_in_swedish_are_not_shown_to_someone_reading_english(client_for):
    """Facet labels are cached as text, so the language is part of their key."""
    factories.ServiceFactory(title="Tolktjänst", lifecycle="production")
    client = client_for("member")

    def lifecycle_labels(path):
        facets = client.get(path).context["facets"]
        return [o["label"] for f in facets if f["name"] == "lifecycle" for o in f["options"]]

    swedish = lifecycle_labels("/tjanster/")
    client.post("/sprak/", {"language": "en", "next": "/"})
    english = lifecycle_labels("/tjanster/")

    assert (swedish, english) == (["i drift"], ["in production"])


def test_search_facets_cached_in_swedish_are_not_shown_to_someone_reading_english(client_for):
    factories.ServiceFactory(title="Tolktjänst för socialtjänsten")
    client = client_for("member")

    def facet_titles():
        return [f["label"] for f in client.get("/sok/?q=tolktjänst").context["results"].facets]

    swedish = facet_titles()
    client.post("/sprak/", {"language": "en", "next": "/"})

    assert "Kommun" in swedish and "Municipality" in facet_titles()


def test_a_new_release_does_not_serve_what_the_one_before_cached(tmp_path, monkeypatch):
    """Cached page fragments were rendered by the templates of the release that made them;
    workers of the same release, restarted or on another host, share them."""
    from hub import cache as derived

    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "rapport.html"
    page.write_text("<h1>Rapport</h1>")
    (tmp_path / "hub").mkdir()
    (tmp_path / "hub" / "views.py").write_text("x = 1")
    (tmp_path / "hub" / "views.pyc").write_bytes(b"compiled, not part of the release")

    first = derived.release_fingerprint(tmp_path)
    (tmp_path / "hub" / "views.pyc").write_bytes(b"compiled again")
    assert derived.release_fingerprint(tmp_path) == first  # a restart: the same release
    page.write_text("<h1>Kvartalsrapport</h1>")
    assert derived.release_fingerprint(tmp_path) != first  # a deploy: another one

    before = derived.key("quarterly-report", "2026Q4")
    monkeypatch.setattr(derived, "release", lambda: "another release")
    assert derived.key("quarterly-report", "2026Q4") != before


def test_the_home_page_counts_a_service_published_after_it_was_cached(client_for):
    factories.ServiceFactory(title="Första tjänsten")
    client = client_for("member")
    assert client.get("/").context["published_count"] == 1
    factories.ServiceFactory(title="Andra tjänsten")
    factories.ServiceFactory(title="Ett utkast", status="draft", published_at=None)

    assert client.get("/").context["published_count"] == 2
