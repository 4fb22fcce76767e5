"""The pilot list's facets, counted like the catalogue's (services/filters.py)."""

import django_filters
from django import forms
from django.db.models import F
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from hub.filters import AnyOfFilter
from municipalities.models import Area, Municipality
from pilots.models import Pilot
from services.filters import CatalogueFilterSet
from services.models import AIService

SORTS = {
    "updated": ["-updated_at"],
    "name": [Lower("title")],
    "start": [F("actual_start").desc(nulls_last=True), F("planned_start").desc(nulls_last=True)],
}


def _checkboxes(**kwargs):
    return {"widget": forms.CheckboxSelectMultiple, **kwargs}


class PilotFilter(CatalogueFilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Search in title and summary"))
    municipality = django_filters.ModelMultipleChoiceFilter(
        distinct=False,  # a foreign key: no row twice
        field_name="lead_municipality__slug",
        to_field_name="slug",
        queryset=Municipality.objects.all(),
        **_checkboxes(label=_("Lead municipality")),
    )
    participant = AnyOfFilter(
        field_name="participants__slug",
        to_field_name="slug",
        queryset=Municipality.objects.all(),
        **_checkboxes(label=_("Participating")),
    )
    area = AnyOfFilter(
        field_name="areas__slug",
        to_field_name="slug",
        queryset=Area.objects.all(),
        **_checkboxes(label=_("Area")),
    )
    phase = django_filters.MultipleChoiceFilter(
        distinct=False,  # a column: no row twice, and DISTINCT would sort them all
        choices=Pilot.Phase.choices,
        **_checkboxes(label=_("Phase")),
    )
    technique = django_filters.MultipleChoiceFilter(
        distinct=False,  # a column: no row twice, and DISTINCT would sort them all
        choices=AIService.Technique.choices,
        **_checkboxes(label=_("AI technique")),
    )
    tag = AnyOfFilter(
        field_name="tags__slug",
        to_field_name="slug",
        queryset=Tag.objects.all(),
        **_checkboxes(label=_("Tags")),
    )
    sort = django_filters.ChoiceFilter(
        method="filter_sort",
        choices=[("updated", _("Recently updated")), ("name", _("Name")), ("start", _("Start"))],
        empty_label=None,
        label=_("Sort by"),
    )  # fmt: skip

    sorts = SORTS
    default_sort = "updated"

    class Meta:
        model = Pilot
        fields = []


FACETS = [
    ("municipality", "lead_municipality__slug", "lead_municipality__name"),
    ("participant", "participants__slug", "participants__name"),
    ("area", "areas__slug", "areas__name"),
    ("phase", "phase", None),
    ("technique", "technique", None),
    ("tag", "tags__slug", "tags__name"),
]
