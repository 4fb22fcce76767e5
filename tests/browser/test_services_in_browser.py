"""An editor creates and submits a service, a moderator approves it, and an editor of
another municipality finds it through the facets and marks it as used; axe checks each page."""

import pytest

from municipalities.models import Membership
from tests import factories
from tests.browser.helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def check(page, axe_violations, no_horizontal_scroll):
    assert axe_violations(page) == [], page.url
    assert no_horizontal_scroll(page), page.url


def test_a_service_goes_from_draft_to_reuse(
    page, live_server, axe_violations, no_horizontal_scroll
):
    for slug in ("angelholm", "landskrona", "helsingborg"):
        factories.municipality(slug)
    factories.AreaFactory(name="Vård och omsorg", slug="vard-och-omsorg")
    editor = factories.member_of("angelholm", Membership.Role.EDITOR, email="redaktor@engelholm.se")
    moderator = factories.with_totp(
        factories.make_moderator(
            factories.member_of("helsingborg", email="moderator@helsingborg.se")
        )
    )
    other = factories.member_of(
        "landskrona", Membership.Role.EDITOR, email="redaktor@landskrona.se"
    )

    # The editor fills in the form, meets an error, corrects it and saves a draft.
    log_in(page, live_server, editor)
    page.goto(live_server.url + "/tjanster/ny/")
    check(page, axe_violations, no_horizontal_scroll)
    page.get_by_label("Titel").fill("Tal till text i hemtjänsten")
    page.get_by_role("button", name="Spara utkast").click()
    assert page.get_by_role("alert").is_visible()
    check(page, axe_violations, no_horizontal_scroll)
    page.get_by_label("Sammanfattning").fill("Personalen dikterar anteckningar som blir text.")
    page.get_by_label("Vård och omsorg").check()
    page.get_by_label("AI-teknik").select_option("speech")
    page.get_by_label("Molntjänst i Sverige").check()
    page.get_by_label("Leverantörens hemland").select_option("sweden")
    page.get_by_label("Känsliga personuppgifter").check()
    page.locator("#id_pub_agreement_0").check()
    page.locator("#id_dpia_0").check()
    page.get_by_label("Minimal risk").check()
    page.get_by_role("button", name="Spara utkast").click()
    page.get_by_role("button", name="Skicka för granskning").click()
    assert "väntar på granskning" in page.content()

    # The moderator approves it from the queue.
    log_in(page, live_server, moderator)
    page.goto(live_server.url + "/moderering/")
    check(page, axe_violations, no_horizontal_scroll)
    page.get_by_role("button", name="Godkänn Tal till text i hemtjänsten").click()

    # An editor in Landskrona finds it through the facets and marks it as used.
    log_in(page, live_server, other)
    page.goto(live_server.url + "/tjanster/")
    check(page, axe_violations, no_horizontal_scroll)
    page.get_by_label("Taligenkänning och talsyntes (1)").check()
    page.get_by_role("button", name="Visa tjänster").click()
    assert "1 tjänst" in page.get_by_role("status").first.inner_text()
    page.get_by_role("link", name="Tal till text i hemtjänsten").click()
    check(page, axe_violations, no_horizontal_scroll)
    page.get_by_role("radio", name="Använder").check()
    page.get_by_role("button", name="Spara vår markering").click()
    assert "Används av 1 annan kommun" in page.content()
    assert "Landskrona: använder" in page.content()
