"""Resolution.units(): every unit once, in document order, each followed by its sub-paragraphs."""

from __future__ import annotations

from mapper.core.model import Footnote, Paragraph, Subparagraph, footnote_id, walk
from mapper.parse import parse_bytes
from tests.support.paths import CORPUS


def _resolution(name: str = "A-RES-57-295.txt"):  # sub-paragraphs and footnotes
    path = CORPUS / name
    return parse_bytes(path.read_bytes(), path.name)


def test_units_are_every_paragraph_sub_paragraph_and_footnote_in_document_order():
    r = _resolution()
    units = list(r.units())
    expected = []

    def visit(u):
        expected.append(u.id)
        for child in u.subparagraphs:
            visit(child)

    for p in (*r.preamble, *r.operative):
        visit(p)
    expected += [f"footnote_{f.number}" for f in r.footnotes]
    assert [u.id for u in units] == expected
    assert len(set(expected)) == len(expected)
    assert any(isinstance(u, Subparagraph) for u in units) and any(isinstance(u, Footnote) for u in units)
    kinds = [type(u) for u in units]
    assert kinds.index(Footnote) > max(i for i, k in enumerate(kinds) if k is not Footnote)  # footnotes last


def test_a_nested_sub_paragraph_follows_its_parent():
    text = ("Resolution adopted by the General Assembly on 1 December 2025\n\n80/998. Lists\n\nThe General Assembly,\n\n"
            "Recalling its earlier work,\n\n1. Requests the Secretary-General:\n\n(a) To report on:\n\n(i) the first matter;\n\n"
            "(ii) the second matter;\n\n(b) To inform the Assembly;\n\n2. Decides to remain seized of the matter.\n\n"
            "60th plenary meeting\n1 December 2025\n")
    r = parse_bytes(text.encode(), "A-RES-80-998.txt")
    assert [u.id for u in r.units()] == [
        "preamble_1", "para_1", "para_1_list_point_a", "para_1_list_point_a_list_point_i", "para_1_list_point_a_list_point_ii",
        "para_1_list_point_b", "para_2",
    ]
    assert [u.id for u in walk(r.operative[:1])] == [u.id for u in list(r.units())[1:6]]


def test_a_footnote_is_a_unit_with_its_eid():
    r = _resolution()
    f = r.footnotes[0]
    assert f.id == footnote_id(f.number) == f"footnote_{f.number}" and f.markers == () and f.subparagraphs == ()
    assert isinstance(r.paragraphs[0], Paragraph) and r.paragraphs == r.preamble + r.operative
