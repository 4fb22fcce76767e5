"""Writes on services: the moderation workflow, reuse marks and error reports.

Each function checks that the service is in a state where the step makes sense and raises
TransitionNotAllowed otherwise, changing nothing; views check who may do it (has_perm).
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from hub.mail import absolute, moderator_emails, send
from services.models import RESERVED_SLUGS, Adoption, AIService, ErrorReport
from services.selectors import current_attachments

Status = AIService.Status


class TransitionNotAllowed(Exception):
    pass


def _require(service, *statuses):
    if service.status not in statuses:
        raise TransitionNotAllowed(f"{service} is {service.status}, not {statuses}")


def unique_slug(title, *, exclude_pk=None):
    """A slug from the title that no other service and no fixed path has taken."""
    base = slugify(title)[:150] or "tjanst"
    slug, n = base, 2
    taken = AIService.objects.exclude(pk=exclude_pk).filter(slug__startswith=base)
    taken = set(taken.values_list("slug", flat=True))
    while slug in taken or slug in RESERVED_SLUGS:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_service(*, form, user):
    service = form.save(commit=False)
    service.slug = unique_slug(service.title)
    service.created_by = user
    service.status = Status.DRAFT
    service.save()
    form.save_m2m()
    return service


@transaction.atomic
def update_service(*, form, user):
    """Edits keep the status: a published service stays published; history records it.

    The exception: a service now classed as a prohibited practice cannot stay published or
    in review, so it goes back to draft.
    """
    service = form.save(commit=False)
    if service.is_prohibited and service.status in (Status.PUBLISHED, Status.REVIEW):
        service.status = Status.DRAFT
        service._change_reason = "unpublished"
    service.save()
    form.save_m2m()
    return service


@transaction.atomic
def remove_attachments(*, service, ids, user):
    """Attachments are taken off the page, not deleted: a moderator can put them back."""
    for attachment in current_attachments().filter(service=service, pk__in=ids):
        attachment.removed_at = timezone.now()
        attachment._change_reason = f"removed by {user}"
        attachment.save()


@transaction.atomic
def submit_for_review(*, service, user):
    _require(service, Status.DRAFT)
    if service.is_prohibited:
        raise TransitionNotAllowed("a prohibited practice cannot be published")
    service.status = Status.REVIEW
    service.submitted_by, service.submitted_at = user, timezone.now()
    service._change_reason = "submitted for review"
    service.save()
    transaction.on_commit(lambda: _mail_moderators(service))


@transaction.atomic
def publish(*, service, user):
    _require(service, Status.REVIEW)
    if service.is_prohibited:
        raise TransitionNotAllowed("a prohibited practice cannot be published")
    now = timezone.now()
    service.status = Status.PUBLISHED
    service.reviewed_by, service.reviewed_at, service.review_comment = user, now, ""
    service.published_at = service.published_at or now
    service._change_reason = "published"
    service.save()
    transaction.on_commit(lambda: _mail_submitter(service, "services/email/published"))


@transaction.atomic
def send_back(*, service, user, comment):
    _require(service, Status.REVIEW)
    if not comment.strip():
        raise TransitionNotAllowed("a comment is required")
    service.status = Status.DRAFT
    service.reviewed_by, service.reviewed_at = user, timezone.now()
    service.review_comment = comment.strip()
    service._change_reason = "sent back"
    service.save()
    transaction.on_commit(lambda: _mail_submitter(service, "services/email/sent_back"))


@transaction.atomic
def archive(*, service, user):
    _require(service, Status.DRAFT, Status.REVIEW, Status.PUBLISHED)
    service.status_before_archive = service.status
    service.status = Status.ARCHIVED
    service.archived_by, service.archived_at = user, timezone.now()
    service._change_reason = "archived"
    service.save()


@transaction.atomic
def restore(*, service, user):
    """Back to where it was when archived; a prohibited practice goes back to draft."""
    _require(service, Status.ARCHIVED)
    previous = service.status_before_archive or Status.DRAFT
    if previous == Status.PUBLISHED and service.is_prohibited:
        previous = Status.DRAFT
    service.status = previous
    service.status_before_archive = ""
    service._change_reason = "restored"
    service.save()


@transaction.atomic
def set_adoption(*, service, municipality, status, user):
    _require(service, Status.PUBLISHED)
    if municipality.pk == service.owner_id:
        raise TransitionNotAllowed("the owner does not adopt its own service")
    adoption, _created = Adoption.objects.update_or_create(
        service=service, municipality=municipality, defaults={"status": status, "set_by": user}
    )
    return adoption


@transaction.atomic
def withdraw_adoption(*, service, municipality, user):
    """Withdrawing is the one delete: the mark was the municipality's own word, kept in history."""
    adoption = Adoption.objects.filter(service=service, municipality=municipality).first()
    if adoption is not None:
        adoption._change_reason = f"withdrawn by {user}"
        adoption.delete()


@transaction.atomic
def report_error(*, service, user, message):
    _require(service, Status.PUBLISHED)
    report = ErrorReport.objects.create(service=service, reporter=user, message=message)
    recipients = list(service.contacts.values_list("email", flat=True))
    if service.functional_mailbox:
        recipients.append(service.functional_mailbox)
    transaction.on_commit(
        lambda: mail_error_report(
            title=service.title,
            url=service.get_absolute_url(),
            report=report,
            recipients=recipients,
        )
    )
    return report


@transaction.atomic
def mark_report_handled(*, report, user):
    """For an error report on a service or a pilot."""
    if report.handled_at is None:
        report.handled_by, report.handled_at = user, timezone.now()
        report.save()


def _mail_moderators(service):
    context = {
        "service": service,
        "url": absolute(reverse("moderation")),
        "service_url": absolute(service.get_absolute_url()),
    }
    send("services/email/submitted", context, moderator_emails())


def _mail_submitter(service, template_prefix):
    submitter = service.submitted_by
    if submitter is None:
        return
    context = {"service": service, "service_url": absolute(service.get_absolute_url())}
    send(template_prefix, context, [submitter.email])


def mail_error_report(*, title, url, report, recipients):
    """ "Rapportera fel" on a service or a pilot: to its contacts and the moderators."""
    context = {
        "report": report,
        "title": title,
        "url": absolute(url),
        "queue_url": absolute(reverse("moderation")),
    }
    send("services/email/error_report", context, [*recipients, *moderator_emails()])
