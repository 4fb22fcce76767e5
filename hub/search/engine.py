"""The global search: what someone typed, over services, pilots and people.

Each kind is searched through its own visibility rule (`AIService.objects.visible_to`,
`Pilot.objects.visible_to`, `User.objects.listed`), so a draft or archived record of
another municipality, or an unlisted person, never shows in results, counts, facets,
snippets or suggestions. Suggestions and the compound vocabulary come from published
records and listed people only.

On PostgreSQL a row matches when its stored `swedish` vector (index.py) matches any term;
rows are ranked by how many terms they match, then `ts_rank` (title A, summary B, the rest
C), then recency, and the snippet is `ts_headline`. When nothing matches, trigram
similarity offers "Menade du" and near matches by title. On SQLite the same terms match
case-insensitively as plain text in the same fields: no stemming, no ranking beyond the
number of terms matched.
"""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramWordSimilarity,
)
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    Func,
    IntegerField,
    Prefetch,
    Q,
    TextField,
    Value,
    When,
)
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hub import cache as derived
from hub.facets import LONG_FACET_SIZE, LONG_FACETS
from hub.models import SynonymGroup
from hub.search import query as query_module
from hub.search.index import document
from hub.search.text import WORD as LETTERS
from municipalities.models import Area, Municipality, Profile, User
from municipalities.selectors import active_memberships
from pilots.models import Pilot
from services.models import AIService

PAGE_SIZE = 20
GROUP_SIZE = 5
CACHE_SECONDS = 600
RANK_WEIGHTS = [0.1, 1 / 3, 2 / 3, 1.0]  # D, C, B, A
NEAR_MIN = 0.4
SUGGEST_MIN = 0.45
MARK_START, MARK_END = "\x02", "\x03"


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    fields: tuple  # text fields, weight order, for the SQLite fallback and snippets
    snippet: tuple
    municipality: str
    area: str
    status: str | None
    recency: str

    def __reduce__(self):
        # Cached results name their kind; unpickling its translatable label each time
        # would build a new lazy object on every view.
        return (_kind, (self.name,))


def _kind(name):
    return KINDS[name]


KINDS = {
    "services": Kind(
        "services", _("Services"),
        ("title", "summary", "description", "model_name", "tag_text"),
        ("summary", "description"),
        "owner__slug", "areas__slug", "lifecycle", "updated_at",
    ),
    "pilots": Kind(
        "pilots", _("Pilots"),
        ("title", "summary", "problem", "description", "results", "lessons", "tag_text"),
        ("summary", "problem", "results", "lessons"),
        "lead_municipality__slug", "areas__slug", "phase", "updated_at",
    ),
    "people": Kind(
        "people", _("People"),
        ("display_name", "title", "department", "competence_text", "bio"),
        ("title", "department", "competence_text", "bio"),
        "user__memberships__municipality__slug", "areas__slug", None, "updated_at",
    ),
}  # fmt: skip
STATUS_LABELS = {**dict(AIService.Lifecycle.choices), **dict(Pilot.Phase.choices)}


@dataclass
class Hit:
    kind: str
    obj: object
    snippet: str


@dataclass
class Group:
    kind: Kind
    count: int
    hits: list
    page: object = None


@dataclass
class Results:
    query: query_module.Query
    groups: list = field(default_factory=list)
    facets: list = field(default_factory=list)
    suggestion: str = ""
    near: list = field(default_factory=list)

    @property
    def total(self):
        return sum(group.count for group in self.groups)


# --- the querysets, each through its kind's visibility rule


def _visible(kind, user):
    if kind == "services":
        return AIService.objects.visible_to(user).select_related("owner")
    if kind == "pilots":
        return Pilot.objects.visible_to(user).select_related("lead_municipality")
    listed = User.objects.listed().values("pk")
    return (
        Profile.objects.filter(user__in=listed)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "user__memberships", queryset=active_memberships(), to_attr="active_memberships"
            )
        )
    )


def _published(kind):
    if kind == "services":
        return AIService.objects.published()
    if kind == "pilots":
        return Pilot.objects.published()
    return Profile.objects.filter(user__in=User.objects.listed().values("pk"))


def _filtered(kind, rows, filters):
    """The rows with the chosen facet values. Municipalities and areas are many-valued for
    some kinds: they are semi-joins (`pk IN (…)`), as the lists' `hub.filters.AnyOfFilter`,
    so that no row comes twice and no DISTINCT sorts them all."""
    spec = KINDS[kind]

    def linked(**lookups):
        return rows.filter(pk__in=rows.model.objects.filter(**lookups).values("pk"))

    if filters.get("municipality"):
        if kind == "people":
            rows = linked(
                user__memberships__municipality__slug__in=filters["municipality"],
                user__memberships__municipality__active=True,
            )
        else:
            rows = linked(**{f"{spec.municipality}__in": filters["municipality"]})
    if filters.get("area"):
        rows = linked(**{f"{spec.area}__in": filters["area"]})
    if filters.get("status"):
        if spec.status is None:
            return rows.none()
        rows = rows.filter(**{f"{spec.status}__in": filters["status"]})
    return rows


# --- matching


def _tsqueries(query):
    return [
        SearchQuery(query_module.term_tsquery(term), search_type="raw", config="swedish")
        for term in query.terms
    ]


def _has(kind, text):
    """Plain matching (SQLite): the text in any of the kind's fields."""
    # SQLite folds case for ASCII letters only: "äldre" must also find "Äldre".
    spellings = {text, text.capitalize(), text.upper()}
    return reduce(
        or_,
        (Q(**{f"{name}__icontains": t}) for name in KINDS[kind].fields for t in spellings),
    )


def _plain_terms(kind, query):
    def alternative(alt):
        if alt.phrase and len(alt.words) > 1:
            # Written apart or with hyphens: "pub avtal" finds "PUB-avtal".
            return _has(kind, alt.text) | _has(kind, "-".join(alt.words))
        if alt.phrase:
            return _has(kind, alt.text)
        return reduce(lambda a, b: a & b, (_has(kind, word) for word in alt.words))

    return [reduce(or_, (alternative(alt) for alt in term.alternatives)) for term in query.terms]


def _where(kind, user, query, filters):
    """The rows that match any term and no minus word, through the kind's visibility."""
    rows = _filtered(kind, _visible(kind, user), filters)
    if connection.vendor == "postgresql":
        rows = rows.alias(document=document(rows.model)).filter(
            document=reduce(or_, _tsqueries(query))
        )
        for words in query.excluded:
            excluded = query_module.excluded_tsquery(words)
            rows = rows.exclude(document=SearchQuery(excluded, search_type="raw", config="swedish"))
        return rows
    rows = rows.filter(reduce(or_, _plain_terms(kind, query)))
    for words in query.excluded:
        rows = rows.exclude(_has(kind, " ".join(words)))
    return rows


def _matching(kind, user, query, filters):
    """The matching rows, most terms matched first, then rank, then the newest."""
    rows = _where(kind, user, query, filters)
    recency = f"-{KINDS[kind].recency}"
    if connection.vendor == "postgresql":
        terms = _tsqueries(query)
        return rows.annotate(
            matched=_count_matched(Q(document=term) for term in terms),
            rank=SearchRank(F("document"), reduce(or_, terms), weights=RANK_WEIGHTS),
        ).order_by("-matched", "-rank", recency, "pk")
    return rows.annotate(matched=_count_matched(_plain_terms(kind, query))).order_by(
        "-matched", recency, "pk"
    )


def _count_matched(conditions):
    return sum(
        (Case(When(c, then=Value(1)), default=Value(0), output_field=IntegerField()))
        for c in conditions
    )


# --- snippets


def _with_snippets(kind, rows, query):
    if connection.vendor != "postgresql":
        return rows
    text = Func(
        Value(" … "),
        *[F(name) for name in KINDS[kind].snippet],
        function="CONCAT_WS",
        output_field=TextField(),
    )
    everything = SearchQuery(
        query_module.highlight_tsquery(query), search_type="raw", config="swedish"
    )
    return rows.annotate(
        headline=SearchHeadline(
            text,
            everything,
            config="swedish",
            start_sel=MARK_START,
            stop_sel=MARK_END,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter='" … "',
        )
    )


def _snippet(kind, obj, query):
    if hasattr(obj, "headline"):
        html = escape(obj.headline or "")
        return mark_safe(html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))
    text = " … ".join(getattr(obj, name) for name in KINDS[kind].snippet if getattr(obj, name))
    return _highlight(text[:300], query)


def _highlight(text, query):
    """Escape, then mark each typed word where it starts a word (SQLite's snippet)."""
    words = query_module.highlight_words(query)
    html = escape(text)
    for word in sorted(words, key=len, reverse=True):
        html = _mark_word(html, escape(word))
    return mark_safe(html)


def _mark_word(html, word):
    out, lower, at = [], html.lower(), 0
    while (found := lower.find(word, at)) != -1:
        if found == 0 or not lower[found - 1].isalnum():
            out += [html[at:found], "<mark>", html[found : found + len(word)], "</mark>"]
        else:
            out.append(html[at : found + len(word)])
        at = found + len(word)
    out.append(html[at:])
    return "".join(out)


# --- facets


def _facets(user, query, filters, kinds):
    """Counts per municipality, area and status of what matched: one query per kind."""
    municipalities, areas = _names()
    counts = {"municipality": {}, "area": {}, "status": {}}
    for kind in kinds:
        spec = KINDS[kind]
        matched = _where(kind, user, query, filters).order_by().values("pk")
        base = _visible(kind, user).model.objects.filter(pk__in=matched)
        facet_fields = [("municipality", spec.municipality), ("area", spec.area)]
        if spec.status:
            facet_fields.append(("status", spec.status))
        parts = []
        for name, path in facet_fields:
            grouped = base.exclude(**{f"{path}__isnull": True})
            if kind == "people" and name == "municipality":
                grouped = grouped.filter(user__memberships__municipality__active=True)
            parts.append(
                grouped.values_list(Value(name), path)
                .annotate(n=Count("pk", distinct=True))
                .order_by()
            )
        for name, value, n in parts[0].union(*parts[1:], all=True):
            counts[name][value] = counts[name].get(value, 0) + n
    labels = {"municipality": municipalities, "area": areas, "status": STATUS_LABELS}
    facets = []
    for name, title in (
        ("municipality", _("Municipality")),
        ("area", _("Area")),
        ("status", _("Status")),
    ):
        chosen = set(filters.get(name) or [])
        options = [
            {
                "value": value,
                "label": str(labels[name].get(value, value)),
                "count": n,
                "selected": value in chosen,
            }
            for value, n in sorted(counts[name].items(), key=lambda item: (-item[1], item[0]))
        ]
        if name in LONG_FACETS:
            # As on the list pages: the most common values, and any chosen one.
            options = options[:LONG_FACET_SIZE] + [
                option for option in options[LONG_FACET_SIZE:] if option["selected"]
            ]
        options += [
            {"value": v, "label": str(labels[name].get(v, v)), "count": 0, "selected": True}
            for v in chosen - set(counts[name])
        ]
        if options:
            facets.append({"name": name, "label": str(title), "options": options})
    return facets


# --- vocabulary, synonyms, suggestions


def _names():
    """Slug -> name of the municipalities and areas, for facet labels (cached)."""
    names = cache.get("search:names")
    if names is None:
        names = (
            dict(Municipality.objects.values_list("slug", "name")),
            dict(Area.objects.values_list("slug", "name")),
        )
        cache.set("search:names", names, CACHE_SECONDS)
    return names


def synonyms():
    mapping = cache.get("search:synonyms")
    if mapping is None:
        groups = [group.term_list for group in SynonymGroup.objects.active()]
        mapping = query_module.synonym_map(groups)
        cache.set("search:synonyms", mapping, CACHE_SECONDS)
    return mapping


def forget_synonyms(**kwargs):
    cache.delete("search:synonyms")


def vocabulary():
    """The words of published records and listed people (cached for ten minutes)."""
    found = cache.get("search:vocabulary")
    if found is None:
        words = set()
        for kind, spec in KINDS.items():
            for row in _published(kind).values_list(*spec.fields[:3]).iterator():
                for text in row:
                    words.update(w.lower() for w in LETTERS.findall(text or ""))
        found = query_module.Vocabulary(words)
        cache.set("search:vocabulary", found, CACHE_SECONDS)
    return found


def _trigrams(word):
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def trigram_similarity(a, b):
    """pg_trgm's similarity(), so that SQLite and PostgreSQL suggest the same word."""
    ta, tb = _trigrams(a), _trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def _suggestion(query, words):
    changed, result = False, []
    for term in query.terms:
        typed = term.alternatives[0]
        if len(typed.words) != 1 or typed.words[0] in words:
            result.append(typed.text)
            continue
        word = typed.words[0]
        best = max(
            (w for w in words if abs(len(w) - len(word)) <= 3),
            key=lambda w: trigram_similarity(word, w),
            default=None,
        )
        if best and trigram_similarity(word, best) >= SUGGEST_MIN:
            result.append(best)
            changed = True
        else:
            result.append(word)
    return " ".join(result) if changed else ""


def _finds_anything(user, text):
    query = query_module.parse(text, synonyms=synonyms())
    return any(_where(kind, user, query, {}).exists() for kind in KINDS)


def _near_matches(user, query):
    """Titles like what was typed, when nothing matched (pg_trgm's word similarity)."""
    if connection.vendor != "postgresql" or not query.terms:
        return []
    text = " ".join(term.text for term in query.terms)
    near = []
    for kind in ("services", "pilots"):
        rows = (
            _visible(kind, user)
            .annotate(similarity=TrigramWordSimilarity(text, "title"))
            .filter(similarity__gte=NEAR_MIN)
            .order_by("-similarity", "pk")[:GROUP_SIZE]
        )
        near += [Hit(kind, row, "") for row in rows]
    return near


# --- the search


def search(user, text, *, kind=None, filters=None, page=1):
    """Results for what `user` typed, grouped by kind; one kind's page when `kind` is set.

    The grouped results, and a kind's counts and facets, are cached until the data
    changes, keyed by what was asked and by the SQL of what the user may see.
    """
    filters = {name: sorted(values) for name, values in (filters or {}).items() if values}
    words = vocabulary()
    query = query_module.parse(text, synonyms=synonyms(), vocabulary=words)
    if not query:
        return Results(query)
    kind = kind if kind in KINDS else None
    # The language too: facet labels are cached as text in the reader's language.
    cache_key = derived.key("search", _visibility(user), query.text, filters, kind, get_language())
    if kind is None:
        results = cache.get(cache_key)
        if results is None:
            results = _search(user, query, words, None, filters, 1)
            cache.set(cache_key, results, derived.TIMEOUT)
        return results
    return _search(user, query, words, kind, filters, page, cache_key)


def _visibility(user):
    """What `user` may see of each kind, as SQL text."""
    parts = []
    for kind in KINDS:
        try:
            parts.append(str(_visible(kind, user).query))
        except EmptyResultSet:
            parts.append("nothing")
    return parts


def _search(user, query, words, kind, filters, page, cache_key=None):
    results = Results(query)
    kinds = [kind] if kind else list(KINDS)
    # With one kind shown, the other kinds' counts and the facets are what repeats.
    summary = cache.get(cache_key) if cache_key else None
    for name in KINDS:
        rows = _matching(name, user, query, filters)
        if name not in kinds:
            count = summary["counts"][name] if summary else rows.count()
            results.groups.append(Group(KINDS[name], count, []))
            continue
        if kind:
            paged = Paginator(_with_snippets(name, rows, query), PAGE_SIZE).get_page(page)
            hits, page_obj, count = list(paged), paged, paged.paginator.count
        else:
            hits, page_obj = list(_with_snippets(name, rows, query)[:GROUP_SIZE]), None
            count = rows.count()
        results.groups.append(
            Group(
                KINDS[name],
                count,
                [Hit(name, obj, _snippet(name, obj, query)) for obj in hits],
                page_obj,
            )
        )
    results.facets = summary["facets"] if summary else _facets(user, query, filters, kinds)
    if cache_key and not summary:
        counts = {group.kind.name: group.count for group in results.groups}
        cache.set(cache_key, {"counts": counts, "facets": results.facets}, derived.TIMEOUT)
    if results.total == 0:
        suggestion = _suggestion(query, words.words)
        # The word list is a few minutes old: offer it only if each word it puts in place
        # of what was typed finds something this user may see now.
        typed = {term.text for term in query.terms}
        offered = [word for word in suggestion.split() if word not in typed]
        if offered and all(_finds_anything(user, word) for word in offered):
            results.suggestion = suggestion
        results.near = _near_matches(user, query)
    return results
