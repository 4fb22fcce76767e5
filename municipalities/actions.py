"""Writes that touch several rows of the ground floor.

Each write that someone does to someone else is recorded with who and when: in the
row's history, with the actor as its user and a change reason that names the step.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.mail import absolute, moderator_emails, send
from municipalities import personal_data
from municipalities.models import AccountDeletion, Membership, Municipality, Profile, User
from municipalities.roles import Role


@transaction.atomic
def join_municipality(*, user: User, municipality: Municipality) -> Membership:
    """Make a new user a member of the municipality their e-mail address belongs to."""
    Profile.objects.get_or_create(user=user)
    membership, _created = Membership.objects.get_or_create(
        user=user, municipality=municipality, defaults={"role": Membership.Role.MEMBER}
    )
    return membership


# --- a municipality's members, managed by its admins and the moderators


def _other_active_admins(membership):
    return (
        Membership.objects.filter(
            municipality_id=membership.municipality_id, role=Role.ADMIN, user__is_active=True
        )
        .exclude(pk=membership.pk)
        .exists()
    )


def _lock_admins_of(municipality_id):
    """Role changes, removals and deactivations in one municipality wait for each other,
    so that two admins demoting each other at the same moment cannot both succeed."""
    Municipality.objects.select_for_update().filter(pk=municipality_id).exists()


def guard_last_admin(membership):
    """Refuse what would leave the membership's municipality without an active admin."""
    is_admin = membership.role == Role.ADMIN and membership.user.is_active
    if is_admin and not _other_active_admins(membership):
        raise ValidationError(
            _(
                "%(name)s is the only municipality admin of %(municipality)s. Make someone "
                "else admin first, so that the municipality is not left without one."
            )
            % {"name": membership.user.display_name, "municipality": membership.municipality},
            code="last_admin",
        )


def _record(obj, by, reason):
    obj._history_user = by
    obj._change_reason = reason
    obj.save()


@transaction.atomic
def change_role(*, membership: Membership, role: str, by: User) -> Membership:
    _lock_admins_of(membership.municipality_id)
    membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    if role == membership.role:
        return membership
    if role != Role.ADMIN:
        guard_last_admin(membership)
    membership.role = role
    _record(membership, by, "role changed")
    return membership


def _guard_deactivation(membership, by):
    person = membership.user
    if person == by:
        raise ValidationError(
            _("You cannot deactivate your own account. Ask another admin or a moderator."),
            code="self",
        )
    if (person.is_staff or person.is_superuser or person.is_moderator) and not by.is_superuser:
        raise ValidationError(
            _("%(name)s runs the hub; only operations can deactivate that account.")
            % {"name": person.display_name},
            code="staff",
        )
    elsewhere = person.memberships.exclude(municipality_id=membership.municipality_id)
    if elsewhere.exists() and not by.has_perm("hub.moderate"):
        raise ValidationError(
            _(
                "%(name)s is also a member of another municipality. Remove the membership of "
                "%(municipality)s instead; a moderator can deactivate the account."
            )
            % {"name": person.display_name, "municipality": membership.municipality},
            code="elsewhere",
        )
    guard_last_admin(membership)


@transaction.atomic
def deactivate_member(*, membership: Membership, by: User) -> User:
    """A leaver can no longer log in; what they made stays, and the membership is kept."""
    _lock_admins_of(membership.municipality_id)
    membership = Membership.objects.select_related("user", "municipality").get(pk=membership.pk)
    person = User.objects.select_for_update().get(pk=membership.user_id)
    membership.user = person
    if not person.is_active:
        return person
    _guard_deactivation(membership, by)
    person.is_active = False
    _record(person, by, "deactivated")
    return person


@transaction.atomic
def reactivate_member(*, membership: Membership, by: User) -> User:
    person = User.objects.select_for_update().get(pk=membership.user_id)
    if person.is_active:
        return person
    person.is_active = True
    _record(person, by, "reactivated")
    return person


@transaction.atomic
def remove_membership(*, membership: Membership, by: User) -> None:
    _lock_admins_of(membership.municipality_id)
    membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    guard_last_admin(membership)
    membership._history_user = by
    membership._change_reason = "removed"
    membership.delete()


# --- "Mina uppgifter": deleting one's own account


def admin_roles_of(user: User):
    """The person's admin memberships in municipalities taking part."""
    return user.memberships.filter(role=Role.ADMIN, municipality__active=True).select_related(
        "user", "municipality"
    )


def guard_account_deletion(user: User) -> None:
    """A municipality's only admin hands the role on before their account goes."""
    for membership in admin_roles_of(user):
        _lock_admins_of(membership.municipality_id)
        guard_last_admin(membership)


@transaction.atomic
def request_account_deletion(*, user: User) -> AccountDeletion:
    """Delete the account now, or, where a moderator must approve, ask one to."""
    guard_account_deletion(user)
    if not personal_data.needs_approval():
        email = user.email
        deletion = personal_data.delete_account(user=user)
        transaction.on_commit(lambda: send("municipalities/email/account_deleted", {}, [email]))
        return deletion
    membership = user.primary_membership
    deletion, created = AccountDeletion.objects.get_or_create(
        user=user,
        status=AccountDeletion.Status.REQUESTED,
        defaults={"municipality": membership.municipality if membership else None},
    )
    if created:
        context = {"deletion": deletion, "queue_url": absolute(reverse("moderation"))}
        transaction.on_commit(
            lambda: send("municipalities/email/deletion_requested", context, moderator_emails())
        )
    return deletion


@transaction.atomic
def withdraw_account_deletion(*, user: User) -> None:
    for deletion in AccountDeletion.objects.filter(
        user=user, status=AccountDeletion.Status.REQUESTED
    ):
        deletion.status = AccountDeletion.Status.WITHDRAWN
        deletion.decided_at = timezone.now()
        _record(deletion, user, "withdrawn")


@transaction.atomic
def approve_account_deletion(*, deletion: AccountDeletion, by: User) -> AccountDeletion:
    deletion = AccountDeletion.objects.select_for_update().get(pk=deletion.pk)
    if deletion.status != AccountDeletion.Status.REQUESTED or deletion.user is None:
        raise ValidationError(_("This request has already been decided."), code="decided")
    person = deletion.user
    guard_account_deletion(person)
    email = person.email
    deletion = personal_data.delete_account(user=person, decided_by=by)
    transaction.on_commit(lambda: send("municipalities/email/account_deleted", {}, [email]))
    return deletion


@transaction.atomic
def refuse_account_deletion(*, deletion: AccountDeletion, by: User, reason: str) -> None:
    deletion = (
        AccountDeletion.objects.select_for_update(of=("self",))
        .select_related("user")
        .get(pk=deletion.pk)
    )
    if deletion.status != AccountDeletion.Status.REQUESTED:
        raise ValidationError(_("This request has already been decided."), code="decided")
    deletion.status = AccountDeletion.Status.REFUSED
    deletion.decided_by = by
    deletion.decided_at = timezone.now()
    deletion.reason = reason
    _record(deletion, by, "refused")
    if deletion.user is not None:
        context = {"deletion": deletion, "url": absolute(reverse("my_data"))}
        email = deletion.user.email
        transaction.on_commit(
            lambda: send("municipalities/email/deletion_refused", context, [email])
        )
