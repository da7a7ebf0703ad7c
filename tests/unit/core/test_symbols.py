"""Resolution and document symbols parse and print back to themselves."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mapper.core.symbols import ResolutionSymbol, document_symbols, int_to_roman, roman_to_int


@pytest.mark.parametrize(
    "text, printed, session, number, part",
    [
        ("A/RES/57/295", "A/RES/57/295", 57, 295, None),
        ("57/295", "A/RES/57/295", 57, 295, None),
        ("A/RES/57/270 B", "A/RES/57/270 B", 57, 270, "B"),
        ("A/RES/ES-11/1", "A/RES/ES-11/1", "ES-11", 1, None),
        ("S-13/2", "A/RES/S-13/2", "S-13", 2, None),
        ("2625 (XXV)", "A/RES/2625 (XXV)", 25, 2625, None),
        ("217 A (III)", "A/RES/217 A (III)", 3, 217, "A"),
        ("A/RES/217(III) A", "A/RES/217 A (III)", 3, 217, "A"),
    ],
)
def test_parse_and_print(text, printed, session, number, part):
    s = ResolutionSymbol.parse(text)
    assert (str(s), s.session, s.number, s.part) == (printed, session, number, part)
    assert ResolutionSymbol.parse(str(s)) == s


@pytest.mark.parametrize("bad", ["", "A/64/417", "57", "A/RES/57", "hello", "57/295/3"])
def test_not_a_symbol(bad):
    with pytest.raises(ValueError):
        ResolutionSymbol.parse(bad)


@pytest.mark.parametrize(
    "name, symbol",
    [
        ("A-RES-65-141.txt", "A/RES/65/141"),
        ("corpus/a_res_65_141.md", "A/RES/65/141"),
        ("A-RES-ES-11-1.txt", "A/RES/ES-11/1"),
        ("A-RES-57-270B.txt", "A/RES/57/270 B"),
        ("notes.txt", None),
    ],
)
def test_from_file_name(name, symbol):
    s = ResolutionSymbol.from_file_name(name)
    assert (str(s) if s else None) == symbol


sessions = st.one_of(st.integers(1, 99), st.builds(lambda k, n: f"{k}-{n}", st.sampled_from(["ES", "S"]), st.integers(1, 30)))


@given(sessions, st.integers(1, 9999), st.one_of(st.none(), st.sampled_from("ABC")))
def test_round_trip(session, number, part):
    s = ResolutionSymbol(session, number, part)
    assert ResolutionSymbol.parse(str(s)) == s
    assert ResolutionSymbol.parse(s.short) == s
    assert ResolutionSymbol.from_file_name(s.slug + ".txt") == s


@given(st.integers(1, 3999))
def test_roman_round_trip(n):
    assert roman_to_int(int_to_roman(n)) == n


def test_document_symbols():
    assert document_symbols("A/57/L.71 and Add.1") == ["A/57/L.71", "A/57/L.71/Add.1"]
    assert document_symbols("A/78/458, para. 11") == ["A/78/458"]
    assert document_symbols("A/64/64-E/2009/10.") == ["A/64/64-E/2009/10"]
    assert document_symbols("A/63/L.62/Rev.1 and Add.1-3") == [
        "A/63/L.62/Rev.1", "A/63/L.62/Rev.1/Add.1", "A/63/L.62/Rev.1/Add.2", "A/63/L.62/Rev.1/Add.3",
    ]
    assert document_symbols("E/CN.16/2018/CRP.3 and TD/B/EDE/6/4") == ["E/CN.16/2018/CRP.3", "TD/B/EDE/6/4"]
