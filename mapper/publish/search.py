"""The full-text index of every paragraph, sub-paragraph, footnote and annex paragraph, beside the store.

``ungakg build`` writes it from the store it has just loaded (so it indexes
exactly what SPARQL answers), into the folder ``published/.store/search/``; it is
swapped in with the store and rebuilt with it when the dumps change.

The engine is tantivy (``text/``: the English stemmer, phrases, BM25 ranking,
snippets, and the facets as fast fields counted by aggregation), chosen by
measuring it against SQLite's FTS5 on the 10,000-resolution graph (BENCHMARKS.md
"Search": FTS5 took 0.2 to 110 s where tantivy takes 3 to 28 ms). Beside it,
``units.sqlite`` holds what pages show of each unit (its IRI, resolution, label,
date), the facet values with their labels, and every name and citation read
from a unit with the characters it stands at. One document per unit, with what
the search page facets on:

========== ===========================================================
session    the Assembly's session number (``ES-10`` for an emergency special one)
year       the year of adoption
committee  the Main Committee on whose report it was adopted, or ``plenary``
part       ``preambular``, ``operative``, ``annex`` or ``footnote`` (a sub-paragraph is in its paragraph's part)
verb       the clause verb of the paragraph (``request``), for a sub-paragraph its paragraph's
body       every body the unit names (many values)
event      every event or event series it names (many values)
place      every place it names (many values)
topic      every topic the unit speaks of (many values)
========== ===========================================================

Each facet value is stored with its label, so the server shows and counts them
without asking the store. Beside them, every name and citation read from a unit, with
the characters it stands at (table ``name``): a body's, event's, place's or document's
page lists where resolutions name it from there, at any size of the graph.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from mapper.rdf.namespaces import DCTERMS, ELI, RDF, RDFS, SCHEMA, SKOS, UNGA

INDEX = "search"  # the folder, in the store's
UNITS = "units.sqlite"
TEXT = "text"  # the tantivy index, in INDEX
TOKENIZER = "en_stem"  # tantivy's: lower case, English stems
FACETS = ("session", "year", "committee", "part", "verb", "body", "event", "place", "topic")
MANY = frozenset({"body", "event", "place", "topic"})  # facets a unit may have several values of
_NAMED = ("body", "event", "place")  # what the facts read from a unit name, by the kind of IRI they name

_KINDS = {
    UNGA.PreambularParagraph.value: "preambular",
    UNGA.OperativeParagraph.value: "operative",
    UNGA.AnnexParagraph.value: "annex",
    UNGA.Subparagraph.value: "subparagraph",
    UNGA.Footnote.value: "footnote",
}
_DEFAULT = ox.DefaultGraph()


@dataclass
class Unit:
    iri: str
    resolution: str
    kind: str  # preambular, operative, annex, subparagraph, footnote
    eid: str
    text: str
    label: str  # "A/RES/64/187, operative paragraph 1"
    order: int  # the unit's rank in its resolution's text, for a stable order of equal scores
    facets: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # facet -> [(value, label)]
    date: str = ""  # its resolution's date of adoption
    names: list[tuple[str, int, int]] = field(default_factory=list)  # (IRI, start, end): what facts read from it name or cite


def objects(store: ox.Store, predicate: ox.NamedNode) -> dict[str, list]:
    """Every subject of ``predicate`` in the default graph with its objects (read once, for lists over the whole store)."""
    out: dict[str, list] = defaultdict(list)
    for q in store.quads_for_pattern(None, predicate, None, _DEFAULT):
        out[_key(q.subject)].append(q.object)
    return out


def _key(term) -> str:
    """An IRI or blank node's identifier (a quoted triple as N-Triples)."""
    return str(term) if isinstance(term, ox.Triple) else term.value


def _one(values: dict[str, list], subject: str) -> str | None:
    found = values.get(subject)
    return found[0].value if found else None


def units(store: ox.Store) -> list[Unit]:
    """Every unit of text in the store's default graph, with its resolution and facet values, in a stable order."""
    types: dict[str, list] = defaultdict(list)  # the units' and resolutions' classes only (not every fact's)
    for cls in (*_KINDS, UNGA.Resolution.value):
        for q in store.quads_for_pattern(None, RDF.type, ox.NamedNode(cls), _DEFAULT):
            types[_key(q.subject)].append(q.object)
    texts = objects(store, SCHEMA.text)
    part_of = objects(store, ELI.is_part_of)
    eids = objects(store, UNGA.eId)
    labels = objects(store, RDFS.label)
    verbs = objects(store, UNGA.clauseVerb)
    subjects = objects(store, DCTERMS.subject)
    pref = objects(store, SKOS.prefLabel)
    positions = objects(store, SCHEMA.position)
    resolutions = {s for s, ts in types.items() if any(t.value == UNGA.Resolution.value for t in ts)}
    # what a resolution gives every unit of it: session, year, committee
    symbol, session, year, committee = {}, {}, {}, {}
    symbols, sessions, dates = objects(store, UNGA.symbol), objects(store, UNGA.session), objects(store, ELI.date_document)
    reports = objects(store, UNGA.onReportOf)
    for r in resolutions:
        symbol[r] = _one(symbols, r) or r
        s = _one(sessions, r)
        session[r] = [(s.rsplit("/", 1)[-1], _one(labels, s) or s.rsplit("/", 1)[-1])] if s else []
        d = _one(dates, r)
        year[r] = [(d[:4], d[:4])] if d else []
        c = _one(reports, r)
        committee[r] = [(c.rsplit("/", 1)[-1], _one(labels, c) or c)] if c else [("plenary", "Without reference to a Main Committee")]
    # the bodies, events and places each unit names, from the facts read from it
    mentions = objects(store, UNGA.mentions)
    named: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)  # (facet, unit) -> [(value, label)]
    for q in store.quads_for_pattern(None, UNGA.mentionedIn, None, _DEFAULT):
        for target in mentions.get(_key(q.subject), ()):
            kind = target.value.rsplit("/", 2)[-2]  # {base}body/itu, {base}event/igf-4, {base}place/chgva
            facet = kind if kind in _NAMED else None
            if facet is not None:
                entry = (target.value.rsplit("/", 1)[-1], _one(labels, target.value) or _one(pref, target.value) or target.value)
                values = named[facet, _key(q.object)]
                if entry not in values:
                    values.append(entry)
    # every name and citation read from each unit, with where it stands: pages list them by what they name
    spans: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    starts, ends = objects(store, UNGA.start), objects(store, UNGA.end)
    cited = objects(store, UNGA.citedEntity)
    for where, what in ((UNGA.mentionedIn, mentions), (UNGA.citingParagraph, cited)):
        for q in store.quads_for_pattern(None, where, None, _DEFAULT):
            fact = _key(q.subject)
            start, end = _one(starts, fact), _one(ends, fact)
            if start is not None and end is not None:
                spans[_key(q.object)] += [(t.value, int(start), int(end)) for t in what.get(fact, ()) if isinstance(t, ox.NamedNode)]
    out: list[Unit] = []
    for iri, ts in types.items():
        kind = next((_KINDS[t.value] for t in ts if t.value in _KINDS), None)
        if kind is None or iri not in texts:
            continue
        root = iri
        while root not in resolutions and (parent := _one(part_of, root)) is not None:
            root = parent
        if root not in resolutions:
            continue  # a part of an instrument, not of a resolution
        holder = iri if kind != "subparagraph" else _paragraph_of(iri, part_of, types)
        part = "footnote" if kind == "footnote" else _KINDS.get(next((t.value for t in types.get(holder, ()) if t.value in _KINDS), ""), kind)
        verb = _one(verbs, holder)
        facets: dict[str, list[tuple[str, str]]] = {
            "session": session[root], "year": year[root], "committee": committee[root],
            "part": [(part, part)] if part != "subparagraph" else [],
            "verb": [(verb.rsplit("/", 1)[-1], _one(pref, verb) or verb.rsplit("/", 1)[-1])] if verb else [],
            **{f: named.get((f, iri), []) for f in _NAMED},
            "topic": sorted({(t.value.rsplit("/", 1)[-1], _one(pref, t.value) or t.value) for t in subjects.get(iri, ())}),
        }
        eid = _one(eids, iri) or ""
        out.append(Unit(iri, root, kind, eid, texts[iri][0].value, _one(labels, iri) or symbol[root],
                        _position(eid, _one(positions, iri)), facets, _one(dates, root) or "", sorted(set(spans.get(iri, ())))))
    out.sort(key=lambda u: (u.resolution, u.order, u.eid))
    return out


def _paragraph_of(iri: str, part_of: dict[str, list], types: dict[str, list]) -> str:
    """The paragraph a sub-paragraph (or a sub-paragraph's sub-paragraph) is in."""
    node = iri
    while (parent := _one(part_of, node)) is not None:
        if any(t.value in _KINDS and _KINDS[t.value] != "subparagraph" for t in types.get(parent, ())):
            return parent
        node = parent
    return iri


def _position(eid: str, position: str | None) -> int:
    """A sort key that keeps a resolution's units in reading order: preamble, operative, annexes, footnotes."""
    rank = 0 if eid.startswith("preamble") else 3 if eid.startswith("footnote") else 2 if "annex" in eid else 1
    numbers = [int(n) for n in re.findall(r"\d+", eid)[:3]] + [0, 0, 0]
    return rank * 10**9 + numbers[0] * 10**6 + numbers[1] * 10**3 + numbers[2]


def write_index(items: list[Unit], folder: Path) -> None:
    """Write the index of ``items`` into ``folder`` (made anew)."""
    import tantivy

    if folder.exists():
        shutil.rmtree(folder)
    (folder / TEXT).mkdir(parents=True)
    db = sqlite3.connect(folder / UNITS)
    try:
        db.executescript("""
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 8192;
            CREATE TABLE unit (id INTEGER PRIMARY KEY, iri TEXT NOT NULL, resolution TEXT NOT NULL, symbol TEXT NOT NULL,
                               kind TEXT NOT NULL, eid TEXT NOT NULL, label TEXT NOT NULL, date TEXT NOT NULL, ord INTEGER NOT NULL,
                               body TEXT NOT NULL);
            CREATE TABLE name (unit INTEGER NOT NULL, target TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                               resolution TEXT NOT NULL);
            CREATE TABLE facet (unit INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL);
            CREATE TABLE facet_label (name TEXT NOT NULL, value TEXT NOT NULL, label TEXT NOT NULL, PRIMARY KEY (name, value));
        """)
        writer = schema_index(folder / TEXT).writer(heap_size=200_000_000, num_threads=1)
        labels: dict[tuple[str, str], str] = {}
        for i, u in enumerate(items, 1):
            symbol = u.label.split(",", 1)[0].split(":", 1)[0]
            db.execute("INSERT INTO unit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (i, u.iri, u.resolution, symbol, u.kind, u.eid, u.label, u.date, u.order, u.text))
            db.executemany("INSERT INTO name VALUES (?, ?, ?, ?, ?)", [(i, target, a, b, u.resolution) for target, a, b in u.names])
            doc = tantivy.Document(text=u.text, id=i)
            for name, values in u.facets.items():
                for v, label in values:
                    db.execute("INSERT INTO facet VALUES (?, ?, ?)", (i, name, v))
                    doc.add_text(name, v)
                    labels.setdefault((name, v), label)
            writer.add_document(doc)
        writer.commit()
        writer.wait_merging_threads()
        db.executemany("INSERT INTO facet_label VALUES (?, ?, ?)", [(n, v, label) for (n, v), label in sorted(labels.items())])
        db.executescript("""
            CREATE INDEX facet_by_value ON facet (name, value, unit);
            CREATE INDEX name_by_target ON name (target, resolution, unit);
            -- each resolution naming each thing once, newest first: a page of "Named in" at any size of the graph
            CREATE TABLE named AS SELECT n.target, n.resolution, MAX(u.date) AS date FROM name n JOIN unit u ON u.id = n.unit
                GROUP BY n.target, n.resolution;
            CREATE INDEX named_by_target ON named (target, date DESC, resolution DESC);
            CREATE INDEX unit_by_resolution ON unit (resolution, ord);
        """)
        db.commit()
    finally:
        db.close()


def schema_index(folder: Path, create: bool = True):
    """The tantivy index in ``folder``: the text (stemmed, stored for snippets), the unit's id, each facet a fast field."""
    import tantivy

    if not create:
        return tantivy.Index.open(str(folder))
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("text", stored=True, tokenizer_name=TOKENIZER)
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    for name in FACETS:
        builder.add_text_field(name, stored=False, tokenizer_name="raw", fast=True)
    return tantivy.Index(builder.build(), path=str(folder))


def build_index(store: ox.Store, folder: Path) -> int:
    """Index every unit of ``store`` into ``folder``; the number of units indexed."""
    items = units(store)
    write_index(items, folder)
    return len(items)
