"""Filters the list pages share."""

import django_filters


class AnyOfFilter(django_filters.ModelMultipleChoiceFilter):
    """Rows linked to any of the chosen values through a many-valued relation (areas,
    tags, participants, competences, memberships), as a semi-join: `pk IN (…)`.

    django-filter's own joins the relation, so that a row linked to two chosen values
    comes twice, and adds DISTINCT: PostgreSQL then compares whole rows, long texts and
    search vectors included, and sorts every matching row before the page's LIMIT (80 ms
    for 7,000 services). A semi-join never lists a row twice.
    """

    def filter(self, qs, value):
        if not value:
            return qs
        key = self.field.to_field_name or "pk"
        chosen = [getattr(obj, key) for obj in value]
        linked = qs.model._default_manager.filter(**{f"{self.field_name}__in": chosen})
        return qs.filter(pk__in=linked.values("pk"))
