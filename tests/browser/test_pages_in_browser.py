"""Every page of the frame and of allauth, in Chromium: axe finds nothing, 320 px reflows,
forms with errors too, and the keyboard reaches everything in order with visible focus."""

import pytest
from allauth.mfa.models import Authenticator

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "korrekt-häst-batteri"


def log_in(page, live_server, email, password=PASSWORD):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in", exact=True).click()
    page.wait_for_load_state()


def assert_accessible(page, axe_violations, no_horizontal_scroll):
    assert page.locator("h1").count() == 1, page.url
    assert axe_violations(page) == [], page.url
    assert no_horizontal_scroll(page), f"horizontal scroll at 320 px on {page.url}"


@pytest.fixture
def municipalities(transactional_db):
    return [factories.municipality(slug) for slug in ("angelholm", "landskrona", "helsingborg")]


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/password/reset/done/",
        "/accounts/password/reset/key/1-ogiltig/",
        "/accounts/confirm-email/",
        "/accounts/confirm-email/ogiltig-nyckel/",
        "/accounts/inactive/",
        "/tillganglighet/",
        "/integritet/",
    ],
)
def test_pages_anyone_can_reach(
    page, live_server, municipalities, path, axe_violations, no_horizontal_scroll
):
    response = page.goto(live_server.url + path)

    assert response.status == 200
    assert_accessible(page, axe_violations, no_horizontal_scroll)


def test_forms_with_errors_show_a_summary_that_links_to_each_field(
    page, live_server, municipalities, axe_violations, no_horizontal_scroll
):
    page.goto(live_server.url + "/accounts/signup/")
    page.get_by_label("E-postadress").fill("anna@landskrona.se")
    page.locator("#id_password1").fill("kort")
    page.get_by_label("Skriv lösenordet igen").fill("annat")
    page.get_by_role("button", name="Skapa konto").click()

    summary = page.get_by_role("alert")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.dataset.errorSummary") is not None
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.name") in {"password1", "password2"}
    assert page.get_by_label("E-postadress").input_value() == "anna@landskrona.se"
    assert_accessible(page, axe_violations, no_horizontal_scroll)

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("E-postadress").fill("finns.inte@landskrona.se")
    page.get_by_label("Lösenord").fill("fel-lösenord")
    page.get_by_role("button", name="Logga in", exact=True).click()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page, axe_violations, no_horizontal_scroll)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/accounts/logout/",
        "/accounts/reauthenticate/",
        "/finns-inte/",
    ],
)
def test_pages_a_member_reaches(
    page, live_server, municipalities, path, axe_violations, no_horizontal_scroll
):
    user = factories.member_of("angelholm", email="medlem@engelholm.se")
    log_in(page, live_server, user.email)

    page.goto(live_server.url + path)

    assert_accessible(page, axe_violations, no_horizontal_scroll)


def test_a_new_moderator_sets_up_two_factor_login_before_anything_else(
    page, live_server, municipalities, axe_violations, no_horizontal_scroll
):
    user = factories.make_moderator(
        factories.member_of("helsingborg", email="moderator@helsingborg.se")
    )
    log_in(page, live_server, user.email)
    page.goto(live_server.url + "/admin/")

    assert "/accounts/reauthenticate/" in page.url
    assert_accessible(page, axe_violations, no_horizontal_scroll)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Fortsätt").click()

    assert "/accounts/2fa/totp/activate/" in page.url
    assert_accessible(page, axe_violations, no_horizontal_scroll)
    secret = page.locator("code.secret").inner_text().strip()
    page.get_by_label("Kod från autentiseringsappen").fill(factories.totp_code(secret))
    page.get_by_role("button", name="Aktivera tvåstegsverifiering").click()

    assert "/accounts/2fa/recovery-codes/" in page.url
    assert_accessible(page, axe_violations, no_horizontal_scroll)
    assert Authenticator.objects.filter(user=user).count() == 2
    page.goto(live_server.url + "/admin/")
    assert page.url == live_server.url + "/admin/"


def test_the_keyboard_reaches_the_login_form_in_order_with_visible_focus(
    page, live_server, municipalities
):
    page.goto(live_server.url + "/accounts/login/")
    stops = []
    for _ in range(6):
        page.keyboard.press("Tab")
        stops.append(
            page.evaluate(
                r"""() => {
                  const el = document.activeElement;
                  const style = getComputedStyle(el);
                  const visible = style.outlineStyle !== 'none' || style.boxShadow !== 'none';
                  const text = el.textContent.replace(/\s+/g, ' ').trim();
                  return [el.getAttribute('name') || text, visible];
                }"""
            )
        )

    names = [name for name, _visible in stops]
    assert names[:5] == [
        "Gå direkt till innehållet",
        "AI-hubben Familjen Helsingborg",
        "language",
        "login",
        "password",
    ]
    assert all(visible for _name, visible in stops), stops


def test_the_skip_link_moves_focus_to_the_main_content(page, live_server, municipalities):
    page.goto(live_server.url + "/accounts/login/")

    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"
