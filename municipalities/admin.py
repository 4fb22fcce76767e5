from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rules.contrib.admin import ObjectPermissionsModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from municipalities.actions import admin_roles_of, guard_last_admin
from municipalities.models import (
    AccountDeletion,
    Area,
    Competence,
    EmailDomain,
    Membership,
    Municipality,
    Profile,
    User,
)
from municipalities.roles import Role


def _set_each(queryset, **values):
    """Save row by row rather than update(), so that each change gets its history row."""
    count = 0
    for obj in queryset:
        for name, value in values.items():
            setattr(obj, name, value)
        obj.save()
        count += 1
    return count


def _last_admin_refusal(user):
    """Why `user` may not be deactivated: the only admin of a municipality; or None."""
    for membership in admin_roles_of(user):
        try:
            guard_last_admin(membership)
        except ValidationError as error:
            return error.messages[0]
    return None


class HubModelAdmin(ObjectPermissionsModelAdmin, SimpleHistoryAdmin):
    """Admin whose object permissions come from the predicates, with history on every row."""


class EmailDomainInline(admin.TabularInline):
    model = EmailDomain
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    fk_name = "municipality"


@admin.register(Municipality)
class MunicipalityAdmin(HubModelAdmin):
    list_display = ["name", "code", "active", "member_count"]
    list_filter = ["active"]
    search_fields = ["name", "code", "domains__domain"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["contact_person"]
    inlines = [EmailDomainInline]
    actions = ["deactivate", "activate"]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(_member_count=Count("memberships"))

    @admin.display(description=_("members"), ordering="_member_count")
    def member_count(self, obj):
        return obj._member_count

    @admin.action(description=_("Mark as having left the collaboration"))
    def deactivate(self, request, queryset):
        count = _set_each(queryset.filter(active=True), active=False)
        self.message_user(
            request,
            ngettext(
                "%(count)d municipality was made inactive; its members can no longer log in.",
                "%(count)d municipalities were made inactive; their members can no longer log in.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark as taking part again"))
    def activate(self, request, queryset):
        count = _set_each(queryset.filter(active=False), active=True)
        self.message_user(
            request,
            ngettext(
                "%(count)d municipality was made active again.",
                "%(count)d municipalities were made active again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


class MembershipAdminForm(forms.ModelForm):
    """The portal's rule in admin too: a municipality is never left without an admin."""

    class Meta:
        model = Membership
        fields = ["user", "municipality", "role"]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        stored = Membership.objects.select_related("user", "municipality").get(pk=self.instance.pk)
        moved = (cleaned.get("user"), cleaned.get("municipality")) != (
            stored.user,
            stored.municipality,
        )
        if stored.role == Role.ADMIN and (cleaned.get("role") != Role.ADMIN or moved):
            try:
                guard_last_admin(stored)
            except ValidationError as error:
                self.add_error("role", error)
        return cleaned


@admin.register(Membership)
class MembershipAdmin(HubModelAdmin):
    form = MembershipAdminForm
    list_display = ["user", "municipality", "role", "created_at"]
    list_filter = ["role", "municipality"]
    list_select_related = ["user", "municipality"]
    search_fields = ["user__email", "user__profile__display_name", "municipality__name"]
    autocomplete_fields = ["user"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one at a time, each through the guard below
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        membership = self.get_object(request, object_id)
        if membership is not None:
            try:
                guard_last_admin(membership)
            except ValidationError as error:
                self.message_user(request, error.messages[0], messages.ERROR)
                return redirect(
                    reverse("admin:municipalities_membership_change", args=[membership.pk])
                )
        return super().delete_view(request, object_id, extra_context)


@admin.register(Profile)
class ProfileAdmin(HubModelAdmin):
    list_display = ["display_name", "user", "title", "department", "listed", "contactable"]
    list_select_related = ["user"]
    search_fields = ["display_name", "user__email", "title", "department"]
    list_filter = ["listed", "contactable", "user__memberships__municipality", "competences"]
    filter_horizontal = ["competences", "areas"]


@admin.register(Competence)
class CompetenceAdmin(HubModelAdmin):
    """The shared vocabulary: take a word people added into it, or leave it out."""

    list_display = ["name", "curated", "profile_count"]
    list_editable = ["curated"]
    list_filter = ["curated"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["take_into_vocabulary"]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(_profiles=Count("profiles"))

    @admin.display(description=_("people"), ordering="_profiles")
    def profile_count(self, obj):
        return obj._profiles

    @admin.action(description=_("Take into the shared vocabulary"))
    def take_into_vocabulary(self, request, queryset):
        count = _set_each(queryset.filter(curated=False), curated=True)
        self.message_user(
            request,
            ngettext(
                "%(count)d competence was taken into the vocabulary.",
                "%(count)d competences were taken into the vocabulary.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(AccountDeletion)
class AccountDeletionAdmin(HubModelAdmin):
    """That accounts were deleted: read only; requests are decided in the moderation queue."""

    list_display = ["requested_at", "municipality", "status", "decided_by", "decided_at"]
    list_filter = ["status", "municipality"]
    list_select_related = ["municipality", "decided_by"]
    readonly_fields = [
        "user", "municipality", "status", "requested_at", "decided_by", "decided_at",
        "reason", "kept",
    ]  # fmt: skip


@admin.register(Area)
class AreaAdmin(HubModelAdmin):
    list_display = ["name", "position", "active"]
    list_editable = ["position"]
    list_filter = ["active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class HubUserChangeForm(UserChangeForm):
    def clean(self):
        cleaned = super().clean()
        if self.instance.is_active and cleaned.get("is_active") is False:
            refusal = _last_admin_refusal(self.instance)
            if refusal:
                self.add_error("is_active", refusal)
        return cleaned


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = HubUserChangeForm
    ordering = ["email"]
    list_display = ["email", "display", "is_active", "is_staff", "date_joined", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser", "memberships__municipality"]
    search_fields = ["email", "profile__display_name"]
    list_select_related = ["profile"]
    readonly_fields = ["date_joined", "last_login"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]
    actions = ["deactivate"]

    def has_change_permission(self, request, obj=None):
        # Moderators keep members' accounts; only operations touch staff and superusers.
        if obj is not None and (obj.is_staff or obj.is_superuser):
            return request.user.is_superuser
        return super().has_change_permission(request, obj)

    def user_change_password(self, request, id, form_url=""):
        # Setting someone else's password is for operations only; everyone else resets.
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    @admin.display(description=_("name"), ordering="profile__display_name")
    def display(self, obj):
        profile = getattr(obj, "profile", None)
        return profile.display_name if profile else ""

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            # Only operations hand out admin rights.
            readonly += ["is_staff", "is_superuser", "groups"]
        return readonly

    @admin.action(description=_("Deactivate (the person has left)"))
    def deactivate(self, request, queryset):
        count = 0
        for person in queryset.filter(is_active=True):
            refusal = _last_admin_refusal(person)  # one by one: a batch cannot take all admins
            if refusal:
                self.message_user(request, refusal, messages.ERROR)
                continue
            count += _set_each([person], is_active=False)
        self.message_user(
            request,
            ngettext(
                "%(count)d account was deactivated.",
                "%(count)d accounts were deactivated.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
