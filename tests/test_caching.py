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


def _figure(page, label):
    return page.split(f"<dt>{label}</dt><dd>", 1)[1].split("</dd>", 1)[0]


def test_the_home_page_counts_a_service_published_after_it_was_cached(client_for):
    factories.ServiceFactory(title="Första tjänsten")
    client = client_for("member")
    assert _figure(client.get("/").content.decode(), "Publicerade AI-tjänster") == "1"
    factories.ServiceFactory(title="Andra tjänsten")
    factories.ServiceFactory(title="Ett utkast", status="draft", published_at=None)

    page = client.get("/").content.decode()

    assert _figure(page, "Publicerade AI-tjänster") == "2"
    assert "Andra tjänsten" in page  # among the newest services
    assert "Ett utkast" not in page


# --- rendered list pages (docs/decisions/0008)


@pytest.mark.parametrize("path", ["/tjanster/", "/piloter/", "/"])
def test_a_list_shows_a_title_changed_after_it_was_rendered(client_for, path):
    service = factories.ServiceFactory(title="Gammalt namn på tjänsten")
    pilot = factories.PilotFactory(title="Gammalt namn på piloten")
    client = client_for("member")
    assert "Gammalt namn" in client.get(path).content.decode()
    service.title, pilot.title = "Nytt namn på tjänsten", "Nytt namn på piloten"
    service.save()
    pilot.save()

    page = client.get(path).content.decode()

    assert "Gammalt namn" not in page
    assert "Nytt namn" in page


@pytest.mark.parametrize("path", ["/tjanster/", "/piloter/"])
def test_a_draft_card_rendered_for_its_editor_is_not_shown_to_a_member(client_for, path):
    factories.ServiceFactory(title="Öppen tjänst")
    factories.ServiceFactory(title="Hemligt utkast", status="draft", published_at=None)
    factories.PilotFactory(title="Öppen pilot")
    factories.PilotFactory(title="Hemligt utkast", status="draft", published_at=None)
    editor, member = client_for("editor"), client_for("member")  # both made: no change between

    editor_page = editor.get(path).content.decode()
    member_page = member.get(path).content.decode()

    assert "Hemligt utkast" in editor_page
    assert "Hemligt utkast" not in member_page
    assert "Öppen" in member_page


def test_a_person_card_rendered_for_an_editor_does_not_show_a_member_the_drafts_on_it(
    client_for, angelholm
):
    """The people cards link to the work the viewer may see: the rows of people alone do
    not say what that is, so it is part of the key."""
    colleague = factories.member_of("angelholm", email="kollega@engelholm.se", profile="Kim Ek")
    colleague.profile.listed = True
    colleague.profile.save()
    factories.ServiceFactory(owner=angelholm, title="Publicerad tjänst").contacts.add(colleague)
    draft = factories.ServiceFactory(
        owner=angelholm, title="Tjänst i utkast", status="draft", published_at=None
    )
    draft.contacts.add(colleague)
    editor, member = client_for("editor"), client_for("member")  # both made: no change between

    editor_page = editor.get("/personer/").content.decode()
    member_page = member.get("/personer/").content.decode()

    assert "Tjänst i utkast" in editor_page
    assert "Tjänst i utkast" not in member_page
    assert "Publicerad tjänst" in member_page


def test_a_person_card_shows_a_competence_added_after_it_was_rendered(client_for):
    from municipalities.models import Competence

    colleague = factories.member_of("angelholm", email="kollega@engelholm.se", profile="Kim Ek")
    colleague.profile.listed = True
    colleague.profile.save()
    client = client_for("member")
    assert "Kim Ek" in client.get("/personer/").content.decode()
    competence, _ = Competence.objects.get_or_create(
        slug="bildanalys", defaults={"name": "Bildanalys"}
    )
    colleague.profile.competences.add(competence)

    assert "Bildanalys" in client.get("/personer/").content.decode()


def test_a_list_rendered_in_swedish_is_not_shown_to_someone_reading_english(client_for):
    factories.ServiceFactory(title="Tolktjänst", lifecycle="production")
    client = client_for("member")
    assert "Används av 0 andra kommuner" in client.get("/tjanster/").content.decode()
    client.post("/sprak/", {"language": "en", "next": "/"})

    page = client.get("/tjanster/").content.decode()

    assert "Used by 0 other municipalities" in page
    assert "Används av" not in page


def test_each_filter_and_page_of_a_list_is_rendered_on_its_own(client_for, angelholm, landskrona):
    for number in range(30):
        factories.ServiceFactory(owner=angelholm, title=f"Ängelholms tjänst {number:02}")
    factories.ServiceFactory(owner=landskrona, title="Landskronas tjänst")
    client = client_for("member")

    everything = client.get("/tjanster/", {"sort": "name"}).content.decode()
    second = client.get("/tjanster/", {"sort": "name", "sida": 2}).content.decode()
    filtered = client.get("/tjanster/", {"owner": "landskrona"}).content.decode()

    assert "Ängelholms tjänst 00" in everything and "Ängelholms tjänst 00" not in second
    assert "Ängelholms tjänst 29" in second
    assert "Landskronas tjänst" in filtered and "Ängelholms tjänst" not in filtered


# --- the service page's main part and history (docs/decisions/0008)


def test_the_service_page_shows_a_description_and_an_area_changed_after_it_was_rendered(
    client_for,
):
    from municipalities.models import Area

    service = factories.ServiceFactory(description="Den **gamla** beskrivningen.")
    client = client_for("member")
    path = service.get_absolute_url()
    assert "gamla" in client.get(path).content.decode()
    service.description = "Den **nya** beskrivningen."
    service.save()
    area = Area.objects.order_by("name").first()
    service.areas.set([area])

    page = client.get(path).content.decode()

    assert "<strong>nya</strong>" in page and "gamla" not in page
    assert area.name in page.split('id="about"', 1)[1].split("</section>", 1)[0]


def test_the_service_page_no_longer_lists_an_attachment_removed_after_it_was_rendered(
    client_for, editor
):
    from django.core.files.base import ContentFile

    from services import actions
    from services.models import Attachment

    service = factories.ServiceFactory()
    attachment = Attachment.objects.create(
        service=service, file=ContentFile(b"%PDF-1.4 bilaga", name="bilaga.pdf"),
        name="Riskbedömning.pdf", content_type="application/pdf", size=15,
    )  # fmt: skip
    client = client_for("member")
    assert "Riskbedömning.pdf" in client.get(service.get_absolute_url()).content.decode()
    actions.remove_attachments(service=service, ids=[attachment.pk], user=editor)

    assert "Riskbedömning.pdf" not in client.get(service.get_absolute_url()).content.decode()


def test_the_service_pages_history_shows_a_step_taken_after_it_was_rendered(client_for, editor):
    from services import actions

    service = factories.ServiceFactory(
        owner=editor.memberships.get().municipality, status="draft", published_at=None
    )
    client = client_for("editor")
    assert "Skickad för granskning" not in client.get(service.get_absolute_url()).content.decode()
    actions.submit_for_review(service=service, user=editor)

    page = client.get(service.get_absolute_url()).content.decode()

    assert "Skickad för granskning" in page.split('id="history"', 1)[1]


def test_the_service_page_rendered_in_swedish_is_not_shown_to_someone_reading_english(
    client_for,
):
    service = factories.ServiceFactory()
    client = client_for("member")
    assert "Om tjänsten" in client.get(service.get_absolute_url()).content.decode()
    client.post("/sprak/", {"language": "en", "next": "/"})

    page = client.get(service.get_absolute_url()).content.decode()

    assert "About the service" in page and "Om tjänsten" not in page
