from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub import search
from hub.csv import csv_response
from hub.facets import list_page
from hub.history import change_log
from hub.markdown import render_markdown
from pilots import actions, selectors
from pilots.charts import effects_chart
from pilots.filters import FACETS, PilotFilter
from pilots.forms import (
    EffectForm,
    HandOverForm,
    PilotErrorReportForm,
    PilotForm,
    PilotStartForm,
    PilotUpdateForm,
)
from pilots.models import Pilot

PAGE_SIZE = 25


def _visible(request, slug, loader=selectors.pilot_for_action):
    """The pilot if this user may see it; 404 otherwise, so drafts do not leak."""
    try:
        return loader(request.user, slug)
    except Pilot.DoesNotExist:
        raise Http404 from None


def _require(request, permission, obj):
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


def pilot_list(request):
    visible = Pilot.objects.visible_to(request.user).for_cards()
    filterset = PilotFilter(request.GET or None, queryset=visible)
    return render(
        request,
        "pilots/pilot_list.html",
        {
            **list_page(request, filterset, filterset.qs, PAGE_SIZE, facets=FACETS),
            "can_create": request.user.has_perm("pilots.add_pilot"),
        },
    )


def pilot_export(request):
    visible = Pilot.objects.visible_to(request.user).for_cards()
    rows = PilotFilter(request.GET or None, queryset=visible).qs.prefetch_related(
        "participants", "areas", "tags"
    )
    header = [
        _("Title"), _("Lead municipality"), _("Participating"), _("Project lead"), _("Phase"),
        _("Status"), _("AI technique"), _("Start"), _("End"), _("Personal data"),
        _("PUB-avtal"), _("DPIA"), _("AI Act risk class"), _("Decision when it ended"),
        _("Areas"), _("Tags"), _("Updated"), _("Address"),
    ]  # fmt: skip
    body = (
        [
            pilot.title,
            pilot.lead_municipality.name,
            ", ".join(m.name for m in pilot.participants.all()),
            pilot.lead.display_name if pilot.lead else "",
            pilot.get_phase_display(),
            pilot.get_status_display(),
            pilot.get_technique_display(),
            pilot.start or "",
            pilot.end or "",
            pilot.get_personal_data_display(),
            pilot.get_pub_agreement_display(),
            pilot.get_dpia_display(),
            pilot.get_risk_class_display(),
            pilot.get_outcome_display(),
            ", ".join(area.name for area in pilot.areas.all()),
            ", ".join(tag.name for tag in pilot.tags.all()),
            pilot.updated_at.date(),
            request.build_absolute_uri(pilot.get_absolute_url()),
        ]
        for pilot in rows
    )
    return csv_response("ai-piloter.csv", header, body)


def pilot_detail(request, slug):
    pilot = _visible(request, slug, selectors.pilot_for_detail)
    effects = list(pilot.effects.all())
    return render(
        request,
        "pilots/pilot_detail.html",
        {
            "pilot": pilot,
            "description": render_markdown(pilot.description),
            "effects": effects,
            "chart": effects_chart(effects),
            "similar": search.similar(
                request.user,
                title=pilot.title,
                summary=pilot.summary,
                problem=pilot.problem,
                tags=[tag.name for tag in pilot.tags.all()],
                exclude=pilot,
            ),
            "history": change_log(pilot, m2m=["participants", "areas", "contacts"]),
        },
    )


def pilot_create(request):
    """Two steps: title, summary and areas first, so similar work shows before the rest."""
    _require(request, "pilots.add_pilot", None)
    user = request.user
    step = request.POST.get("step")
    if request.method != "POST":
        return render(request, "pilots/pilot_start.html", {"form": PilotStartForm()})
    if step == "1":
        start = PilotStartForm(request.POST)
        if not start.is_valid():
            return render(request, "pilots/pilot_start.html", {"form": start})
        data = start.cleaned_data
        form = PilotForm(initial={**data, "areas": [area.pk for area in data["areas"]]}, user=user)
        similar = search.similar(
            user, title=data["title"], summary=data["summary"], problem=data["problem"]
        )
        return render(
            request, "pilots/pilot_form.html", {"form": form, "similar": similar, "step": 2}
        )
    form = PilotForm(request.POST, user=user)
    if form.is_valid():
        pilot = actions.register_pilot(form=form, user=user)
        messages.success(
            request,
            _(
                "The pilot is saved as a draft, with you as project lead. "
                "Publish it when it is ready."
            ),
        )
        return redirect(pilot)
    return render(request, "pilots/pilot_form.html", {"form": form, "step": 2})


def pilot_edit(request, slug):
    pilot = _visible(request, slug)
    _require(request, "pilots.change_pilot", pilot)
    form = PilotForm(request.POST or None, instance=pilot, user=request.user)
    if request.method == "POST" and form.is_valid():
        actions.update_pilot(form=form, user=request.user)
        messages.success(request, _("Your changes are saved."))
        return redirect(pilot)
    return render(request, "pilots/pilot_form.html", {"form": form, "pilot": pilot})


def _transition(request, slug, permission, action, done_message):
    pilot = _visible(request, slug)
    _require(request, permission, pilot)
    try:
        action(pilot=pilot, user=request.user)
    except actions.TransitionNotAllowed:
        messages.error(request, _("That step is not possible in the pilot's current state."))
    else:
        messages.success(request, done_message)
    return redirect(pilot)


@require_POST
def pilot_publish(request, slug):
    return _transition(
        request, slug, "pilots.publish_pilot", actions.publish,
        _("The pilot is published. All members of the hub can now read it."),
    )  # fmt: skip


@require_POST
def pilot_unpublish(request, slug):
    return _transition(
        request, slug, "pilots.unpublish_pilot", actions.unpublish,
        _("The pilot is unpublished and is a draft again."),
    )  # fmt: skip


@require_POST
def pilot_restore(request, slug):
    return _transition(
        request, slug, "pilots.restore_pilot", actions.restore,
        _("The pilot is restored as a draft."),
    )  # fmt: skip


def pilot_archive(request, slug):
    pilot = _visible(request, slug)
    _require(request, "pilots.archive_pilot", pilot)
    if request.method == "POST":
        return _transition(
            request, slug, "pilots.archive_pilot", actions.archive,
            _("The pilot is archived. A moderator can restore it."),
        )  # fmt: skip
    return render(request, "pilots/pilot_archive.html", {"pilot": pilot})


def _sub_form(request, slug, permission, form_class, save, template, done_message):
    """A small form that adds something to a pilot: an update or an effect."""
    pilot = _visible(request, slug)
    _require(request, permission, pilot)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        save(pilot, form)
        messages.success(request, done_message)
        return redirect(pilot)
    return render(request, template, {"pilot": pilot, "form": form})


def update_create(request, slug):
    return _sub_form(
        request, slug, "pilots.post_update_pilot", PilotUpdateForm,
        lambda pilot, form: actions.add_update(pilot=pilot, form=form, user=request.user),
        "pilots/update_form.html", _("The progress update is posted."),
    )  # fmt: skip


def effect_create(request, slug):
    return _sub_form(
        request, slug, "pilots.add_effect_pilot", EffectForm,
        lambda pilot, form: actions.add_effect(pilot=pilot, form=form, user=request.user),
        "pilots/effect_form.html", _("The measured effect is saved."),
    )  # fmt: skip


def hand_over(request, slug):
    pilot = _visible(request, slug)
    _require(request, "pilots.hand_over_pilot", pilot)
    form = HandOverForm(request.POST or None, pilot=pilot)
    if request.method == "POST" and form.is_valid():
        actions.hand_over_lead(
            pilot=pilot, new_lead=form.cleaned_data["new_lead"], user=request.user
        )
        messages.success(request, _("The project lead is handed over."))
        return redirect(pilot)
    return render(request, "pilots/hand_over.html", {"pilot": pilot, "form": form})


def pilot_report_error(request, slug):
    pilot = _visible(request, slug)
    _require(request, "pilots.report_pilot", pilot)
    form = PilotErrorReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        message = form.cleaned_data["message"]
        actions.report_error(pilot=pilot, user=request.user, message=message)
        messages.success(
            request,
            _(
                "Thank you. The project lead, the contact persons and the moderators have "
                "been told."
            ),
        )
        return redirect(pilot)
    return render(request, "pilots/pilot_report_error.html", {"pilot": pilot, "form": form})
