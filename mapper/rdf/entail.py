"""The standard terms the ontology's alignment implies, written into the data for stores without a reasoner.

The ontology specializes ELI, schema.org, DCMI Terms, CiTO, SKOS, ORG, PROV-O,
W3C Time and FOAF by ``rdfs:subClassOf`` and ``rdfs:subPropertyOf`` (with
``owl:equivalentClass``, ``owl:equivalentProperty`` and ``owl:inverseOf`` where
it states them). A user who asks for ``eli:LegalResource``, ``eli:has_part`` or
``cito:cites`` on a store that does no reasoning would find nothing, so every
graph carries what those axioms imply, computed here from ``ontology/ungakg.ttl``
itself, never from a hand list:

- ``x rdf:type C`` adds ``x rdf:type D`` for every standard class D above C;
- ``s p o`` adds ``s q o`` for every standard property q above p (through
  sub-properties and equivalences), and ``o q s`` for every standard property q
  that is an inverse of p or of a property above it (an IRI object only).

Only the standard vocabularies of :data:`STANDARD` are written: the ontology's
own super-terms (``unga:cites`` above ``unga:recalls``, ``unga:Event`` above
``unga:Session``) stay in the ontology, so that each node keeps the one unga:
class the mapper gave it and the shapes see the same nodes with the ontology or
without it. Domains and ranges are not materialized. ``ontology/README.md``
lists every term (its table is :func:`table`, checked by the tests).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import pyoxigraph as ox

from mapper.rdf.namespaces import PREFIXES
from mapper.rdf.resources import resource

# The vocabularies whose terms are materialized (prefixes of mapper.rdf.namespaces.PREFIXES).
STANDARD = ("eli", "schema", "dcterms", "cito", "skos", "org", "prov", "time", "foaf")

_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_OWL = "http://www.w3.org/2002/07/owl#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


class Alignment:
    """What each term of the ontology implies in the standard vocabularies (closed under the axioms)."""

    def __init__(self, axioms: Iterable[ox.Triple]):
        classes: dict[str, set[str]] = {}
        properties: dict[tuple[str, bool], set[tuple[str, bool]]] = {}

        def edge(graph: dict, a, b) -> None:
            graph.setdefault(a, set()).add(b)

        for t in axioms:
            if not isinstance(t.subject, ox.NamedNode) or not isinstance(t.object, ox.NamedNode):
                continue  # restrictions and unions are not alignments
            s, p, o = t.subject.value, t.predicate.value, t.object.value
            if p == _RDFS + "subClassOf":
                edge(classes, s, o)
            elif p == _OWL + "equivalentClass":
                edge(classes, s, o)
                edge(classes, o, s)
            elif p == _RDFS + "subPropertyOf":
                for inverse in (False, True):
                    edge(properties, (s, inverse), (o, inverse))
            elif p == _OWL + "equivalentProperty":
                for inverse in (False, True):
                    edge(properties, (s, inverse), (o, inverse))
                    edge(properties, (o, inverse), (s, inverse))
            elif p == _OWL + "inverseOf":
                for inverse in (False, True):
                    edge(properties, (s, inverse), (o, not inverse))
                    edge(properties, (o, inverse), (s, not inverse))
        self.classes = {c: tuple(sorted(d for d in _reachable(classes, c) if standard(d))) for c in classes}
        self.classes = {c: d for c, d in self.classes.items() if d}
        implied = {p: sorted(q for q in _reachable(properties, (p, False)) if standard(q[0]))
                   for p, inverse in properties if not inverse}
        self.properties = {p: tuple(q) for p, q in implied.items() if q}
        self._class_nodes = {c: tuple(ox.NamedNode(d) for d in ds) for c, ds in self.classes.items()}
        self._property_nodes = {p: tuple((ox.NamedNode(q), inverse) for q, inverse in qs) for p, qs in self.properties.items()}

    def entailed(self, triples: Iterable[ox.Triple]) -> list[ox.Triple]:
        """The triples the alignment implies from ``triples`` and that are not among them, in a stable order."""
        triples = list(triples)
        have = set(triples)
        out: list[ox.Triple] = []

        def add(t: ox.Triple) -> None:
            if t not in have:
                have.add(t)
                out.append(t)

        for t in triples:
            if t.predicate == RDF_TYPE:
                for cls in self._class_nodes.get(t.object.value, ()) if isinstance(t.object, ox.NamedNode) else ():
                    add(ox.Triple(t.subject, RDF_TYPE, cls))
                continue
            for prop, inverse in self._property_nodes.get(t.predicate.value, ()):
                if not inverse:
                    add(ox.Triple(t.subject, prop, t.object))
                elif isinstance(t.object, ox.NamedNode | ox.BlankNode):
                    add(ox.Triple(t.object, prop, t.subject))
        return out


def _reachable(graph: dict, start) -> set:
    seen, todo = set(), [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen and nxt != start:
                seen.add(nxt)
                todo.append(nxt)
    return seen


_STANDARD_IRIS = tuple(PREFIXES[p] for p in STANDARD)


def standard(iri: str) -> bool:
    return iri.startswith(_STANDARD_IRIS)


@lru_cache(maxsize=1)
def alignment() -> Alignment:
    """The alignment of ``ontology/ungakg.ttl``, read once per process."""
    return Alignment(ox.parse(path=str(resource("ontology/ungakg.ttl")), format=ox.RdfFormat.TURTLE))


def entailed(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """The standard-vocabulary triples the ontology implies from ``triples``, not already among them."""
    return alignment().entailed(triples)


def with_entailed(triples: list[ox.Triple]) -> list[ox.Triple]:
    """``triples`` followed by what the ontology implies from them in the standard vocabularies."""
    return triples + entailed(triples)


def curie(iri: str) -> str:
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


def table() -> str:
    """The Markdown table of every materialized term, as ``ontology/README.md`` shows it: classes, then
    properties; ``^q`` is the inverse (``s p o`` gives ``o q s``)."""
    a = alignment()
    rows = ["| term of the data | also written as |", "|---|---|"]
    for cls in sorted(a.classes, key=curie):
        rows.append(f"| `{curie(cls)}` | {', '.join(f'`{curie(d)}`' for d in sorted(a.classes[cls], key=curie))} |")
    for prop in sorted(a.properties, key=curie):
        implied = sorted(a.properties[prop], key=lambda q: (q[1], curie(q[0])))
        rows.append(f"| `{curie(prop)}` | {', '.join(f'`^{curie(q)}`' if inverse else f'`{curie(q)}`' for q, inverse in implied)} |")
    return "\n".join(rows) + "\n"
