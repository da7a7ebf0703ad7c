"""Invariants of MappedText, the offset-keeping string every stage works on."""

import re

from hypothesis import given
from hypothesis import strategies as st

from mapper.core.text import MappedText
from mapper.parse.layouts.markdown import clean

# Characters and markup pieces of the layouts, joined at random.
texts = st.lists(st.sampled_from(list("ab ,.;\t\n*_[]()#<>/1") + ["<sup>2</sup>", "  \n", "[57/1](#)", "\\*"]), max_size=40).map("".join)


def assert_faithful(m: MappedText, source: str) -> None:
    last_t = last_s = -1
    for t, s, n in m.runs:
        assert n > 0
        assert source[s : s + n] == m.text[t : t + n]
        assert t >= last_t and s >= last_s, "runs must increase: no character duplicated"
        last_t, last_s = t + n, s + n


@given(texts)
def test_squeeze_is_idempotent_and_faithful(source):
    m = MappedText.of(source).squeeze()
    assert m.squeeze() == m
    assert_faithful(m, source)
    # runs of whitespace become one space, none at either end (all-whitespace gives "")
    assert m.text == " ".join(re.split(r"[ \t\r\n]+", source.strip(" \t\r\n")))


@given(texts)
def test_every_kept_character_is_mapped(source):
    """Squeezing drops only whitespace, and every non-space character maps to its source."""
    m = MappedText.of(source).squeeze()
    mapped = sum(n for _, _, n in m.runs)
    assert len(m.text) - mapped == sum(1 for i, c in enumerate(m.text) if c == " " and m.source_offset(i) is None)
    for i, c in enumerate(m.text):
        if c != " ":
            assert source[m.source_offset(i)] == c
    # No source character is lost unless it is whitespace.
    assert re.sub(r"\s", "", m.text) == re.sub(r"\s", "", source)


@given(texts)
def test_markdown_cleaning_is_idempotent_and_faithful(source):
    once = clean(MappedText.of(source))
    assert_faithful(once, source)
    if "\\" not in source:  # an escape ("\\*") yields a literal "*" that a second pass would read as markup
        assert clean(once).text == once.text


def test_markdown_escapes_yield_the_character():
    assert clean(MappedText.of("a \\*b\\* [57/1](#) *c*<sup>3</sup>")).text == "a *b* 57/1 c\U000F0003"


@given(texts, st.integers(0, 80), st.integers(0, 80))
def test_slices_keep_their_mapping(source, a, b):
    m = MappedText.of(source, 0, len(source))
    part = m[a:b]
    assert part.text == source[a:b]
    assert_faithful(part, source)
    if part.text:
        assert part.source_span() == (min(a, len(source)), min(max(a, b), len(source)))


@given(st.lists(texts, max_size=5))
def test_join_keeps_each_part(parts):
    source = "".join(parts)
    pieces, pos = [], 0
    for p in parts:
        pieces.append(MappedText.of(source, pos, pos + len(p)))
        pos += len(p)
    joined = MappedText.join(pieces, " ")
    assert joined.text == " ".join(parts)
    assert_faithful(joined, source)
