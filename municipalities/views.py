"""A person's own profile and data, and a municipality's members for its admins."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models.functions import Lower
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from municipalities import actions, personal_data
from municipalities.forms import ConfirmDeletionForm, ListingForm, ProfileForm, RoleForm
from municipalities.models import AccountDeletion, Membership, Municipality, Profile, User

# --- my own profile


def _own_profile(request):
    profile, _created = Profile.objects.get_or_create(user=request.user)
    if not request.user.has_perm("municipalities.change_profile", profile):
        raise PermissionDenied
    return profile


def profile_edit(request):
    profile = _own_profile(request)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("profile")
    return render(request, "municipalities/profile_form.html", {"form": form, "profile": profile})


def _safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def profile_listing(request):
    """Asked once, on first login: may colleagues find me in the people directory?"""
    profile = _own_profile(request)
    form = ListingForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        if profile.listed:
            messages.success(request, _("You are listed in the people directory."))
        else:
            messages.success(request, _("You are not listed in the people directory."))
        return redirect(_safe_next(request, "home"))
    return render(
        request,
        "municipalities/profile_listing.html",
        {"form": form, "next": _safe_next(request, "")},
    )


# --- "Mina uppgifter"


def my_data(request):
    pending = AccountDeletion.objects.filter(
        user=request.user, status=AccountDeletion.Status.REQUESTED
    ).first()
    return render(
        request,
        "municipalities/my_data.html",
        {
            "form": ConfirmDeletionForm(),
            "pending": pending,
            "needs_approval": personal_data.needs_approval(),
        },
    )


def my_data_export(request):
    data = personal_data.export(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    name = f"ai-hubben-mina-uppgifter-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def my_data_delete(request):
    form = ConfirmDeletionForm(request.POST)
    user = request.user
    deletion = None
    if form.is_valid():
        try:
            deletion = actions.request_account_deletion(user=user)
        except ValidationError as error:  # the municipality's only admin
            form.add_error(None, error)
    if deletion is None:
        return render(
            request,
            "municipalities/my_data.html",
            {"form": form, "pending": None, "needs_approval": personal_data.needs_approval()},
            status=400,
        )
    if deletion.status == AccountDeletion.Status.DELETED:
        logout(request)
        messages.success(request, _("Your account and profile are deleted. Thank you for now."))
        return redirect("account_login")
    messages.success(
        request,
        _("Your request is sent. A moderator deletes your account when it is approved."),
    )
    return redirect("my_data")


@require_POST
def my_data_withdraw(request):
    actions.withdraw_account_deletion(user=request.user)
    messages.success(request, _("Your request to delete your account is withdrawn."))
    return redirect("my_data")


# --- a municipality's members

MEMBERSHIP_STEPS = {
    "role changed": gettext_lazy("Role changed to %(role)s"),
    "removed": gettext_lazy("Membership removed"),
}
USER_STEPS = {
    "deactivated": gettext_lazy("Deactivated"),
    "reactivated": gettext_lazy("Reactivated"),
}


def _municipality_for_members(request, slug):
    municipality = get_object_or_404(Municipality, slug=slug)
    if not request.user.has_perm("municipalities.manage_members_municipality", municipality):
        raise PermissionDenied
    return municipality


LOG_LENGTH = 10


def members(request, slug):
    municipality = _municipality_for_members(request, slug)
    rows = list(
        Membership.objects.filter(municipality=municipality)
        .select_related("user__profile")
        .order_by(Lower("user__profile__display_name"), "user__email")
    )
    return render(
        request,
        "municipalities/members.html",
        {"municipality": municipality, "memberships": rows, "log": _member_log(municipality, rows)},
    )


def _member_log(municipality, rows):
    """The newest role changes, removals and (de)activations, with who did them and when."""
    names = {row.user_id: row.user.display_name for row in rows}
    membership_rows = (
        Membership.history.filter(
            municipality_id=municipality.pk, history_change_reason__in=MEMBERSHIP_STEPS
        )
        .select_related("history_user__profile", "user__profile")
        .order_by("-history_date")[:LOG_LENGTH]
    )
    user_rows = (
        User.history.filter(id__in=list(names), history_change_reason__in=USER_STEPS)
        .select_related("history_user__profile")
        .order_by("-history_date")[:LOG_LENGTH]
    )
    log = [
        {
            "when": row.history_date,
            "who": row.history_user,
            "former": row.history_user_deleted,
            "whom": row.user.display_name if row.user else _("former employee"),
            "what": MEMBERSHIP_STEPS[row.history_change_reason] % {"role": row.get_role_display()},
        }
        for row in membership_rows
    ] + [
        {
            "when": row.history_date,
            "who": row.history_user,
            "former": row.history_user_deleted,
            "whom": names.get(row.id, row.email),
            "what": USER_STEPS[row.history_change_reason],
        }
        for row in user_rows
    ]
    return sorted(log, key=lambda entry: entry["when"], reverse=True)[:LOG_LENGTH]


def _membership(request, slug, pk):
    municipality = _municipality_for_members(request, slug)
    membership = get_object_or_404(
        Membership.objects.select_related("user__profile", "municipality"),
        pk=pk,
        municipality=municipality,
    )
    return municipality, membership


def member_role(request, slug, pk):
    municipality, membership = _membership(request, slug, pk)
    form = RoleForm(request.POST or None, instance=Membership(role=membership.role))
    if request.method == "POST" and form.is_valid():
        try:
            changed = actions.change_role(
                membership=membership, role=form.cleaned_data["role"], by=request.user
            )
        except ValidationError as error:
            form.add_error("role", error)
        else:
            messages.success(
                request,
                _("%(name)s is now %(role)s.")
                % {"name": membership.user.display_name, "role": changed.get_role_display()},
            )
            return redirect("municipality_members", slug=municipality.slug)
    return render(
        request,
        "municipalities/member_role.html",
        {"municipality": municipality, "membership": membership, "form": form},
    )


def _confirmed_step(request, slug, pk, *, step, template, done):
    municipality, membership = _membership(request, slug, pk)
    error = None
    if request.method == "POST":
        try:
            step(membership=membership, by=request.user)
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            messages.success(request, done % {"name": membership.user.display_name})
            return redirect("municipality_members", slug=municipality.slug)
    return render(
        request,
        template,
        {"municipality": municipality, "membership": membership, "error": error},
        status=400 if error else 200,
    )


def member_deactivate(request, slug, pk):
    return _confirmed_step(
        request,
        slug,
        pk,
        step=actions.deactivate_member,
        template="municipalities/member_deactivate.html",
        done=_("%(name)s is deactivated and can no longer log in."),
    )


def member_reactivate(request, slug, pk):
    return _confirmed_step(
        request,
        slug,
        pk,
        step=actions.reactivate_member,
        template="municipalities/member_reactivate.html",
        done=_("%(name)s can log in again."),
    )


def member_remove(request, slug, pk):
    return _confirmed_step(
        request,
        slug,
        pk,
        step=actions.remove_membership,
        template="municipalities/member_remove.html",
        done=_("%(name)s is no longer a member of the municipality."),
    )
