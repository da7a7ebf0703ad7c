"""The parse stage's golden files: the structure of each corpus text, without facts (tests/support/goldens.py).

The facts read from the same units are the extraction stage's golden files
(tests/unit/extract/test_facts_golden.py); together they are the JSON of
``ungakg parse --json``. ``pytest --update-goldens`` rewrites them after a
reviewed change.
"""

import pytest

from mapper.parse import parse_bytes
from mapper.parse.json import resolution_to_json
from tests.support.goldens import check, dumps, split
from tests.support.paths import CORPUS, GOLDEN, ROOT

SLUGS = sorted(p.stem for p in CORPUS.glob("A-RES-*.txt"))


def structure_of(slug: str) -> dict:
    path = CORPUS / f"{slug}.txt"
    structure, facts = split(resolution_to_json(parse_bytes(path.read_bytes(), str(path.relative_to(ROOT)))))
    assert facts == {}, "the parse stage reads no facts"
    return structure


@pytest.mark.parametrize("slug", SLUGS)
def test_structure_golden(slug, update_goldens):
    check(GOLDEN / "parse" / f"{slug}.structure.json", dumps(structure_of(slug)), update_goldens, "the parse")
