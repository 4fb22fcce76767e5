"""The Swedish catalogue is complete, compiled, and English really is English."""

import re
from pathlib import Path

import polib
import pytest
from django.test import Client

from municipalities.models import Area, Competence

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale/sv/LC_MESSAGES/django.po"
MO = ROOT / "locale/sv/LC_MESSAGES/django.mo"


def test_every_string_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(PO))

    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


def test_the_compiled_catalogue_matches_the_po_file():
    source = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.pofile(str(PO))}
    source = {k: v for k, v in source.items() if k[1]}
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(MO)) if e.msgid
    }

    assert compiled == source, "run `make messages` to compile locale/sv"


def _swedish_interface_strings():
    """Swedish translations that are not the same words in English (names, AI-hubben)."""
    strings = set()
    for entry in polib.pofile(str(PO)):
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            text = re.sub(r"<[^>]+>|%\([a-z_]+\)[sd]|\{[a-z_]+\}", "|", text)
            for part in text.split("|"):
                part = part.strip(" .:,;()")
                if len(part) >= 8 and part not in entry.msgid:
                    strings.add(part)
    return strings


# Swedish names, and Swedish terms explained in brackets, that English text rightly keeps.
PROPER_NAMES = [
    "Myndigheten för digital förvaltning",
    "Integritetsskyddsmyndigheten",
    "(verksamhetsområden)",
    "Your förvaltning",
]


def _visible_text(html):
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    for name in PROPER_NAMES:
        text = text.replace(name, "")
    return text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "logged_in"),
    [
        ("/", True),
        ("/tillganglighet/", False),
        ("/integritet/", False),
        ("/accounts/login/", False),
        ("/accounts/signup/", False),
        ("/accounts/password/reset/", False),
        ("/accounts/inactive/", False),
        ("/finns-inte/", True),
        ("/personer/", True),
        ("/personer/{me}/", True),
        ("/kommuner/", True),
        ("/kommuner/angelholm/", True),
        ("/profil/", True),
        ("/profil/synlighet/", True),
        ("/profil/mina-uppgifter/", True),
        ("/sok/?q=taligenkänning", True),
        ("/sok/?q=!!!", True),
    ],
)
def test_with_english_selected_no_swedish_interface_text_shows(path, logged_in, member):
    _assert_english_only(member if logged_in else None, path.format(me=member.pk))


@pytest.mark.django_db
@pytest.mark.parametrize("step", ["", "{pk}/roll/", "{pk}/avaktivera/", "{pk}/ta-bort/"])
def test_with_english_selected_the_members_pages_show_no_swedish(step, muni_admin, member):
    membership = member.memberships.get()
    _assert_english_only(
        muni_admin, "/kommuner/angelholm/medlemmar/" + step.format(pk=membership.pk)
    )


def _assert_english_only(user, path):
    client = Client()
    if user is not None:
        client.force_login(user)
    client.post("/sprak/", {"language": "en", "next": "/"})

    response = client.get(path)
    assert response.status_code == (404 if path == "/finns-inte/" else 200), path
    text = _visible_text(response.content.decode())
    # Data, not interface: the areas and the competence vocabulary are entered in Swedish.
    for name in [
        *Area.objects.values_list("name", flat=True),
        *Competence.objects.values_list("name", flat=True),
    ]:
        text = text.replace(name, "")

    found = sorted(s for s in _swedish_interface_strings() if s in text)
    assert found == [], f"Swedish interface text on {path} in English: {found}"


@pytest.mark.django_db
def test_swedish_is_the_default_and_english_is_one_switch_away(client):
    assert "Logga in" in client.get("/accounts/login/").content.decode()

    response = client.post("/sprak/", {"language": "en", "next": "/accounts/login/"})

    assert response.url == "/accounts/login/"
    page = client.get("/accounts/login/").content.decode()
    assert '<html lang="en">' in page
    assert "På svenska" in page


@pytest.mark.django_db
def test_dates_are_written_the_swedish_way(client):
    page = client.get("/tillganglighet/").content.decode()

    assert "3 december 2026" in page


@pytest.mark.django_db
def test_a_browser_set_up_in_english_still_gets_swedish(client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert '<html lang="sv">' in page.content.decode()


def test_numbers_are_written_the_swedish_way():
    from django.template import Context, Template
    from django.utils import translation

    with translation.override("sv"):
        rendered = Template("{{ n }}").render(Context({"n": 1234.5}))

    assert rendered == "1\xa0234,5"
