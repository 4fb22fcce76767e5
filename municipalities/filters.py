"""The people directory's search and facets."""

import django_filters
from django import forms
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from hub.filters import AnyOfFilter
from municipalities.models import Area, Competence, Municipality, User


class PeopleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text", label=_("Search by name, title or competence")
    )
    competence = AnyOfFilter(
        field_name="profile__competences__slug",
        to_field_name="slug",
        queryset=Competence.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label=_("AI competence"),
    )
    municipality = AnyOfFilter(
        field_name="memberships__municipality__slug",
        to_field_name="slug",
        queryset=Municipality.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Municipality"),
    )
    area = AnyOfFilter(
        field_name="profile__areas__slug",
        to_field_name="slug",
        queryset=Area.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Area"),
    )
    sort = django_filters.ChoiceFilter(
        method="filter_sort",
        choices=[("name", _("Name")), ("newest", _("Newest first"))],
        empty_label=None,
        label=_("Sort by"),
    )

    SORTS = {
        "name": [Lower("profile__display_name"), "pk"],
        "newest": ["-date_joined", "pk"],
    }

    class Meta:
        model = User
        fields = []

    def filter_text(self, queryset, name, value):
        for word in value.split()[:10]:
            matching = User.objects.filter(
                Q(profile__display_name__icontains=word)
                | Q(profile__title__icontains=word)
                | Q(profile__department__icontains=word)
                | Q(profile__competences__name__icontains=word)
            )
            queryset = queryset.filter(pk__in=matching.values("pk"))
        return queryset

    def filter_sort(self, queryset, name, value):
        return queryset

    @property
    def qs(self):
        queryset = super().qs  # each person once: the facets are semi-joins (AnyOfFilter)
        sort = self.form.cleaned_data.get("sort") if self.form.is_valid() else None
        return queryset.order_by(*self.SORTS[sort or "name"])


# (filter name, field counted, label field[, which rows]), as hub.facets.count_facets takes
# them. A municipality that has left is not offered, though someone listed was a member.
FACETS = [
    ("competence", "profile__competences__slug", "profile__competences__name"),
    (
        "municipality",
        "memberships__municipality__slug",
        "memberships__municipality__name",
        {"memberships__municipality__active": True},
    ),
    ("area", "profile__areas__slug", "profile__areas__name"),
]
