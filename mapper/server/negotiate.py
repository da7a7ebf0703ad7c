"""Content negotiation: the media type of an answer, from ``Accept`` or a ``format`` parameter.

The server's preference breaks ties between equal ``q`` values; ``*/*`` (and
no ``Accept`` at all) gets the first of the offered types.
"""

from __future__ import annotations

# SELECT and ASK results.
RESULTS = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values")
# CONSTRUCT and DESCRIBE results, and resource descriptions.
GRAPHS = ("text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml", "application/n-quads", "application/trig")

# Names people and clients use for the same types.
ALIASES = {
    "application/json": ("application/sparql-results+json", "application/ld+json"),
    "application/xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "text/xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "application/x-turtle": ("text/turtle",),
    "text/n3": ("text/turtle",),  # Turtle is a subset of N3
    "text/plain": ("application/n-triples",),
    "application/x-trig": ("application/trig",),
    "text/x-nquads": ("application/n-quads",),
}

# The ``format`` parameter (and file suffixes of resource documents).
FORMAT_NAMES = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",),
    "ttl": ("text/turtle",),
    "turtle": ("text/turtle",),
    "jsonld": ("application/ld+json",),
    "json-ld": ("application/ld+json",),
    "nt": ("application/n-triples",),
    "ntriples": ("application/n-triples",),
    "n-triples": ("application/n-triples",),
    "rdf": ("application/rdf+xml",),
    "rdfxml": ("application/rdf+xml",),
    "nq": ("application/n-quads",),
    "nquads": ("application/n-quads",),
    "n-quads": ("application/n-quads",),
    "trig": ("application/trig",),
    "html": ("text/html",),
}

SUFFIXES = {".ttl": "text/turtle", ".jsonld": "application/ld+json", ".nt": "application/n-triples",
            ".rdf": "application/rdf+xml", ".html": "text/html"}


class NotAcceptable(Exception):
    def __init__(self, offered: tuple[str, ...]):
        super().__init__("none of the requested media types can be given; this resource is available as " + ", ".join(offered))
        self.offered = offered


def _ranges(accept: str) -> list[tuple[str, float]]:
    out = []
    for item in accept.split(","):
        media, *params = [part.strip() for part in item.split(";")]
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media:
            out.append((media.lower(), q))
    return out


def _matches(media_range: str, offered: str) -> bool:
    if media_range in ("*/*", offered):
        return True
    if media_range.endswith("/*"):
        return offered.startswith(media_range[:-1])
    return offered in ALIASES.get(media_range, ())


def choose(offered: tuple[str, ...], accept: str | None, formats: tuple[str, ...] | str | None = ()) -> str:
    """The media type to answer with, from ``offered`` (in preference order).

    ``formats`` are ``format`` parameters (names such as ``json`` or media types); the first one
    that names an offered type wins over ``Accept``.
    """
    if isinstance(formats, str):
        formats = (formats,)
    for name in formats or ():
        key = name.strip().lower()
        candidates = FORMAT_NAMES.get(key) or ((key,) if "/" in key else ())
        for media in offered:
            if media in candidates or any(_matches(c, media) for c in candidates):
                return media
    if formats:
        raise NotAcceptable(offered)
    if not accept or not accept.strip():
        return offered[0]
    best, best_q = None, 0.0
    ranges = _ranges(accept)
    for media in offered:
        # the most specific range that matches decides this type's q
        qs = [(0 if r == "*/*" else 1 if r.endswith("/*") else 2, q) for r, q in ranges if _matches(r, media)]
        if not qs:
            continue
        q = max(qs)[1]
        if q > best_q:
            best, best_q = media, q
    if best is None:
        raise NotAcceptable(offered)
    return best

