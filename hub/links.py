"""A light link to a record, for pages that name many records they do not show."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class WorkLink:
    """A service or pilot named on a person's card: its title, address and municipality
    (and a pilot's phase, in the reader's language)."""

    title: str
    url: str
    municipality: str
    phase: str = ""
