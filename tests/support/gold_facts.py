"""Reading the gold annotations of tests/data/gold/facts/ and scoring the extractor against them."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from mapper.core.model import Resolution
from tests.support import paths

GOLD = paths.GOLD / "facts"
KINDS = ("cite", "body", "event", "place", "mandate", "topic", "figure")


def _expand(pinpoint: str) -> str:
    """"35-37+67-72" -> "35,36,37,67,68,69,70,71,72"."""
    out = []
    for part in pinpoint.split("+"):
        lo, _, hi = part.partition("-")
        out += [str(n) for n in range(int(lo), int(hi or lo) + 1)]
    return ",".join(out)


def read_gold(path: Path) -> dict[str, set[tuple]]:
    """Facts by kind, each a tuple whose first element is the unit's eId."""
    facts: dict[str, set[tuple]] = defaultdict(set)
    mandates: dict[str, list[tuple]] = defaultdict(list)
    for n, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        uid, _, rest = line.strip().partition(" ")
        for section in rest.split(" | "):
            kind, *values = section.split()
            if kind not in KINDS:
                raise ValueError(f"{path}:{n}: unknown kind {kind!r}")
            if kind == "mandate":
                attrs = dict(v.split("=", 1) for v in values[2:])
                mandates[uid].append((values[0], values[1], attrs))
                continue
            if kind == "cite":  # a token without ":" continues the previous target ("A/RES/57/270 B")
                merged: list[str] = []
                for v in values:
                    if ":" in v:
                        merged.append(v)
                    else:
                        merged[-1] += " " + v
                for v in merged:
                    relation, target = v.split(":", 1)
                    target, _, pin = target.partition("#")
                    facts[kind].add((uid, relation, target, _expand(pin) if pin else ""))
                continue
            if kind == "figure":
                facts[kind].update((uid, round(float(v), 4)) for v in values)
                continue
            facts[kind].update((uid, v) for v in values)
    for uid, items in mandates.items():
        for i, (kind, addressees, attrs) in enumerate(items):
            facts["mandate"].add((uid, kind, addressees, i))
            facts["mandate-detail"].add(
                (uid, kind, addressees, attrs.get("session", ""), attrs.get("due", ""), attrs.get("channel", ""), i)
            )
    return facts


def _uid(unit) -> str:
    return getattr(unit, "id", None) or f"footnote_{unit.number}"


def extracted(r: Resolution) -> dict[str, set[tuple]]:
    """The same shape as :func:`read_gold`, from an annotated resolution."""
    facts: dict[str, set[tuple]] = defaultdict(set)
    for unit in r.units():
        uid, f = _uid(unit), unit.facts
        facts["cite"].update((uid, c.relation, c.target, ",".join(c.pinpoint) if c.pinpoint != ("annex",) else "") for c in f.citations)
        facts["body"].update((uid, b.body) for b in f.bodies)
        facts["event"].update((uid, e.event) for e in f.events)
        # The gold's places are where a named event is said to be held (its rule, README.md); places named
        # otherwise are measured on the real resolutions (tests/support/realworld_facts.py).
        held = {k for e in f.events for k in e.places}
        facts["place"].update((uid, p.place) for p in f.places if p.place in held)
        facts["topic"].update((uid, t.topic) for t in f.topics)
        facts["figure"].update((uid, round(g.value, 4)) for g in f.figures)
        for i, m in enumerate(f.mandates):
            addressees = ",".join(sorted(m.addressees))
            facts["mandate"].add((uid, m.kind, addressees, i))
            facts["mandate-detail"].add((uid, m.kind, addressees, str(m.due_session or ""), m.due or "",
                                         ",".join(sorted(m.channel)), i))
    return facts


@dataclass
class Score:
    tp: int = 0
    fp: list = field(default_factory=list)
    fn: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + len(self.fp)) if self.tp + len(self.fp) else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + len(self.fn)) if self.tp + len(self.fn) else 1.0


def score(pairs) -> dict[str, Score]:
    """Micro-averaged scores per kind over (symbol, gold, extracted) triples."""
    scores: dict[str, Score] = defaultdict(Score)
    for name, gold, got in pairs:
        for kind in (*KINDS, "mandate-detail"):
            g, e = gold.get(kind, set()), got.get(kind, set())
            s = scores[kind]
            s.tp += len(g & e)
            s.fp += [(name, *x) for x in sorted(e - g, key=str)]
            s.fn += [(name, *x) for x in sorted(g - e, key=str)]
    return scores


def report(scores: dict[str, Score]) -> str:
    lines = []
    for kind, s in scores.items():
        lines.append(f"{kind:15} P={s.precision:.3f} R={s.recall:.3f} tp={s.tp} fp={len(s.fp)} fn={len(s.fn)}")
    return "\n".join(lines)


__all__ = ["GOLD", "KINDS", "extracted", "re", "read_gold", "report", "score"]
