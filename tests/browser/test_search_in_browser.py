"""The global search in Chromium: from the header box on any page to the results, a kind,
a facet and a misspelt word, each page passing axe and reflowing at 320 px."""

import pytest

from municipalities.models import Profile
from tests import factories
from tests.browser.helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def check(page, axe_violations, no_horizontal_scroll):
    assert page.locator("h1").count() == 1, page.url
    assert axe_violations(page) == [], page.url
    assert no_horizontal_scroll(page), f"horizontal scroll at 320 px on {page.url}"


@pytest.fixture
def member(transactional_db):
    angelholm = factories.municipality("angelholm")
    landskrona = factories.municipality("landskrona")
    factories.ServiceFactory(
        title="Taligenkänning för dokumentation inom socialtjänstens individ- och familjeomsorg",
        summary="Handläggare dikterar journalanteckningar som blir text i verksamhetssystemet.",
        owner=angelholm,
    )
    factories.ServiceFactory(
        title="Transkribering av nämndsammanträden", summary="Tal blir text.", owner=landskrona
    )
    factories.PilotFactory(
        title="Taligenkänning i hemtjänsten",
        summary="Personalen dikterar sina anteckningar i mobilen.",
        lead_municipality=landskrona,
    )
    person = factories.member_of("landskrona", email="karin@landskrona.se", profile="Karin Tal")
    Profile.objects.filter(user=person).update(listed=True, title="Expert på taligenkänning")
    viewer = factories.member_of("angelholm", email="medlem@engelholm.se")
    Profile.objects.filter(user=viewer).update(listed=False)
    return viewer


def test_a_member_searches_from_the_header_with_the_keyboard_and_narrows_the_results(
    page, live_server, member, axe_violations, no_horizontal_scroll
):
    log_in(page, live_server, member)
    page.goto(live_server.url + "/tjanster/")

    page.locator("#header-search-q").focus()
    page.keyboard.type("taligenkänning socialtjänst")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "/sok/?q=" in page.url
    main = page.locator("main").inner_text()
    assert "Taligenkänning för dokumentation" in main
    assert "Karin Tal" in main
    assert page.locator("#header-search-q").input_value() == "taligenkänning socialtjänst"
    check(page, axe_violations, no_horizontal_scroll)

    with page.expect_navigation():
        page.locator("nav.search-kinds a", has_text="Piloter").click()
    assert "kind=pilots" in page.url
    assert "Taligenkänning i hemtjänsten" in page.locator("main").inner_text()
    check(page, axe_violations, no_horizontal_scroll)

    page.locator(".facets__form input[name=municipality]").first.check()
    with page.expect_navigation():
        page.locator(".facets__form button[type=submit]").click()
    assert "municipality=" in page.url
    check(page, axe_violations, no_horizontal_scroll)


@pytest.mark.parametrize("typed", ["taligenkänningg", "xyzzy qwerty", '"obalanserad', ""])
def test_a_search_that_finds_little_or_nothing_passes_axe_and_reflows(
    page, live_server, member, typed, axe_violations, no_horizontal_scroll
):
    log_in(page, live_server, member)

    response = page.goto(live_server.url + "/sok/?q=" + typed)

    assert response.status == 200
    if typed == "taligenkänningg":
        assert page.locator(".search-suggestion a").inner_text() == "taligenkänning"
    check(page, axe_violations, no_horizontal_scroll)
