"""Real resolutions as other PDF pipelines and page layouts give them read to the same gold as the files themselves.

The variants (tests/support/pdf_variants.py) re-wrap the lines, move the page breaks (leaving running headers, page
counters, job numbers and symbols in the text) and print footnote markers as bare digits: nothing a resolution says
changes, so every field of the file's gold applies. The first tests check the yardstick and the generators.
"""

import functools
import random
import re
from datetime import date
from types import SimpleNamespace

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from mapper.errors import InputError
from mapper.parse.chain import parse_bytes
from tests.support import pdf_variants as pv
from tests.support.realworld import (
    REALWORLD,
    describe,
    furniture_in,
    load_gold,
    mismatches,
    occurrences,
    resolution_number,
    text_differences,
    verb,
)

GOLD = load_gold()
SYMBOLS = sorted(GOLD, key=resolution_number)
TEXTS = {s: (REALWORLD / GOLD[s]["file"]).read_text(encoding="utf-8") for s in SYMBOLS}


def body(text: str) -> str:
    """The body of a realworld text: after the front matter, before the footnote section."""
    p = pv.parts(text)
    return "\n".join(p.lines[p.body:p.notes])


# The files whose body has "[^n]" markers, which footnote_markers turns into digits.
WITH_MARKERS = [s for s in SYMBOLS if re.search(r"\[\^\d+\]", body(TEXTS[s]))]

# Deterministic and bounded: a fixed sequence of examples, no example database, no shrinking (the falsifying example
# prints every parameter, which rebuilds the variant; shrinking would re-parse it hundreds of times).
BOUNDED = settings(max_examples=50, deadline=None, derandomize=True, database=None, phases=(Phase.explicit, Phase.generate))


def parse(symbol: str, text: str):
    try:
        return parse_bytes(text.encode(), GOLD[symbol]["file"])
    except InputError as e:
        pytest.fail(f"the variant of {GOLD[symbol]['file']} does not parse: {e}")


@functools.cache
def original(symbol: str):
    """The parse of the file itself."""
    return parse(symbol, TEXTS[symbol])


def check(symbol: str, text: str, headers: tuple[str, ...] = ()) -> None:
    """The variant ``text`` of the file of ``symbol`` reads to the file's gold, keeps no more of the running
    headers ``headers`` (the title words of inserted furniture) than the resolution prints, and gives every unit
    the words the file itself gives it (the gold holds no texts; a variant must not change them)."""
    r = parse(symbol, text)
    found = mismatches(r, GOLD[symbol])
    for header in set(headers):
        printed = pv.printed_occurrences(TEXTS[symbol], header, GOLD[symbol]["running_headers"])
        if occurrences(r, header) > printed:
            found[f"running header {header!r} left (times printed, times in the units)"] = (printed, occurrences(r, header))
    if differences := text_differences(r, original(symbol)):
        found["texts (the file's parse -> the variant's)"] = ([], differences)
    assert not found, f"{GOLD[symbol]['file']}:\n{describe(found)}"


# --- The yardstick ---------------------------------------------------------------------------------------------------


def test_verbs_are_the_first_word_after_modifiers():
    assert verb("Also decides that") == "decides"
    assert verb("Further strongly urges") == "urges"
    assert verb("Recalling also its resolution") == "recalling"
    assert verb("Deeply concerned by") == "deeply"
    assert verb("Recalling, in this context, its") == "recalling"
    assert verb("“Calls upon") == "calls"
    assert verb("") is None


def test_furniture_check_finds_page_furniture():
    symbol = "A/RES/80/16"
    assert furniture_in("by the Assembly in its 3/8 resolution 79/237", symbol) == ["3/8"]
    assert furniture_in("the rest 25-15106 (E) of it", symbol) == ["25-15106 (E)"]
    assert furniture_in("the rest 25-15106 of it", symbol) == ["25-15106"]
    assert furniture_in("A/RES/80/16 Open-ended working group 2/4", symbol) == ["2/4", "A/RES/80/16"]
    assert furniture_in("text *2515106* text", symbol) == ["*2515106*"]


def test_furniture_check_leaves_legitimate_text_alone():
    symbol = "A/RES/80/16"
    legitimate = [
        "Recalling its resolutions 46/36 L of 9 December 1991, 47/52 L of 15 December 1992 and 48/75 E",
        "Human Rights Council resolutions 5/1 and 16/18 of 24 March 2011, and decisions 77/512 and 78/541",
        "the report of the Court for 2024/25; 4 and A/79/552-S/2024/767 and resolution S-10/2",
        "resolution A/RES/80/160, Sales No. E.95.XIII.18, vol. 1342, No. 22495, 2024–2034, 1994-2004",
    ]
    for text in legitimate:
        assert furniture_in(text, symbol) == [], text


def built(entry: dict) -> SimpleNamespace:
    """A parse as the gold describes it, built without the parser: paragraphs whose lead phrases give the gold's
    verbs (every other one with a modifier before it), the sub-paragraphs under the first operative paragraph, the
    footnotes in the annex where there is one."""
    def unit(uid: str, text: str, subs: tuple = ()) -> SimpleNamespace:
        return SimpleNamespace(id=uid, text=text, subparagraphs=subs)

    subs = tuple(unit(f"para_1_list_point_{n}", f"Item {n};", (unit(f"para_1_list_point_{n}_i", "An item;"),)) for n in range(entry["subparagraphs"] // 2))
    subs += (unit("para_1_list_point_z", "Item;"),) * (entry["subparagraphs"] % 2)
    operative = [unit(f"para_{n}", f"{'Also ' if n % 2 else ''}{v.capitalize()} that,") for n, v in enumerate(entry["operative_verbs"], 1)]
    if operative:
        operative[0] = unit("para_1", operative[0].text, subs)
    footnotes = tuple(SimpleNamespace(id=f"footnote_{n}", number=n, text="A/80/1.") for n in range(1, entry["footnotes"] + 1))
    annex = SimpleNamespace(id="annex_1", paragraphs=(unit("annex_1__para_1", "We meet."),), footnotes=footnotes)
    preamble = tuple(unit(f"preamble_{n}", f"{v.capitalize()} that,") for n, v in enumerate(entry["preambular_verbs"], 1))
    return SimpleNamespace(
        title=entry["title"], adopted=date.fromisoformat(entry["adopted"]), meeting=entry["meeting"], committee=entry["committee"],
        report=tuple(entry["report"]), agenda_items=tuple(entry["agenda_items"]), footnotes=() if entry["has_annex"] else footnotes,
        preamble=preamble, operative=tuple(operative), paragraphs=preamble + tuple(operative),
        annexes=(annex,) if entry["has_annex"] else (),
    )


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_a_parse_as_the_gold_describes_it_has_no_mismatch(symbol):
    assert mismatches(built(GOLD[symbol]), GOLD[symbol]) == {}


def test_mismatches_see_what_a_parse_gets_wrong():
    """Each fault of a parse shows in its field, and in no other."""
    entry = GOLD["A/RES/80/16"]

    def faults(**changes) -> set[str]:
        r = built(entry)
        vars(r).update(changes)
        r.paragraphs = r.preamble + r.operative
        return set(mismatches(r, entry))

    r = built(entry)
    p = r.operative[1]
    header = entry["running_headers"][0]
    assert faults(operative=(r.operative[0], SimpleNamespace(id=p.id, text=f"{p.text} {header} 2/4", subparagraphs=()), *r.operative[2:])) == {
        "running_headers", "furniture"}
    assert faults(preamble=r.preamble[1:]) == {"preambular_count", "preambular_verbs"}
    assert faults(title="Open-ended working group on security of and in the use of") == {"title"}
    assert faults(operative=(SimpleNamespace(id="para_1", text="2. Decides to", subparagraphs=()), *r.operative[1:])) == {"operative_verbs"}
    assert faults(footnotes=(SimpleNamespace(id="footnote_1", number=1, text="A/80/257; A/RES/80/16"),)) == {"footnotes", "furniture"}
    assert faults(adopted=date(2025, 12, 5), agenda_items=(94, 95)) == {"adopted", "agenda_items"}


# --- The generators --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("blank_lines", [True, False])
@pytest.mark.parametrize("width", [40, 73, 110])
def test_rewrap_keeps_the_words_and_the_front_matter(width, blank_lines):
    for symbol in SYMBOLS:
        text = TEXTS[symbol]
        wrapped = pv.rewrap(text, width, blank_lines=blank_lines)
        p, q = pv.parts(text), pv.parts(wrapped)
        assert body(wrapped).split() == body(text).split()
        assert q.lines[:q.body] == p.lines[:p.body]
        assert " ".join(q.lines[q.notes:]).split() == " ".join(p.lines[p.notes:]).split()
        lines = q.lines[q.body:q.notes]
        assert blank_lines or all(line.strip() for line in lines)
        # A line is longer than the width only to keep a word that cannot start a line on it.
        assert all(len(line) <= width or " " not in line or pv.LINE_START_TRAP.fullmatch(line.split()[-1]) for line in lines)
        continuations = [line for line in q.lines[q.notes:] if line.strip() and not line.startswith(("[^", "---"))]
        assert all(line.startswith(pv.FOOTNOTE_INDENT) for line in continuations)


def test_split_paragraph_puts_the_furniture_between_the_halves_of_one_line():
    for seed, symbol in enumerate(SYMBOLS):
        text = TEXTS[symbol]
        line = pv.furniture(text, random.Random(seed), "symbol_header_counter").line
        lines = pv.split_paragraph(text, random.Random(seed), line).split("\n")
        at = lines.index(line)
        assert lines[at - 1] == lines[at + 1] == ""
        before, after = lines[at - 2], lines[at + 2]
        assert len(before.split()) >= 4 and len(after.split()) >= 4
        joined = lines[:at - 2] + [f"{before} {after}"] + lines[at + 3:]  # the halves put back together
        assert [" ".join(x.split()) for x in joined] == [" ".join(x.split()) for x in text.split("\n")]


def test_between_paragraphs_and_at_top_put_the_furniture_between_lines_of_the_text():
    for seed, symbol in enumerate(SYMBOLS):
        text = TEXTS[symbol]
        for variant in (pv.between_paragraphs(text, random.Random(seed), "3/8 25-12345"), pv.at_top(text, "3/8 25-12345")):
            lines = variant.split("\n")
            at = lines.index("3/8 25-12345")
            assert lines[at - 1] == lines[at + 1] == ""
            original = [line for line in text.split("\n") if line.strip()]
            assert [line for line in lines if line.strip() and line != "3/8 25-12345"] == original
        p = pv.parts(text)
        assert pv.at_top(text, "A/RES/80/1").split("\n")[p.body:p.body + 3] == ["", "A/RES/80/1", ""]


def test_no_page_break_inside_the_heading_or_the_closing_lines():
    for symbol in SYMBOLS:
        p = pv.parts(TEXTS[symbol])
        assert all(p.preamble <= i < p.notes and i != p.closing for i, _ in pv.split_points(TEXTS[symbol]))
        assert all(p.preamble <= a < b < p.notes for a, b in pv.gaps(TEXTS[symbol]))


def test_footnote_markers_become_digits_in_the_body_only():
    for seed, symbol in enumerate(WITH_MARKERS):
        text = TEXTS[symbol]
        variant = pv.footnote_markers(text, random.Random(seed))
        assert not re.search(r"\[\^\d+\]", body(variant))
        p, q = pv.parts(text), pv.parts(variant)
        assert q.lines[:q.body] == p.lines[:p.body] and q.lines[q.notes:] == p.lines[p.notes:]  # front matter, footnotes
        assert "".join(body(variant).split()) == "".join(re.sub(r"\[\^(\d+)\]", r"\1", body(text)).split())  # digits in place
    assert "Nations1 are" in pv.footnote_markers(TEXTS["A/RES/80/1"], form="glued")
    assert "Nations 1 are" in pv.footnote_markers(TEXTS["A/RES/80/1"], form="spaced")


# --- The variants read to the gold -----------------------------------------------------------------------------------

PLACES = st.one_of(st.tuples(st.sampled_from(("paragraph", "between")), st.sampled_from(pv.FURNITURE_KINDS)),
                   st.tuples(st.just("top"), st.sampled_from(pv.TOP_KINDS)))


def paginate(text: str, rng: random.Random, breaks: list[tuple[str, str]]) -> tuple[str, list[pv.Furniture]]:
    """``text`` with a page break at each of ``breaks`` (place, kind of furniture), and the furniture inserted."""
    inserted = []
    for place, kind in breaks:
        f = pv.furniture(text, rng, kind)
        if place == "paragraph":
            text = pv.split_paragraph(text, rng, f.line, keep=[i.line for i in inserted])  # furniture is not split
        elif place == "between":
            text = pv.between_paragraphs(text, rng, f.line)
        else:
            text = pv.at_top(text, f.line)
        inserted.append(f)
    return text, inserted


@BOUNDED
@given(symbol=st.sampled_from(SYMBOLS), width=st.integers(40, 110), blank_lines=st.booleans(), wrap_footnotes=st.booleans())
def test_rewrapped_text_reads_to_the_gold(symbol, width, blank_lines, wrap_footnotes):
    keep = GOLD[symbol]["running_headers"]  # printed lines of their own: no pipeline re-flows them with the text
    check(symbol, pv.rewrap(TEXTS[symbol], width, blank_lines=blank_lines, wrap_footnotes=wrap_footnotes, keep=keep))


@BOUNDED
@given(symbol=st.sampled_from(SYMBOLS), seed=st.integers(0, 2**32 - 1), breaks=st.lists(PLACES, min_size=1, max_size=4))
def test_page_furniture_elsewhere_is_not_read_as_text(symbol, seed, breaks):
    text, inserted = paginate(TEXTS[symbol], random.Random(seed), breaks)
    check(symbol, text, tuple(f.header for f in inserted if f.header))


@BOUNDED
@given(symbol=st.sampled_from(WITH_MARKERS), seed=st.integers(0, 2**32 - 1), form=st.sampled_from((None, *pv.MARKER_FORMS)))
def test_footnote_markers_as_digits_read_to_the_gold(symbol, seed, form):
    check(symbol, pv.footnote_markers(TEXTS[symbol], random.Random(seed), form=form))


@BOUNDED
@given(symbol=st.sampled_from(SYMBOLS), seed=st.integers(0, 2**32 - 1), breaks=st.lists(PLACES, max_size=4),
       width=st.none() | st.integers(40, 110), blank_lines=st.booleans())
def test_all_variants_at_once_read_to_the_gold(symbol, seed, breaks, width, blank_lines):
    """Markers as digits, page breaks elsewhere, then the lines re-wrapped (the furniture stays a printed line)."""
    rng = random.Random(seed)
    text, inserted = paginate(pv.footnote_markers(TEXTS[symbol], rng), rng, breaks)
    if width is not None:
        keep = [f.line for f in inserted] + GOLD[symbol]["running_headers"]
        text = pv.rewrap(text, width, blank_lines=blank_lines, keep=keep)
    check(symbol, text, tuple(f.header for f in inserted if f.header))
