"""Human-readable documentation of the ontology, made with pyLODE."""

from __future__ import annotations

import logging
import re
from pathlib import Path


def ontology_html(path: Path) -> str:
    """pyLODE's HTML for the ontology at ``path``, with nothing that varies between runs."""
    root = logging.getLogger()
    level = root.level
    try:
        from pylode import OntPub  # pyLODE configures the root logger on import: quiet it

        root.setLevel(logging.WARNING)
        html = OntPub(ontology=str(path)).make_html()
    finally:
        root.setLevel(level if level not in (logging.NOTSET, logging.DEBUG, logging.INFO) else logging.WARNING)
    # pyLODE numbers anonymous nodes in parse order; keep their labels stable.
    counter: dict[str, str] = {}
    html = re.sub(r"\b(N[0-9a-f]{32})\b", lambda m: counter.setdefault(m.group(1), f"b{len(counter)}"), html)
    return sorted_unions(html)


def sorted_unions(html: str) -> str:
    """``html`` with the classes of each union ("resolution or annex") sorted: pyLODE lists them from a
    Python set, in the order of the run's string hashes."""
    return _UNION.sub(lambda m: m.group("sep").join(sorted(_ITEM.findall(m.group("items")))), html)


_ITEM = re.compile(r"<span>(?:(?!</?span\b).)*</span>", re.S)
_UNION = re.compile(
    r"(?P<items>(?:<span>(?:(?!</?span\b).)*</span>(?P<sep>\s*<span class=\"cardinality\">(?:or|and)</span>\s*))+"
    r"<span>(?:(?!</?span\b).)*</span>)",
    re.S,
)
