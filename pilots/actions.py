"""Writes on pilots: registration, publication, updates, effects, handing over the lead."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from pilots.models import RESERVED_SLUGS, Pilot, PilotErrorReport
from services.actions import TransitionNotAllowed, mail_error_report

__all__ = ["TransitionNotAllowed"]

Status = Pilot.Status


def _require(pilot, *statuses):
    if pilot.status not in statuses:
        raise TransitionNotAllowed(f"{pilot} is {pilot.status}, not {statuses}")


def unique_slug(title):
    base = slugify(title)[:150] or "pilot"
    taken = set(Pilot.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken or slug in RESERVED_SLUGS:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def register_pilot(*, form, user):
    """A new pilot is a draft, and whoever registers it is its project lead."""
    pilot = form.save(commit=False)
    pilot.slug = unique_slug(pilot.title)
    pilot.lead = user
    pilot.created_by = user
    pilot.status = Status.DRAFT
    pilot.save()
    form.save_m2m()
    return pilot


@transaction.atomic
def update_pilot(*, form, user):
    return form.save()


@transaction.atomic
def publish(*, pilot, user):
    _require(pilot, Status.DRAFT)
    pilot.status = Status.PUBLISHED
    pilot.published_at = pilot.published_at or timezone.now()
    pilot._change_reason = "published"
    pilot.save()


@transaction.atomic
def unpublish(*, pilot, user):
    _require(pilot, Status.PUBLISHED)
    pilot.status = Status.DRAFT
    pilot._change_reason = "unpublished"
    pilot.save()


@transaction.atomic
def archive(*, pilot, user):
    _require(pilot, Status.DRAFT, Status.PUBLISHED)
    pilot.status = Status.ARCHIVED
    pilot.archived_by, pilot.archived_at = user, timezone.now()
    pilot._change_reason = "archived"
    pilot.save()


@transaction.atomic
def restore(*, pilot, user):
    """An archived pilot comes back as a draft, for its lead to publish again."""
    _require(pilot, Status.ARCHIVED)
    pilot.status = Status.DRAFT
    pilot._change_reason = "restored"
    pilot.save()


@transaction.atomic
def add_update(*, pilot, form, user):
    """A progress note; when it names a new phase, the pilot moves to it."""
    _require(pilot, Status.DRAFT, Status.PUBLISHED)
    update = form.save(commit=False)
    update.pilot, update.author = pilot, user
    update.save()
    if update.phase and update.phase != pilot.phase:
        pilot.phase = update.phase
        pilot._change_reason = "phase changed by an update"
        pilot.save()
    else:
        Pilot.objects.filter(pk=pilot.pk).update(updated_at=timezone.now())
    return update


@transaction.atomic
def add_effect(*, pilot, form, user):
    _require(pilot, Status.DRAFT, Status.PUBLISHED)
    effect = form.save(commit=False)
    effect.pilot, effect.author = pilot, user
    effect.save()
    return effect


@transaction.atomic
def hand_over_lead(*, pilot, new_lead, user):
    pilot.lead = new_lead
    pilot._change_reason = "lead handed over"
    pilot.save()


@transaction.atomic
def report_error(*, pilot, user, message):
    _require(pilot, Status.PUBLISHED)
    report = PilotErrorReport.objects.create(pilot=pilot, reporter=user, message=message)
    recipients = [*pilot.contacts.values_list("email", flat=True)]
    if pilot.lead:
        recipients.append(pilot.lead.email)
    transaction.on_commit(
        lambda: mail_error_report(
            title=pilot.title, url=pilot.get_absolute_url(), report=report, recipients=recipients
        )
    )
    return report
