"""Reading a parsed resolution's facts, unit by unit, in document order."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TypeVar

from mapper.core.facts import Citation, Facts, Span
from mapper.core.model import Footnote, Paragraph, Resolution, Subparagraph
from mapper.core.symbols import ResolutionSymbol
from mapper.extract.bodies import BodyFinder
from mapper.extract.citations import ENTITLED, Found, documents, relation, resolutions
from mapper.extract.clauses import Clause, clause_at, clauses
from mapper.extract.events import EventFinder, event_names
from mapper.extract.figures import figures
from mapper.extract.instruments import InstrumentFinder
from mapper.extract.mandates import KINDS, Addressed, chapeau, mandates
from mapper.extract.places import mentions as named_places
from mapper.extract.topics import fields, subjects, topics
from mapper.lexicon.authority import Authorities, authorities
from mapper.lexicon.words import CLAUSE_VERBS
from mapper.parse import parse_bytes

P = TypeVar("P", Paragraph, Subparagraph)

# "the forthcoming Global Digital Compact", "the future pact"; "..., to be adopted at the Summit of the Future"
_FORTHCOMING = re.compile(r"\b(?:forthcoming|future|upcoming|envisaged|proposed|draft|prospective)\s+(?:\w+\s+){0,2}$", re.I)
_TO_BE_ADOPTED = re.compile(r",?\s+(?:to\s+be|that\s+will\s+be|which\s+will\s+be)\s+(?:adopted|agreed|concluded|negotiated)\b")


# "(a) Requesting the Secretary-General to ...", "(b) Inviting Member States to ...": an operative sub-paragraph that
# opens with the participle of a mandate verb asks in its own right.
_GERUNDS = {pre.lower(): lemma for lemma, pre, _ in CLAUSE_VERBS if pre and lemma in KINDS and pre.endswith(("ing", "upon", "on"))}
_GERUND = re.compile(r"(?:also\s+|further\s+)?(?P<verb>" + "|".join(sorted(map(re.escape, _GERUNDS), key=len, reverse=True)).replace(r"\ ", r"\s+") + r")\b", re.I)


def _sub_clause(text: str, verb: str | None) -> Clause:
    """A sub-paragraph's one clause: the chapeau's verb, or the mandate verb it opens with."""
    m = _GERUND.match(text)
    if m:
        return Clause(0, len(text), _GERUNDS[" ".join(m.group("verb").split()).lower()], m.end())
    return Clause(0, len(text), verb, 0)


def _session_of(symbol: str) -> int | None:
    """57 for A/RES/57/295 or A/DEC/57/568; None for another organ's or an old-style symbol."""
    m = re.match(r"A/(?:RES|DEC)/(\d+)/", symbol)
    return int(m.group(1)) if m else None


class _Reader:
    """The state of one resolution's reading: what has been named so far."""

    def __init__(self, tables: Authorities, citing: ResolutionSymbol | None = None) -> None:
        self.tables = tables
        self.citing = citing
        self.bodies = BodyFinder(tables)
        self.events = EventFinder(tables)
        self.instruments = InstrumentFinder(tables)
        self.clauses: dict[str, tuple[Clause, ...]] = {}
        self.warnings: list[str] = []
        self.fields: list[frozenset[str]] = []  # the main fields each unit speaks of, for the resolution's subjects

    def _later(self, session: int | None) -> bool:
        """Whether ``session`` comes after the citing resolution's."""
        return bool(session and self.citing and isinstance(self.citing.session, int) and session > self.citing.session)

    def _resolutions(self, text: str, council: str | None) -> list[Found]:
        """The resolutions and decisions cited: never one of a later session than the citing resolution's."""
        out = []
        for f in resolutions(text, council):
            if self._later(_session_of(f.target)):
                self.warnings.append(f"{f.target} read in {text[f.start:f.end]!r} is of a later session than the "
                                     f"citing resolution: not a citation")
                continue
            out.append(f)
        return out

    def _anticipated(self, text: str, f: Found) -> bool:
        """An instrument not adopted yet: spoken of as forthcoming, or carried by a resolution of a later session."""
        if f.kind != "instrument":
            return False
        if _FORTHCOMING.search(text, max(0, f.start - 40), f.start) or _TO_BE_ADOPTED.match(text, f.end):
            return True
        entry = self.tables.instruments.get(f.target) if f.known else None
        return self._later(_session_of(entry.resolution) if entry and entry.resolution else None)

    def facts(self, uid: str, text: str, unit_clauses: tuple[Clause, ...], addressed: Addressed | None = None,
              operative: bool = False) -> Facts:
        self.clauses[uid] = unit_clauses
        named_events = event_names(text, self.tables)
        # An event's name inside an instrument's title is part of the title ("the Addis Ababa Action Agenda of the
        # Third International Conference on Financing for Development"); the event is still named.
        instruments = self.instruments.find(text, masked=[])
        named = [(h.start, h.end) for h in named_events] + [(i.title_start, i.end) for i in instruments]
        # The title of an agenda item, a report or a resolution ("the item entitled “...”") names no body of its own.
        titles = [m.span("title") for m in ENTITLED.finditer(text)]
        bodies = self.bodies.find(text, masked=named + titles)
        # The instrument in a body's name is part of that name ("Conference of the States Parties to the Convention").
        instruments = [i for i in instruments if not any(
            b.span.start <= i.title_start and i.end <= b.span.end and b.span.end - b.span.start > i.end - i.title_start
            for b in bodies)]
        council = self.bodies.recent.get("the Council")
        found: list[Found] = [*self._resolutions(text, council), *documents(text)]
        found += [Found("instrument", i.key, i.start, i.end, pinpoint=i.pinpoint, name=i.name, known=i.known,
                        anaphoric=i.anaphoric) for i in instruments]
        cites = []
        for f in sorted(found, key=lambda f: (f.start, f.target)):
            verb = clause_at(unit_clauses, f.start).verb
            stance = "anticipates" if self._anticipated(text, f) else relation(verb)
            cites.append(Citation(f.kind, f.target, stance, verb, Span(f.start, f.end), text[f.start:f.end],
                                  f.date, f.pinpoint, f.name, f.known, f.anaphoric))
        events, places = self.events.find(text, bodies, named_events, tuple((i.title_start, i.end) for i in instruments))
        bodies = tuple(replace(b, verb=clause_at(unit_clauses, b.span.start).verb) for b in bodies)
        events = tuple(replace(e, verb=clause_at(unit_clauses, e.span.start).verb) for e in events)
        masks = named + [(b.span.start, b.span.end) for b in bodies] + [(e.span.start, e.span.end) for e in events]
        every_place = [*places, *named_places(text, self.tables, masks)]
        unique_places = tuple(sorted({(p.place, p.span.start): p for p in every_place}.values(), key=lambda p: p.span.start))
        named_instruments = tuple(c for c in cites if c.kind == "instrument")
        self.fields.append(fields(text, self.tables, bodies, named_instruments))
        return Facts(
            citations=tuple(cites),
            bodies=bodies,
            events=events,
            places=unique_places,
            mandates=mandates(text, unit_clauses, bodies, events, self.tables, addressed) if operative else (),
            topics=topics(text, self.tables, bodies, named_instruments),
            figures=figures(text),
        )

    def unit(self, u: P, verb: str | None = None, addressed: Addressed | None = None, operative: bool = False) -> P:
        """A paragraph or sub-paragraph with its facts and its sub-paragraphs' facts.

        A paragraph's clauses are its own; a sub-paragraph continues the clause its
        chapeau ends with ("Requests the Secretary-General: (a) to ..."), and
        takes the chapeau's addressee when the chapeau leaves the action to it
        ("Calls upon all States: (a) Not to recognize ..."). Only the operative part
        gives mandates: "Encouraging States to ..." in the preamble has no force.
        """
        if isinstance(u, Paragraph):
            operative = u.kind == "operative"
            own = clauses(u.text, u.phrase.verb, u.kind == "operative", len(u.phrase.text))
            verb = own[-1].verb
        else:
            own = (_sub_clause(u.text, verb) if operative else Clause(0, len(u.text), verb, 0),)
        facts = self.facts(u.id, u.text, own, addressed, operative)
        if u.subparagraphs and operative:
            addressed = chapeau(u.text, own[-1], facts.bodies, self.tables) or addressed
        return replace(u, facts=facts, subparagraphs=tuple(self.unit(c, verb, addressed, operative) for c in u.subparagraphs))

    def footnote(self, f: Footnote, markers: dict[int, tuple[str, int]]) -> Footnote:
        """A footnote's facts, read in the clause of its first marker (its citations take that clause's verb)."""
        verb = None
        if f.number in markers:
            uid, offset = markers[f.number]
            verb = clause_at(self.clauses[uid], offset).verb
        return replace(f, facts=self.facts(f.id, f.text, (Clause(0, len(f.text), verb, 0),)))


def annotate(r: Resolution, tables: Authorities) -> Resolution:
    """``r`` with the facts of every unit, read with the authority files ``tables``."""
    reader = _Reader(tables, r.symbol)
    preamble = tuple(reader.unit(p) for p in r.preamble)
    operative = tuple(reader.unit(p) for p in r.operative)
    parts = tuple(replace(part, preamble=tuple(reader.unit(p) for p in part.preamble),
                          operative=tuple(reader.unit(p) for p in part.operative)) for part in r.parts)
    first: dict[int, tuple[str, int]] = {}  # the first marker of each footnote: which unit, at which offset
    for u in r.units():
        for m in u.markers:
            first.setdefault(m.number, (u.id, m.offset))
    footnotes = tuple(reader.footnote(f, first) for f in r.footnotes)
    annexes = tuple(
        replace(a, paragraphs=tuple(reader.unit(p) for p in a.paragraphs), footnotes=tuple(reader.footnote(f, first) for f in a.footnotes))
        for a in r.annexes
    )
    return replace(r, preamble=preamble, operative=operative, footnotes=footnotes, annexes=annexes, parts=parts,
                   warnings=r.warnings + tuple(reader.warnings), subjects=subjects(r.title, reader.fields, tables))


def read(data: bytes, path: str, encoding: str | None = None, tables: Authorities | None = None) -> Resolution:
    """One file's bytes to its resolution with facts: :func:`mapper.parse.parse_bytes`, then :func:`annotate`
    with ``tables`` (the packaged authority files by default)."""
    return annotate(parse_bytes(data, path, encoding), tables or authorities())
