"""The people directory: who is found, how, what a card shows, and one's own profile.

Only those who said yes, may still log in and belong to a municipality that takes part
are ever listed, counted or found; everyone else stays out of every list, facet, search
and figure.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from municipalities.forms import ProfileForm
from municipalities.models import Area, Competence, Municipality, Profile
from pilots.models import Pilot
from services.models import AIService
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "korrekt-häst-batteri"
PEOPLE = "/personer/"


def person(
    where="angelholm",
    *,
    name,
    email=None,
    listed=True,
    competences=(),
    areas=(),
    **profile_fields,
):
    """Someone of a municipality (a slug or a Municipality), with a profile filled in."""
    municipality = where if isinstance(where, Municipality) else factories.municipality(where)
    user = factories.UserFactory(profile=name, **({"email": email} if email else {}))
    factories.MembershipFactory(user=user, municipality=municipality)
    profile = user.profile
    profile.listed = listed
    for field, value in profile_fields.items():
        setattr(profile, field, value)
    profile.save()
    profile.competences.set(Competence.objects.filter(slug__in=competences))
    profile.areas.set(Area.objects.filter(slug__in=areas))
    return user


def names(response):
    return [someone.display_name for someone in response.context["people"]]


def facet(response, name):
    """{value: count} of one facet of the list, {} when the facet is not shown."""
    for found in response.context["facets"]:
        if found["name"] == name:
            return {option["value"]: option["count"] for option in found["options"]}
    return {}


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


# --- who is never found


def _not_asked():
    return person(
        name="Olle Ofrågad", listed=None, competences=["bildanalys"], areas=["kultur-och-fritid"]
    )


def _said_no():
    return person(
        name="Nora Nej", listed=False, competences=["bildanalys"], areas=["kultur-och-fritid"]
    )


def _deactivated():
    user = person(name="Ante Avslutad", competences=["bildanalys"], areas=["kultur-och-fritid"])
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user


def _of_a_municipality_that_left():
    bjuv = Municipality.objects.get(slug="bjuv")
    bjuv.active = False
    bjuv.save(update_fields=["active"])
    return person(
        bjuv,
        name="Bo Bjuvsson",
        email="bo@bjuv.se",
        competences=["bildanalys"],
        areas=["kultur-och-fritid"],
    )


HIDDEN = {
    "not_asked": _not_asked,
    "said_no": _said_no,
    "deactivated": _deactivated,
    "municipality_left": _of_a_municipality_that_left,
}


@pytest.mark.parametrize("kind", list(HIDDEN))
def test_someone_who_is_not_listed_is_never_shown_counted_or_found(client_for, kind):
    visible = person(name="Vera Synlig", competences=["sprakmodeller"], areas=["arbetsmarknad"])
    hidden = HIDDEN[kind]()
    home = hidden.memberships.get().municipality
    client = client_for("member")

    listing = client.get(PEOPLE)
    searched = client.get(PEOPLE, {"q": hidden.display_name})
    by_competence = client.get(PEOPLE, {"competence": "bildanalys"})
    municipalities = client.get("/kommuner/")
    page_of_home = client.get(f"/kommuner/{home.slug}/")
    own_page = client.get(f"/personer/{hidden.pk}/")

    assert names(listing) == [visible.display_name]
    assert listing.context["page"].paginator.count == 1
    assert facet(listing, "competence") == {"sprakmodeller": 1}
    assert facet(listing, "area") == {"arbetsmarknad": 1}
    assert facet(listing, "municipality") == {"angelholm": 1}
    assert hidden.display_name not in listing.content.decode()
    assert names(searched) == []
    assert searched.context["page"].paginator.count == 0
    assert names(by_competence) == []
    assert facet(by_competence, "competence") == {"bildanalys": 0}
    counts = {m.slug: m.people_count for m in municipalities.context["municipalities"]}
    assert counts.get("angelholm") == 1
    assert sum(counts.values()) == 1
    assert hidden not in page_of_home.context["people"]
    assert hidden.display_name not in page_of_home.content.decode()
    assert own_page.status_code == 404


def test_a_municipality_that_left_is_not_offered_as_a_facet_of_someone_still_listed(
    client_for,
):
    bjuv = Municipality.objects.get(slug="bjuv")
    both = person(name="Tove Tvåkommun")
    factories.MembershipFactory(user=both, municipality=bjuv)
    bjuv.active = False
    bjuv.save(update_fields=["active"])

    response = client_for("member").get(PEOPLE)

    assert names(response) == [both.display_name]
    assert facet(response, "municipality") == {"angelholm": 1}


# --- who is found, and how


@pytest.fixture
def directory(db):
    """Four listed colleagues in three municipalities, with competences and areas."""
    return {
        "anna": person(
            name="Anna Andersson",
            title="Utvecklare",
            competences=["sprakmodeller", "bildanalys"],
            areas=["vard-och-omsorg"],
        ),
        "bertil": person(
            "landskrona",
            name="Bertil Berg",
            email="bertil@landskrona.se",
            competences=["sprakmodeller"],
            areas=["arbetsmarknad"],
        ),
        "cecilia": person(
            "helsingborg",
            name="Cecilia Ceder",
            email="cecilia@helsingborg.se",
            department="Skolförvaltningen",
            competences=["promptdesign"],
            areas=["vard-och-omsorg", "forskola-och-skola"],
        ),
        "david": person(name="David Dahl", competences=[], areas=[]),
    }


def test_everyone_listed_appears_in_name_order(client_for, directory):
    response = client_for("member").get(PEOPLE)

    assert response.status_code == 200
    assert names(response) == ["Anna Andersson", "Bertil Berg", "Cecilia Ceder", "David Dahl"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "bertil"}, ["Bertil Berg"]),
        ({"q": "Ceder Cecilia"}, ["Cecilia Ceder"]),
        ({"q": "utvecklare"}, ["Anna Andersson"]),
        ({"q": "skolförvaltningen"}, ["Cecilia Ceder"]),
        ({"q": "språkmodell"}, ["Anna Andersson", "Bertil Berg"]),
        ({"q": "Bildanalys"}, ["Anna Andersson"]),
        ({"competence": "sprakmodeller"}, ["Anna Andersson", "Bertil Berg"]),
        ({"competence": ["bildanalys", "promptdesign"]}, ["Anna Andersson", "Cecilia Ceder"]),
        ({"municipality": "angelholm"}, ["Anna Andersson", "David Dahl"]),
        ({"municipality": ["landskrona", "helsingborg"]}, ["Bertil Berg", "Cecilia Ceder"]),
        ({"area": "vard-och-omsorg"}, ["Anna Andersson", "Cecilia Ceder"]),
        ({"area": "vard-och-omsorg", "competence": "sprakmodeller"}, ["Anna Andersson"]),
        ({"q": "ingen-sadan-person"}, []),
    ],
)
def test_the_directory_finds_people_by_name_competence_municipality_and_area(
    client_for, directory, query, expected
):
    response = client_for("member").get(PEOPLE, query)

    assert names(response) == expected
    assert response.context["page"].paginator.count == len(expected)


def test_facet_counts_say_how_many_of_the_listed_people_have_each_value(client_for, directory):
    response = client_for("member").get(PEOPLE)

    assert facet(response, "competence") == {"sprakmodeller": 2, "bildanalys": 1, "promptdesign": 1}
    assert facet(response, "municipality") == {"angelholm": 2, "landskrona": 1, "helsingborg": 1}
    assert facet(response, "area") == {
        "vard-och-omsorg": 2,
        "arbetsmarknad": 1,
        "forskola-och-skola": 1,
    }


def test_facet_counts_follow_the_filtered_list_and_keep_a_chosen_value(client_for, directory):
    response = client_for("member").get(PEOPLE, {"area": "vard-och-omsorg"})

    assert facet(response, "municipality") == {"angelholm": 1, "helsingborg": 1}
    assert facet(response, "competence") == {"sprakmodeller": 1, "bildanalys": 1, "promptdesign": 1}
    chosen = client_for("member").get(PEOPLE, {"competence": "utbildning-i-ai"})
    assert facet(chosen, "competence") == {"utbildning-i-ai": 0}


def test_someone_with_two_competences_chosen_is_listed_once(client_for, directory):
    response = client_for("member").get(PEOPLE, {"competence": ["sprakmodeller", "bildanalys"]})

    assert names(response) == ["Anna Andersson", "Bertil Berg"]


def test_the_directory_shows_24_people_a_page(client_for):
    for n in range(30):
        person(name=f"Kollega {n:02}", email=f"kollega{n}@engelholm.se")

    first = client_for("member").get(PEOPLE)
    second = client_for("member").get(PEOPLE, {"sida": 2})

    assert first.context["page"].paginator.count == 30
    assert names(first) == [f"Kollega {n:02}" for n in range(24)]
    assert names(second) == [f"Kollega {n:02}" for n in range(24, 30)]
    assert 'href="?sida=2"' in first.content.decode()


def test_a_filtered_page_keeps_its_filter_in_the_page_links(client_for):
    for n in range(25):
        person(
            name=f"Kollega {n:02}", email=f"kollega{n}@engelholm.se", competences=["sprakmodeller"]
        )

    response = client_for("member").get(PEOPLE, {"competence": "sprakmodeller", "sida": 2})

    assert names(response) == ["Kollega 24"]
    assert 'href="?competence=sprakmodeller&amp;sida=1"' in response.content.decode()


def test_an_anonymous_visitor_is_asked_to_log_in(client):
    listed = person(name="Anna Andersson")

    for url in (PEOPLE, f"/personer/{listed.pk}/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


# --- what a card shows


@pytest.fixture
def busy(db, landskrona):
    """A listed Landskrona editor who is a contact and a project lead, in every state."""
    user = person(landskrona, name="Lisa Lindgren", email="lisa@landskrona.se")
    for status in AIService.Status.values:
        service = factories.ServiceFactory(
            title=f"Tjänst {status}", owner=landskrona, status=status
        )
        service.contacts.add(user)
    for status in Pilot.Status.values:
        factories.PilotFactory(
            title=f"Pilot {status}", lead_municipality=landskrona, lead=user, status=status
        )
    contact_pilot = factories.PilotFactory(title="Pilot som kontakt", phase="completed")
    contact_pilot.contacts.add(user)
    return user


def _card(response, user):
    return next(someone for someone in response.context["people"] if someone.pk == user.pk)


def test_a_card_shows_the_services_and_pilots_a_colleague_may_see(client_for, busy):
    response = client_for("member").get(PEOPLE)
    card = _card(response, busy)

    assert [s.title for s in card.contact_services] == ["Tjänst published"]
    assert [p.title for p in card.work_pilots] == ["Pilot published", "Pilot som kontakt"]
    page = response.content.decode()
    assert "Tjänst draft" not in page
    assert "Tjänst review" not in page
    assert "Pilot draft" not in page


def test_the_owners_editor_sees_drafts_on_the_card_but_never_archived_work(client_for, busy):
    card = _card(client_for("other_editor").get(PEOPLE), busy)

    assert [s.title for s in card.contact_services] == [
        "Tjänst draft",
        "Tjänst published",
        "Tjänst review",
    ]
    assert [p.title for p in card.work_pilots] == [
        "Pilot draft",
        "Pilot published",
        "Pilot som kontakt",
    ]


def test_the_persons_page_shows_the_same_work_as_the_card(client_for, busy):
    response = client_for("member").get(f"/personer/{busy.pk}/")

    person_shown = response.context["person"]
    assert [s.title for s in person_shown.contact_services] == ["Tjänst published"]
    assert [p.title for p in person_shown.work_pilots] == ["Pilot published", "Pilot som kontakt"]
    assert "Tjänst draft" not in response.content.decode()
    assert "Tjänst archived" not in response.content.decode()
    html = response.content.decode()
    # Each named with its address, municipality and (a pilot) phase in the reader's language.
    contact_pilot = Pilot.objects.get(title="Pilot som kontakt")
    assert f'<a href="/piloter/{contact_pilot.slug}/">Pilot som kontakt</a>' in html
    item = html.split("Pilot som kontakt</a>", 1)[1].split("</li>", 1)[0]
    assert (
        item.strip()
        == f'<span class="muted">{contact_pilot.lead_municipality.name} · avslutad</span>'
    )
    service = AIService.objects.get(title="Tjänst published")
    link = f'<a href="/tjanster/{service.slug}/">Tjänst published</a>'
    assert f'{link} <span class="muted">Landskrona</span>' in html


# --- a person's page


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("member", 200),
        ("editor", 404),
        ("other_editor", 404),
        ("lead", 404),
        ("muni_admin", 200),
        ("moderator", 200),
    ],
)
def test_who_sees_the_page_of_someone_not_listed(client_for, member, role, expected):
    assert member.profile.listed is None

    assert client_for(role).get(f"/personer/{member.pk}/").status_code == expected


def test_a_municipality_admin_sees_only_their_own_municipalitys_unlisted_people(client_for):
    not_asked = person(
        "landskrona", name="Linnea Landskrona", email="linnea@landskrona.se", listed=False
    )

    assert client_for("muni_admin").get(f"/personer/{not_asked.pk}/").status_code == 404


@pytest.mark.parametrize("role", ["member", "editor", "other_editor", "muni_admin", "moderator"])
def test_everyone_logged_in_sees_the_page_of_someone_listed(client_for, role):
    listed = person(
        "landskrona",
        name="Linnea Landskrona",
        email="linnea@landskrona.se",
        phone="042-10 50 00",
        bio="Jobbar med språkmodeller.",
    )

    response = client_for(role).get(f"/personer/{listed.pk}/")

    assert response.status_code == 200
    assert response.context["person"] == listed
    page = response.content.decode()
    assert "Linnea Landskrona" in page
    assert "linnea@landskrona.se" in page
    assert "042-10 50 00" in page


def test_an_unknown_person_is_404(client_for):
    assert client_for("moderator").get("/personer/999999/").status_code == 404


# --- my profile


def _profile_data(**changes):
    data = {
        "display_name": "Maria Lindqvist",
        "title": "Verksamhetsutvecklare",
        "department": "Lärande och familj",
        "phone": "+46 431-87 000",
        "bio": "Jag har infört en chattbot i kontaktcenter.",
        "competences": [
            Competence.objects.get(slug="sprakmodeller").pk,
            Competence.objects.get(slug="chattbotar").pk,
        ],
        "other_competences": "",
        "areas": [Area.objects.get(slug="kommunikation-och-kontaktcenter").pk],
        "listed": "True",
        "contactable": "on",
    }
    data.update(changes)
    return data


def test_a_person_saves_their_profile(client_for, member):
    response = client_for("member").post("/profil/", _profile_data())

    assert response.status_code == 302
    assert response.url == reverse("profile")
    profile = Profile.objects.get(user=member)
    assert profile.display_name == "Maria Lindqvist"
    assert profile.title == "Verksamhetsutvecklare"
    assert profile.department == "Lärande och familj"
    assert profile.phone == "+46 431-87 000"
    assert profile.bio == "Jag har infört en chattbot i kontaktcenter."
    assert sorted(profile.competences.values_list("slug", flat=True)) == [
        "chattbotar",
        "sprakmodeller",
    ]
    assert list(profile.areas.values_list("slug", flat=True)) == ["kommunikation-och-kontaktcenter"]
    assert profile.listed is True
    assert profile.contactable is True


def test_a_person_can_say_no_to_the_directory_on_their_profile(client_for, member):
    client_for("member").post("/profil/", _profile_data(listed="False", contactable=""))

    profile = Profile.objects.get(user=member)
    assert profile.listed is False
    assert profile.contactable is False


def test_own_words_become_new_competences_outside_the_vocabulary(client_for, member):
    client_for("member").post(
        "/profil/", _profile_data(other_competences="röstkloning,  ljud  i  bild , ,")
    )

    added = Competence.objects.filter(name__in=["Röstkloning", "Ljud i bild"])
    assert sorted(added.values_list("name", "curated")) == [
        ("Ljud i bild", False),
        ("Röstkloning", False),
    ]
    assert set(member.profile.competences.values_list("name", flat=True)) == {
        "Språkmodeller",
        "Chattbotar",
        "Röstkloning",
        "Ljud i bild",
    }
    assert Competence.objects.get(name="Röstkloning").slug == "rostkloning"


@pytest.mark.parametrize("typed", ["BILDANALYS", "bildanalys", "Språkmodeller"])
def test_an_existing_competence_typed_in_another_case_is_reused(client_for, member, typed):
    before = Competence.objects.count()

    client_for("member").post("/profil/", _profile_data(other_competences=typed))

    assert Competence.objects.count() == before
    assert typed.lower() in {
        name.lower() for name in member.profile.competences.values_list("name", flat=True)
    }


def test_a_word_someone_else_added_is_reused_not_duplicated(client_for, member, editor):
    client_for("editor").post(
        "/profil/", _profile_data(display_name="Erik Johansson", other_competences="Röstkloning")
    )

    client_for("member").post("/profil/", _profile_data(other_competences="röstkloning"))

    assert Competence.objects.filter(name__iexact="röstkloning").count() == 1
    assert member.profile.competences.filter(name="Röstkloning").exists()


def test_a_word_in_another_case_with_swedish_letters_is_reused(client_for, member):
    before = Competence.objects.count()

    client_for("member").post(
        "/profil/", _profile_data(other_competences="TOLKNING OCH ÖVERSÄTTNING")
    )

    assert Competence.objects.count() == before
    assert member.profile.competences.filter(slug="tolkning-och-oversattning").exists()


def test_a_phone_number_in_words_is_refused_and_nothing_is_saved(client_for, member):
    response = client_for("member").post(
        "/profil/", _profile_data(phone="ring mig", title="Ny titel", other_competences="Nytt ord")
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["phone"]
    assert form["phone"].value() == "ring mig"
    assert form["title"].value() == "Ny titel"
    assert 'value="ring mig"' in response.content.decode()
    profile = Profile.objects.get(user=member)
    assert profile.phone == ""
    assert profile.title == ""
    assert profile.listed is None
    assert not profile.competences.exists()
    assert not Competence.objects.filter(name="Nytt ord").exists()


def test_a_profile_without_a_name_is_refused(client_for, member):
    response = client_for("member").post("/profil/", _profile_data(display_name="  "))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["display_name"]
    assert Profile.objects.get(user=member).display_name == "Maria Lindqvist"
    assert Profile.objects.get(user=member).title == ""


def test_the_profile_page_edits_only_ones_own_profile(client_for, member, editor):
    client_for("editor").post(
        "/profil/", _profile_data(display_name="Erik Johansson", title="Redaktör")
    )

    assert Profile.objects.get(user=editor).title == "Redaktör"
    assert Profile.objects.get(user=member).title == ""
    assert Profile.objects.get(user=member).listed is None
    assert client_for("editor").get(f"/profil/{member.pk}/").status_code == 404


def test_the_profile_form_offers_the_vocabulary_and_ones_own_words_only(client_for, member):
    mine = Competence.objects.create(name="Röstkloning", slug="rostkloning")
    theirs = Competence.objects.create(name="Drönarbilder", slug="dronarbilder")
    member.profile.competences.add(mine)

    offered = client_for("member").get("/profil/").context["form"].fields["competences"].queryset

    assert mine in offered
    assert theirs not in offered
    assert Competence.objects.get(slug="sprakmodeller") in offered


# --- the question on first login


def _log_in(client, user, next_url="/personer/"):
    return client.post(
        f"/accounts/login/?next={next_url}",
        {"login": user.email, "password": PASSWORD, "next": next_url},
    )


def test_a_real_login_asks_about_the_directory_once_before_the_page(client, member):
    assert member.profile.listed is None

    logged_in = _log_in(client, member)
    asked = client.get(logged_in.url)

    assert logged_in.status_code == 302
    assert logged_in.url == "/personer/"
    assert asked.status_code == 302
    assert asked.url == "/profil/synlighet/?next=%2Fpersoner%2F"
    question = client.get(asked.url)
    assert question.status_code == 200
    assert question.context["next"] == "/personer/"

    answered = client.post(asked.url, {"listed": "True", "next": "/personer/"})

    assert answered.status_code == 302
    assert answered.url == "/personer/"
    assert Profile.objects.get(user=member).listed is True
    after = client.get("/personer/")
    assert after.status_code == 200
    assert member.display_name in names(after)
    assert client.get("/").status_code == 200


def test_the_question_is_asked_once_even_when_left_unanswered(client, member):
    _log_in(client, member)

    assert client.get("/personer/").status_code == 302
    assert client.get("/personer/").status_code == 200
    assert Profile.objects.get(user=member).listed is None


def test_someone_who_said_no_is_not_asked_again(client, member):
    Profile.objects.filter(user=member).update(listed=False)

    _log_in(client, member)

    assert client.get("/personer/").status_code == 200


def test_a_forced_login_is_not_asked(client_for, member):
    assert client_for("member").get("/personer/").status_code == 200


def test_no_to_the_question_keeps_the_person_out_of_the_directory(client, member):
    asked = client.get(_log_in(client, member).url)

    client.post(asked.url, {"listed": "False", "next": "/personer/"})

    assert Profile.objects.get(user=member).listed is False
    assert names(client.get("/personer/")) == []


@pytest.mark.parametrize(
    "unsafe", ["https://evil.example/", "//evil.example/", "https:///evil.example/"]
)
def test_the_question_never_sends_anyone_to_another_site(client_for, member, unsafe):
    client = client_for("member")

    question = client.get("/profil/synlighet/", {"next": unsafe})
    answered = client.post("/profil/synlighet/", {"listed": "True", "next": unsafe})

    assert question.context["next"] == ""
    assert f'value="{unsafe}"' not in question.content.decode()
    assert f'href="{unsafe}"' not in question.content.decode()
    assert answered.status_code == 302
    assert answered.url == reverse("home")
    assert Profile.objects.get(user=member).listed is True


def test_an_empty_answer_is_refused(client_for, member):
    response = client_for("member").post("/profil/synlighet/", {"next": "/personer/"})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["listed"]
    assert Profile.objects.get(user=member).listed is None


# --- query counts

# Measured: 19 queries on SQLite and PostgreSQL for 3 listed people as for 40 (24 on the
# page): the session, the viewer, their groups and roles, the count and the page of
# people, their competences, areas and memberships, the services they are a contact for,
# the pilots they lead and those they are a contact for, one grouped count per facet, and
# the page's header (the viewer's profile, membership and permissions). One spare.
PEOPLE_PAGE_QUERIES = 20


def _busy_colleagues(start, count):
    competences = ["sprakmodeller", "bildanalys", "promptdesign"]
    areas = ["vard-och-omsorg", "arbetsmarknad"]
    for n in range(start, start + count):
        colleague = person(
            "landskrona" if n % 2 else "angelholm",
            name=f"Kollega {n:02}",
            email=f"kollega{n}@engelholm.se",
            competences=competences[: 1 + n % 3],
            areas=areas[: 1 + n % 2],
            title="Utvecklare",
        )
        factories.ServiceFactory(owner=colleague.memberships.get().municipality).contacts.add(
            colleague
        )
        factories.PilotFactory(lead=colleague)


def test_the_directory_runs_as_many_queries_for_40_people_as_for_3(
    client_for, django_assert_max_num_queries
):
    client = client_for("member")
    _busy_colleagues(0, 3)
    with CaptureQueriesContext(connection) as few:
        response = client.get(PEOPLE)
    assert len(response.context["people"]) == 3
    _busy_colleagues(3, 37)

    with (
        django_assert_max_num_queries(PEOPLE_PAGE_QUERIES),
        CaptureQueriesContext(connection) as many,
    ):
        response = client.get(PEOPLE)

    assert response.context["page"].paginator.count == 40
    assert all(
        someone.contact_services and someone.work_pilots for someone in response.context["people"]
    )
    assert len(many) == len(few)


def test_a_filtered_search_runs_as_many_queries_for_40_people_as_for_3(client_for):
    client = client_for("member")
    query = {"q": "kollega", "competence": "sprakmodeller", "area": "vard-och-omsorg"}
    _busy_colleagues(0, 3)
    with CaptureQueriesContext(connection) as few:
        client.get(PEOPLE, query)
    _busy_colleagues(3, 37)

    with CaptureQueriesContext(connection) as many:
        response = client.get(PEOPLE, query)

    assert response.context["page"].paginator.count == 40
    assert len(many) == len(few)


def test_a_persons_page_runs_as_many_queries_for_much_work_as_for_little(client_for):
    client = client_for("member")
    colleague = person(name="Anna Andersson", competences=["sprakmodeller"])
    factories.ServiceFactory().contacts.add(colleague)
    factories.PilotFactory(lead=colleague)
    with CaptureQueriesContext(connection) as few:
        client.get(f"/personer/{colleague.pk}/")
    for _ in range(10):
        factories.ServiceFactory().contacts.add(colleague)
        factories.PilotFactory(lead=colleague)
        factories.PilotFactory().contacts.add(colleague)
    colleague.profile.competences.set(Competence.objects.filter(curated=True))

    with CaptureQueriesContext(connection) as many:
        response = client.get(f"/personer/{colleague.pk}/")

    assert len(response.context["person"].contact_services) == 11
    assert len(response.context["person"].work_pilots) == 21
    assert len(many) == len(few)


# --- what the directory's choice does not hide, and what it never offers


def test_an_unlisted_contact_person_is_still_named_on_the_service_and_pilot(client_for):
    contact = person(name="Olle Olistad", listed=False)
    service = factories.ServiceFactory(title="Chattbot för bygglov")
    service.contacts.add(contact)
    pilot = factories.PilotFactory(title="Talat protokoll", lead=contact)
    client = client_for("other_editor")

    assert "Olle Olistad" in client.get(service.get_absolute_url()).content.decode()
    assert "Olle Olistad" in client.get(pilot.get_absolute_url()).content.decode()
    assert "Olle Olistad" not in client.get(PEOPLE).content.decode()
    assert client.get(reverse("person", args=[contact.pk])).status_code == 404


def test_the_directory_offers_no_export_of_people(client_for):
    person(name="Kim Listad")

    page = client_for("member").get(PEOPLE).content.decode()

    assert ".csv" not in page and "export" not in page.lower()
    assert client_for("member").get(PEOPLE + "export/").status_code == 404
    assert (
        client_for("moderator")
        .get(PEOPLE, {"format": "csv"})["Content-Type"]
        .startswith("text/html")
    )


def test_a_moderator_takes_a_word_people_added_into_the_shared_vocabulary(
    client_for, member, moderator
):
    own = Competence.objects.create(name="Röstkloning", slug="rostkloning", curated=False)
    other = person(name="Kim Listad")
    other.profile.competences.add(own)

    def offered():
        return {c.name for c in ProfileForm(instance=member.profile).fields["competences"].queryset}

    assert "Röstkloning" not in offered()

    response = client_for("moderator").post(
        reverse("admin:municipalities_competence_changelist"),
        {"action": "take_into_vocabulary", "_selected_action": [own.pk]},
    )

    assert response.status_code == 302
    own.refresh_from_db()
    assert own.curated
    assert "Röstkloning" in offered()
