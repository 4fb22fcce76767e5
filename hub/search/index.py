"""The stored search vector of a model's rows (PostgreSQL only; see migration hub/0004)."""

from django.contrib.postgres.search import SearchVectorField
from django.db.models.expressions import RawSQL


def document(model):
    """The row's weighted `swedish` tsvector, kept current by a trigger and GIN-indexed."""
    return RawSQL(f'"{model._meta.db_table}"."search_vector"', [], output_field=SearchVectorField())
