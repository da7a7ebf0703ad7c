"""Reading a parsed resolution's facts, unit by unit, in document order."""


from __future__ import annotations

from dataclasses import replace

from mapper.core.facts import Citation, Facts, Span
from mapper.core.model import Footnote, Paragraph, Resolution, Subparagraph
from mapper.parse import parse_bytes
from mapper.extract.bodies import BodyFinder
from mapper.extract.citations import Found, documents, outcomes, relation, resolutions
from mapper.extract.clauses import Clause, clause_at, clauses
from mapper.extract.events import EventFinder, event_names
from mapper.extract.figures import figures
from mapper.extract.mandates import mandates
from mapper.extract.topics import topics

class _Reader:
    """The state of one resolution's reading: what has been named so far."""

    def __init__(self) -> None:
        self.bodies = BodyFinder()
        self.events = EventFinder()
        self.clauses: dict[str, tuple[Clause, ...]] = {}

    def facts(self, uid: str, text: str, unit_clauses: tuple[Clause, ...]) -> Facts:
        self.clauses[uid] = unit_clauses
        named_outcomes = list(outcomes(text))
        named_events = event_names(text)
        named = [(h.start, h.end) for h in named_events] + [(f.start, f.end) for f in named_outcomes]
        bodies = self.bodies.find(text, masked=named)
        council = self.bodies.recent.get("the Council")
        found: list[Found] = [*resolutions(text, council), *documents(text), *named_outcomes]
        cites = []
        for f in sorted(found, key=lambda f: (f.start, f.target)):
            verb = clause_at(unit_clauses, f.start).verb
            cites.append(Citation(f.kind, f.target, relation(verb), verb, Span(f.start, f.end), text[f.start:f.end],
                                  f.date, f.pinpoint))
        events, places = self.events.find(text, bodies, named_events)
        bodies = tuple(replace(b, verb=clause_at(unit_clauses, b.span.start).verb) for b in bodies)
        events = tuple(replace(e, verb=clause_at(unit_clauses, e.span.start).verb) for e in events)
        unique_places = tuple({(p.place, p.span.start): p for p in places}.values())
        return Facts(
            citations=tuple(cites),
            bodies=bodies,
            events=events,
            places=unique_places,
            mandates=mandates(text, unit_clauses, {c.start: c.verb_end for c in unit_clauses}, bodies, events),
            topics=topics(text, bodies, tuple(c for c in cites if c.kind == "outcome")),
            figures=figures(text),
        )

    def paragraph(self, p: Paragraph) -> Paragraph:
        own = clauses(p.text, p.phrase.verb, p.kind == "operative", len(p.phrase.text))
        facts = self.facts(p.id, p.text, own)
        verb = own[-1].verb
        return replace(p, facts=facts, subparagraphs=tuple(self.sub(s, verb) for s in p.subparagraphs))

    def sub(self, s: Subparagraph, verb: str | None) -> Subparagraph:
        own = (Clause(0, len(s.text), verb, 0),)
        return replace(s, facts=self.facts(s.id, s.text, own), subparagraphs=tuple(self.sub(c, verb) for c in s.subparagraphs))

    def footnote(self, f: Footnote, markers: dict[int, tuple[str, int]]) -> Footnote:
        verb = None
        if f.number in markers:
            uid, offset = markers[f.number]
            verb = clause_at(self.clauses[uid], offset).verb
        return replace(f, facts=self.facts(f"footnote_{f.number}", f.text, (Clause(0, len(f.text), verb, 0),)))


def _markers(units) -> dict[int, tuple[str, int]]:
    """The first marker of each footnote: which unit, at which offset."""
    out: dict[int, tuple[str, int]] = {}
    for u in units:
        for m in u.markers:
            out.setdefault(m.number, (u.id, m.offset))
        out.update({k: v for k, v in _markers(u.subparagraphs).items() if k not in out})
    return out


def annotate(r: Resolution) -> Resolution:
    reader = _Reader()
    preamble = tuple(reader.paragraph(p) for p in r.preamble)
    operative = tuple(reader.paragraph(p) for p in r.operative)
    markers = _markers((*r.preamble, *r.operative))
    footnotes = tuple(reader.footnote(f, markers) for f in r.footnotes)
    return replace(r, preamble=preamble, operative=operative, footnotes=footnotes)


def read(data: bytes, path: str, encoding: str | None = None) -> Resolution:
    """One file's bytes to its resolution with facts: :func:`mapper.parse.parse_bytes`, then :func:`annotate`."""
    return annotate(parse_bytes(data, path, encoding))
