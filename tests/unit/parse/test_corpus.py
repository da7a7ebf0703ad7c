"""Acceptance on the five texts of the corpus: exact figures and every field."""

import re
from datetime import date

import pytest

from mapper.extract import read
from tests.support.paths import CORPUS, ROOT

EXPECTED = {
    # symbol: (preamble, operative, sub-paragraphs, footnotes, adopted, meeting, agenda items)
    "A/RES/57/295": (4, 4, 6, 2, date(2002, 12, 20), 79, (32,)),
    "A/RES/64/187": (16, 19, 0, 8, date(2009, 12, 21), 66, (50,)),
    "A/RES/67/195": (33, 24, 0, 11, date(2012, 12, 21), 61, (17,)),
    "A/RES/60/252": (8, 15, 0, 4, date(2006, 3, 27), None, ()),
    "A/RES/78/132": (56, 59, 0, 19, date(2023, 12, 19), 49, (15,)),
}
FIELDS = {
    "A/RES/57/295": dict(
        session=57, number=295, title="Information and communication technologies for development",
        committee=None, report=("A/57/L.71", "A/57/L.71/Add.1"), distributed=date(2003, 3, 4), layout="ods",
    ),
    "A/RES/64/187": dict(
        session=64, number=187, title="Information and communication technologies for development",
        committee="Second Committee", report=("A/64/417",), distributed=date(2010, 2, 9), layout="ods",
    ),
    "A/RES/67/195": dict(
        session=67, number=195, title="Information and communications technologies for development",
        committee="Second Committee", report=("A/67/434",), distributed=date(2013, 2, 5), layout="ods",
    ),
    "A/RES/60/252": dict(
        session=60, number=252, title="World Summit on the Information Society",
        committee=None, report=("A/60/L.50", "A/60/L.50/Add.1"), distributed=None, layout="plain-inline-footnotes",
    ),
    "A/RES/78/132": dict(
        session=78, number=132, title="Information and communications technologies for sustainable development",
        committee="Second Committee", report=("A/78/458",), distributed=None, layout="markdown",
    ),
}


def _load(symbol):
    path = CORPUS / (symbol.replace("/", "-") + ".txt")
    data = path.read_bytes()
    return read(data, str(path.relative_to(ROOT))), data


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def parsed(request):
    r, data = _load(request.param)
    return request.param, r, data.decode("utf-8")


def test_figures(parsed):
    symbol, r, _ = parsed
    pre, op, subs, notes, adopted, meeting, agenda = EXPECTED[symbol]
    assert str(r.symbol) == symbol
    assert len(r.preamble) == pre
    assert len(r.operative) == op
    assert sum(len(p.subparagraphs) for p in r.operative + r.preamble) == subs
    assert len(r.footnotes) == notes
    assert r.adopted == adopted
    assert r.meeting == meeting
    assert r.agenda_items == agenda


def test_fields(parsed):
    symbol, r, _ = parsed
    f = FIELDS[symbol]
    assert r.session == f["session"] and r.number == f["number"]
    assert r.title == f["title"]
    assert r.committee == f["committee"]
    assert r.report == f["report"]
    assert r.distributed == f["distributed"]
    assert r.source.layout == f["layout"]
    assert len(r.source.sha256) == 64
    assert r.warnings == ()


def test_footnotes_numbered_and_anchored(parsed):
    _, r, _ = parsed
    assert [f.number for f in r.footnotes] == list(range(1, len(r.footnotes) + 1))
    ids = {p.id for p in r.preamble + r.operative} | {s.id for p in r.operative for s in p.subparagraphs}
    for f in r.footnotes:
        assert f.paragraph in ids
        assert f.text and (f.text[0].isupper() or f.text[0].isdigit()), (f.number, f.text)  # "See ...", "Resolution ...", "A/64/64 ...", "1 ..."


def test_operative_numbering_and_ids(parsed):
    _, r, _ = parsed
    assert [p.number for p in r.operative] == list(range(1, len(r.operative) + 1))
    assert [p.id for p in r.operative] == [f"para_{n}" for n in range(1, len(r.operative) + 1)]
    assert [p.id for p in r.preamble] == [f"preamble_{n}" for n in range(1, len(r.preamble) + 1)]


def test_every_paragraph_has_a_known_lead_phrase(parsed):
    _, r, _ = parsed
    for p in r.preamble + r.operative:
        assert p.phrase.verb, (p.id, p.phrase)
        assert p.text.startswith(p.phrase.text)


def _all_paragraphs(r):
    for p in r.preamble + r.operative:
        yield p
        yield from p.subparagraphs


FURNITURE = re.compile(r"<<ODS|\[DU1\]|<sup>|</sup>|\]\(#\)|\*|^---|Distr\.|\d+(?:st|nd|rd|th) plenary meeting|Please recycle|\d+/\d+$|\t|\n")


def test_no_marker_footnote_or_furniture_in_paragraphs(parsed):
    _, r, _ = parsed
    notes = [f.text for f in r.footnotes]
    for p in _all_paragraphs(r):
        assert not FURNITURE.search(p.text), (p.id, p.text)
        assert "  " not in p.text and p.text == p.text.strip()
        for note in notes:
            assert note.rstrip(".") not in p.text or len(note) < 14, (p.id, note)
        # A marker leaves no digit glued to the word or punctuation before it.
        for m in p.markers:
            before = p.text[: m.offset]
            assert not re.search(r"[A-Za-z,;:.”\"]\d+$", before), (p.id, before[-30:])
        # No glued marker digits anywhere: "Geneva2", "2000,1 in", "Outcome,6".
        assert not re.search(r"[a-z]{2}\d{1,2}\b(?!/)|[,;]\d{1,2}(?=\s|$)", p.text), (p.id, p.text)


def test_paragraphs_end_as_clauses(parsed):
    _, r, _ = parsed
    for p in r.preamble:
        assert p.text.endswith(","), p.id
    for p in r.operative[:-1]:
        assert p.text.endswith((";", ":")), p.id
    assert r.operative[-1].text.endswith(".")


def test_no_fragment_of_another_paragraph(parsed):
    _, r, _ = parsed
    paragraphs = list(_all_paragraphs(r))
    for p in paragraphs:
        for q in paragraphs:
            if p is not q:
                assert q.text[:60] not in p.text, (p.id, q.id)


def test_offsets_point_at_the_source(parsed):
    _, r, source = parsed
    for p in list(_all_paragraphs(r)) + list(r.footnotes):
        covered = 0
        last_source_end = -1
        for t, s, n in p.source_map:
            assert source[s : s + n] == p.text[t : t + n]
            assert s >= last_source_end, "source runs overlap: a character is duplicated"
            last_source_end = s + n
            covered += n
        made = len(p.text) - covered
        # Only joining spaces are made by cleaning.
        assert made <= p.text.count(" "), p
        assert p.span.start <= p.source_map[0][1] and p.source_map[-1][1] + p.source_map[-1][2] <= p.span.end
        assert source.count("\n", 0, p.span.start) + 1 == p.line


def test_markdown_page_breaks_rejoined():
    r, _ = _load("A/RES/78/132")
    para = {p.id: p for p in r.preamble + r.operative}
    assert "took stock of the progress made in the implementation of the outcomes of the World Summit, addressed" in para["preamble_11"].text
    assert "to build their capacities to equally" in para["para_17"].text
    assert "micro-, small and medium-sized enterprises, including those owned" in para["para_26"].text
    assert "to support the participation of Governments and all other stakeholders" in para["para_32"].text
    assert para["para_4"].phrase.text == "Reaffirms its commitment"
    assert para["preamble_35"].phrase.text == "Noting with great concern also"
    assert para["preamble_35"].phrase.modifiers == ("with great concern", "also")


def test_inline_footnotes_cut_out():
    r, _ = _load("A/RES/60/252")
    para = {p.id: p for p in r.preamble + r.operative}
    assert para["preamble_2"].text.endswith("held in Geneva from 10 to 12 December 2003, as endorsed by the General Assembly,")
    assert [m.number for m in para["preamble_2"].markers] == [1, 2]
    assert para["para_2"].text.endswith("on the second phase of the Summit;")
    assert [m.number for m in para["para_3"].markers] == [4]  # a marker pointing back
    assert [(f.number, f.text) for f in r.footnotes] == [
        (1, "See A/C.2/59/3, annex"), (2, "See resolution 59/220."), (3, "See resolution 60/1."), (4, "See A/60/687."),
    ]


def test_ods_line_breaks_joined():
    r, _ = _load("A/RES/64/187")
    assert "held in Geneva from 10 to 12 December 2003, as endorsed by the General Assembly," in r.preamble[2].text
    assert [m.number for m in r.operative[8].markers] == [2, 4]  # "Geneva2 and Tunis4 phases"
    r, _ = _load("A/RES/57/295")
    subs = r.operative[2].subparagraphs
    assert [s.label for s in subs] == list("abcdef")
    assert subs[0].id == "para_3_list_point_a"
    assert r.operative[2].text.endswith("taking into account the following elements:")
