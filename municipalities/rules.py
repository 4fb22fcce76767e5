"""Role predicates every app builds on.

Each predicate answers for one user and, where it takes one, one object. Anonymous users
get False early. Views, templates and admin check them through ``user.has_perm``; nothing
tests a role inline.
"""

import rules

from municipalities.roles import EDITING_ROLES, Role

is_authenticated = rules.is_authenticated
nobody = rules.always_deny


def _municipality_id(target):
    """Accept a municipality, its id, or anything that belongs to one through `municipality`."""
    if target is None or isinstance(target, int):
        return target
    if hasattr(target, "municipality_id"):
        return target.municipality_id
    return target.pk


@rules.predicate
def is_moderator(user):
    return user.is_authenticated and user.is_moderator


@rules.predicate
def is_member_of(user, municipality):
    if not user.is_authenticated:
        return False
    return _municipality_id(municipality) in user.roles


@rules.predicate
def is_editor_of(user, municipality):
    if not user.is_authenticated:
        return False
    return user.roles.get(_municipality_id(municipality)) in EDITING_ROLES


@rules.predicate
def is_municipality_admin(user, municipality):
    if not user.is_authenticated:
        return False
    return user.roles.get(_municipality_id(municipality)) == Role.ADMIN


@rules.predicate
def is_admin_of_any_municipality(user):
    return user.is_authenticated and Role.ADMIN in user.roles.values()


@rules.predicate
def administers_membership(user, membership):
    """A municipality admin manages the memberships of their own municipality."""
    if membership is None:
        return is_admin_of_any_municipality(user)
    return is_municipality_admin(user, membership)


@rules.predicate
def owns_profile(user, profile):
    return user.is_authenticated and profile is not None and profile.user_id == user.pk


@rules.predicate
def is_self(user, person):
    return user.is_authenticated and person is not None and person.pk == user.pk


@rules.predicate
def is_listed(user, person):
    """In the people directory: chose to be listed, and may still log in."""
    profile = getattr(person, "profile", None)
    return bool(person.is_active and profile and profile.listed and person.roles)


@rules.predicate
def administers_person(user, person):
    """A municipality admin of one of the person's municipalities."""
    if not user.is_authenticated or person is None:
        return False
    mine = {muni for muni, role in user.roles.items() if role == Role.ADMIN}
    return any(muni in mine for muni, _role, _active in person._membership_rows)


# A person's page: the listed are found by all; the unlisted only by themselves, their
# municipality admins and the moderators (everyone else gets 404, not 403).
rules.add_perm(
    "municipalities.view_person",
    is_authenticated & (is_listed | is_self | is_moderator | administers_person),
)

# Django admin is the moderators' and operations' workplace.
rules.add_perm("hub.use_admin", is_moderator | rules.is_superuser)
rules.add_perm("hub.moderate", is_moderator | rules.is_superuser)
