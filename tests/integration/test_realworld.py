"""Each real resolution of tests/data/realworld/ parses, and its parse shows every value of the file's gold."""

import pytest

from mapper.errors import InputError
from mapper.parse.chain import parse_bytes
from tests.support.realworld import REALWORLD, describe, load_gold, mismatches, resolution_number

GOLD = load_gold()
SYMBOLS = sorted(GOLD, key=resolution_number)


@pytest.mark.parametrize("symbol", SYMBOLS, ids=[GOLD[s]["file"].removesuffix(".md") for s in SYMBOLS])
def test_real_resolution_reads_to_its_gold(symbol):
    entry = GOLD[symbol]
    path = REALWORLD / entry["file"]
    try:
        r = parse_bytes(path.read_bytes(), str(path))
    except InputError as e:
        pytest.fail(f"{entry['file']} does not parse: {e}\nnotes: {entry['structure_notes']}")
    found = mismatches(r, entry)
    assert not found, f"{entry['file']}:\n{describe(found)}\nnotes: {entry['structure_notes']}"
    # Every footnote is a real one, called in the text: its marker is found, whatever form it takes.
    uncalled = [f.number for f in (*r.footnotes, *(g for a in r.annexes for g in a.footnotes)) if f.paragraph is None]
    assert not uncalled, f"{entry['file']}: no marker found for footnotes {uncalled}"
