"""What several browser tests do the same way."""

from tests import factories

PASSWORD = "korrekt-häst-batteri"  # the factories' password


def log_in(page, live_server, user, next_path=""):
    """Log in through the form as a person would, with the two-factor code when asked."""
    page.context.clear_cookies()
    page.goto(live_server.url + "/accounts/login/" + (f"?next={next_path}" if next_path else ""))
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Logga in", exact=True).click()
    page.wait_for_load_state()
    if "/accounts/2fa/authenticate/" in page.url:
        page.locator("input[name=code]").fill(factories.totp_code(user.totp_secret))
        page.get_by_role("button").filter(has_text="Logga in").first.click()
        page.wait_for_load_state()
