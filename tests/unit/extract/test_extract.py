"""The extraction stage: invariants on every fact, and the forms each finder reads."""

from __future__ import annotations

import copy
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mapper.extract import annotate, read
from mapper.extract.citations import documents, resolutions
from mapper.extract.clauses import clauses
from mapper.extract.figures import figures
from mapper.extract.instruments import InstrumentFinder
from mapper.extract.topics import _anchor, _patterns
from mapper.lexicon.authority import authorities
from mapper.lexicon.dates import find_whens
from mapper.parse import parse_bytes
from tests.support.paths import CORPUS
from tests.support.synth import LAYOUTS, make_spec, render


def _all_facts(unit):
    f = unit.facts
    return [*f.citations, *f.bodies, *f.events, *f.places, *f.mandates, *f.topics, *f.figures]


@pytest.fixture(scope="module")
def corpus():
    return {p.name: read(p.read_bytes(), str(p)) for p in sorted(CORPUS.glob("A-RES-*.txt"))}


def assert_traceable(r):
    """Every fact names the characters it was read from: the unit's text, sliced by its span."""
    for unit in r.units():
        for fact in _all_facts(unit):
            assert 0 <= fact.span.start < fact.span.end <= len(unit.text), (unit, fact)
            assert unit.text[fact.span.start:fact.span.end] == fact.text, (unit.text, fact)


def test_every_fact_of_the_corpus_is_traceable(corpus):
    for r in corpus.values():
        assert_traceable(r)
    assert sum(len(_all_facts(u)) for r in corpus.values() for u in r.units()) > 900


@given(st.integers(0, 10_000), st.sampled_from(LAYOUTS))
def test_every_fact_of_a_random_resolution_is_traceable(seed, layout):
    spec = make_spec(seed)
    r = read(render(spec, layout, seed).encode(), f"A-RES-{spec.session}-{spec.number}.txt")
    assert_traceable(r)
    assert any(_all_facts(u) for u in r.units()), "no fact read: the property above held of nothing"


def test_annotation_is_pure_and_repeatable(corpus):
    """Annotation adds the facts to a bare parse, leaves its input as it was, and gives the same again and again."""
    path = CORPUS / "A-RES-78-132.txt"
    bare = parse_bytes(path.read_bytes(), str(path))
    untouched = copy.deepcopy(bare)
    assert not any(_all_facts(u) for u in bare.units()), "a bare parse has no facts"
    annotated = annotate(bare, authorities())
    assert bare == untouched, "annotate changed its input"
    assert sum(len(u.facts.citations) for u in annotated.units()) > 20
    assert sum(len(u.facts.bodies) for u in annotated.units()) > 20
    assert annotate(bare, authorities()) == annotated, "a second annotation of the same input differs"
    assert annotate(annotated, authorities()) == annotated, "annotating an annotated resolution reads other facts"
    assert annotated == corpus["A-RES-78-132.txt"]  # what read() gives


# -- citations ----------------------------------------------------------------------


def test_resolution_lists_expand_with_their_dates():
    text = ("Recalling its resolutions 56/183 of 21 December 2001, 57/270 B of 23 June 2003 and 62/182 of "
            "19 December 2007, Economic and Social Council resolution 2008/3 of 18 July 2008 and its resolution 63/202,")
    found = [(f.target, f.date) for f in resolutions(text)]
    assert found == [
        ("A/RES/56/183", date(2001, 12, 21)), ("A/RES/57/270 B", date(2003, 6, 23)),
        ("A/RES/62/182", date(2007, 12, 19)), ("E/RES/2008/3", date(2008, 7, 18)), ("A/RES/63/202", None),
    ]


@pytest.mark.parametrize("text, targets", [
    ("Security Council resolution 2623 (2022) of 27 February 2022", ["S/RES/2623 (2022)"]),
    ("its resolutions 217 A (III) and 2625 (XXV)", ["A/RES/217 A (III)", "A/RES/2625 (XXV)"]),
    ("its resolution ES-11/1 of 2 March 2022", ["A/RES/ES-11/1"]),
    ("its decision 77/568 of 1 September 2023", ["A/DEC/77/568"]),
    ("as set forth in Council resolution 2006/46", ["E/RES/2006/46"]),
    ("the Economic and Social Council in its resolution 2023/3", ["E/RES/2023/3"]),
    ("its resolutions 68/1 to 68/3", ["A/RES/68/1", "A/RES/68/2", "A/RES/68/3"]),
    ("its resolution 70/1 of 25 September 2015, entitled “Transforming our world”, and 69/313", ["A/RES/70/1", "A/RES/69/313"]),
    ("Resolution 66/288, annex.", ["A/RES/66/288"]),
    ("resolution 25 of the General Conference", []),
    ("24.4 per cent in 2011/12", []),
])
def test_resolution_forms(text, targets):
    assert [f.target for f in resolutions(text)] == targets


def test_documents_keep_joint_symbols_and_expand_addenda():
    text = "A/64/64-E/2009/10; A/67/66-E/2012/49 and Add.1; TD/B/EDE/6/4; Telecommunication/Information; A/RES/70/1"
    assert [f.target for f in documents(text)] == [
        "A/64/64-E/2009/10", "A/67/66-E/2012/49", "A/67/66/Add.1-E/2012/49/Add.1", "TD/B/EDE/6/4",
    ]


def test_instrument_paragraphs_are_cited_one_by_one():
    (found,) = InstrumentFinder(authorities()).find(
        "Reaffirming also paragraphs 35 to 37 and 67 to 72 of the Tunis Agenda for the Information Society,", [])
    assert found.key == "tunis-agenda"
    assert found.pinpoint == ("35", "36", "37", "67", "68", "69", "70", "71", "72")


def test_a_generic_name_needs_its_context():
    found = InstrumentFinder(authorities()).find("the Vienna Programme of Action and the Plan of Action for the decade", [])
    assert "geneva-plan-of-action" not in [f.key for f in found]  # the WSIS's Plan of Action only where the WSIS is named


def test_footnote_citations_take_the_verb_of_the_clause_of_their_marker(corpus):
    r = corpus["A-RES-78-132.txt"]
    relations = {f.number: {c.relation for c in f.facts.citations} for f in r.footnotes}
    assert relations[1] == {"recalls"}  # "Recalling its resolution ... as well as previous resolutions on the issue,1"
    assert relations[9] == {"takesNoteOf"}
    assert relations[18] == {"takesNoteOf"}  # "..., takes note of its ... conclusions and recommendations,18"


# -- clauses ------------------------------------------------------------------------


def test_clauses_split_at_a_second_verb_only():
    text = ("Acknowledges that a gender divide exists, and encourages all stakeholders to ensure participation, "
            "taking note of progress, and in this regard recalls the agreed conclusions;")
    found = clauses(text, "acknowledge", True, len("Acknowledges"))
    assert [c.verb for c in found] == ["acknowledge", "encourage", "recall"]
    assert text[found[1].start:found[1].verb_end] == "encourages"


# -- events, dates, places ------------------------------------------------------------


@pytest.mark.parametrize("text, first, last, year", [
    ("from 15 to 18 November 2009", date(2009, 11, 15), date(2009, 11, 18), 2009),
    ("on 29 and 30 October 2007", date(2007, 10, 29), date(2007, 10, 30), 2007),
    ("from 30 October to 2 November 2006", date(2006, 10, 30), date(2006, 11, 2), 2006),
    ("on 30 November and 1 December 2023", date(2023, 11, 30), date(2023, 12, 1), 2023),
    ("24 to 27 April 2023", date(2023, 4, 24), date(2023, 4, 27), 2023),
    ("on 8 September 2000", date(2000, 9, 8), date(2000, 9, 8), 2000),
    ("in 2012", None, None, 2012),
])
def test_date_forms(text, first, last, year):
    (w,) = find_whens(text)
    assert (w.first, w.last, w.year) == (first, last, year)


def test_one_node_per_real_event(corpus):
    """The fourth IGF is igf-4 whether a text says "fourth meeting" or "held ... in 2009"."""
    keys = {}
    for name, r in corpus.items():
        for unit in r.units():
            for e in unit.facts.events:
                if e.series == "igf":
                    keys.setdefault(e.event, set()).add((name, e.text))
    assert {"igf-1", "igf-4", "igf-5", "igf-7", "igf-18"} <= set(keys)
    assert {n for n, _ in keys["igf-4"]} == {"A-RES-64-187.txt", "A-RES-67-195.txt"}


def test_igf_meetings_get_dates_and_places_in_order(corpus):
    (p,) = [p for p in corpus["A-RES-64-187.txt"].preamble if p.id == "preamble_9"]
    got = [(e.event, e.start, e.places) for e in p.facts.events]
    assert got[0] == ("igf-1", date(2006, 10, 30), ("grath",))  # Athens, by its UN/LOCODE
    assert got[3] == ("igf-4", date(2009, 11, 15), ("egssh", "egy"))  # Sharm el-Sheikh by its UN/LOCODE, Egypt by ISO 3166
    assert got[4] == ("igf-5", date(2010, 9, 14), ("ltvno",))


# -- mandates -----------------------------------------------------------------------


def test_a_request_with_its_channel_and_due_session(corpus):
    (p,) = [p for p in corpus["A-RES-67-195.txt"].operative if p.number == 23]
    (m,) = p.facts.mandates
    assert (m.kind, m.addressees, m.due_session, m.channel) == ("request", ("secretary-general",), 68, ("cstd", "ecosoc"))
    assert m.action.startswith("submit to the General Assembly at its sixty-eighth session")


def test_a_mandate_needs_an_addressee():
    r = corpus_unit("Encourages strengthened and continuing cooperation between and among stakeholders to ensure implementation;")
    assert r.facts.mandates == ()


def corpus_unit(operative_text: str):
    text = ("Resolution adopted by the General Assembly on 1 December 2020\n\n75/999. A title\n\nThe General Assembly,\n\n"
            "Recalling its resolution 74/1,\n\n1. " + operative_text + "\n\n50th plenary meeting\n1 December 2020\n")
    return read(text.encode(), "A-RES-75-999.txt").operative[0]


@pytest.mark.parametrize("text, kind, addressees, due", [
    ("Requests the Secretary-General, as Chairman of the Board, to submit a report by June 2006;", "request", ("secretary-general",), "2006-06"),
    ("Invites the Chair of the Commission on Science and Technology for Development to establish a working group;", "invitation", ("cstd",), None),
    ("Calls upon all stakeholders, including Governments, to close the gender digital divide by 2030;", "call", ("stakeholders", "governments"), "2030"),
    ("Decides to conduct an overall review in 2015;", "decision", ("general-assembly",), "2015"),
])
def test_mandate_forms(text, kind, addressees, due):
    (m,) = corpus_unit(text).facts.mandates
    assert (m.kind, m.addressees, m.due) == (kind, addressees, due)


# -- topics, figures ------------------------------------------------------------------


def test_topic_anchors_are_in_every_match(corpus):
    """The cheap prefilter never hides a match: every match contains its pattern's anchor."""
    matched = 0
    for topic in authorities().topics.values():
        for pattern in topic.patterns:
            anchor = _anchor(pattern)
            if anchor is None:
                continue
            rx = re.compile(pattern, re.I)
            for r in corpus.values():
                for unit in r.units():
                    for m in rx.finditer(unit.text):
                        matched += 1
                        assert anchor in m.group().lower(), (pattern, anchor, m.group())
    assert matched > 50, "the corpus matched next to no anchored pattern: the check above held of nothing"
    # and the prefilter as topics() applies it: a text it skips is one no pattern of the topic matches
    topics, searched = authorities().topics, 0
    for key, anchors, rx in _patterns(authorities()):
        assert anchors is None or (anchors and all(a == a.lower() for a in anchors)), (key, anchors)
        assert anchors is None or set(anchors) == {_anchor(p) for p in topics[key].patterns} - {None, ""}, key
        for r in corpus.values():
            for unit in r.units():
                if rx.search(unit.text):
                    searched += 1
                    assert anchors is None or any(a in unit.text.lower() for a in anchors), (key, anchors, unit.text)
    assert searched > 50


def test_body_names_do_not_trigger_topics_but_dedicated_bodies_do(corpus):
    (p,) = [p for p in corpus["A-RES-78-132.txt"].preamble if p.id == "preamble_7"]
    topics = {t.topic for t in p.facts.topics}
    assert "science-technology-innovation" not in topics  # "Commission on Science and Technology for Development"
    (q,) = [p for p in corpus["A-RES-64-187.txt"].preamble if p.id == "preamble_7"]
    assert "internet-governance" in {t.topic for t in q.facts.topics}


def test_figures_carry_population_measure_and_year():
    got = figures("only 24.4 per cent of the population in developing countries used the Internet in 2011, "
                  "compared with 70.2 per cent in developed countries, and")
    assert [(f.value, f.population, f.measure, f.year) for f in got] == [
        (24.4, "the population in developing countries", "used the Internet", 2011),
        (70.2, "developed countries", "used the Internet", 2011),
    ]


# -- authority data -------------------------------------------------------------------


def test_authority_files_cross_reference():
    a = authorities()
    assert a.bodies["cstd"].parent == "ecosoc" and a.bodies["ungis"].parent == "ceb"
    assert a.bodies["itu"].type == "SpecializedAgency"
    assert a.events["igf"].meeting(year=2009).ordinal == 4
    assert a.instruments["addis-ababa-action-agenda"].resolution == "A/RES/69/313"
    assert {t.broader for t in a.topics.values()} - {None} <= set(a.topics)


@pytest.mark.parametrize("name", ["bodies", "groups", "instruments", "events", "topics"])
def test_authority_files_are_sorted_by_key(name):
    """As their headers ask: sorted tables review well and merge cleanly."""
    import tomllib
    from importlib import resources

    keys = list(tomllib.loads(resources.files("mapper.lexicon").joinpath("data", f"{name}.toml").read_text()))
    assert keys == sorted(keys)


def test_structure_only_skips_the_extraction_and_nothing_else(corpus):
    path = CORPUS / "A-RES-64-187.txt"
    bare = parse_bytes(path.read_bytes(), str(path))
    assert all(not u.facts for u in bare.units())
    assert annotate(bare, authorities()) == corpus["A-RES-64-187.txt"]


# Fragments of UN prose that trigger the finders, joined at random with noise between them.
_FRAGMENTS = [
    "Recalling its resolutions", "56/183 of 21 December 2001", "and", ",", "57/270 B", "to 57/275", "Economic and Social Council resolution",
    "2008/3", "Security Council resolution 2623 (2022)", "A/64/64-E/2009/10 and Add.1", "paragraphs 35 to 37 of the Tunis Agenda",
    "the Commission", "the Council", "the Forum", "the Summit", "its sixty-fifth session", "the fourth meeting of the",
    "Internet Governance Forum", "held in Sharm el-Sheikh, Egypt,", "from 15 to 18 November 2009", "in 2012", "on 29 and 30 October",
    "Requests the Secretary-General", "to submit", "through the Economic and Social Council", "by June 2006", "Decides to",
    "24.4 per cent of the population", "a third of", "Working Group on Something New", "the Conference of the Parties",
    "and encourages all stakeholders to", "broadband", "gender digital divide", "World Summit on the Information Society Forum 2009",
    "“", "”", "(", ")", ";", "\u00e9", "0", "19 December", "Connect Africa summits held in Kigali in 2007",
]


@given(st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=8)), max_size=40))
def test_finders_never_fail_and_stay_traceable(pieces):
    from mapper.extract.reader import _Reader

    text = " ".join(pieces)
    verb = "request"
    facts = _Reader(authorities()).facts("para_1", text, clauses(text, verb, True, 0))
    for fact in [*facts.citations, *facts.bodies, *facts.events, *facts.places, *facts.mandates, *facts.topics, *facts.figures]:
        assert 0 <= fact.span.start <= fact.span.end <= len(text)
        assert text[fact.span.start:fact.span.end] == fact.text
