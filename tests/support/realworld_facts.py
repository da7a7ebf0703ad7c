"""The yardstick of the facts of real resolutions: the gold of tests/data/gold/realworld/ against the extractor.

The gold (one JSON file per resolution, defined in ``tests/data/gold/realworld/RULES.md``) was written by reading the texts. This module
turns an annotated :class:`~mapper.core.model.Resolution` into the same kinds of items and counts, per kind, the items
both hold (true positives), those only the extractor holds (false positives) and those only the gold holds (false
negatives):

- citations, per resolution: GA resolutions, GA decisions, other organs' resolutions and decisions and documents by
  their normalized symbol; instruments by name (the extractor's name, or any form it read, equal to the gold's name or
  one of its printed forms);
- bodies and places, per resolution: a body matches when its name, or any form the text names it by, is the gold's
  name or one of its printed forms; a place by its code (ISO 3166 / M49), else its name;
- mandates, per unit and kind, with their polarity (``negated``) and addressees checked on the matched ones;
- events (sessions by body and ordinal, others by year and name), topics (the resolution's fields and the SDGs it names).

Names compare after :func:`norm`: case, a leading "the", quotes, dashes and spacing do not count.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mapper.core.model import Resolution
from mapper.lexicon.authority import Authorities
from tests.support.paths import GOLD
from tests.support.realworld import REALWORLD

__all__ = ["FACTS", "KINDS", "REALWORLD", "Score", "load", "norm", "observed", "score", "table", "unit_name"]

FACTS = GOLD / "realworld"
KINDS = ("citations", "ga_resolutions", "ga_decisions", "other_organs", "documents", "instruments", "bodies", "places",
         "mandates", "mandates_strict", "events", "topics", "sdgs")


def norm(name: str) -> str:
    name = name.replace("’", "'").replace("‘", "'").replace("“", "").replace("”", "").replace('"', "")
    name = re.sub(r"[‐‑–—]", "-", name)
    name = re.sub(r"^the\s+", "", " ".join(name.split()), flags=re.I)
    return name.lower().strip(" ,.;:")


def load(folder: Path = FACTS) -> dict[str, dict[str, Any]]:
    """The gold files by file name ("A_RES_80_16.md")."""
    return {p.with_suffix(".md").name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("A_RES_*.json"))}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)  # "file: fn item" / "file: fp item"

    def add(self, name: str, got: Iterable[Any], want: Iterable[Any]) -> None:
        g, w = Counter(got), Counter(want)
        both = g & w
        self.tp += sum(both.values())
        for item, n in (g - both).items():
            self.fp += n
            self.misses.append(f"{name}: extra {item}")
        for item, n in (w - both).items():
            self.fn += n
            self.misses.append(f"{name}: missed {item}")

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def unit_name(eid: str) -> str:
    """The model's eId in the gold's unit names: para_5_list_point_a -> op5(a), annex_1__para_3 -> annex:op3."""
    prefix = ""
    m = re.match(r"(?:part_(?P<part>[A-Z]+)__|annex_\d+__)", eid)
    if m:
        prefix = f"{m.group('part')}:" if m.group("part") else "annex:"
        eid = eid[m.end():]
    eid = re.sub(r"^preamble_(\d+)", r"pp\1", eid)
    eid = re.sub(r"^para_(\d+)", r"op\1", eid)
    eid = re.sub(r"^footnote_(\d+)", r"fn\1", eid)
    eid = re.sub(r"_list_point_([a-z]+)", r"(\1)", eid)
    return prefix + eid


def _symbol(s: str) -> str:
    return " ".join(s.split())


def _other_organ(item: Any) -> str:
    return _symbol(item) if isinstance(item, str) else f"{norm(item['organ'])}|{item['number']}"


def _forms(names: Iterable[str]) -> set[str]:
    return {norm(n) for n in names if n}


def _match(got: Mapping[str, set[str]], want: Mapping[str, set[str]]) -> tuple[list[str], list[str]]:
    """One-to-one matching of entities by shared forms: the gold names of the matched, plus the rest of each side."""
    pairs, used = {}, set()
    for g, g_forms in got.items():
        for w, w_forms in want.items():
            if w not in used and g_forms & w_forms:
                pairs[g] = w
                used.add(w)
                break
    got_items = [pairs.get(g, f"~{g}") for g in got]
    return got_items, list(want)


def observed(r: Resolution, tables: Authorities) -> dict[str, Any]:
    """What the extractor read from ``r``, grouped as the gold is."""
    cites: dict[str, set[str]] = {k: set() for k in ("ga_resolutions", "ga_decisions", "other_organs", "documents")}
    instruments: dict[str, set[str]] = {}
    bodies: dict[str, set[str]] = {}
    places: dict[str, set[str]] = {}
    mandates: list[tuple[str, str, bool, tuple[str, ...], str]] = []
    events: set[tuple[Any, ...]] = set()
    for unit in r.units():
        f = unit.facts
        for c in f.citations:
            if c.relation == "anticipates":
                continue
            if c.kind in ("resolution", "decision") and c.target.startswith(("A/RES/", "A/DEC/")):
                cites["ga_resolutions" if c.kind == "resolution" else "ga_decisions"].add(_symbol(c.target))
            elif c.kind in ("resolution", "decision"):
                cites["other_organs"].add(_symbol(c.target))
            elif c.kind == "document":
                cites["documents"].add(_symbol(c.target))
            else:
                entry = _instrument_entry(tables, c.target)
                names = {getattr(c, "name", None) or c.text, *(entry or ())}
                instruments.setdefault(c.target, set()).update(_forms(names))
        for b in f.bodies:
            known = tables.bodies.get(b.body)
            names = {b.name, b.text, *(known.variants + known.acronyms if known else ())}
            bodies.setdefault(b.body, set()).update(_forms(names))
        for p in f.places:
            places.setdefault(p.place, set()).update(_forms({p.name, p.text, p.place}))
        for m in f.mandates:
            mandates.append((unit_name(unit.id), m.kind, getattr(m, "negated", False), m.addressees, m.addressee))
        for e in f.events:
            events.add((e.kind.lower(), e.ordinal, e.year, e.body, norm(e.name)))
    return {"cites": cites, "instruments": instruments, "bodies": bodies, "places": places, "mandates": mandates,
            "events": events, "topics": set(getattr(r, "subjects", ()) or ()), "sdgs": _sdgs(r)}


def _instrument_entry(tables: Authorities, key: str) -> tuple[str, ...] | None:
    for table in (getattr(tables, "instruments", None), getattr(tables, "outcomes", None)):
        if table and key in table:
            e = table[key]
            return (e.name, *e.variants, *getattr(e, "acronyms", ()))
    return None


def _sdgs(r: Resolution) -> set[int]:
    out = set()
    for unit in r.units():
        for t in unit.facts.topics:
            m = re.fullmatch(r"sdg-(\d+)", t.topic)
            if m:
                out.add(int(m.group(1)))
    return out


def score(results: Mapping[str, Resolution], gold: Mapping[str, Mapping[str, Any]], tables: Authorities) -> dict[str, Score]:
    """Per kind, the counts over every file of ``gold`` that ``results`` (by file name) holds."""
    scores = {k: Score() for k in KINDS}
    for name, g in gold.items():
        if name not in results:
            continue
        o = observed(results[name], tables)
        gc = g["citations"]
        want = {
            "ga_resolutions": [_symbol(s) for s in gc["ga_resolutions"]],
            "ga_decisions": [_symbol(s) for s in gc["ga_decisions"]],
            "other_organs": [_other_organ(s) for s in gc["other_resolutions"] + gc["other_decisions"]],
            "documents": [_symbol(s) for s in gc["documents"]],
        }
        for kind, items in want.items():
            scores[kind].add(name, o["cites"][kind], set(items))
            scores["citations"].add(name, [f"{kind}:{i}" for i in o["cites"][kind]], [f"{kind}:{i}" for i in set(items)])
        got, wanted = _match(o["instruments"], {i["name"]: _forms([i["name"], *i.get("printed", ())]) for i in gc["instruments"]})
        scores["instruments"].add(name, got, wanted)
        scores["citations"].add(name, [f"instrument:{i}" for i in got], [f"instrument:{i}" for i in wanted])
        got, wanted = _match(o["bodies"], {b["name"]: _forms([b["name"], *b.get("printed", ())]) for b in g["bodies"]})
        scores["bodies"].add(name, got, wanted)
        place_forms = {p["name"]: _forms([p["name"], p.get("code") or ""]) for p in g["places"]}
        got, wanted = _match(o["places"], place_forms)
        scores["places"].add(name, got, wanted)
        _mandates(scores, name, o["mandates"], g["mandates"])
        scores["events"].add(name, _events(o["events"], g["events"]), [_event_key(e) for e in g["events"]])
        scores["topics"].add(name, o["topics"], g["topics"]["fields"])
        scores["sdgs"].add(name, o["sdgs"], g["topics"]["sdgs"])
    return scores


def _addressees_agree(got: tuple[str, ...], printed: str, want: list[str]) -> bool:
    phrase = norm(printed)
    return len(got) == len(want) and all(norm(a) in phrase for a in want)


def _mandates(scores: dict[str, Score], name: str, got: list[tuple[str, str, bool, tuple[str, ...], str]],
              want: list[Mapping[str, Any]]) -> None:
    scores["mandates"].add(name, [(u, k) for u, k, *_ in got], [(m["unit"], m["kind"]) for m in want])
    remaining = list(got)
    strict_got, strict_want = [], []
    for m in want:
        key = (m["unit"], m["kind"], bool(m.get("negated")))
        strict_want.append(key)
        for i, (u, k, neg, keys, printed) in enumerate(remaining):
            if (u, k) == (m["unit"], m["kind"]):
                ok = neg == bool(m.get("negated")) and (k == "decision" or _addressees_agree(keys, printed, m["addressees"]))
                strict_got.append(key if ok else (u, k, neg, "addressees" if neg == bool(m.get("negated")) else "polarity"))
                del remaining[i]
                break
    strict_got += [(u, k, neg) for u, k, neg, *_ in remaining]
    scores["mandates_strict"].add(name, strict_got, strict_want)


def _event_key(e: Mapping[str, Any]) -> tuple[Any, ...]:
    if e.get("ordinal") is not None and e.get("body"):
        return ("ordinal", norm(e["body"]), e["ordinal"], "special" in e.get("kind", ""))
    return ("named", e.get("year"), norm(e.get("name") or ""))


def _events(got: set[tuple[Any, ...]], want: list[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    """The extracted events as gold keys where one matches (sessions by ordinal, named ones by year and words)."""
    out = []
    wanted = [_event_key(e) for e in want]
    for kind, ordinal, year, _body, name in got:
        match = None
        for w in wanted:
            if (w[0] == "ordinal" and ordinal == w[2] and (w[1] in name or name.endswith(w[1].split()[-1]))) or (w[0] == "named" and (year is None or w[1] is None or year == w[1]) and _overlap(name, w[2]) >= 0.6):
                match = w
            if match:
                break
        out.append(match or ("extra", kind, ordinal, year, name))
    return out


def _overlap(a: str, b: str) -> float:
    wa, wb = set(re.findall(r"\w+", a)), set(re.findall(r"\w+", b))
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


def table(scores: Mapping[str, Score]) -> str:
    rows = ["| kind | gold | right | extra | missed | precision | recall |", "|---|---:|---:|---:|---:|---:|---:|"]
    for kind, s in scores.items():
        rows.append(f"| {kind} | {s.tp + s.fn} | {s.tp} | {s.fp} | {s.fn} | {s.precision:.3f} | {s.recall:.3f} |")
    return "\n".join(rows)
