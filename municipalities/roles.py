from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """A person's role in a municipality; each role includes the ones above it."""

    MEMBER = "member", _("member")
    EDITOR = "editor", _("editor")
    ADMIN = "admin", _("municipality admin")


EDITING_ROLES = frozenset({Role.EDITOR, Role.ADMIN})
