"""The ground floor: users, municipalities, memberships, profiles and areas.

This module imports no other app's models; every other app builds on it.
"""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from municipalities import rules as hub_rules
from municipalities.roles import Role

MODERATORS_GROUP = "Moderatorer"


class HistoryRow(models.Model):
    """What the hub adds to every history row that simple-history keeps.

    When a person deletes their account, `history_user` on the changes they made is
    emptied; `history_user_deleted` remembers that someone did make the change, so that a
    page says "former employee" rather than nothing, as for a change made by the system.
    """

    history_user_deleted = models.BooleanField(default=False, editable=False)

    class Meta:
        abstract = True


def kept_history(**options):
    """The history of a model's rows: who changed what and when (django-simple-history)."""
    return HistoricalRecords(bases=[HistoryRow], **options)


class UserQuerySet(models.QuerySet):
    def in_active_municipality(self):
        """People who may use the hub: active, with a membership of a municipality taking part."""
        memberships = Membership.objects.filter(user=OuterRef("pk"), municipality__active=True)
        return self.filter(is_active=True).filter(Exists(memberships))

    def listed(self):
        """The people directory: those who chose to be listed, and only while they may log in.

        Every list, count, facet and search of people goes through this.
        """
        return self.in_active_municipality().filter(profile__listed=True)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def normalize_email(self, email):
        return (email or "").strip().lower()

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with their e-mail address; there is no username."""

    email = models.EmailField(_("e-mail address"), unique=True)
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Whether the user can log into Django admin."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Unselect this instead of deleting accounts of people who have left."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Who deactivated or reactivated an account, and when; never the password.
    history = kept_history(excluded_fields=["password", "last_login"])

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # Logins are case-insensitive, so two spellings of one address must not coexist.
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.__class__.objects.normalize_email(self.email)
        if set(kwargs.get("update_fields") or ()) == {"last_login"}:
            # A login is not a change to the account: no history row for it.
            self.skip_history_when_saving = True
        try:
            super().save(*args, **kwargs)
        finally:
            self.__dict__.pop("skip_history_when_saving", None)

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name

    @property
    def display_name(self):
        """The profile's name (read along with the user where the query asked for it)."""
        profile = getattr(self, "profile", None)
        if profile and profile.display_name:
            return profile.display_name
        return self.email

    @cached_property
    def _memberships(self):
        """The person's memberships with their municipalities, read once per request."""
        if not self.pk:
            return []
        return list(
            self.memberships.select_related("municipality").order_by("-municipality__active", "pk")
        )

    @property
    def _membership_rows(self) -> list[tuple[int, str, bool]]:
        return [(m.municipality_id, m.role, m.municipality.active) for m in self._memberships]

    @property
    def roles(self) -> dict[int, str]:
        """Role per municipality id, in active municipalities only; read once per request."""
        return {muni: role for muni, role, active in self._membership_rows if active}

    @cached_property
    def is_moderator(self) -> bool:
        # The authentication backend reads this along with the user (backends.py).
        flag = self.__dict__.get("moderator_flag")
        if flag is None:
            flag = self.groups.filter(name=MODERATORS_GROUP).exists()
        return self.is_active and flag

    def membership_in(self, municipality_id):
        """The person's membership of that municipality (from what the request read), or None."""
        return next((m for m in self._memberships if m.municipality_id == municipality_id), None)

    @property
    def primary_membership(self):
        """The first membership of an active municipality, else the first of any."""
        return self._memberships[0] if self._memberships else None

    @property
    def is_locked_out(self) -> bool:
        """Only members of a municipality that takes part may use the hub.

        That is, someone whose every municipality has left, or whose membership was removed
        when they left their job. Superusers and moderators run the hub and are exempt.
        """
        if self.is_superuser or self.is_moderator:
            return False
        return not self.roles

    @property
    def requires_mfa(self) -> bool:
        return self.is_superuser or self.is_moderator or Role.ADMIN in self.roles.values()


class ActiveQuerySet(models.QuerySet):
    """For records that are retired by unticking `active` rather than deleted."""

    def active(self):
        return self.filter(active=True)


class Municipality(RulesModel):
    """A member municipality of Familjen Helsingborg."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    code = models.CharField(
        _("municipality code"),
        max_length=4,
        unique=True,
        help_text=_("The four-digit kommunkod from Statistics Sweden, e.g. 1292."),
    )
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(
        _("contact for AI questions"),
        blank=True,
        help_text=_("A functional mailbox for colleagues' AI questions, e.g. ai@engelholm.se."),
    )
    contact_person = models.ForeignKey(
        "User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact person for AI questions"),
    )
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_(
            "Unselect when the municipality leaves the collaboration: its members can no "
            "longer sign up or log in, and its content stays."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = kept_history()

    objects = ActiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        rules_permissions = {
            "view": hub_rules.is_authenticated,
            "add": hub_rules.is_moderator,
            "change": hub_rules.is_moderator,
            "delete": hub_rules.nobody,
            "manage_members": hub_rules.is_moderator | hub_rules.is_municipality_admin,
        }

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("municipality_detail", args=[self.slug])


class EmailDomain(RulesModel):
    """An e-mail domain whose addresses may sign up as members of the municipality."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="domains",
        verbose_name=_("municipality"),
    )
    domain = models.CharField(
        _("e-mail domain"),
        max_length=253,
        unique=True,
        help_text=_(
            "Exactly the part after @, e.g. helsingborg.se. Add subdomains as domains of their own."
        ),
    )
    history = kept_history()

    class Meta:
        verbose_name = _("e-mail domain")
        verbose_name_plural = _("e-mail domains")
        ordering = ["domain"]
        rules_permissions = {
            "view": hub_rules.is_moderator,
            "add": hub_rules.is_moderator,
            "change": hub_rules.is_moderator,
            "delete": hub_rules.is_moderator,
        }

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower().lstrip("@")
        super().save(*args, **kwargs)


class Membership(RulesModel):
    """A user's role in one municipality, like CKAN's organisation members."""

    Role = Role

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("municipality"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.MEMBER)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = kept_history()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["municipality__name", "user__email"]
        constraints = [
            # One role per person and municipality; a change of role edits the row.
            models.UniqueConstraint(
                fields=["user", "municipality"], name="membership_user_municipality_unique"
            ),
        ]
        indexes = [
            # Member lists and role lookups filter by municipality and role.
            models.Index(fields=["municipality", "role"], name="membership_muni_role_idx"),
        ]
        rules_permissions = {
            "view": hub_rules.is_moderator | hub_rules.administers_membership,
            "add": hub_rules.is_moderator | hub_rules.administers_membership,
            "change": hub_rules.is_moderator | hub_rules.administers_membership,
            "delete": hub_rules.is_moderator | hub_rules.administers_membership,
        }

    def __str__(self):
        return f"{self.user} – {self.municipality} ({self.get_role_display()})"


class Competence(RulesModel):
    """An AI competence a person can name: a shared vocabulary that moderators keep.

    People may add words of their own; those are not `curated` until a moderator takes
    them into the vocabulary that the profile form offers everyone.
    """

    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=False)
    curated = models.BooleanField(
        _("in the shared vocabulary"),
        default=False,
        help_text=_("Offered to everyone on the profile form. Added words start outside it."),
    )
    history = kept_history()

    class Meta:
        verbose_name = _("AI competence")
        verbose_name_plural = _("AI competences")
        ordering = ["name"]
        constraints = [
            # "Språkmodeller" and "språkmodeller" are one competence.
            models.UniqueConstraint(Lower("name"), name="competence_name_ci_unique"),
        ]
        rules_permissions = {
            "view": hub_rules.is_authenticated,
            "add": hub_rules.is_moderator,
            "change": hub_rules.is_moderator,
            "delete": hub_rules.nobody,
        }

    def __str__(self):
        return self.name


class Profile(RulesModel):
    """What colleagues see of a person, and whether the person wants to be found."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="profile", verbose_name=_("user")
    )
    display_name = models.CharField(_("name"), max_length=150, blank=True)
    title = models.CharField(_("title"), max_length=150, blank=True)
    department = models.CharField(
        _("department"),
        max_length=150,
        blank=True,
        help_text=_("Your förvaltning or unit, e.g. Lärande och familj."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    bio = models.TextField(
        _("about me"),
        max_length=1000,
        blank=True,
        help_text=_("A few sentences on what you work with and what you know about AI."),
    )
    competences = models.ManyToManyField(
        Competence, blank=True, related_name="profiles", verbose_name=_("AI competences")
    )
    areas = models.ManyToManyField(
        "Area", blank=True, related_name="profiles", verbose_name=_("areas")
    )
    listed = models.BooleanField(
        _("listed in the people directory"),
        null=True,
        default=None,
        help_text=_("Empty until the person has answered the question."),
    )
    contactable = models.BooleanField(
        _("happy to be contacted"),
        default=False,
        help_text=_("Colleagues may contact me about my AI competences."),
    )
    # The competences' names as text, for the search index (kept current by hub.search_index).
    competence_text = models.TextField(_("competence text"), blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = kept_history(excluded_fields=["competence_text"])

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        ordering = ["display_name"]
        indexes = [
            # The people directory lists only those who chose to be listed, by name: the
            # directory's first page reads 24 rows of this index, not every profile.
            models.Index(
                Lower("display_name"),
                F("user"),
                name="profile_listed_name_idx",
                condition=Q(listed=True),
            ),
        ]
        rules_permissions = {
            "view": hub_rules.is_authenticated,
            "add": hub_rules.is_moderator,
            "change": hub_rules.is_moderator | hub_rules.owns_profile,
            "delete": hub_rules.nobody,
        }

    def __str__(self):
        return self.display_name or self.user.email


class Area(RulesModel):
    """A verksamhetsområde: the shared taxonomy that services and pilots are filed under."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Unselect to retire the area; records filed under it keep it."),
    )
    history = kept_history()

    objects = ActiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["position", "name"]
        rules_permissions = {
            "view": hub_rules.is_authenticated,
            "add": hub_rules.is_moderator,
            "change": hub_rules.is_moderator,
            "delete": hub_rules.nobody,
        }

    def __str__(self):
        return self.name


class AccountDeletion(RulesModel):
    """That an account was deleted on its owner's request, or is waiting to be.

    What remains after the deletion names nobody: the municipality, the dates, who
    approved it, and how many records stayed with the municipality.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", _("waiting for approval")
        DELETED = "deleted", _("deleted")
        REFUSED = "refused", _("refused")
        WITHDRAWN = "withdrawn", _("withdrawn")

    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deletion_requests",
        verbose_name=_("user"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="account_deletions",
        verbose_name=_("municipality"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.REQUESTED, db_index=True
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason for refusal"), blank=True)
    kept = models.JSONField(
        _("records kept"),
        default=dict,
        blank=True,
        help_text=_("How many records of each kind stayed with the municipality."),
    )
    history = kept_history()

    class Meta:
        verbose_name = _("account deletion")
        verbose_name_plural = _("account deletions")
        ordering = ["-requested_at"]
        rules_permissions = {
            "view": hub_rules.is_moderator,
            "add": hub_rules.nobody,
            "change": hub_rules.nobody,
            "delete": hub_rules.nobody,
        }

    @property
    def kept_labels(self):
        """[(kind of record, how many)], named in the reader's language."""
        from django.apps import apps

        labels = []
        for label, count in sorted(self.kept.items()):
            try:
                model = apps.get_model(label)
            except LookupError:
                continue
            labels.append((model._meta.verbose_name_plural, count))
        return labels

    def __str__(self):
        municipality = self.municipality.name if self.municipality_id else "–"
        return f"{municipality} {self.requested_at:%Y-%m-%d} ({self.get_status_display()})"
