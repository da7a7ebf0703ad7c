"""SHACL validation of one resolution's graph (the end of stage 3: every graph is checked before it is published).

The engine is pyshacl-turbo (a Rust SHACL engine with pySHACL's API), about
25x faster than pySHACL on our graphs; the shape tests run every case on both
engines and require the same verdict, so the fast engine is held to the
reference one. Shapes are compiled once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from mapper.rdf.resources import resource

SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True, slots=True)
class Result:
    """One validation result, as plain strings (picklable, sortable)."""

    severity: str  # "Violation", "Warning", "Info"
    focus: str
    path: str
    message: str
    shape: str

    def __str__(self) -> str:
        path = f" {self.path}" if self.path else ""
        return f"{self.severity}: <{self.focus}>{path}: {self.message}"


@lru_cache(maxsize=4)
def _compiled(shapes: bytes):
    import pyshacl_turbo

    return pyshacl_turbo.compile_shapes(shapes, shacl_graph_format="turtle", advanced=True)


def shapes_path() -> Path:
    return resource("shapes/ungakg-shapes.ttl")


def shapes_bytes() -> bytes:
    return shapes_path().read_bytes()


def _rdflib_graph(triples: list[ox.Triple]):
    """The triples as an rdflib Graph, made term by term.

    pyshacl-turbo's engine is Rust, but given N-Triples it parses them into
    rdflib in Python first, which cost 90% of validation; made here from the
    pyoxigraph terms directly, validation takes 2.4 times less. An xsd:string
    literal becomes a plain one, as N-Triples parsing would give (RDF 1.1 says
    they are the same term; rdflib tells them apart, and sh:in would too).
    """
    import rdflib

    iris: dict[str, rdflib.URIRef] = {}

    def iri(value: str) -> rdflib.URIRef:
        node = iris.get(value)
        if node is None:
            node = iris[value] = rdflib.URIRef(value)
        return node

    def term(t):
        if isinstance(t, ox.NamedNode):
            return iri(t.value)
        if isinstance(t, ox.BlankNode):
            return rdflib.BNode(t.value)
        if t.language:
            return rdflib.Literal(t.value, lang=t.language)
        if t.datatype.value == XSD_STRING:
            return rdflib.Literal(t.value)
        return rdflib.Literal(t.value, datatype=iri(t.datatype.value))

    graph = rdflib.Graph()
    graph.addN((term(t.subject), term(t.predicate), term(t.object), graph) for t in triples)
    return graph


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def validate(triples: list[ox.Triple], shapes: bytes) -> tuple[Result, ...]:
    """Every result of validating ``triples`` against ``shapes``, sorted.

    SHACL's sh:conforms is false for results of any severity; the build fails
    on violations only, so callers look at the severities.
    """
    conforms, report, _ = _compiled(shapes).validate(_rdflib_graph(triples))
    results = []
    for row in report.query(_RESULTS):
        results.append(
            Result(
                severity=str(row.severity).rsplit("#", 1)[-1],
                focus=str(row.focus),
                path=str(row.path) if row.path is not None else "",
                message=str(row.message) if row.message is not None else "",
                shape=str(row.shape) if row.shape is not None and not str(row.shape).startswith("N") else "",
            )
        )
    if not conforms and not results:
        results.append(Result("Violation", "", "", "the SHACL engine reports non-conformance without results", ""))
    return tuple(sorted(set(results), key=lambda r: (r.severity, r.focus, r.path, r.message)))


_RESULTS = f"""
PREFIX sh: <{SH}>
SELECT ?severity ?focus ?path ?message ?shape WHERE {{
  ?r a sh:ValidationResult ; sh:resultSeverity ?severity ; sh:focusNode ?focus .
  OPTIONAL {{ ?r sh:resultPath ?path . FILTER(isIRI(?path)) }}
  OPTIONAL {{ ?r sh:resultMessage ?message }}
  OPTIONAL {{ ?r sh:sourceShape ?shape . FILTER(isIRI(?shape)) }}
}}"""
