"""Who may do what with a pilot. Predicates take (user, pilot); see municipalities/rules.py."""

import rules

from municipalities.roles import EDITING_ROLES
from municipalities.rules import is_authenticated, is_editor_of, is_moderator, nobody

__all__ = ["is_authenticated", "is_moderator", "nobody"]

# Pilot.Status values; models.py imports this module, so it cannot import them back.
DRAFT, PUBLISHED, ARCHIVED = "draft", "published", "archived"


@rules.predicate
def is_lead(user, pilot):
    return user.is_authenticated and pilot is not None and pilot.lead_id == user.pk


@rules.predicate
def is_lead_municipality_editor(user, pilot):
    return pilot is not None and is_editor_of(user, pilot.lead_municipality_id)


@rules.predicate
def is_participant_editor(user, pilot):
    """An editor or admin of a participating municipality (participants are prefetched)."""
    if pilot is None or not user.is_authenticated:
        return False
    participating = {m.pk for m in pilot.participants.all()}
    return any(muni in participating and role in EDITING_ROLES for muni, role in user.roles.items())


@rules.predicate
def is_member_of_a_municipality(user):
    return user.is_authenticated and bool(user.roles)


@rules.predicate
def is_published(user, pilot):
    return pilot is not None and pilot.status == PUBLISHED


@rules.predicate
def is_draft(user, pilot):
    return pilot is not None and pilot.status == DRAFT


@rules.predicate
def is_archived(user, pilot):
    return pilot is not None and pilot.status == ARCHIVED


is_responsible = is_lead | is_lead_municipality_editor

can_view_pilot = is_moderator | (is_authenticated & is_published) | is_responsible
can_edit_pilot = (is_responsible & ~is_archived) | is_moderator
can_publish_pilot = (is_responsible | is_moderator) & is_draft
can_unpublish_pilot = is_moderator & is_published
can_archive_pilot = is_moderator & ~is_archived
can_restore_pilot = is_moderator & is_archived
can_post_update = (is_responsible | is_participant_editor | is_moderator) & ~is_archived
can_add_effect = (is_responsible | is_moderator) & ~is_archived
can_hand_over_lead = (is_responsible | is_moderator) & ~is_archived
can_report_pilot = is_authenticated & is_published
