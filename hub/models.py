"""What the hub itself keeps: the search's synonym groups."""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from municipalities import rules as hub_rules
from municipalities.models import kept_history


class SynonymGroupQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class SynonymGroup(RulesModel):
    """Words that mean the same to a colleague searching: each finds what the others find."""

    terms = models.TextField(
        _("words"),
        help_text=_(
            "Words or phrases separated by commas, e.g. “bildanalys, bildigenkänning, "
            "datorseende”. A search for any of them also finds the others."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = kept_history()

    objects = SynonymGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")
        ordering = ["terms"]
        rules_permissions = {
            "view": hub_rules.is_moderator,
            "add": hub_rules.is_moderator,
            "change": hub_rules.is_moderator,
            "delete": hub_rules.nobody,
        }

    def __str__(self):
        return ", ".join(self.term_list)

    @property
    def term_list(self):
        """The group's words, lower-cased, each once, in the order written."""
        found = (" ".join(term.split()).lower() for term in re.split(r"[,;\n]", self.terms))
        return list(dict.fromkeys(term for term in found if term))
