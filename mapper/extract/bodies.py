"""Bodies named in the text: from the authority file, by pattern, or by a short form.

Three passes over a text unit, in this order:

1. names and variants (any case) and acronyms (exact case) of ``bodies.toml``;
2. short forms ("the Commission", "the Council"), exact case, each resolved to
   the body with that form named most recently before it in the resolution;
   the Assembly is always in context, being the author;
3. names of bodies missing from the file, recognized by the usual pattern of
   UN body names: title-case words joined by "of", "on", "for", "and", "the",
   "in", "to", with a head noun (Commission, Committee, Working Group, Fund,
   Partnership, Conference of the Parties ...) last or followed by its
   complement ("Working Group on Y", "Conference of the Parties to the Z").
   They are kept with ``known=False`` and a key slugged from the name.

"Secretary-General of the International Telecommunication Union" names that
union's officer, not the Secretary-General of the United Nations: the union
is a mention, the title is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from mapper.core.facts import BodyMention, Span
from mapper.core.slugs import slugify
from mapper.extract.gazetteer import Gazetteer, Hit
from mapper.lexicon.authority import GENERAL_ASSEMBLY, SECRETARY_GENERAL, Authorities
from mapper.lexicon.words import VERB_FORMS


def _all_names(tables: Authorities) -> list[tuple[str, str]]:
    return [(n, b.key) for b in tables.bodies.values() for n in (b.name, *b.variants)]


@cache
def _names(tables: Authorities) -> Gazetteer[str]:
    """Names of two words or more, in any case ("High-Level Panel", "working group on ...")."""
    return Gazetteer(((n, k) for n, k in _all_names(tables) if " " in n), case=False)


@cache
def _acronyms(tables: Authorities) -> Gazetteer[str]:
    """Acronyms and one-word names, exact case: "Secretariat" is not "the secretariat of the Forum"."""
    entries = [(a, b.key) for b in tables.bodies.values() for a in b.acronyms]
    return Gazetteer(entries + [(n, k) for n, k in _all_names(tables) if " " not in n], case=True)


@cache
def _shorts(tables: Authorities) -> Gazetteer[str]:
    forms = {s for b in tables.bodies.values() for s in b.short}
    return Gazetteer(((s, s) for s in forms), case=True)


_OFFICER_OF_OTHER = re.compile(r"\s+of\s+the\s+(?!United\s+Nations\b)[A-Z]")

HEADS = (
    "Commission", "Committee", "Council", "Forum", "Group", "Panel", "Programme", "Fund", "Agency",
    "Office", "Organization", "Bank", "Board", "Mechanism", "Task Force", "Partnership", "Alliance",
    "Union", "Network", "Secretariat", "Department", "Institute", "Facility", "Centre", "Authority",
    "Tribunal", "Entity", "Conference of the Parties",
)
_WORD = r"(?:[A-Z][\w’'-]*|\d+)"
_CONNECTOR = r"(?:of|on|for|and|the|in|to)"
_TITLE_SPAN = re.compile(rf"{_WORD}(?:\s+(?:{_CONNECTOR}\s+)*{_WORD})*")
_HEAD_WORDS = "|".join(h.replace(" ", r"\s+") for h in HEADS)
_HEAD = re.compile(rf"\b(?:{_HEAD_WORDS})\b")
# Words that open a title-case run without belonging to a name.
_NOT_NAME = {"the", "a", "an", "in", "as", "at", "on", "by", "for", "with", "its", "their", "this", "that", "of", "and", "to", "such", "see"}


def title_spans(text: str, taken: list[tuple[int, int]]) -> Iterable[tuple[int, int, str]]:
    """Runs of title-case words that may be names, never across a known name."""
    chars = list(text)
    for s, e in taken:
        chars[s:e] = "\0" * (e - s)
    for m in _TITLE_SPAN.finditer("".join(chars)):
        words = list(re.finditer(r"\S+", m.group()))
        while words and (words[0].group().lower() in _NOT_NAME or words[0].group().lower() in VERB_FORMS):
            words.pop(0)
        if len(words) < 2:
            continue
        start, end = m.start() + words[0].start(), m.end()
        place = re.search(r"\s+in\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*$", text[start:end])
        if place and re.match(r",?\s+(?:from|on|in)\s+\d|,\s+[A-Z]", text[end:]):
            end = start + place.start()
        yield start, end, text[start:end]


def last_match(matches):
    last = None
    for last in matches:  # noqa: B007 - the loop keeps the last match
        pass
    return last


def headed(name: str, heads: re.Pattern[str]) -> bool:
    """Whether the name's last head noun ends it or is followed by its complement."""
    head = last_match(heads.finditer(name))
    return head is not None and (head.end() == len(name) or bool(re.match(r"\s+(?:on|for|of|in|to)\s", name[head.end():])))


_AND = re.compile(r"\s+and\s+(?:the\s+)?")


def _unknown(text: str, taken: list[tuple[int, int]]) -> Iterable[tuple[int, int, str]]:
    for start, _end, name in title_spans(text, taken):
        if not headed(name, _HEAD):
            continue
        # "the International Fund for Agricultural Development and the World Food Programme" is two
        # bodies; "Commission on Science and Technology for Development" one: split where both sides are names.
        pieces, at = [], 0
        for m in _AND.finditer(name):
            left, right = name[at:m.start()], name[m.end():]
            if headed(left, _HEAD) and headed(right, _HEAD) and len(left.split()) > 1:
                pieces.append((at, m.start()))
                at = m.end()
        pieces.append((at, len(name)))
        for s, e in pieces:
            if len(name[s:e].split()) > 1:
                yield start + s, start + e, name[s:e]


class BodyFinder:
    """Finds bodies in the units of one resolution, read in order (short forms look back)."""

    def __init__(self, tables: Authorities) -> None:
        self.tables = tables
        self.recent: dict[str, str] = {"the Assembly": GENERAL_ASSEMBLY}

    def _remember(self, key: str) -> None:
        body = self.tables.bodies.get(key)
        for form in body.short if body else ():
            self.recent[form] = key

    def find(self, text: str, masked: Iterable[tuple[int, int]] = ()) -> tuple[BodyMention, ...]:
        table = self.tables.bodies
        hits: list[Hit[str]] = []
        for hit in [*_names(self.tables).finditer(text), *_acronyms(self.tables).finditer(text)]:
            if hit.value == SECRETARY_GENERAL and _OFFICER_OF_OTHER.match(text, hit.end):
                continue
            if not any(h.start < hit.end and hit.start < h.end for h in hits):
                hits.append(hit)
        taken = [(h.start, h.end) for h in hits]
        shorts = [h for h in _shorts(self.tables).finditer(text) if not any(s < h.end and h.start < e for s, e in taken)]
        unknown = []
        for s, e, name in _unknown(text, taken + list(masked)):
            inside = [h for h in shorts if s < h.end and h.start < e]
            # A short form with a complement is a name missing from the file ("the Committee on World Food
            # Security"); a name that ends in a short form is that form and its officer or owner ("Chair of the
            # Working Group"), read by the short form.
            if inside and not all(h.start + 4 <= s and e > h.end for h in inside):
                continue
            shorts = [h for h in shorts if h not in inside]
            unknown.append(BodyMention(slugify(name), name, False, Span(s, e), name))
        events: list[tuple[int, Hit[str]]] = [(h.start, h) for h in hits]
        events += [(h.start, h) for h in shorts]
        out: list[BodyMention] = []
        for _, item in sorted(events, key=lambda x: x[0]):
            if item.value in table:  # a name or acronym
                out.append(BodyMention(item.value, table[item.value].name, True, Span(item.start, item.end), item.text))
                self._remember(item.value)
            elif item.value in self.recent:  # a short form with an antecedent
                key = self.recent[item.value]
                out.append(BodyMention(key, table[key].name, True, Span(item.start, item.end), item.text, anaphoric=True))
        return tuple(sorted(out + unknown, key=lambda b: b.span.start))
