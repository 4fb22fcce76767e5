"""The AI-service catalogue: what a municipality built or uses, and who else uses it."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from taggit.managers import TaggableManager

from municipalities.models import Area, Municipality, kept_history
from municipalities.roles import EDITING_ROLES
from services import rules as service_rules

# Paths under /tjanster/ that a slug must never take.
RESERVED_SLUGS = frozenset({"ny", "export", "rapport", "moderering", "sok"})


class Supplier(RulesModel):
    """A company or organisation that delivers an AI product; shared across services."""

    name = models.CharField(_("name"), max_length=200)
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        help_text=_("Swedish organisationsnummer, e.g. 556677-8899, if the supplier has one."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = kept_history()

    class Meta:
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")
        ordering = ["name"]
        constraints = [
            # One record per supplier, however the name was capitalised when typed.
            models.UniqueConstraint(Lower("name"), name="supplier_name_ci_unique"),
        ]
        rules_permissions = {
            "view": service_rules.is_authenticated,
            "add": service_rules.may_create_service,
            "change": service_rules.is_moderator,
            "delete": service_rules.nobody,
        }

    def __str__(self):
        return self.name


class AIServiceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=AIService.Status.PUBLISHED)

    def visible_to(self, user):
        """The one visibility rule every list, detail, search, export and count goes through.

        Members of any municipality see published services. Drafts and services in review
        are seen by the owner municipality's editors and admins, and by moderators; archived
        ones by the same people. Everyone else sees nothing of them.
        """
        if not user.is_authenticated:
            return self.none()
        if user.is_moderator or user.is_superuser:
            return self.all()
        editing = [muni for muni, role in user.roles.items() if role in EDITING_ROLES]
        return self.filter(Q(status=AIService.Status.PUBLISHED) | Q(owner_id__in=editing))

    def with_reuse_count(self):
        """Municipalities other than the owner that mark the service as used.

        A subquery per row rather than a join and GROUP BY: a page of 25 counts 25 rows,
        not the whole catalogue before its LIMIT.
        """
        marks = (
            Adoption.objects.filter(service=OuterRef("pk"), status=Adoption.Status.USING)
            .exclude(municipality=OuterRef("owner"))
            .order_by()
            .values("service")
            .annotate(n=Count("municipality", distinct=True))
            .values("n")
        )
        return self.annotate(
            reuse_count=Coalesce(Subquery(marks, output_field=models.IntegerField()), 0)
        )

    def for_cards(self):
        return self.select_related("owner", "supplier").with_reuse_count()


class AIService(RulesModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        REVIEW = "review", _("in review")
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")

    class Lifecycle(models.TextChoices):
        IDEA = "idea", _("idea")
        DEVELOPMENT = "development", _("in development")
        PILOT = "pilot", _("pilot")
        PRODUCTION = "production", _("in production")
        RETIRED = "retired", _("retired")

    class TargetGroup(models.TextChoices):
        STAFF = "staff", _("staff")
        RESIDENTS = "residents", _("residents")
        BOTH = "both", _("staff and residents")

    class Technique(models.TextChoices):
        LANGUAGE_MODEL = "language_model", _("generative AI / language model")
        SPEECH = "speech", _("speech recognition and speech synthesis")
        IMAGE = "image", _("image analysis")
        TEXT_CLASSIFICATION = "text_classification", _("text analysis and classification")
        PREDICTION = "prediction", _("prediction and forecasting")
        OPTIMISATION = "optimisation", _("optimisation and planning")
        OTHER = "other", _("other")

    class Hosting(models.TextChoices):
        OWN = "own", _("own data centre")
        SWEDEN = "sweden", _("cloud service in Sweden")
        EU = "eu", _("cloud service in the EU/EEA")
        OUTSIDE_EU = "outside_eu", _("outside the EU/EEA")

    class Jurisdiction(models.TextChoices):
        SWEDEN = "sweden", _("Sweden")
        EU = "eu", _("another EU/EEA country")
        USA = "usa", _("the United States")
        OTHER = "other", _("another country outside the EU/EEA")
        NONE = "none", _("no supplier (built in-house)")

    class PersonalData(models.TextChoices):
        NONE = "none", _("no personal data")
        PERSONAL = "personal", _("personal data")
        SENSITIVE = "sensitive", _("sensitive personal data")

    class Answer(models.TextChoices):
        YES = "yes", _("yes")
        NO = "no", _("no")
        NOT_NEEDED = "not_needed", _("not needed")

    class RiskClass(models.TextChoices):
        NOT_ASSESSED = "not_assessed", _("not assessed")
        MINIMAL = "minimal", _("minimal risk")
        LIMITED = "limited", _("limited risk")
        HIGH = "high", _("high risk")
        PROHIBITED = "prohibited", _("prohibited practice")

    # Om tjänsten
    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_(
            "One or two sentences: what the service does and for whom. At most 300 characters."
        ),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_(
            "What the service does, how it is used and what it has given. You can use Markdown: "
            "**bold**, *italics*, lists with -, and links as [text](https://…)."
        ),
    )
    areas = models.ManyToManyField(Area, related_name="services", verbose_name=_("areas"))
    target_group = models.CharField(
        _("target group"), max_length=20, choices=TargetGroup, default=TargetGroup.STAFF
    )
    lifecycle = models.CharField(
        _("lifecycle status"), max_length=20, choices=Lifecycle, default=Lifecycle.IDEA
    )
    technique = models.CharField(_("AI technique"), max_length=30, choices=Technique)
    model_name = models.CharField(
        _("model or product"),
        max_length=150,
        blank=True,
        help_text=_("The AI model or product the service is built on, e.g. Gemini or Whisper."),
    )
    supplier = models.ForeignKey(
        Supplier,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("supplier"),
    )

    # Juridik och risk
    hosting = models.CharField(
        _("where it runs"),
        max_length=20,
        choices=Hosting,
        help_text=_(
            "Where the data is processed. Outside the EU/EEA, a transfer of personal data needs "
            "a legal basis of its own (GDPR chapter V)."
        ),
    )
    supplier_jurisdiction = models.CharField(
        _("supplier's home country"),
        max_length=20,
        choices=Jurisdiction,
        help_text=_(
            "Where the supplier's parent company is based. A supplier under another country's "
            "law, such as the US CLOUD Act, may be ordered to hand over data even when it is "
            "stored in the EU."
        ),
    )
    personal_data = models.CharField(
        _("personal data"),
        max_length=20,
        choices=PersonalData,
        help_text=_(
            "Whether the service processes personal data, and whether any of it is sensitive "
            "(health, ethnic origin, religion and the other special categories of GDPR art. 9)."
        ),
    )
    secrecy = models.BooleanField(
        _("information covered by secrecy (OSL)"),
        default=False,
        help_text=_(
            "Tick if the service handles information covered by secrecy under the Public Access "
            "to Information and Secrecy Act (offentlighets- och sekretesslagen), e.g. in social "
            "services or health care. Then the supplier must not be able to read it."
        ),
    )
    pub_agreement = models.CharField(
        _("PUB-avtal in place"),
        max_length=20,
        choices=Answer,
        help_text=_(
            "A data processing agreement (personuppgiftsbiträdesavtal) with the supplier is "
            "required when the supplier processes personal data on the municipality's behalf."
        ),
    )
    dpia = models.CharField(
        _("DPIA done"),
        max_length=20,
        choices=Answer,
        help_text=_(
            "A data protection impact assessment (konsekvensbedömning, GDPR art. 35) is required "
            "when the processing is likely to mean a high risk for people, which new technology "
            "such as AI often does."
        ),
    )
    risk_class = models.CharField(
        _("AI Act risk class"),
        max_length=20,
        choices=RiskClass,
        default=RiskClass.NOT_ASSESSED,
        help_text=_(
            "The class under the EU AI Act. Most services are minimal risk. Limited risk means "
            "transparency duties, e.g. telling people they talk to a chatbot. Only certain uses "
            "are high risk (Annex III), such as deciding eligibility for benefits or grading and "
            "admission in education, unless an exception in Art. 6(3) applies, e.g. a narrow "
            "preparatory task. Prohibited practices (Art. 5), such as social scoring, may not be "
            "used at all."
        ),
    )
    fundamental_rights_assessment = models.CharField(
        _("fundamental rights impact assessment made"),
        max_length=20,
        choices=Answer,
        blank=True,
        help_text=_(
            "For high-risk services only: public bodies must assess the impact on people's "
            "fundamental rights before use (AI Act Art. 27)."
        ),
    )
    human_oversight = models.TextField(
        _("human oversight"),
        blank=True,
        help_text=_(
            "How people check what the AI produces before it affects anyone, e.g. a case officer "
            "reads and corrects every generated text."
        ),
    )

    # Återanvändning
    reuse_open_source = models.BooleanField(_("open source code others can use"), default=False)
    reuse_agreement = models.BooleanField(
        _("an agreement others can join or already are party to"),
        default=False,
        help_text=_("For example a joint procurement or a framework agreement."),
    )
    reuse_instructions = models.BooleanField(
        _("instructions and prompts others can follow"), default=False
    )
    reuse_hosted = models.BooleanField(_("a hosted service others can use"), default=False)
    reuse_notes = models.TextField(
        _("how to reuse it"),
        blank=True,
        help_text=_(
            "What another municipality needs to do to use the service. Markdown works here."
        ),
    )
    website_url = models.URLField(_("link to the service or more information"), blank=True)
    source_url = models.URLField(_("link to the source code"), blank=True)
    licence = models.CharField(
        _("licence"), max_length=100, blank=True, help_text=_("e.g. EUPL-1.2 or MIT.")
    )

    # Kontakt
    owner = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("owner municipality"),
    )
    department = models.CharField(_("department"), max_length=150, blank=True)
    contacts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="service_contacts",
        verbose_name=_("contact persons"),
    )
    functional_mailbox = models.EmailField(
        _("functional mailbox"),
        blank=True,
        help_text=_("A shared address that outlives staff changes, e.g. ai@engelholm.se."),
    )
    tags = TaggableManager(
        _("tags"),
        blank=True,
        help_text=_("Words colleagues may search for, separated by commas."),
    )
    # The tag names as text, for the search index (kept current by hub.search_index).
    tag_text = models.TextField(_("tag text"), blank=True, editable=False)

    # Moderation: who and when for each step.
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT, db_index=True
    )
    status_before_archive = models.CharField(max_length=20, choices=Status, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_comment = models.TextField(_("comment from the review"), blank=True)
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

    history = kept_history(m2m_fields=[areas, contacts], excluded_fields=["tag_text"])

    objects = AIServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("AI service")
        verbose_name_plural = _("AI services")
        ordering = ["-published_at", "-created_at"]
        indexes = [
            # The list filters on status, and on each facet within the visible rows.
            models.Index(fields=["status", "-published_at"], name="service_status_published_idx"),
            # The list's default order (published_at DESC NULLS LAST) has its own index on
            # PostgreSQL, created by migration 0003: SQLite cannot index NULLS LAST.
            models.Index(fields=["owner", "status"], name="service_owner_status_idx"),
            models.Index(fields=["lifecycle"], name="service_lifecycle_idx"),
            models.Index(fields=["technique"], name="service_technique_idx"),
            models.Index(fields=["risk_class"], name="service_risk_idx"),
            models.Index(fields=["personal_data"], name="service_personal_data_idx"),
            models.Index(Lower("title"), name="service_title_lower_idx"),
        ]
        rules_permissions = {
            "view": service_rules.can_view_service,
            "add": service_rules.may_create_service,
            "change": service_rules.can_edit_service,
            "delete": service_rules.nobody,
            "submit": service_rules.can_submit_service,
            "review": service_rules.can_review_service,
            "archive": service_rules.can_archive_service,
            "restore": service_rules.can_restore_service,
            "mark_interest": service_rules.can_mark_interest,
            "mark_use": service_rules.can_mark_use,
            "report": service_rules.can_report_service,
        }

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("services:detail", kwargs={"slug": self.slug})

    @property
    def is_high_risk(self):
        return self.risk_class == self.RiskClass.HIGH

    @property
    def is_prohibited(self):
        return self.risk_class == self.RiskClass.PROHIBITED


class Adoption(RulesModel):
    """A municipality's mark on another municipality's service."""

    class Status(models.TextChoices):
        INTERESTED = "interested", _("interested")
        TESTING = "testing", _("testing")
        USING = "using", _("using")

    service = models.ForeignKey(
        AIService, on_delete=models.CASCADE, related_name="adoptions", verbose_name=_("service")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="adoptions",
        verbose_name=_("municipality"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("set by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = kept_history()

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["municipality__name"]
        constraints = [
            # One mark per service and municipality; changing it edits the row.
            models.UniqueConstraint(
                fields=["service", "municipality"], name="adoption_service_municipality_unique"
            ),
        ]
        indexes = [
            # The reuse figure counts "using" marks per service.
            models.Index(fields=["service", "status"], name="adoption_service_status_idx"),
        ]
        rules_permissions = {
            "view": service_rules.is_authenticated,
            "add": service_rules.is_moderator,
            "change": service_rules.is_moderator,
            "delete": service_rules.is_moderator,
        }

    def __str__(self):
        return f"{self.municipality} – {self.service} ({self.get_status_display()})"


def attachment_path(instance, filename):
    # A random folder: file names stay readable on download but cannot be guessed.
    return f"services/{uuid.uuid4().hex}/{PurePath(filename).name}"


class Attachment(RulesModel):
    service = models.ForeignKey(
        AIService, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("service")
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    history = kept_history()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at"]
        rules_permissions = {
            "view": service_rules.can_view_attachment,
            "add": service_rules.is_moderator,
            "change": service_rules.is_moderator,
            "delete": service_rules.nobody,
        }

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("services:attachment", kwargs={"slug": self.service.slug, "pk": self.pk})


class ErrorReportBase(RulesModel):
    """ "Rapportera fel": who saw what was wrong, and who handled it; services and pilots."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    message = models.TextField(_("what is wrong"))
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.message[:50]


class ErrorReport(ErrorReportBase):
    service = models.ForeignKey(
        AIService, on_delete=models.CASCADE, related_name="error_reports", verbose_name=_("service")
    )
    history = kept_history()

    class Meta:
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")
        ordering = ["created_at"]
        indexes = [
            # The moderation queue lists open reports, oldest first.
            models.Index(fields=["handled_at", "created_at"], name="errorreport_open_idx"),
        ]
        rules_permissions = {
            "view": service_rules.is_moderator,
            "add": service_rules.is_authenticated,
            "change": service_rules.is_moderator,
            "delete": service_rules.nobody,
        }

    def __str__(self):
        return f"{self.service}: {self.message[:50]}"
