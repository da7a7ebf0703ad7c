"""The rules of the PDF-extraction layout, one at a time, each on a text the earlier rules read wrong.

Texts are built as the common PyMuPDF pipeline writes them (front matter, masthead, one text block a line,
footnotes collected as ``[^n]:``), with the one feature a test is about; the realworld files and their variants
(tests/integration/test_realworld.py, test_pdf_variants.py) test the rules together.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mapper.core.model import walk
from mapper.core.text import MappedText
from mapper.errors import StructureError
from mapper.extract import read
from mapper.parse.chain import parse_bytes
from mapper.parse.footnotes import SENTINEL, mark_printed
from mapper.parse.furniture import Furniture
from tests.support.paths import DATA

FRONT = """---
symbol: A/RES/80/99
record_id: "4000001"
title: "Catalogue title, not the printed one :"
date: "2025-12-09"
source_pdf: https://digitallibrary.un.org/record/4000001/files/A_RES_80_99-EN.pdf
---

United Nations

General Assembly Distr.: General 9 December 2025

Eightieth session Agenda item 99 (b) General and complete disarmament:

nuclear disarmament

Resolution adopted by the General Assembly on 1 December 2025

[on the report of the First Committee (A/80/534, para. 7)]

"""


def text(body: str, *, title: str = "Example of the rules of extraction", notes: str = "", closing: str = "52nd plenary meeting 1 December 2025",
         front: str = FRONT) -> str:
    out = front + f"80/99. {title}\n\nThe General Assembly,\n\n" + body.strip() + "\n\n" + closing + "\n"
    if notes:
        out += "\n---\n\n" + notes.strip() + "\n"
    return out


def parse(source: str, name: str = "A_RES_80_99.md"):
    return parse_bytes(source.encode(), name)


def texts(r) -> list[str]:
    return [u.text for u in walk(r.paragraphs)]


# -- front matter, masthead, title --------------------------------------------------------------

def test_front_matter_gives_hints_and_the_masthead_its_items():
    r = parse(text("Recalling its resolution 79/1,\n\n1. Decides to continue.", title="Nuclear disarmament"))
    assert r.source.layout == "pdf"
    assert (r.source.record, r.source.url) == ("4000001", "https://digitallibrary.un.org/record/4000001/files/A_RES_80_99-EN.pdf")
    assert r.title == "Nuclear disarmament"  # the printed title, not the catalogue's
    assert r.adopted == date(2025, 12, 1) and r.distributed == date(2025, 12, 9)
    [item] = r.agenda
    assert (item.number, item.sub, item.title) == (99, "b", "General and complete disarmament: nuclear disarmament")


def test_the_front_matter_symbol_serves_when_the_text_has_none():
    source = text("Recalling its resolution 79/1,\n\n1. Decides to continue.").replace("80/99. Example", "Example")
    r = parse(source, "download.md")
    assert str(r.symbol) == "A/RES/80/99"


def test_a_title_that_lost_its_end_is_left_unknown_and_said():
    r = parse(text("Recalling its resolution 79/1,\n\n1. Decides to continue.", title="Measures to prevent terrorists from acquiring weapons of"))
    assert r.title is None
    [c] = [c for c in r.corrections if c.kind == "title-incomplete"]
    assert c.text.endswith("weapons of") and c.line == FRONT.count("\n") + 1
    assert any(w.startswith(f"line {c.line}:") and "title" in w for w in r.warnings)


def test_a_title_broken_over_lines_is_joined():
    r = parse(text("Recalling its resolution 79/1,\n\n1. Decides to continue.", title="Follow-up to the advisory opinion of the\n\nInternational Court of Justice"))
    assert r.title == "Follow-up to the advisory opinion of the International Court of Justice"


# -- page furniture --------------------------------------------------------------------------------

TITLE = "Open-ended working group on security of and in the use of information and communications technologies"


def test_a_running_header_inside_a_paragraph_is_removed_and_the_paragraph_joined():
    body = ("Recalling its resolution 79/237,\n\n1. Requests the Secretary-General to support the mechanism, as endorsed by the General Assembly in its\n\n"
            "Open-ended working group on security of and in the use of\n\nA/RES/80/99 2/4\n\n25-15106 (E)\n\n"
            "resolution 79/237, and decides to continue.")
    r = parse(text(body, title=TITLE))
    assert r.operative[0].text == ("Requests the Secretary-General to support the mechanism, as endorsed by the General Assembly in its "
                                   "resolution 79/237, and decides to continue.")
    assert [c.kind for c in r.corrections] == ["running-header", "symbol-line", "job-number"]


def test_a_wrapped_line_that_names_the_title_is_text():
    # The old rule took any line equal to the title's first words (or repeated) for a header.
    furniture = Furniture("International Day of the World’s Indigenous Women and Girls", [])
    line = "International Day of the World’s Indigenous Women and"
    assert furniture.find(line, "Girls, and invites all Member States") is None
    assert furniture.find(line, "decides to continue its work") is not None


def test_a_line_repeated_by_wrapping_is_text_but_a_header_with_the_symbol_is_furniture():
    wrapped = "Combat and Eradicate the Illicit Trade in Small Arms and Light Weapons in All Its"
    furniture = Furniture("The illicit trade in small arms", [wrapped] * 3 + ["A/RES/80/99 Illicit trade 3/8"] * 2)
    assert furniture.find(wrapped) is None
    assert furniture.find("A/RES/80/99 Illicit trade 3/8").kind == "running-header"
    assert furniture.find("Illicit trade") is not None  # that header without the symbol, elsewhere
    assert furniture.find("*2515106*").kind == "barcode" and furniture.find("2/4").kind == "page-number"


# -- footnote markers --------------------------------------------------------------------------------

def marked(line: str, known: set[int], before: str = "") -> str:
    """``line`` with the markers found in it shown as <n>; ``before`` is text read first (markers it takes count in the order)."""
    out, _ = mark_printed([MappedText.literal(before + "|" + line)], known)
    return SENTINEL.sub(lambda m: f"<{ord(m.group()) - 0xF0000}>", out[0].text).split("|", 1)[1]


@pytest.mark.parametrize(("line", "expected"), [
    ("for 2021, 1 2022,2 20233 and 2024,4", "for 2021,<1> 2022,<2> 2023<3> and 2024,<4>"),  # spaced, glued, glued to a year
    ("the Decade 2014–20241 and provides", "the Decade 2014–2024<1> and provides"),  # to a year after a range
    ("the report of the Secretary General 1  and the importance", "the report of the Secretary General<1>  and the importance"),
    ("of Indigenous women and girls 1 and general recommendation", "of Indigenous women and girls<1> and general recommendation"),
    ("the United Nations 1 are prevented from", "the United Nations<1> are prevented from"),
])
def test_markers_in_the_forms_a_pdf_extraction_prints_them(line, expected):
    assert marked(line, {1, 2, 3, 4}) == expected


@pytest.mark.parametrize("line", [
    "recalling its resolutions 1, 2 and 3 of the first session",  # a list of numbers
    "in Vienna on 2 and 3 December 2014",  # a date
    "Sustainable Development Goal 2 and its targets",  # a numbered noun
    "aged 2 and over",  # a quantity
    "resolution 70/2 and",  # a symbol
])
def test_numbers_that_are_no_markers(line):
    assert marked(line, {1, 2, 3}, before="first,1 ") == line


def test_markers_keep_footnote_order():
    # "3" after "1" skips footnote 2: spaced digits are taken only in order.
    assert marked("in 2014, 3 and in 2015, 2", {1, 2, 3}, before="x,1 ") == "in 2014, 3 and in 2015,<2>"


# -- paragraph grammar and repairs ---------------------------------------------------------------------

def test_a_spaced_marker_ends_a_preambular_paragraph():
    body = "Recalling the reports submitted in 2014, 1\n\nConsidering that the work goes on,\n\n1. Decides to continue."
    r = parse(text(body, notes="[^1]: A/69/1."))
    assert [p.phrase.text for p in r.preamble] == ["Recalling", "Considering"]
    assert r.preamble[0].text == "Recalling the reports submitted in 2014," and r.footnotes[0].paragraph == "preamble_1"


def test_a_page_break_continuation_with_a_capital_is_joined():
    body = ("Cognizant of the discussions on the Convention on the Prohibition of the Development, Production and\n\n"
            "Stockpiling of Bacteriological (Biological) and Toxin Weapons and on Their Destruction,\n\n1. Decides to continue.")
    r = parse(text(body))
    assert len(r.preamble) == 1 and r.preamble[0].text.endswith("on Their Destruction,")


def test_after_a_colon_a_preambular_paragraph_goes_on():
    body = ("Recalling the Agenda entitled Securing Our Common Future:\n\nAn Agenda for Disarmament,\n\n"
            "Recalling also its resolution 79/1,\n\n1. Decides to continue.")
    r = parse(text(body))
    assert [p.text for p in r.preamble] == ["Recalling the Agenda entitled Securing Our Common Future: An Agenda for Disarmament,",
                                           "Recalling also its resolution 79/1,"]


def test_a_lost_paragraph_number_is_restored_only_where_no_later_number_claims_it():
    restored = parse(text("Recalling its resolution 79/1,\n\n1. Endorses the declaration;\n\nExpresses its gratitude to the host."))
    assert [p.number for p in restored.operative] == [1, 2]
    [c] = [c for c in restored.corrections if c.kind == "number-restored"]
    assert c.text == "2" and f"line {c.line}:" in " ".join(restored.warnings)
    # "2." printed further on: the unnumbered line continues paragraph 1, nothing is restored.
    kept = parse(text("Recalling its resolution 79/1,\n\n1. Endorses the declaration;\n\nExpresses its gratitude to the host.\n\n2. Decides to continue."))
    assert [p.number for p in kept.operative] == [1, 2] and not [c for c in kept.corrections if c.kind == "number-restored"]


def test_lost_sub_paragraph_labels_are_restored_from_the_labels_that_survive():
    body = ("Recalling its resolution 79/1,\n\n1. Reaffirms the need to strengthen its work by:\n\n"
            "Requesting the Commission to establish a programme of work;\n\n"
            "Requesting the Commission to serve as a platform by:\n\n"
            "Assisting Member States in building their capacities;\n\n"
            "(ii) Inviting international financial institutions to engage;\n\n"
            "Taking note of the decision of the Security Council;\n\n"
            "Requesting the Commission to strengthen its impact;\n\n"
            "(e) Requesting the Commission to continue its work;\n\n"
            "2. Decides to continue.")
    r = parse(text(body))
    assert [u.id.removeprefix("para_1_") for u in walk(r.operative[0].subparagraphs)] == [
        "list_point_a", "list_point_b", "list_point_b_list_point_i", "list_point_b_list_point_ii",
        "list_point_c", "list_point_d", "list_point_e",
    ]
    assert [c.text for c in r.corrections if c.kind == "label-restored"] == ["a", "b", "i", "c", "d"]


def test_a_colon_inside_a_title_opens_no_list():
    body = ("Recalling its resolution 79/1,\n\n1. Requests the translation of the publication entitled The Global Reported Arms Trade:\n\n"
            "Transparency in Armaments Through the United Nations Register;\n\n2. Decides to continue.")
    r = parse(text(body))
    assert not r.operative[0].subparagraphs and r.operative[0].text.endswith("United Nations Register;")


def test_headings_are_modelled_glued_wrapped_or_alone():
    body = ("Recalling its resolution 79/1,\n\nPeacebuilding Commission\n\n1. Reaffirms its mandate;\n\n"
            "Department of Political and Peacebuilding\n\nAffairs/Peacebuilding Support Office\n\n2. Encourages the Office;\n\n"
            "Peacebuilding financing 3. Calls for the full implementation of relevant resolutions.")
    r = parse(text(body))
    assert [(s.heading, s.paragraphs) for s in r.sections] == [
        ("Peacebuilding Commission", ("para_1",)),
        ("Department of Political and Peacebuilding Affairs/Peacebuilding Support Office", ("para_2",)),
        ("Peacebuilding financing", ("para_3",)),
    ]
    assert [c.kind for c in r.corrections] == ["heading-split"]


def test_two_numbered_paragraphs_on_one_line_are_cut_apart():
    r = parse(text("Recalling its resolution 79/1,\n\n1. Welcomes the report; 2. Decides to continue."))
    assert [p.text for p in r.operative] == ["Welcomes the report;", "Decides to continue."]
    assert [c.kind for c in r.corrections] == ["paragraph-split"]


def test_a_gap_in_the_numbering_is_refused_not_guessed():
    with pytest.raises(StructureError, match="expected 2, found 3"):
        parse(text("Recalling its resolution 79/1,\n\n1. Welcomes the report;\n\n3. Decides to continue."))


def test_one_unnumbered_operative_paragraph():
    r = parse(text("Recalling its resolution 79/1,\n\nAdopts the Political Declaration annexed to the present resolution.",
                   closing="18th plenary meeting 14 October 2025\n\nAnnex\n\nPolitical Declaration\n\n1. We commit ourselves to act."))
    assert [(p.id, p.number, p.kind) for p in r.operative] == [("para_1", None, "operative")]
    [annex] = r.annexes
    assert (annex.heading, annex.title, annex.adopted_by) == ("Annex", "Political Declaration", "para_1")
    assert [p.id for p in annex.paragraphs] == ["annex_1__para_1"]


# -- footnote texts ------------------------------------------------------------------------------------

def test_a_broken_footnote_label_is_the_wrapped_end_of_the_footnote_before():
    notes = "[^1]: Report of the International Conference on Population and Development, Cairo, 5–13 September\n[^1994]: (United Nations publication), annex."
    r = parse(text("Recalling the Programme of Action,1\n\n1. Decides to continue.", notes=notes))
    assert [f.text for f in r.footnotes] == [
        "Report of the International Conference on Population and Development, Cairo, 5–13 September 1994 (United Nations publication), annex."
    ]
    assert [c.kind for c in r.corrections] == ["footnote-joined"]


def test_body_text_glued_onto_a_footnote_goes_back_to_the_body():
    notes = ("[^1]: A/79/88. 2. Decides to include in the provisional agenda of its eighty-first session the item entitled "
             "“Lethal autonomous weapons systems”. 52nd plenary meeting 1 December 2025")
    r = parse(text("Recalling the report of the Secretary-General,1\n\n1. Stresses the urgent need to act;", closing="", notes=notes))
    assert [f.text for f in r.footnotes] == ["A/79/88."]
    assert r.operative[-1].text.startswith("Decides to include") and r.meeting == 52
    assert [c.kind for c in r.corrections] == ["text-moved", "closing-split"]


def test_footnotes_left_inline_are_cut_out_even_wrapped():
    body = ("Recalling the report of the Secretary-General,1 and the discussions related to emerging\n\n1 A/80/237.\n\n"
            "technologies in the context of international security,\n\n"
            "1. Encourages the exchange of views;2\n\n2 United Nations, Treaty Series, vol.\n\n1342, No. 22495.\n\n2. Decides to continue.")
    r = parse(text(body))
    assert [f.text for f in r.footnotes] == ["A/80/237.", "United Nations, Treaty Series, vol. 1342, No. 22495."]
    assert r.preamble[0].text.endswith("related to emerging technologies in the context of international security,")
    assert [c.kind for c in r.corrections] == ["footnote-moved", "footnote-moved"]


# -- lettered parts ------------------------------------------------------------------------------------

def test_a_resolution_in_lettered_parts():
    path = DATA / "pdf" / "A_RES_78_71.md"
    r = read(path.read_bytes(), path.name)
    assert not r.preamble and not r.operative
    assert [(p.id, p.label, p.title) for p in r.parts] == [
        ("part_A", "A", "Information in the service of humanity"),
        ("part_B", "B", "United Nations public information policies and activities"),
    ]
    assert [[x.id for x in p.operative] for p in r.parts] == [["part_A__para_1", "part_A__para_2"],
                                                             ["part_B__para_1", "part_B__para_2", "part_B__para_3"]]
    assert r.title == "Questions relating to information" and r.meeting == 45
    assert [(f.number, f.paragraph) for f in r.footnotes] == [(1, "part_A__preamble_1"), (2, "part_A__preamble_2"), (3, "part_B__para_2")]
    assert not r.warnings


def test_corpus_layouts_are_not_read_as_pdf(tmp_path: Path):
    from tests.support.paths import CORPUS

    layouts = {p.name: parse_bytes(p.read_bytes(), p.name).source.layout for p in sorted(CORPUS.glob("A-RES-*.txt"))}
    assert "pdf" not in layouts.values()


# -- other pipelines: pages, footnotes at their feet, hyphens --------------------------------------------

PDFTOTEXT = """United Nations
A/RES/80/99
General Assembly
Distr.: General
9 December 2025
Eightieth session
Agenda item 99
Resolution adopted by the General Assembly on 1 December 2025
[on the report of the First Committee (A/80/534, para. 7)]
80/99. Example of the rules of extraction
The General Assembly,
Recalling the decision- making of the Conference on Disarmament and the final report of its resolu-
tions 79/1 and 79/2 on the decision-making process, 1
Noting the report of the Conference, 2 which was adopted by consensus,
1 See 2010 Review Conference of the Parties to the Treaty on the Non-Proliferation of
Nuclear Weapons, Final Document, part I, Conclusions and recommendations for follow-on actions.
2 A/80/27.
25-47087 (E)
\fA/RES/80/99
Example of the rules of extraction
1. Decides to continue its work, on the basis of the confidence- and security-building measures.
52nd plenary meeting
1 December 2025
"""


def test_a_pdftotext_extraction_with_footnotes_at_the_foot_of_its_pages():
    r = parse(PDFTOTEXT, "A_RES_80_99.txt")
    assert r.source.layout == "pdf"
    assert [f.text for f in r.footnotes] == [
        "See 2010 Review Conference of the Parties to the Treaty on the Non-Proliferation of Nuclear Weapons, Final Document, "
        "part I, Conclusions and recommendations for follow-on actions.",
        "A/80/27.",
    ]
    # a hyphen's space closed up, a word broken at the line's end joined as the text spells it elsewhere,
    # a compound and a suspended hyphen kept
    assert r.preamble[0].text == ("Recalling the decision-making of the Conference on Disarmament and the final report of its "
                                  "resolutions 79/1 and 79/2 on the decision-making process,")
    assert r.operative[0].text.endswith("on the basis of the confidence- and security-building measures.")
    assert [(f.number, f.paragraph) for f in r.footnotes] == [(1, "preamble_1"), (2, "preamble_2")]
    assert {c.kind for c in r.corrections} == {"footnote-moved", "job-number", "running-header", "symbol-line"}


def test_a_spaced_marker_after_a_name_before_any_verb():
    assert marked("the Rome Statute of the International Criminal Court 1 reaffirms the purposes", {1}) == (
        "the Rome Statute of the International Criminal Court<1> reaffirms the purposes")
    assert marked("for women 1 years ago", {1}) == "for women 1 years ago"  # after a common noun, only a word that goes on
