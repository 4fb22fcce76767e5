import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import HttpResponseNotFound, HttpResponseServerError, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from municipalities.models import Area, Municipality
from pilots import selectors as pilot_selectors
from pilots.models import PilotErrorReport
from services import actions as service_actions
from services import selectors as service_selectors
from services.models import AIService, ErrorReport


def home(request):
    user = request.user
    return render(
        request,
        "hub/home.html",
        {
            "membership": user.primary_membership,
            "municipality_count": Municipality.objects.active().count(),
            "published_count": AIService.objects.visible_to(user).published().count(),
            "areas": Area.objects.active(),
            "newest_services": service_selectors.newest_published(user),
            "my_unpublished": service_selectors.unpublished_of_my_municipalities(user),
            "recent_pilots": pilot_selectors.recently_updated(user),
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
        },
    )


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
