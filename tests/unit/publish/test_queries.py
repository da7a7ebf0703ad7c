"""The example queries of queries/ answer the users' questions, on the published dataset.

Each runs twice: on the named graphs with their union as default graph (how an
endpoint holds them) and on the merged dump in the default graph (how a plain
triple store holds ungakg.nt.gz); both must give the same answers, so no query
depends on duplicates a union may carry.
"""

from __future__ import annotations

import gzip
import re

import pyoxigraph as ox
import pytest

from tests.support.paths import PUBLISHED, QUERIES


@pytest.fixture(scope="module")
def stores():
    union = ox.Store()
    union.load(gzip.decompress((PUBLISHED / "ungakg.nq.gz").read_bytes()), format=ox.RdfFormat.N_QUADS)
    merged = ox.Store()
    merged.load(gzip.decompress((PUBLISHED / "ungakg.nt.gz").read_bytes()), format=ox.RdfFormat.N_TRIPLES)
    return union, merged


def _rows(result) -> list[dict[str, str | None]]:
    names = [v.value for v in result.variables]
    return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in result]


def run(stores, name: str) -> list[dict[str, str | None]]:
    text = (QUERIES / name).read_text()
    union, merged = stores
    a = _rows(union.query(text, use_default_graph_as_union=True))
    b = _rows(merged.query(text))
    assert a == b, f"{name}: the union of named graphs and the merged dump disagree"
    return a


def test_every_query_states_its_question_and_is_listed():
    listed = (QUERIES / "README.md").read_text()
    files = sorted(QUERIES.glob("*.rq"))
    assert len(files) >= 8
    for f in files:
        first = f.read_text().splitlines()[0]
        assert re.match(r"# \S.*", first), f"{f.name} does not open with its question"
        assert f"`{f.name}`" in listed, f"{f.name} is not in queries/README.md"
        assert "w3id.org/ungakg/resolution" not in f.read_text(), f"{f.name} hard-codes the base IRI"


def test_who_recalls_60_252(stores):
    rows = run(stores, "cites-resolution.rq")
    assert [(r["symbol"], r["verb"], r["citations"]) for r in rows] == [
        ("A/RES/64/187", "recall", "2"), ("A/RES/67/195", "recall", "2"), ("A/RES/78/132", "recall", "2"),
    ]
    assert set(rows[0]["parts"].split()) == {"preamble_1", "footnote_5"}


def test_requests_to_the_secretary_general(stores):
    rows = run(stores, "requests-to-secretary-general.rq")
    got = [(r["symbol"], r["eId"], r["dueSession"], r["due"], r["channels"]) for r in rows]
    assert got == [
        ("A/RES/57/295", "para_3", None, None, None),
        ("A/RES/57/295", "para_4", "58", None, None),
        ("A/RES/60/252", "para_15", None, "2006-06", "Economic and Social Council"),
        ("A/RES/64/187", "para_19", "65", None, "Economic and Social Council"),
        ("A/RES/67/195", "para_18", None, None, None),
        ("A/RES/67/195", "para_23", "68", None, "Commission on Science and Technology for Development; Economic and Social Council"),
        ("A/RES/78/132", "para_31", None, None, None),
        ("A/RES/78/132", "para_57", "79", None, "Commission on Science and Technology for Development; Economic and Social Council"),
    ]
    assert rows[3]["action"].startswith("submit to the General Assembly at its sixty-fifth session")


def test_igf_meetings_in_order(stores):
    rows = run(stores, "igf-meetings.rq")
    assert [int(r["ordinal"]) for r in rows] == list(range(1, 21))
    fourth = rows[3]
    assert (fourth["city"], fourth["country"], fourth["start"], fourth["end"]) == ("Sharm el-Sheikh", "Egypt", "2009-11-15", "2009-11-18")
    assert rows[0]["start"] == "2006-10-30" and rows[0]["end"] == "2006-11-02"
    assert {r["ordinal"]: r["firstWelcomedBy"] for r in rows if r["firstWelcomedBy"]} == {
        "1": "A/RES/67/195", "2": "A/RES/67/195", "3": "A/RES/67/195", "4": "A/RES/67/195",
        "5": "A/RES/64/187",  # "welcoming the convening of the fifth meeting of the Forum, to be held in Vilnius"
        "6": "A/RES/67/195", "7": "A/RES/67/195",
    }
    assert rows[17]["city"] == "Kyoto"


def test_gender_digital_divide_over_time(stores):
    rows = run(stores, "topic-over-time.rq")
    assert [(r["symbol"], int(r["parts"])) for r in rows] == [
        ("A/RES/57/295", 0), ("A/RES/60/252", 0), ("A/RES/64/187", 1), ("A/RES/67/195", 1), ("A/RES/78/132", 8),
    ]
    assert rows[2]["where"] == "para_6"


def test_verbatim_paragraph_with_official_link(stores):
    (row,) = run(stores, "paragraph-text.rq")
    assert row["text"].startswith("Encouraging the system-wide application and use of information and communication technologies")
    assert row["officialText"] == "https://undocs.org/A/RES/57/295"


def test_bodies_per_resolution(stores):
    rows = run(stores, "bodies-per-resolution.rq")
    counts = {(r["symbol"], r["name"]): int(r["mentions"]) for r in rows}
    assert counts[("A/RES/57/295", "Secretary-General")] == 2
    assert counts[("A/RES/60/252", "Economic and Social Council")] == 4  # twice by name, "the Council" twice
    assert counts[("A/RES/78/132", "Commission on Science and Technology for Development")] >= 10
    assert {r["known"] for r in rows if r["name"] == "Digital Solidarity Fund"} == {"false"}


def test_tunis_agenda_paragraphs(stores):
    rows = run(stores, "tunis-agenda-paragraphs.rq")
    assert sorted({int(r["number"]) for r in rows}) == [35, 36, 37, 67, 68, 69, 70, 71, 72, 111]
    assert {(r["number"], r["symbol"], r["verb"]) for r in rows if r["number"] in ("71", "72")} == {
        ("71", "A/RES/60/252", "reiterate"), ("71", "A/RES/67/195", "reaffirm"),
        ("72", "A/RES/67/195", "reaffirm"), ("72", "A/RES/78/132", "recognize"),
    }


def test_statistics(stores):
    rows = run(stores, "statistics.rq")
    assert len(rows) == 11
    first = next(r for r in rows if r["value"] == "24.4")
    assert (first["symbol"], first["population"], first["measure"], first["year"]) == (
        "A/RES/67/195", "the population in developing countries", "used the Internet", "2011")


def test_citation_network(stores):
    rows = run(stores, "citation-network.rq")
    edges = {(r["symbol"], r["cited"], r["property"].rsplit("#", 1)[1]) for r in rows}
    assert ("A/RES/60/252", "Tunis Agenda for the Information Society", "endorses") in edges
    assert ("A/RES/78/132", "A/RES/67/195", "recalls") in edges
    assert ("A/RES/78/132", "TD/B/EDE/6/4", "notes") in edges
    assert ("A/RES/67/195", "E/RES/2012/5", "takesNoteOf") in edges


def test_what_changed(stores):
    rows = run(stores, "what-changed.rq")
    assert {r["predecessor"] for r in rows} == {"A/RES/64/187"}
    assert len(rows) == 24  # the revised paragraphs (BENCHMARKS.md, "Paragraph lineage")
    similarities = [float(r["similarity"]) for r in rows]
    assert similarities == sorted(similarities) and all(0.5 <= x <= 1 for x in similarities)
    assert {"paragraph": "para_1", "from": "para_1"}.items() <= next(r for r in rows if r["paragraph"] == "para_1").items()


def test_standard_terms_give_what_our_own_give(stores):
    """The question asked in ELI, CiTO and DCMI Terms only (the terms the build writes beside ours) has the answer
    the same question has in the project's own terms."""
    rows = run(stores, "standard-terms.rq")
    own = _rows(stores[1].query("""
        PREFIX unga: <https://w3id.org/ungakg/ontology#> PREFIX eli: <http://data.europa.eu/eli/ontology#>
        SELECT ?symbol ?title (COUNT(DISTINCT ?cited) AS ?cited_works) (COUNT(DISTINCT ?recalled) AS ?cited_as_authority) WHERE {
          VALUES ?property { unga:cites unga:recalls unga:reaffirms unga:endorses unga:welcomes unga:takesNoteOf unga:notes unga:refersTo }
          ?resolution a unga:Resolution ; unga:symbol ?symbol ; unga:title ?title .
          ?part eli:is_part_of+ ?resolution ; ?property ?cited .
          OPTIONAL { ?part unga:recalls ?recalled . FILTER (?recalled = ?cited) }
        } GROUP BY ?symbol ?title ORDER BY ?symbol"""))
    assert rows == own and len(rows) == 5
    assert all(int(r["cited_works"]) > int(r["cited_as_authority"]) > 0 for r in rows)
