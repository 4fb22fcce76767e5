"""Reads of pilots that more than one page needs; all through `visible_to`."""

from django.db.models import Max, Prefetch

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
