"""The yardstick of paragraph lineage: links found against the hand-checked alignments of tests/data/gold/lineage/.

A gold file aligns a successor with its predecessor by paragraph ("pp3": the third
preambular paragraph, "op7": operative paragraph 7; RULES.md). A link is the pair
(successor paragraph, predecessor paragraph) of a kept or revised paragraph; new
paragraphs and dropped ones are the paragraphs of no link. Measured: precision and
recall of the links, and of those found, how many have the gold's kind
("verbatim" is the gold's word for kept).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from mapper.extract.lineage import Succession
from tests.support.paths import GOLD

LINEAGE = GOLD / "lineage"
KINDS = {"verbatim": "kept", "revised": "revised"}


def eid(name: str) -> str:
    """"pp3" -> "preamble_3", "op7" -> "para_7": the parser's eIds of the n-th preambular and the n-th operative paragraph."""
    return ("preamble_" if name.startswith("pp") else "para_") + name[2:]


@dataclass
class Score:
    found: int = 0  # links the code made
    gold: int = 0  # links of the gold
    right: int = 0  # links in both
    kind_right: int = 0  # of those, with the gold's kind
    clear_gold: int = 0
    clear_right: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 1.0

    def add(self, other: Score) -> None:
        for name in ("found", "gold", "right", "kind_right", "clear_gold", "clear_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.wrong += other.wrong
        self.missed += other.missed


def gold_files() -> list[Path]:
    return sorted(LINEAGE.glob("*__*.json"))


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def score(gold: dict, got: Succession) -> Score:
    expected = {eid(x["paragraph"]): (eid(x["predecessor"]), KINDS[x["relation"]], x.get("clear", True))
                for x in gold["links"] if x["predecessor"]}
    found = {link.paragraph: (link.predecessor, link.kind) for link in got.links if link.predecessor}
    s = Score(found=len(found), gold=len(expected))
    for paragraph, (source, kind, clear) in expected.items():
        s.clear_gold += clear
        if found.get(paragraph, (None,))[0] == source:
            s.right += 1
            s.clear_right += clear
            s.kind_right += found[paragraph][1] == kind
        else:
            s.missed.append(f"{gold['successor']} {paragraph} <- {source} ({kind}{'' if clear else ', not clear'})")
    for paragraph, (source, kind) in found.items():
        if expected.get(paragraph, (None,))[0] != source:
            s.wrong.append(f"{gold['successor']} {paragraph} <- {source} ({kind})")
    return s
