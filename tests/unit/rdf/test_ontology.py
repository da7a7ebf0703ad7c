"""The ontology: documented, and declares every term the code and shapes use (HermiT: tests/integration/test_ontology_hermit.py)."""


import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SH

from mapper.rdf.namespaces import DECLARED, UNGA
from tests.support.paths import ONTOLOGY, PUBLISHED, SHAPES

ONT = rdflib.URIRef("https://w3id.org/ungakg/ontology")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")


@pytest.fixture(scope="module")
def ontology():
    return rdflib.Graph().parse(ONTOLOGY)


def declared(g):
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDFS.Datatype)
    return {s for k in kinds for s in g.subjects(RDF.type, k)}


def test_header(ontology):
    assert (ONT, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONT, OWL.versionIRI) == rdflib.URIRef("https://w3id.org/ungakg/ontology/0.1.0")
    for p in (DCT.title, DCT.description, DCT.license):
        assert ontology.value(ONT, p) is not None, p


def test_every_own_term_is_documented(ontology):
    own = [t for t in declared(ontology) if str(t).startswith(UNGA.iri)]
    assert len(own) > 60
    for term in own:
        assert ontology.value(term, RDFS.label) is not None, term
        assert ontology.value(term, RDFS.comment) is not None, term
        assert ontology.value(term, RDFS.isDefinedBy) == ONT, term


def test_own_terms_align_with_the_standards(ontology):
    """Each class of ours specializes a standard's class or one of ours that does."""
    for cls in ontology.subjects(RDF.type, OWL.Class):
        if str(cls).startswith(UNGA.iri) and cls not in (UNGA_term("AgendaItem"), UNGA_term("Citation"), UNGA_term("Mandate"), UNGA_term("FootnoteMarker")):
            assert list(ontology.objects(cls, RDFS.subClassOf)), f"{cls} aligns with nothing"


def UNGA_term(name):
    return rdflib.URIRef(UNGA.iri + name)


def test_vocabulary_module_uses_only_declared_terms(ontology):
    have = {str(t) for t in declared(ontology)}
    for ns in DECLARED:
        for term in ns.terms:
            assert ns.iri + term in have, f"{ns.prefix}:{term} is used by mapper/vocab.py but not declared in the ontology"


def test_shapes_target_and_constrain_declared_terms(ontology):
    have = {str(t) for t in declared(ontology)} | {str(RDF.type), str(RDFS.label)}
    shapes = rdflib.Graph().parse(SHAPES)
    for cls in shapes.objects(None, SH.targetClass):
        assert str(cls) in have, cls
    for path in shapes.objects(None, SH.path):
        if isinstance(path, rdflib.URIRef):
            assert str(path) in have, path
    for node in shapes.objects(None, SH.inversePath):
        assert str(node) in have, node


def test_ontology_documentation_is_published():
    html = (PUBLISHED / "ontology" / "index.html").read_text(encoding="utf-8")
    assert "ungakg ontology" in html
    for term in ("PreambularParagraph", "OperativeParagraph", "ClauseVerb", "leadPhrase", "aknWorkIdentifier"):
        assert term in html
