"""People, municipalities and one's own profile in Chromium: the question on first login,
axe and reflow at 320 px on every page, and a role change made by a municipality admin."""

import pytest
from django.utils.text import slugify

from municipalities.models import Competence, Membership, Profile
from tests import factories
from tests.browser.helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def check(page, axe_violations, no_horizontal_scroll):
    assert page.locator("h1").count() == 1, page.url
    assert axe_violations(page) == [], page.url
    assert no_horizontal_scroll(page), f"horizontal scroll at 320 px on {page.url}"


def submit(page):
    page.locator("main form.form button[type=submit]").first.click()
    page.wait_for_load_state()


def competence(name):
    """From the vocabulary; made again when a test with a live server flushed it."""
    return Competence.objects.get_or_create(
        slug=slugify(name), defaults={"name": name, "curated": True}
    )[0]


def area(name):
    return factories.AreaFactory(name=name, slug=slugify(name))


def listed(slug, name, email, *, competences=(), areas=(), **profile_fields):
    user = factories.member_of(slug, email=email, profile=name)
    Profile.objects.filter(user=user).update(listed=True, **profile_fields)
    user.profile.competences.set([competence(word) for word in competences])
    user.profile.areas.set([area(word) for word in areas])
    return user


@pytest.fixture
def directory(transactional_db):
    """Listed colleagues with work to show, and a municipality with a contact and reuse."""
    angelholm, landskrona = (
        factories.municipality("angelholm"),
        factories.municipality("landskrona"),
    )
    factories.municipality("helsingborg")
    anna = listed(
        "angelholm",
        "Anna-Karin Lindqvist-Johansson",
        "anna-karin.lindqvist-johansson@engelholm.se",
        competences=["Språkmodeller", "Datahantering och informationsförvaltning", "Etik och AI"],
        areas=["Kommunikation och kontaktcenter", "Individ och familj"],
        title="Verksamhetsutvecklare med inriktning digitalisering",
        department="Kommunledningsförvaltningen",
        phone="+46 431-87 000",
        bio="Har infört en chattbot i kontaktcenter och leder nätverket för AI-frågor.",
        contactable=True,
    )
    bertil = listed(
        "landskrona",
        "Bertil Berg",
        "bertil@landskrona.se",
        competences=["Bildanalys"],
        areas=["Samhällsbyggnad"],
    )
    service = factories.ServiceFactory(
        title="Chattbot för kontaktcenter som svarar på frågor om bygglov dygnet runt",
        owner=angelholm,
    )
    service.contacts.add(anna)
    factories.PilotFactory(
        title="Taligenkänning för dokumentation i hemtjänsten",
        lead=anna,
        lead_municipality=angelholm,
    )
    theirs = factories.ServiceFactory(title="Bildanalys av gatubelysning", owner=landskrona)
    theirs.contacts.add(bertil)
    theirs.adoptions.create(municipality=angelholm, status="testing")
    service.adoptions.create(municipality=landskrona, status="using")
    angelholm.contact_person = anna
    angelholm.contact_email = "ai@engelholm.se"
    angelholm.save()
    return {"anna": anna, "bertil": bertil}


def test_on_first_login_a_member_chooses_to_be_listed_and_goes_on_to_the_page(
    page, live_server, axe_violations, no_horizontal_scroll
):
    factories.municipality("angelholm")
    member = factories.member_of(
        "angelholm", email="medlem@engelholm.se", profile="Maria Lindqvist"
    )
    assert member.profile.listed is None

    log_in(page, live_server, member, next_path="/personer/")

    assert page.url == live_server.url + "/profil/synlighet/?next=%2Fpersoner%2F"
    check(page, axe_violations, no_horizontal_scroll)
    page.locator("input[name=listed][value=True]").check()
    submit(page)

    assert page.url == live_server.url + "/personer/"
    assert Profile.objects.get(user=member).listed is True
    assert page.locator(f'main a[href="/personer/{member.pk}/"]').count() == 1
    page.goto(live_server.url + "/kommuner/")
    assert page.url == live_server.url + "/kommuner/"


def test_the_listing_question_with_no_answer_shows_an_error_that_passes_axe(
    page, live_server, axe_violations, no_horizontal_scroll
):
    factories.municipality("angelholm")
    member = factories.member_of("angelholm", email="medlem@engelholm.se")

    log_in(page, live_server, member, next_path="/kommuner/")
    submit(page)

    assert "/profil/synlighet/" in page.url
    assert page.get_by_role("alert").is_visible()
    check(page, axe_violations, no_horizontal_scroll)
    assert Profile.objects.get(user=member).listed is None


@pytest.mark.parametrize(
    "path",
    [
        "/personer/",
        "/personer/?competence=sprakmodeller&municipality=angelholm",
        "/personer/?q=ingen-sadan",
        "/personer/{anna}/",
        "/personer/{me}/",
        "/kommuner/",
        "/kommuner/angelholm/",
        "/kommuner/helsingborg/",
        "/profil/",
        "/profil/mina-uppgifter/",
    ],
)
def test_the_people_and_municipality_pages_pass_axe_and_reflow(
    page, live_server, directory, path, axe_violations, no_horizontal_scroll
):
    viewer = factories.member_of("angelholm", email="medlem@engelholm.se")
    Profile.objects.filter(user=viewer).update(listed=False)
    log_in(page, live_server, viewer)

    url = live_server.url + path.format(anna=directory["anna"].pk, me=viewer.pk)
    response = page.goto(url)

    assert response.status == 200
    assert page.url == url
    check(page, axe_violations, no_horizontal_scroll)


def test_the_profile_form_with_an_error_passes_axe_and_reflows(
    page, live_server, directory, axe_violations, no_horizontal_scroll
):
    viewer = directory["anna"]
    log_in(page, live_server, viewer)
    page.goto(live_server.url + "/profil/")

    page.locator("#id_display_name").fill("")
    page.locator("#id_phone").fill("ring mig")
    submit(page)

    assert page.get_by_role("alert").is_visible()
    assert page.locator("#id_phone").input_value() == "ring mig"
    assert page.locator("#id_display_name_error").is_visible()
    assert page.locator("#id_phone_error").is_visible()
    check(page, axe_violations, no_horizontal_scroll)
    assert Profile.objects.get(user=viewer).display_name == "Anna-Karin Lindqvist-Johansson"


def test_a_profile_saved_in_the_browser_is_what_colleagues_find(
    page, live_server, directory, axe_violations, no_horizontal_scroll
):
    viewer = factories.member_of("angelholm", email="medlem@engelholm.se")
    Profile.objects.filter(user=viewer).update(listed=False)
    competence("Promptdesign")
    log_in(page, live_server, viewer)
    page.goto(live_server.url + "/profil/")

    page.locator("#id_display_name").fill("Maria Lindqvist")
    page.locator("#id_title").fill("AI-samordnare")
    page.locator("input[name=competences]").nth(0).check()
    page.locator("#id_other_competences").fill("Röstkloning")
    page.locator("input[name=listed][value=True]").check()
    submit(page)

    assert page.url == live_server.url + "/profil/"
    check(page, axe_violations, no_horizontal_scroll)
    profile = Profile.objects.get(user=viewer)
    assert (profile.display_name, profile.title, profile.listed) == (
        "Maria Lindqvist",
        "AI-samordnare",
        True,
    )
    assert profile.competences.filter(name="Röstkloning", curated=False).exists()
    page.goto(live_server.url + "/personer/?competence=rostkloning")
    assert page.locator(f'main a[href="/personer/{viewer.pk}/"]').count() == 1


@pytest.fixture
def admin_and_colleague(directory):
    admin = factories.with_totp(
        factories.member_of(
            "angelholm", Membership.Role.ADMIN, email="admin@engelholm.se", profile="Anna Berg"
        )
    )
    Profile.objects.filter(user=admin).update(listed=False)
    colleague = factories.member_of("angelholm", email="kollega@engelholm.se", profile="Kim Ek")
    return admin, Membership.objects.get(user=colleague)


def test_a_municipality_admin_changes_a_role_in_the_browser(
    page, live_server, admin_and_colleague, axe_violations
):
    admin, membership = admin_and_colleague
    log_in(page, live_server, admin)

    page.goto(live_server.url + "/kommuner/angelholm/medlemmar/")
    assert axe_violations(page) == []
    role_url = f"/kommuner/angelholm/medlemmar/{membership.pk}/roll/"
    page.locator(f'main a[href="{role_url}"]').click()
    page.wait_for_load_state()
    assert page.url == live_server.url + role_url
    assert axe_violations(page) == []

    page.locator("select[name=role]").select_option(Membership.Role.EDITOR.value)
    submit(page)

    assert page.url == live_server.url + "/kommuner/angelholm/medlemmar/"
    membership.refresh_from_db()
    assert membership.role == Membership.Role.EDITOR
    assert axe_violations(page) == []
    assert "Kim Ek" in page.locator("main").inner_text()


def test_the_role_change_page_reflows_at_320_px(
    page, live_server, admin_and_colleague, no_horizontal_scroll
):
    admin, membership = admin_and_colleague
    log_in(page, live_server, admin)

    role_url = f"{live_server.url}/kommuner/angelholm/medlemmar/{membership.pk}/roll/"
    page.goto(role_url)

    assert page.url == role_url
    assert page.locator("h1").count() == 1
    assert no_horizontal_scroll(page)


def test_the_members_page_reflows_at_320_px(
    page, live_server, admin_and_colleague, no_horizontal_scroll
):
    admin, _membership = admin_and_colleague
    log_in(page, live_server, admin)

    page.goto(live_server.url + "/kommuner/angelholm/medlemmar/")

    assert page.url == live_server.url + "/kommuner/angelholm/medlemmar/"
    assert page.locator("h1").count() == 1
    assert no_horizontal_scroll(page)


def test_refusing_to_demote_the_last_admin_shows_an_error_that_passes_axe(
    page, live_server, transactional_db, axe_violations, no_horizontal_scroll
):
    factories.municipality("angelholm")
    admin = factories.with_totp(
        factories.member_of(
            "angelholm", Membership.Role.ADMIN, email="admin@engelholm.se", profile="Anna Berg"
        )
    )
    Profile.objects.filter(user=admin).update(listed=False)
    membership = Membership.objects.get(user=admin)
    log_in(page, live_server, admin)

    page.goto(f"{live_server.url}/kommuner/angelholm/medlemmar/{membership.pk}/roll/")
    page.locator("select[name=role]").select_option(Membership.Role.MEMBER.value)
    submit(page)

    assert page.get_by_role("alert").is_visible()
    check(page, axe_violations, no_horizontal_scroll)
    membership.refresh_from_db()
    assert membership.role == Membership.Role.ADMIN


@pytest.mark.parametrize("step", ["roll", "avaktivera", "aktivera", "ta-bort"])
def test_every_members_step_asks_first_on_a_page_that_passes_axe_and_reflows(
    page, live_server, admin_and_colleague, step, axe_violations, no_horizontal_scroll
):
    admin, membership = admin_and_colleague
    if step == "aktivera":
        membership.user.is_active = False
        membership.user.save()
    log_in(page, live_server, admin)

    url = f"{live_server.url}/kommuner/angelholm/medlemmar/{membership.pk}/{step}/"
    response = page.goto(url)

    assert response.status == 200
    assert page.url == url
    assert page.locator("main form button[type=submit]").count() == 1
    check(page, axe_violations, no_horizontal_scroll)


def test_refusing_to_remove_the_last_admin_shows_an_error_that_passes_axe(
    page, live_server, admin_and_colleague, axe_violations, no_horizontal_scroll
):
    admin, _colleague = admin_and_colleague
    own = Membership.objects.get(user=admin)
    log_in(page, live_server, admin)

    page.goto(f"{live_server.url}/kommuner/angelholm/medlemmar/{own.pk}/ta-bort/")
    submit(page)

    assert page.get_by_role("alert").is_visible()
    check(page, axe_violations, no_horizontal_scroll)
    assert Membership.objects.filter(pk=own.pk).exists()


def test_deleting_an_account_without_ticking_the_box_shows_an_error_that_passes_axe(
    page, live_server, directory, axe_violations, no_horizontal_scroll
):
    anna = directory["anna"]
    log_in(page, live_server, anna)
    page.goto(live_server.url + "/profil/mina-uppgifter/")

    submit(page)

    assert page.get_by_role("alert").is_visible()
    check(page, axe_violations, no_horizontal_scroll)
    assert type(anna).objects.filter(pk=anna.pk).exists()


def test_a_deletion_waiting_for_approval_and_its_refusal_pass_axe_and_reflow(
    page, live_server, directory, settings, axe_violations, no_horizontal_scroll
):
    """The hosting municipality's rules need a moderator: the request, the queue, the
    refusal with its missing reason, each page checked."""
    settings.HUB_ACCOUNT_DELETION_NEEDS_APPROVAL = True
    moderator = factories.with_totp(
        factories.make_moderator(
            factories.member_of(
                "helsingborg", email="moderator@helsingborg.se", profile="Mona Nilsson"
            )
        )
    )
    Profile.objects.filter(user=moderator).update(listed=False)
    anna = directory["anna"]
    log_in(page, live_server, anna)
    page.goto(live_server.url + "/profil/mina-uppgifter/")
    page.locator("input[name=confirm]").check()
    submit(page)

    assert page.url == live_server.url + "/profil/mina-uppgifter/"
    assert page.locator("#delete-heading ~ .message[role=status]").is_visible()  # waiting
    check(page, axe_violations, no_horizontal_scroll)

    log_in(page, live_server, moderator)
    page.goto(live_server.url + "/moderering/")
    assert "Anna-Karin Lindqvist-Johansson" in page.locator("main").inner_text()
    check(page, axe_violations, no_horizontal_scroll)
    page.locator('main a[href*="/moderering/radering/"][href$="/avsla/"]').first.click()
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1
    check(page, axe_violations, no_horizontal_scroll)

    submit(page)  # no reason given

    assert page.get_by_role("alert").is_visible()
    check(page, axe_violations, no_horizontal_scroll)
    assert type(anna).objects.filter(pk=anna.pk).exists()
