"""A new colleague signs up, confirms, logs in and out, in Chromium; axe checks each page."""

import re

import pytest
from django.core import mail

from tests import factories

PASSWORD = "ett-långt-och-bra-lösenord"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def landskrona(transactional_db):
    return factories.municipality("landskrona")


def test_sign_up_confirm_log_in_and_log_out(page, live_server, landskrona, axe_violations):
    page.goto(live_server.url + "/")
    assert "/accounts/login/" in page.url

    page.get_by_role("link", name="Skapa konto").click()
    page.get_by_label("E-postadress").fill("anna.svensson@landskrona.se")
    page.locator("#id_password1").fill(PASSWORD)
    page.get_by_label("Skriv lösenordet igen").fill(PASSWORD)
    page.get_by_role("button", name="Skapa konto").click()
    page.wait_for_url("**/accounts/confirm-email/")

    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", mail.outbox[-1].body)
    page.goto(link.group(0))
    assert axe_violations(page) == []
    page.get_by_role("button", name="Bekräfta e-postadressen").click()

    page.wait_for_url("**/accounts/login/")
    page.get_by_label("E-postadress").fill("anna.svensson@landskrona.se")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in", exact=True).click()

    # A new colleague is asked, once, whether to be listed in the people directory.
    page.wait_for_url("**/profil/synlighet/**")
    assert axe_violations(page) == []
    page.get_by_label("Ja, visa mig i personkatalogen").check()
    page.get_by_role("button", name="Spara mitt svar").click()

    page.wait_for_url(live_server.url + "/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Välkommen")
    assert "Landskrona" in page.locator("header").inner_text()

    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_load_state()
    assert page.goto(live_server.url + "/").url.startswith(live_server.url + "/accounts/login/")


def test_a_refused_domain_gets_the_message_beside_the_field(
    page, live_server, landskrona, axe_violations
):
    page.goto(live_server.url + "/accounts/signup/")
    page.get_by_label("E-postadress").fill("anna@gmail.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.get_by_label("Skriv lösenordet igen").fill(PASSWORD)
    page.get_by_role("button", name="Skapa konto").click()

    assert page.get_by_role("alert").is_visible()
    assert "Bara medarbetare" in page.locator(".field--error").first.inner_text()
    assert page.get_by_label("E-postadress").input_value() == "anna@gmail.com"
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/"])
def test_entrance_pages_pass_axe_and_reflow_at_320_px(
    page, live_server, landskrona, path, axe_violations, no_horizontal_scroll
):
    page.goto(live_server.url + path)

    assert axe_violations(page) == []
    assert no_horizontal_scroll(page)


def test_home_page_passes_axe_and_reflows_at_320_px(
    page, live_server, axe_violations, no_horizontal_scroll
):
    user = factories.member_of("angelholm", email="medlem@engelholm.se")
    user.profile.listed = False  # answered before: the first-login question has its own test
    user.profile.save()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("E-postadress").fill(user.email)
    page.get_by_label("Lösenord").fill("korrekt-häst-batteri")
    page.get_by_role("button", name="Logga in", exact=True).click()
    page.wait_for_url(live_server.url + "/")

    assert axe_violations(page) == []
    assert no_horizontal_scroll(page)


def test_the_skip_link_is_the_first_stop_for_the_keyboard(page, live_server, landskrona):
    page.goto(live_server.url + "/accounts/login/")

    page.keyboard.press("Tab")

    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Gå direkt till innehållet"
