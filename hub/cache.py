"""A version number for the hub's data, so that derived figures can be cached safely.

Any write to a service, pilot, person or their links bumps the version; a cached figure
keyed by it is never served after a change. Writes that send no signal (queryset
`update()`, `bulk_create`, `bulk_update`) must call `bump()` themselves, as
`hub.search_index` does. Keys also carry the SQL of the rows they
count, which spells out the viewer's visibility, so two people who may see different
rows never share an entry.
"""

import functools
import hashlib
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "hub:data-version"
APPS = {"services", "pilots", "municipalities", "taggit", "hub"}
TIMEOUT = 60 * 60


def _fresh_version():
    """A number no earlier version had: the cache may lose the version key (culling, an
    eviction, a restart of Redis), and counting again from 1 would serve old entries."""
    return time.time_ns()


def data_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _fresh_version(), None)
        version = cache.get(VERSION_KEY)
    return version


def bump(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, _fresh_version(), None)


def key(*parts):
    """A cache key for these parts at the current data version, for this release."""
    text = "|".join(str(part) for part in (release(), data_version(), *parts))
    return "hub:derived:" + hashlib.sha256(text.encode()).hexdigest()


# What cached figures and page fragments are made by: the code, the templates and the
# translations. Redis and the file cache outlive a deploy; a fragment rendered by the
# templates of the release before must not be served by the next one.
RELEASE_FOLDERS = ("hub", "municipalities", "services", "pilots", "templates", "locale")
RELEASE_SUFFIXES = {".py", ".html", ".txt", ".mo"}


@functools.cache
def release():
    """A fingerprint of this release: the same in every worker and on every host that
    runs the same files, another after any change to them (read once per process)."""
    return release_fingerprint(Path(settings.BASE_DIR))


def release_fingerprint(root):
    digest = hashlib.sha256()
    for folder in RELEASE_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in RELEASE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(root)).encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _changed(sender, **kwargs):
    if sender._meta.app_label not in APPS:
        return
    if set(kwargs.get("update_fields") or ()) == {"last_login"}:
        return  # a login changes nothing anyone counts
    bump()


def connect():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"hub.cache.{signal}")
