""" "Liknande" and the duplicate warning: published pilots and services like a text.

Someone starting a pilot should find what another municipality already tried, so the
input (title, summary, problem, tags) is compared with every published pilot and service
the user can see, both kinds ranked together. A pilot's text is its title (weight A),
summary (B), problem and the rest of its text with its tag names (C); a service's is its
title (A), summary (B), description and tag names (C). The title weighs most because it
names the idea. On PostgreSQL the weighted vector is the stored, indexed one (index.py).

On PostgreSQL the input's significant words are OR-ed (a similar pilot shares some of the
words, never all) into a full-text query with the `swedish` configuration, whose Snowball
stemmer makes "hemtjänsten" match "hemtjänst". A row counts when its `ts_rank` over the
weighted vector clears `POSTGRES_MIN_RANK` (one word shared in passing is not a similar
pilot) or its title is trigram-similar to the input's, which catches near-identical titles
and compounds the stemmer leaves apart. Rows are ordered by rank plus title similarity.

On SQLite (local development, most tests) the same idea runs in Python, since SQLite has
no Swedish stemmer and a dependency for one is not worth it: words are stemmed by `stem`,
a small suffix stripper, and the score is the weight of the best field each
query stem appears in (title 3, summary 2, the rest 1), divided by the number of query
stems; rows below `FALLBACK_MIN_SCORE` are dropped. The two scores are on different
scales; only their order matters.

Each call costs a constant number of queries whatever the number of rows: two on
PostgreSQL (one per kind), at most three on SQLite (candidates with their tag text, and
the winning pilots and services).
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
)
from django.db import connection
from django.db.models import F, Q, Value

from hub.search.index import document
from hub.search.text import stem, words
from pilots.models import Pilot
from services.models import AIService

TRIGRAM_MIN = 0.3
# Both thresholds let through one shared title word in a short text, or a few words shared
# elsewhere, and keep out a word shared in passing. For one title word out of n query words
# the fallback scores 3 / n and ts_rank about 0.7 / n.
FALLBACK_MIN_SCORE = 0.3
POSTGRES_MIN_RANK = 0.07
FIELD_WEIGHTS = (3, 2, 1)  # title, summary, the rest
# The same proportions for ts_rank, which lists them as D, C (the rest), B (summary), A (title).
RANK_WEIGHTS = [0.1, 1 / 3, 2 / 3, 1.0]

KINDS = {Pilot: "pilot", AIService: "service"}
# The field that plays the part of a pilot's problem in a service.
REST = {Pilot: "problem", AIService: "description"}


@dataclass(frozen=True)
class Hit:
    kind: str  # "pilot" or "service"
    obj: object
    score: float


def similar(user, *, title="", summary="", problem="", tags=(), exclude=None, limit=5):
    """The `limit` published pilots and services most like the text, best first."""
    query_words = words(" ".join([title, summary, problem, *tags]))
    if not query_words or limit <= 0:
        return []
    querysets = {
        Pilot: Pilot.objects.visible_to(user).published(),
        AIService: AIService.objects.visible_to(user).published(),
    }
    if type(exclude) in querysets:
        querysets[type(exclude)] = querysets[type(exclude)].exclude(pk=exclude.pk)
    if connection.vendor == "postgresql":
        hits = _postgres_hits(querysets, query_words, title, limit)
    else:
        hits = _fallback_hits(querysets, query_words, limit)
    return sorted(hits, key=lambda hit: hit.score, reverse=True)[:limit]


def _postgres_hits(querysets, query_words, title, limit):
    query = reduce(
        or_, (SearchQuery(w, config="swedish", search_type="plain") for w in query_words)
    )
    hits = []
    for model, queryset in querysets.items():
        rows = (
            _for_cards(queryset)
            .alias(
                document=document(model),
                rank=SearchRank(F("document"), query, weights=RANK_WEIGHTS),
                title_similarity=TrigramSimilarity("title", title),
            )
            .filter(
                Q(document=query, rank__gte=POSTGRES_MIN_RANK)
                | Q(title_similarity__gte=TRIGRAM_MIN)
            )
            .annotate(score=F("rank") + F("title_similarity"))
            .order_by("-score", "pk")[:limit]
        )
        hits += [Hit(KINDS[model], row, row.score) for row in rows]
    return hits


def _fallback_hits(querysets, query_words, limit):
    wanted = {stem(w) for w in query_words}
    pilots, services = (
        queryset.order_by()
        .annotate(kind=Value(KINDS[model]), rest=F(REST[model]), tag_names=F("tag_text"))
        .values_list("kind", "pk", "title", "summary", "rest", "tag_names")
        for model, queryset in querysets.items()
    )
    scored = []
    for kind, pk, title, summary, rest, tags in pilots.union(services, all=True):
        score = _overlap(wanted, (title, summary, f"{rest} {tags}"))
        if score >= FALLBACK_MIN_SCORE:
            scored.append((score, kind, pk))
    best = sorted(scored, key=lambda row: (-row[0], row[1], row[2]))[:limit]

    objects = {
        KINDS[model]: _for_cards(queryset).in_bulk([pk for _, k, pk in best if k == KINDS[model]])
        for model, queryset in querysets.items()
    }
    return [Hit(kind, objects[kind][pk], score) for score, kind, pk in best]


def _overlap(wanted, texts):
    """Each wanted stem counts the weight of the best field it appears in."""
    fields = [{stem(w) for w in words(text)} for text in texts]
    total = sum(
        max(
            (weight for weight, stems in zip(FIELD_WEIGHTS, fields, strict=True) if s in stems),
            default=0,
        )
        for s in wanted
    )
    return total / len(wanted)


def _for_cards(queryset):
    """What a hit shows: the municipality and the contact, without a query per row."""
    if queryset.model is Pilot:
        return queryset.for_cards()
    return queryset.select_related("owner")
