from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub import cache as derived
from hub.csv import csv_response
from hub.facets import list_page
from hub.history import change_log
from hub.markdown import render_markdown
from services import actions, selectors
from services.filters import FACETS, ServiceFilter
from services.forms import (
    AdoptionForm,
    ErrorReportForm,
    SendBackForm,
    ServiceForm,
    acting_municipalities,
)
from services.models import Adoption, AIService, Attachment

PAGE_SIZE = 25


def _visible_service(request, slug, read=selectors.service_for_detail):
    """The service if this user may see it; 404 otherwise, so drafts do not leak."""
    try:
        return read(request.user, slug)
    except AIService.DoesNotExist:
        raise Http404 from None


def _require(request, permission, obj):
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


def service_list(request):
    visible = AIService.objects.visible_to(request.user).for_cards()
    filterset = ServiceFilter(request.GET or None, queryset=visible)
    return render(
        request,
        "services/service_list.html",
        {
            **list_page(request, filterset, filterset.qs, PAGE_SIZE, facets=FACETS),
            "can_create": request.user.has_perm("services.add_aiservice"),
        },
    )


def service_export(request):
    visible = AIService.objects.visible_to(request.user).for_cards()
    rows = ServiceFilter(request.GET or None, queryset=visible).qs.prefetch_related("areas", "tags")
    header = [
        _("Title"), _("Municipality"), _("Status"), _("Lifecycle status"), _("AI technique"),
        _("Model or product"), _("Supplier"), _("Where it runs"), _("Personal data"),
        _("Secrecy (OSL)"), _("PUB-avtal"), _("DPIA"), _("AI Act risk class"),
        _("Municipalities using it"), _("Areas"), _("Tags"), _("Published"), _("Address"),
    ]  # fmt: skip
    yes, no = _("yes"), _("no")
    body = (
        [
            service.title,
            service.owner.name,
            service.get_status_display(),
            service.get_lifecycle_display(),
            service.get_technique_display(),
            service.model_name,
            service.supplier.name if service.supplier else "",
            service.get_hosting_display(),
            service.get_personal_data_display(),
            yes if service.secrecy else no,
            service.get_pub_agreement_display(),
            service.get_dpia_display(),
            service.get_risk_class_display(),
            service.reuse_count,
            ", ".join(area.name for area in service.areas.all()),
            ", ".join(tag.name for tag in service.tags.all()),
            service.published_at.date() if service.published_at else "",
            request.build_absolute_uri(service.get_absolute_url()),
        ]
        for service in rows
    )
    return csv_response("ai-tjanster.csv", header, body)


def service_detail(request, slug):
    service = _visible_service(request, slug, read=selectors.service_for_page)
    user = request.user
    own_adoption = None
    acting = _acting_municipality(user, service)
    if acting is not None:
        own_adoption = next(
            (a for a in service.adoptions.all() if a.municipality_id == acting.pk), None
        )
    adoption_form = None
    if user.has_perm("services.mark_interest_aiservice", service):
        adoption_form = AdoptionForm(
            initial={
                "municipality": acting,
                "status": own_adoption.status if own_adoption else None,
            },
            user=user,
            service=service,
        )
    return render(
        request,
        "services/service_detail.html",
        {
            "service": service,
            # The main part and the history are kept as rendered (docs/decisions/0008):
            # what they show is read only when they are rendered again.
            "fragment_key": derived.key("service-page", service.pk, get_language()),
            "description": SimpleLazyObject(lambda: render_markdown(service.description)),
            "reuse_notes": SimpleLazyObject(lambda: render_markdown(service.reuse_notes)),
            "attachments": SimpleLazyObject(
                lambda: list(selectors.current_attachments().filter(service=service))
            ),
            "adoptions": [
                a for a in service.adoptions.all() if a.municipality_id != service.owner_id
            ],
            "own_adoption": own_adoption,
            "acting_municipality": acting,
            "adoption_form": adoption_form,
            "pub_agreement_elsewhere": selectors.municipalities_with_pub_agreement(user, service),
            "history": SimpleLazyObject(lambda: change_log(service, m2m=["areas", "contacts"])),
        },
    )


def _acting_municipality(user, service):
    """The municipality whose mark the page shows: an editing one first, else any other."""
    acting = acting_municipalities(user, service)
    if not acting:
        return None
    chosen = max(acting, key=lambda muni: (acting[muni], -muni))
    return user.membership_in(chosen).municipality


def _form_page(request, form, service=None):
    preview = None
    if request.method == "POST" and "preview" in request.POST and form.is_valid():
        preview = {
            "description": render_markdown(form.cleaned_data.get("description", "")),
            "reuse_notes": render_markdown(form.cleaned_data.get("reuse_notes", "")),
        }
    return render(
        request,
        "services/service_form.html",
        {"form": form, "service": service, "preview": preview},
    )


def _save_attachments(service, files, user):
    for upload in files:
        Attachment.objects.create(
            service=service,
            file=upload,
            name=upload.name,
            content_type=upload.detected_content_type,
            size=upload.size,
            uploaded_by=user,
        )


def service_create(request):
    _require(request, "services.add_aiservice", None)
    form = ServiceForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and "preview" not in request.POST and form.is_valid():
        with transaction.atomic():
            service = actions.create_service(form=form, user=request.user)
            _save_attachments(service, form.cleaned_data["files"], request.user)
        messages.success(request, _("The draft is saved. Submit it for review when it is ready."))
        return redirect(service)
    return _form_page(request, form)


def service_edit(request, slug):
    service = _visible_service(request, slug)
    _require(request, "services.change_aiservice", service)
    form = ServiceForm(
        request.POST or None, request.FILES or None, instance=service, user=request.user
    )
    if request.method == "POST" and "preview" not in request.POST and form.is_valid():
        with transaction.atomic():
            was_visible = service.status == AIService.Status.PUBLISHED
            service = actions.update_service(form=form, user=request.user)
            _save_attachments(service, form.cleaned_data["files"], request.user)
            remove = request.POST.getlist("remove_attachment")
            if remove:
                actions.remove_attachments(service=service, ids=remove, user=request.user)
        if was_visible and service.status == AIService.Status.DRAFT:
            messages.warning(
                request,
                _(
                    "Your changes are saved. A prohibited practice cannot be published, so the "
                    "service is a draft again."
                ),
            )
        else:
            messages.success(request, _("Your changes are saved."))
        return redirect(service)
    return _form_page(request, form, service)


def _transition(request, slug, permission, action, done_message):
    service = _visible_service(request, slug)
    _require(request, permission, service)
    try:
        action(service=service, user=request.user)
    except actions.TransitionNotAllowed:
        messages.error(request, _("That step is not possible in the service's current state."))
    else:
        messages.success(request, done_message)
    return redirect(service)


@require_POST
def service_submit(request, slug):
    return _transition(
        request, slug, "services.submit_aiservice", actions.submit_for_review,
        _("The service is submitted. A moderator will review it."),
    )  # fmt: skip


@require_POST
def service_publish(request, slug):
    return _transition(
        request, slug, "services.review_aiservice", actions.publish,
        _("The service is published."),
    )  # fmt: skip


@require_POST
def service_restore(request, slug):
    return _transition(
        request, slug, "services.restore_aiservice", actions.restore,
        _("The service is restored."),
    )  # fmt: skip


def service_archive(request, slug):
    """Asks first; archiving hides the service from everyone but its editors and moderators."""
    service = _visible_service(request, slug)
    _require(request, "services.archive_aiservice", service)
    if request.method == "POST":
        return _transition(
            request, slug, "services.archive_aiservice", actions.archive,
            _("The service is archived. A moderator can restore it."),
        )  # fmt: skip
    return render(request, "services/service_archive.html", {"service": service})


def service_send_back(request, slug):
    service = _visible_service(request, slug)
    _require(request, "services.review_aiservice", service)
    form = SendBackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.send_back(service=service, user=request.user, comment=form.cleaned_data["comment"])
        messages.success(request, _("The service is sent back to its editors."))
        return redirect("moderation")
    return render(request, "services/service_send_back.html", {"service": service, "form": form})


@require_POST
def service_adopt(request, slug):
    service = _visible_service(request, slug)
    _require(request, "services.mark_interest_aiservice", service)
    form = AdoptionForm(request.POST, user=request.user, service=service)
    withdraw = "withdraw" in request.POST
    form.fields["status"].required = not withdraw
    if not form.is_valid():
        if "status" in form.errors and "municipality" not in form.errors:
            raise PermissionDenied
        messages.error(request, _("Choose how your municipality uses the service."))
        return redirect(service)
    municipality = form.cleaned_data["municipality"]
    if withdraw:
        existing = Adoption.objects.filter(service=service, municipality=municipality).first()
        may_withdraw = existing is None or existing.status == Adoption.Status.INTERESTED
        if not (may_withdraw or form.acting.get(municipality.pk)):
            raise PermissionDenied
        actions.withdraw_adoption(service=service, municipality=municipality, user=request.user)
        messages.success(request, _("Your municipality's mark is removed."))
        return redirect(service)
    actions.set_adoption(
        service=service,
        municipality=municipality,
        status=form.cleaned_data["status"],
        user=request.user,
    )
    messages.success(request, _("Your municipality's mark is saved."))
    return redirect(service)


def service_report(request, slug):
    service = _visible_service(request, slug)
    _require(request, "services.report_aiservice", service)
    form = ErrorReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.report_error(
            service=service, user=request.user, message=form.cleaned_data["message"]
        )
        messages.success(
            request, _("Thank you. The contact persons and the moderators have been told.")
        )
        return redirect(service)
    return render(request, "services/service_report.html", {"service": service, "form": form})


def attachment_download(request, slug, pk):
    """Files are served only through here, with the service's visibility."""
    service = _visible_service(request, slug)
    attachment = get_object_or_404(selectors.current_attachments(), pk=pk, service=service)
    _require(request, "services.view_attachment", attachment)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
