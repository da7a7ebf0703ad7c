"""The ontology's documentation is the same bytes on every run, whatever the order pyLODE lists a union's classes in."""

from mapper.publish import docs


def _union(*names: str) -> str:
    items = [f'<span>\n  <a href="#{n}">{n.lower()}</a>\n  <sup class="sup-c" title="OWL/RDFS Class">c</sup>\n</span>' for n in names]
    return "<td>\n" + '\n<span class="cardinality">or</span>\n'.join(items) + "\n</td>"


def test_a_union_is_listed_in_one_order():
    one = docs.sorted_unions(_union("Resolution", "Annex", "Section"))
    other = docs.sorted_unions(_union("Section", "Resolution", "Annex"))
    assert one == other
    assert one.index("#Annex") < one.index("#Resolution") < one.index("#Section")
