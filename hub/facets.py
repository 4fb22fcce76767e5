"""Facets for list pages: chosen filters as removable chips, and counts per value."""

from django import forms
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import get_language

from hub import cache as derived

# How many values of a long facet are shown, the most common first (a chosen value always
# is): tags and competences, and municipalities once all 290 of Sweden take part.
LONG_FACET_SIZE = 15
LONG_FACETS = {"tag", "competence", "owner", "municipality", "participant"}


def filter_chips(request, filterset):
    """Each chosen filter value, labelled, with the list's address without it."""
    if not filterset.form.is_valid():
        return []
    chips = []
    cleaned = filterset.form.cleaned_data
    for name, field in filterset.form.fields.items():
        chosen = [value for value in request.GET.getlist(name) if value]
        if name == "sort" or not chosen:
            continue
        labels = _chosen_labels(field, cleaned.get(name))
        for value in chosen:
            remaining = request.GET.copy()
            remaining.setlist(name, [v for v in remaining.getlist(name) if v != value])
            remaining.pop("sida", None)
            label = f"{field.label}: {labels.get(value, value)}"
            chips.append({"label": label, "query": remaining.urlencode()})
    return chips


def _chosen_labels(field, cleaned):
    """{value: label} of what was chosen in `field`.

    For a choice of records, from the records the form already read when it validated
    them: reading the field's choices would read every one (all 290 municipalities, every
    tag) on each page view.
    """
    if isinstance(field, forms.ModelMultipleChoiceField):
        key = field.to_field_name or "pk"
        return {str(getattr(obj, key)): field.label_from_instance(obj) for obj in cleaned or []}
    return {str(value): label for value, label in getattr(field, "choices", [])}


def count_facets(model, facets, filterset, rows, sql=None):
    """Facet counts, cached until the data changes (see hub/cache.py).

    The key holds the SQL of the counted rows (`sql`, when the caller has it already): the
    viewer's visibility and every chosen filter are spelled out in it. Labels are cached
    as text in the reader's language, which is in the key too: translatable labels would
    be unpickled into a new lazy object each, on every view.
    """
    sql = sql or query_sql(rows)
    if sql is None:
        return _count_facets(model, facets, filterset, rows)
    cache_key = derived.key("facets", model._meta.label, facets, sql, get_language())
    counted = cache.get(cache_key)
    if counted is None:
        counted = _count_facets(model, facets, filterset, rows)
        cache.set(cache_key, counted, derived.TIMEOUT)
    return counted


def query_sql(queryset):
    """The SQL of a queryset as text, or None for one that can match nothing."""
    try:
        return str(queryset.query)
    except EmptyResultSet:
        return None


def _count_facets(model, facets, filterset, rows):
    """Per facet, each value with the number of rows in the filtered list that have it.

    One grouped query per facet, whatever the number of rows. A value someone chose stays
    in the list even when no row has it, so that it can be unticked.
    """
    base = model.objects.filter(pk__in=rows.order_by().values("pk"))
    chosen = filterset.form.cleaned_data if filterset.form.is_valid() else {}
    result = []
    for name, field, label_field, *where in facets:
        value_fields = [field, label_field] if label_field else [field]
        # One filter() for the condition and the value: they share the join to a related
        # table (an exclude() of empty values became a NOT EXISTS per row, 3x slower).
        # Counting needs no DISTINCT (a sort of every matching row) while each row meets a
        # value at most once: its own column, a foreign key, or one many-valued relation
        # whose links are unique per pair (m2m tables, tags, memberships all are).
        counted = (
            base.filter(**(where[0] if where else {}), **{f"{field}__isnull": False})
            .values(*value_fields)
            .annotate(n=Count("pk", distinct=_many_valued_hops(model, field) > 1))
            .order_by("-n", field)
        )
        if name in LONG_FACETS:
            counted = counted[:LONG_FACET_SIZE]
        choices = dict(filterset.filters[name].extra.get("choices") or [])
        selected = {getattr(v, "slug", v) for v in (chosen.get(name) or [])}
        options = [
            {
                "value": row[field],
                "label": str(
                    row[label_field] if label_field else choices.get(row[field], row[field])
                ),
                "count": row["n"],
                "selected": row[field] in selected,
            }
            for row in counted
        ]
        shown = {option["value"] for option in options}
        labels = _chosen_labels(filterset.form.fields[name], chosen.get(name))
        options += [
            {
                "value": value,
                "label": str(labels.get(str(value), value)),
                "count": 0,
                "selected": True,
            }
            for value in selected - shown
        ]
        if options:
            result.append(
                {"name": name, "label": str(filterset.filters[name].label), "options": options}
            )
    return result


def _many_valued_hops(model, path):
    """How many relations with many rows per row a lookup path from `model` crosses."""
    hops, opts = 0, model._meta
    for part in path.split("__")[:-1]:
        field = opts.get_field(part)
        hops += bool(field.many_to_many or field.one_to_many)
        opts = field.related_model._meta
    return hops


class CachedCountPaginator(Paginator):
    """A paginator whose row count is cached until the data changes (see hub/cache.py).

    `sql` is the text of a query with the same rows, when the caller has compiled it
    already (compiling costs more than reading the cache).
    """

    def __init__(self, object_list, per_page, *, sql=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.sql = sql

    @cached_property
    def count(self):
        return cached_count(self.object_list, self.sql)


def cached_count(queryset, sql=None):
    """`queryset.count()`, cached until the data changes (see hub/cache.py); `sql` as for
    `CachedCountPaginator`."""
    sql = sql or query_sql(queryset)
    if sql is None:
        return 0
    cache_key = derived.key("count", sql)
    count = cache.get(cache_key)
    if count is None:
        count = queryset.count()
        cache.set(cache_key, count, derived.TIMEOUT)
    return count


def list_page(request, filterset, rows, page_size, *, facets=(), vary=()):
    """What a filtered list page shows: the page, its links, the facets and the chips.

    `rows` is what is paginated: the rows of `filterset.qs`, maybe with what the cards
    need read with them. Both are counted under the SQL of `filterset.qs`.

    `fragment_key` keys the page's facet form and its cards as rendered (see
    docs/decisions/0008): the SQL of the rows (the viewer's visibility, the filters and
    the order), the query, the page and the language. `vary` is what else the cards
    show that the rows' SQL does not say, such as the SQL of the work linked from them.
    Neither the rows nor the facet counts are read until a fragment is rendered.
    """
    counted = filterset.qs
    sql = query_sql(counted)  # once for every cache key: the same rows are counted
    page = CachedCountPaginator(rows, page_size, sql=sql).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    query = query.urlencode()
    return {
        "filterset": filterset,
        "facets": SimpleLazyObject(
            lambda: count_facets(filterset.queryset.model, facets, filterset, counted, sql)
        )
        if facets
        else [],
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number),
        "query": query,
        "chips": SimpleLazyObject(lambda: filter_chips(request, filterset)),
        "fragment_key": derived.key(
            "list-page", get_language(), sql, query, page.number, page_size, *vary
        ),
    }
