"""What the pages call a resource: its label, else what the caller's fallback makes of its IRI."""

from __future__ import annotations

import pyoxigraph as ox

from mapper.rdf.namespaces import RDFS, UNGA
from mapper.server.linkeddata import Graph, value
from mapper.server.pages import _curie

BASE = "https://example.org/"


def _graph() -> Graph:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(BASE + "body/x"), RDFS.label, ox.Literal("Body X", language="en")))
    return Graph(store, ox.Store(), BASE)


def test_a_label_wins_over_the_fallback():
    assert _graph().label(ox.NamedNode(BASE + "body/x"), fallback=lambda iri: "never") == "Body X"


def test_an_unlabelled_iri_takes_the_fallback_else_loses_the_base():
    graph = _graph()
    term = ox.NamedNode(UNGA.Body.value)
    assert graph.label(term, fallback=lambda iri: _curie(graph, iri)) == "unga:Body"
    assert graph.label(ox.NamedNode(BASE + "place/nowhere")) == "place/nowhere"
    assert graph.label(ox.Literal("as printed")) == "as printed"


def test_a_quoted_triple_has_a_value():
    t = ox.Triple(ox.NamedNode(BASE + "a"), RDFS.label, ox.Literal("x"))
    assert value(t) == str(t) and value(ox.NamedNode(BASE + "a")) == BASE + "a"
