"""A light link to a record, for pages that name many records they do not show."""

from dataclasses import dataclass
from urllib.parse import quote

from django.urls import reverse


@dataclass(frozen=True, slots=True)
class WorkLink:
    """A service or pilot named on a person's card: its title, address and municipality
    (and a pilot's phase, in the reader's language)."""

    title: str
    url: str
    municipality: str
    phase: str = ""


def slug_urls(viewname):
    """A function from a slug to the address of `viewname` for it: one `reverse()` for a
    page that links a hundred records, not one per link."""
    marker = "slug0marker"
    prefix, suffix = reverse(viewname, kwargs={"slug": marker}).split(marker)
    return lambda slug: f"{prefix}{quote(slug, safe='')}{suffix}"
