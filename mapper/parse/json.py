"""The model as JSON: the output of ``ungakg parse --json`` and the stage's golden files.

Facts name authority entries by key; ``tables`` (the authority files the facts
were read with) give the symbol of a named outcome document and a body's acronym.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from mapper.core.facts import Citation, Facts
from mapper.core.model import Footnote, LeadPhrase, Marker, Paragraph, Resolution, Section, Subparagraph
from mapper.lexicon.authority import Authorities, authorities


def resolution_to_json(r: Resolution, tables: Authorities | None = None) -> dict[str, Any]:
    t = tables or authorities()
    return {
        "symbol": str(r.symbol),
        "session": r.symbol.session,
        "number": r.symbol.number,
        "part": r.symbol.part,
        "title": r.title,
        "adopted": r.adopted.isoformat() if r.adopted else None,
        "meeting": r.meeting,
        "committee": r.committee,
        "without_reference": r.without_reference,
        "report": list(r.report),
        "agenda_items": list(r.agenda_items),
        "distributed": r.distributed.isoformat() if r.distributed else None,
        "agenda": [{"number": a.number, "sub": a.sub, "title": a.title} for a in r.agenda],
        "subjects": list(r.subjects),
        "preamble": [_unit(p, t) for p in r.preamble],
        "operative": [_unit(p, t) for p in r.operative],
        "sections": [_section(s) for s in r.sections],
        "parts": [
            {
                "id": p.id, "label": p.label, "title": p.title, "line": p.line,
                "preamble": [_unit(x, t) for x in p.preamble],
                "operative": [_unit(x, t) for x in p.operative],
                "sections": [_section(s) for s in p.sections],
            }
            for p in r.parts
        ],
        "footnotes": [_footnote(f, t) for f in r.footnotes],
        "annexes": [
            {
                "id": a.id, "heading": a.heading, "title": a.title, "adopted_by": a.adopted_by, "line": a.line,
                "paragraphs": [_unit(p, t) for p in a.paragraphs],
                "sections": [_section(s) for s in a.sections],
                "footnotes": [_footnote(f, t) for f in a.footnotes],
            }
            for a in r.annexes
        ],
        "source": {"path": r.source.path, "sha256": r.source.sha256, "layout": r.source.layout, "record": r.source.record,
                   "url": r.source.url},
        "corrections": [{"kind": c.kind, "line": c.line, "text": c.text, "note": c.note} for c in r.corrections],
        "warnings": list(r.warnings),
    }


def _section(s: Section) -> dict[str, Any]:
    return {"id": s.id, "label": s.label, "heading": s.heading, "parent": s.parent, "paragraphs": list(s.paragraphs), "line": s.line}


def _phrase(phrase: LeadPhrase) -> dict[str, Any]:
    return {"phrase": phrase.text, "verb": phrase.verb, "modifiers": list(phrase.modifiers)}


def _markers(markers: tuple[Marker, ...]) -> list[dict[str, int]]:
    return [{"number": m.number, "offset": m.offset} for m in markers]


def _unit(u: Paragraph | Subparagraph, tables: Authorities) -> dict[str, Any]:
    out: dict[str, Any] = {"id": u.id}
    if isinstance(u, Paragraph):
        if u.number is not None:
            out["number"] = u.number
        out.update(_phrase(u.phrase))
    else:
        out["label"] = u.label
    out.update(
        text=u.text,
        markers=_markers(u.markers),
        span=[u.span.start, u.span.end],
        repaired=u.repaired,
        line=u.line,
        **_facts(u.facts, tables),
        subparagraphs=[_unit(c, tables) for c in u.subparagraphs],
    )
    return out


def _footnote(f: Footnote, tables: Authorities) -> dict[str, Any]:
    return {
        "number": f.number, "text": f.text, "paragraph": f.paragraph, "span": [f.span.start, f.span.end], "repaired": f.repaired,
        "line": f.line,
        **_facts(f.facts, tables),
    }


def _date(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _symbol(c: Citation, tables: Authorities) -> str | None:
    """A citation's symbol: its target, or the symbol an instrument of the authority file is published under
    (none for one anticipated: the resolution that will adopt it is not cited)."""
    if c.kind != "instrument":
        return c.target
    if not c.known or c.relation == "anticipates":
        return None
    entry = tables.instruments[c.target]
    return entry.resolution or entry.document


def _facts(f: Facts, tables: Authorities) -> dict[str, Any]:
    """The facts of one unit; every ``span`` is a half-open range of the unit's ``text``."""
    return {
        "citations": [
            {
                "kind": c.kind,
                "symbol": _symbol(c, tables),
                "instrument": c.target if c.kind == "instrument" else None,
                "name": c.name,
                "type": c.relation,
                "verb": c.verb,
                "date": _date(c.date),
                "pinpoint": list(c.pinpoint),
                "known": c.known,
                "anaphoric": c.anaphoric,
                "span": [c.span.start, c.span.end],
                "text": c.text,
            }
            for c in f.citations
        ],
        "bodies": [
            {
                "id": b.body,
                "name": b.name,
                "acronym": next(iter(tables.bodies[b.body].acronyms), None) if b.known else None,
                "known": b.known,
                "anaphoric": b.anaphoric,
                "verb": b.verb,
                "span": [b.span.start, b.span.end],
                "text": b.text,
            }
            for b in f.bodies
        ],
        "events": [
            {
                "id": e.event, "name": e.name, "kind": e.kind, "known": e.known, "series": e.series,
                "ordinal": e.ordinal, "year": e.year, "start": _date(e.start), "end": _date(e.end),
                "places": list(e.places), "verb": e.verb, "span": [e.span.start, e.span.end], "text": e.text,
            }
            for e in f.events
        ],
        "places": [
            {"id": p.place, "name": p.name, "kind": p.kind, "country": p.country, "span": [p.span.start, p.span.end], "text": p.text}
            for p in f.places
        ],
        "mandates": [
            {
                "kind": m.kind, "verb": m.verb, "addressees": list(m.addressees), "addressee": m.addressee,
                "action": m.action, "negated": m.negated, "channel": list(m.channel), "due_session": m.due_session, "due": m.due,
                "due_text": m.due_text, "span": [m.span.start, m.span.end],
            }
            for m in f.mandates
        ],
        "topics": [{"id": t.topic, "span": [t.span.start, t.span.end], "text": t.text} for t in f.topics],
        "figures": [
            {
                "value": g.value, "unit": g.unit, "population": g.population, "measure": g.measure, "year": g.year,
                "span": [g.span.start, g.span.end], "text": g.text,
            }
            for g in f.figures
        ],
    }
