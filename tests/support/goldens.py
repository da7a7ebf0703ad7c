"""Golden files, and the parse golden split in two: the structure and the facts.

``ungakg parse --json`` writes, for every unit (paragraph, sub-paragraph,
footnote), its structure and the fact lists read from it. The golden files
keep them apart, so that an extractor change rewrites only the facts golden,
and a parser change only the structure golden (unless it moves offsets):

- ``<slug>.structure.json``: the JSON without the units' fact lists;
- ``<slug>.facts.json``: by unit id (an eId, or ``footnote_N``), the unit's
  non-empty fact lists, in document order.

:func:`join` puts them back together into exactly the JSON of ``ungakg parse
--json``, key order included (the facts follow a unit's ``line``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FACT_KINDS = ("citations", "bodies", "events", "places", "mandates", "topics", "figures")
# Facts of the resolution as a whole, kept in the facts golden under this key; in the JSON they follow "agenda".
WHOLE = "resolution"
WHOLE_KINDS = ("subjects",)


def dumps(value: Any) -> str:
    """JSON as the golden files hold it (and ``ungakg parse --json`` writes each resolution)."""
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def check(golden: Path, text: str, update: bool, what: str) -> None:
    """``text`` must be the golden file's; with ``pytest --update-goldens`` it becomes it."""
    if update:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}: run pytest --update-goldens"
    assert text == golden.read_text(encoding="utf-8"), f"{what} changed ({golden.name}): review the diff, then pytest --update-goldens"


def _uid(unit: dict[str, Any]) -> str:
    return unit["id"] if "id" in unit else f"footnote_{unit['number']}"


def _lists(doc: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The lists of units of a resolution's JSON, nested sub-paragraphs included, in document order."""
    out = []

    def walk(units: list[dict[str, Any]]) -> None:
        out.append(units)
        for u in units:
            walk(u.get("subparagraphs", []))

    walk(doc["preamble"])
    walk(doc["operative"])
    out.append(doc["footnotes"])
    return out


def split(doc: dict[str, Any]) -> tuple[dict[str, Any], dict[str, dict[str, list]]]:
    """The structure (``doc`` without the fact lists) and the facts (by unit id, the non-empty lists)."""
    structure = json.loads(json.dumps(doc))  # a deep copy: ``doc`` is left as it was
    facts: dict[str, dict[str, list]] = {}
    seen: set[str] = set()
    for units in _lists(structure):
        for unit in units:
            uid = _uid(unit)
            assert uid not in seen, f"two units are {uid}"
            seen.add(uid)
            lists = {kind: unit.pop(kind) for kind in FACT_KINDS}
            if any(lists.values()):
                facts[uid] = {kind: found for kind, found in lists.items() if found}
    whole = {kind: structure.pop(kind) for kind in WHOLE_KINDS if kind in structure}
    if any(whole.values()):
        facts[WHOLE] = whole
    return structure, facts


def join(structure: dict[str, Any], facts: dict[str, dict[str, list]]) -> dict[str, Any]:
    """The JSON of ``ungakg parse --json`` again, from the two halves :func:`split` made."""
    doc: dict[str, Any] = {}
    left = dict(facts)
    whole_facts = left.pop(WHOLE, {})
    for key, value in json.loads(json.dumps(structure)).items():
        doc[key] = value
        if key == "agenda":
            doc.update({kind: whole_facts.get(kind, []) for kind in WHOLE_KINDS})
    for units in _lists(doc):
        for i, unit in enumerate(units):
            found = left.pop(_uid(unit), {})
            unknown = set(found) - set(FACT_KINDS)
            assert not unknown, f"{_uid(unit)}: unknown fact lists {unknown}"
            whole: dict[str, Any] = {}
            for key, value in unit.items():
                whole[key] = value
                if key == "line":
                    whole.update({kind: found.get(kind, []) for kind in FACT_KINDS})
            units[i] = whole
    assert not left, f"facts of units the structure does not have: {sorted(left)}"
    return doc
