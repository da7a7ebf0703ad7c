"""Topics: the themes of ``topics.toml`` a text unit speaks of, with the words that say so.

One mention per topic and unit, at its first trigger; the patterns are data,
reviewed with the scheme they belong to. The names of known bodies are masked
first (the Commission on Science and Technology for Development is not a
statement on science); a body dedicated to a theme (``topics`` in
``bodies.toml``: the Internet Governance Forum) triggers it by being named.
"""

from __future__ import annotations

import re
from functools import cache

from ..facts import BodyMention, Span, TopicMention
from .authority import authorities


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (t.key, re.compile(rf"(?<![\w-])(?:{'|'.join(t.patterns)})(?![\w-])", re.I))
        for t in authorities().topics.values()
    )


def topics(text: str, bodies: tuple[BodyMention, ...] = ()) -> tuple[TopicMention, ...]:
    named = [b for b in bodies if b.known and not b.anaphoric]
    chars = list(text)
    for b in named:
        chars[b.span.start:b.span.end] = "\0" * (b.span.end - b.span.start)
    masked = "".join(chars)
    first: dict[str, TopicMention] = {}
    for key, pattern in _patterns():
        m = pattern.search(masked)
        if m:
            first[key] = TopicMention(key, Span(m.start(), m.end()), text[m.start():m.end()])
    table = authorities().bodies
    for b in named:
        for key in table[b.body].topics:
            if key not in first or b.span.start < first[key].span.start:
                first[key] = TopicMention(key, b.span, b.text)
    return tuple(sorted(first.values(), key=lambda t: (t.span.start, t.topic)))
