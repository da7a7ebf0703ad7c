"""JSON-LD compacted with the prefixes: the document pyLD's compaction gives, and it expands to exactly the triples it was made from."""

import gzip
import json

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pyld import jsonld as pyld

from mapper.rdf.iris import Iris
from mapper.rdf.jsonld import CLOSING, CONTEXT, OPENING, document, named_graph
from mapper.rdf.namespaces import PREFIXES
from mapper.rdf.schemes import vocabulary_triples
from mapper.rdf.terms import serialized
from tests.support.paths import GOLDEN, PUBLISHED

SLUGS = sorted(p.stem for p in (GOLDEN / "rdf").glob("*.ttl"))


def expanded_by_oxigraph(body: bytes) -> set[ox.Quad]:
    return set(ox.parse(body, format=ox.RdfFormat.JSON_LD))


def expanded_by_pyld(body: bytes) -> set[ox.Quad]:
    """pyLD's own expansion and RDF serialization of the document, independently of pyoxigraph's parser."""
    nquads = pyld.to_rdf(json.loads(body), {"format": "application/n-quads"})
    return set(ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS)) if nquads else set()


def as_quads(triples, graph=None) -> set[ox.Quad]:
    return {ox.Quad(t.subject, t.predicate, t.object, graph or ox.DefaultGraph()) for t in triples}


def by_pyld(data) -> dict:
    """pyLD's compaction of pyoxigraph's expanded JSON-LD with the same context (rdf:type as @type, as
    JSON-LD's serialization of RDF gives it), keys in the order of mapper.rdf.jsonld's."""
    expanded = json.loads(ox.serialize(data, format=ox.RdfFormat.JSON_LD) or b"[]")

    def lift(nodes):
        for node in nodes:
            objects = node.get(RDF_TYPE)
            if objects and all(set(o) == {"@id"} for o in objects):
                node["@type"] = [o["@id"] for o in node.pop(RDF_TYPE)]
            lift(node.get("@graph", []))

    lift(expanded)
    out = pyld.compact(expanded, {"@context": CONTEXT}, {"skipExpansion": True, "processingMode": "json-ld-1.1"})
    return out if "@context" in out else {"@context": CONTEXT, **out}


RDF_TYPE = PREFIXES["rdf"] + "type"


def same_json(a, b) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def canonical(quads) -> set[ox.Quad]:
    """The quads with their blank nodes labelled by content (RDFC-1.0): equal sets are isomorphic datasets."""
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return set(dataset)


@pytest.mark.parametrize("slug", SLUGS)
def test_a_resolution_s_graph_round_trips(slug):
    triples = list(ox.parse(path=str(GOLDEN / "rdf" / f"{slug}.ttl"), format=ox.RdfFormat.TURTLE))
    body = serialized(triples, ox.RdfFormat.JSON_LD)
    assert expanded_by_oxigraph(body) == as_quads(triples)
    assert expanded_by_pyld(body) == as_quads(triples)
    doc = json.loads(body)
    assert same_json(doc, by_pyld(triples)), "not the document pyLD's compaction gives"
    assert doc["@context"] == CONTEXT == dict(sorted(PREFIXES.items()))
    resolution = next(n for n in doc["@graph"] if n["@id"].endswith(f"/resolution/{slug}"))
    assert "unga:Resolution" in resolution["@type"] and "eli:LegalResource" in resolution["@type"]
    assert isinstance(resolution["unga:symbol"], str)  # a plain string, not an array of value objects
    keys = {k for node in doc["@graph"] for k in node}
    assert not any(k.startswith(tuple(PREFIXES.values())) for k in keys), "a property left as a full IRI"


def test_the_vocabularies_in_a_named_graph_round_trip():
    graph = ox.NamedNode(Iris().vocabulary_graph())
    quads = as_quads(vocabulary_triples(Iris()), graph)
    body = serialized(sorted(quads, key=str), ox.RdfFormat.JSON_LD)
    assert expanded_by_oxigraph(body) == quads
    assert json.loads(body)["@id"] == graph.value
    assert same_json(json.loads(body), by_pyld(sorted(quads, key=str)))


def test_compaction_is_deterministic():
    triples = list(ox.parse(path=str(GOLDEN / "rdf" / f"{SLUGS[0]}.ttl"), format=ox.RdfFormat.TURTLE))
    assert document(triples) == document(list(triples))
    assert document([]) == b'{"@context":' + json.dumps(CONTEXT, separators=(",", ":")).encode() + b"}"


def test_the_published_file_is_one_compacted_document_of_every_graph():
    body = (PUBLISHED / "ungakg.jsonld").read_bytes()
    assert body.startswith(OPENING) and body.endswith(CLOSING)
    assert json.loads(body)["@context"] == CONTEXT
    assert expanded_by_oxigraph(body) == set(ox.parse(gzip.decompress((PUBLISHED / "ungakg.nq.gz").read_bytes()), format=ox.RdfFormat.N_QUADS))


@pytest.mark.parametrize("iri", ["unga:x", "https://schema.org///x", "http://www.w3.org/2001/XMLSchema#//x"])
def test_an_iri_the_context_would_misread_leaves_the_document_expanded(iri):
    """``unga:x`` is an absolute IRI of scheme "unga", which beside the prefix unga reads as a compact IRI;
    ``https://schema.org///x`` would compact to ``schema://x``, an IRI of scheme "schema"."""
    t = ox.Triple(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal("1", datatype=ox.NamedNode(iri)))
    for triple in (t, ox.Triple(ox.NamedNode(iri), t.predicate, t.subject), ox.Triple(t.subject, ox.NamedNode(iri), t.subject)):
        body = document([triple])
        assert "@context" not in json.loads(body)
        assert expanded_by_oxigraph(body) == expanded_by_pyld(body) == as_quads([triple])
    with pytest.raises(ValueError):
        named_graph([ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(iri))])


# Terms made to trouble compaction: IRIs in and out of the prefixes' namespaces, local names with slashes, colons,
# hashes, "@", empty ones; IRIs whose scheme is a prefix; blank nodes; literals of every kind, rdf:type with literals.
NAMESPACES = [*PREFIXES.values(), "http://example.org/", "https://w3id.org/ungakg/", "unga:", "schema:", "urn:x-"]
local = st.text(alphabet="ab/#:@._-%", max_size=6)


def _iri(value: str) -> ox.NamedNode | None:
    try:
        return ox.NamedNode(value)
    except ValueError:  # not an IRI
        return None


iris = st.builds(lambda ns, name: _iri(ns + name), st.sampled_from(NAMESPACES), local).filter(lambda n: n is not None)
blanks = st.builds(ox.BlankNode, st.sampled_from(["b0", "b1"]))
literals = st.one_of(
    st.builds(ox.Literal, st.text(max_size=5)),
    st.builds(lambda v, lang: ox.Literal(v, language=lang), st.text(max_size=5), st.sampled_from(["en", "fr", "en-gb"])),
    st.builds(lambda v, dt: ox.Literal(v, datatype=ox.NamedNode(dt)), st.text(alphabet="0123456789.@", max_size=4),
              st.sampled_from([PREFIXES["xsd"] + "integer", PREFIXES["xsd"] + "date", "http://example.org/dt", PREFIXES["unga"] + "UNLOCODE"])),
)
predicates = st.one_of(iris, st.just(ox.NamedNode(PREFIXES["rdf"] + "type")))
graphs = st.one_of(st.just(ox.DefaultGraph()), st.sampled_from([ox.NamedNode("https://w3id.org/ungakg/graph/g"), ox.NamedNode("unga:g")]))
quads = st.builds(ox.Quad, st.one_of(iris, blanks), predicates, st.one_of(iris, blanks, literals), graphs)


@given(st.lists(quads, max_size=8))
def test_any_quads_round_trip(data):
    body = document(data)
    assert canonical(expanded_by_oxigraph(body)) == canonical(data), body
    assert canonical(expanded_by_pyld(body)) == canonical(data), body
    if "@context" in json.loads(body):
        assert same_json(json.loads(body), by_pyld(data)), body
