"""The mapping stage: golden graphs, IRIs, and a graph that can render the resolution alone."""

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given
from hypothesis import strategies as st
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from mapper.core.symbols import ResolutionSymbol
from mapper.extract import read
from mapper.rdf.iris import ONTOLOGY, Iris
from mapper.rdf.namespaces import PREFIXES
from mapper.rdf.resolution import resolution_triples
from tests.support.paths import CORPUS, GOLDEN, ROOT

SYMBOLS = ["A-RES-57-295", "A-RES-60-252", "A-RES-64-187", "A-RES-67-195", "A-RES-78-132"]


def triples_of(slug, base="https://w3id.org/ungakg/"):
    r = read((CORPUS / f"{slug}.txt").read_bytes(), f"{slug}.txt")
    return r, resolution_triples(r, Iris(base))


def to_rdflib(triples) -> rdflib.Graph:
    return rdflib.Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")


@pytest.mark.parametrize("slug", SYMBOLS)
def test_golden_graph(slug, update_goldens):
    _, triples = triples_of(slug)
    golden = GOLDEN / "rdf" / f"{slug}.ttl"
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(ox.serialize(sorted(set(triples), key=str), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))
    got, want = to_rdflib(triples), rdflib.Graph().parse(golden)
    if not isomorphic(got, want):
        _, only_got, only_want = graph_diff(to_isomorphic(got), to_isomorphic(want))
        pytest.fail(f"graph differs from {golden.name}:\n+ {sorted(only_got)[:5]}\n- {sorted(only_want)[:5]}\n(review, then pytest --update-goldens)")


@pytest.mark.parametrize("slug", SYMBOLS)
def test_no_blank_nodes_and_iris_parse_back(slug):
    _, triples = triples_of(slug)
    iris = Iris()
    for t in triples:
        for term in (t.subject, t.object):
            assert not isinstance(term, ox.BlankNode)
            if isinstance(term, ox.NamedNode) and term.value.startswith(iris.base) and not term.value.startswith(ONTOLOGY):
                iris.parse(term.value)  # raises for an IRI of no known form


@pytest.mark.parametrize("slug", SYMBOLS)
def test_the_graph_alone_renders_the_resolution(slug):
    """Every paragraph's text, in order, comes back from the graph with a SPARQL query."""
    r, triples = triples_of(slug)
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    rows = store.query("""
        PREFIX unga: <https://w3id.org/ungakg/ontology#> PREFIX schema: <https://schema.org/>
        SELECT ?kind ?pos ?text WHERE {
          VALUES ?kind { unga:PreambularParagraph unga:OperativeParagraph }  # not the ELI class each has too
          ?res unga:preambularParagraph|unga:operativeParagraph ?p .
          ?p a ?kind ; schema:position ?pos ; schema:text ?text .
        } ORDER BY DESC(?kind) ?pos""")
    texts = [row["text"].value for row in rows]
    assert texts == [p.text for p in r.preamble] + [p.text for p in r.operative]
    official = store.query("PREFIX unga: <https://w3id.org/ungakg/ontology#> SELECT ?o WHERE { ?r a unga:Resolution ; unga:officialText ?o }")
    assert [row["o"].value for row in official] == [f"https://undocs.org/{r.symbol}"]


def test_base_is_configurable():
    _, triples = triples_of("A-RES-57-295", base="http://127.0.0.1:8000/")
    subjects = {t.subject.value for t in triples}
    assert "http://127.0.0.1:8000/resolution/A-RES-57-295/para_3_list_point_a" in subjects
    assert not any(s.startswith("https://w3id.org/ungakg/") for s in subjects)


@pytest.mark.parametrize("bad", ["ftp://x/", "https://example.org/no-slash", "not an iri/", "https://exa mple.org/"])
def test_bad_base_refused(bad):
    with pytest.raises(ValueError):
        Iris(bad)


sessions = st.one_of(st.integers(1, 99), st.builds(lambda k, n: f"{k}-{n}", st.sampled_from(["ES", "S"]), st.integers(1, 30)))
eids = st.builds(lambda kind, n, labels: f"{kind}_{n}" + "".join(f"_list_point_{x}" for x in labels),
                 st.sampled_from(["preamble", "para"]), st.integers(1, 200), st.lists(st.sampled_from(["a", "b", "iv", "aa"]), max_size=2))


@given(sessions, st.integers(1, 9999), st.one_of(st.none(), st.sampled_from("AB")), eids, st.integers(1, 5))
def test_iris_parse_back_to_what_minted_them(session, number, part, eid, index):
    iris = Iris()
    symbol = ResolutionSymbol(session, number, part)
    assert iris.parse(iris.resolution(symbol)) == ("resolution", {"slug": symbol.slug})
    assert iris.parse(iris.part(symbol, eid)) == ("part", {"slug": symbol.slug, "eid": eid})
    assert iris.parse(iris.marker(symbol, eid, index)) == ("marker", {"slug": symbol.slug, "eid": eid, "index": str(index)})
    assert iris.parse(iris.session(session)) == ("session", {"session": str(session)})
    assert iris.parse(iris.plenary_meeting(session, number)) == ("plenary_meeting", {"session": str(session), "number": str(number)})
    assert iris.parse(iris.graph(symbol)) == ("graph", {"slug": symbol.slug})
    assert iris.parse(iris.document("A/64/64-E/2009/10")) == ("document", {"symbol": "A/64/64-E/2009/10"})
    assert iris.document(str(symbol)) == iris.resolution(symbol)


def test_links_out_of_the_published_graph():
    """Every resolution and cited document links to its official text; every resolution has its AKN4UN work
    identifier; topics link only to SDG targets of the UN's own SDG scheme (UNBIS is not linked: no certain mapping)."""
    import gzip

    from mapper.rdf.terms import official_text

    store = ox.Store()
    store.load(gzip.decompress((ROOT / "published" / "ungakg.nt.gz").read_bytes()), format=ox.RdfFormat.N_TRIPLES)
    prefix = "PREFIX unga: <https://w3id.org/ungakg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    documents = list(store.query(prefix + """SELECT ?d ?symbol (GROUP_CONCAT(STR(?text)) AS ?texts) WHERE {
        ?d a unga:Document ; unga:symbol ?symbol . OPTIONAL { ?d unga:officialText ?text } } GROUP BY ?d ?symbol"""))
    assert len(documents) >= 80
    for row in documents:
        assert row["texts"].value == official_text(row["symbol"].value).value, row["d"]  # exactly one
        assert row["texts"].value.startswith("https://undocs.org/")
    akn = {row["r"].value.rsplit("/", 1)[1]: row["akn"].value for row in store.query(
        prefix + "SELECT ?r ?akn WHERE { ?r unga:aknWorkIdentifier ?akn }")}
    assert sorted(akn) == SYMBOLS and akn["A-RES-57-295"] == "/akn/un/statement/deliberation/unga/2002-12-20/57-295/"
    matches = [row["m"].value for row in store.query(prefix + "SELECT ?m WHERE { ?t a skos:Concept ; skos:exactMatch|skos:relatedMatch|skos:closeMatch ?m }")]
    assert matches and all(m.startswith("http://metadata.un.org/sdg/") for m in matches)
