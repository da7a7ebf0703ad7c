"""pySHACL, the reference engine, on many graphs in one run.

The shape tests hold pyshacl-turbo (the build's engine) to pySHACL on every
case. Run case by case, pySHACL took over a second each, 85% of it in
rdflib parsing the same SPARQL constraint text again for every focus node.
Here every case's graph goes into one data graph, each moved under a base of
its own (the shapes hold under any base: their IRI patterns are anchored at
the end), pySHACL validates them all at once, and each result goes back to
its case by its focus node; meanwhile rdflib parses each query text once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import pyoxigraph as ox
import rdflib

from mapper.rdf.iris import ONTOLOGY


def rebased(triples: list[ox.Triple], base: str, new: str) -> list[ox.Triple]:
    """``triples`` with every IRI under ``base`` moved under ``new`` (the ontology's terms stay)."""

    def move(term):
        if isinstance(term, ox.NamedNode) and term.value.startswith(base) and not term.value.startswith(ONTOLOGY):
            return ox.NamedNode(new + term.value[len(base):])
        return term

    return [ox.Triple(move(t.subject), t.predicate, move(t.object)) for t in triples]


@contextmanager
def sparql_parsed_once() -> Iterator[None]:
    """rdflib parses each SPARQL query text once, while inside (parsing is a pure function of the text)."""
    from rdflib.plugins.sparql import processor
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    original = processor.SPARQLProcessor.query
    prepared: dict = {}

    def query(self, query, initBindings=None, initNs=None, base=None, DEBUG=False):
        if isinstance(query, str):
            key = (query, base, tuple(sorted((initNs or {}).items())))
            if key not in prepared:
                prepared[key] = translateQuery(parseQuery(query), base, initNs)
            query = prepared[key]
        return original(self, query, initBindings, initNs, base, DEBUG)

    processor.SPARQLProcessor.query = query
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = original


def reference_results(graphs: Mapping[str, list[ox.Triple]], base: str, shapes: bytes) -> tuple[bool, dict[str, set[tuple[str, str]]]]:
    """pySHACL's verdict on all ``graphs`` (by name, IRIs under ``base``) together, and each one's (severity, message) results."""
    import pyshacl

    owners = {f"{base}case-{i}/": name for i, name in enumerate(graphs)}
    union = [t for new, name in owners.items() for t in rebased(graphs[name], base, new)]
    data = rdflib.Graph().parse(data=ox.serialize(union, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    with sparql_parsed_once():
        shacl = rdflib.Graph().parse(data=shapes, format="turtle")
        conforms, report, _ = pyshacl.validate(data, shacl_graph=shacl, inference="none", advanced=True)
        rows = report.query("""
            PREFIX sh: <http://www.w3.org/ns/shacl#>
            SELECT ?focus ?severity ?message WHERE {
              ?r a sh:ValidationResult ; sh:focusNode ?focus ; sh:resultSeverity ?severity . OPTIONAL { ?r sh:resultMessage ?message } }""")
    results: dict[str, set[tuple[str, str]]] = {name: set() for name in graphs}
    for focus, severity, message in rows:
        owner = [name for prefix, name in owners.items() if str(focus).startswith(prefix)]
        assert len(owner) == 1, f"a result that belongs to no single case: {focus}"
        results[owner[0]].add((str(severity).rsplit("#", 1)[-1], str(message) if message is not None else ""))  # as mapper.rdf.validate reads it
    return conforms, results
