"""Django admin for the pilot registry: the moderators' workplace.

State changes go through pilots.actions, one row at a time, so that every step leaves a
history row. Nothing is deleted here: pilots are archived, updates and effects stay on the
timeline, error reports are marked handled.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from rules.contrib.admin import ObjectPermissionsStackedInline, ObjectPermissionsTabularInline

from municipalities.admin import HubModelAdmin
from pilots import actions
from pilots.models import RESERVED_SLUGS, Effect, Pilot, PilotErrorReport, PilotUpdate
from services.admin import ErrorReportAdminBase, HandledFilter


class PilotAdminForm(forms.ModelForm):
    """Admin builds the form from the fieldsets; this only adds the slug check."""

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(
                _("This address is used by the hub itself. Choose another slug.")
            )
        return slug


def _move_to_new_phase(pilot, new_updates):
    """As on the site: a new update that names a phase moves the pilot to it."""
    with_phase = [update for update in new_updates if update.phase]
    if not with_phase:
        return
    latest = max(with_phase, key=lambda update: update.date)
    if latest.phase != pilot.phase:
        pilot.phase = latest.phase
        pilot._change_reason = "phase changed by an update"
        pilot.save()


class PilotUpdateInline(ObjectPermissionsTabularInline):
    model = PilotUpdate
    extra = 0
    fields = ["date", "text", "phase", "author", "created_at"]
    readonly_fields = ["author", "created_at"]

    def has_delete_permission(self, request, obj=None):
        return False


class EffectInline(ObjectPermissionsStackedInline):
    model = Effect
    extra = 0
    fields = [
        "metric",
        ("unit", "period"),
        ("baseline", "target", "value"),
        "measured_on",
        "method",
        ("author", "created_at"),
    ]
    readonly_fields = ["author", "created_at"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Pilot)
class PilotAdmin(HubModelAdmin):
    form = PilotAdminForm
    list_display = ["title", "lead_municipality", "lead", "phase", "status", "updated_at"]
    list_filter = ["status", "phase", "lead_municipality", "technique", "areas", "risk_class"]
    list_select_related = ["lead_municipality", "lead"]
    search_fields = ["title", "summary", "problem", "tags__name"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["participants", "areas", "related_services"]
    autocomplete_fields = ["lead", "contacts"]
    inlines = [PilotUpdateInline, EffectInline]
    history_list_display = ["status", "phase"]
    actions = ["publish", "unpublish", "archive", "restore"]
    readonly_fields = [
        "status",
        "created_by",
        "created_at",
        "updated_at",
        "published_at",
        "archived_by",
        "archived_at",
    ]
    fieldsets = [
        (
            _("About the pilot"),
            {
                "fields": [
                    "title",
                    "slug",
                    "summary",
                    "problem",
                    "previous_practice",
                    "description",
                    "goals",
                    "expected_effects",
                    "areas",
                    "technique",
                    "related_services",
                    "tags",
                ]
            },
        ),
        (
            _("Time and phase"),
            {
                "fields": [
                    "phase",
                    ("planned_start", "planned_end"),
                    ("actual_start", "actual_end"),
                ]
            },
        ),
        (_("Law and risk"), {"fields": ["personal_data", "pub_agreement", "dpia", "risk_class"]}),
        (_("Results"), {"fields": ["results", "lessons", "outcome"]}),
        (
            _("Contact"),
            {"fields": ["lead_municipality", "participants", "lead", "contacts"]},
        ),
        (
            _("Publication"),
            {
                "fields": [
                    "status",
                    ("created_by", "created_at"),
                    "published_at",
                    ("archived_by", "archived_at"),
                    "updated_at",
                ]
            },
        ),
    ]

    def has_delete_permission(self, request, obj=None):
        # A pilot is archived, never deleted; not even operations delete one here.
        return False

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model in (PilotUpdate, Effect):
            # Only new and changed rows come back; whoever adds a row wrote it.
            for row in formset.save(commit=False):
                if row.author_id is None:
                    row.author = request.user
                row.save()
            formset.save_m2m()
            if formset.model is PilotUpdate:
                _move_to_new_phase(form.instance, formset.new_objects)
        else:
            super().save_formset(request, form, formset, change)

    def _transition_each(self, request, queryset, *, perm, transition, changed_message):
        """Call the transition for each selected pilot the user may move; skip the rest."""
        changed = skipped = 0
        for pilot in queryset.select_related("lead_municipality"):
            if not request.user.has_perm(perm, pilot):
                skipped += 1
                continue
            try:
                transition(pilot=pilot, user=request.user)
            except actions.TransitionNotAllowed:
                skipped += 1
            else:
                changed += 1
        self.message_user(
            request,
            changed_message % {"count": changed},
            messages.SUCCESS if changed else messages.INFO,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d pilot was skipped: its status does not allow this.",
                    "%(count)d pilots were skipped: their status does not allow this.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Publish the selected draft pilots"))
    def publish(self, request, queryset):
        self._transition_each(
            request,
            queryset,
            perm="pilots.publish_pilot",
            transition=actions.publish,
            changed_message=ngettext_lazy(
                "%(count)d pilot was published.",
                "%(count)d pilots were published.",
                "count",
            ),
        )

    @admin.action(description=_("Unpublish the selected pilots (back to draft)"))
    def unpublish(self, request, queryset):
        self._transition_each(
            request,
            queryset,
            perm="pilots.unpublish_pilot",
            transition=actions.unpublish,
            changed_message=ngettext_lazy(
                "%(count)d pilot was unpublished.",
                "%(count)d pilots were unpublished.",
                "count",
            ),
        )

    @admin.action(description=_("Archive the selected pilots"))
    def archive(self, request, queryset):
        self._transition_each(
            request,
            queryset,
            perm="pilots.archive_pilot",
            transition=actions.archive,
            changed_message=ngettext_lazy(
                "%(count)d pilot was archived.",
                "%(count)d pilots were archived.",
                "count",
            ),
        )

    @admin.action(description=_("Restore the selected archived pilots"))
    def restore(self, request, queryset):
        self._transition_each(
            request,
            queryset,
            perm="pilots.restore_pilot",
            transition=actions.restore,
            changed_message=ngettext_lazy(
                "%(count)d pilot was restored.",
                "%(count)d pilots were restored.",
                "count",
            ),
        )


@admin.register(PilotUpdate)
class PilotUpdateAdmin(HubModelAdmin):
    list_display = ["pilot", "date", "phase", "author", "created_at"]
    list_filter = ["phase", "pilot__lead_municipality"]
    list_select_related = ["pilot", "author"]
    search_fields = ["pilot__title", "text"]
    date_hierarchy = "date"
    autocomplete_fields = ["pilot"]
    fields = ["pilot", "date", "text", "phase", "author", "created_at"]
    readonly_fields = ["author", "created_at"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)
        if not change:
            _move_to_new_phase(obj.pilot, [obj])


@admin.register(Effect)
class EffectAdmin(HubModelAdmin):
    list_display = ["metric", "pilot", "baseline", "value", "unit", "period", "measured_on"]
    list_filter = ["unit", "period", "pilot__lead_municipality"]
    list_select_related = ["pilot", "author"]
    search_fields = ["pilot__title", "metric", "method"]
    date_hierarchy = "measured_on"
    autocomplete_fields = ["pilot"]
    fields = [
        "pilot",
        "metric",
        ("unit", "period"),
        ("baseline", "target", "value"),
        "measured_on",
        "method",
        ("author", "created_at"),
    ]
    readonly_fields = ["author", "created_at"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)


@admin.register(PilotErrorReport)
class PilotErrorReportAdmin(ErrorReportAdminBase):
    list_display = ["pilot", "short_message", "reporter", "created_at", "is_handled"]
    list_filter = [HandledFilter, "pilot__lead_municipality"]
    list_select_related = ["pilot", "reporter"]
    search_fields = ["pilot__title", "message"]
    fields = ["pilot", "reporter", "message", "created_at", "handled_by", "handled_at"]
    readonly_fields = fields
