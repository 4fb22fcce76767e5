"""What a server process does once, after Django is set up and before the first request."""

import gc

from django.urls import get_resolver

from hub import cache as derived


def settle():
    """Load the URLconf, then freeze what start-up made out of the collector's reach.

    A Django process holds some hundred thousand long-lived objects after start-up
    (modules, models, the URL resolver). Python's full collections walk every one of them,
    every few dozen requests, for 40 to 90 ms on this machine: those were the slowest 5 %
    of the requests in `make bench`. Frozen (`gc.freeze()`), they are left out of every
    collection, and a full pass takes a few milliseconds. Nothing is leaked: frozen objects
    live as long as the process, as they would anyway.

    Then read the release's fingerprint (`hub.cache.release`), which every cache key
    carries, so that no request waits for it.
    """
    get_resolver().url_patterns  # noqa: B018 (imports every view now, not on request one)
    gc.collect()
    gc.freeze()
    derived.release()
