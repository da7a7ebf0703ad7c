"""Content negotiation: the media type of an answer, from ``Accept`` or a ``format`` parameter.

The server's preference breaks ties between equal ``q`` values; ``*/*`` (and
no ``Accept`` at all) gets the first of the offered types.
"""

from __future__ import annotations

from mapper.errors import NotAcceptable
from mapper.rdf.formats import ALIASES, DOCUMENTS, FORMAT_NAMES, GRAPHS, RESULTS

__all__ = ["ALIASES", "DOCUMENTS", "FORMAT_NAMES", "GRAPHS", "RESULTS", "NotAcceptable", "choose"]


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

