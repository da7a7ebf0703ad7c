"""Citations of resolutions, decisions and documents by symbol (instruments cited by name: :mod:`.instruments`).

Resolution symbols as the texts print them (see ``shared/notes/domain.md``):

* the Assembly's own, after "its resolution(s)", "General Assembly resolution",
  "the General Assembly in its resolution" or, in footnotes, "Resolution(s)":
  ``57/238``, ``57/270 B``, ``ES-11/1``, ``217 A (III)``, ``2625 (XXV)``;
* the Economic and Social Council's, ``2008/3`` (a four-digit year first), after
  "Economic and Social Council resolution(s)" or "Council resolution(s)";
* the Security Council's, ``2623 (2022)`` (the year in brackets);
* the Human Rights Council's, "Human Rights Council resolution 53/25", as ``A/HRC/RES/53/25``;
* decisions, "its decision 77/568", as ``A/DEC/77/568`` (``E/DEC/...`` for the Council).

Lists ("56/183 of 21 December 2001, 57/238 ... and 62/182") and ranges
("68/1 to 68/3") are expanded, each item with its own date and span.
Document symbols follow the UN's symbol rules (:mod:`mapper.core.symbols`);
"and Add.1"/"and Corr.1" add the addendum or corrigendum as a document of its
own, joint symbols (``A/64/64-E/2009/10``) stay one document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from mapper.core.facts import CitationKind, Relation
from mapper.core.symbols import ResolutionSymbol, find_documents
from mapper.lexicon.authority import ECONOMIC_AND_SOCIAL_COUNCIL, HUMAN_RIGHTS_COUNCIL, SECURITY_COUNCIL
from mapper.lexicon.dates import DATE, parse_date

# The citation property each clause verb gives (ontology: unga:recalls ...);
# any other verb cites without committing to a stance: unga:cites.
RELATIONS: dict[str, Relation] = {
    "recall": "recalls",
    "reaffirm": "reaffirms",
    "endorse": "endorses",
    "welcome": "welcomes",
    "take note": "takesNoteOf",
    "note": "notes",
}


def relation(verb: str | None) -> Relation:
    return RELATIONS.get(verb or "", "cites")


@dataclass(frozen=True, slots=True)
class Found:
    """A citation before it is typed by its clause."""

    kind: CitationKind
    target: str
    start: int
    end: int
    date: date | None = None
    pinpoint: tuple[str, ...] = ()
    name: str | None = None
    known: bool = True
    anaphoric: bool = False


_GA = r"(?:E?S-)?\d{1,3}/\d{1,4}(?:\s[A-Z]{1,2}(?![\w/]))?"
# More parts of the same resolution: "36/87 A and B", "46/36 F, H and L".
_MORE_PARTS = re.compile(r"(?:\s*,\s*|\s+and\s+)(?P<part>[A-Z]{1,2})(?![\w/])")
# A decision or resolution that is part of a document just cited: "document CBD/COP/15/17, decision 15/4",
# "(United Nations publication, Sales No. E.96.IV.13), chap. I, resolution 1": that organ's act, not the Assembly's.
_IN_DOCUMENT = re.compile(r"(?:[A-Z][A-Z0-9.]*/\S+|chap\.\s*[IVXL]+|annex(?:es)?(?:\s+[IVXL]+)?|sect\.\s*\S+|\))\s*,\s*$")
_OLD = r"\d{1,4}(?:\s[A-Z])?\s\([IVXL]{1,7}\)"
_ECOSOC = r"(?:19[4-9]\d|20\d\d)/\d{1,3}"
_SC = r"\d{1,4}\s\((?:19[4-9]\d|20\d\d)\)"
_ITEM = rf"(?:A/RES/)?(?:{_OLD}|{_SC}|{_ECOSOC}|{_GA})"
# "resolution", "resolutions", "decision"; the organ is read from the words just before.
_KEYWORD = re.compile(r"\b(?P<kind>[Rr]esolutions?|[Dd]ecisions?)\s+(?=(?:A/RES/)?\d|(?:E?S-)\d)")
_ORGAN = re.compile(
    r"(?P<organ>Economic and Social Council|Security Council|Human Rights Council|General Assembly|Council|Assembly)"
    r"(?:\s+in)?(?:\s+its)?\s*$"
)
_ITEM_RE = re.compile(_ITEM)
_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+to\s+)")
_OF_DATE = re.compile(rf"\s+of\s+(?={DATE.pattern})")
_ANNEX = re.compile(r",?\s+annex(?:es)?\b")
# ", entitled “Transforming our world ...”," between two items of a list
ENTITLED = re.compile(r",?\s+entitled\s+[“\"](?P<title>[^”\"]{1,400})[”\"]")


def _organ(text: str, keyword_start: int, item: str, council: str | None) -> str:
    """"A", "E", "S" or "HRC": from the words before the keyword, else from the shape of the number."""
    m = _ORGAN.search(text, max(0, keyword_start - 45), keyword_start)
    organ = m.group("organ") if m else None
    if organ == "Council":
        organ = {ECONOMIC_AND_SOCIAL_COUNCIL: "Economic and Social Council", SECURITY_COUNCIL: "Security Council",
                 HUMAN_RIGHTS_COUNCIL: "Human Rights Council"}.get(council or "", organ)
    if re.fullmatch(_SC, item) or organ == "Security Council":
        return "S"
    if organ == "Human Rights Council":
        return "HRC"
    if re.fullmatch(_ECOSOC, item) or organ in ("Economic and Social Council", "Council"):
        return "E"
    return "A"


def _normalize(item: str, organ: str, decision: bool) -> str | None:
    item = " ".join(item.split())
    if item.startswith("A/RES/"):
        item = item[len("A/RES/"):]
    if organ == "S":
        m = re.fullmatch(r"(\d+)\s\((\d{4})\)", item)
        return f"S/RES/{m.group(1)} ({m.group(2)})" if m else None
    if organ == "E":
        return f"E/{'DEC' if decision else 'RES'}/{item}" if re.fullmatch(_ECOSOC, item) else None
    if organ == "HRC":  # A/HRC/RES/53/25, A/HRC/DEC/52/101
        return f"A/HRC/{'DEC' if decision else 'RES'}/{item}" if re.fullmatch(r"\d{1,2}/\d{1,4}", item) else None
    try:
        symbol = ResolutionSymbol.parse(item)
    except ValueError:
        return None
    return f"A/DEC/{symbol.short}" if decision else str(symbol)


def resolutions(text: str, council: str | None = None) -> Iterator[Found]:
    """Resolutions and decisions cited in ``text``; ``council`` resolves a bare "Council"."""
    for k in _KEYWORD.finditer(text):
        if _IN_DOCUMENT.search(text, max(0, k.start() - 60), k.start()):
            continue
        decision = k.group("kind").lower().startswith("decision")
        pos = k.end()
        previous: ResolutionSymbol | None = None
        ranged = False
        while True:
            m = _ITEM_RE.match(text, pos)
            if not m:
                break
            organ = _organ(text, k.start(), m.group(), council)
            target = _normalize(m.group(), organ, decision)
            end = m.end()
            extra: list[tuple[str, int]] = []
            if target and organ == "A" and not decision and re.search(r" [A-Z]{1,2}$", target):
                while more := _MORE_PARTS.match(text, end):
                    extra.append((more.group("part"), more.start("part")))
                    end = more.end()
            when = None
            d = _OF_DATE.match(text, end)
            if d:
                dm = DATE.match(text, d.end())
                assert dm is not None  # _OF_DATE looks ahead for a date
                when, end = parse_date(dm), dm.end()
            pinpoint: tuple[str, ...] = ()
            a = _ANNEX.match(text, end)
            if a:
                pinpoint, end = ("annex",), a.end()
            if target is None:
                break
            e = ENTITLED.match(text, end)
            after_title = e.end() if e else end
            if ranged and previous and organ == "A":
                current = ResolutionSymbol.parse(target[len("A/RES/"):]) if not decision else None
                if current and current.session == previous.session and previous.number < current.number <= previous.number + 50:
                    for n in range(previous.number + 1, current.number):
                        yield Found("decision" if decision else "resolution", str(ResolutionSymbol(current.session, n)), m.start(), m.end())
            yield Found("decision" if decision else "resolution", target, m.start(), end, when, pinpoint)
            for part, start in extra:  # "36/87 A and B of 9 December 1981": B is a resolution of its own, of that date
                yield Found("resolution", f"{target.rsplit(' ', 1)[0]} {part}", start, end, when)
            previous = ResolutionSymbol.parse(target[len("A/RES/"):]) if organ == "A" and not decision else None
            j = _JOIN.match(text, after_title)
            if not j or not _ITEM_RE.match(text, j.end()):
                break
            ranged = "to" in j.group()
            pos = j.end()


def documents(text: str) -> Iterator[Found]:
    """Document symbols that are not resolutions (:func:`mapper.core.symbols.find_documents`)."""
    for symbol, start, end in find_documents(text):
        if "/RES/" not in symbol and any(c.isdigit() for c in symbol):
            yield Found("document", symbol, start, end)
