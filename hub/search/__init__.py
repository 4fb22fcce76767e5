"""The hub's one search module: the global search, "Liknande" and the duplicate warning.

- `similar()` (similar.py): published pilots and services that resemble a piece of text.
- `search()` (engine.py): what someone typed, over services, pilots and people.
- `text.py`: Swedish words and a rough stemmer, for SQLite and for query parsing.
"""

from hub.search.engine import search
from hub.search.similar import Hit, similar
from hub.search.text import stem, words

__all__ = ["Hit", "search", "similar", "stem", "words"]
