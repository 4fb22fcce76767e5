"""Walk every URL pattern of the project and build a concrete path for each."""

from django.urls import URLPattern, URLResolver, get_resolver


def url_patterns(patterns=None, prefix="", namespace=""):
    """Yield (key, route) for every pattern: the URL name, or the route for unnamed ones."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            yield (namespace + pattern.name if pattern.name else route), route
