"""Bodies named in the text: from the authority file, by the grammar of UN designations, or by a short form.

The passes over a text unit, in this order:

1. names and variants (any case) and acronyms (exact case) of ``bodies.toml``, and the body such a name says it
   belongs to ("the Office for Disarmament Affairs of the Secretariat" names the Secretariat too); a one-word
   name used as a qualifier ("Commonwealth countries") names nothing;
2. the organs of a treaty's parties ("the Conference of the Parties serving as the Meeting of the Parties to the
   Paris Agreement", "the Meeting of States Parties to the Treaty"), not an occurrence of one ("the third Meeting
   of States Parties", "the 2010 Review Conference": events);
3. names of bodies missing from the file, recognized by the usual pattern of
   UN body names: title-case words joined by "of", "on", "for", "and", "the",
   "in", "to", with a head noun (Commission, Committee, Working Group, Fund,
   Partnership, Conference of the Parties ...) last or followed by its
   complement ("Working Group on Y", "Conference of the Parties to the Z"),
   joined to the known body they belong to ("the Regional Forum of the Association of Southeast Asian Nations",
   "the African Union Centre for ..."); never inside an instrument's, event's or quoted title;
4. the designations UN style prints in lower case ("the open-ended working group on ...", "an ad hoc committee on
   ...", "the 2024–2025 group of governmental experts", "the Group of Governmental Experts established pursuant
   to resolution 60/81");
5. short forms ("the Commission", "the Council"), exact case, each resolved to
   the body with that form named most recently before it in the resolution;
   the Assembly is always in context, being the author; a short form with a complement is a name of pass 3;
6. officers of a body ("the Chair of the Peacebuilding Commission", "the Presidents of the Conference on
   Disarmament"), each a body of its own beside the body it serves.

Those missing from the file are kept with ``known=False`` and a key slugged from the name (its first printed form
names it throughout the resolution). "Secretary-General of the International Telecommunication Union" names that
union's officer, not the Secretary-General of the United Nations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cache, lru_cache

from mapper.core.facts import BodyMention, Span
from mapper.core.slugs import slugify
from mapper.extract.gazetteer import Gazetteer, Hit
from mapper.lexicon.authority import GENERAL_ASSEMBLY, SECRETARY_GENERAL, Authorities
from mapper.lexicon.words import ORDINAL_PATTERN, VERB_FORMS


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


_ADJECTIVE = re.compile(r"\s+(?:countries|States|member\s+States|members|citizens|nationals)\b")
_OF_OWNER = re.compile(r"\s+of\s+the\s+")
_OF_THE = re.compile(r"\sof\s+(?:the\s+)?$")
_OFFICER_OF_OTHER = re.compile(r"\s+of\s+the\s+(?!United\s+Nations\b)[A-Z]")

HEADS = (
    "Commission", "Committee", "Council", "Forum", "Group", "Panel", "Programme", "Fund", "Agency",
    "Office", "Organization", "Bank", "Board", "Mechanism", "Task Force", "Partnership", "Alliance",
    "Union", "Network", "Secretariat", "Department", "Institute", "Facility", "Centre", "Authority",
    "Tribunal", "Entity", "Conference of the Parties",
)
_WORD = r"(?:[A-Z][\w’'-]*|\d+)"
_CONNECTOR = r"(?:of|on|for|and|the|in|to|an|a)"
_TITLE_SPAN = re.compile(rf"{_WORD}(?:\s+(?:{_CONNECTOR}\s+)*{_WORD})*")
_HEAD_WORDS = "|".join(h.replace(" ", r"\s+") for h in HEADS)
_HEAD = re.compile(rf"\b(?:{_HEAD_WORDS})\b")
# Words that open a title-case run without belonging to a name.
_NOT_NAME = {"the", "a", "an", "in", "as", "at", "on", "by", "for", "with", "its", "their", "this", "that", "of", "and", "to", "such", "see"}


@lru_cache(maxsize=256)
def _runs(text: str) -> tuple[tuple[int, int], ...]:
    """The title-case runs of ``text`` before any name is masked: the body and the event finders ask for them in
    turn, with masks of their own, so the scan of the whole text is made once."""
    return tuple(m.span() for m in _TITLE_SPAN.finditer(text))


def _masked_runs(text: str, taken: list[tuple[int, int]]) -> Iterable[tuple[int, int]]:
    """The runs of ``text`` with the ``taken`` spans masked: a masked run lies inside a run of the whole text (masking
    takes words away, it adds none), so only the runs a mask touches are scanned again."""
    for rs, re_ in _runs(text):
        inside = [(s, e) for s, e in taken if s < re_ and rs < e]
        if not inside:
            yield rs, re_
            continue
        chars = list(text[rs:re_])
        for s, e in inside:
            a, b = max(s, rs) - rs, min(e, re_) - rs
            chars[a:b] = "\0" * (b - a)
        for m in _TITLE_SPAN.finditer("".join(chars)):
            yield rs + m.start(), rs + m.end()


def title_spans(text: str, taken: list[tuple[int, int]]) -> Iterable[tuple[int, int, str]]:
    """Runs of title-case words that may be names, never across a known name."""
    for ms, me in _masked_runs(text, taken):
        words = list(re.finditer(r"\S+", text[ms:me]))
        while words and (words[0].group().lower() in _NOT_NAME or words[0].group().lower() in VERB_FORMS):
            words.pop(0)
        if len(words) < 2:
            continue
        start, end = ms + words[0].start(), me
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
    return head is not None and (head.end() == len(name) or bool(
        re.match(r"\s+(?:on|for|of|in|to)\s+(?:(?:the|an?)\s+)?[A-Z]", name[head.end():])))


_AND = re.compile(r"\s+and\s+(?:the\s+)?")

# Bodies designated in lower case by what they are for, as UN style prints them: "the open-ended working group on
# the prevention of an arms race in outer space in all its aspects", "an ad hoc committee on nuclear disarmament",
# "the Group of Governmental Experts to consider the role of verification". The designation ends where the
# sentence goes on: a comma, "established", "pursuant", "in 2026", "to be convened", "and to".
_ENDS = (r"(?:established|convened|created|set\s+up|pursuant|mandated|which|that|with\s+a\s+view|at\s+its|at\s+the|"
         r"in\s+\d{4}|for\s+the\s+period|and\s+to|to\s+be|as\s+well|as\s+soon|during|for\s+at\s+least|by|within|"
         r"before|after|from\s+\d|on\s+\d|no\s+later)")
_DESIGNATION = re.compile(
    r"\b(?:the|an?|its)\s+(?:(?:new|consolidated|current|future|proposed|former|existing)\s+)*"
    r"(?P<name>(?:(?:\d{4}[–-]\d{4}|\d{4}|open-ended|ad\s+hoc|high-level|intergovernmental|technical|independent)\s+)*(?:working\s+group|group\s+of\s+(?:governmental\s+|independent\s+|technical\s+|scientific\s+and\s+"
    r"technical\s+)?experts|expert\s+group|ad\s+hoc\s+committee|preparatory\s+committee|subsidiary\s+body|panel\s+of\s+"
    rf"(?:governmental\s+)?experts|high-level\s+panel)\s+(?:on|to|for)\s+(?!at\s+least|a\s+period|\d|one\b|two\b|three\b|several\b)"
    rf"(?:(?!\s{_ENDS}\b)[^,;:()“”\"])+?)"
    rf"(?=\s*[,;:()“”\"]|\s+{_ENDS}\b|\.?$)",
    re.I,
)


# The organs of a treaty's parties: "the Conference of the Parties serving as the Meeting of the Parties to the Paris
# Agreement", "the Meeting of States Parties to the Treaty", "the Conference of the Contracting Parties to the Convention
# on Wetlands". The treaty in the name is part of it (the reader drops it as a citation); a review conference is an event.
_TITLE_WORD = r"(?:[A-Z][\w’'‑-]*|\d{4})"
_PARTIES = re.compile(
    r"(?<!Review )(?<!Extension )\b(?P<name>(?:Conference|Meeting|Assembly)s?\s+of\s+(?:the\s+)?(?:States\s+|Contracting\s+|"
    r"High\s+Contracting\s+)?Parties(?:\s+serving\s+as\s+the\s+Meetings?\s+of\s+the\s+Parties)?\s+to\s+(?:the\s+)?"
    rf"{_TITLE_WORD}(?:\s+(?:(?:of|on|the|and|for|in|to|an?)\s+)*{_TITLE_WORD})*)"
)


_HELD = re.compile(rf"\s+(?:in|at)\s+(?P<where>{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,2}})$")
_NTH = re.compile(rf"\b(?:{ORDINAL_PATTERN}|\d+(?:st|nd|rd|th)|\d{{4}})\s+(?:(?:and|,)\s+(?:{ORDINAL_PATTERN})\s+)*$", re.I)


def _parties(text: str, taken: list[tuple[int, int]], tables: Authorities) -> Iterable[tuple[int, int, str]]:
    if "Parties" not in text:
        return
    for m in _PARTIES.finditer(text):
        s, e = m.span("name")
        if any(ts < e and s < te for ts, te in taken) or m.group("name").startswith("Meetings"):
            continue
        if _NTH.search(text, max(0, s - 40), s):
            continue  # "the third Meeting of States Parties to the Treaty": an occurrence, an event
        held = _HELD.search(text, s, e)
        key = tables.place_names.get(held.group("where")) if held else None
        if held and (key is None or tables.places[key].kind in ("city", "country")):
            e = held.start()  # "... to the Paris Agreement in Baku": where it met, not its name
        yield s, e, text[s:e]


# A designation that a year or a kind makes specific needs no complement: "the 2024–2025 group of governmental
# experts", "the open-ended technical expert group"; nor does one named by its founding resolution: "the Group of
# Governmental Experts established pursuant to resolution 60/81".
_BARE = re.compile(
    r"\b(?:the|an?|its)\s+(?P<name>(?:\d{4}[–-]\d{4}|\d{4}|open-ended\s+technical|technical)\s+(?:working\s+group|group\s+of\s+"
    r"(?:governmental\s+)?experts|expert\s+group|ad\s+hoc\s+committee|preparatory\s+committee)"
    r"|group\s+of\s+(?:independent\s+)?eminent\s+persons"
    r"|(?:open-ended\s+working\s+group|group\s+of\s+governmental\s+experts|working\s+group|ad\s+hoc\s+committee)\s+established\s+"
    r"(?:pursuant\s+to|by|under)\s+(?:General\s+Assembly\s+|its\s+)?resolution\s+\d+/\d+(?-i:\s+[A-Z]{1,2}\b)?)(?![\w-])",
    re.I,
)


_DESIGNATION_WORDS = ("group", "committee", "body", "panel")


def _designations(text: str, taken: list[tuple[int, int]]) -> Iterable[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    lowered = text.lower()
    if not any(w in lowered for w in _DESIGNATION_WORDS):
        return found  # the common case, found without a regex
    for m in _DESIGNATION.finditer(text):
        s, e = m.span("name")
        if len(m.group("name").split()) >= 4 and not any(ts < e and s < te for ts, te in taken):
            found.append((s, e, m.group("name")))
    for m in _BARE.finditer(text):
        s, e = m.span("name")
        if not any(ts < e and s < te for ts, te in taken + [(a, b) for a, b, _ in found]):
            found.append((s, e, m.group("name")))
    return sorted(found)


# A conference held once is an event, not a body: "the 2010 Review Conference of the Parties to the Treaty".
_OCCURRENCE = re.compile(r"\bReview(?:\s+and\s+Extension)?\s+Conference\b|^\d{4}\b")


def _unknown(text: str, taken: list[tuple[int, int]]) -> Iterable[tuple[int, int, str]]:
    for start, _end, name in title_spans(text, taken):
        digits = re.match(r"(?:\d+\s+(?:and\s+)?)+(?=[A-Z])", name)
        if digits and not re.match(r"\d{4}\s", name):  # "65/7 and Council resolution": the end of a symbol
            start, name = start + digits.end(), name[digits.end():]
        if not headed(name, _HEAD) or _OCCURRENCE.search(name):
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


# Officers of a body: "the Chair of the Peacebuilding Commission", "the Prosecutor of the International Criminal
# Court", "the current President and the incoming President of the Conference on Disarmament".
_TITLE = (r"(?P<title>Chair(?:person|man)?s?|Chairmen|Co-Chairs?|Vice-Chair(?:person)?s?|Presidents?|Prosecutor|Registrar|"
          r"Director[- ]General|Executive\s+(?:Director|Secretary)|Secretary[- ]General|High\s+Commissioner|Special\s+"
          r"(?:Coordinator|Rapporteur|Envoy|Representative)|Administrator)")
_OFFICER_BEFORE = re.compile(rf"\b{_TITLE}\s+of\s+(?:the\s+)?$")
_ANY_TITLE = re.compile(rf"\b{_TITLE}\s+of\s")


def _officer_name(title: str, body: str) -> str:
    title = " ".join(title.split())
    title = {"Presidents": "President", "Co-Chairs": "Co-Chair", "Vice-Chairs": "Vice-Chair", "Chairs": "Chair",
             "Chairpersons": "Chairperson", "Chairmen": "Chairman"}.get(title, title)
    return f"{title} of the {body}"


class BodyFinder:
    """Finds bodies in the units of one resolution, read in order (short forms look back)."""

    def __init__(self, tables: Authorities) -> None:
        self.tables = tables
        self.recent: dict[str, str] = {"the Assembly": GENERAL_ASSEMBLY}
        self.names: dict[str, str] = {}  # the first printed form of each name missing from the file, by key

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
            if _ADJECTIVE.match(text, hit.end) and " " not in hit.text:
                continue  # "Commonwealth countries", "Union member States": a qualifier, not the body
            if not any(h.start < hit.end and hit.start < h.end for h in hits):
                hits.append(hit)
        # "the Office for Disarmament Affairs of the Secretariat", "the Board of Governors of the International Atomic
        # Energy Agency": the body a name says it belongs to is named too.
        owners = [inner for h in hits for inner in _names(self.tables).finditer(text, h.start + 1, h.end)
                  if inner.end == h.end and _OF_THE.search(text, h.start, inner.start) and inner.value != h.value]
        owners += [inner for h in hits for inner in _acronyms(self.tables).finditer(text, h.start + 1, h.end)
                   if inner.end == h.end and _OF_THE.search(text, h.start, inner.start) and inner.value != h.value]
        taken = [(h.start, h.end) for h in hits]
        hits += owners
        shorts = [h for h in _shorts(self.tables).finditer(text) if not any(s < h.end and h.start < e for s, e in taken)]
        unknown = [BodyMention(slugify(name), name, False, Span(s, e), name) for s, e, name in _parties(text, taken, self.tables)]
        for s, e, name in _unknown(text, taken + list(masked) + [(u.span.start, u.span.end) for u in unknown]):
            inside = [h for h in shorts if s < h.end and h.start < e]
            # A short form with a complement is a name missing from the file ("the Committee on World Food
            # Security"); a name that ends in a short form is that form and its officer or owner ("Chair of the
            # Working Group"), read by the short form.
            if inside and not all(h.start + 4 <= s and e > h.end for h in inside):
                continue
            if "-" in name and name.rsplit("-", 1)[1] in _names(self.tables):
                continue  # "United Nations-African Union partnership": two bodies as one qualifier
            shorts = [h for h in shorts if h not in inside]
            unknown.append(BodyMention(slugify(name), name, False, Span(s, e), name))
        for s, e, name in _designations(text, taken + list(masked) + [(u.span.start, u.span.end) for u in unknown]):
            shorts = [h for h in shorts if not (s < h.end and h.start < e)]
            unknown.append(BodyMention(slugify(name), name, False, Span(s, e), name))
        for i, u in enumerate(unknown):  # "the Regional Forum of the Association of Southeast Asian Nations": its own organ
            of = _OF_OWNER.match(text, u.span.end)
            owner = next((h for h in hits if of and h.start == of.end()), None)
            short = next((h for h in shorts if of and h.start == of.end() - 4 and h.value in self.recent), None)
            if owner is not None:
                name = text[u.span.start:owner.end]
                unknown[i] = BodyMention(slugify(name), name, False, Span(u.span.start, owner.end), name)
            elif short is not None:  # "the Advisory Group of the Fund": of the body the short form reads back to
                name = f"{u.name} of the {table[self.recent[short.value]].name}"
                unknown[i] = BodyMention(slugify(name), name, False, Span(u.span.start, short.end), text[u.span.start:short.end])
        for i, u in enumerate(unknown):  # "African Union Centre for Post-Conflict Reconstruction": a body's own unit
            before = next((h for h in hits if h.end + 1 == u.span.start and text[h.end] == " "), None)
            if before is not None:
                name = text[before.start:u.span.end]
                unknown[i] = BodyMention(slugify(name), name, False, Span(before.start, u.span.end), name)
        events: list[tuple[int, Hit[str]]] = [(h.start, h) for h in hits]
        events += [(h.start, h) for h in shorts]
        out: list[BodyMention] = []
        officers: list[BodyMention] = []
        for _, item in sorted(events, key=lambda x: x[0]):
            if item.value in table:  # a name or acronym
                out.append(BodyMention(item.value, table[item.value].name, True, Span(item.start, item.end), item.text))
                self._remember(item.value)
            elif item.value in self.recent:  # a short form with an antecedent
                key = self.recent[item.value]
                out.append(BodyMention(key, table[key].name, True, Span(item.start, item.end), item.text, anaphoric=True))
        for b in out + unknown if _ANY_TITLE.search(text) else ():
            title = _OFFICER_BEFORE.search(text, max(0, b.span.start - 40), b.span.start)
            if title and not any(h.start <= title.start() < h.end for h in hits):
                name = _officer_name(title.group("title"), b.name)
                officers.append(BodyMention(slugify(name), name, False, Span(title.start(), b.span.end), text[title.start():b.span.end]))
        # A name missing from the file is one body however it is capitalized: the first printed form names it.
        found = [replace(b, name=self.names.setdefault(b.body, b.name)) if not b.known else b for b in out + unknown + officers]
        return tuple(sorted(found, key=lambda b: b.span.start))
