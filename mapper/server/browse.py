"""The index pages: every resolution, body, event, session, place and topic, for people who browse.

Each list is read once per build from the store (what a thing is called, its kind,
its date, its series) and from the search index (how many resolutions name it),
then kept: a page is a slice of a sorted list, whatever the size of the graph.

- ``/resolution/``: by date (newest first), symbol, session, committee or topic;
  filtered by session, committee or topic.
- ``/body/``, ``/place/``, ``/topic/``: by name or by the number of resolutions that name them.
- ``/event/``: each series with its instances in the series' order (the IGF's
  meetings by ordinal), then the events of no series by date.
- ``/session/``: the Assembly's sessions, newest first, with their resolutions.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

from mapper.publish.search import objects
from mapper.rdf.iris import Iris
from mapper.rdf.namespaces import DCTERMS, ELI, RDF, RDFS, SKOS, UNGA

_DEFAULT = ox.DefaultGraph()
PAGE = 100  # rows a page lists


@dataclass
class Row:
    iri: str
    label: str
    kind: str = ""  # the class, for people ("Main Committee"); a place's kind; a resolution's title
    date: str = ""
    count: int = 0  # resolutions that name it
    sort: tuple = ()
    extra: dict = field(default_factory=dict)


@dataclass
class Listing:
    """One page of a list."""

    rows: list[Row]
    total: int
    page: int
    pages: int
    sort: str
    sorts: tuple[str, ...]
    groups: list[tuple[Row, list[Row]]] = field(default_factory=list)  # for /event/: a series and its instances


def _subjects(store: ox.Store, predicate: ox.NamedNode, obj: ox.NamedNode) -> list[str]:
    return [q.subject.value for q in store.quads_for_pattern(None, predicate, obj, _DEFAULT) if isinstance(q.subject, ox.NamedNode)]


def _first(values: dict[str, list], subject: str) -> str:
    found = values.get(subject)
    return found[0].value if found else ""


def natural(text: str) -> tuple:
    """A key that sorts "A/RES/64/187" before "A/RES/64/1000" and "paragraph 6" before "paragraph 44"."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p.lower()) for p in re.split(r"(\d+)", text) if p)


class Catalogue:
    """The lists of one build, each read when first asked for, then kept."""

    def __init__(self, store: ox.Store, index: Path | None, base: str, classes: dict[str, str]):
        self.store = store
        self.index = index
        self.base = base
        self.iris = Iris(base)
        self.classes = classes  # class IRI -> its label, from the ontology
        self._sorted: dict[str, list[Row]] = {}  # the resolutions in each order asked for

    def warm(self) -> None:
        """Read every list now (a server does it in the background when it opens a build), so that no visitor waits."""
        for name in ("resolutions", "bodies", "places", "topics", "sessions", "events"):
            getattr(self, name)

    # -- counts from the search index ------------------------------------------------

    @cached_property
    def _named(self) -> dict[tuple[str, str], int]:
        """(facet, value) -> how many resolutions have a unit naming it."""
        if self.index is None:
            return {}
        with sqlite3.connect(f"file:{self.index}?mode=ro&immutable=1", uri=True) as db:
            return {(name, v): n for name, v, n in db.execute(
                "SELECT f.name, f.value, COUNT(DISTINCT u.resolution) FROM facet f JOIN unit u ON u.id = f.unit "
                "WHERE f.name IN ('body', 'event', 'place', 'topic') GROUP BY f.name, f.value")}

    # -- the lists -------------------------------------------------------------------

    def _values(self, iri: str, predicate: ox.NamedNode) -> list:
        """The objects of one resource's ``predicate`` (the lists read only what they show, never a whole predicate)."""
        return [q.object for q in self.store.quads_for_pattern(ox.NamedNode(iri), predicate, None, _DEFAULT)]

    def _kind_of(self, iri: str) -> str:
        """What kind of IRI the build minted ``iri`` as ("session", "event" ...), or "" for one it did not."""
        try:
            return self.iris.parse(iri)[0]
        except ValueError:
            return ""

    def _label(self, iri: str) -> str:
        found = self._values(iri, RDFS.label) or self._values(iri, SKOS.prefLabel)
        return found[0].value if found else iri.rsplit("/", 1)[-1]

    def _kind(self, iri: str, skip: tuple[str, ...] = ()) -> str:
        """The most specific class of ``iri`` the ontology names (the one listed last by label, if several)."""
        names = sorted(self.classes[t.value] for t in self._values(iri, RDF.type) if t.value in self.classes and t.value not in skip)
        return names[-1] if names else ""

    @cached_property
    def resolutions(self) -> list[Row]:
        symbols = objects(self.store, UNGA.symbol)
        dates = objects(self.store, ELI.date_document)
        titles = objects(self.store, ELI.title)
        expressions = objects(self.store, ELI.is_realized_by)
        committees = objects(self.store, UNGA.onReportOf)
        labels: dict[str, str] = {}  # of the few sessions, committees and topics, read once each

        def label(iri: str) -> str:
            if iri not in labels:
                labels[iri] = self._label(iri)
            return labels[iri]

        rows = []
        for r in _subjects(self.store, RDF.type, UNGA.Resolution):
            expression = _first(expressions, r)
            session = next((v.value for v in self._values(r, UNGA.session)), "")
            committee = _first(committees, r)
            topics = sorted((label(t.value), t.value) for t in self._values(r, DCTERMS.subject))
            rows.append(Row(r, _first(symbols, r) or r, _first(titles, expression) if expression else "", _first(dates, r), extra={
                "session": session.rsplit("/", 1)[-1] if session else "", "session_label": label(session) if session else "",
                "committee": committee.rsplit("/", 1)[-1] if committee else "plenary",
                "committee_label": label(committee) if committee else "Without reference to a Main Committee",
                "topics": topics}))
        return rows

    def resolution_page(self, sort: str, page: int, filters: dict[str, str]) -> Listing:
        keys = self._resolution_keys()
        sort = sort if sort in keys else next(iter(keys))
        ordered = self._sorted.get(sort)
        if ordered is None:  # each order is sorted once per build
            ordered = self._sorted[sort] = sorted(self.resolutions, key=keys[sort])
        rows = [r for r in ordered
                if all(r.extra[k] == v if k != "topic" else any(t[1].rsplit("/", 1)[-1] == v for t in r.extra["topics"])
                       for k, v in filters.items())]
        pages = max(1, -(-len(rows) // PAGE))
        page = max(1, min(page, pages))
        return Listing(rows[(page - 1) * PAGE: page * PAGE], len(rows), page, pages, sort, tuple(keys))

    def latest(self, n: int) -> list[Row]:
        """The ``n`` resolutions adopted last (the home page's list)."""
        return self.resolution_page("date", 1, {}).rows[:n]

    def _resolution_keys(self) -> dict:
        return {
            "date": lambda r: (_negated(r.date), natural(r.label)),
            "symbol": lambda r: natural(r.label),
            "session": lambda r: (_negated_session(r.extra["session"]), natural(r.label)),
            "committee": lambda r: (r.extra["committee_label"], _negated(r.date), natural(r.label)),
            "topic": lambda r: ((r.extra["topics"][0][0] if r.extra["topics"] else "~"), _negated(r.date), natural(r.label)),
        }

    @cached_property
    def bodies(self) -> list[Row]:
        return self._named_things("body", skip=(UNGA.Body.value,))

    @cached_property
    def places(self) -> list[Row]:
        return self._named_things("place", skip=(UNGA.Place.value,))

    @cached_property
    def topics(self) -> list[Row]:
        scheme = self.iris.topics()
        return [Row(iri, self._label(iri), count=self._named.get(("topic", iri.rsplit("/", 1)[-1]), 0))
                for iri in _subjects(self.store, SKOS.inScheme, ox.NamedNode(scheme))]

    def _named_things(self, facet: str, skip: tuple[str, ...]) -> list[Row]:
        """Every resource under ``{base}{facet}/`` that some resolution names, with its kind and count."""
        mint = {"body": self.iris.body, "place": self.iris.place}[facet]
        return [Row(iri, self._label(iri), self._kind(iri, skip), count=n)
                for (name, key), n in self._named.items() if name == facet and n for iri in [mint(key)]]

    def named_page(self, rows: list[Row], sort: str, page: int) -> Listing:
        keys = {"name": lambda r: natural(r.label), "count": lambda r: (-r.count, natural(r.label)),
                "kind": lambda r: (r.kind, natural(r.label))}
        return _page(rows, keys, sort, page)

    @cached_property
    def sessions(self) -> list[Row]:
        per: dict[str, int] = defaultdict(int)
        for r in self.resolutions:
            per[r.extra["session"]] += 1
        rows = []
        for iri in _subjects(self.store, RDF.type, UNGA.Session):
            key = iri.rsplit("/", 1)[-1]
            if self._kind_of(iri) == "session" and per.get(key):  # the Assembly's, not a commission's
                rows.append(Row(iri, self._label(iri), count=per[key], sort=(_negated_session(key),)))
        return sorted(rows, key=lambda r: r.sort)

    @cached_property
    def events(self) -> list[tuple[Row, list[Row]]]:
        """(series, its instances in order) for every series, then (None-like row, events of no series) by date."""
        in_series = objects(self.store, UNGA.inSeries)
        ordinals = objects(self.store, UNGA.ordinal)
        starts = objects(self.store, ox.NamedNode("https://schema.org/startDate"))
        series: dict[str, list[Row]] = {iri: [] for iri in _subjects(self.store, RDF.type, UNGA.EventSeries)}
        alone: list[Row] = []
        named = {k: n for (f, k), n in self._named.items() if f == "event"}
        # the instances of every series, and every other event some resolution names
        events = set(in_series) | {self.iris.event(k) for k in named}
        for iri in sorted(events):
            if self._kind_of(iri) != "event" or iri in series:
                continue
            key = self.iris.parse(iri)[1]["key"]
            ordinal = _first(ordinals, iri)
            row = Row(iri, self._label(iri), self._kind(iri, (UNGA.Event.value,)), _first(starts, iri), named.get(key, 0),
                      sort=(int(ordinal) if ordinal.isdigit() else 10**6, _first(starts, iri) or "9999", natural(self._label(iri))))
            parent = _first(in_series, iri)
            if parent:
                series.setdefault(parent, []).append(row)
            elif row.count:
                alone.append(row)
        groups = []
        for s, rows in sorted(series.items(), key=lambda kv: natural(self._label(kv[0]))):
            rows.sort(key=lambda r: r.sort)
            key = self.iris.parse(s)[1]["key"] if self._kind_of(s) == "event" else ""
            groups.append((Row(s, self._label(s), "Event series", count=named.get(key, 0)), rows))
        alone.sort(key=lambda r: (r.date or "9999", natural(r.label)))
        if alone:
            groups.append((Row("", "Other events and conferences", ""), alone))
        return groups


def _negated(date: str) -> tuple:
    """Newest first, undated last."""
    return (0, tuple(-ord(c) for c in date)) if date else (1, ())


def _negated_session(session: str) -> tuple:
    digits = re.sub(r"\D", "", session)
    return (0 if not session.startswith(("ES", "S")) else 1, -int(digits) if digits else 0, session)


def _page(rows: list[Row], keys: dict, sort: str, page: int) -> Listing:
    sort = sort if sort in keys else next(iter(keys))
    ordered = sorted(rows, key=keys[sort])
    pages = max(1, -(-len(ordered) // PAGE))
    page = max(1, min(page, pages))
    return Listing(ordered[(page - 1) * PAGE: page * PAGE], len(ordered), page, pages, sort, tuple(keys))
