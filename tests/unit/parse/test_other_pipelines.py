"""Real resolutions as other PDF-to-text tools print them read to the same gold as the files themselves.

The variants (tests/support/other_pipelines.py) rebuild each file's document as poppler's ``pdftotext`` prints it
(pages, footnotes at the foot of each page, running headers, no front matter), with words hyphenated at line ends,
and as ``pdftotext -layout`` prints it (the indentation kept). The resolution never changes, so every field of the
file's gold applies, and every unit must have the words the file's own parse gives it. The first tests check the
generators themselves.

What the texts must show, where a word is broken at a line end ("recom-" / "mendations"): the test compares words
with a hyphen between letters (and the white space after it) taken out, on both sides. A parser may rejoin a broken
word without its hyphen ("recommendations", right for a soft break) or with it ("recom-mendations", right for a
compound broken at its hyphen, "non-" / "proliferation"): telling the two apart takes a dictionary, and the test
does not demand one. It fails a word split in two ("recom mendations"), a part lost, or a part read as something
else (a new paragraph, a label, furniture).
"""

import functools
import random
import re
from collections import Counter
from itertools import pairwise

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from mapper.errors import InputError
from mapper.parse.chain import parse_bytes
from tests.support import other_pipelines as op
from tests.support import pdf_variants as pv
from tests.support.realworld import (
    REALWORLD,
    describe,
    load_gold,
    mismatches,
    occurrences,
    resolution_number,
    text_differences,
)

GOLD = load_gold()
SYMBOLS = sorted(GOLD, key=resolution_number)
TEXTS = {s: (REALWORLD / GOLD[s]["file"]).read_text(encoding="utf-8") for s in SYMBOLS}
# The files whose labels the extraction lost ("Requesting ..." for "(c) Requesting ...", "Expresses ..." for "2.
# Expresses ..."): their printed structure is no longer in the text, so document() cannot count it to the gold.
LOST_LABELS = {"A/RES/80/11", "A/RES/80/3"}

# As tests/unit/parse/test_pdf_variants.py bounds its own: a fixed sequence of examples, no database, no shrinking.
BOUNDED = settings(max_examples=40, deadline=None, derandomize=True, database=None, phases=(Phase.explicit, Phase.generate))


def txt_name(symbol: str) -> str:
    """The file name a user gives a tool's text output: the symbol, ".txt" (there is no Markdown): A_RES_80_16.txt."""
    return symbol.replace("/", "_") + ".txt"


def parse(symbol: str, text: str, name: str):
    try:
        return parse_bytes(text.encode(), name)
    except InputError as e:
        pytest.fail(f"the variant {name} does not parse: {e}")


@functools.cache
def original(symbol: str):
    """The parse of the file itself."""
    return parse(symbol, TEXTS[symbol], GOLD[symbol]["file"])


def _unhyphenated(text: str) -> list[str]:
    """The words of ``text`` with every hyphen between letters, and the white space after it, taken out:
    "recom- mendations", "recom-mendations" and "recommendations" are the same words, "recom mendations" not."""
    return re.sub(r"(?<=[^\W\d_])-\s*(?=[^\W\d_])", "", text).split()


def hyphen_differences(r, reference) -> list[str]:
    """The units whose words differ between ``r`` and ``reference`` up to hyphens between letters (:func:`_unhyphenated`)."""
    return text_differences(r, reference, words=_unhyphenated)


def check(symbol: str, text: str, headers: tuple[str, ...] = (), *, name: str | None = None, hyphenated: bool = False) -> None:
    """The variant ``text`` of the file of ``symbol``, parsed as the file ``name`` (:func:`txt_name` by default),
    reads to the file's gold, keeps no more of the running headers ``headers`` than the resolution prints, and gives
    every unit the words the file's own parse gives it (up to hyphens between letters with ``hyphenated``).

    The check of tests/unit/parse/test_pdf_variants.py, with the file name and the hyphens as parameters: that one
    parses under the realworld file's own name (.md)."""
    r = parse(symbol, text, name or txt_name(symbol))
    found = mismatches(r, GOLD[symbol])
    for header in set(headers):
        printed = pv.printed_occurrences(TEXTS[symbol], header, GOLD[symbol]["running_headers"])
        if occurrences(r, header) > printed:
            found[f"running header {header!r} left (times printed, times in the units)"] = (printed, occurrences(r, header))
    differences = hyphen_differences(r, original(symbol)) if hyphenated else text_differences(r, original(symbol))
    if differences:
        found["texts (the file's parse -> the variant's)"] = ([], differences)
    assert not found, f"{GOLD[symbol]['file']} as {name or txt_name(symbol)}:\n{describe(found)}"


def furniture(symbol: str) -> list[str]:
    """The lines of the file that are page furniture: the gold's running headers."""
    return GOLD[symbol]["running_headers"]


def headers_of(symbol: str, header_words: int | None) -> tuple[str, ...]:
    """The running header a variant prints (see :func:`~tests.support.other_pipelines.running_header`)."""
    return (op.running_header(pv.parts(TEXTS[symbol]).title, header_words),)


# --- The generators: the document read from the file -------------------------------------------------------------


def _chars(text: str) -> Counter[str]:
    return Counter("".join(text.split()))


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_document_keeps_every_character_of_the_text(symbol):
    """The document holds what the file prints from the heading on, and its footnotes, character for character:
    only the page furniture, the ``[^n]`` syntax, the front matter and the masthead's line structure go."""
    text = TEXTS[symbol]
    doc = op.document(text, form="glued", furniture=furniture(symbol))
    p = pv.parts(text)
    lines = list(p.lines[p.body:p.notes])
    adopted = next(i for i, line in enumerate(lines) if line.startswith("Resolution adopted"))
    enacting = next(i for i, line in enumerate(lines) if pv._ASSEMBLY.match(line))
    kept = lines[adopted:enacting] + [line for line in lines[enacting:] if line.strip() not in (p.title, *furniture(symbol))]
    notes = "\n".join(line for line in p.lines[p.notes:] if line.strip() != "---")
    original_chars = _chars(re.sub(r"\[\^(\d+)\]:?", r"\1", "\n".join(kept) + "\n" + notes))
    printed = "\n".join([*doc.heading, *(q.printed for q in doc.paragraphs), *(f"{n} {t}" for n, t in doc.footnotes)])
    assert _chars(op.visible(printed)) == original_chars
    assert [n for n, _ in doc.footnotes] == list(range(1, GOLD[symbol]["footnotes"] + 1))


@pytest.mark.parametrize("symbol", sorted(set(SYMBOLS) - LOST_LABELS, key=resolution_number))
def test_document_has_the_printed_paragraphs(symbol):
    """The paragraphs of the document are those the gold counts: page breaks joined, no paragraph merged."""
    doc = op.document(TEXTS[symbol], form="spaced", furniture=furniture(symbol))
    kinds = [q.kind for q in doc.paragraphs]
    closing = kinds.index("closing")
    first = kinds.index("operative")
    entry = GOLD[symbol]
    assert kinds[0] == "enacting"
    assert kinds[1:first].count("paragraph") == entry["preambular_count"]
    assert kinds[:closing].count("operative") == entry["operative_count"]
    assert kinds[first:closing].count("sub") == entry["subparagraphs"]


def test_the_swallowed_end_goes_back_to_the_body():
    doc = op.document(TEXTS["A/RES/80/57"], form="glued")
    assert dict(doc.footnotes)[3] == "A/79/88."
    assert [q.kind for q in doc.paragraphs[-3:]] == ["operative", "closing", "date"]
    assert doc.paragraphs[-3].label == "4." and doc.paragraphs[-1].text == "1 December 2025"


def test_inline_and_broken_footnotes_are_read_as_footnotes():
    doc = op.document(TEXTS["A/RES/80/58"], form="glued")
    assert dict(doc.footnotes) == {1: "A/80/237.", 2: "United Nations, Treaty Series, vol. 1342, No. 22495.", 3: "A/79/88.", 4: "A/80/78."}
    assert any("related to emerging technologies in the context" in q.text for q in doc.paragraphs)  # the halves joined
    ten = dict(op.document(TEXTS["A/RES/80/10"], form="glued").footnotes)[10]
    assert "Cairo, 5–13 September 1994 (United Nations publication" in ten


# Calls the locator must find where the file makes them: (symbol, footnote, the text just before and the digits).
CALLS = [
    ("A/RES/80/6", 3, "Relationship Agreement, 3"),  # not "including paragraph 3 of the resolution" before it
    ("A/RES/80/65", 5, "and 7, 5"),  # not "agenda items 5, 6 and 7"
    ("A/RES/80/65", 6, "for 20246"), ("A/RES/80/65", 7, "and 20257"),  # glued to years
    ("A/RES/80/28", 3, "2022,2 20233"), ("A/RES/80/3", 3, "2014–20243"),
    ("A/RES/80/53", 3, "of 1990 3"),  # spaced after a year
    ("A/RES/80/24", 8, "Test-Ban Treaty,8"),  # "in Vienna on 8 and 9 December" comes later, and is a date
    ("A/RES/80/10", 4, "Child[^4]"), ("A/RES/80/41", 3, "Material 3"),
]


@pytest.mark.parametrize(("symbol", "n", "before"), CALLS)
def test_footnote_calls_are_found_where_the_file_makes_them(symbol, n, before):
    p = pv.parts(TEXTS[symbol])
    body = "\n".join(p.lines[p.body:p.notes])
    start, end = op.footnote_calls(body, GOLD[symbol]["footnotes"])[n - 1]
    assert body[:end].endswith(before), body[start - 40:end + 10]


def test_a_missing_call_is_not_guessed():
    with pytest.raises(op.Unplaceable):
        op.footnote_calls("Recalling its resolution 70/1,\n\nNoting paragraph 2 of it,", 2)


# --- The generators: pdftotext pages ------------------------------------------------------------------------------


def _flat(text: str) -> str:
    """``text`` without white space and hyphens: what no line break or hyphenation changes."""
    return "".join(text.split()).replace("-", "")


@pytest.mark.parametrize("symbol", SYMBOLS)
@pytest.mark.parametrize(("generator", "seed"), [(op.pdftotext_pages, 0), (op.pdftotext_pages, 1), (op.pdftotext_layout, 1)])
def test_pages_print_the_document_and_each_footnote_with_its_first_call(symbol, generator, seed):
    """Nothing lost or added: the pages' bodies hold the document's heading and paragraphs and their footnotes the
    document's footnotes; each footnote is printed once, at the foot of the page where the file's text calls it
    first (found by the call's context in the file, not by the generator's signs). Seed 1 hyphenates."""
    rng = random.Random(seed)
    pages: list[op.Page] = []
    text = generator(TEXTS[symbol], rng, hyphens=0.5 * seed, furniture=furniture(symbol), trace=pages)
    doc = op.document(TEXTS[symbol], random.Random(0), form="glued", furniture=furniture(symbol))
    flat = [_flat(op.visible("".join(page.body))) for page in pages]
    printed = "".join(op.visible(x) for x in [*doc.heading, *(q.printed for q in doc.paragraphs)])
    assert "".join(flat).endswith(_flat(printed))
    assert sorted(n for page in pages for n in page.notes) == [n for n, _ in doc.footnotes]
    assert all(list(page.notes) == sorted(page.notes) for page in pages)
    # Where the file calls each footnote first: the context before the call, found in the pages.
    p = pv.parts(TEXTS[symbol])
    body = "\n".join(p.lines[p.body:p.notes])
    joined = "".join(flat)
    ends = [sum(len(f) for f in flat[:k + 1]) for k in range(len(flat))]
    for n, (start, end) in enumerate(op.footnote_calls(body, len(doc.footnotes)), 1):
        context = _flat(re.sub(r"\[\^(\d+)\]", r"\1", body[max(0, start - 80):end]))[-40:]
        at = joined.find(context)
        assert at >= 0, context
        page = next(k for k, e in enumerate(ends) if at + len(context) <= e)
        assert n in pages[page].notes, (n, context, page)
    assert "\f" not in text or len(op.pages_of(text)) == len(pages)


def test_pdftotext_pages_print_the_masthead_one_item_a_line():
    symbol = "A/RES/80/16"
    text = op.pdftotext_pages(TEXTS[symbol], random.Random(0), width=90, blank_lines=True, separator="\f", header="symbol_title",
                              footer=False, header_words=None, page_lines=(20, 25), furniture=furniture(symbol))
    lines = text.split("\n")
    assert lines[:7] == ["United Nations", "A/RES/80/16", "General Assembly", "Distr.: General", "5 December 2025", "Eightieth session",
                         "Agenda item 94"]
    assert " ".join(lines[7:10]).startswith("Developments in the field of information and telecommunications")
    assert "Resolution adopted by the General Assembly on 1 December 2025" in lines
    assert "80/16. Open-ended working group on security of and in the use of" in lines
    assert lines[-3:] == ["52nd plenary meeting", "1 December 2025", "\f"]
    assert not re.search(r"\[\^|^---|^symbol:", text, re.M)
    second = op.pages_of(text)[1].split("\n")
    assert second[:2] == ["A/RES/80/16", "Open-ended working group on security of and in the use of"]


@pytest.mark.parametrize("width", [80, 95])
def test_pdftotext_lines_fit_the_width_and_do_not_start_with_a_trap(width):
    for symbol in SYMBOLS:
        text = op.pdftotext_pages(TEXTS[symbol], random.Random(width), width=width, header="symbol_title", footer=False,
                                  header_words=None, furniture=furniture(symbol))
        header = pv.parts(TEXTS[symbol]).title  # the running header: a line of the page's head, not of the column
        for line in text.replace("\f", "").split("\n"):
            assert line == header or len(line) <= width or " " not in line or pv.LINE_START_TRAP.fullmatch(line.split()[-1]), line


def test_one_line_headers_and_footers():
    symbol = "A/RES/80/24"
    text = op.pdftotext_pages(TEXTS[symbol], random.Random(2), header="one_line", footer=True, separator="\f", header_words=None)
    pages = op.pages_of(text)
    n = len(pages)
    assert n >= 3
    assert pages[1].startswith(f"A/RES/80/24 Nuclear disarmament 2/{n}\n")
    assert pages[0].rstrip().endswith(f"{pv.job_number(TEXTS[symbol])} (E)")
    assert pages[1].rstrip().endswith(f"2/{n}\n{pv.job_number(TEXTS[symbol])}")


# --- The generators: hyphens --------------------------------------------------------------------------------------


def test_syllable_breaks():
    assert op.syllable_breaks("recommendations") == [5, 10]  # recom-mendations, recommenda-tions
    assert op.syllable_breaks("International") == [5]  # Inter-national
    assert op.syllable_breaks("including") == [6] and op.syllable_breaks("development") == [7]  # includ-ing, develop-ment
    assert op.syllable_breaks("submitted") == [3, 6] and op.syllable_breaks("contained") == [3]  # sub-mit-ted, con-tained
    assert op.syllable_breaks("interest") == [] and op.syllable_breaks("appropriate") == []  # not inter-est, nor ap-propriate
    assert op.syllable_breaks("recommendations,") == op.syllable_breaks("recommendations")
    for word in ("non-proliferation", "Nuclear-Weapon-Free", "Council", "INTERPOL", "2024–2034", "Member’s", "A/RES/80/16"):
        assert op.syllable_breaks(word) == [], word
    for word in ("recommendations", "International", "strengthening", "Palestine", "Assembly"):
        for i in op.syllable_breaks(word):
            assert i >= 3 and len(word) - i >= 3
            assert re.search("[aeiouy]", word[:i].lower()) and re.search("[aeiouy]", word[i:].lower())


@pytest.mark.parametrize("width", [60, 80, 100])
def test_hyphenate_breaks_only_long_words_and_keeps_them_whole(width):
    breaks = 0
    for seed, symbol in enumerate(SYMBOLS):
        text = TEXTS[symbol]
        variant = op.hyphenate(text, random.Random(seed), width, 1.0, keep=furniture(symbol))
        lines = variant.split("\n")
        broken = [(a, b) for a, b in pairwise(lines) if re.search(r"[a-z]-$", a) and b.strip()[:1].islower()]
        breaks += len(broken)
        words = set(text.split())
        for a, b in broken:
            head, tail = a.split()[-1], b.split()[0]
            whole = head[:-1] + tail
            assert whole in words or head in words, (a, b)  # a new break rejoins to a word of the file, or the file broke it there
            if whole in words:
                letters = re.sub(r"\W", "", whole)
                assert len(letters) >= 8 and "-" not in whole
        assert _unhyphenated(variant) == _unhyphenated(text)
        assert pv.parts(variant).lines[:pv.parts(variant).body] == pv.parts(text).lines[:pv.parts(text).body]
    assert breaks > 20


# --- The generators: pdftotext -layout ----------------------------------------------------------------------------


@pytest.mark.parametrize(("indent", "margin"), [(5, 0), (4, 8)])
def test_layout_indents_as_printed(indent, margin):
    """Operative numbers at the margin and their text ``indent`` in, sub-paragraph labels at ``indent`` and their
    text 5 further, preambular first lines at ``indent``, continuation lines at the margin, nothing past the width."""
    for symbol in ("A/RES/80/45", "A/RES/80/53", "A/RES/80/3"):
        pages: list[op.Page] = []
        op.pdftotext_layout(TEXTS[symbol], random.Random(1), width=90, indent=indent, margin=margin, justify=False, trace=pages)
        doc = op.document(TEXTS[symbol], random.Random(1), furniture=furniture(symbol))
        body = [op.visible(line) for page in pages for line in page.body]
        pad = " " * margin
        for q in doc.paragraphs:
            first = op.visible(q.text).split()[0]
            if q.kind == "operative":
                expected = pad + q.label.ljust(max(indent, len(q.label) + 1)) + first
            elif q.kind == "sub":
                expected = pad + " " * indent + q.label.ljust(max(5, len(q.label) + 1)) + first
            elif q.kind in ("paragraph", "enacting"):
                expected = pad + " " * indent + first
            else:
                continue
            assert any(line.startswith(expected + " ") or line == expected for line in body), (symbol, expected)
        assert all(len(line) <= 90 or pv.LINE_START_TRAP.fullmatch(line.split()[-1]) for line in body)
        assert sum(1 for line in body if line.startswith(pad) and line[margin:margin + 1].islower()) > 5


# --- The variants read to the gold ------------------------------------------------------------------------------

FORMS = st.sampled_from(pv.MARKER_FORMS)
HEADER_WORDS = st.none() | st.integers(40, 90)


@BOUNDED
@given(symbol=st.sampled_from(SYMBOLS), seed=st.integers(0, 2**32 - 1), width=st.integers(80, 95), blank_lines=st.booleans(),
       separator=st.sampled_from(op.SEPARATORS), header=st.sampled_from(op.HEADER_STYLES), footer=st.booleans(),
       header_words=HEADER_WORDS, form=FORMS)
def test_pdftotext_pages_read_to_the_gold(symbol, seed, width, blank_lines, separator, header, footer, header_words, form):
    text = op.pdftotext_pages(TEXTS[symbol], random.Random(seed), width=width, blank_lines=blank_lines, separator=separator,
                              header=header, footer=footer, header_words=header_words, form=form, furniture=furniture(symbol))
    check(symbol, text, headers_of(symbol, header_words))


@BOUNDED
@given(symbol=st.sampled_from(SYMBOLS), seed=st.integers(0, 2**32 - 1), width=st.integers(60, 100), hyphens=st.floats(0.2, 1.0))
def test_hyphenated_line_ends_read_to_the_gold(symbol, seed, width, hyphens):
    """The file's own layout, its paragraphs re-wrapped with words broken at the line ends: parsed under its own
    name, as it keeps the front matter and the ``[^n]`` footnotes."""
    text = op.hyphenate(TEXTS[symbol], random.Random(seed), width, hyphens, keep=furniture(symbol))
    check(symbol, text, name=GOLD[symbol]["file"], hyphenated=True)


@BOUNDED
@given(symbol=st.sampled_from(SYMBOLS), seed=st.integers(0, 2**32 - 1), width=st.integers(80, 95), blank_lines=st.booleans(),
       header=st.sampled_from(op.HEADER_STYLES), header_words=HEADER_WORDS, hyphens=st.floats(0.2, 1.0))
def test_hyphenated_pdftotext_pages_read_to_the_gold(symbol, seed, width, blank_lines, header, header_words, hyphens):
    text = op.pdftotext_pages(TEXTS[symbol], random.Random(seed), width=width, blank_lines=blank_lines, header=header,
                              header_words=header_words, hyphens=hyphens, furniture=furniture(symbol))
    check(symbol, text, headers_of(symbol, header_words), hyphenated=True)


@BOUNDED
@given(symbol=st.sampled_from(SYMBOLS), seed=st.integers(0, 2**32 - 1), width=st.integers(85, 95), indent=st.integers(4, 6),
       margin=st.sampled_from((0, 4, 8)), justify=st.booleans(), header=st.sampled_from(("symbol_title", "title_symbol", "alternate")),
       footer=st.booleans(), header_words=HEADER_WORDS, form=FORMS, hyphens=st.sampled_from((0.0, 0.0, 0.5)))
def test_layout_pages_read_to_the_gold(symbol, seed, width, indent, margin, justify, header, footer, header_words, form, hyphens):
    text = op.pdftotext_layout(TEXTS[symbol], random.Random(seed), width=width, indent=indent, margin=margin, justify=justify,
                               header=header, footer=footer, header_words=header_words, form=form, hyphens=hyphens,
                               furniture=furniture(symbol))
    check(symbol, text, headers_of(symbol, header_words), hyphenated=bool(hyphens))
