""" "Mina uppgifter": everything the hub holds about a person, and deleting it on request.

Both walk every model with a foreign key to the user model, so that a model added later
is covered without anyone remembering to. Each reference has a policy in `POLICY`, and a
test fails for any reference without one:

- DELETE: the person's own rows (profile, memberships, e-mail addresses, authenticators,
  their being named a contact): they go with the account.
- CLEAR: work done for a municipality (a service, a pilot, an update, a reuse mark, a
  review): the row stays, the reference is emptied, and pages show "former employee".

History rows follow the row they copy: the history of a profile is deleted with the
profile, the history of a service is kept with its author cleared. Every history row's
`history_user` (who made the change) is cleared, and `history_user_deleted` set, so that
the change is shown as made by a former employee.
"""

import dataclasses
from collections import defaultdict

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.forms.models import model_to_dict
from django.utils import timezone

DELETE = "delete"
CLEAR = "clear"

POLICY = {
    # Django and allauth: the account's own rows.
    "admin.LogEntry.user": DELETE,
    "account.EmailAddress.user": DELETE,
    "mfa.Authenticator.user": DELETE,
    "municipalities.User_groups.user": DELETE,
    "municipalities.User_user_permissions.user": DELETE,
    # The ground floor.
    "municipalities.Membership.user": DELETE,
    "municipalities.Profile.user": DELETE,
    "municipalities.Municipality.contact_person": CLEAR,
    "municipalities.AccountDeletion.user": CLEAR,
    "municipalities.AccountDeletion.decided_by": CLEAR,
    # Services: being named a contact is the person's; the rest is the municipality's.
    "services.AIService_contacts.user": DELETE,
    "services.AIService.created_by": CLEAR,
    "services.AIService.submitted_by": CLEAR,
    "services.AIService.reviewed_by": CLEAR,
    "services.AIService.archived_by": CLEAR,
    "services.Adoption.set_by": CLEAR,
    "services.Attachment.uploaded_by": CLEAR,
    "services.ErrorReport.reporter": CLEAR,
    "services.ErrorReport.handled_by": CLEAR,
    # Pilots likewise.
    "pilots.Pilot_contacts.user": DELETE,
    "pilots.Pilot.lead": CLEAR,
    "pilots.Pilot.created_by": CLEAR,
    "pilots.Pilot.archived_by": CLEAR,
    "pilots.PilotUpdate.author": CLEAR,
    "pilots.Effect.author": CLEAR,
    "pilots.PilotErrorReport.reporter": CLEAR,
    "pilots.PilotErrorReport.handled_by": CLEAR,
}

# Never exported: secrets that would let someone log in as the person.
SECRET_FIELDS = {"password", "data", "secret", "key"}

# References that name the person only as the one who acted on someone else's row: who
# handled an error report, decided on a deletion request, or made a change (every history
# row's `history_user`). The export says that they did and when, not what the row holds,
# which may be another person's account, profile or words.
ACTOR_ONLY = {
    "services.ErrorReport.handled_by",
    "pilots.PilotErrorReport.handled_by",
    "municipalities.AccountDeletion.decided_by",
}
HISTORY_FIELDS = ("history_id", "history_date", "history_type", "history_change_reason")


@dataclasses.dataclass(frozen=True)
class Reference:
    model: type[models.Model]
    field: models.Field
    policy: str | None

    @property
    def label(self):
        return f"{self.model._meta.label}.{self.field.name}"

    @property
    def is_history(self):
        return _is_history(self.model)

    @property
    def actor_only(self):
        if self.field.name == "history_user":
            return True
        source = _history_source(self.model) if self.is_history else self.model
        return source is not None and f"{source._meta.label}.{self.field.name}" in ACTOR_ONLY


def _is_history(model):
    return hasattr(model, "instance_type") or model._meta.model_name.startswith("historical")


def _history_source(model):
    """For a history model, the model whose rows it copies (through tables included)."""
    instance_type = getattr(model, "instance_type", None)
    if instance_type is not None:
        return instance_type
    # A history of a many-to-many field: "HistoricalAIService_contacts" copies
    # "AIService_contacts".
    app_label = model._meta.app_label
    source_name = model._meta.object_name.removeprefix("Historical")
    for candidate in apps.get_app_config(app_label).get_models(include_auto_created=True):
        if candidate._meta.object_name.lower() == source_name.lower():
            return candidate
    return None


def _policy(model, field):
    if not _is_history(model):
        return POLICY.get(f"{model._meta.label}.{field.name}")
    if field.name == "history_user":
        return CLEAR
    source = _history_source(model)
    if source is None:
        return None
    return POLICY.get(f"{source._meta.label}.{field.name}")


def references():
    """Every concrete field of every model that points at a user, with its policy."""
    user_model = get_user_model()
    found = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is user_model:
                if field.many_to_many:
                    continue  # the through table's foreign key is walked instead
                found.append(Reference(model, field, _policy(model, field)))
    return found


def unclassified():
    return [ref.label for ref in references() if ref.policy is None]


def _rows(ref, user_pk):
    return ref.model._base_manager.filter(**{ref.field.attname: user_pk})


def _forget(ref, user_pk):
    rows = _rows(ref, user_pk)
    if ref.field.name == "history_user":
        # Someone made these changes: pages say "former employee", not nothing.
        rows.update(history_user=None, history_user_deleted=True)
    elif ref.policy == CLEAR:
        rows.update(**{ref.field.attname: None})
    else:
        rows.delete()


# --- the export


def _plain(row, user):
    """A row as a dict of its own fields; other people are left out, secrets too."""
    user_model = get_user_model()
    values = {}
    for field in row._meta.concrete_fields:
        if field.name in SECRET_FIELDS:
            continue
        value = getattr(row, field.attname)
        if field.is_relation and field.related_model is user_model:
            value = "me" if value == user.pk else None
        elif isinstance(field, models.FileField):
            value = value.name if value else ""
        values[field.name] = value
    return values


def _about(row, user):
    """Whether the row names the person other than as the one who acted on it."""
    return any(
        getattr(row, field.attname) == user.pk
        for field in row._meta.concrete_fields
        if field.is_relation
        and field.related_model is get_user_model()
        and not Reference(type(row), field, None).actor_only
    )


def _action(row):
    """That the person acted on a row, and when: the row's id, dates and kind of change."""
    return {
        field.name: getattr(row, field.attname)
        for field in row._meta.concrete_fields
        if field.name in HISTORY_FIELDS
        or field.name == "id"
        or isinstance(field, models.DateField)  # date-times too
    }


def export(user):
    """Everything the hub holds about `user`, as a dict ready for JSON."""
    profile = getattr(user, "profile", None)
    data = {
        "exported_at": timezone.now(),
        "account": {
            "email": user.email,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "is_active": user.is_active,
        },
        "profile": None,
        "memberships": [
            {
                "municipality": membership.municipality.name,
                "role": membership.role,
                "since": membership.created_at,
            }
            for membership in user.memberships.select_related("municipality")
        ],
        "records": {},
        "history": {},
    }
    if profile is not None:
        data["profile"] = {
            **model_to_dict(profile, exclude=["id", "user", "competences", "areas"]),
            "competences": [c.name for c in profile.competences.all()],
            "areas": [a.name for a in profile.areas.all()],
        }
    data["history"]["municipalities.User"] = [
        _plain(row, user) for row in user.history.order_by("history_date")
    ]
    for ref in references():
        rows = [
            _action(row) if ref.actor_only and not _about(row, user) else _plain(row, user)
            for row in _rows(ref, user.pk).order_by("pk")
        ]
        if rows:
            section = data["history"] if ref.is_history else data["records"]
            section.setdefault(ref.model._meta.label, {})[ref.field.name] = rows
    return data


# --- deletion


def needs_approval():
    return settings.HUB_ACCOUNT_DELETION_NEEDS_APPROVAL


def _kept(user):
    """How many records of each kind stay with the municipality when `user` goes."""
    from municipalities.models import AccountDeletion as deletion_model

    kept = defaultdict(set)
    for ref in references():
        # The deletion's own record is not something the person made.
        if ref.policy == CLEAR and not ref.is_history and ref.model is not deletion_model:
            kept[ref.model._meta.label] |= set(_rows(ref, user.pk).values_list("pk", flat=True))
    return {label: len(pks) for label, pks in sorted(kept.items()) if pks}


@transaction.atomic
def delete_account(*, user, decided_by=None):
    """Delete the person's account and profile; what they made stays, author cleared.

    Returns the AccountDeletion row that records that it happened.
    """
    from municipalities.models import AccountDeletion

    membership = user.primary_membership
    deletion = AccountDeletion.objects.filter(
        user=user, status=AccountDeletion.Status.REQUESTED
    ).first() or AccountDeletion(user=user)
    deletion.municipality = membership.municipality if membership else None
    deletion.kept = _kept(user)
    deletion.status = AccountDeletion.Status.DELETED
    deletion.decided_by = decided_by if decided_by != user else None
    deletion.decided_at = timezone.now()
    deletion.save()

    refs = references()
    # Rows of the person's own go first, then the account; history last, because deleting
    # a profile or membership writes one more history row that names the person.
    user_pk = user.pk
    for ref in refs:
        if not ref.is_history:
            _forget(ref, user_pk)
    for ref in refs:
        if ref.field.name == "history_user":
            _forget(ref, user_pk)  # before the account goes, which would empty them unmarked
    user.delete()
    for ref in refs:
        if ref.is_history:
            _forget(ref, user_pk)
    get_user_model().history.filter(id=user_pk).delete()
    deletion.refresh_from_db()
    return deletion
