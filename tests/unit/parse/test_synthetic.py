"""Random resolutions in every layout parse back to exactly what was generated."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mapper.extract import read
from tests.support.synth import LAYOUTS, make_spec, render

pytestmark = pytest.mark.slow  # 600 random resolutions parsed: seconds; the developer loop leaves them out


def _flat(resolution):
    out = []
    for p in resolution.preamble + resolution.operative:
        out.append((p.id, p))
        out += [(s.id, s) for s in p.subparagraphs]
    return out


def check(spec, layout, seed):
    text = render(spec, layout, seed)
    r = read(text.encode(), f"A-RES-{spec.session}-{spec.number}.txt")
    context = f"\n--- {layout} seed {seed} ---\n{text}"
    assert str(r.symbol) == spec.symbol, context
    assert r.title == spec.title, context
    assert r.committee == spec.committee, context
    assert r.adopted.day == spec.day and r.adopted.year == spec.year, context
    assert [p.text for p in r.preamble] == [p.text() for p in spec.preamble], context
    assert [p.phrase.text for p in r.preamble] == [p.phrase for p in spec.preamble], context
    assert [p.number for p in r.operative] == [int(p.label) for p in spec.operative], context
    assert [p.text for p in r.operative] == [p.text() for p in spec.operative], context
    assert [p.phrase.text for p in r.operative] == [p.phrase for p in spec.operative], context
    assert [[s.text for s in p.subparagraphs] for p in r.operative] == [[s.text() for s in p.subs] for p in spec.operative], context
    assert {f.number: f.text for f in r.footnotes} == spec.footnotes, context
    assert {f.number: f.paragraph for f in r.footnotes} == spec.first_marker, context
    if layout != "plain-inline-footnotes":
        assert r.meeting == spec.meeting, context
    expected_layout = {"plain-wrapped": "plain"}.get(layout, layout)
    if layout == "plain-inline-footnotes" and not spec.footnotes:
        expected_layout = "plain"
    assert r.source.layout == expected_layout, context
    return r, text


@pytest.mark.parametrize("layout", LAYOUTS)
@given(seed=st.integers(0, 2**31))
def test_synthetic_resolutions_parse_back(layout, seed):
    spec = make_spec(seed)
    check(spec, layout, seed)


@pytest.mark.parametrize("layout", LAYOUTS)
@given(seed=st.integers(0, 2**31))
def test_markers_stand_where_they_were_printed(layout, seed):
    """Each marker's offset is the place in the clean text right after the word it followed."""
    spec = make_spec(seed)
    r, _ = check(spec, layout, seed)
    expected = {}
    from tests.support.synth import _paragraph_ids

    for pid, para in _paragraph_ids(spec):
        offsets, text = [], ""
        for t in para.tokens():
            if isinstance(t, tuple):
                offsets.append((t[1], len(text)))
            elif t == ",":
                text += ","
            else:
                text += (" " if text else "") + t
        expected[pid] = offsets
    got = {pid: [(m.number, m.offset) for m in p.markers] for pid, p in _flat(r)}
    assert got == expected
