"""Forms the corpus does not show but other resolutions do: special sessions,
pre-1976 symbols, committees with a parenthesis, nested sub-paragraphs,
texts without a symbol line, one paragraph per line."""

from datetime import date

import pytest

from mapper.extract import read
from mapper.parse.footnotes import inline_footnote_end
from mapper.parse.heading import read_closing, read_heading
from mapper.parse.structure import lead_phrase


def parse(text: str, name: str = "input.txt"):
    return read(text.encode(), name)


ES = """Resolution adopted by the General Assembly on 2 March 2022
[without reference to a Main Committee (A/ES-11/L.1)]
ES-11/1. Aggression against Ukraine

The General Assembly,
Reaffirming the paramount importance of the Charter of the United Nations in the promotion of the rule of law among nations,
Recalling the obligation of all States under Article 2 of the Charter,
1. Reaffirms its commitment to the sovereignty, independence, unity and territorial integrity of Ukraine within its internationally recognized borders;
2. Deplores in the strongest terms the aggression by the Russian Federation against Ukraine;
3. Decides to adjourn the eleventh emergency special session of the General Assembly temporarily.

5th plenary meeting
2 March 2022
"""


def test_emergency_special_session_one_paragraph_per_line():
    r = parse(ES)
    assert str(r.symbol) == "A/RES/ES-11/1" and r.session == "ES-11" and r.number == 1
    assert r.title == "Aggression against Ukraine"
    assert r.adopted == date(2022, 3, 2) and r.meeting == 5
    assert r.committee is None and r.report == ("A/ES-11/L.1",)
    assert [p.phrase.text for p in r.preamble] == ["Reaffirming", "Recalling"]
    assert [p.phrase.verb for p in r.operative] == ["reaffirm", "deplore", "decide"]
    assert r.source.layout == "plain"


OLD = """Resolution adopted by the General Assembly on 24 October 1970
[on the report of the Sixth Committee (A/8082)]
2625 (XXV). Declaration on Principles of International Law concerning Friendly
Relations and Co-operation among States

The General Assembly,

Recalling its resolutions 1815 (XVII) of 18 December 1962 and 2181 (XXI) of 12 December 1966,

Considering that the faithful observance of the principles of international law is of the greatest importance,

1. Approves the Declaration on Principles of International Law, the text of which is annexed to the present resolution;

2. Expresses its appreciation to the Special Committee for its work resulting in the elaboration of the Declaration.

1883rd plenary meeting
24 October 1970
"""


def test_pre_1976_symbol_and_title_across_lines():
    r = parse(OLD)
    assert str(r.symbol) == "A/RES/2625 (XXV)" and r.session == 25 and r.number == 2625
    assert r.title == "Declaration on Principles of International Law concerning Friendly Relations and Co-operation among States"
    assert r.committee == "Sixth Committee" and r.report == ("A/8082",)
    assert r.meeting == 1883
    assert r.operative[1].phrase.text == "Expresses its appreciation"
    assert r.symbol.slug == "A-RES-2625-XXV"


def test_heading_forms():
    h = read_heading(
        "Resolution adopted by the General Assembly on 10 December 2009\n"
        "[on the report of the Special Political and Decolonization Committee\n(Fourth Committee) (A/64/413 and Corr.1)]\n"
        "64/87. Questions relating to information\n",
        "United NationsA/RES/64/87General AssemblyDistr.: General\n13 January 2010Sixty-fourth session\nAgenda items 33 and 34 (b)\n",
    )
    assert h.committee == "Special Political and Decolonization Committee (Fourth Committee)"
    assert h.report == ("A/64/413", "A/64/413/Corr.1")
    assert h.agenda_items == (33, 34)
    assert h.session == 64
    assert h.distributed == date(2010, 1, 13)
    assert read_heading("", "Tenth emergency special session").session == "ES-10"
    assert read_closing("*49th plenary meeting  \n19 December 2023*") == (49, date(2023, 12, 19))


def test_heading_without_symbol_line_takes_the_title():
    h = read_heading(
        "[DU1]\nResolution adopted by the General Assembly on 21 December 2009\n"
        "[on the report of the Second Committee (A/64/417)]\n\t\tInformation and communication\ntechnologies for development\n\n\n\t"
    )
    assert h.symbol is None
    assert h.title == "Information and communication technologies for development"


NESTED = """Resolution adopted by the General Assembly on 1 December 2010
65/1. Example

The General Assembly,

Recalling its earlier resolutions,

1. Decides:
(a) To establish a working group;
(b) That the working group shall:
(i) Meet twice a year;
(ii) Report to the Assembly;
(c) To review the matter;
(d) First;
(e) Second;
(f) Third;
(g) Fourth;
(h) Fifth;
(i) Sixth, which is the letter after (h);
2. Requests the Secretary-General to report on the implementation of the present resolution.

50th plenary meeting
1 December 2010
"""


def test_nested_sub_paragraphs():
    r = parse(NESTED)
    subs = r.operative[0].subparagraphs
    assert [s.label for s in subs] == list("abcdefghi")
    assert [s.label for s in subs[1].subparagraphs] == ["i", "ii"]
    assert subs[1].subparagraphs[1].id == "para_1_list_point_b_list_point_ii"
    assert subs[1].subparagraphs[1].text == "Report to the Assembly;"
    assert subs[8].text.startswith("Sixth")


@pytest.mark.parametrize(
    "text, phrase, verb, modifiers",
    [
        ("Deeply concerned by the situation,", "Deeply concerned", "concerned", ("deeply",)),
        ("Strongly condemns all acts", "Strongly condemns", "condemn", ("strongly",)),
        ("Takes note with appreciation of the report", "Takes note with appreciation", "take note", ("with appreciation",)),
        ("Expressing its deep concern at", "Expressing its deep concern", "express", ()),
        ("Once again urges all States", "Once again urges", "urge", ("once again",)),
        ("Gravely alarmed by", "Gravely alarmed", "alarmed", ("gravely",)),
        ("Appeals to all States", "Appeals", "appeal", ()),
        ("Solemnly declares that", "Solemnly declares", "declare", ("solemnly",)),
        ("Emphasizing, however, that", "Emphasizing", "emphasize", ()),
        ("Exhorts Member States", "Exhorts", "exhort", ()),
        ("Bemoans the lack of", "Bemoans", None, ()),  # not in the lexicon: the first word, no verb
    ],
)
def test_lead_phrases(text, phrase, verb, modifiers):
    p = lead_phrase(text)
    assert (p.text, p.verb, p.modifiers) == (phrase, verb, modifiers)


@pytest.mark.parametrize(
    "pasted, footnote",
    [
        ("See A/C.2/59/3, annex as endorsed by the General Assembly,", "See A/C.2/59/3, annex"),
        ("See resolution 59/220.", "See resolution 59/220."),
        ("See resolution 59/220. and the rest", "See resolution 59/220."),
        ("Resolutions 56/183, 57/238 and 76/189. in which it", "Resolutions 56/183, 57/238 and 76/189."),
        ("A/67/65-E/2012/48 and Corr.1 and the Tunis Agenda", "A/67/65-E/2012/48 and Corr.1"),
        (
            "See Official Records of the General Assembly, Fifty-fifth Session, Supplement No. 3 (A/55/3/Rev.1), chap. III, para. 17.",
            "See Official Records of the General Assembly, Fifty-fifth Session, Supplement No. 3 (A/55/3/Rev.1), chap. III, para. 17.",
        ),
        ("Resolution 66/288, annex, held in Rio", "Resolution 66/288, annex"),
    ],
)
def test_inline_footnote_end(pasted, footnote):
    assert pasted[: inline_footnote_end(pasted, 0)] == footnote


def test_glued_digits_that_are_no_markers():
    text = (
        "Resolution adopted by the General Assembly on 1 December 2010\n65/2. Example\n\nThe General Assembly,\n"
        "Noting that 24.4 per cent of the G20 and COVID-19 and WSIS+10 documents A/64/417/Add.1 cost 1,000 dollars,\n"
        "1. Decides to meet in Geneva,1 in 2011.\n\n50th plenary meeting\n1 December 2010\n1 See A/64/417.\n"
    )
    r = parse(text)
    assert r.preamble[0].markers == ()
    assert "24.4 per cent of the G20 and COVID-19 and WSIS+10 documents A/64/417/Add.1 cost 1,000 dollars," in r.preamble[0].text
    assert [(m.number, m.offset) for m in r.operative[0].markers] == [(1, len("Decides to meet in Geneva,"))]
    assert r.footnotes[0].paragraph == "para_1"


def _render_wrapped(r, width: int) -> str:
    """A parsed resolution written back as hard-wrapped plain text, markers glued."""
    import textwrap

    def marked(p) -> str:
        text = p.text
        for m in sorted(p.markers, key=lambda m: -m.offset):
            text = text[: m.offset] + str(m.number) + text[m.offset :]
        return text

    def fill(text: str) -> str:
        return textwrap.fill(text, width, break_long_words=False, break_on_hyphens=False)

    out = [f"Resolution adopted by the General Assembly on {r.adopted:%d %B %Y}".replace(" 0", " "), "", f"{r.symbol.short}. {r.title}", "", "The General Assembly,", ""]
    for p in r.preamble:
        out += [fill(marked(p)), ""]
    for p in r.operative:
        out += [fill(f"{p.number}. " + marked(p)), ""]
        out += [fill(f"({s.label}) " + marked(s)) + "\n" for s in p.subparagraphs]
    out += ["", f"{r.meeting or 1}th plenary meeting", f"{r.adopted:%d %B %Y}", ""]
    out += [f"{f.number} {f.text}" for f in r.footnotes]
    return "\n".join(out) + "\n"


@pytest.mark.slow  # the whole corpus parsed twice per width
@pytest.mark.parametrize("width", [45, 72, 100])
def test_corpus_hard_wrapped_parses_the_same(width):
    """Every corpus text, re-typeset as hard-wrapped plain text, gives the same paragraphs."""
    from tests.support.paths import CORPUS

    for path in sorted(CORPUS.glob("A-RES-*.txt")):
        original = read(path.read_bytes(), path.name)
        again = parse(_render_wrapped(original, width), path.name)
        assert [p.text for p in again.preamble] == [p.text for p in original.preamble], path.name
        assert [p.text for p in again.operative] == [p.text for p in original.operative], path.name
        assert [[s.text for s in p.subparagraphs] for p in again.operative] == [[s.text for s in p.subparagraphs] for p in original.operative]
        assert [(f.number, f.text, f.paragraph) for f in again.footnotes] == [(f.number, f.text, f.paragraph) for f in original.footnotes], path.name
        assert [[(m.number, m.offset) for m in p.markers] for p in again.preamble + again.operative] == [
            [(m.number, m.offset) for m in p.markers] for p in original.preamble + original.operative
        ]


PANDOC = """## Resolution adopted by the General Assembly on 20 December 2010

[on the report of the Second Committee (A/65/433)]

## 65/141. Information and communications technologies for development

*The General Assembly,*

*Recalling* its resolutions 56/183 of 21 December 2001 and 57/238 of 20 December 2002,[^1]

*Taking note* of the report of the Secretary-General,[^2] and of the *Information Economy Report*,

1\\. *Recognizes* that information and communications technologies have the potential to provide new
solutions to development challenges;

2\\. *Requests* the Secretary-General to report to it at its sixty-sixth session.

*71st plenary meeting  
20 December 2010*

[^1]: See resolution 59/220.

[^2]: A/65/64-E/2010/12.
"""  # noqa: W291 (the two spaces before a newline are a Markdown line break, as pandoc writes it)


def test_pandoc_markdown():
    r = parse(PANDOC, "A-RES-65-141.md")
    assert r.source.layout == "markdown"
    assert str(r.symbol) == "A/RES/65/141" and r.title == "Information and communications technologies for development"
    assert r.committee == "Second Committee" and r.meeting == 71
    assert [p.phrase.text for p in r.preamble] == ["Recalling", "Taking note"]
    assert r.preamble[1].text == "Taking note of the report of the Secretary-General, and of the Information Economy Report,"
    assert r.operative[0].text.endswith("to provide new solutions to development challenges;")
    assert [(f.number, f.text, f.paragraph) for f in r.footnotes] == [
        (1, "See resolution 59/220.", "preamble_1"), (2, "A/65/64-E/2010/12.", "preamble_2"),
    ]


def test_section_headings_modelled_and_short_paragraphs_kept():
    text = (
        "Resolution adopted by the General Assembly on 1 December 2010\n65/3. Example\n\nThe General Assembly,\n"
        "Recalling its resolution 60/252\n"  # a comma missing in the source: still a paragraph
        "I\n"
        "Follow-up\n"
        "1. Decides to act;\n"
        "II\n"
        "2. Requests a report.\n\n50th plenary meeting\n1 December 2010\n"
    )
    r = parse(text)
    assert [p.text for p in r.preamble] == ["Recalling its resolution 60/252"]
    assert [p.number for p in r.operative] == [1, 2]
    assert [(s.id, s.label, s.heading, s.paragraphs) for s in r.sections] == [
        ("hcontainer_1", "I", "Follow-up", ("para_1",)), ("hcontainer_2", "II", None, ("para_2",)),
    ]
    assert not [w for w in r.warnings if "heading" in w]


def test_markdown_section_headings_are_modelled():
    text = (
        "Resolution adopted by the General Assembly on 1 December 2010\n\n**65/3. Example**\n\n*The General Assembly,*\n\n"
        "*Recalling* its resolution 60/252,\n\n### Follow-up\n\n1. *Decides* to act;\n\n2. *Requests* a report.\n\n"
        "50th plenary meeting\n1 December 2010\n"
    )
    r = parse(text, "input.md")
    assert r.source.layout == "markdown"
    assert [(s.heading, s.paragraphs) for s in r.sections] == [("Follow-up", ("para_1", "para_2"))]
