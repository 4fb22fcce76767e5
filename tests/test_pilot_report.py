"""The quarterly follow-up: quarters, how pilots are placed in one, the page and the CSV."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from municipalities.models import Municipality
from pilots import report
from pilots.models import Effect, PilotUpdate
from pilots.report import Quarter, quarter_report
from tests import factories

D = datetime.date
TODAY = D(2026, 12, 3)
Q4 = Quarter(2026, 4)
BAD_QUARTER = "That is not a quarter. Write it as 2026Q4."


def pilot(title, **kwargs):
    participants = kwargs.pop("participants", [])
    made = factories.PilotFactory(title=title, **kwargs)
    made.participants.set(participants)
    return made


def titles(pilots):
    return sorted(p.title for p in pilots)


def section_of(result, name):
    return next(s for s in result["municipalities"] if s.municipality.name == name)


# --- Quarters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026Q4", Quarter(2026, 4)),
        ("2026q1", Quarter(2026, 1)),
        (" 2027Q2 ", Quarter(2027, 2)),
        ("2026 Q3", Quarter(2026, 3)),
    ],
)
def test_a_quarter_is_read_from_its_code(text, expected):
    assert Quarter.parse(text) == expected


@pytest.mark.parametrize(
    "text", ["2026Q5", "2026Q0", "2026Q9", "abc", "2026-4", "2026", "26Q4", "Q4 2026", "", "1999Q4"]
)
def test_anything_else_is_not_a_quarter(text):
    with pytest.raises(ValueError):
        Quarter.parse(text)


def test_a_quarter_cannot_be_made_with_a_fifth_number():
    with pytest.raises(ValueError):
        Quarter(2026, 5)


def test_the_third_quarter_ends_on_30_september_and_the_fourth_starts_on_1_october():
    assert Quarter.containing(D(2026, 9, 30)) == Quarter(2026, 3)
    assert Quarter.containing(D(2026, 10, 1)) == Quarter(2026, 4)
    assert Quarter(2026, 3).last_day == D(2026, 9, 30)
    assert Q4.first_day == D(2026, 10, 1)
    assert Q4.last_day == D(2026, 12, 31)
    assert Quarter(2026, 1).first_day == D(2026, 1, 1)
    assert Quarter(2026, 1).last_day == D(2026, 3, 31)
    assert Quarter(2026, 2).last_day == D(2026, 6, 30)


def test_the_quarter_before_the_first_is_the_fourth_of_the_year_before():
    assert Quarter(2026, 1).previous == Quarter(2025, 4)
    assert Quarter(2026, 4).next == Quarter(2027, 1)
    assert Quarter(2026, 3).previous == Quarter(2026, 2)
    assert Quarter(2026, 3).next == Quarter(2026, 4)


def test_a_quarter_starts_at_midnight_in_stockholm_not_in_utc():
    late_in_utc = datetime.datetime(2026, 9, 30, 22, 30, tzinfo=datetime.UTC)

    assert Quarter.containing(timezone.localdate(late_in_utc)) == Q4
    assert Quarter.current() == Quarter.containing(timezone.localdate())


def test_a_quarter_is_written_as_its_code_and_labelled_in_words():
    assert str(Q4) == Q4.code == "2026Q4"
    with translation.override("en"):
        assert Q4.label == "Q4 2026"


# --- Grouping ------------------------------------------------------------------------------


@pytest.fixture
def dated(angelholm):
    """Pilots of Ängelholm around the edges of 2026Q4, and their updates and effects."""
    made = {
        "planned start 1 October": pilot("Planerad start 1 oktober", phase="planned",
                                         planned_start=D(2026, 10, 1)),
        "started 31 December": pilot("Start 31 december", actual_start=D(2026, 12, 31)),
        "started 30 September": pilot("Start 30 september", actual_start=D(2026, 9, 30)),
        "actual start in January": pilot("Faktisk start i januari", planned_start=D(2026, 11, 1),
                                         actual_start=D(2027, 1, 10)),
        "actual start in October": pilot("Faktisk start i oktober", planned_start=D(2026, 6, 1),
                                         actual_start=D(2026, 10, 15)),
        "completed 31 December": pilot("Avslutad 31 december", phase="completed",
                                       actual_start=D(2026, 1, 10), actual_end=D(2026, 12, 31)),
        "stopped 1 October": pilot("Avbruten 1 oktober", phase="stopped",
                                   actual_start=D(2026, 3, 1), actual_end=D(2026, 10, 1)),
        "completed 30 September": pilot("Avslutad 30 september", phase="completed",
                                        actual_start=D(2026, 2, 1), actual_end=D(2026, 9, 30)),
        "completed in January": pilot("Avslutad i januari", phase="completed",
                                      actual_start=D(2026, 5, 1), actual_end=D(2027, 1, 5)),
        "planned end passed": pilot("Försenad", actual_start=D(2026, 2, 1),
                                    planned_end=D(2026, 8, 31)),
        "completed, planned end in quarter": pilot("Avslutad enligt plan", phase="completed",
                                                   planned_start=D(2026, 4, 1),
                                                   planned_end=D(2026, 11, 30)),
        "started and completed": pilot("Start och slut i kvartalet", phase="completed",
                                       actual_start=D(2026, 10, 5), actual_end=D(2026, 12, 15)),
        "idea without dates": pilot("Idé utan datum", phase="idea"),
    }  # fmt: skip
    with_updates = made["planned end passed"]
    for day in [D(2026, 9, 30), D(2026, 10, 1), D(2026, 12, 31), D(2027, 1, 1)]:
        PilotUpdate.objects.create(pilot=with_updates, date=day, text=f"Läget {day}.")
    for day in [D(2026, 9, 30), D(2026, 10, 1), D(2026, 12, 31)]:
        effect(made["planned end passed"], day)
    return made


def effect(of, day, unit=Effect.Unit.MINUTES, period=Effect.Period.CASE, baseline=45, value=30):
    return Effect.objects.create(
        pilot=of, metric=f"Handläggningstid {day}", unit=unit, period=period,
        baseline=Decimal(baseline), value=Decimal(value), measured_on=day, method="Stickprov.",
    )  # fmt: skip


def test_pilots_are_placed_by_their_dates_at_the_edges_of_the_quarter(dated, member):
    result = quarter_report(member, Q4, today=TODAY)
    angelholm = section_of(result, "Ängelholm")

    assert titles(angelholm.started) == [
        "Faktisk start i oktober",
        "Planerad start 1 oktober",
        "Start 31 december",
        "Start och slut i kvartalet",
    ]
    assert titles(angelholm.ongoing) == [
        "Avslutad i januari",
        "Försenad",
        "Start 30 september",
    ]
    assert titles(angelholm.ended) == [
        "Avslutad 31 december",
        "Avslutad enligt plan",
        "Start och slut i kvartalet",
    ]
    assert titles(angelholm.stopped) == ["Avbruten 1 oktober"]
    assert result["totals"] == {
        "started": 4,
        "ongoing": 3,
        "ended": 3,
        "stopped": 1,
        "updates": 2,
        "effects": 2,
    }


def test_the_counts_the_database_makes_are_the_rows_it_lists(dated, member, landskrona):
    pilot("Landskronas pilot", lead_municipality=landskrona, actual_start=D(2026, 11, 2))
    result = quarter_report(member, Q4, today=TODAY)

    for section in result["municipalities"]:
        listed = [len(getattr(section, key)) for key, _label in report.COLUMNS]
        assert section.counts == listed, section.municipality.name
    assert section_of(result, "Ängelholm").counts == [4, 3, 3, 1, 2, 2]


def test_a_page_of_the_report_reads_the_rows_of_its_own_municipalities_only(
    dated, member, landskrona, monkeypatch
):
    monkeypatch.setattr(report, "SECTIONS_PER_PAGE", 1)
    pilot("Landskronas pilot", lead_municipality=landskrona, actual_start=D(2026, 11, 2))

    second = quarter_report(member, Q4, today=TODAY, page=2)

    assert [s.municipality.name for s in second["page"]] == ["Ängelholm"]
    assert section_of(second, "Landskrona").started == []  # counted, not read
    assert section_of(second, "Landskrona").counts == [1, 0, 0, 0, 0, 0]
    assert len(section_of(second, "Ängelholm").started) == 4
    assert second["totals"]["started"] == 5


def test_updates_and_effects_count_from_1_october_to_31_december(dated, member):
    angelholm = section_of(quarter_report(member, Q4, today=TODAY), "Ängelholm")

    assert [u.date for u in angelholm.updates] == [D(2026, 10, 1), D(2026, 12, 31)]
    assert [e.measured_on for e in angelholm.effects] == [D(2026, 10, 1), D(2026, 12, 31)]


def test_the_update_of_30_september_belongs_to_the_third_quarter(dated, member):
    angelholm = section_of(quarter_report(member, Quarter(2026, 3), today=TODAY), "Ängelholm")

    assert [u.date for u in angelholm.updates] == [D(2026, 9, 30)]
    assert [e.measured_on for e in angelholm.effects] == [D(2026, 9, 30)]
    assert "Start 30 september" in titles(angelholm.started)
    assert "Avslutad 30 september" in titles(angelholm.ended)


def test_actual_dates_win_over_planned_ones(angelholm, member):
    pilot(
        "Planerad i fjol",
        planned_start=D(2025, 3, 1),
        actual_start=D(2026, 11, 2),
        phase="completed",
        planned_end=D(2025, 12, 31),
        actual_end=D(2027, 2, 1),
    )

    angelholm_q4 = section_of(quarter_report(member, Q4, today=TODAY), "Ängelholm")
    last_year = section_of(quarter_report(member, Quarter(2025, 4), today=TODAY), "Ängelholm")

    assert titles(angelholm_q4.started) == ["Planerad i fjol"]
    assert angelholm_q4.started[0].start_date == D(2026, 11, 2)
    assert angelholm_q4.started[0].end_date == D(2027, 2, 1)
    assert not last_year.has_content


def test_in_a_quarter_still_to_come_the_planned_end_counts(angelholm, member):
    pilot("Försenad", actual_start=D(2026, 2, 1), planned_end=D(2026, 8, 31))
    pilot("Pågår till sommaren", actual_start=D(2026, 2, 1), planned_end=D(2027, 6, 30))

    next_quarter = section_of(quarter_report(member, Quarter(2027, 1), today=TODAY), "Ängelholm")

    assert titles(next_quarter.ongoing) == ["Pågår till sommaren"]


def test_a_pilot_is_listed_under_its_lead_with_the_participants_beside_it(
    angelholm, landskrona, member
):
    helsingborg = factories.municipality("helsingborg")
    pilot(
        "Gemensam chattbot",
        lead_municipality=landskrona,
        actual_start=D(2026, 10, 20),
        participants=[angelholm, helsingborg],
    )

    result = quarter_report(member, Q4, today=TODAY)

    assert titles(section_of(result, "Landskrona").started) == ["Gemensam chattbot"]
    assert not section_of(result, "Ängelholm").has_content
    assert section_of(result, "Landskrona").started[0].participant_names == [
        "Helsingborg",
        "Ängelholm",
    ]


def test_municipalities_are_in_swedish_alphabetical_order(member):
    names = [s.municipality.name for s in quarter_report(member, Q4)["municipalities"]]

    assert names == sorted(names, key=report.swedish_sort_key)
    assert names[-3:] == ["Åstorp", "Ängelholm", "Örkelljunga"]
    assert len(names) == Municipality.objects.active().count()


def test_another_municipalitys_draft_never_shows_for_a_member(landskrona, member, other_editor):
    draft = pilot(
        "Hemligt utkast", lead_municipality=landskrona, status="draft", actual_start=D(2026, 10, 2)
    )
    PilotUpdate.objects.create(pilot=draft, date=D(2026, 10, 3), text="Internt.")
    effect(draft, D(2026, 10, 4))

    for_member = quarter_report(member, Q4, today=TODAY)
    for_its_editor = quarter_report(other_editor, Q4, today=TODAY)

    assert for_member["is_empty"]
    assert for_member["effect_sums"] == []
    assert titles(section_of(for_its_editor, "Landskrona").started) == ["Hemligt utkast"]
    assert for_its_editor["totals"]["updates"] == for_its_editor["totals"]["effects"] == 1


def test_effects_with_the_same_unit_and_period_are_added_up_or_averaged(angelholm, member):
    one, two = pilot("Ett"), pilot("Två")
    effect(one, D(2026, 10, 1), Effect.Unit.HOURS, Effect.Period.WEEK, 40, 30)
    effect(two, D(2026, 11, 1), Effect.Unit.HOURS, Effect.Period.WEEK, 20, 12)
    effect(one, D(2026, 10, 2), Effect.Unit.PERCENT, Effect.Period.NONE, 60, 80)
    effect(two, D(2026, 11, 2), Effect.Unit.PERCENT, Effect.Period.NONE, 70, 85)

    sums = quarter_report(member, Q4, today=TODAY)["effect_sums"]

    hours, percent = sums
    assert (hours["unit"], hours["period"], hours["count"]) == ("hours", "week", 2)
    assert not hours["averaged"]
    assert (hours["baseline"], hours["value"], hours["change"]) == (60, 42, -18)
    assert (percent["unit"], percent["count"], percent["averaged"]) == ("percent", 2, True)
    assert (percent["baseline"], percent["value"]) == (65, Decimal("82.50"))
    assert percent["change"] == Decimal("17.50")


# --- The page ---------------------------------------------------------------------------------


def test_the_page_shows_the_quarter_with_participants_and_swedish_numbers(
    client_for, angelholm, landskrona
):
    shared = pilot(
        "Gemensam chattbot",
        lead_municipality=landskrona,
        actual_start=D(2026, 10, 20),
        participants=[angelholm],
    )
    effect(shared, D(2026, 11, 1), Effect.Unit.KRONOR, Effect.Period.YEAR, 12345, 1234.5)

    response = client_for("member").get("/piloter/rapport/?kvartal=2026Q4")
    html = response.content.decode()

    assert response.status_code == 200
    assert response.context["quarter"] == Q4
    assert html.count("<h1>") == 1
    assert "Gemensam chattbot" in html
    row = html[html.index("Gemensam chattbot") :]
    assert "<td>Ängelholm</td>" in row[: row.index("</tr>")]
    assert "12\xa0345" in html
    assert "1\xa0234,50" in html
    assert '<th scope="col" class="number">' in html
    assert "<caption>" in html
    assert 'href="/piloter/rapport/export/?kvartal=2026Q4"' in html
    assert 'href="/piloter/rapport/?kvartal=2026Q3"' in html
    assert 'href="/piloter/rapport/?kvartal=2027Q1"' in html


def test_without_a_quarter_the_page_shows_the_current_one(client_for):
    response = client_for("member").get("/piloter/rapport/")

    assert response.status_code == 200
    assert response.context["quarter"] == Quarter.current()


@pytest.mark.parametrize("value", ["2026Q9", "abc", "2026-4"])
def test_a_bad_quarter_shows_the_current_one_with_a_message_beside_the_field(client_for, value):
    response = client_for("member").get("/piloter/rapport/", {"kvartal": value})
    html = response.content.decode()

    assert response.status_code == 200
    assert response.context["quarter"] == Quarter.current()
    with translation.override("sv"):
        message = translation.gettext(BAD_QUARTER)
    assert message in html
    assert 'class="field field--error"' in html
    assert f'value="{value}"' in html


def test_an_empty_quarter_says_so(client_for, angelholm):
    pilot("Långt senare", actual_start=D(2031, 1, 1))

    response = client_for("member").get("/piloter/rapport/?kvartal=2030Q1")

    assert response.context["report"]["is_empty"]
    assert "<table" not in response.content.decode()


def test_at_national_scale_the_sections_come_in_pages_and_the_summary_links_to_each(
    client_for, angelholm, landskrona, monkeypatch
):
    monkeypatch.setattr(report, "SECTIONS_PER_PAGE", 1)
    pilot("Chattbot i Ängelholm", lead_municipality=angelholm, actual_start=D(2026, 10, 2))
    pilot("Chattbot i Landskrona", lead_municipality=landskrona, actual_start=D(2026, 10, 3))
    client = client_for("member")

    first = client.get("/piloter/rapport/?kvartal=2026Q4").content.decode()
    second = client.get("/piloter/rapport/?kvartal=2026Q4&sida=2").content.decode()

    # In Swedish order: Landskrona first, Ängelholm (Ä after Z) on the second page.
    assert "Chattbot i Landskrona" in first and "Chattbot i Landskrona" not in second
    assert "Chattbot i Ängelholm" in second and "Chattbot i Ängelholm" not in first
    # The summary covers both on every page, and sends each name to the page listing it.
    assert 'href="#kommun-landskrona"' in first
    assert 'href="?kvartal=2026Q4&amp;sida=2#kommun-angelholm"' in first
    assert 'href="?kvartal=2026Q4&amp;sida=1#kommun-landskrona"' in second
    assert 'aria-current="page"' in second and 'href="?kvartal=2026Q4&amp;sida=1"' in second
    with translation.override("sv"):
        note = translation.gettext(
            "The pilots of municipalities %(first)s to %(last)s of %(count)s are listed below; "
            "the summary above and the CSV cover them all."
        ) % {"first": 2, "last": 2, "count": 2}
    assert note in second


def test_the_eleven_municipalities_of_familjen_helsingborg_fit_on_one_page(client_for, angelholm):
    leads = list(Municipality.objects.all()[:11])
    leads += [factories.MunicipalityFactory() for _ in range(11 - len(leads))]
    for municipality in leads:
        pilot(
            f"Pilot i {municipality.name}",
            lead_municipality=municipality,
            actual_start=D(2026, 10, 2),
        )

    html = client_for("member").get("/piloter/rapport/?kvartal=2026Q4").content.decode()

    assert all(f"Pilot i {m.name}" in html for m in leads)
    assert 'class="pagination"' not in html


def test_the_report_is_for_logged_in_staff_only(client):
    response = client.get("/piloter/rapport/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_page_runs_the_same_number_of_queries_for_2_and_20_pilots(
    client_for, angelholm, landskrona
):
    def add(count):
        for _ in range(count):
            made = pilot(
                "Pilot",
                actual_start=D(2026, 10, 10),
                participants=[landskrona],
                lead=factories.member_of("angelholm"),
            )
            PilotUpdate.objects.create(pilot=made, date=D(2026, 11, 1), text="Läget.")
            effect(made, D(2026, 11, 2))

    client = client_for("member")
    add(2)
    with CaptureQueriesContext(connection) as few:
        client.get("/piloter/rapport/?kvartal=2026Q4")
    add(18)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/piloter/rapport/?kvartal=2026Q4")

    assert response.context["report"]["totals"]["started"] == 20
    assert len(many) == len(few)
    assert len(many) <= 20
    user = response.wsgi_request.user
    assert user.roles and not user.is_moderator  # read once per request, as in the view
    with CaptureQueriesContext(connection) as report_only:
        quarter_report(user, Q4, today=TODAY)
    assert len(report_only) == 9


# --- The CSV -------------------------------------------------------------------------------


def test_the_csv_holds_the_pages_rows_and_opens_in_swedish_excel(client_for, dated, landskrona):
    dated["started 31 December"].participants.set([landskrona])
    response = client_for("member").get("/piloter/rapport/export/?kvartal=2026Q4")
    content = response.content.decode("utf-8")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="pilotrapport-2026Q4.csv"' in response["Content-Disposition"]
    assert content.startswith("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(content[1:]), delimiter=";"))
    assert len(header) == 15
    assert all(len(row) == len(header) for row in rows)
    assert all(row[1] == "Ängelholm" for row in rows)

    with translation.override("sv"):
        section = section_of(quarter_report(response.wsgi_request.user, Q4), "Ängelholm")
        expected = [
            *[
                (str(label), p.title)
                for _key, label, pilots in section.pilot_groups
                for p in pilots
            ],
            *[(translation.gettext("Progress updates"), u.pilot.title) for u in section.updates],
            *[(translation.gettext("Measured effects"), e.pilot.title) for e in section.effects],
        ]
    assert [(row[0], row[2]) for row in rows] == expected
    assert len(rows) == 4 + 3 + 3 + 1 + 2 + 2
    started_last_day = next(r for r in rows if r[2] == "Start 31 december")
    assert started_last_day[3] == "Landskrona"
    assert started_last_day[6] == "2026-12-31"
    effect_row = rows[-1]
    assert effect_row[8] == "2026-12-31"
    assert effect_row[11:14] == ["45,00", "30,00", "-15,00"]
    assert effect_row[14] == "http://testserver" + dated["planned end passed"].get_absolute_url()


def test_the_csv_refuses_a_bad_quarter_with_a_plain_message(client_for):
    response = client_for("member").get("/piloter/rapport/export/?kvartal=2026Q5")

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    with translation.override("sv"):
        assert response.content.decode() == translation.gettext(BAD_QUARTER)
