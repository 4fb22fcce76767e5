"""The pilot registry: AI pilots, their quarterly updates and their measured effects."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from taggit.managers import TaggableManager

from municipalities.models import Area, Municipality, kept_history
from municipalities.roles import EDITING_ROLES
from pilots import rules as pilot_rules
from services.models import AIService, ErrorReportBase

# Paths under /piloter/ that a slug must never take.
RESERVED_SLUGS = frozenset({"ny", "export", "rapport"})


class PilotQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Pilot.Status.PUBLISHED)

    def visible_to(self, user):
        """The one visibility rule every list, detail, report, export and count goes through.

        Members of any municipality see published pilots. A draft or an archived pilot is
        seen by its project lead, the lead municipality's editors and admins, and
        moderators.
        """
        if not user.is_authenticated:
            return self.none()
        if user.is_moderator or user.is_superuser:
            return self.all()
        editing = [muni for muni, role in user.roles.items() if role in EDITING_ROLES]
        return self.filter(
            Q(status=Pilot.Status.PUBLISHED) | Q(lead=user) | Q(lead_municipality_id__in=editing)
        )

    def for_cards(self):
        return self.select_related("lead_municipality", "lead__profile")


class Pilot(RulesModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")

    class Phase(models.TextChoices):
        IDEA = "idea", _("idea")
        PLANNED = "planned", _("planned")
        ONGOING = "ongoing", _("ongoing")
        COMPLETED = "completed", _("completed")
        STOPPED = "stopped", _("stopped")

    class Outcome(models.TextChoices):
        SCALE_UP = "scale_up", _("scale up")
        MAINTAIN = "maintain", _("maintain as a service")
        REUSE_OTHER = "reuse_other", _("reuse something else")
        CLOSE = "close", _("close down")

    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences: what the pilot tries and why. At most 300 characters."),
    )
    problem = models.TextField(
        _("the problem it addresses"),
        blank=True,
        help_text=_("What is hard, slow or costly today, and for whom."),
    )
    previous_practice = models.TextField(
        _("how the work was done before"),
        blank=True,
        help_text=_("So that the effect can be compared with something."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_(
            "How the pilot is done. You can use Markdown: **bold**, *italics*, lists with -, "
            "and links as [text](https://…)."
        ),
    )
    lead_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="led_pilots",
        verbose_name=_("lead municipality"),
    )
    participants = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="joined_pilots",
        verbose_name=_("participating municipalities"),
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="led_pilots",
        verbose_name=_("project lead"),
    )
    contacts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="pilot_contacts",
        verbose_name=_("contact persons"),
    )
    areas = models.ManyToManyField(Area, related_name="pilots", verbose_name=_("areas"))
    technique = models.CharField(_("AI technique"), max_length=30, choices=AIService.Technique)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase, default=Phase.IDEA)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    goals = models.TextField(_("goals"), blank=True)
    expected_effects = models.TextField(_("expected effects"), blank=True)
    personal_data = models.CharField(
        _("personal data"),
        max_length=20,
        choices=AIService.PersonalData,
        help_text=AIService._meta.get_field("personal_data").help_text,
    )
    pub_agreement = models.CharField(
        _("PUB-avtal in place"),
        max_length=20,
        choices=AIService.Answer,
        help_text=AIService._meta.get_field("pub_agreement").help_text,
    )
    dpia = models.CharField(
        _("DPIA done"),
        max_length=20,
        choices=AIService.Answer,
        help_text=AIService._meta.get_field("dpia").help_text,
    )
    risk_class = models.CharField(
        _("AI Act risk class"),
        max_length=20,
        choices=AIService.RiskClass,
        default=AIService.RiskClass.NOT_ASSESSED,
        help_text=AIService._meta.get_field("risk_class").help_text,
    )
    results = models.TextField(_("results"), blank=True)
    lessons = models.TextField(
        _("what we learned"),
        blank=True,
        help_text=_("What others should know before they try the same: what worked, what did not."),
    )
    outcome = models.CharField(
        _("decision when it ended"),
        max_length=20,
        choices=Outcome,
        blank=True,
    )
    related_services = models.ManyToManyField(
        AIService,
        blank=True,
        related_name="pilots",
        verbose_name=_("related services"),
    )
    tags = TaggableManager(
        _("tags"), blank=True, help_text=_("Words colleagues may search for, separated by commas.")
    )
    # The tag names as text, for the search index (kept current by hub.search_index).
    tag_text = models.TextField(_("tag text"), blank=True, editable=False)

    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("archived by"),
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = kept_history(m2m_fields=[participants, areas, contacts], excluded_fields=["tag_text"])

    objects = PilotQuerySet.as_manager()

    class Meta:
        verbose_name = _("AI pilot")
        verbose_name_plural = _("AI pilots")
        ordering = ["-updated_at"]
        indexes = [
            # The list and the report filter on status, phase and lead municipality.
            models.Index(fields=["status", "-updated_at"], name="pilot_status_updated_idx"),
            # The list's default order for someone who also sees their own drafts.
            models.Index(fields=["-updated_at"], name="pilot_updated_idx"),
            models.Index(fields=["lead_municipality", "status"], name="pilot_lead_muni_idx"),
            models.Index(fields=["phase"], name="pilot_phase_idx"),
            models.Index(fields=["technique"], name="pilot_technique_idx"),
            # The quarterly report counts pilots by their start and end dates.
            models.Index(fields=["actual_start", "planned_start"], name="pilot_start_idx"),
            models.Index(fields=["actual_end", "planned_end"], name="pilot_end_idx"),
            models.Index(Lower("title"), name="pilot_title_lower_idx"),
        ]
        rules_permissions = {
            "view": pilot_rules.can_view_pilot,
            "add": pilot_rules.is_member_of_a_municipality,
            "change": pilot_rules.can_edit_pilot,
            "delete": pilot_rules.nobody,
            "publish": pilot_rules.can_publish_pilot,
            "unpublish": pilot_rules.can_unpublish_pilot,
            "archive": pilot_rules.can_archive_pilot,
            "restore": pilot_rules.can_restore_pilot,
            "post_update": pilot_rules.can_post_update,
            "add_effect": pilot_rules.can_add_effect,
            "hand_over": pilot_rules.can_hand_over_lead,
            "report": pilot_rules.can_report_pilot,
        }

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pilots:detail", kwargs={"slug": self.slug})

    @property
    def start(self):
        """When it started, or is planned to: actual dates win over planned ones."""
        return self.actual_start or self.planned_start

    @property
    def end(self):
        return self.actual_end or self.planned_end


class PilotUpdate(RulesModel):
    """A dated progress note: the quarterly follow-up."""

    pilot = models.ForeignKey(
        Pilot, on_delete=models.CASCADE, related_name="updates", verbose_name=_("pilot")
    )
    date = models.DateField(_("date"))
    text = models.TextField(
        _("what has happened"),
        help_text=_("What was done, what was learned and what comes next."),
    )
    phase = models.CharField(
        _("new phase"),
        max_length=20,
        choices=Pilot.Phase,
        blank=True,
        help_text=_("Choose a phase only if the pilot moves to a new one with this update."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = kept_history()

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-date", "-created_at"]
        indexes = [
            # The timeline reads a pilot's updates by date; the report by date range.
            models.Index(fields=["pilot", "-date"], name="pilotupdate_pilot_date_idx"),
            models.Index(fields=["date"], name="pilotupdate_date_idx"),
        ]
        rules_permissions = {
            "view": pilot_rules.is_authenticated,
            "add": pilot_rules.is_moderator,
            "change": pilot_rules.is_moderator,
            "delete": pilot_rules.nobody,
        }

    def __str__(self):
        return f"{self.pilot} {self.date}"


class Effect(RulesModel):
    """A measured effect, e.g. "handläggningstid per ärende, minuter: 45 → 30"."""

    class Unit(models.TextChoices):
        MINUTES = "minutes", _("minutes")
        HOURS = "hours", _("hours")
        KRONOR = "kronor", _("kronor")
        PERCENT = "percent", _("per cent")
        CASES = "cases", _("number of cases")
        USERS = "users", _("number of users")
        DOCUMENTS = "documents", _("number of documents")
        SCORE = "score", _("satisfaction score")

    class Period(models.TextChoices):
        NONE = "", _("not per period")
        CASE = "case", _("per case")
        WEEK = "week", _("per week")
        MONTH = "month", _("per month")
        YEAR = "year", _("per year")

    pilot = models.ForeignKey(
        Pilot, on_delete=models.CASCADE, related_name="effects", verbose_name=_("pilot")
    )
    metric = models.CharField(
        _("what was measured"),
        max_length=200,
        help_text=_("e.g. handling time per application."),
    )
    unit = models.CharField(_("unit"), max_length=20, choices=Unit)
    period = models.CharField(
        _("counted per"), max_length=10, choices=Period, blank=True, default=""
    )
    baseline = models.DecimalField(
        _("before (baseline)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    target = models.DecimalField(
        _("target"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    value = models.DecimalField(
        _("measured value"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    measured_on = models.DateField(_("measured on"))
    method = models.TextField(
        _("how it was measured"),
        help_text=_(
            "e.g. measured on 200 cases in October, compared with the same month last year."
        ),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = kept_history()

    class Meta:
        verbose_name = _("measured effect")
        verbose_name_plural = _("measured effects")
        ordering = ["-measured_on"]
        indexes = [
            # The report reads effects by date; sums group by unit and period.
            models.Index(fields=["measured_on"], name="effect_measured_idx"),
            models.Index(fields=["unit", "period"], name="effect_unit_period_idx"),
        ]
        constraints = [
            # Amounts, times and counts cannot be negative.
            models.CheckConstraint(
                condition=Q(baseline__gte=0)
                & Q(value__gte=0)
                & (Q(target__isnull=True) | Q(target__gte=0)),
                name="effect_values_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(unit="percent") | (Q(baseline__lte=100) & Q(value__lte=100)),
                name="effect_percent_at_most_100",
            ),
        ]
        rules_permissions = {
            "view": pilot_rules.is_authenticated,
            "add": pilot_rules.is_moderator,
            "change": pilot_rules.is_moderator,
            "delete": pilot_rules.nobody,
        }

    def __str__(self):
        return f"{self.metric}: {self.baseline} → {self.value} {self.get_unit_display()}"

    @property
    def change(self):
        return self.value - self.baseline


class PilotErrorReport(ErrorReportBase):
    """ "Rapportera fel" on a pilot, as for services."""

    pilot = models.ForeignKey(
        Pilot, on_delete=models.CASCADE, related_name="error_reports", verbose_name=_("pilot")
    )
    history = kept_history()

    class Meta:
        verbose_name = _("error report on a pilot")
        verbose_name_plural = _("error reports on pilots")
        ordering = ["created_at"]
        indexes = [
            # The moderation queue lists open reports, oldest first.
            models.Index(fields=["handled_at", "created_at"], name="piloterror_open_idx"),
        ]
        rules_permissions = {
            "view": pilot_rules.is_moderator,
            "add": pilot_rules.is_authenticated,
            "change": pilot_rules.is_moderator,
            "delete": pilot_rules.nobody,
        }

    def __str__(self):
        return f"{self.pilot}: {self.message[:50]}"
