"""A member registers a pilot in two steps and is warned of similar work in another
municipality; then posts an update and an effect. axe checks every pilot page."""

import pytest

from tests import factories
from tests.browser.helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def check(page, axe_violations, no_horizontal_scroll):
    assert page.locator("h1").count() == 1, page.url
    assert axe_violations(page) == [], page.url
    assert no_horizontal_scroll(page), page.url


def test_two_step_registration_warns_of_similar_work(
    page, live_server, axe_violations, no_horizontal_scroll
):
    angelholm, landskrona = (
        factories.municipality("angelholm"),
        factories.municipality("landskrona"),
    )
    care = factories.AreaFactory(name="Vård och omsorg", slug="vard-och-omsorg")
    existing = factories.PilotFactory(
        lead_municipality=landskrona,
        title="Taligenkänning för dokumentation i hemtjänsten",
        summary="Personalen i hemtjänsten dikterar anteckningar och taligenkänningen gör text.",
        areas=[care],
    )
    user = factories.member_of("angelholm", email="medlem@engelholm.se")

    log_in(page, live_server, user)

    page.goto(live_server.url + "/piloter/")
    check(page, axe_violations, no_horizontal_scroll)
    page.get_by_role("link", name="Registrera en pilot").click()
    check(page, axe_violations, no_horizontal_scroll)
    page.get_by_label("Titel").fill("Taligenkänningen i hemtjänsten")
    page.get_by_label("Sammanfattning").fill("Hemtjänstens personal dikterar anteckningar.")
    page.get_by_label("Vård och omsorg").check()
    page.get_by_role("button", name="Fortsätt").click()

    warning = page.get_by_role("region", name="Det här liknar: har någon redan gjort det?")
    assert existing.title in warning.inner_text()
    assert "Landskrona" in warning.inner_text()
    check(page, axe_violations, no_horizontal_scroll)

    page.get_by_label("AI-teknik").select_option("speech")
    page.locator("#id_personal_data_1").check()
    page.locator("#id_pub_agreement_0").check()
    page.locator("#id_dpia_0").check()
    page.get_by_role("button", name="Spara utkast").click()
    assert "/piloter/taligenkanningen-i-hemtjansten/" in page.url
    check(page, axe_violations, no_horizontal_scroll)
    page.get_by_role("button", name="Publicera").click()

    page.get_by_role("link", name="Lägg till en uppmätt effekt").click()
    page.get_by_label("Vad som mättes").fill("Dokumentationstid per besök")
    page.get_by_label("Enhet").select_option("minutes")
    page.get_by_label("Före (utgångsläge)").fill("-4")
    page.get_by_label("Uppmätt värde").fill("6,5")
    page.get_by_label("Mätt den").fill("2026-11-15")
    page.get_by_label("Hur det mättes").fill("Tio besök i november.")
    page.get_by_role("button", name="Spara effekten").click()
    assert page.get_by_role("alert").is_visible()
    check(page, axe_violations, no_horizontal_scroll)
    page.get_by_label("Före (utgångsläge)").fill("12")
    page.get_by_role("button", name="Spara effekten").click()
    assert page.locator("svg.chart").count() == 1

    page.goto(live_server.url + "/piloter/rapport/")
    check(page, axe_violations, no_horizontal_scroll)
    assert angelholm.name in page.content()


@pytest.mark.parametrize(
    "path",
    ["redigera/", "uppdatering/", "effekt/", "projektledare/", "rapportera/", ""],
)
def test_the_pilots_own_pages_pass_axe_and_reflow(
    page, live_server, path, axe_violations, no_horizontal_scroll
):
    factories.municipality("angelholm")
    lead = factories.member_of("angelholm", email="projektledare@engelholm.se")
    factories.member_of("angelholm", email="kollega@engelholm.se")
    pilot = factories.PilotFactory(lead=lead)
    log_in(page, live_server, lead)

    page.goto(f"{live_server.url}/piloter/{pilot.slug}/{path}")

    check(page, axe_violations, no_horizontal_scroll)
    if path:
        page.locator("form.form button[type=submit]").first.click()
        check(page, axe_violations, no_horizontal_scroll)


def test_the_report_in_pages_links_from_the_summary_to_each_municipality(
    page, live_server, axe_violations, no_horizontal_scroll, monkeypatch
):
    """At national scale the sections come twelve municipalities a page; here one."""
    import datetime

    from pilots import report

    monkeypatch.setattr(report, "SECTIONS_PER_PAGE", 1)  # the live server runs in-process
    angelholm, landskrona = (
        factories.municipality("angelholm"),
        factories.municipality("landskrona"),
    )
    for municipality in (angelholm, landskrona):
        factories.PilotFactory(
            lead_municipality=municipality,
            title=f"Chattbot i {municipality.name}",
            actual_start=datetime.date(2026, 10, 5),
        )
    user = factories.member_of("angelholm", email="medlem@engelholm.se")
    log_in(page, live_server, user)

    page.goto(live_server.url + "/piloter/rapport/?kvartal=2026Q4")
    check(page, axe_violations, no_horizontal_scroll)
    assert page.get_by_role("link", name="Chattbot i Landskrona").is_visible()
    assert page.get_by_role("link", name="Chattbot i Ängelholm").count() == 0

    page.get_by_role("link", name="Ängelholm", exact=True).click()

    assert "sida=2" in page.url and page.url.endswith("#kommun-angelholm")
    assert page.get_by_role("heading", name="Ängelholm", exact=True).is_visible()
    assert page.get_by_role("link", name="Chattbot i Ängelholm").is_visible()
    pages = page.get_by_role("navigation", name="Sidor")
    assert pages.get_by_role("link", name="Sida 2").get_attribute("aria-current") == "page"
    check(page, axe_violations, no_horizontal_scroll)
