"""The extraction stage's golden files: the facts of every unit of each corpus text (tests/support/goldens.py).

With the structure goldens (tests/unit/parse/test_structure_golden.py) they
are the JSON of ``ungakg parse --json``: the two recombine into it exactly.
``pytest --update-goldens`` rewrites them after a reviewed change.
"""

import pytest

from mapper.extract import read
from mapper.parse.json import resolution_to_json
from tests.support.goldens import check, dumps, join, split
from tests.support.paths import CORPUS, GOLDEN, ROOT

SLUGS = sorted(p.stem for p in CORPUS.glob("A-RES-*.txt"))


@pytest.mark.parametrize("slug", SLUGS)
def test_facts_golden(slug, update_goldens):
    path = CORPUS / f"{slug}.txt"
    whole = resolution_to_json(read(path.read_bytes(), str(path.relative_to(ROOT))))
    structure, facts = split(whole)
    assert facts, "the extraction read no facts"
    assert dumps(join(structure, facts)) == dumps(whole), "the split into structure and facts loses something"
    check(GOLDEN / "parse" / f"{slug}.facts.json", dumps(facts), update_goldens, "the extraction")
    # the structure the extraction leaves is the parse stage's, as its golden holds it
    assert dumps(structure) == (GOLDEN / "parse" / f"{slug}.structure.json").read_text(encoding="utf-8")

