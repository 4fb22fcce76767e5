"""The stored search vector of a model's rows (PostgreSQL only; see migration hub/0004)."""

from django.contrib.postgres.search import SearchVectorField
from django.db.models import Expression


class Document(Expression):
    """The row's weighted `swedish` tsvector, kept current by a trigger and GIN-indexed.

    The column is not a model field (it exists only on PostgreSQL, and no list should
    carry it to Python), so it is named here against the query's own alias of the base
    table: `U0` when the query runs as a subquery, the table's name otherwise.
    """

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(alias)}.search_vector", []


def document(model):
    return Document()
