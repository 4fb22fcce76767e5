"""Reads of pilots that more than one page needs; all through `visible_to`."""

from collections import defaultdict

from django.db.models import Count, Max, Prefetch, Q
from django.db.models.functions import Lower

from hub.links import WorkLink, slug_urls
from municipalities.models import User
from pilots.models import Effect, Pilot, PilotErrorReport, PilotUpdate
from services.models import AIService


def pilot_for_detail(user, slug):
    people = User.objects.select_related("profile")
    return (
        Pilot.objects.visible_to(user)
        .select_related("lead_municipality", "lead__profile", "archived_by__profile")
        .prefetch_related(
            "areas",
            "tags",
            "participants",
            Prefetch("contacts", queryset=people),
            Prefetch("updates", queryset=PilotUpdate.objects.select_related("author__profile")),
            Prefetch("effects", queryset=Effect.objects.order_by("measured_on", "pk")),
            Prefetch(
                "related_services",
                queryset=AIService.objects.visible_to(user).published().select_related("owner"),
            ),
        )
        .get(slug=slug)
    )


def pilot_for_action(user, slug):
    """A pilot for a permission check: the predicates read its participants."""
    return Pilot.objects.visible_to(user).prefetch_related("participants").get(slug=slug)


def recently_updated(user, limit=5):
    return Pilot.objects.visible_to(user).published().for_cards().order_by("-updated_at")[:limit]


def led_by(user, quarter_start):
    """The user's own pilots still running, each with `needs_update` for this quarter."""
    pilots = list(
        Pilot.objects.visible_to(user)
        .filter(lead=user)
        .exclude(status=Pilot.Status.ARCHIVED)
        .exclude(phase__in=[Pilot.Phase.COMPLETED, Pilot.Phase.STOPPED])
        .annotate(last_update=Max("updates__date"))
        .order_by("title")
    )
    for pilot in pilots:
        pilot.needs_update = pilot.last_update is None or pilot.last_update < quarter_start
    return pilots


def open_error_reports(user):
    visible = Pilot.objects.visible_to(user)
    return (
        PilotErrorReport.objects.filter(handled_at__isnull=True, pilot__in=visible)
        .select_related("pilot", "reporter__profile")
        .order_by("created_at")
    )


# --- for the people and municipality pages


def current(user):
    """The pilots the people and municipality pages link to: visible, not archived."""
    return Pilot.objects.visible_to(user).exclude(status=Pilot.Status.ARCHIVED)


def for_people(user, people_ids):
    """The visible, unarchived pilots each person leads or is a contact for: {user id: [links]}.

    Plain rows, not model instances, as `services.selectors.contact_for`.
    """
    fields = ("pk", "title", "slug", "phase", "lead_municipality__name")
    linkable = current(user)
    led = linkable.filter(lead_id__in=people_ids).order_by().values_list("lead_id", *fields)
    contact = (
        Pilot.contacts.through.objects.filter(user_id__in=people_ids, pilot__in=linkable)
        .order_by()
        .values_list("user_id", *(f"pilot__{field}" for field in fields))
    )
    phases = dict(Pilot.Phase.choices)
    url = slug_urls("pilots:detail")
    found = defaultdict(dict)
    for person, pk, title, slug, phase, municipality in led.union(contact, all=True):
        if pk not in found[person]:
            found[person][pk] = WorkLink(
                title=title,
                url=url(slug),
                municipality=municipality,
                phase=phases.get(phase, phase),
            )
    return {
        person: sorted(pilots.values(), key=lambda pilot: pilot.title.lower())
        for person, pilots in found.items()
    }


def of_municipality(user, municipality):
    """Pilots the municipality leads or takes part in."""
    return (
        current(user)
        .filter(Q(lead_municipality=municipality) | Q(participants=municipality))
        .distinct()
        .for_cards()
        .order_by(Lower("title"))
    )


def phase_counts():
    """Published pilots per lead municipality id and phase: {id: {phase: n}}."""
    counts = defaultdict(dict)
    rows = (
        Pilot.objects.published()
        .values_list("lead_municipality", "phase")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for municipality, phase, n in rows:
        counts[municipality][phase] = n
    return counts
