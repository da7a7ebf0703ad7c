"""The yardstick for real resolutions: what a parse of a file of tests/data/realworld/ must show, field by field.

``gold.json`` holds, for each of the twenty files (keyed by symbol, "A/RES/80/16"), values written by reading the
texts; its README (tests/data/realworld/README.md) defines them. :func:`observed` computes the same fields from a
parsed :class:`~mapper.core.model.Resolution` by those definitions, :func:`mismatches` compares the two and adds two
checks of the text itself (no running header, no page furniture left in any unit), and :func:`figures` counts, per
field, how many files are right.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from difflib import SequenceMatcher
from typing import Any

from mapper.core.model import Resolution
from tests.support.paths import DATA

REALWORLD = DATA / "realworld"

# The gold fields a parse yields, in the README's order.
FIELDS = ("adopted", "meeting", "committee", "report", "agenda_items", "title", "preambular_count", "operative_count",
          "preambular_verbs", "operative_verbs", "subparagraphs", "footnotes", "has_annex")
# Checks of the units' texts rather than of a value: nothing of the printed page may be left in them.
TEXT_CHECKS = ("running_headers", "furniture")
CHECKS = FIELDS + TEXT_CHECKS

# Words that may precede a paragraph's verb and are not it ("Also decides" -> "decides", "Further recalls" -> "recalls").
MODIFIERS = frozenset({"also", "further", "again", "strongly"})

Mismatch = tuple[Any, Any]  # (expected, got)


def load_gold() -> dict[str, dict[str, Any]]:
    """The gold entries by symbol ("A/RES/80/16"), each with its ``file`` (a name in :data:`REALWORLD`)."""
    return json.loads((REALWORLD / "gold.json").read_text(encoding="utf-8"))


def resolution_number(symbol: str) -> int:
    """80/16 -> 16: the order the files are listed in."""
    return int(symbol.rsplit("/", 1)[1])


def symbol_of(gold_entry: Mapping[str, Any]) -> str:
    """The symbol of the file a gold entry describes: "A_RES_80_16.md" -> "A/RES/80/16"."""
    return gold_entry["file"].removesuffix(".md").replace("_", "/")


def annexes(r: Resolution) -> tuple[Any, ...]:
    """The annexes of ``r``; none where the model has no annexes yet."""
    return tuple(getattr(r, "annexes", ()) or ())


def verb(text: str) -> str | None:
    """The gold's verb of a paragraph: its first word, lower-cased and stripped of punctuation, after any leading
    also / further / again / strongly ("Deeply concerned" -> "deeply", "Also calls upon" -> "calls")."""
    for word in text.split():
        word = re.sub(r"^\W+|\W+$", "", word).lower()
        if word and word not in MODIFIERS:
            return word
    return None


def _walk(units: Iterable[Any]) -> Iterator[Any]:
    """Each unit followed by its sub-paragraphs, depth first (annex paragraphs may have none)."""
    for u in units:
        yield u
        yield from _walk(getattr(u, "subparagraphs", ()))


def _distinct(footnotes: Iterable[Any]) -> int:
    return len({f.number for f in footnotes})


def observed(r: Resolution) -> dict[str, Any]:
    """The value of each gold field in :data:`FIELDS` for the parse ``r``, by the gold's own definitions.

    ``title`` has its white space collapsed (a printed line break is not part of the title); ``subparagraphs``
    counts the sub-paragraphs of every level of the resolution's operative part (not of an annex); ``footnotes``
    counts distinct footnote numbers of the resolution plus those of each annex (an annex numbers its own).
    """
    return {
        "adopted": r.adopted.isoformat() if r.adopted else None,
        "meeting": r.meeting,
        "committee": r.committee,
        "report": list(r.report),
        "agenda_items": list(r.agenda_items),
        "title": " ".join(r.title.split()) if r.title is not None else None,
        "preambular_count": len(r.preamble),
        "operative_count": len(r.operative),
        "preambular_verbs": [verb(p.text) for p in r.preamble],
        "operative_verbs": [verb(p.text) for p in r.operative],
        "subparagraphs": sum(1 for p in r.operative for _ in _walk(p.subparagraphs)),
        "footnotes": _distinct(r.footnotes) + sum(_distinct(getattr(a, "footnotes", ())) for a in annexes(r)),
        "has_annex": bool(annexes(r)),
    }


def units(r: Resolution) -> Iterator[tuple[str, str]]:
    """``(where, text)`` of every paragraph, sub-paragraph and footnote: the resolution's, then each annex's
    (its footnotes as "annex_1/footnote_2")."""
    for u in _walk(r.paragraphs):
        yield u.id, u.text
    for f in r.footnotes:
        yield f.id, f.text
    for n, a in enumerate(annexes(r), 1):
        name = getattr(a, "id", f"annex_{n}")
        for u in _walk(getattr(a, "paragraphs", ())):
            yield getattr(u, "id", f"{name}/?"), u.text
        for f in getattr(a, "footnotes", ()):
            yield f"{name}/footnote_{f.number}", f.text


def _flat(text: str) -> str:
    """White space collapsed, and a hyphen before a line break joined to its word, as :func:`_words` counts it."""
    return " ".join(text.split()).replace("- ", "-")


# Page furniture, as PDF pipelines leave it in the text.
# A page counter "3/8": page n of m, standing alone between spaces. A citation such as "resolution 47/52 L of
# 15 December 1992" or "decisions 77/512 and 78/541" looks the same and is blanked out first (see _CITATIONS).
_COUNTER = re.compile(r"(?<!\S)(\d{1,2})/(\d{1,2})(?!\S)")
# A job number "25-15106", with the language "(E)" where printed; never part of a longer symbol or number.
_JOB = re.compile(r"(?<![\w/.\-–])\d{2}-\d{5}(?:\s*\(E\))?(?![\w/\-–])")
# The barcode of the job number, "*2515106*".
_BARCODE = re.compile(r"\*\d{7}\*")
_CITED = r"(?:[A-Z]+-)?\d+/\d+(?:\s+[A-Z](?![\w/]))?(?:\s+of\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4})?"
_CITATIONS = re.compile(rf"\b[Rr]esolutions?\s+{_CITED}(?:(?:\s*,\s*and|\s*,|\s+and)\s+{_CITED})*"
                        rf"|\b[Dd]ecisions?\s+{_CITED}(?:(?:\s*,\s*and|\s*,|\s+and)\s+{_CITED})*")


def furniture_in(text: str, symbol: str) -> list[str]:
    """The page furniture in ``text`` of the resolution ``symbol``: page counters ("3/8", page n of m with
    1 <= n <= m, 2 <= m <= 99, standing alone), job numbers ("25-15106", "25-15106 (E)"), barcodes ("*2515106*")
    and the resolution's own symbol ("A/RES/80/16", not "A/RES/80/160"). Numbers cited as resolutions or
    decisions ("resolutions 16/18 and 22/31") are not counters."""
    found = []
    for m in _COUNTER.finditer(_CITATIONS.sub(lambda c: "#" * len(c.group()), text)):
        page, pages = int(m.group(1)), int(m.group(2))
        if 1 <= page <= pages and pages >= 2:
            found.append(m.group())
    found += [m.group() for m in _JOB.finditer(text)]
    found += [m.group() for m in _BARCODE.finditer(text)]
    found += re.findall(rf"(?<![\w/]){re.escape(symbol)}(?![\w/])", text)
    return found


def occurrences(r: Resolution, phrase: str) -> int:
    """How often ``phrase`` (case and all) stands in the texts of the units of ``r``, white space collapsed."""
    return sum(_flat(text).count(_flat(phrase)) for _, text in units(r))


def _words(text: str) -> list[str]:
    """The words of a unit's text; a hyphen before a line break counts as part of its word ("Nuclear- Weapon-Free"
    and "Nuclear-Weapon-Free" are the same words, as a line may break after the hyphen or not)."""
    return text.replace("- ", "-").split()


def text_differences(r: Resolution, reference: Resolution, words: Callable[[str], list[str]] | None = None) -> list[str]:
    """The units whose words differ between ``r`` and ``reference``, two parses of the same resolution (a variant's
    and the file's): each as "unit: 'words of reference' -> 'words of r'" around the first difference. ``words``
    splits a text into the words compared (default: a hyphen before a line break is part of its word)."""
    split = words or _words
    expected, got = dict(units(reference)), dict(units(r))
    out = []
    for where in dict.fromkeys([*expected, *got]):
        a, b = split(expected.get(where, "")), split(got.get(where, ""))
        if a != b:
            _, i1, i2, j1, j2 = next(op for op in SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal")
            out.append(f"{where}: {' '.join(a[max(0, i1 - 6):i2 + 3])!r} -> {' '.join(b[max(0, j1 - 6):j2 + 3])!r}")
    return out


def mismatches(r: Resolution, gold_entry: Mapping[str, Any]) -> dict[str, Mismatch]:
    """The checks of :data:`CHECKS` that ``r`` fails against ``gold_entry``, each as ``(expected, got)``.

    ``running_headers`` fails when a unit's text (white space collapsed) contains one of the gold's running
    headers; ``furniture`` when a unit's text contains page furniture (:func:`furniture_in`). Their ``got`` lists
    what was found, as "unit: text".
    """
    found: dict[str, Mismatch] = {}
    seen = observed(r)
    for field in FIELDS:
        if seen[field] != gold_entry[field]:
            found[field] = (gold_entry[field], seen[field])
    texts = [(where, _flat(text)) for where, text in units(r)]
    headers = [f"{where}: {h!r}" for where, text in texts for h in gold_entry["running_headers"] if _flat(h) in text]
    if headers:
        found["running_headers"] = ([], headers)
    furniture = [f"{where}: {f!r}" for where, text in texts for f in furniture_in(text, symbol_of(gold_entry))]
    if furniture:
        found["furniture"] = ([], furniture)
    return found


def describe(found: Mapping[str, Mismatch]) -> str:
    """The mismatches as lines "field: expected ..., got ...", lists with their first difference."""
    lines = []
    for field, (expected, got) in found.items():
        line = f"{field}: expected {expected!r}, got {got!r}"
        if isinstance(expected, list) and isinstance(got, list) and field not in TEXT_CHECKS:
            i = next((i for i, (e, g) in enumerate(zip(expected, got, strict=False)) if e != g), min(len(expected), len(got)))
            line += f" (first difference at [{i}]: expected {expected[i:i + 1]}, got {got[i:i + 1]})"
        lines.append(line)
    return "\n".join(lines)


def figures(results: Iterable[Mapping[str, Mismatch]]) -> dict[str, tuple[int, int]]:
    """Per check of :data:`CHECKS`: (files that pass it, files), from the mismatches of each file. A file that
    does not parse counts as failing every check (give it a result with every check, as :func:`check_file` does)."""
    results = list(results)
    return {check: (sum(1 for found in results if check not in found), len(results)) for check in CHECKS}


def check_file(symbol: str, gold: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Mismatch]:
    """The mismatches of the parse of the file of ``symbol``. When the file does not parse, every check fails
    with ``got`` "no parse", and the key ``parse`` (not a check) holds ``(None, the error)``."""
    from mapper.errors import InputError
    from mapper.parse.chain import parse_bytes

    entry = (gold or load_gold())[symbol]
    path = REALWORLD / entry["file"]
    try:
        r = parse_bytes(path.read_bytes(), str(path))
    except InputError as e:
        return {"parse": (None, f"{type(e).__name__}: {e}")} | {check: (entry.get(check, []), "no parse") for check in CHECKS}
    return mismatches(r, entry)
