"""The full-text index: what it holds of the published graph, how a person's words are read, ranking, facets, filters,
and the SPARQL function, on the corpus's merged dump (no server: the index as ``ungakg build`` writes it)."""

from __future__ import annotations

import gzip

import pyoxigraph as ox
import pytest

from mapper.errors import Refused
from mapper.publish.search import build_index, units
from mapper.server.search import CLOSE, OPEN, Functions, Index, Term, read_search
from tests.support.paths import PUBLISHED

BASE = "https://w3id.org/ungakg/resolution/"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    s.bulk_load(gzip.decompress((PUBLISHED / "ungakg.nt.gz").read_bytes()), format=ox.RdfFormat.N_TRIPLES)
    return s


@pytest.fixture(scope="module")
def index(store, tmp_path_factory) -> Index:
    folder = tmp_path_factory.mktemp("search") / "search"
    build_index(store, folder)
    return Index(folder)


def test_every_unit_of_text_is_indexed_with_its_resolution_and_facets(store):
    found = {u.iri: u for u in units(store)}
    texts = {q.subject.value for q in store.quads_for_pattern(None, ox.NamedNode("https://schema.org/text"), None, ox.DefaultGraph())
             if q.subject.value.startswith(BASE)}
    assert set(found) == texts  # paragraphs, sub-paragraphs and footnotes of resolutions, nothing else
    op = found[BASE + "A-RES-64-187/para_1"]
    assert (op.resolution, op.kind, op.eid) == (BASE + "A-RES-64-187", "operative", "para_1")
    assert op.facets["session"][0][0] == "64" and op.facets["year"] == [("2009", "2009")]
    assert op.facets["committee"] == [("second-committee", "Second Committee")]
    assert op.facets["verb"][0][0] == "recognize"
    plenary = found[BASE + "A-RES-57-295/preamble_1"]
    assert plenary.facets["committee"] == [("plenary", "Without reference to a Main Committee")]
    sub = found[BASE + "A-RES-57-295/para_3_list_point_a"]
    assert sub.kind == "subparagraph" and sub.facets["part"] == [("operative", "operative")]
    assert sub.facets["verb"][0][0] == "request"  # its paragraph's clause verb
    assert found[BASE + "A-RES-64-187/footnote_1"].facets["part"] == [("footnote", "footnote")]


W = Term


@pytest.mark.parametrize(("typed", "read"), [
    ("digital divide", ([[W("digital")], [W("divide")]], [])),
    ('"digital divide"', ([[W("digital divide")]], [])),
    ("broad*", ([[W("broad", prefix=True)]], [])),
    ("ict OR broadband -gender", ([[W("ict"), W("broadband")]], [W("gender")])),
    # the engine's own syntax is read as words, never obeyed
    ("NEAR(a b) body:x ^y text:z~2", ([[W("NEAR a")], [W("b")], [W("body x")], [W("y")], [W("text z 2")]], [])),
    ('say "it', ([[W("say")], [W("it")]], [])),
])
def test_what_a_person_types_is_read_as_words(typed, read):
    assert read_search(typed) == read


@pytest.mark.parametrize("typed", ["", "   ", "-gender", "* - ( )", "x" * 501, "a*", "digital d*"])
def test_a_search_with_nothing_to_find_is_refused_with_a_reason(typed):
    with pytest.raises(Refused) as e:
        read_search(typed)
    assert e.value.status == 400 and e.value.message


def test_stemmed_phrase_and_prefix_searches(index):
    stems = {h.iri for h in index.search("divides", limit=100).hits}
    assert BASE + "A-RES-67-195/para_3" in stems  # "digital divide" found by "divides"
    phrase = index.search('"digital divide"', limit=500)
    words = index.search("digital divide", limit=500)
    assert 0 < phrase.total < words.total
    assert all("digital" in h.snippet.lower() for h in phrase.hits)
    prefix = index.search("broadb*", limit=100)
    assert prefix.total == index.search("broadband", limit=100).total > 0


def test_hits_are_ranked_with_snippets_and_pages(index):
    r = index.search("broadband", limit=5)
    assert [h.score for h in r.hits] == sorted((h.score for h in r.hits), reverse=True)
    assert all(f"{OPEN}Broadband{CLOSE}".lower() in h.snippet.lower() for h in r.hits)
    second = index.search("broadband", offset=5, limit=5)
    assert not {h.iri for h in r.hits} & {h.iri for h in second.hits}
    assert second.total == r.total


def test_facets_count_every_match_and_filters_narrow(index):
    r = index.search("broadband", limit=1)
    parts = {v: n for v, _, n in r.facets["part"]}
    assert sum(parts.values()) == r.total
    operative = index.search("broadband", {"part": "operative"}, limit=100)
    assert operative.total == parts["operative"]
    assert all(h.kind in ("operative", "subparagraph") for h in operative.hits)
    both = index.search("broadband", {"part": "operative", "session": "78"}, limit=100)
    assert 0 < both.total < operative.total and all(h.symbol == "A/RES/78/132" for h in both.hits)
    assert index.search("broadband", {"session": "1"}, limit=1).total == 0
    bodies = {v for v, _, _ in index.search("Internet Governance Forum", limit=1).facets["body"]}
    assert "igf" in bodies or "internet-governance-forum" in bodies


def test_the_sparql_function_scores_matching_units_only(store, index):
    query = """PREFIX search: <https://w3id.org/ungakg/search#>
    SELECT ?u ?score WHERE { ?u <https://schema.org/text> ?t BIND(search:score(?u, "broadband") AS ?score) FILTER(BOUND(?score)) }"""
    rows = list(store.query(query, custom_functions=Functions(index).table()))
    assert {r["u"].value for r in rows} == {h.iri for h in index.search("broadband", limit=100).hits}
    assert all(r["score"].datatype.value.endswith("#double") and float(r["score"].value) > 0 for r in rows)


def test_the_snippet_marks_the_words_found_even_after_curly_quotes(index):
    import re

    for h in index.search('"digital divide"', limit=100).hits:
        marked = re.findall(f"{OPEN}(.*?){CLOSE}", h.snippet)
        assert "digital divide" in " ".join(marked).lower(), h.snippet  # the phrase, one mark
        assert all(set(w.lower().split()) <= {"digital", "divide", "divides"} for w in marked), h.snippet
