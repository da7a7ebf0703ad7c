"""The standard terms in the data: what the ontology's alignment implies, materialized, and documented as it is."""

import re

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import OWL, RDF

from mapper.extract import read
from mapper.rdf.entail import STANDARD, Alignment, alignment, entailed, standard, table
from mapper.rdf.iris import Iris
from mapper.rdf.namespaces import PREFIXES, UNGA
from mapper.rdf.resolution import resolution_triples
from mapper.rdf.schemes import vocabulary_triples
from tests.support.paths import CORPUS, ONTOLOGY, ROOT

R = "https://w3id.org/ungakg/resolution/A-RES-57-295"
ELI, CITO, SCHEMA, DCT = (PREFIXES[p] for p in ("eli", "cito", "schema", "dcterms"))


def iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


@pytest.fixture(scope="module")
def graph() -> set[ox.Triple]:
    r = read((CORPUS / "A-RES-57-295.txt").read_bytes(), "A-RES-57-295.txt")
    return set(resolution_triples(r, Iris()))


def test_a_resolution_answers_in_the_standard_vocabularies(graph):
    """What the issue names: ELI and schema.org classes, dcterms:title, eli:has_part and eli:is_part_of,
    eli:cites and cito:cites beside the typed citation properties."""
    res, para = iri(R), iri(R + "/para_1")
    for cls in (ELI + "LegalResource", SCHEMA + "Legislation", SCHEMA + "CreativeWork"):
        assert ox.Triple(res, RDF_TYPE, iri(cls)) in graph
    titles = [t.object.value for t in graph if t.subject == res and t.predicate == iri(DCT + "title")]
    assert titles == ["Information and communication technologies for development"]
    assert ox.Triple(res, iri(ELI + "has_part"), para) in graph and ox.Triple(para, iri(ELI + "is_part_of"), res) in graph
    assert ox.Triple(para, RDF_TYPE, iri(ELI + "LegalResourceSubdivision")) in graph
    recalls = [t for t in graph if t.predicate == UNGA.recalls]
    assert recalls
    for t in recalls:
        for prop in (ELI + "cites", CITO + "cites", CITO + "citesAsAuthority"):
            assert ox.Triple(t.subject, iri(prop), t.object) in graph


RDF_TYPE = ox.NamedNode(str(RDF.type))


@pytest.mark.parametrize("which", ["resolution", "vocabularies"])
def test_the_graphs_are_closed_and_only_standard_terms_are_added(graph, which):
    """Nothing more follows from a graph as published (one pass reaches the closure), and what the alignment adds is
    of the standard vocabularies only: never one of our own super-terms, never a term the ontology does not declare."""
    triples = list(graph) if which == "resolution" else vocabulary_triples(Iris())
    assert entailed(triples) == []
    declared = {str(s) for k in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
                for s in rdflib.Graph().parse(ONTOLOGY).subjects(RDF.type, k)}
    a = alignment()
    implied = {d for ds in a.classes.values() for d in ds} | {q for qs in a.properties.values() for q, _ in qs}
    assert implied and all(standard(term) and term in declared for term in implied)
    assert not any(term.startswith(UNGA.iri) for term in implied)


def test_the_closure_follows_every_kind_of_axiom():
    """Sub-classes and equivalent classes; sub-properties, equivalent properties and inverses, through one another;
    terms outside the standard vocabularies are walked through but not written."""
    ex, eli, cito = "http://example.org/", PREFIXES["eli"], PREFIXES["cito"]
    axioms = [ox.Triple(iri(s), iri(p), iri(o)) for s, p, o in [
        (ex + "A", "http://www.w3.org/2000/01/rdf-schema#subClassOf", ex + "B"),
        (ex + "B", "http://www.w3.org/2002/07/owl#equivalentClass", eli + "LegalResource"),
        (ex + "p", "http://www.w3.org/2000/01/rdf-schema#subPropertyOf", ex + "q"),
        (ex + "q", "http://www.w3.org/2002/07/owl#equivalentProperty", eli + "has_part"),
        (eli + "has_part", "http://www.w3.org/2002/07/owl#inverseOf", eli + "is_part_of"),
        (eli + "is_part_of", "http://www.w3.org/2000/01/rdf-schema#subPropertyOf", cito + "cites"),
    ]]
    a = Alignment(axioms)
    assert a.classes[ex + "A"] == (eli + "LegalResource",)
    assert set(a.properties[ex + "p"]) == {(eli + "has_part", False), (eli + "is_part_of", True), (cito + "cites", True)}
    s, o = iri(ex + "s"), iri(ex + "o")
    got = set(a.entailed([ox.Triple(s, iri(ex + "p"), o), ox.Triple(s, RDF_TYPE, iri(ex + "A")),
                          ox.Triple(s, iri(ex + "p"), ox.Literal("a literal has no inverse"))]))
    assert got == {ox.Triple(s, iri(eli + "has_part"), o), ox.Triple(o, iri(eli + "is_part_of"), s), ox.Triple(o, iri(cito + "cites"), s),
                   ox.Triple(s, RDF_TYPE, iri(eli + "LegalResource")),
                   ox.Triple(s, iri(eli + "has_part"), ox.Literal("a literal has no inverse"))}


def test_the_documented_table_is_the_code_s():
    readme = (ROOT / "ontology" / "README.md").read_text(encoding="utf-8")
    documented = re.search(r"<!-- generated from mapper\.rdf\.entail\.table\(\).*?-->\n(.*?)<!-- end -->", readme, re.S)
    assert documented, "ontology/README.md has no generated table of the materialized terms"
    assert documented.group(1) == table(), "ontology/README.md's table is stale: paste mapper.rdf.entail.table() in"
    for prefix in STANDARD:
        assert f"`{prefix}`" in readme, f"ontology/README.md does not name the vocabulary {prefix}"
