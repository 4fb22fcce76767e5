"""Who may do what with a service. Predicates take (user, service); see municipalities/rules.py."""

import rules

from municipalities.roles import EDITING_ROLES
from municipalities.rules import is_authenticated, is_editor_of, is_moderator, nobody

__all__ = ["is_authenticated", "is_moderator", "nobody"]

# AIService.Status values; models.py imports this module, so it cannot import them back.
DRAFT, REVIEW, PUBLISHED, ARCHIVED = "draft", "review", "published", "archived"


@rules.predicate
def is_owner_editor(user, service):
    """An editor or admin of the municipality that owns the service."""
    return service is not None and is_editor_of(user, service.owner_id)


@rules.predicate
def may_create_service(user):
    """Editors and admins create services for their own municipality."""
    return user.is_authenticated and any(role in EDITING_ROLES for role in user.roles.values())


@rules.predicate
def is_published(user, service):
    return service is not None and service.status == PUBLISHED


@rules.predicate
def is_in_draft(user, service):
    return service is not None and service.status == DRAFT


@rules.predicate
def is_in_review(user, service):
    return service is not None and service.status == REVIEW


@rules.predicate
def is_archived(user, service):
    return service is not None and service.status == ARCHIVED


@rules.predicate
def is_prohibited(user, service):
    return service is not None and service.is_prohibited


@rules.predicate
def belongs_to_another_municipality(user, service):
    return (
        user.is_authenticated
        and service is not None
        and any(muni != service.owner_id for muni in user.roles)
    )


@rules.predicate
def edits_for_another_municipality(user, service):
    return (
        user.is_authenticated
        and service is not None
        and any(
            muni != service.owner_id and role in EDITING_ROLES for muni, role in user.roles.items()
        )
    )


can_view_service = is_moderator | (is_authenticated & is_published) | is_owner_editor
can_edit_service = is_moderator | (is_owner_editor & ~is_archived)
can_submit_service = (is_owner_editor | is_moderator) & is_in_draft & ~is_prohibited
can_review_service = is_moderator & is_in_review
can_archive_service = (is_owner_editor | is_moderator) & ~is_archived
can_restore_service = is_moderator & is_archived
# Any member of another municipality may say it is interested; "testing" and "using" are
# the word of that municipality's editors and admins.
can_mark_interest = is_published & belongs_to_another_municipality
can_mark_use = is_published & edits_for_another_municipality
can_report_service = is_authenticated & is_published


@rules.predicate
def can_view_attachment(user, attachment):
    """An attachment is as visible as its service, and gone once removed."""
    if attachment is None:
        return False
    return attachment.removed_at is None and can_view_service.test(user, attachment.service)
