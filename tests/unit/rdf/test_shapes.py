"""Every shape has teeth: a small invalid graph breaks it, and only where expected.

Each case mutates the valid graph of A/RES/57/295 and names the message it
must raise. Every case runs on both engines, pyshacl-turbo (used by the
build) and pySHACL (the reference), which must agree on the verdict and on
the messages. pySHACL validates all the cases in one run (tests/support/shacl.py).
"""

import pyoxigraph as ox
import pytest

from mapper.core.symbols import ResolutionSymbol
from mapper.extract import read
from mapper.publish.worker import _vocabulary, _vocabulary_subset
from mapper.rdf.iris import Iris
from mapper.rdf.namespaces import ELI, PROV, RDF, SCHEMA, SKOS, UNGA, XSD
from mapper.rdf.resolution import resolution_triples
from mapper.rdf.validate import shapes_path, validate
from tests.support.paths import CORPUS, ONTOLOGY, PUBLISHED, SHAPES
from tests.support.shacl import reference_results

IRIS = Iris()
R = "https://w3id.org/ungakg/resolution/A-RES-57-295"


@pytest.fixture(scope="module")
def valid() -> list[ox.Triple]:
    """The graph the build validates for A/RES/57/295: its triples and the vocabulary they use."""
    r = read((CORPUS / "A-RES-57-295.txt").read_bytes(), "A-RES-57-295.txt")
    triples = resolution_triples(r, IRIS)
    return triples + _vocabulary_subset(triples, _vocabulary(IRIS.base))


@pytest.fixture(scope="module")
def shapes() -> bytes:
    return shapes_path().read_bytes()


def n(suffix: str) -> ox.NamedNode:
    return ox.NamedNode(R + suffix)


def without(subject, predicate):
    return lambda ts: [t for t in ts if not (t.subject == subject and t.predicate == predicate)]


def replaced(subject, predicate, obj):
    return lambda ts: without(subject, predicate)(ts) + [ox.Triple(subject, predicate, obj)]


def plus(*triples):
    return lambda ts: ts + list(triples)


def renamed(old: ox.NamedNode, new: ox.NamedNode):
    def swap(term):
        return new if term == old else term
    return lambda ts: [ox.Triple(swap(t.subject), t.predicate, swap(t.object)) for t in ts]


def lit(value, datatype=None, language=None):
    return ox.Literal(value, datatype=datatype, language=language)


INT = XSD.positiveInteger
CASES = {
    # name: (mutation, severity expected or None for a clean graph, message substring(s))
    "valid": (lambda ts: ts, None, ""),
    # a resolution is a document too: its symbol answers to both shapes
    "symbol missing": (without(n(""), UNGA.symbol), "Violation", ("exactly one symbol", "exactly one UN document symbol")),
    "symbol malformed": (replaced(n(""), UNGA.symbol, lit("57/295")), "Violation", ("exactly one symbol", "exactly one UN document symbol")),
    "two titles": (plus(ox.Triple(n(""), UNGA.title, lit("Another title", language="en"))), "Violation", "at most one title, in English"),
    "two adoption dates": (plus(ox.Triple(n(""), ELI.date_document, lit("2002-12-21", XSD.date))), "Violation", "at most one adoption date"),
    "adoption date not a date": (replaced(n(""), ELI.date_document, lit("20 December 2002")), "Violation", "at most one adoption date"),
    "adoption date unknown": (without(n(""), ELI.date_document), "Warning", "adoption date of this resolution is unknown"),
    "AKN identifier malformed": (replaced(n(""), UNGA.aknWorkIdentifier, lit("/akn/un/57-295")), "Violation", "AKN4UN work identifier"),
    "official text elsewhere": (replaced(n(""), UNGA.officialText, ox.NamedNode("https://example.org/A/RES/57/295")), "Violation", "official text on undocs.org"),
    "no expression": (without(n(""), ELI.is_realized_by), "Violation", "realized by exactly one expression"),
    "no operative paragraph": (lambda ts: [t for t in ts if t.predicate != UNGA.operativeParagraph], "Violation", "at least one operative paragraph"),
    "operative numbering gap": (replaced(n("/para_4"), UNGA.number, lit("5", INT)), "Violation", ("numbered 1 to n without gaps", "eId is para_ and its number")),
    "preamble positions repeat": (replaced(n("/preamble_4"), SCHEMA.position, lit("3", INT)), "Violation", "positions 1 to n"),
    "resolution IRI malformed": (renamed(n(""), ox.NamedNode("https://w3id.org/ungakg/resolution/57-295")), "Violation", "dash-encoded symbol"),
    "title not English": (replaced(n("/eng"), ELI.title, lit("Technologies", language="fr")), "Violation", "title, in English"),
    "expression not attributed": (without(n("/eng"), PROV.wasAttributedTo), "Violation", "attributed to the ungakg version"),
    "sha256 malformed": (lambda ts: [ox.Triple(t.subject, t.predicate, lit("abc")) if t.predicate == UNGA.sha256 else t for t in ts], "Violation", "SHA-256"),
    "layout unknown": (lambda ts: [ox.Triple(t.subject, t.predicate, lit("docx")) if t.predicate == UNGA.layout else t for t in ts], "Violation", "exactly one layout"),
    "paragraph text missing": (without(n("/para_2"), SCHEMA.text), "Violation", "non-empty English text"),
    "paragraph text with a line break": (replaced(n("/para_2"), SCHEMA.text, lit("Emphasizes the need\nfor coordination;", language="en")), "Violation", "no tab or line break"),
    "eId malformed": (replaced(n("/para_2"), UNGA.eId, lit("paragraph-2")), "Violation", ("Akoma Ntoso eId", "eId is para_ and its number")),
    "source span reversed": (replaced(n("/para_2"), UNGA.sourceEnd, lit("1", XSD.nonNegativeInteger)), "Violation", "ends in the source after it starts"),
    "no clause verb": (without(n("/preamble_2"), UNGA.clauseVerb), "Violation", "exactly one lead-phrase concept"),
    "two clause verbs": (plus(ox.Triple(n("/preamble_2"), UNGA.clauseVerb, ox.NamedNode(IRIS.clause_verb("note")))), "Violation", "exactly one lead-phrase concept"),
    "lead phrase not opening the text": (replaced(n("/preamble_2"), UNGA.leadPhrase, lit("Noting")), "Violation", "opens with its lead phrase"),
    "operative eId and number disagree": (replaced(n("/para_3"), UNGA.eId, lit("para_7")), "Violation", "eId is para_ and its number"),
    "sub-paragraph label malformed": (replaced(n("/para_3_list_point_a"), UNGA.label, lit("(a)")), "Violation", "a letter or a roman numeral"),
    "sub-paragraph with two parents": (plus(ox.Triple(n("/para_2"), UNGA.subparagraph, n("/para_3_list_point_a"))), "Violation", "exactly one paragraph or sub-paragraph"),
    "footnote no marker calls": (
        lambda ts: [t for t in ts if n("/preamble_1/marker_2") not in (t.subject, t.object)], "Warning", "No paragraph calls this footnote"),
    "marker offset beyond the text": (replaced(n("/preamble_1/marker_1"), UNGA.offset, lit("100000", XSD.nonNegativeInteger)), "Violation", "lies outside its part's text"),
    "marker calls nothing": (without(n("/preamble_1/marker_1"), UNGA.callsFootnote), "Violation", "calls exactly one footnote"),
    "clause verb without label": (without(ox.NamedNode(IRIS.clause_verb("recall")), SKOS.prefLabel), "Violation", "English preferred label"),
    "session code malformed": (lambda ts: [ox.Triple(t.subject, t.predicate, lit("LVII")) if t.predicate == UNGA.sessionCode else t for t in ts], "Violation", "exactly one code"),
    "plenary meeting IRI malformed": (renamed(ox.NamedNode(IRIS.plenary_meeting(57, 79)), ox.NamedNode(IRIS.base + "meeting/79")), "Violation",
                                      ("plenary meeting's IRI", "An event's IRI")),
    "event without a label": (plus(ox.Triple(ox.NamedNode(IRIS.event("x-2020")), RDF.type, UNGA.Event)), "Violation", "exactly one label"),
    "court without a name": (plus(ox.Triple(ox.NamedNode(IRIS.body("x-court")), RDF.type, UNGA.Court)), "Violation", "exactly one English name"),
    "meeting outside any session": (without(ox.NamedNode(IRIS.plenary_meeting(57, 79)), UNGA.partOfEvent), "Violation", "part of exactly one session"),
    "agenda item without number": (without(ox.NamedNode(IRIS.agenda_item(57, 32)), UNGA.number), "Violation", "agenda item has exactly one number"),
    "document symbol malformed": (lambda ts: [ox.Triple(t.subject, t.predicate, lit("the draft")) if t.predicate == UNGA.symbol and "document" in t.subject.value else t for t in ts], "Violation", "UN document symbol"),
    "software agent without label": (without(ox.NamedNode(IRIS.agent("0.1.0")), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")), "Violation", "software agent has exactly one label"),
    "concept scheme without top concepts": (plus(ox.Triple(ox.NamedNode(IRIS.clause_verbs()), RDF.type, SKOS.ConceptScheme),
                                                 ox.Triple(ox.NamedNode(IRIS.clause_verbs()), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), lit("Clause verbs", language="en"))),
                                            "Violation", "concept scheme has top concepts"),
    # facts read from the text
    "anchor text not the text's characters": (replaced(n("/para_3/body/13"), UNGA.anchorText, lit("Secretary")), "Violation", "not the fact's anchor text"),
    "fact beyond its part's text": (replaced(n("/para_3/body/13"), UNGA.end, lit("100000", XSD.nonNegativeInteger)), "Violation", "not the fact's anchor text"),
    "fact without its offsets": (without(n("/para_3/body/13"), UNGA.start), "Violation", "exactly one start offset"),
    "mention names nothing": (without(n("/para_3/body/13"), UNGA.mentions), "Violation", "names exactly one thing"),
    "citation cites nothing": (without(n("/footnote_1/citation/15"), UNGA.citedEntity), "Violation", "cites a document"),
    "citation cites a paragraph of ours": (replaced(n("/footnote_1/citation/15"), UNGA.citedEntity, n("/para_1")), "Violation", "cites a document"),
    # 57/295 (20 December 2002) made to cite a resolution of September 2024, as 78/132 once cited 79/1
    "citation of a later resolution": (plus(ox.Triple(ox.NamedNode(IRIS.resolution(ResolutionSymbol(57, 238))), ELI.date_document,
                                                      lit("2024-09-22", XSD.date))), "Violation", "cites only what was adopted before it"),
    "mandate without addressee": (without(n("/para_3/mandate/0"), UNGA.addressee), "Violation", "has addressees"),
    "mandate of an unknown kind": (replaced(n("/para_3/mandate/0"), UNGA.mandateKind, lit("order")), "Violation", "request, invitation"),
    "mandate due at no point": (plus(ox.Triple(n("/para_4/mandate/0"), UNGA.due, lit("soon"))), "Violation", "due at one point at most"),
    "observation over 100 per cent": (plus(
        ox.Triple(n("/para_1/figure/0"), RDF.type, UNGA.Observation), ox.Triple(n("/para_1/figure/0"), UNGA.statedIn, n("/para_1")),
        ox.Triple(n("/para_1/figure/0"), UNGA.value, lit("120", XSD.decimal)), ox.Triple(n("/para_1/figure/0"), UNGA.unit, lit("percent")),
        ox.Triple(n("/para_1/figure/0"), UNGA.start, lit("0", XSD.nonNegativeInteger)),
        ox.Triple(n("/para_1/figure/0"), UNGA.end, lit("7", XSD.nonNegativeInteger)),
        ox.Triple(n("/para_1/figure/0"), UNGA.anchorText, lit("Affirms"))), "Violation", "out of range"),
    "event ends before it starts": (plus(
        ox.Triple(ox.NamedNode(IRIS.event("x-2020")), RDF.type, UNGA.Conference),
        ox.Triple(ox.NamedNode(IRIS.event("x-2020")), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), lit("X", language="en")),
        ox.Triple(ox.NamedNode(IRIS.event("x-2020")), SCHEMA.startDate, lit("2020-05-02", XSD.date)),
        ox.Triple(ox.NamedNode(IRIS.event("x-2020")), SCHEMA.endDate, lit("2020-05-01", XSD.date))), "Violation", "before it starts"),
    "body with two names": (plus(ox.Triple(ox.NamedNode(IRIS.body("secretary-general")), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), lit("SG", language="en"))),
                            "Violation", "exactly one English name"),
    "topic without definition": (without(ox.NamedNode(IRIS.topic("capacity-building")), SKOS.definition), "Violation", "exactly one definition"),
    "topic matched outside the SDG KOS": (plus(ox.Triple(ox.NamedNode(IRIS.topic("capacity-building")), SKOS.relatedMatch, ox.NamedNode("http://example.org/sdg/17.9"))),
                                          "Violation", "SDG goals or targets"),
    "committee not a Main Committee": (plus(ox.Triple(ox.NamedNode(IRIS.body("Working Group")), RDF.type, UNGA.MainCommittee),
                                            ox.Triple(ox.NamedNode(IRIS.body("Working Group")), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), lit("Working Group", language="en"))),
                                       "Violation", "First to Sixth Committees"),
}


@pytest.fixture(scope="module")
def fast(valid, shapes):
    """pyshacl-turbo's (severity, message) results for a case, each case validated once."""
    done: dict[str, set[tuple[str, str]]] = {}

    def results(case: str) -> set[tuple[str, str]]:
        if case not in done:
            mutate = CASES[case][0]
            done[case] = {(r.severity, r.message) for r in validate(mutate(list(valid)), shapes)}
        return done[case]

    return results


@pytest.fixture(scope="module")
def reference(valid, shapes) -> dict[str, set[tuple[str, str]]]:
    """pySHACL's results for every case, from one run over all of them."""
    conforms, results = reference_results({case: mutate(list(valid)) for case, (mutate, _, _) in CASES.items()}, IRIS.base, shapes)
    assert conforms == (not any(results.values()))
    return results


@pytest.mark.parametrize("case", sorted(CASES))
def test_shape(fast, case):
    _, severity, messages = CASES[case]
    message, *also = (messages,) if isinstance(messages, str) else messages
    got = fast(case)
    if severity is None:
        assert got == set()
        return
    assert any(s == severity and message in m for s, m in got), got
    # Only the rule broken fires: no other violation comes along.
    violations = {m for s, m in got if s == "Violation"}
    if severity == "Violation":
        expected = [message, *also]  # a breach that necessarily breaks a second rule names both
        assert all(any(e in m for e in expected) for m in violations), got
    else:
        assert not violations, got


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES))
def test_the_reference_engine_agrees(fast, reference, case):
    """pySHACL gives the same verdict and the same results as pyshacl-turbo (SHACL: any result, of any severity, means non-conformance)."""
    severity = CASES[case][1]
    assert (not reference[case]) == (severity is None), reference[case]
    assert reference[case] == fast(case), "pyshacl-turbo and pySHACL disagree"


# -- the shapes and the ontology agree ------------------------------------------------------

def _subclasses() -> dict[str, set[str]]:
    """Every class of the ontology, with all the classes below it (rdfs:subClassOf, followed to the end)."""
    import rdflib
    from rdflib.namespace import RDFS

    below: dict[str, set[str]] = {}
    for sub, sup in rdflib.Graph().parse(ONTOLOGY).subject_objects(RDFS.subClassOf):
        if isinstance(sub, rdflib.URIRef) and isinstance(sup, rdflib.URIRef):
            below.setdefault(str(sup), set()).add(str(sub))
    closed: dict[str, set[str]] = {}
    for cls in below:
        todo, seen = [cls], set()
        while todo:
            for sub in below.get(todo.pop(), ()):
                if sub not in seen:
                    seen.add(sub)
                    todo.append(sub)
        closed[cls] = seen
    return closed


def test_shape_targets_are_closed_under_the_class_hierarchy():
    """A shape that targets a class targets its sub-classes too: with the ontology beside the data, SHACL's
    rdfs:subClassOf targeting would reach them anyway, and without it they would go unchecked."""
    import rdflib
    from rdflib.namespace import SH

    shapes = rdflib.Graph().parse(SHAPES)
    below = _subclasses()
    for shape in set(shapes.subjects(SH.targetClass, None)):
        targets = {str(c) for c in shapes.objects(shape, SH.targetClass)}
        missing = {sub for t in targets for sub in below.get(t, ())} - targets
        assert not missing, f"{shape} targets {sorted(targets)} but not their sub-classes {sorted(missing)}"


def test_the_graph_conforms_with_the_ontology_beside_it(valid, shapes):
    """The graph the build validates, with the ontology merged in as SHACL reads it (no inference)."""
    ontology = list(ox.parse(path=str(ONTOLOGY), format=ox.RdfFormat.TURTLE))
    assert validate(valid + ontology, shapes) == ()


@pytest.fixture(scope="module")
def dump():
    import gzip

    import rdflib

    return rdflib.Graph().parse(data=gzip.decompress((PUBLISHED / "ungakg.nt.gz").read_bytes()).decode(), format="nt")


@pytest.mark.slow
@pytest.mark.parametrize("ontology", ["without", "as ont_graph", "merged"])
def test_the_published_dump_conforms_with_and_without_the_ontology(dump, shapes, ontology):
    """The merged dump (every resolution and the vocabularies) against the shapes: alone, with the ontology as
    pySHACL's ont_graph (inference none), and with the ontology merged into the data graph (pyshacl-turbo, which
    has pySHACL's API; the engines agree on every shape case above)."""
    import pyshacl_turbo
    import rdflib

    data, options = dump, {}
    if ontology == "as ont_graph":
        options = {"ont_graph": rdflib.Graph().parse(ONTOLOGY)}
    elif ontology == "merged":
        data = rdflib.Graph()
        data += dump
        data.parse(ONTOLOGY)
    conforms, _, text = pyshacl_turbo.validate(data, shacl_graph=shapes.decode(), shacl_graph_format="turtle", inference="none",
                                               advanced=True, **options)
    assert conforms, text[:3000]
