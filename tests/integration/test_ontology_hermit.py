"""The ontology is consistent under HermiT (an OWL 2 reasoner in Java, run by owlready2), with the corpus, and the check has teeth."""

import shutil

import pytest
import rdflib
from rdflib.namespace import RDF, XSD

from tests.support.paths import ONTOLOGY, PUBLISHED

pytestmark = [pytest.mark.needs_java, pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")]
FOOTNOTE = rdflib.URIRef("https://w3id.org/ungakg/ontology#Footnote")


def for_hermit(g: rdflib.Graph) -> rdflib.Graph:
    """xsd:date, xsd:gYear and xsd:gYearMonth are not in the OWL 2 datatype map, so HermiT
    refuses them: give the reasoner each date as the xsd:dateTime of its midnight (same
    order, same equality), and years and months as plain strings (no axiom constrains them)."""
    out = rdflib.Graph()
    for s, p, o in g:
        if isinstance(o, rdflib.Literal) and o.datatype == XSD.date:
            o = rdflib.Literal(f"{o}T00:00:00", datatype=XSD.dateTime)
        elif isinstance(o, rdflib.Literal) and o.datatype in (XSD.gYear, XSD.gYearMonth):
            o = rdflib.Literal(str(o))
        out.add((s, p, o))
    return out


def test_consistent_under_hermit_with_the_corpus(tmp_path):
    """owlready2 cannot read Turtle: the ontology and the data go in as N-Triples."""
    import owlready2

    g = rdflib.Graph().parse(ONTOLOGY)
    g.parse(PUBLISHED / "ungakg.ttl")
    nt = tmp_path / "all.nt"
    for_hermit(g).serialize(nt, format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(nt.as_uri()).load(format="ntriples")
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert list(world.inconsistent_classes()) == []


def test_hermit_catches_an_inconsistency(tmp_path):
    """The reasoner test has teeth: a paragraph that is also a footnote (disjoint classes) fails."""
    import owlready2

    g = rdflib.Graph().parse(ONTOLOGY)
    g.parse(PUBLISHED / "resolutions" / "A-RES-57-295.ttl")
    para = rdflib.URIRef("https://w3id.org/ungakg/resolution/A-RES-57-295/para_1")
    g.add((para, RDF.type, FOOTNOTE))
    nt = tmp_path / "bad.nt"
    for_hermit(g).serialize(nt, format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(nt.as_uri()).load(format="ntriples")
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError), onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
