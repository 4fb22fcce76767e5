"""Django admin for the service catalogue: the moderators' workplace.

State changes go through services.actions, one row at a time, so that every step records
who and when and leaves a history row. Nothing is deleted here: services are archived,
attachments are marked removed, error reports are marked handled.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from rules.contrib.admin import ObjectPermissionsTabularInline

from municipalities.admin import HubModelAdmin
from services import actions
from services.models import (
    RESERVED_SLUGS,
    Adoption,
    AIService,
    Attachment,
    ErrorReport,
    Supplier,
)

# The comment a service sent back from admin carries; stored in the moderator's language.
SEND_BACK_COMMENT = _("Sent back by a moderator in Django admin")


class AIServiceAdminForm(forms.ModelForm):
    """Admin builds the form from the fieldsets; this only adds the slug check."""

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(
                _("This address is used by the hub itself. Choose another slug.")
            )
        return slug


class AdoptionInlineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        owner_id = self.instance.owner_id
        for form in self.forms:
            if not form.has_changed() or (self.can_delete and self._should_delete_form(form)):
                continue
            municipality = getattr(form, "cleaned_data", {}).get("municipality")
            if municipality is not None and municipality.pk == owner_id:
                form.add_error(
                    "municipality",
                    _("The owner municipality cannot mark its own service."),
                )


class AdoptionInline(ObjectPermissionsTabularInline):
    model = Adoption
    formset = AdoptionInlineFormSet
    extra = 0
    fields = ["municipality", "status", "set_by", "updated_at"]
    readonly_fields = ["set_by", "updated_at"]


class AttachmentInline(admin.TabularInline):
    """Files are uploaded on the site, which records their type and size; here they are
    only hidden (removed) or brought back. The file itself is never linked from a public
    media URL."""

    model = Attachment
    extra = 0
    fields = ["name", "content_type", "size", "uploaded_by", "uploaded_at", "removed_at"]
    readonly_fields = ["name", "content_type", "size", "uploaded_by", "uploaded_at"]

    # Attachment's view predicate takes an attachment, but an inline is asked about the
    # service: decide by the model-level permission, which is the moderators'.
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("services.change_attachment")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("services.change_attachment")

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AIService)
class AIServiceAdmin(HubModelAdmin):
    form = AIServiceAdminForm
    list_display = [
        "title",
        "owner",
        "status",
        "lifecycle",
        "risk_class",
        "reuse_count",
        "updated_at",
    ]
    list_filter = [
        "status",
        "owner",
        "lifecycle",
        "technique",
        "risk_class",
        "personal_data",
        "areas",
    ]
    list_select_related = ["owner", "supplier"]
    search_fields = ["title", "summary", "supplier__name", "tags__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["areas"]
    autocomplete_fields = ["supplier", "contacts"]
    inlines = [AdoptionInline, AttachmentInline]
    history_list_display = ["status"]
    actions = ["publish", "send_back", "archive", "restore"]
    readonly_fields = [
        "status",
        "created_by",
        "created_at",
        "updated_at",
        "submitted_by",
        "submitted_at",
        "reviewed_by",
        "reviewed_at",
        "review_comment",
        "published_at",
        "archived_by",
        "archived_at",
    ]
    fieldsets = [
        (
            _("About the service"),
            {
                "fields": [
                    "title",
                    "slug",
                    "summary",
                    "description",
                    "areas",
                    "target_group",
                    "lifecycle",
                    "technique",
                    "model_name",
                    "supplier",
                ]
            },
        ),
        (
            _("Law and risk"),
            {
                "fields": [
                    "hosting",
                    "supplier_jurisdiction",
                    "personal_data",
                    "secrecy",
                    "pub_agreement",
                    "dpia",
                    "risk_class",
                    "fundamental_rights_assessment",
                    "human_oversight",
                ]
            },
        ),
        (
            _("Reuse"),
            {
                "fields": [
                    "reuse_open_source",
                    "reuse_agreement",
                    "reuse_instructions",
                    "reuse_hosted",
                    "reuse_notes",
                    "website_url",
                    "source_url",
                    "licence",
                ]
            },
        ),
        (
            _("Contact"),
            {"fields": ["owner", "department", "contacts", "functional_mailbox", "tags"]},
        ),
        (
            _("Moderation"),
            {
                "fields": [
                    "status",
                    ("created_by", "created_at"),
                    ("submitted_by", "submitted_at"),
                    ("reviewed_by", "reviewed_at"),
                    "review_comment",
                    "published_at",
                    ("archived_by", "archived_at"),
                    "updated_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_reuse_count()

    def has_delete_permission(self, request, obj=None):
        # A service is archived, never deleted; not even operations delete one here.
        return False

    @admin.display(description=_("reused by"), ordering="reuse_count")
    def reuse_count(self, obj):
        return obj.reuse_count

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is Adoption:
            # Only new and changed marks come back from save(commit=False).
            for adoption in formset.save(commit=False):
                adoption.set_by = request.user
                adoption.save()
            for adoption in formset.deleted_objects:
                adoption.delete()
            formset.save_m2m()
        else:
            super().save_formset(request, form, formset, change)

    def _transition_each(self, request, queryset, *, perm, transition, changed_message, **kw):
        """Call the transition for each selected service the user may move; skip the rest."""
        changed = skipped = 0
        for service in queryset.select_related("owner"):
            if not request.user.has_perm(perm, service):
                skipped += 1
                continue
            try:
                transition(service=service, user=request.user, **kw)
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
                    "%(count)d service was skipped: its status does not allow this.",
                    "%(count)d services were skipped: their status does not allow this.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Publish the selected services in review"))
    def publish(self, request, queryset):
        self._transition_each(
            request,
            queryset,
            perm="services.review_aiservice",
            transition=actions.publish,
            changed_message=ngettext_lazy(
                "%(count)d service was published.",
                "%(count)d services were published.",
                "count",
            ),
        )

    @admin.action(description=_("Send the selected services in review back to the editors"))
    def send_back(self, request, queryset):
        self._transition_each(
            request,
            queryset,
            perm="services.review_aiservice",
            transition=actions.send_back,
            comment=str(SEND_BACK_COMMENT),
            changed_message=ngettext_lazy(
                "%(count)d service was sent back to its editors.",
                "%(count)d services were sent back to their editors.",
                "count",
            ),
        )

    @admin.action(description=_("Archive the selected services"))
    def archive(self, request, queryset):
        self._transition_each(
            request,
            queryset,
            perm="services.archive_aiservice",
            transition=actions.archive,
            changed_message=ngettext_lazy(
                "%(count)d service was archived.",
                "%(count)d services were archived.",
                "count",
            ),
        )

    @admin.action(description=_("Restore the selected archived services"))
    def restore(self, request, queryset):
        self._transition_each(
            request,
            queryset,
            perm="services.restore_aiservice",
            transition=actions.restore,
            changed_message=ngettext_lazy(
                "%(count)d service was restored.",
                "%(count)d services were restored.",
                "count",
            ),
        )


@admin.register(Supplier)
class SupplierAdmin(HubModelAdmin):
    list_display = ["name", "organisation_number", "service_count", "created_at"]
    search_fields = ["name", "organisation_number"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_service_count=Count("services"))

    def has_delete_permission(self, request, obj=None):
        # Services point at their supplier; a supplier stays as long as the records do.
        return False

    @admin.display(description=_("services"), ordering="_service_count")
    def service_count(self, obj):
        return obj._service_count


@admin.register(Adoption)
class AdoptionAdmin(HubModelAdmin):
    list_display = ["service", "municipality", "status", "set_by", "updated_at"]
    list_filter = ["status", "municipality", "service__owner"]
    list_select_related = ["service", "municipality", "set_by"]
    search_fields = ["service__title", "municipality__name"]
    autocomplete_fields = ["service", "municipality"]
    readonly_fields = ["set_by", "updated_at"]

    def save_model(self, request, obj, form, change):
        obj.set_by = request.user
        super().save_model(request, obj, form, change)


class HandledFilter(admin.SimpleListFilter):
    title = _("handled")
    parameter_name = "handled"

    def lookups(self, request, model_admin):
        return [("no", _("open")), ("yes", _("handled"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(handled_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(handled_at__isnull=False)
        return queryset


class ErrorReportAdminBase(HubModelAdmin):
    """Error reports on services and pilots: read, and mark handled; never added or deleted."""

    actions = ["mark_handled"]

    def has_add_permission(self, request):
        # Reports come from "Rapportera fel" on the record's page.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("what is wrong"))
    def short_message(self, obj):
        return obj.message if len(obj.message) <= 80 else f"{obj.message[:79]}…"

    @admin.display(description=_("handled"), boolean=True, ordering="handled_at")
    def is_handled(self, obj):
        return obj.handled_at is not None

    @admin.action(description=_("Mark as handled"))
    def mark_handled(self, request, queryset):
        count = 0
        for report in queryset.filter(handled_at__isnull=True):
            if request.user.has_perm(
                f"{self.opts.app_label}.change_{self.opts.model_name}", report
            ):
                actions.mark_report_handled(report=report, user=request.user)
                count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d error report was marked as handled.",
                "%(count)d error reports were marked as handled.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(ErrorReport)
class ErrorReportAdmin(ErrorReportAdminBase):
    list_display = ["service", "short_message", "reporter", "created_at", "is_handled"]
    list_filter = [HandledFilter, "service__owner"]
    list_select_related = ["service", "reporter"]
    search_fields = ["service__title", "message"]
    fields = ["service", "reporter", "message", "created_at", "handled_by", "handled_at"]
    readonly_fields = fields
