"""How a unit's text is rendered: links on the spans facts were read from, footnote calls where they stand."""

from __future__ import annotations

import pyoxigraph as ox

from mapper.rdf.namespaces import RDFS, UNGA, XSD
from mapper.server.linkeddata import Graph
from mapper.server.pages import _Index, _linked_text

BASE = "https://w3id.org/ungakg/"
PART = BASE + "resolution/A-RES-60-252/para_5"
TEXT = "Also welcomes the outcomes of both the Geneva and the Tunis phases of the Summit;"


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _int(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=XSD.nonNegativeInteger)


def triples(spans: list[tuple[int, int, str]], calls: list[tuple[int, int]]) -> list[ox.Triple]:
    out = []
    for i, (start, end, target) in enumerate(spans):
        fact = _n(f"{PART}/event/{start}-{i}")
        out += [ox.Triple(fact, UNGA.mentionedIn, _n(PART)), ox.Triple(fact, UNGA.mentions, _n(BASE + "event/" + target)),
                ox.Triple(fact, UNGA.start, _int(start)), ox.Triple(fact, UNGA.end, _int(end))]
    for i, (offset, number) in enumerate(calls):
        marker, note = _n(f"{PART}/marker_{i}"), _n(f"{BASE}resolution/A-RES-60-252/footnote_{number}")
        out += [ox.Triple(_n(PART), UNGA.footnoteMarker, marker), ox.Triple(marker, UNGA.callsFootnote, note),
                ox.Triple(marker, UNGA.offset, _int(offset)), ox.Triple(note, UNGA.number, _int(number)),
                ox.Triple(note, UNGA.eId, ox.Literal(f"footnote_{number}"))]
    return out


def render(spans, calls, called=None) -> str:
    store = ox.Store()
    for target in {t for _, _, t in spans}:
        store.add(ox.Quad(_n(BASE + "event/" + target), RDFS.label, ox.Literal(target.upper())))
    graph = Graph(store, ox.Store(), BASE)
    return str(_linked_text(_Index(triples(spans, calls)), graph, PART, TEXT, called))


GENEVA = TEXT.index("Geneva")
PHASES = TEXT.index(" of the Summit")


def test_a_call_inside_a_linked_name_stands_where_the_text_has_it():
    html = render([(GENEVA, PHASES, "wsis")], [(GENEVA + len("Geneva"), 2), (TEXT.index(" phases"), 4)])
    assert html.count('<a class="fact"') == 3  # the link is split around each call, not moved past them
    assert 'Geneva</a><sup class="fn"><a href="#footnote_2" id="call-footnote_2">2</a></sup><a class="fact"' in html
    assert 'Tunis</a><sup class="fn"><a href="#footnote_4" id="call-footnote_4">4</a></sup><a class="fact"' in html
    assert html.index(">2</a></sup>") < html.index(">4</a></sup>") < html.index(" of the Summit")


def test_a_span_that_names_two_events_links_to_each():
    html = render([(GENEVA, PHASES, "wsis-geneva"), (GENEVA, PHASES, "wsis-tunis")], [])
    assert '<span class="fact several">Geneva and the Tunis phases</span>' in html
    assert 'href="/event/wsis-geneva">WSIS-GENEVA</a>' in html and 'href="/event/wsis-tunis">WSIS-TUNIS</a>' in html


def test_only_the_first_call_of_a_footnote_carries_its_id():
    called: set[str] = set()
    first = render([], [(10, 2)], called)
    again = render([], [(20, 2)], called)
    assert 'id="call-footnote_2"' in first and 'id="call-footnote_2"' not in again and 'href="#footnote_2"' in again
