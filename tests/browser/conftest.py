"""Browser tests: Playwright drives Debian's Chromium against a live server.

They run when /usr/bin/chromium exists and are skipped, with a clear line in the
summary, when it does not. With CI=true a missing browser fails the run instead.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# live_server runs in a thread beside Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "tests/browser/" in str(item.fspath)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if CHROMIUM.exists() or not browser_items:
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(f"CI=true and {CHROMIUM} is missing: browser tests cannot run.")
    skip = pytest.mark.skip(reason=f"browser tests skipped: {CHROMIUM} is not installed")
    for item in browser_items:
        item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    if not CHROMIUM.exists():
        terminalreporter.write_line(
            f"NOTE: browser tests were SKIPPED because {CHROMIUM} is missing "
            "(apt-get install chromium).",
            yellow=True,
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": ARGS}


@pytest.fixture
def axe_violations():
    """Run axe-core with the WCAG 2.1 A and AA rules and return a readable list of what it found."""
    from axe_playwright_python.sync_playwright import Axe

    def run(page):
        result = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
        return [
            f"{v['id']}: {v['help']} ({', '.join(str(n['target'][0]) for n in v['nodes'][:3])})"
            for v in result.response["violations"]
        ]

    return run


@pytest.fixture
def no_horizontal_scroll():
    def check(page):
        """Nothing wider than the window, on a phone (320 px) and on a desktop."""
        overflow = []
        for size in ({"width": 320, "height": 800}, {"width": 1280, "height": 900}):
            page.set_viewport_size(size)
            overflow.append(
                page.evaluate(
                    "document.documentElement.scrollWidth > document.documentElement.clientWidth"
                )
            )
        return not any(overflow)

    return check
