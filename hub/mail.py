"""Mail from templates, in Swedish, with links that work outside a request."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


def absolute(path):
    return settings.HUB_BASE_URL.rstrip("/") + path


def moderator_emails():
    from municipalities.models import MODERATORS_GROUP

    return list(
        get_user_model()
        .objects.filter(groups__name=MODERATORS_GROUP, is_active=True)
        .values_list("email", flat=True)
    )


def send(template_prefix, context, recipients):
    """`<prefix>_subject.txt` and `<prefix>_message.txt` to each recipient, at most once."""
    if not recipients:
        return
    # Mail goes out in Swedish: the recipients' language is not known.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template_prefix}_subject.txt", context).strip()
        body = render_to_string(f"{template_prefix}_message.txt", context)
    send_mail(subject, body, None, sorted(set(recipients)))
