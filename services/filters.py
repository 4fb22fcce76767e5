"""The catalogue's facets: django-filter for what is chosen, counts for what could be."""

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from hub.filters import AnyOfFilter
from municipalities.models import Area, Municipality
from services.models import AIService

SORTS = {
    "newest": [F("published_at").desc(nulls_last=True), "-created_at"],
    "name": [Lower("title")],
    "reuse": ["-reuse_count", Lower("title")],
}


class CatalogueFilterSet(django_filters.FilterSet):
    """What the service and pilot lists share: free text, sorting, tags of visible rows."""

    sorts = {}
    default_sort = None

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["tag"].queryset = tags_on(self.queryset)

    def filter_text(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(title__icontains=word) | Q(summary__icontains=word))
        return queryset

    def filter_sort(self, queryset, name, value):
        return queryset  # applied last, in `qs`, so it also orders an unfiltered list

    @property
    def qs(self):
        queryset = super().qs
        sort = self.form.cleaned_data.get("sort") if self.form.is_valid() else None
        return queryset.order_by(*self.sorts[sort or self.default_sort])


class ServiceFilter(CatalogueFilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Search in title and summary"))
    owner = django_filters.ModelMultipleChoiceFilter(
        distinct=False,  # a foreign key: no row twice
        field_name="owner__slug",
        to_field_name="slug",
        queryset=Municipality.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Municipality"),
    )
    area = AnyOfFilter(
        field_name="areas__slug",
        to_field_name="slug",
        queryset=Area.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Area"),
    )
    lifecycle = django_filters.MultipleChoiceFilter(
        distinct=False,  # a column: no row twice, and DISTINCT would sort them all
        choices=AIService.Lifecycle.choices,
        widget=forms.CheckboxSelectMultiple,
        label=_("Lifecycle status"),
    )
    technique = django_filters.MultipleChoiceFilter(
        distinct=False,  # a column: no row twice, and DISTINCT would sort them all
        choices=AIService.Technique.choices,
        widget=forms.CheckboxSelectMultiple,
        label=_("AI technique"),
    )
    risk_class = django_filters.MultipleChoiceFilter(
        distinct=False,  # a column: no row twice, and DISTINCT would sort them all
        choices=AIService.RiskClass.choices,
        widget=forms.CheckboxSelectMultiple,
        label=_("AI Act risk class"),
    )
    personal_data = django_filters.MultipleChoiceFilter(
        distinct=False,  # a column: no row twice, and DISTINCT would sort them all
        choices=AIService.PersonalData.choices,
        widget=forms.CheckboxSelectMultiple,
        label=_("Personal data"),
    )
    tag = AnyOfFilter(
        field_name="tags__slug",
        to_field_name="slug",
        queryset=Tag.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Tags"),
    )
    sort = django_filters.ChoiceFilter(
        method="filter_sort",
        choices=[
            ("newest", _("Newest first")),
            ("name", _("Name")),
            ("reuse", _("Most reused")),
        ],
        empty_label=None,
        label=_("Sort by"),
    )

    sorts = SORTS
    default_sort = "newest"

    class Meta:
        model = AIService
        fields = []


def tags_on(queryset):
    """Only tags of records the list may show: a draft's tag must not be confirmed by name."""
    content_type = ContentType.objects.get_for_model(queryset.model)
    return Tag.objects.filter(
        taggit_taggeditem_items__content_type=content_type,
        taggit_taggeditem_items__object_id__in=queryset.values("pk"),
    ).distinct()


# The facets shown beside the list: (filter name, the field counted, how to label a value).
FACETS = [
    ("owner", "owner__slug", "owner__name"),
    ("area", "areas__slug", "areas__name"),
    ("lifecycle", "lifecycle", None),
    ("technique", "technique", None),
    ("risk_class", "risk_class", None),
    ("personal_data", "personal_data", None),
    ("tag", "tags__slug", "tags__name"),
]
