"""Writes that touch several rows of the ground floor."""

from django.db import transaction

from municipalities.models import Membership, Municipality, Profile, User


@transaction.atomic
def join_municipality(*, user: User, municipality: Municipality) -> Membership:
    """Make a new user a member of the municipality their e-mail address belongs to."""
    Profile.objects.get_or_create(user=user)
    membership, _created = Membership.objects.get_or_create(
        user=user, municipality=municipality, defaults={"role": Membership.Role.MEMBER}
    )
    return membership
