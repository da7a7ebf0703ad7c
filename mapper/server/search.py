"""Full-text search over the index ``ungakg build`` writes beside the store (``mapper.publish.search``).

What a person types is read as a search, never as the engine's syntax:

==================  ====================================================
``digital divide``  units with both words, in any order (stemmed: "divides" too)
``"digital divide"``  the phrase
``broad*``          words starting with "broad"
``ict OR broadband``  either
``-gender``         without the word (beside at least one word to find)
==================  ====================================================

Results are ranked by BM25, with snippets, facet counts over every match, and
filters on facet values (``session=64``, ``part=operative``, ``body=secretary-general``).
The same index answers the SPARQL function ``search:score`` (``functions``), in the
query workers.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from markupsafe import Markup, escape

from mapper.errors import Refused
from mapper.publish.search import FACETS

SEARCH = "https://w3id.org/ungakg/search#"  # the namespace of the SPARQL functions
OPEN, CLOSE = "\x02", "\x03"  # what the engine puts around a match in a snippet, before escaping
MAX_QUERY = 500  # characters
MAX_TERMS = 32
MIN_PREFIX = 2  # letters before a * (the index keeps prefixes of 2 and 3 letters)
_TOKEN = re.compile(r'(-?)"([^"]*)"(\*?)|(\S+)')


@dataclass
class Hit:
    iri: str
    resolution: str
    symbol: str
    eid: str
    label: str
    kind: str
    snippet: str  # the text around the matches, with OPEN and CLOSE around each match
    score: float


@dataclass
class Named:
    """A resolution naming something, and where: (eId, the unit's label, its text, start, end) in reading order."""

    resolution: str
    date: str
    places: list[tuple[str, str, str, int, int]]


@dataclass
class Results:
    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)  # name -> [(value, label, count)]
    filters: dict[str, str] = field(default_factory=dict)
    labels: dict[tuple[str, str], str] = field(default_factory=dict)  # (facet, value) -> label, for the filters


def match_expression(query: str) -> str:
    """The FTS5 expression for what a person typed; Refused (400) when there is nothing to find.

    Every word and phrase is passed as an FTS5 string (quoted, its quotes doubled), so no
    input is read as the engine's syntax: ``NEAR(``, ``col:``, ``^`` and the like are words.
    """
    if len(query) > MAX_QUERY:
        raise Refused(400, f"the search is over {MAX_QUERY} characters")
    positive: list[str] = []
    negative: list[str] = []
    pending_or = False
    for m in _TOKEN.finditer(query):
        if m.group(4) is not None:
            word = m.group(4)
            if word == "OR" and positive:
                pending_or = True
                continue
            minus, prefix = word.startswith("-") and len(word) > 1, word.endswith("*") and len(word.strip("*-")) > 0
            text = word.removeprefix("-") if minus else word
            text = (text.rstrip("*") if prefix else text).replace('"', " ").strip()  # an unclosed quote is no phrase
        else:
            minus, text, prefix = m.group(1) == "-", m.group(2), m.group(3) == "*"
        if not re.search(r"\w", text):
            continue
        if prefix and len(re.sub(r"\W", "", text)) < MIN_PREFIX:
            raise Refused(400, f"a prefix search needs {MIN_PREFIX} letters or more before the *: {text}*")
        term = '"' + text.replace('"', '""') + '"' + ("*" if prefix else "")
        if minus:
            negative.append(term)
        elif pending_or:
            positive[-1] = f"{positive[-1]} OR {term}"
            pending_or = False
        else:
            positive.append(term)
    if not positive:
        raise Refused(400, "nothing to search for: give at least one word" + (" besides the excluded ones" if negative else ""))
    if len(positive) + len(negative) > MAX_TERMS:
        raise Refused(400, f"the search has over {MAX_TERMS} words")
    expression = " AND ".join(f"({p})" for p in positive)
    for n in negative:
        expression = f"({expression}) NOT {n}"
    return expression


class Index:
    """The search index of one build, read-only (one connection per thread that asks)."""

    def __init__(self, path: Path):
        self.path = path
        self._uri = f"file:{path}?mode=ro&immutable=1"
        with self._connect() as db:
            self.labels = {(n, v): label for n, v, label in db.execute("SELECT name, value, label FROM facet_label")}
            self.size = db.execute("SELECT COUNT(*) FROM unit").fetchone()[0]

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self._uri, uri=True, check_same_thread=False)

    def search(self, query: str, filters: dict[str, str] | None = None, offset: int = 0, limit: int = 20,
               timeout: float | None = None) -> Results:
        """The units matching ``query`` and ``filters``, ``limit`` of them from ``offset``, with the facets of all.
        A search still running after ``timeout`` seconds is stopped (Refused, 503)."""
        expression = match_expression(query)
        filters = {k: v for k, v in (filters or {}).items() if k in FACETS and v}
        where, args = ["text MATCH ?"], [expression]
        for name, v in sorted(filters.items()):
            where.append("text.rowid IN (SELECT unit FROM facet WHERE name = ? AND value = ?)")
            args += [name, v]
        matching = " AND ".join(where)
        with self._connect() as db:
            if timeout is not None:
                deadline = time.monotonic() + timeout
                db.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
            try:
                total = db.execute(f"SELECT COUNT(*) FROM text WHERE {matching}", args).fetchone()[0]
                rows = db.execute(
                    f"""SELECT u.iri, u.resolution, u.symbol, u.eid, u.label, u.kind,
                        snippet(text, 0, '{OPEN}', '{CLOSE}', '…', 32), -bm25(text)
                        FROM text JOIN unit u ON u.id = text.rowid WHERE {matching}
                        ORDER BY bm25(text), text.rowid LIMIT ? OFFSET ?""", [*args, limit, offset]).fetchall()
                counts = db.execute(f"SELECT name, value, COUNT(*) FROM facet WHERE unit IN (SELECT text.rowid FROM text WHERE {matching}) "
                                    "GROUP BY name, value", args).fetchall()
            except sqlite3.OperationalError as e:
                if "interrupted" in str(e):
                    raise Refused(503, f"the search took over {timeout:g} seconds and was stopped; narrow it", {"Retry-After": "5"}) from None
                raise Refused(400, f"the search cannot be read: {e}") from None  # never expected: every term is quoted
        facets: dict[str, list[tuple[str, str, int]]] = {name: [] for name in FACETS}
        for name, v, n in counts:
            facets[name].append((v, self.labels.get((name, v), v), n))
        for name, values in facets.items():
            values.sort(key=lambda x: (-x[2], _natural(x[0])) if name not in ("session", "year") else (-_int(x[0]), x[0]))
        labels = {(n, v): self.labels.get((n, v), v) for n, v in filters.items()}
        return Results(query, total, [Hit(*row) for row in rows], facets, filters, labels)

    def named(self, target: str, offset: int = 0, limit: int = 50) -> tuple[int, list[Named]]:
        """Where resolutions name or cite ``target``: how many resolutions do, and ``limit`` of them from ``offset``,
        newest first, each with its units in reading order and where in each the name stands."""
        with self._connect() as db:
            total = db.execute("SELECT COUNT(DISTINCT u.resolution) FROM name n JOIN unit u ON u.id = n.unit WHERE n.target = ?",
                               [target]).fetchone()[0]
            page = db.execute("SELECT u.resolution, MAX(u.date) AS d FROM name n JOIN unit u ON u.id = n.unit WHERE n.target = ? "
                              "GROUP BY u.resolution ORDER BY d DESC, u.resolution DESC LIMIT ? OFFSET ?", [target, limit, offset]).fetchall()
            out = {r: Named(r, d, []) for r, d in page}
            if out:
                marks = ",".join("?" * len(out))
                for resolution, eid, label, text, start, end in db.execute(
                        f"SELECT u.resolution, u.eid, u.label, t.body, n.start, n.\"end\" FROM name n JOIN unit u ON u.id = n.unit "
                        f"JOIN text t ON t.rowid = u.id WHERE n.target = ? AND u.resolution IN ({marks}) ORDER BY u.ord, n.start",
                        [target, *out]):
                    out[resolution].places.append((eid, label, text, start, end))
        return total, list(out.values())

    def scores(self, query: str) -> dict[str, float]:
        """Every matching unit's IRI with its score (higher is better), for the SPARQL function."""
        expression = match_expression(query)
        with self._connect() as db:
            return {iri: -rank for iri, rank in db.execute(
                "SELECT u.iri, bm25(text) FROM text JOIN unit u ON u.id = text.rowid WHERE text MATCH ?", [expression])}


def snippet_html(snippet: str) -> Markup:
    """A snippet as HTML: the text escaped, each match in ``<mark>``."""
    return Markup(str(escape(snippet)).replace(OPEN, "<mark>").replace(CLOSE, "</mark>"))


def search_json(results: Results, href) -> dict:
    """What ``/search`` answers a program: the hits (the unit's own IRI first), their snippets as HTML, the facets."""
    return {
        "query": results.query,
        "total": results.total,
        "filters": results.filters,
        "hits": [{"iri": h.iri, "resolution": h.resolution, "symbol": h.symbol, "eId": h.eid, "label": h.label, "part": h.kind,
                  "snippet": str(snippet_html(h.snippet)), "score": round(h.score, 4), "page": href(h.resolution) + "#" + h.eid}
                 for h in results.hits],
        "facets": {name: [{"value": v, "label": label, "count": n} for v, label, n in values] for name, values in results.facets.items()},
    }


def _int(text: str) -> int:
    return int(text) if text.isdigit() else -1


def _natural(text: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))


class Functions:
    """The SPARQL functions of the index, for one query: ``search:score(?unit, "words")``.

    ``search:score`` gives the unit's score (an ``xsd:double``, higher is better) when the unit
    matches the search, and no value otherwise, so ``FILTER(BOUND(?score))`` keeps the matches::

        PREFIX search: <https://w3id.org/ungakg/search#>
        SELECT ?p ?score WHERE {
          ?p a unga:OperativeParagraph ; schema:text ?text .
          BIND(search:score(?p, "broadband") AS ?score)
          FILTER(BOUND(?score))
        } ORDER BY DESC(?score)

    Each distinct search of a query is run once, when first asked.
    """

    def __init__(self, index: Index | None):
        self.index = index
        self._cache: dict[str, dict[str, float]] = {}

    def score(self, unit, words) -> ox.Literal | None:
        if not isinstance(unit, ox.NamedNode) or not isinstance(words, ox.Literal):
            return None
        if self.index is None:
            raise ValueError("this build has no search index")
        found = self._cache.get(words.value)
        if found is None:
            found = self._cache[words.value] = self.index.scores(words.value)
        s = found.get(unit.value)
        return None if s is None else ox.Literal(repr(round(s, 6)), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#double"))

    def table(self) -> dict[ox.NamedNode, Callable[..., ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None]]:
        return {ox.NamedNode(SEARCH + "score"): self.score}
