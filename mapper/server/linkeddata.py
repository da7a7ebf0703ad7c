"""Linked data: which IRI a request names, and what the store says of it.

The server stands in for the base: ``GET /resolution/A-RES-64-187`` on this
server names ``{base}resolution/A-RES-64-187`` whatever host it runs on.

Policy (documented in the README): every IRI answers **directly** with 200,
by content negotiation (``Vary: Accept``), with ``Content-Location`` naming
the document for the chosen format (``…/A-RES-64-187.ttl``), and ``Link``
headers to every format; no 303 round trip (the httpRange-14 amendment of
2012 allows this for IRIs without a fragment). Unknown IRIs are 404.

A resource's description is every triple with it as subject, plus at most
``INBOUND_CAP`` triples with it as object, from the default graph (the merge
of all resolutions). A named graph's IRI (``{base}graph/resolution/…``)
answers with the graph itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from mapper.rdf.iris import ONTOLOGY, Iris
from mapper.rdf.namespaces import DCTERMS, ELI, RDF, RDFS, SKOS, UNGA

INBOUND_CAP = 1000
LABELS_KEPT = 200_000  # labels a server keeps in memory
OWL = "http://www.w3.org/2002/07/owl#"
OWL_INVERSE = OWL + "inverseOf"
DEFAULT = ox.DefaultGraph()

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def value(term: Term) -> str:
    """A term's IRI, blank node id or lexical form (a quoted triple, as N-Triples)."""
    return str(term) if isinstance(term, ox.Triple) else term.value


# What names a resource on a page, in order of preference.
_LABELS = (RDFS.label, SKOS.prefLabel, ELI.title, UNGA.symbol, DCTERMS.title, UNGA.anchorText)


@dataclass
class Description:
    iri: str
    outgoing: list[ox.Triple] = field(default_factory=list)
    inbound: list[ox.Triple] = field(default_factory=list)
    inbound_truncated: bool = False
    graph: bool = False  # the IRI names a graph; ``outgoing`` holds the graph's triples

    @property
    def triples(self) -> list[ox.Triple]:
        return self.outgoing + self.inbound

    def values(self, predicate: ox.NamedNode) -> list:
        return [t.object for t in self.outgoing if t.predicate == predicate]

    def types(self) -> list[str]:
        return sorted(value(t.object) for t in self.outgoing if t.predicate == RDF.type)


class Graph:
    """The store and the site's own descriptions (VoID, the service), read for pages and descriptions."""

    def __init__(self, store: ox.Store, site: ox.Store, base: str, published: Path | None = None):
        self.store = store
        self.site = site
        self.base = base
        self.published = published  # the build's folder: a resolution's graph is read from its Turtle file there
        self._labels: dict[str, str] = {}  # what the build calls things, kept as pages ask (a build never changes)

    # -- IRIs and paths --------------------------------------------------------------

    def iri(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def local(self, iri: str) -> str | None:
        """The path of ``iri`` on this server, if it is one of ours."""
        if iri.startswith(ONTOLOGY) and ONTOLOGY.startswith(self.base):
            return "/ontology" + iri[len(ONTOLOGY):]  # the documentation's anchor: /ontology#Resolution
        if iri.startswith(self.base):
            return "/" + iri[len(self.base):]
        return None

    def href(self, iri: str) -> str:
        """Where a link to ``iri`` goes: its page here, else the IRI itself if it is http(s), else nowhere ("").
        An IRI in the data may be anything (``javascript:alert(1)`` is an IRI); only the web is linked."""
        local = self.local(iri)
        if local is not None:
            return local
        return iri if iri.lower().startswith(("http://", "https://")) else ""

    # -- reading ---------------------------------------------------------------------

    def describe(self, iri: str) -> Description | None:
        node = ox.NamedNode(iri)
        if self.store.contains_named_graph(node):
            return Description(iri, self.graph_of(iri), graph=True)
        d = Description(iri)
        for store in (self.store, self.site):
            d.outgoing += [q.triple for q in store.quads_for_pattern(node, None, None, DEFAULT)]
            inbound = list(islice(store.quads_for_pattern(None, None, node, DEFAULT), INBOUND_CAP + 1 - len(d.inbound)))
            d.inbound += [q.triple for q in inbound]
        if len(d.inbound) > INBOUND_CAP:
            d.inbound, d.inbound_truncated = d.inbound[:INBOUND_CAP], True
        return d if d.outgoing or d.inbound else None

    def resolution_graph(self, resolution: str) -> list[ox.Triple]:
        """The named graph of ``resolution``: parsed from its published Turtle file (the same triples, read four
        times faster than from the store), else from the store."""
        slug = resolution.rsplit("/", 1)[-1]
        path = self.published / "resolutions" / f"{slug}.ttl" if self.published is not None else None
        if path is not None and path.is_file():
            return list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
        return self.graph_of(Iris(self.base).graph_of(resolution))

    def graph_of(self, iri: str) -> list[ox.Triple]:
        return [q.triple for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(iri))]

    def label(self, term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple, fallback: Callable[[str], str] | None = None) -> str:
        """What the data calls ``term`` (rdfs:label, skos:prefLabel, title, symbol ...); else ``fallback(iri)``,
        else the IRI without the base."""
        if not isinstance(term, ox.NamedNode):
            return term.value if isinstance(term, ox.Literal) else str(term)
        known = self._labels.get(term.value)
        if known is not None:
            return known
        found = self._label(term)
        if found is not None:
            if len(self._labels) < LABELS_KEPT:
                self._labels[term.value] = found
            return found
        return fallback(term.value) if fallback else term.value.removeprefix(self.base)

    def _label(self, term: ox.NamedNode) -> str | None:
        for predicate in _LABELS:
            for store in (self.store, self.site):
                for q in store.quads_for_pattern(term, predicate, None, DEFAULT):
                    text = value(q.object)
                    return text if len(text) <= 120 else text[:117] + "…"
        return None

    def one(self, subject: str, predicate: ox.NamedNode) -> str | None:
        """The value of one ``predicate`` of ``subject`` in the default graph (the merge), if any."""
        q = next(iter(self.store.quads_for_pattern(ox.NamedNode(subject), predicate, None, DEFAULT)), None)
        return value(q.object) if q is not None else None

    def subjects(self, predicate: ox.NamedNode, obj: str) -> list[str]:
        """Every subject with ``predicate`` ``obj`` (an IRI) in the default graph."""
        return [value(q.subject) for q in self.store.quads_for_pattern(None, predicate, ox.NamedNode(obj), DEFAULT)]

    def part_of(self, iri: str) -> str | None:
        q = next(iter(self.store.quads_for_pattern(ox.NamedNode(iri), ELI.is_part_of, None, DEFAULT)), None)
        return value(q.object) if q is not None else None

    def has_type(self, term: ox.NamedNode, cls: ox.NamedNode) -> bool:
        return next(iter(self.store.quads_for_pattern(term, RDF.type, cls, DEFAULT)), None) is not None

    def is_resolution(self, d: Description) -> bool:
        return UNGA.Resolution.value in d.types()

    def count(self, query: str) -> int:
        solutions = self.store.query(query)
        assert isinstance(solutions, ox.QuerySolutions), query
        solution = next(iter(solutions), None)
        return int(solution[0].value) if solution is not None else 0



class Terms:
    """What the ontology calls its classes and properties, for people: ``rdfs:label`` by IRI."""

    def __init__(self, ontology: Path):
        self.classes: dict[str, str] = {}
        self.properties: dict[str, str] = {}
        self.inverse: dict[str, str] = {}  # a property -> its declared inverse's label
        if not ontology.is_file():
            return
        triples = list(ox.parse(path=str(ontology), format=ox.RdfFormat.TURTLE))
        kinds: dict[str, set[str]] = {}
        labels: dict[str, str] = {}
        inverses: list[tuple[str, str]] = []
        for t in triples:
            if not isinstance(t.subject, ox.NamedNode):
                continue
            if t.predicate == RDF.type:
                kinds.setdefault(t.subject.value, set()).add(value(t.object))
            elif t.predicate == RDFS.label and isinstance(t.object, ox.Literal) and t.object.language in ("en", None):
                labels.setdefault(t.subject.value, t.object.value)
            elif t.predicate.value == OWL_INVERSE and isinstance(t.object, ox.NamedNode):
                inverses.append((t.subject.value, t.object.value))
        for iri, types in kinds.items():
            label = labels.get(iri)
            if label is None:
                continue
            if OWL + "Class" in types:
                self.classes[iri] = label[0].upper() + label[1:]
            elif types & {OWL + "ObjectProperty", OWL + "DatatypeProperty", OWL + "AnnotationProperty", RDF.type.value[:-4] + "Property"}:
                self.properties[iri] = label
        for a, b in inverses:
            if a in self.properties and b in self.properties:
                self.inverse[a], self.inverse[b] = self.properties[b], self.properties[a]
