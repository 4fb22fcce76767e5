"""The quarterly follow-up for the steering group: a page, its print version and a CSV.

How a pilot is placed in a quarter (Europe/Stockholm dates; a pilot's start and end are its
actual dates, else its planned ones, as `Pilot.start` and `Pilot.end`):

- started: its start falls within the quarter, whatever its phase.
- ended / stopped: its phase is completed / stopped and its end falls within the quarter.
- ongoing: it started before the quarter and was still running in it. A completed or
  stopped pilot was running if it closed after the quarter (one that closed within it is
  listed as ended or stopped instead, one without an end date nowhere). A pilot not yet
  closed is running up to now even if its planned end has passed: the steering group should
  see overdue pilots. For a quarter still to come, its planned end counts.

So a pilot is in at most one of ongoing, ended and stopped, and may also be in started. It
is listed under its lead municipality, with the participating municipalities beside it.
Progress updates and measured effects count by their own date, for every pilot the user
may see. Everything goes through `Pilot.objects.visible_to(user)`.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.core.exceptions import EmptyResultSet, ValidationError
from django.core.paginator import Paginator
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from hub import cache as derived
from hub.csv import csv_response
from municipalities.models import Municipality
from pilots.models import Effect, Pilot, PilotUpdate

# Years a quarter may be asked for: far beyond any pilot, and keeps dates in range.
FIRST_YEAR, LAST_YEAR = 2000, 2100
QUARTER_PATTERN = re.compile(r"(\d{4}) ?[Qq]([1-4])")
LAST_DAY_OF_QUARTER = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}

PILOT_CATEGORIES = [
    ("started", gettext_lazy("Started")),
    ("ongoing", gettext_lazy("Ongoing")),
    ("ended", gettext_lazy("Ended")),
    ("stopped", gettext_lazy("Stopped")),
]
COLUMNS = [
    *PILOT_CATEGORIES,
    ("updates", gettext_lazy("Progress updates")),
    ("effects", gettext_lazy("Measured effects")),
]
CLOSED = [Pilot.Phase.COMPLETED, Pilot.Phase.STOPPED]

# Percentages and scores cannot be added up, nor values per case: those are averaged.
AVERAGED_UNITS = {Effect.Unit.PERCENT, Effect.Unit.SCORE}
AVERAGED_PERIODS = {Effect.Period.CASE}

# Municipalities whose pilots are listed in full on one page of the report: all of
# Familjen Helsingborg's eleven on one; pages when the whole country takes part (the summary
# table and the CSV always cover every municipality).
SECTIONS_PER_PAGE = 12


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    def __post_init__(self):
        if not 1 <= self.number <= 4:
            raise ValueError(f"A year has four quarters, not {self.number}.")

    def __str__(self):
        return f"{self.year}Q{self.number}"

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        """ "2026Q4" (or "2026q4", "2026 Q4"); ValueError on anything else."""
        match = QUARTER_PATTERN.fullmatch(text.strip())
        if match is None:
            raise ValueError(f"Not a quarter: {text!r}")
        year, number = int(match[1]), int(match[2])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(f"Outside the years a report can cover: {text!r}")
        return cls(year, number)

    @classmethod
    def containing(cls, day: datetime.date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def current(cls) -> "Quarter":
        """Today's quarter in Stockholm (TIME_ZONE), not in UTC."""
        return cls.containing(timezone.localdate())

    @property
    def code(self) -> str:
        return str(self)

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> datetime.date:
        month, day = LAST_DAY_OF_QUARTER[self.number]
        return datetime.date(self.year, month, day)

    @property
    def previous(self) -> "Quarter":
        if self.number == 1:
            return Quarter(self.year - 1, 4)
        return Quarter(self.year, self.number - 1)

    @property
    def next(self) -> "Quarter":
        if self.number == 4:
            return Quarter(self.year + 1, 1)
        return Quarter(self.year, self.number + 1)

    @property
    def in_range(self) -> bool:
        """Whether a report can be asked for it (the previous and next links check)."""
        return FIRST_YEAR <= self.year <= LAST_YEAR

    @property
    def label(self) -> str:
        return _("Q%(number)s %(year)s") % {"number": self.number, "year": self.year}


@dataclass
class MunicipalityReport:
    """One lead municipality's part of the report."""

    municipality: Municipality
    started: list = field(default_factory=list)
    ongoing: list = field(default_factory=list)
    ended: list = field(default_factory=list)
    stopped: list = field(default_factory=list)
    updates: list = field(default_factory=list)
    effects: list = field(default_factory=list)
    # Per column (COLUMNS), counted by the database for every municipality; the lists
    # above are read only for the sections a page shows.
    counted: dict = field(default_factory=dict)

    @property
    def pilot_groups(self):
        """(key, label, pilots) per category, in the report's order."""
        return [(key, label, getattr(self, key)) for key, label in PILOT_CATEGORIES]

    @property
    def counts(self):
        return [self.counted.get(key, 0) for key, _label in COLUMNS]

    @property
    def has_content(self):
        return any(self.counts)


def swedish_sort_key(text: str) -> str:
    """Å, Ä, Ö after Z, as in a Swedish dictionary, whatever the database's collation."""
    return text.casefold().translate(SWEDISH_LETTERS)


SWEDISH_LETTERS = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "é": "e"})


def _category_conditions(quarter: Quarter, today: datetime.date) -> dict[str, Q]:
    """The rules of the module docstring, on the annotated `start_date` and `end_date`."""
    first, last = quarter.first_day, quarter.last_day
    running = ~Q(phase__in=CLOSED)
    if first > today:
        running &= Q(end_date__isnull=True) | Q(end_date__gte=first)
    return {
        "started": Q(start_date__range=(first, last)),
        "ongoing": Q(start_date__lt=first) & (running | Q(phase__in=CLOSED, end_date__gt=last)),
        "ended": Q(phase=Pilot.Phase.COMPLETED, end_date__range=(first, last)),
        "stopped": Q(phase=Pilot.Phase.STOPPED, end_date__range=(first, last)),
    }


def _person_name(user) -> str:
    if user is None:
        return ""
    profile = getattr(user, "profile", None)  # a user without a profile raises AttributeError
    return (profile.display_name if profile else "") or user.email


def quarter_report(
    user, quarter: Quarter, today: datetime.date | None = None, *, page=None
) -> dict:
    """Everything the page and the CSV show, in nine queries however many pilots there are.

    The figures (counts per municipality and column, totals, combined effects) are counted
    by the database over every pilot the user may see. The pilots, updates and effects
    themselves are read for the municipalities shown: those of page `page` of the sections
    with content (`SECTIONS_PER_PAGE` a page), or all of them when `page` is None (the
    CSV). Each pilot gets `start_date`, `end_date` (actual, else planned), `lead_name` and
    `participant_names` (sorted the Swedish way).
    """
    today = today or timezone.localdate()
    first, last = quarter.first_day, quarter.last_day
    # Archived pilots are withdrawn from the record; the steering group follows the rest.
    visible = Pilot.objects.visible_to(user).exclude(status=Pilot.Status.ARCHIVED)
    pilots = _placed_pilots(visible, _category_conditions(quarter, today))
    updates = PilotUpdate.objects.filter(pilot__in=visible, date__range=(first, last))
    effects = Effect.objects.filter(pilot__in=visible, measured_on__range=(first, last))

    sections = {m.pk: MunicipalityReport(m) for m in Municipality.objects.all()}
    for row in (
        pilots.values("lead_municipality")
        .annotate(
            **{
                key: Count("pk", filter=Q(**{f"is_{key}": True}))
                for key, _label in PILOT_CATEGORIES
            }
        )
        .order_by()
    ):
        sections[row.pop("lead_municipality")].counted.update(row)
    for column, rows in (("updates", updates), ("effects", effects)):
        for row in rows.values("pilot__lead_municipality").annotate(n=Count("pk")).order_by():
            sections[row["pilot__lead_municipality"]].counted[column] = row["n"]

    shown = sorted(
        (s for s in sections.values() if s.municipality.active or s.has_content),
        key=lambda s: swedish_sort_key(s.municipality.name),
    )
    detailed = [section for section in shown if section.has_content]
    for index, section in enumerate(detailed):
        section.page_number = index // SECTIONS_PER_PAGE + 1
    result = {"quarter": quarter, "municipalities": shown}
    if page is not None:
        result["page"] = Paginator(detailed, SECTIONS_PER_PAGE).get_page(page)
        result["page_range"] = result["page"].paginator.get_elided_page_range(result["page"].number)
        detailed = result["page"].object_list
    _read_rows({s.municipality.pk: s for s in detailed}, pilots, updates, effects)

    totals = {key: sum(s.counted.get(key, 0) for s in shown) for key, _label in COLUMNS}
    return {
        **result,
        "totals": totals,
        "total_counts": list(totals.values()),
        "effect_sums": effect_sums(
            effects.values("unit", "period").annotate(
                count=Count("pk"), baseline=Sum("baseline"), value=Sum("value")
            )
        ),
        "is_empty": not any(totals.values()),
    }


def _placed_pilots(visible, conditions):
    """The pilots in at least one category, each flagged `is_<category>`."""
    return (
        visible.annotate(
            start_date=Coalesce("actual_start", "planned_start"),
            end_date=Coalesce("actual_end", "planned_end"),
        )
        .annotate(
            **{
                f"is_{key}": ExpressionWrapper(condition, output_field=BooleanField())
                for key, condition in conditions.items()
            }
        )
        .filter(Q(is_started=True) | Q(is_ongoing=True) | Q(is_ended=True) | Q(is_stopped=True))
    )


def _read_rows(sections, pilots, updates, effects):
    """The pilots, updates and effects of the lead municipalities in `sections` ({id:
    section}), into their lists; chronological within each list."""
    ids = list(sections)
    if not ids:
        return
    for pilot in (
        pilots.filter(lead_municipality__in=ids)
        .for_cards()
        .prefetch_related("participants")
        .order_by("title", "pk")
    ):
        pilot.lead_name = _person_name(pilot.lead)
        pilot.participant_names = sorted(
            (m.name for m in pilot.participants.all()), key=swedish_sort_key
        )
        section = sections[pilot.lead_municipality_id]
        for key, _label in PILOT_CATEGORIES:
            if getattr(pilot, f"is_{key}"):
                getattr(section, key).append(pilot)
    for update in (
        updates.filter(pilot__lead_municipality__in=ids)
        .select_related("pilot")
        .order_by("date", "pilot__title", "created_at", "pk")
    ):
        sections[update.pilot.lead_municipality_id].updates.append(update)
    for effect in (
        effects.filter(pilot__lead_municipality__in=ids)
        .select_related("pilot")
        .order_by("measured_on", "pilot__title", "metric", "pk")
    ):
        sections[effect.pilot.lead_municipality_id].effects.append(effect)
    for section in sections.values():
        for key in ["started", "ongoing"]:
            getattr(section, key).sort(key=lambda p: p.start_date)
        for key in ["ended", "stopped"]:
            getattr(section, key).sort(key=lambda p: p.end_date)


def effect_sums(groups) -> list[dict]:
    """Effects with the same unit and period, combined: added up, or averaged where a sum
    means nothing (percentages, scores, values per case).

    `groups`: per unit and period, the number of effects and the sums of their baselines
    and values (`unit`, `period`, `count`, `baseline`, `value`).
    """
    unit_order = {value: i for i, value in enumerate(Effect.Unit.values)}
    period_order = {value: i for i, value in enumerate(Effect.Period.values)}
    rows = []
    for group in sorted(groups, key=lambda g: (unit_order[g["unit"]], period_order[g["period"]])):
        unit, period, count = group["unit"], group["period"], group["count"]
        averaged = unit in AVERAGED_UNITS or period in AVERAGED_PERIODS
        baseline, value = Decimal(group["baseline"]), Decimal(group["value"])
        if averaged:
            baseline = (baseline / count).quantize(Decimal("0.01"))
            value = (value / count).quantize(Decimal("0.01"))
        rows.append(
            {
                "unit": unit,
                "period": period,
                "unit_label": Effect.Unit(unit).label,
                "period_label": Effect.Period(period).label if period else "",
                "count": count,
                "averaged": averaged,
                "baseline": baseline,
                "value": value,
                "change": value - baseline,
            }
        )
    return rows


class QuarterForm(forms.Form):
    kvartal = forms.CharField(
        label=gettext_lazy("Quarter"),
        help_text=gettext_lazy("The year and the quarter, for example 2026Q4."),
        required=False,
        widget=forms.TextInput(
            attrs={"class": "quarter-input", "autocomplete": "off", "spellcheck": "false"}
        ),
    )

    def clean_kvartal(self):
        text = self.cleaned_data["kvartal"]
        if not text:
            return None
        try:
            return Quarter.parse(text)
        except ValueError:
            raise ValidationError(
                _("That is not a quarter. Write it as 2026Q4."), code="invalid"
            ) from None


def _chosen_quarter(form: QuarterForm) -> Quarter:
    if form.is_bound and form.is_valid() and form.cleaned_data["kvartal"]:
        return form.cleaned_data["kvartal"]
    return Quarter.current()


def quarterly_report(request):
    """A bad quarter shows the current one, with the message beside the field (not a 500)."""
    current = Quarter.current()
    form = QuarterForm(request.GET or None, initial={"kvartal": current.code})
    quarter = _chosen_quarter(form)
    visible = Pilot.objects.visible_to(request.user)
    return render(
        request,
        "pilots/report.html",
        {
            "form": form,
            "quarter": quarter,
            "previous": quarter.previous if quarter.previous.in_range else None,
            "next": quarter.next if quarter.next.in_range else None,
            # Built only when the cached page (keyed below) is missing or stale.
            "report": SimpleLazyObject(
                lambda: _report_page(request.user, quarter, request.GET.get("sida"))
            ),
            "columns": COLUMNS,
            "cache_key": derived.key(
                "quarterly-report",
                _visible_sql(visible),
                request.GET.urlencode(),
                get_language(),
                timezone.localdate(),
            ),
        },
    )


def _report_page(user, quarter, page_number):
    """The report with one page of its municipality sections (`page`, `page_range`);
    each section knows its page, so that the summary table can link to it."""
    return quarter_report(user, quarter, page=page_number or 1)


def _visible_sql(queryset):
    """The viewer's visibility as SQL text: people who see the same rows share a page."""
    try:
        return str(queryset.query)
    except EmptyResultSet:
        return "nothing"


def quarterly_report_csv(request):
    """The page's rows: one per pilot and category, then the updates and the effects."""
    form = QuarterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return HttpResponseBadRequest(
            _("That is not a quarter. Write it as 2026Q4."),
            content_type="text/plain; charset=utf-8",
        )
    quarter = _chosen_quarter(form)
    report = quarter_report(request.user, quarter)
    header = [
        _("Category"), _("Lead municipality"), _("Pilot"), _("Participating municipalities"),
        _("Project lead"), _("Phase"), _("Start"), _("End"), _("Date"), _("Content"), _("Unit"),
        _("Before"), _("Measured"), _("Difference"), _("Address"),
    ]  # fmt: skip
    return csv_response(
        f"pilotrapport-{quarter}.csv", header, _csv_rows(report, request.build_absolute_uri)
    )


def _csv_rows(report, absolute):
    labels = dict(COLUMNS)
    for section in report["municipalities"]:
        municipality = section.municipality.name
        for _key, label, pilots in section.pilot_groups:
            for pilot in pilots:
                yield [
                    label, municipality, pilot.title, ", ".join(pilot.participant_names),
                    pilot.lead_name, pilot.get_phase_display(), pilot.start_date, pilot.end_date,
                    "", "", "", "", "", "", absolute(pilot.get_absolute_url()),
                ]  # fmt: skip
        for update in section.updates:
            pilot = update.pilot
            yield [
                labels["updates"], municipality, pilot.title, "", "", "", "", "",
                update.date, update.text, "", "", "", "", absolute(pilot.get_absolute_url()),
            ]  # fmt: skip
        for effect in section.effects:
            pilot = effect.pilot
            unit = effect.get_unit_display()
            if effect.period:
                unit = f"{unit} {effect.get_period_display()}"
            yield [
                labels["effects"], municipality, pilot.title, "", "", "", "", "",
                effect.measured_on, effect.metric, unit, effect.baseline, effect.value,
                effect.change, absolute(pilot.get_absolute_url()),
            ]  # fmt: skip
