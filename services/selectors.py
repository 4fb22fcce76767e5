"""Reads of services that more than one page needs; all through `visible_to`."""

from collections import defaultdict

from django.db.models import Count, F, Prefetch
from django.db.models.functions import Lower

from hub.links import WorkLink, slug_urls
from municipalities.models import User
from services.models import Adoption, AIService, Attachment, ErrorReport


def newest_published(user, limit=5):
    return (
        AIService.objects.visible_to(user).published().for_cards().order_by("-published_at")[:limit]
    )


def unpublished_of_my_municipalities(user):
    """Drafts and services in review of the municipalities the user edits for."""
    from municipalities.roles import EDITING_ROLES

    editing = [muni for muni, role in user.roles.items() if role in EDITING_ROLES]
    return (
        AIService.objects.visible_to(user)
        .filter(owner_id__in=editing, status__in=[AIService.Status.DRAFT, AIService.Status.REVIEW])
        .select_related("owner")
        .order_by("-updated_at")
    )


def _with_contacts_and_marks(user):
    """Who created, submitted, reviewed or archived a service is not read: its history
    names them, and joining their four users and profiles tripled the time PostgreSQL
    spent planning the query."""
    contacts = User.objects.select_related("profile")
    return (
        AIService.objects.visible_to(user)
        .select_related("owner", "supplier")
        .prefetch_related(
            Prefetch("contacts", queryset=contacts),
            Prefetch(
                "adoptions",
                queryset=Adoption.objects.select_related("municipality"),  # who set it: not shown
            ),
        )
        .with_reuse_count()
    )


def service_for_detail(user, slug):
    """The service with everything its forms and workflow steps use."""
    return (
        _with_contacts_and_marks(user)
        .prefetch_related("areas", "tags", Prefetch("attachments", queryset=current_attachments()))
        .get(slug=slug)
    )


def service_for_page(user, slug):
    """The service with what its page shows on every view: contacts and reuse marks.

    The page's main part (areas, tags, attachments, the description) and its history are
    kept as rendered (docs/decisions/0008), and read only when they are rendered again.
    """
    return _with_contacts_and_marks(user).get(slug=slug)


def current_attachments():
    """Attachments not removed (a removed one stays, for a moderator to put back)."""
    return Attachment.objects.filter(removed_at__isnull=True)


def municipalities_with_pub_agreement(user, service):
    """Other municipalities whose visible services use the same supplier with a PUB-avtal."""
    if service.supplier_id is None:
        return []
    return list(
        AIService.objects.visible_to(user)
        .filter(supplier_id=service.supplier_id, pub_agreement=AIService.Answer.YES)
        .exclude(pk=service.pk)
        .values_list("owner__name", flat=True)
        .distinct()
        .order_by("owner__name")
    )


def in_review(user):
    return (
        AIService.objects.visible_to(user)
        .filter(status=AIService.Status.REVIEW)
        .select_related("owner", "submitted_by__profile")
        .order_by("submitted_at")
    )


def open_error_reports(user):
    visible = AIService.objects.visible_to(user)
    return (
        ErrorReport.objects.filter(handled_at__isnull=True, service__in=visible)
        .select_related("service", "reporter__profile")
        .order_by("created_at")
    )


# --- for the people and municipality pages


def current(user):
    """The services the people and municipality pages link to: visible, not archived."""
    return AIService.objects.visible_to(user).exclude(status=AIService.Status.ARCHIVED)


def contact_for(user, people_ids):
    """The visible, unarchived services each person is a contact for: {user id: [links]}.

    Plain rows, not model instances: a page of 24 people names a hundred services, and
    building a service and its owner for each cost more than the query.
    """
    through = AIService.contacts.through
    rows = (
        through.objects.filter(user_id__in=people_ids, aiservice__in=current(user))
        .order_by(Lower("aiservice__title"))
        .values_list("user_id", "aiservice__title", "aiservice__slug", "aiservice__owner__name")
    )
    url = slug_urls("services:detail")
    found = defaultdict(list)
    for person, title, slug, owner in rows:
        found[person].append(WorkLink(title=title, url=url(slug), municipality=owner))
    return found


def of_municipality(user, municipality):
    return current(user).filter(owner=municipality).for_cards().order_by(Lower("title"))


def published_counts():
    """Published services per owner municipality id."""
    return dict(
        AIService.objects.published().values_list("owner").annotate(n=Count("pk")).order_by()
    )


def _reuse_marks():
    """Marks on published services by municipalities other than the owner."""
    return Adoption.objects.filter(service__status=AIService.Status.PUBLISHED).exclude(
        municipality=F("service__owner")
    )


def adoption_counts():
    """({municipality id: marks it gave}, {municipality id: marks its services received})."""
    marks = _reuse_marks().order_by()
    given = dict(marks.values_list("municipality").annotate(n=Count("pk")))
    received = dict(marks.values_list("service__owner").annotate(n=Count("pk")))
    return given, received


def reuse_of(municipality):
    """(others' marks on its services, its marks on others' services), published only."""
    marks = _reuse_marks().select_related("service__owner", "municipality")
    received = marks.filter(service__owner=municipality).order_by(
        Lower("service__title"), "municipality__name"
    )
    given = marks.filter(municipality=municipality).order_by(Lower("service__title"))
    return list(received), list(given)
