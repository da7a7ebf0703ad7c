"""Full-text search over the index ``ungakg build`` writes beside the store (``mapper.publish.search``).

What a person types is read as a search, never as the engine's syntax:

==================  ====================================================
``digital divide``  units with both words, in any order (stemmed: "divides" too)
``"digital divide"``  the phrase
``broad*``          words starting with "broad"
``ict OR broadband``  either
``-gender``         without the word (beside at least one word to find)
==================  ====================================================

Results are ranked by BM25 (tantivy), with snippets, facet counts over every match
(tantivy's aggregations over fast fields), and filters on facet values
(``session=64``, ``part=operative``, ``body=secretary-general``).
The same index answers the SPARQL function ``search:score`` (``functions``), in the
query workers.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from markupsafe import Markup, escape

from mapper.errors import Refused
from mapper.publish.search import FACETS, TEXT, UNITS, schema_index

SEARCH = "https://w3id.org/ungakg/search#"  # the namespace of the SPARQL functions
OPEN, CLOSE = "\x02", "\x03"  # what the engine puts around a match in a snippet, before escaping
MAX_QUERY = 500  # characters
MAX_TERMS = 32
MIN_PREFIX = 2  # letters before a *
SNIPPET_CHARS = 240
FACET_VALUES = 200  # values counted per facet
SCORED = 100_000  # units a search:score call knows of, at most
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


@dataclass(frozen=True)
class Term:
    """One thing to find, as a person typed it: a word or a phrase, perhaps a prefix (``broad*``)."""

    text: str
    prefix: bool = False


def read_search(query: str) -> tuple[list[list[Term]], list[Term]]:
    """What a person typed, as words, never as the engine's syntax: the groups of which each match has one (the
    words of a group joined by OR), and the words no match has. Refused (400) when there is nothing to find."""
    if len(query) > MAX_QUERY:
        raise Refused(400, f"the search is over {MAX_QUERY} characters")
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    pending_or = False
    for m in _TOKEN.finditer(query):
        if m.group(4) is not None:
            word = m.group(4)
            if word == "OR" and groups:
                pending_or = True
                continue
            minus, prefix = word.startswith("-") and len(word) > 1, word.endswith("*") and len(word.strip("*-")) > 0
            text = word.removeprefix("-") if minus else word
            text = (text.rstrip("*") if prefix else text).replace('"', " ").strip()  # an unclosed quote is no phrase
        else:
            minus, text, prefix = m.group(1) == "-", m.group(2), m.group(3) == "*"
        words = re.findall(r"\w+", text)
        if not words:
            continue
        if prefix and len(words[-1]) < MIN_PREFIX:
            raise Refused(400, f"a prefix search needs {MIN_PREFIX} letters or more before the *: {text}*")
        term = Term(" ".join(words), prefix)
        if minus:
            excluded.append(term)
        elif pending_or:
            groups[-1].append(term)
            pending_or = False
        else:
            groups.append([term])
    if not groups:
        raise Refused(400, "nothing to search for: give at least one word" + (" besides the excluded ones" if excluded else ""))
    if sum(map(len, groups)) + len(excluded) > MAX_TERMS:
        raise Refused(400, f"the search has over {MAX_TERMS} words")
    return groups, excluded


class Index:
    """The search index of one build, read-only: the text in tantivy, what pages show of each unit in SQLite."""

    def __init__(self, folder: Path):
        import tantivy

        self.folder = folder
        self._tantivy = tantivy
        self.text = schema_index(folder / TEXT, create=False)
        self.schema = self.text.schema
        self._uri = f"file:{folder / UNITS}?mode=ro&immutable=1"
        with self._connect() as db:
            self.labels = {(n, v): label for n, v, label in db.execute("SELECT name, value, label FROM facet_label")}
            self.size = db.execute("SELECT COUNT(*) FROM unit").fetchone()[0]

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self._uri, uri=True, check_same_thread=False)

    def _query(self, query: str, filters: dict[str, str] | None = None):
        """The engine's query for what a person typed: every group must match, no excluded word may, the filters hold."""
        t = self._tantivy
        groups, excluded = read_search(query)
        clauses = []
        for group in groups:
            options = [self._term(term) for term in group]
            clauses.append((t.Occur.Must, options[0] if len(options) == 1 else t.Query.boolean_query([(t.Occur.Should, q) for q in options])))
        clauses += [(t.Occur.MustNot, self._term(term)) for term in excluded]
        for name, v in sorted((filters or {}).items()):
            clauses.append((t.Occur.Must, t.Query.term_query(self.schema, name, v)))
        return t.Query.boolean_query(clauses)

    def _term(self, term: Term):
        """A word or a phrase, analyzed as the text was (stemmed); a prefix matches the words that start so."""
        t = self._tantivy
        words = term.text.split()
        if term.prefix:
            head = [self.text.parse_query(f'"{w}"', ["text"]) for w in words[:-1]]
            last = t.Query.regex_query(self.schema, "text", re.escape(words[-1].lower()) + ".*")
            return last if not head else t.Query.boolean_query([(t.Occur.Must, q) for q in [*head, last]])
        return self.text.parse_query('"' + " ".join(words) + '"', ["text"])

    def search(self, query: str, filters: dict[str, str] | None = None, offset: int = 0, limit: int = 20) -> Results:
        """The units matching ``query`` and ``filters``, ``limit`` of them from ``offset``, with the facets of all."""
        filters = {k: v for k, v in (filters or {}).items() if k in FACETS and v}
        q = self._query(query, filters)
        searcher = self.text.searcher()
        found = searcher.search(q, limit, count=True, offset=offset)
        snippets = self._tantivy.SnippetGenerator.create(searcher, q, self.schema, "text")
        snippets.set_max_num_chars(SNIPPET_CHARS)
        ids, marked, scores = [], {}, {}
        for score, address in found.hits:
            doc = searcher.doc(address)
            i = doc["id"][0]
            ids.append(i)
            marked[i] = _marked(snippets.snippet_from_doc(doc), doc["text"][0])
            scores[i] = score
        rows = {}
        if ids:
            with self._connect() as db:
                rows = {row[0]: row[1:] for row in db.execute(
                    f"SELECT id, iri, resolution, symbol, eid, label, kind FROM unit WHERE id IN ({','.join('?' * len(ids))})", ids)}
        hits = [Hit(iri, resolution, symbol, eid, label, kind, marked[i], scores[i])
                for i in ids if i in rows for iri, resolution, symbol, eid, label, kind in [rows[i]]]
        aggregated = searcher.aggregate(q, {name: {"terms": {"field": name, "size": FACET_VALUES}} for name in FACETS})
        facets: dict[str, list[tuple[str, str, int]]] = {name: [] for name in FACETS}
        for name in FACETS:
            for bucket in aggregated.get(name, {}).get("buckets", []):
                v = str(bucket["key"])
                facets[name].append((v, self.labels.get((name, v), v), int(bucket["doc_count"])))
        for name, values in facets.items():
            values.sort(key=lambda x: (-x[2], _natural(x[0])) if name not in ("session", "year") else (-_int(x[0]), x[0]))
        labels = {(n, v): self.labels.get((n, v), v) for n, v in filters.items()}
        return Results(query, found.count or 0, hits, facets, filters, labels)

    def scores(self, query: str) -> dict[str, float]:
        """Every matching unit's IRI with its score (higher is better), for the SPARQL function (at most SCORED)."""
        q = self._query(query)
        searcher = self.text.searcher()
        found = searcher.search(q, SCORED, count=False)
        score = {searcher.doc(a)["id"][0]: s for s, a in found.hits}
        out: dict[str, float] = {}
        ids = list(score)
        with self._connect() as db:
            for start in range(0, len(ids), 900):
                chunk = ids[start:start + 900]
                for i, iri in db.execute(f"SELECT id, iri FROM unit WHERE id IN ({','.join('?' * len(chunk))})", chunk):
                    out[iri] = score[i]
        return out

    def named(self, target: str, offset: int = 0, limit: int = 50) -> tuple[int, list[Named]]:
        """Where resolutions name or cite ``target``: how many resolutions do, and ``limit`` of them from ``offset``,
        newest first, each with its units in reading order and where in each the name stands."""
        with self._connect() as db:
            total = db.execute("SELECT COUNT(*) FROM named WHERE target = ?", [target]).fetchone()[0]
            page = db.execute("SELECT resolution, date FROM named WHERE target = ? ORDER BY date DESC, resolution DESC LIMIT ? OFFSET ?",
                              [target, limit, offset]).fetchall()
            out = {r: Named(r, d, []) for r, d in page}
            if out:
                marks = ",".join("?" * len(out))
                for resolution, eid, label, text, start, end in db.execute(
                        f'SELECT u.resolution, u.eid, u.label, u.body, n.start, n."end" FROM name n JOIN unit u ON u.id = n.unit '
                        f"WHERE n.target = ? AND n.resolution IN ({marks}) ORDER BY u.ord, n.start", [target, *out]):
                    out[resolution].places.append((eid, label, text, start, end))
        return total, list(out.values())


def _marked(snippet, text: str) -> str:
    """The snippet's fragment with OPEN and CLOSE around each match, and an ellipsis where the text goes on."""
    fragment = snippet.fragment() or text[:SNIPPET_CHARS]
    raw = fragment.encode()  # the engine's ranges count UTF-8 bytes
    ranges: list[list[int]] = []
    for r in sorted(snippet.highlighted(), key=lambda r: r.start):
        if ranges and not raw[ranges[-1][1]:r.start].strip():  # the words of a phrase: one mark
            ranges[-1][1] = max(ranges[-1][1], r.end)
        else:
            ranges.append([r.start, r.end])
    out, pos = [], 0
    for start, end in ranges:
        out += [raw[pos:start].decode(), OPEN, raw[start:end].decode(), CLOSE]
        pos = end
    out.append(raw[pos:].decode())
    start = max(text.find(fragment), 0)
    return ("…" if start > 0 else "") + "".join(out) + ("…" if start + len(fragment) < len(text) else "")


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
