import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponseNotFound, HttpResponseServerError, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from hub import cache as derived
from hub.facets import cached_count, list_page, query_sql
from hub.search import engine as search_engine
from municipalities import actions as municipality_actions
from municipalities.filters import FACETS as PEOPLE_FACETS
from municipalities.filters import PeopleFilter
from municipalities.forms import RefuseDeletionForm
from municipalities.models import AccountDeletion, Area, Municipality, User
from municipalities.selectors import (
    listed_counts,
    listed_members_of,
    municipalities_for_cards,
    people_for_cards,
    person_for_page,
)
from pilots import selectors as pilot_selectors
from pilots.models import Pilot, PilotErrorReport
from services import actions as service_actions
from services import selectors as service_selectors
from services.models import AIService, ErrorReport


def home(request):
    """The start page. Its cards and key figures are rendered once per data version and
    visibility (docs/decisions/0008); what is the reader's own (their drafts, the pilots
    they lead) is read on each view."""
    user = request.user
    newest = service_selectors.newest_published(user)
    recent = pilot_selectors.recently_updated(user)
    published = AIService.objects.visible_to(user).published()
    return render(
        request,
        "hub/home.html",
        {
            "membership": user.primary_membership,
            "newest_services": newest,
            "recent_pilots": recent,
            "figures": SimpleLazyObject(
                lambda: {
                    "published": cached_count(published),
                    "municipalities": cached_count(Municipality.objects.active()),
                    "areas": cached_count(Area.objects.active()),
                }
            ),
            "fragment_key": derived.key(
                "home", get_language(), query_sql(newest), query_sql(recent), query_sql(published)
            ),
            "my_unpublished": service_selectors.unpublished_of_my_municipalities(user),
            "my_pilots": pilot_selectors.led_by(user, _quarter_start(timezone.localdate())),
        },
    )


def _quarter_start(day):
    return day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)


def moderation(request):
    """The moderators' queue: services awaiting review and open error reports, oldest first."""
    if not request.user.has_perm("hub.moderate"):
        raise PermissionDenied
    return render(
        request,
        "hub/moderation.html",
        {
            "in_review": service_selectors.in_review(request.user),
            "reports": service_selectors.open_error_reports(request.user),
            "pilot_reports": pilot_selectors.open_error_reports(request.user),
            "deletion_requests": AccountDeletion.objects.filter(
                status=AccountDeletion.Status.REQUESTED
            )
            .select_related("user__profile", "municipality")
            .order_by("requested_at"),
            "recent_deletions": AccountDeletion.objects.filter(
                status=AccountDeletion.Status.DELETED
            )
            .select_related("municipality", "decided_by__profile")
            .order_by("-decided_at")[:10],
        },
    )


def _deletion(request, pk):
    if not request.user.has_perm("hub.moderate"):
        raise PermissionDenied
    return get_object_or_404(
        AccountDeletion.objects.select_related("user__profile", "municipality"), pk=pk
    )


@require_POST
def deletion_approve(request, pk):
    deletion = _deletion(request, pk)
    try:
        municipality_actions.approve_account_deletion(deletion=deletion, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The account is deleted; what the person made is kept."))
    return redirect("moderation")


def deletion_refuse(request, pk):
    deletion = _deletion(request, pk)
    if deletion.status != AccountDeletion.Status.REQUESTED:
        messages.error(request, _("This request has already been decided."))
        return redirect("moderation")
    form = RefuseDeletionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        municipality_actions.refuse_account_deletion(
            deletion=deletion, by=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("The request is refused and the person is told why."))
        return redirect("moderation")
    return render(request, "hub/deletion_refuse.html", {"deletion": deletion, "form": form})


def _mark_handled(request, model, pk):
    if not request.user.has_perm("hub.moderate"):
        raise PermissionDenied
    report = get_object_or_404(model, pk=pk)
    service_actions.mark_report_handled(report=report, user=request.user)
    messages.success(request, _("The report is marked as handled."))
    return redirect("moderation")


@require_POST
def report_handled(request, pk):
    return _mark_handled(request, ErrorReport, pk)


@require_POST
def pilot_report_handled(request, pk):
    return _mark_handled(request, PilotErrorReport, pk)


# --- the global search

SEARCH_FILTERS = ("municipality", "area", "status")


def search_page(request):
    text = request.GET.get("q", "")
    kind = request.GET.get("kind") if request.GET.get("kind") in search_engine.KINDS else None
    filters = {name: request.GET.getlist(name) for name in SEARCH_FILTERS}
    results = search_engine.search(
        request.user, text, kind=kind, filters=filters, page=request.GET.get("sida")
    )
    shown = next((group for group in results.groups if group.page), None)
    query = request.GET.copy()
    query.pop("sida", None)
    without_kind = query.copy()
    without_kind.pop("kind", None)
    return render(
        request,
        "hub/search.html",
        {
            "q": results.query.text,
            "results": results,
            "kind": kind,
            "page": shown.page if shown else None,
            "page_range": shown.page.paginator.get_elided_page_range(shown.page.number)
            if shown
            else [],
            "query": query.urlencode(),
            "without_kind": without_kind.urlencode(),
            "chips": _search_chips(request, results),
        },
    )


def _search_chips(request, results):
    labels = {
        (facet["name"], option["value"]): option["label"]
        for facet in results.facets
        for option in facet["options"]
    }
    chips = []
    for name in SEARCH_FILTERS:
        for value in request.GET.getlist(name):
            remaining = request.GET.copy()
            remaining.setlist(name, [v for v in remaining.getlist(name) if v != value])
            remaining.pop("sida", None)
            chips.append(
                {"label": labels.get((name, value), value), "query": remaining.urlencode()}
            )
    return chips


# --- people and municipalities


def people_list(request):
    viewer = request.user
    filterset = PeopleFilter(request.GET or None, queryset=User.objects.listed())
    context = list_page(
        request,
        filterset,
        people_for_cards(filterset.qs),
        PEOPLE_PAGE_SIZE,
        facets=PEOPLE_FACETS,
        # The cards link to the services and pilots this viewer may see.
        vary=(
            query_sql(service_selectors.current(viewer)),
            query_sql(pilot_selectors.current(viewer)),
        ),
    )
    page = context["page"]
    context["people"] = SimpleLazyObject(lambda: _attach_work(viewer, list(page)))
    return render(request, "hub/people_list.html", context)


PEOPLE_PAGE_SIZE = 24


def _attach_work(viewer, people):
    """Each person's services and pilots as contact or lead, in two or three queries."""
    ids = [person.pk for person in people]
    services = service_selectors.contact_for(viewer, ids)
    pilots = pilot_selectors.for_people(viewer, ids)
    for person in people:
        person.contact_services = services.get(person.pk, [])
        person.work_pilots = pilots.get(person.pk, [])
    return people


def person_detail(request, pk):
    person = get_object_or_404(person_for_page(User.objects.filter(pk=pk)))
    if not request.user.has_perm("municipalities.view_person", person):
        raise Http404
    _attach_work(request.user, [person])
    return render(
        request,
        "hub/person_detail.html",
        {
            "person": person,
            "profile": getattr(person, "profile", None),
            "is_me": person == request.user,
        },
    )


def municipality_list(request):
    """The same figures for everyone (published work, listed people): one cached page."""
    return render(
        request,
        "hub/municipality_list.html",
        {
            "municipalities": SimpleLazyObject(_municipality_figures),
            "cache_key": derived.key("municipality-list", get_language()),
        },
    )


def _municipality_figures():
    municipalities = municipalities_for_cards()
    published = service_selectors.published_counts()
    given, received = service_selectors.adoption_counts()
    phases = pilot_selectors.phase_counts()
    people = listed_counts()
    for municipality in municipalities:
        municipality.published_count = published.get(municipality.pk, 0)
        municipality.marks_given = given.get(municipality.pk, 0)
        municipality.marks_received = received.get(municipality.pk, 0)
        municipality.people_count = people.get(municipality.pk, 0)
        by_phase = phases.get(municipality.pk, {})
        municipality.pilot_phases = [
            (label, by_phase[phase]) for phase, label in Pilot.Phase.choices if phase in by_phase
        ]
        municipality.pilot_count = sum(by_phase.values())
    return municipalities


def municipality_detail(request, slug):
    municipality = get_object_or_404(
        Municipality.objects.select_related("contact_person__profile"), slug=slug
    )
    people = list(listed_members_of(municipality))
    received, given = service_selectors.reuse_of(municipality)
    contact = municipality.contact_person
    return render(
        request,
        "hub/municipality_detail.html",
        {
            "municipality": municipality,
            "services": service_selectors.of_municipality(request.user, municipality),
            "pilots": pilot_selectors.of_municipality(request.user, municipality),
            "people": people,
            "marks_received": received,
            "marks_given": given,
            "contact": contact if contact and contact.is_active else None,
            "can_manage": request.user.has_perm(
                "municipalities.manage_members_municipality", municipality
            ),
        },
    )


@login_not_required
@never_cache
@require_GET
def health(request):
    """200 when the database answers, 503 when it does not; for load balancers and uptime checks."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


# When the accessibility statement was last assessed; update it with each review.
ACCESSIBILITY_ASSESSED_ON = datetime.date(2026, 12, 3)


@login_not_required
def accessibility(request):
    return render(request, "hub/accessibility.html", {"assessed_on": ACCESSIBILITY_ASSESSED_ON})


@login_not_required
def privacy(request):
    return render(
        request,
        "hub/privacy.html",
        {
            "controller_name": settings.HUB_CONTROLLER_NAME,
            "controller_contact": settings.HUB_CONTROLLER_CONTACT,
            "dpo_contact": settings.HUB_DPO_CONTACT,
        },
    )


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return HttpResponseNotFound(loader.render_to_string("404.html", request=request))


def server_error(request):
    # A static page: the database or the template context may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
