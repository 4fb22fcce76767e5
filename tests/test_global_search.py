"""The global search (/sok/): what someone typed, over services, pilots and people.

Tests that pin Swedish stemming, ranking, snippets, prefix and compound matching or
trigram near matches run on PostgreSQL only; the rest run on both databases. They assert
on data (results, hits, counts, facet values) rather than on interface words.
"""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from hub import search_index
from hub.cache import bump
from hub.models import SynonymGroup
from hub.search import search
from hub.search.engine import PAGE_SIZE
from municipalities.forms import ProfileForm
from municipalities.models import Area, Competence
from services.models import AIService
from tests.factories import PilotFactory, ServiceFactory, member_of, municipality

pytestmark = pytest.mark.django_db

SEARCH = "/sok/"

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Swedish stemming, ranking, prefixes and trigrams need PostgreSQL",
)


# --- records and how to read the results


def service(title, summary="", **kwargs):
    kwargs.setdefault("description", "")
    return ServiceFactory(title=title, summary=summary, **kwargs)


def pilot(title, summary="", **kwargs):
    return PilotFactory(title=title, summary=summary, **kwargs)


def listed_person(name, slug="landskrona", **profile_fields):
    user = member_of(slug, profile=name)
    profile = user.profile
    profile.listed = True
    for field, value in profile_fields.items():
        setattr(profile, field, value)
    profile.save()
    return profile


def group(results, kind):
    return next(g for g in results.groups if g.kind.name == kind)


def found(results, kind="services"):
    return [hit.obj for hit in group(results, kind).hits]


def counts(results):
    return {g.kind.name: g.count for g in results.groups}


def facet(results, name):
    options = next((f["options"] for f in results.facets if f["name"] == name), [])
    return {option["value"]: option["count"] for option in options}


def snippets(results):
    return [str(hit.snippet) for g in results.groups for hit in g.hits]


# --- Swedish words: inflections, compounds, synonyms, typos


@postgresql_only
def test_an_inflected_word_finds_the_service_that_uses_another_form(member):
    speech = service("Taligenkänning i hemtjänsten", "Personalen dikterar anteckningar.")
    service("Chattbot för bygglovsfrågor", "Svarar på frågor om bygglov.")

    assert found(search(member, "hemtjänstens")) == [speech]


@postgresql_only
def test_the_snippet_marks_the_inflected_form_the_record_uses(member):
    service("Taligenkänning", "Personalen i hemtjänsten dikterar anteckningar.")

    (hit,) = group(search(member, "hemtjänstens"), "services").hits

    assert "i <mark>hemtjänsten</mark> dikterar" in hit.snippet


def test_a_snippet_never_carries_markup_from_the_record(member):
    service("Taligenkänning", "Hemtjänsten: 3 < 5 & <script>alert(1)</script> hemtjänsten.")

    (hit,) = group(search(member, "hemtjänsten"), "services").hits

    assert "<script>" not in hit.snippet
    assert "3 &lt; 5 &amp;" in hit.snippet
    assert "<mark>" in hit.snippet


def test_a_snippet_marks_a_synonym_found_but_not_the_words_of_a_synonym_phrase(member):
    """'tal till text' is a synonym of taligenkänning: marking 'till' in 'Utkast till
    protokoll' says nothing about why the record was found."""
    SynonymGroup.objects.create(terms="taligenkänning, tal till text, transkribering")
    bump()
    service("Utkast till protokoll", "Transkribering av möten, till protokollet och texten.")

    (hit,) = group(search(member, "taligenkänning"), "services").hits

    assert "<mark>Transkribering</mark>" in hit.snippet
    assert "<mark>till</mark>" not in hit.snippet and "<mark>text" not in hit.snippet


@postgresql_only
def test_a_word_finds_the_compounds_it_begins(member):
    permits = service("Stöd för bygglovshandläggning", "Sorterar inkomna ärenden.")
    journal = pilot("Diktering i vården", "Sjuksköterskor prövar taligenkänning för journalföring.")
    service("Chattbot för skolan", "Svarar elever om schemat.")

    assert found(search(member, "bygglov")) == [permits]
    assert found(search(member, "journal"), "pilots") == [journal]


@postgresql_only
def test_a_compound_typed_as_one_word_finds_a_record_that_writes_it_apart(member):
    buses = service("Planering av skolskjutsar", "Optimerar rutterna för bussarna.")

    results = search(member, "skolskjutsplanering")

    assert results.query.compounds == [("skolskjutsplanering", ["skolskjuts", "planering"])]
    assert found(results) == [buses]


def test_compounds_are_split_only_with_words_of_published_records(member):
    buses = service(
        "Planering av skolskjutsar", "Optimerar rutterna.", status="draft", published_at=None
    )
    assert search(member, "skolskjutsplanering").query.compounds == []

    buses.status = "published"
    buses.save()
    cache.clear()  # the vocabulary is cached for ten minutes

    compounds = search(member, "skolskjutsplanering").query.compounds
    assert compounds == [("skolskjutsplanering", ["skolskjuts", "planering"])]


def test_a_word_no_record_uses_does_not_empty_the_result(member):
    potholes = service("Bildanalys av vägskador", "Kameror på sopbilar hittar potthål.")
    signs = service("Bildigenkänning av vägskyltar", "Inventerar skyltar längs gatorna.")
    service("Chattbot för bygglovsfrågor", "Svarar på frågor om bygglov.")

    results = search(member, "bildanalys parkering")

    assert set(found(results)) == {potholes, signs}
    assert group(results, "services").count == 2


def test_a_record_matching_every_word_ranks_above_one_matching_some(member):
    both = service("Bildanalys för parkeringsövervakning", "Läser av registreringsskyltar.")
    one = service("Bildanalys av vägskador", "Kameror på sopbilar hittar potthål.")
    assert one.updated_at > both.updated_at  # recency alone would put `one` first

    assert found(search(member, "bildanalys parkering")) == [both, one]


@postgresql_only
def test_matching_more_words_beats_a_higher_text_rank(member):
    both = service(
        "Kameror vid infarterna",
        "Räknar fordon.",
        description="Bildanalys av kamerabilder ger beläggningen i parkeringshusen.",
    )
    one = service("Bildanalys", "Bildanalys av vägskador: bildanalysen hittar potthål.")

    assert found(search(member, "bildanalys parkering")) == [both, one]
    assert found(search(member, "bildanalys")) == [one, both]


def test_a_synonym_finds_what_the_record_calls_something_else(member):
    potholes = service("Bildanalys av vägskador", "Kameror på sopbilar hittar potthål.")

    results = search(member, "datorseende")

    assert found(results) == [potholes]
    assert results.query.synonyms == [("datorseende", ["bildanalys", "bildigenkänning"])]


def test_a_new_synonym_group_takes_effect_at_once(member):
    potholes = service("Bildanalys av vägskador", "Kameror på sopbilar hittar potthål.")
    assert found(search(member, "gatuskador")) == []  # and the synonyms are now cached

    SynonymGroup.objects.create(terms="vägskador, gatuskador")

    results = search(member, "gatuskador")
    assert found(results) == [potholes]
    assert results.query.synonyms == [("gatuskador", ["vägskador"])]


def test_a_changed_or_retired_synonym_group_takes_effect_at_once(member):
    potholes = service("Bildanalys av vägskador", "Kameror på sopbilar hittar potthål.")
    group_ = SynonymGroup.objects.create(terms="vägskador, gatuskador")
    assert found(search(member, "gatuskador")) == [potholes]

    group_.terms = "vägskador, körbaneskador"
    group_.save()
    assert found(search(member, "gatuskador")) == []
    assert found(search(member, "körbaneskador")) == [potholes]

    group_.active = False
    group_.save()
    assert found(search(member, "körbaneskador")) == []


def test_a_synonym_written_with_a_hyphen_finds_its_group(member):
    agreement = service("Transkribering", "Personuppgiftsbiträdesavtal med leverantören.")

    results = search(member, "PUB-avtal")

    assert found(results) == [agreement]
    assert results.query.synonyms == [("pub avtal", ["personuppgiftsbiträdesavtal"])]


def test_a_hyphenated_word_is_not_cut_down_to_its_last_part(member):
    form = service("Ansökan om bygglov", "En e-tjänst för ansökan.")
    service("Tjänstekatalog", "Alla tjänster på ett ställe.")

    assert found(search(member, "e-tjänst")) == [form]


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("generativ ai", "En GenAI-assistent skriver utkast."),
        ("tal till text", "Taligenkänning av samtal i hemtjänsten."),
    ],
)
def test_a_synonym_of_several_words_typed_without_quotes_finds_its_group(member, typed, text):
    record = service("Assistent", text)
    service("Textanalys", "Analys av fritext i enkäter.")  # has "text", not the synonym

    results = search(member, typed)

    assert found(results)[0] == record
    assert results.query.synonyms[0][0] == typed


def test_the_page_says_which_synonyms_it_searched_and_offers_a_misspelt_word(client_for):
    service("Bildanalys av vägskador", "Kameror på sopbilar hittar potthål.")
    member = client_for("member")

    synonyms = member.get(SEARCH, {"q": "datorseende"}).content.decode()
    assert "Sökte även på synonymer till ”datorseende”: bildanalys, bildigenkänning." in synonyms
    typo = member.get(SEARCH, {"q": "vägskadorr"}).content.decode()
    assert 'Menade du <a href="/sok/?q=v%C3%A4gskador">vägskador</a>?' in typo


@postgresql_only
def test_a_word_in_the_title_ranks_above_the_same_word_in_the_body(member):
    in_title = service("Drönarinspektion av tak", "Kontroll av yttertak.")
    in_body = service(
        "Inspektion av tak", "Kontroll av yttertak.", description="Görs med en drönare."
    )
    AIService.objects.filter(pk=in_title.pk).update(updated_at=timezone.now() - timedelta(days=30))
    search_index.refresh_all()

    assert found(search(member, "drönare")) == [in_title, in_body]


def test_a_misspelt_word_suggests_the_word_a_published_record_uses(member):
    service("Taligenkänning i hemtjänsten", "Personalen dikterar anteckningar.")

    results = search(member, "taligenkäning")

    assert results.total == 0
    assert results.suggestion == "taligenkänning"


@postgresql_only
def test_a_misspelt_word_offers_the_records_with_a_title_like_it(member):
    speech = service("Taligenkänning i hemtjänsten", "Personalen dikterar anteckningar.")
    service("Chattbot för bygglovsfrågor", "Svarar på frågor om bygglov.")

    results = search(member, "taligenkäning")

    assert [hit.obj for hit in results.near] == [speech]


# --- the syntax: phrases, minus words, "or"


def test_a_phrase_in_quotes_finds_the_words_together_only(member):
    together = service("Tal till text för nämndsekreterare", "Protokollet skrivs medan vi talar.")
    apart = service("Text och tal i nämnden", "Sekreteraren läser texten högt till ledamöterna.")

    results = search(member, '"tal till text"')

    assert found(results) == [together]
    assert apart not in found(results)
    assert [term.text for term in results.query.terms] == ["tal till text"]


def test_a_minus_word_leaves_out_the_records_that_have_it(member):
    permits = service("Chattbot för bygglovsfrågor", "Svarar på frågor om bygglov.")
    contact = service("Chattbot i kontaktcenter", "Svarar medborgare i kontaktcenter dygnet runt.")
    assert set(found(search(member, "chattbot"))) == {permits, contact}

    results = search(member, "chattbot -kontaktcenter")

    assert found(results) == [permits]
    assert group(results, "services").count == 1


def test_a_minus_phrase_leaves_out_only_the_records_with_the_phrase(member):
    dictation = service("Chattbot med tal till text", "Dikterade frågor besvaras.")
    written = service("Chattbot för skriven text", "Svarar i textform dygnet runt.")

    results = search(member, 'chattbot -"tal till text"')

    assert found(results) == [written]
    assert dictation not in found(results)


def test_a_dangling_or_is_not_searched_for_as_a_word(member):
    drone = service("Drönare inspekterar broar", "Bilder av sprickor.")
    service("Ordbehandling för nämnden", "Formaterar protokoll.")

    assert found(search(member, "or drönare")) == [drone]
    assert found(search(member, "drönare or")) == [drone]


def test_a_word_beginning_with_a_swedish_capital_is_found_in_lower_case(member):
    translation = service("Översättning av blanketter", "Åtta språk stöds.")

    assert found(search(member, "översättning")) == [translation]
    assert found(search(member, "åtta")) == [translation]


@pytest.mark.parametrize("or_", ["or", "OR", "eller"])
def test_or_finds_the_records_with_either_word(member, or_):
    buses = service("Planering av skolskjuts", "Optimerar rutterna för bussarna.")
    rides = pilot("Bokning av färdtjänst", "Resenärer bokar resor med en röstassistent.")
    service("Chattbot för bygglovsfrågor", "Svarar på frågor om bygglov.")

    results = search(member, f"skolskjuts {or_} färdtjänst")

    assert found(results) == [buses]
    assert found(results, "pilots") == [rides]
    assert results.total == 2
    assert len(results.query.terms) == 1


@postgresql_only
def test_of_two_equally_relevant_records_the_more_recently_updated_comes_first(member):
    first = service("Drönare inspekterar broar", "Bilder av sprickor.", slug="dronare-1")
    second = service("Drönare inspekterar broar", "Bilder av sprickor.", slug="dronare-2")
    now = timezone.now()

    # Queryset updates send no signal; bulk writes tell the caches themselves (hub/cache.py).
    AIService.objects.filter(pk=first.pk).update(updated_at=now - timedelta(days=1))
    AIService.objects.filter(pk=second.pk).update(updated_at=now)
    bump()
    assert found(search(member, "drönare")) == [second, first]

    AIService.objects.filter(pk=first.pk).update(updated_at=now + timedelta(days=1))
    bump()
    assert found(search(member, "drönare")) == [first, second]


# --- who sees what


@pytest.fixture
def hidden_records(db):
    """A published service, and around it records and people a member may not see."""
    angelholm, landskrona = municipality("angelholm"), municipality("landskrona")
    visible_area = Area.objects.get(slug="samhallsbyggnad")
    hidden_area = Area.objects.get(slug="kultur-och-fritid")
    visible = service(
        "Snöröjning med väderprognoser",
        "Plogbilarna går ut när prognoserna visar snö.",
        owner=angelholm,
        lifecycle="production",
        areas=[visible_area],
    )
    draft = service(
        "Snöröjning med saltspridning",
        "Saltspridningen styrs av snöröjningens sensorer.",
        owner=landskrona,
        status="draft",
        published_at=None,
        lifecycle="retired",
        areas=[hidden_area],
    )
    archived = service(
        "Snöröjning och halkbekämpning",
        "Halkbekämpningen planeras efter snöröjningen.",
        owner=angelholm,
        status="archived",
        lifecycle="idea",
        areas=[hidden_area],
    )
    in_review = service(
        "Snöröjning med sopsaltning",
        "Sopsaltningen ersätter snöröjningen på cykelbanor.",
        owner=landskrona,
        status="review",
        published_at=None,
        lifecycle="development",
        areas=[hidden_area],
    )
    archived_pilot = pilot(
        "Snöröjning med plogrobot",
        "En plogrobot sköter snöröjningen på skolgården.",
        lead_municipality=angelholm,
        status="archived",
        phase="completed",
        areas=[hidden_area],
    )
    draft_pilot = pilot(
        "Snöröjning med sandsopning",
        "Sandsopningen prövas efter snöröjningen.",
        lead_municipality=landskrona,
        status="draft",
        published_at=None,
        phase="stopped",
        areas=[hidden_area],
    )
    unlisted = []
    for listed, name in ((False, "Vinterkvist Hemlig"), (None, "Isbrytare Okänd")):
        user = member_of("helsingborg", profile=name)
        profile = user.profile
        profile.listed = listed
        profile.title = "Samordnare för snöröjning"
        profile.save()
        profile.areas.set([hidden_area])
        unlisted.append(profile)
    return {
        "visible": visible,
        "hidden": [draft, archived, draft_pilot, in_review, archived_pilot],
        "unlisted": unlisted,
        "words": [
            "saltspridning",
            "halkbekämpning",
            "sandsopning",
            "sopsaltning",
            "plogrobot",
            "vinterkvist",
            "isbrytare",
        ],
    }


def test_a_member_never_sees_drafts_archived_records_or_unlisted_people(client_for, hidden_records):
    response = client_for("member").get(SEARCH, {"q": "snöröjning"})
    results = response.context["results"]

    assert response.status_code == 200
    assert found(results) == [hidden_records["visible"]]
    assert found(results, "pilots") == []
    assert found(results, "people") == []
    assert counts(results) == {"services": 1, "pilots": 0, "people": 0}
    assert facet(results, "municipality") == {"angelholm": 1}
    assert facet(results, "area") == {"samhallsbyggnad": 1}
    assert facet(results, "status") == {"production": 1}
    html = response.content.decode()
    for obj in hidden_records["hidden"]:
        assert obj.title not in html
    for person in hidden_records["unlisted"]:
        assert person.display_name not in html
    for word in hidden_records["words"]:
        assert all(word not in snippet.lower() for snippet in snippets(results))
        assert word not in html.lower()


@pytest.mark.parametrize(
    "typed",
    [
        "saltspridnig",
        "halkbekämpnig",
        "sandsopnig",
        "sopsaltnig",
        "plogrobbot",
        "vinterkvisst",
        "isbrytarre",
    ],
)
def test_a_word_only_hidden_records_use_is_never_suggested(client_for, hidden_records, typed):
    response = client_for("member").get(SEARCH, {"q": typed})
    results = response.context["results"]

    assert response.status_code == 200
    assert results.total == 0
    assert results.suggestion == ""
    assert results.near == []
    html = response.content.decode().lower()
    assert all(word not in html for word in hidden_records["words"])


def test_a_word_of_the_published_record_beside_them_is_suggested(client_for, hidden_records):
    results = client_for("member").get(SEARCH, {"q": "väderprognosr"}).context["results"]

    assert results.suggestion == "väderprognoser"


def test_a_word_of_a_record_archived_a_moment_ago_is_not_suggested(client_for, moderator):
    """The word list behind "Menade du" is kept a few minutes; what left it meanwhile
    must not be offered."""
    secret = service("Väghyvlingsrobot", "Hyvlar grusvägar på natten.")
    service("Snöplogsrutter", "Planerar plogning.")
    assert (
        client_for("member").get(SEARCH, {"q": "väghyvlingsrobbot"}).context["results"].suggestion
        == "väghyvlingsrobot"
    )

    secret.status = AIService.Status.ARCHIVED
    secret.save()
    response = client_for("member").get(SEARCH, {"q": "väghyvlingsrobbot"})

    assert response.context["results"].suggestion == ""
    assert "väghyvlingsrobot" not in response.content.decode().lower()
    # Nor beside a word that is still found.
    both = client_for("member").get(SEARCH, {"q": "väghyvlingsrobbot snöplogsruttter"})
    assert both.context["results"].total == 0
    assert both.context["results"].suggestion == ""
    alone = client_for("member").get(SEARCH, {"q": "snöplogsruttter"})
    assert alone.context["results"].suggestion == "snöplogsrutter"


def test_the_owner_municipalitys_editor_finds_their_own_draft(client_for, hidden_records):
    draft, _archived, draft_pilot, in_review, _archived_pilot = hidden_records["hidden"]

    results = client_for("other_editor").get(SEARCH, {"q": "saltspridning"}).context["results"]
    assert found(results) == [draft]

    results = client_for("other_editor").get(SEARCH, {"q": "sandsopning"}).context["results"]
    assert found(results, "pilots") == [draft_pilot]

    results = client_for("other_editor").get(SEARCH, {"q": "sopsaltning"}).context["results"]
    assert found(results) == [in_review]

    results = client_for("editor").get(SEARCH, {"q": "saltspridning"}).context["results"]
    assert results.total == 0


# --- people


def test_a_listed_person_is_found_by_name(member):
    sofia = listed_person("Sofia Ekström", title="Digitaliseringsstrateg")

    results = search(member, "ekström")

    assert found(results, "people") == [sofia]
    assert counts(results)["people"] == 1


def test_each_hit_names_its_kind_municipality_and_status(client_for):
    service("Snöröjningsrutter", owner=municipality("landskrona"), lifecycle="production")
    pilot("Snöröjning med drönare", lead_municipality=municipality("angelholm"), phase="ongoing")
    listed_person("Sara Snöröjare", slug="helsingborg", title="Driftchef")

    html = client_for("member").get(SEARCH, {"q": "snöröj"}).content.decode()
    metas = [
        " ".join(m.split()) for m in re.findall(r'<p class="card__meta">(.*?)</p>', html, re.S)
    ]

    assert "Tjänst · Landskrona · I drift" in metas
    assert "Pilot · Ängelholm · Pågående" in metas
    assert "Person · Helsingborg · Driftchef" in metas


def test_a_person_is_found_by_a_competence_added_to_the_profile(member):
    sofia = listed_person("Sofia Ekström")
    graphs = Competence.objects.create(name="Kunskapsgrafer", slug="kunskapsgrafer")
    assert found(search(member, "kunskapsgrafer"), "people") == []

    sofia.competences.add(graphs)

    assert found(search(member, "kunskapsgrafer"), "people") == [sofia]


def test_a_person_is_found_by_a_competence_added_from_the_competence(member):
    sofia = listed_person("Sofia Ekström")
    graphs = Competence.objects.create(name="Kunskapsgrafer", slug="kunskapsgrafer")

    graphs.profiles.add(sofia)

    assert found(search(member, "kunskapsgrafer"), "people") == [sofia]


def test_a_person_is_no_longer_found_by_a_competence_removed_from_the_profile(member):
    sofia = listed_person("Sofia Ekström")
    graphs = Competence.objects.create(name="Kunskapsgrafer", slug="kunskapsgrafer")
    sofia.competences.add(graphs)

    sofia.competences.remove(graphs)

    assert found(search(member, "kunskapsgrafer"), "people") == []


def test_a_person_is_found_by_the_competences_chosen_on_the_profile_form(member):
    sofia = listed_person("Sofia Ekström")
    curated = Competence.objects.get(slug="promptdesign")
    form = ProfileForm(
        data={
            "display_name": "Sofia Ekström",
            "competences": [curated.pk],
            "other_competences": "Vektordatabaser",
            "listed": "True",
        },
        instance=sofia,
    )
    assert form.is_valid(), form.errors

    form.save()

    assert found(search(member, "vektordatabaser"), "people") == [sofia]
    assert found(search(member, "promptdesign"), "people") == [sofia]


def test_a_person_saving_the_profile_page_is_found_by_the_new_competence(client_for, member):
    profile = member.profile
    profile.listed = True
    profile.save()

    response = client_for("member").post(
        "/profil/",
        {
            "display_name": profile.display_name,
            "other_competences": "Vektordatabaser",
            "listed": "True",
        },
    )

    assert response.status_code == 302
    assert found(search(member, "vektordatabaser"), "people") == [profile]


def test_renaming_a_competence_updates_who_is_found_by_it(member):
    sofia = listed_person("Sofia Ekström")
    graphs = Competence.objects.create(name="Kunskapsgrafer", slug="kunskapsgrafer")
    sofia.competences.add(graphs)

    graphs.name = "Grafdatabaser"
    graphs.save()

    assert found(search(member, "grafdatabaser"), "people") == [sofia]
    assert found(search(member, "kunskapsgrafer"), "people") == []


def test_a_person_is_no_longer_found_by_a_competence_cleared_from_the_competence(member):
    sofia = listed_person("Sofia Ekström")
    graphs = Competence.objects.create(name="Kunskapsgrafer", slug="kunskapsgrafer")
    sofia.competences.add(graphs)
    assert found(search(member, "kunskapsgrafer"), "people") == [sofia]

    graphs.profiles.clear()

    assert found(search(member, "kunskapsgrafer"), "people") == []


# --- the index stays current


def test_a_service_inserted_with_bulk_create_is_found(member):
    (bulk,) = AIService.objects.bulk_create(
        [ServiceFactory.build(title="Drönare inspekterar broar", summary="Bilder av sprickor.")]
    )

    assert found(search(member, "drönare")) == [bulk]


def test_a_title_changed_with_a_queryset_update_is_found_and_the_old_one_is_not(member):
    bridges = service("Drönare inspekterar broar", "Bilder av sprickor.")

    AIService.objects.filter(pk=bridges.pk).update(title="Helikopter inspekterar broar")

    assert found(search(member, "helikopter")) == [bridges]
    assert found(search(member, "drönare")) == []


def test_tags_added_to_a_service_are_searchable_at_once(member):
    bridges = service("Inspektion av broar", "Bilder av sprickor.")
    assert found(search(member, "drönare")) == []

    bridges.tags.add("drönare", "betong")

    assert found(search(member, "drönare")) == [bridges]


def test_tags_removed_from_a_service_are_no_longer_searchable(member):
    bridges = service("Inspektion av broar", "Bilder av sprickor.")
    bridges.tags.add("drönare", "betong")

    bridges.tags.remove("drönare")

    assert found(search(member, "drönare")) == []
    assert found(search(member, "betong")) == [bridges]


def test_a_renamed_tag_is_searchable_by_its_new_name(member):
    bridges = service("Inspektion av broar", "Bilder av sprickor.")
    survey = pilot("Inventering av vägskyltar", "Fotograferar skyltarna.")
    bridges.tags.add("drönare")
    survey.tags.add("drönare")

    tag = Tag.objects.get(name="drönare")
    tag.name = "multikopter"
    tag.save()

    results = search(member, "multikopter")
    assert found(results) == [bridges]
    assert found(results, "pilots") == [survey]
    assert search(member, "drönare").total == 0


def test_a_deleted_tag_is_no_longer_searchable(member):
    bridges = service("Inspektion av broar", "Bilder av sprickor.")
    bridges.tags.add("drönare")

    Tag.objects.get(name="drönare").delete()

    assert search(member, "drönare").total == 0


def test_tags_written_straight_into_taggit_are_found_after_refresh_all(member):
    bridges = service("Inspektion av broar", "Bilder av sprickor.")
    survey = pilot("Inventering av vägskyltar", "Fotograferar skyltarna.")
    tag = Tag.objects.create(name="drönare", slug="dronare")
    TaggedItem.objects.bulk_create(
        [
            TaggedItem(
                tag=tag, content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
            )
            for obj in (bridges, survey)
        ]
    )
    assert search(member, "drönare").total == 0

    search_index.refresh_all()

    results = search(member, "drönare")
    assert found(results) == [bridges]
    assert found(results, "pilots") == [survey]


# --- whatever is typed, a normal page


@pytest.mark.parametrize(
    "typed",
    [
        "",
        " ",
        "a" * 1000,
        "!!!???",
        '"unbalanced',
        "'; DROP TABLE services_aiservice; --",
        "foo & | ! :* <-> (",
        "-",
        "or",
        '-""',
        "or or -or",
        "\x00",
        "100% _drönare_",
        "ö" * 300,
        " ".join(["drönare"] * 50),
    ],
)
def test_any_query_answers_a_normal_page(client_for, typed):
    bridges = service("Drönare inspekterar broar", "Bilder av sprickor.")

    response = client_for("member").get(SEARCH, {"q": typed})

    assert response.status_code == 200
    assert "hub/search.html" in [t.name for t in response.templates]
    assert response.context["results"].total in (0, 1)
    assert AIService.objects.filter(pk=bridges.pk).exists()


@pytest.mark.parametrize(
    "params",
    [
        {"q": "drönare", "sida": "abc", "kind": "services"},
        {"q": "drönare", "sida": "999", "kind": "services"},
        {"q": "drönare", "sida": "-1", "kind": "services"},
        {"q": "drönare", "kind": "nonsense"},
        {"q": "drönare", "municipality": "nowhere", "area": "'", "status": "<script>"},
        {"q": "drönare", "kind": "people", "status": "production"},
    ],
)
def test_odd_parameters_answer_a_normal_page(client_for, params):
    service("Drönare inspekterar broar", "Bilder av sprickor.")

    response = client_for("member").get(SEARCH, params)

    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[-1].split("</main>")[0]


# --- facets and pages


@pytest.fixture
def drones(db):
    angelholm, landskrona = municipality("angelholm"), municipality("landskrona")
    building = Area.objects.get(slug="samhallsbyggnad")
    care = Area.objects.get(slug="vard-och-omsorg")
    return {
        "bridges": service(
            "Drönare inspekterar broar", owner=angelholm, areas=[building], lifecycle="production"
        ),
        "medicine": service(
            "Drönare levererar läkemedel", owner=angelholm, areas=[care], lifecycle="pilot"
        ),
        "roofs": service(
            "Drönare inspekterar tak", owner=landskrona, areas=[building], lifecycle="production"
        ),
        "floods": pilot(
            "Drönare kartlägger översvämningar",
            lead_municipality=landskrona,
            areas=[building],
            phase="ongoing",
        ),
    }


def test_facets_count_what_matched(client_for, drones):
    results = client_for("member").get(SEARCH, {"q": "drönare"}).context["results"]

    assert counts(results) == {"services": 3, "pilots": 1, "people": 0}
    assert facet(results, "municipality") == {"angelholm": 2, "landskrona": 2}
    assert facet(results, "area") == {"samhallsbyggnad": 3, "vard-och-omsorg": 1}
    assert facet(results, "status") == {"production": 2, "pilot": 1, "ongoing": 1}


def test_the_municipality_facet_shows_the_15_most_common_as_the_lists_do(client_for):
    """All of Sweden's 290 would be a facet longer than the results."""
    from tests.factories import MunicipalityFactory

    for number in range(16):
        owner = MunicipalityFactory(slug=f"kommun-{number:02}", name=f"Kommun {number:02}")
        for _ in range(2 if number < 15 else 1):
            ServiceFactory(title="Drönare inspekterar broar", owner=owner)

    results = client_for("member").get(SEARCH, {"q": "drönare"}).context["results"]

    assert results.total == 31
    assert facet(results, "municipality") == {f"kommun-{n:02}": 2 for n in range(15)}


def test_a_municipality_narrows_the_results_and_the_counts(client_for, drones):
    params = {"q": "drönare", "municipality": "landskrona"}
    results = client_for("member").get(SEARCH, params).context["results"]

    assert found(results) == [drones["roofs"]]
    assert found(results, "pilots") == [drones["floods"]]
    assert counts(results) == {"services": 1, "pilots": 1, "people": 0}
    assert facet(results, "municipality") == {"landskrona": 2}
    assert facet(results, "area") == {"samhallsbyggnad": 2}


def test_an_area_narrows_the_results_and_the_counts(client_for, drones):
    params = {"q": "drönare", "area": "vard-och-omsorg"}
    results = client_for("member").get(SEARCH, params).context["results"]

    assert found(results) == [drones["medicine"]]
    assert counts(results) == {"services": 1, "pilots": 0, "people": 0}
    assert facet(results, "area") == {"vard-och-omsorg": 1}


def test_a_status_narrows_the_results_and_the_counts(client_for, drones):
    listed_person("Sofia Ekström", title="Pilot för drönare")
    params = {"q": "drönare", "status": "production"}
    results = client_for("member").get(SEARCH, params).context["results"]

    assert set(found(results)) == {drones["bridges"], drones["roofs"]}
    assert counts(results) == {"services": 2, "pilots": 0, "people": 0}
    assert facet(results, "status") == {"production": 2}


def test_filters_of_two_facets_both_apply(client_for, drones):
    params = {"q": "drönare", "municipality": "angelholm", "area": "samhallsbyggnad"}
    results = client_for("member").get(SEARCH, params).context["results"]

    assert found(results) == [drones["bridges"]]
    assert results.total == 1


def test_facet_filters_are_semi_joins_without_distinct(client_for, drones):
    """A record in two chosen areas is found once, and no DISTINCT sorts every match."""
    from django.test.utils import CaptureQueriesContext

    params = {"q": "drönare", "municipality": ["angelholm", "landskrona"],
              "area": ["samhallsbyggnad", "vard-och-omsorg"]}  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        results = client_for("member").get(SEARCH, {**params, "kind": "services"})

    assert counts(results.context["results"])["services"] == 3
    assert not [q["sql"] for q in queries if 'SELECT DISTINCT "services_aiservice"' in q["sql"]]


def test_a_person_is_counted_under_their_municipality_and_area(client_for):
    listed_person("Sofia Ekström", "landskrona").areas.set(
        [Area.objects.get(slug="vard-och-omsorg")]
    )

    results = client_for("member").get(SEARCH, {"q": "ekström"}).context["results"]

    assert facet(results, "municipality") == {"landskrona": 1}
    assert facet(results, "area") == {"vard-och-omsorg": 1}
    params = {"q": "ekström", "municipality": "angelholm"}
    assert client_for("member").get(SEARCH, params).context["results"].total == 0


def test_one_kind_is_shown_a_page_at_a_time(client_for, member):
    made = {service(f"Drönare nummer {n}", "Flyger över staden.") for n in range(PAGE_SIZE + 5)}
    pilot("Drönare i hamnen", "Flyger över kajen.")
    client = client_for("member")

    first = client.get(SEARCH, {"q": "drönare", "kind": "services"})
    second = client.get(SEARCH, {"q": "drönare", "kind": "services", "sida": "2"})

    page_one, page_two = found(first.context["results"]), found(second.context["results"])
    assert len(page_one) == PAGE_SIZE
    assert len(page_two) == 5
    assert set(page_one) | set(page_two) == made
    assert second.context["page"].number == 2
    assert counts(first.context["results"]) == {"services": 25, "pilots": 1, "people": 0}
    assert found(first.context["results"], "pilots") == []
    assert "kind=services" in second.content.decode()


def test_all_kinds_show_the_first_few_hits_of_each(client_for, member):
    for n in range(8):
        service(f"Drönare nummer {n}", "Flyger över staden.")

    response = client_for("member").get(SEARCH, {"q": "drönare"})

    assert len(found(response.context["results"])) == 5
    assert group(response.context["results"], "services").count == 8
    assert response.context["page"] is None


# --- cost


# Measured right after a change, once the session, the synonyms, the vocabulary and the
# facet labels are cached; the same on SQLite and PostgreSQL. All kinds: the user and their
# memberships (2), a count and the first hits per kind (6), the people hits' municipalities
# (1), facets (one per kind, 3). One
# kind: the user (2), the other kinds' counts (2), the paginator's count and the page (2),
# that kind's facets (1).
QUERIES = {None: 12, "services": 7}
# Asked again before anything changed: the results (all kinds) or the counts and facets
# (one kind) come from the cache.
CACHED_QUERIES = {None: 2, "services": 4}


@pytest.mark.parametrize("kind", [None, "services"])
def test_the_number_of_queries_does_not_grow_with_the_hits(
    client_for, django_assert_max_num_queries, kind
):
    client = client_for("member")
    params = {"q": "drönare", **({"kind": kind} if kind else {})}
    building = Area.objects.get(slug="samhallsbyggnad")
    made = 0

    def add(count):
        nonlocal made
        for n in range(made, made + count):
            service(f"Drönare nummer {n}", "Flyger över staden.").tags.add("drönare")
            pilot(f"Drönare i hamnen {n}", "Flyger över kajen.").tags.add("hamn")
            listed_person(f"Person {n}", title="Pilot för drönare").areas.set([building])
        made += count

    def queries():
        client.get(SEARCH, params)
        bump()  # as after any change: the cached results are not used
        with django_assert_max_num_queries(QUERIES[kind]) as captured:
            response = client.get(SEARCH, params)
        assert response.status_code == 200
        with django_assert_max_num_queries(CACHED_QUERIES[kind]):
            assert client.get(SEARCH, params).status_code == 200
        return len(captured), counts(response.context["results"])

    add(3)
    few, found_few = queries()
    add(37)
    many, found_many = queries()

    assert found_few == {"services": 3, "pilots": 3, "people": 3}
    assert found_many == {"services": 40, "pilots": 40, "people": 40}
    assert many == few == QUERIES[kind]


# --- the header


class HeaderForms(HTMLParser):
    """The forms inside the page's <header>, each with its action and its inputs' names."""

    def __init__(self):
        super().__init__()
        self.forms, self.in_header, self.in_form = [], 0, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "header":
            self.in_header += 1
        elif tag == "form" and self.in_header:
            self.forms.append({"action": attrs.get("action"), "inputs": []})
            self.in_form = True
        elif tag == "input" and self.in_form:
            self.forms[-1]["inputs"].append(attrs.get("name"))

    def handle_endtag(self, tag):
        if tag == "header":
            self.in_header -= 1
        elif tag == "form":
            self.in_form = False


def header_search_boxes(html):
    parser = HeaderForms()
    parser.feed(html)
    return [form for form in parser.forms if form["action"] == SEARCH and "q" in form["inputs"]]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/tjanster/",
        "/tjanster/broar/",
        "/piloter/",
        "/piloter/hamnen/",
        "/personer/",
        "/kommuner/",
        "/kommuner/landskrona/",
        "/profil/",
        "/sok/",
        "/sok/?q=drönare",
        "/tillganglighet/",
    ],
)
def test_the_header_search_box_is_on_every_logged_in_page(client_for, path):
    service("Drönare inspekterar broar", slug="broar")
    pilot("Drönare i hamnen", slug="hamnen")

    response = client_for("member").get(path)

    assert response.status_code == 200
    assert len(header_search_boxes(response.content.decode())) == 1


def test_an_anonymous_visitor_is_sent_to_log_in_and_finds_nothing(client_for, hidden_records):
    response = client_for("anonymous").get(SEARCH, {"q": "snöröjning"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert search(AnonymousUser(), "snöröjning").total == 0
