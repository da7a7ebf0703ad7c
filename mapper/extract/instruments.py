"""Instruments cited by name: treaties, conventions, charters, declarations, programmes of action, agendas.

Resolutions cite most of the law and policy they build on by title, not by symbol
("the Treaty on the Non-Proliferation of Nuclear Weapons", "the Rome Statute",
"the Helsinki Final Act", "the 2030 Agenda"). Three passes over a text unit:

1. names and variants (any case) and acronyms (exact case) of ``instruments.toml``;
   a variant with ``requires`` only where the unit also matches that pattern;
2. short forms ("the Treaty", "the Convention", "the Charter"), exact case, each
   resolved to the instrument with that form named most recently in the
   resolution; a short form with no antecedent names nothing;
3. titles missing from the file, by the grammar of instrument titles: title-case
   words around a head noun (Treaty, Convention, Covenant, Charter, Statute,
   Protocol, Agreement, Memorandum, Final Act, Declaration, Programme of Action,
   Agenda, Framework, Code of Conduct, Final Document), the head first with its
   complement ("Treaty on Friendship, Cooperation and Partnership between ...",
   "Treaty of Tlatelolco") or last ("Budapest Memorandum"). They are kept with
   ``known=False`` and a key slugged from the title.

The parts cited go to the pinpoint: "paragraphs 35 to 37 of the Tunis Agenda"
(paragraph numbers), "article VI of the Treaty", "paragraph 4 of article 2 of the
Charter" ("article 2, paragraph 4"), "annex II to the Convention".

An instrument is a document: it is never a body or an event, and a body's name is
never cut out of its title (the reader masks these spans before looking for
bodies). The reverse holds too: the instrument in the name of a body ("the
Conference of the States Parties to the Chemical Weapons Convention") is part of
that name, not a citation; the reader drops it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from mapper.core.slugs import slugify
from mapper.extract.gazetteer import Gazetteer, Hit
from mapper.lexicon.authority import Authorities


@dataclass(frozen=True, slots=True)
class Named:
    """An instrument named in a unit, before its clause is known."""

    key: str
    name: str
    known: bool
    start: int  # the cited part's words included ("article VI of the ...")
    end: int
    title_start: int  # where the name itself starts
    anaphoric: bool = False
    pinpoint: tuple[str, ...] = ()


@cache
def _names(tables: Authorities) -> Gazetteer[str]:
    entries = [(n, i.key) for i in tables.instruments.values() for n in (i.name, *i.variants)]
    return Gazetteer(entries, case=False)


# The short forms of instruments missing from the file: the head noun after "the", capitalized.
SHORTS = ("the Treaty", "the Convention", "the Covenant", "the Statute", "the Protocol", "the Agreement",
          "the Memorandum", "the Declaration", "the Final Act")


@cache
def _exact(tables: Authorities) -> Gazetteer[str]:
    """Acronyms (to the instrument's key) and short forms (to themselves: they resolve by recency)."""
    values = tables.instruments.values()
    shorts = {s for i in values for s in i.short} | set(SHORTS)
    return Gazetteer([(a, i.key) for i in values for a in i.acronyms] + [(s, s) for s in sorted(shorts)], case=True)


_ROMAN_OR_NUMBER = r"(?:[IVXL]+|\d+(?:\s*\([a-z0-9]+\))?)"
_LIST = rf"{_ROMAN_OR_NUMBER}(?:\s*(?:,|and|to|-|–)\s*{_ROMAN_OR_NUMBER})*"
# "paragraphs 35 to 37 and 67 to 72 of the", "paragraph 71 of the"
_PARAGRAPHS = re.compile(r"\b[Pp]aragraphs?\s+(?P<list>\d+(?:\s*(?:,|and|to|-|–)\s*\d+)*)\s+of\s+(?:the\s+)?$")
# "article VI of the", "articles I and II of the", "paragraph 4 of article 2 of the", "article 2, paragraph 4, of the",
# "annex II to the", "Protocol I to the"
_PARTS = re.compile(
    rf"\b(?:(?P<para>paragraphs?\s+{_LIST})\s+of\s+)?(?P<kind>[Aa]rticles?|[Aa]nnex(?:es)?|Protocols?|[Ss]ections?|[Cc]hapters?)\s+"
    rf"(?P<list>{_LIST})(?:,\s+(?P<para2>paragraphs?\s+{_LIST}),)?\s+(?:of|to)\s+(?:the\s+)?$"
)

HEADS = (
    "Treaty", "Convention", "Covenant", "Charter", "Statute", "Protocol", "Agreement", "Memorandum", "Final Act",
    "Declaration", "Programme of Action", "Plan of Action", "Agenda", "Framework", "Code of Conduct", "Final Document",
    "Pact", "Compact", "Consensus", "Platform for Action",
)
_HEAD = "|".join(h.replace(" ", r"\s+") for h in sorted(HEADS, key=len, reverse=True))
# A capitalized word (a hyphen the extraction spaced, "Nuclear- Weapon-Free", stays in it), a bracketed one
# ("(Biological)"), or a year.
_CAP = r"(?:[A-Z][\w’']*(?:[-‐‑]\s?[\w’']+)*|\([A-Z][\w’'-]*\)|\d{4}(?:[-–]\d{4})?)"
_LINK = r"(?:of|on|for|and|or|the|in|to|between|against|concerning|relating|including|its|their|a|an)"
# A head with its complement: "Treaty on Friendship, Cooperation and Partnership between Ukraine and the Russian
# Federation", "Convention on the Prohibition of ... and on Their Destruction", "Treaty of Tlatelolco".
# Found from the head out (the heads are rare, a pattern that opened with the words before them would be tried
# at every position): up to four capitalized words before it, then its complement.
_HEAD_WORD = re.compile(rf"\b(?:{_HEAD})\b")
_PRE = re.compile(rf"(?:{_CAP}\s+){{1,4}}$")
_TAIL = re.compile(rf"(?:(?:\s+{_LINK})+\s+{_CAP}(?:(?:,\s+|\s+(?:{_LINK}\s+)*){_CAP})*)?")
_ENTITLED = re.compile(r"\bentitled\s+[“\"‘']?$")
# Words that open a title-case run without belonging to a title.
_NOT_TITLE = {"the", "a", "an", "its", "their", "this", "that", "such", "and", "of", "in", "to", "on", "for", "by", "with"}


_PART_WORDS = ("paragraph", "article", "annex", "protocol", "section", "chapter")


def _pinpoint(text: str, start: int) -> tuple[int, tuple[str, ...]]:
    """The part cited just before an instrument's name starting at ``start``, and where its words start."""
    window = max(0, start - 90)
    before = text[window:start].lower()
    if not any(w in before for w in _PART_WORDS):
        return start, ()
    m = _PARAGRAPHS.search(text, window, start)
    if m:
        return m.start(), _paragraph_numbers(m.group("list"))
    m = _PARTS.search(text, window, start)
    if not m:
        return start, ()
    kind = m.group("kind").lower().rstrip("s")
    kind = "annex" if kind.startswith("annex") else kind
    items = [f"{kind} {n}" for n in re.split(r"\s*(?:,|and)\s*", m.group("list")) if n]
    for para in (m.group("para"), m.group("para2")):
        if para and len(items) == 1:
            items = [f"{items[0]}, paragraph {p}" for p in re.split(r"\s*(?:,|and)\s*", para.split(None, 1)[1]) if p]
    return m.start(), tuple(items)


def _paragraph_numbers(listing: str) -> tuple[str, ...]:
    """"35 to 37 and 67" -> ("35", "36", "37", "67")."""
    numbers: list[int] = []
    for part in re.split(r"\s*(?:,|and)\s*", listing):
        bounds = re.split(r"\s*(?:to|-|–)\s*", part)
        if len(bounds) == 2 and int(bounds[0]) < int(bounds[1]) <= int(bounds[0]) + 200:
            numbers += range(int(bounds[0]), int(bounds[1]) + 1)
        else:
            numbers += [int(b) for b in bounds if b]
    return tuple(str(n) for n in numbers)


def _unknown(text: str, taken: list[tuple[int, int]], tables: Authorities) -> Iterator[tuple[int, int, str]]:
    """Instrument titles missing from the file: a head noun in title case, with its complement."""
    done = 0
    for h in _HEAD_WORD.finditer(text):
        if h.start() < done:
            continue  # a head inside the complement of the title before
        pre = _PRE.search(text, max(done, h.start() - 120), h.start())
        t = _TAIL.match(text, h.end())
        assert t is not None  # it matches the empty string
        tail = t.group()
        done = t.end()
        words = list(re.finditer(r"\S+", pre.group())) if pre else []
        while words and words[0].group().lower() in _NOT_TITLE:
            words.pop(0)
        start = pre.start() + words[0].start() if pre and words else h.start()
        end = h.end()
        if tail:  # a complement ends at its last capitalized word or year: "... between Ukraine and the Russian Federation"
            last = list(re.finditer(_CAP, tail))
            end = t.start() + last[-1].end() if last else h.end()
        if start == h.start() and not tail:
            continue  # a bare head noun ("the Treaty") is a short form, not a title
        if not tail and re.match(r"\s+[A-Z]", text[h.end():]):
            continue  # the head qualifies a noun: "the Digital Agenda Assemblies", "the Treaty Organization"
        if _ENTITLED.search(text, max(0, start - 30), start):
            continue  # "his report entitled “Our Common Agenda”": the title of that report, no instrument
        title = text[start:end]
        while (comma := title.rfind(", ")) > 0 and not re.search(rf"\s{_LINK}\s", title[comma:]):
            title = title[:comma]  # "..., Final Document", "..., Zimbabwe": a comma ends a title unless the words go on
        end = start + len(title)
        place = re.search(r"\s+(?:in|at)\s+(?P<where>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)$", text[start:end])
        key = tables.place_names.get(place.group("where")) if place else None
        if place and (key is None or tables.places[key].kind in ("city", "country")):
            end = start + place.start()  # "the Treaty in New York", "signed at Moscow": where, not the title
            # (a zone's region stays: "Treaty on a Nuclear-Weapon-Free Zone in Central Asia")
        if text[start].islower() or any(s < end and start < e for s, e in taken):
            continue
        # "the Convention on the Rights of the Child and the Convention on the Elimination of ...": two titles.
        at = start
        for a in _AND.finditer(text, start, end):
            if _HEADED.match(text[a.end():end]) and _HEADED.search(text[at:a.start()]):
                yield at, a.start(), text[at:a.start()]
                at = a.end()
        yield at, end, text[at:end]


# A second title takes its own article: "... of the Child and the Convention on ...", "..., and the Programme of
# Action of ..."; "the Durban Declaration and Programme of Action" is one title.
_AND = re.compile(r"(?:,\s+and|\s+and\s+the)\s+(?=[A-Z\d])")
_HEADED = re.compile(rf"(?:{_CAP}\s+){{0,4}}(?:{_HEAD})\b")


_TREATIES_OF = re.compile(r"\bTreaties\s+of\s+(?P<list>[A-Z][\w’'-]+(?:\s*,\s*[A-Z][\w’'-]+)*(?:,?\s+and\s+[A-Z][\w’'-]+)?)")


class InstrumentFinder:
    """Finds instruments in the units of one resolution, read in order (short forms look back)."""

    def __init__(self, tables: Authorities) -> None:
        self.tables = tables
        self.recent: dict[str, tuple[str, str, bool]] = {}  # short form -> (key, name, known)
        self.names: dict[str, str] = {}  # the first printed form of each title missing from the file, by key

    def find(self, text: str, masked: list[tuple[int, int]]) -> list[Named]:
        table = self.tables.instruments
        found: list[Named] = []

        def free(start: int, end: int) -> bool:
            return not any(f.start < end and start < f.end for f in found) and not any(s < end and start < e for s, e in masked)

        for hit in [*_names(self.tables).finditer(text), *_exact(self.tables).finditer(text)]:
            if hit.value not in table or not free(hit.start, hit.end):
                continue
            entry = table[hit.value]
            if entry.requires and not re.search(entry.requires, text):
                continue
            start, pinpoint = _pinpoint(text, hit.start)
            found.append(Named(entry.key, entry.name, True, start, hit.end, hit.start, pinpoint=pinpoint))
        for m in _TREATIES_OF.finditer(text):  # "the Treaties of Tlatelolco, Rarotonga, Bangkok and Pelindaba"
            for place in re.finditer(r"[A-Z][\w’'-]+", m.group("list")):
                key = _names(self.tables).get(f"Treaty of {place.group()}")
                start = m.start("list") + place.start()
                if key and free(start, start + len(place.group())):
                    entry = table[key]
                    found.append(Named(key, entry.name, True, start, start + len(place.group()), start))
        for start, end, name in _unknown(text, [(f.start, f.end) for f in found] + masked, self.tables):
            words = name.split()
            if len(words) < 2 or slugify(name) in table:
                continue  # a known title whose context its entry requires ("the Headquarters Agreement"): not sure which
            begin, pinpoint = _pinpoint(text, start)
            key = slugify(name)
            found.append(Named(key, self.names.setdefault(key, name), False, begin, end, start, pinpoint=pinpoint))
        found.sort(key=lambda f: f.start)
        shorts = [h for h in _exact(self.tables).finditer(text) if h.value not in table and free(h.start, h.end)]
        out: list[Named] = []
        items: list[Named | Hit[str]] = [*found, *shorts]
        for item in sorted(items, key=lambda x: x.start):
            if isinstance(item, Named):
                out.append(item)
                self._remember(item)
                continue
            antecedent = self.recent.get(item.text)
            if antecedent:
                key, name, known = antecedent
                start, pinpoint = _pinpoint(text, item.start)
                out.append(Named(key, name, known, start, item.end, item.start, anaphoric=True, pinpoint=pinpoint))
        return out

    def _remember(self, item: Named) -> None:
        entry = self.tables.instruments.get(item.key)
        forms = entry.short if entry and item.known else (_short_of(item.name),)
        for form in forms:
            if form:
                self.recent[form] = (item.key, item.name, item.known)


def _short_of(title: str) -> str | None:
    """The short form a title missing from the file is referred back to by: "the Treaty" for "Treaty on ..."."""
    for head in ("Treaty", "Convention", "Covenant", "Charter", "Statute", "Protocol", "Agreement", "Memorandum", "Declaration"):
        if re.search(rf"\b{head}\b", title):
            return f"the {head}"
    return None
