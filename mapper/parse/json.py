"""The model as JSON: the output of ``ungakg parse --json`` and the stage's golden files."""

from __future__ import annotations

from typing import Any

from mapper.lexicon.authority import authorities
from mapper.core.facts import Facts
from mapper.core.model import Footnote, LeadPhrase, Marker, Paragraph, Resolution, Subparagraph


def resolution_to_json(r: Resolution) -> dict[str, Any]:
    return {
        "symbol": str(r.symbol),
        "session": r.symbol.session,
        "number": r.symbol.number,
        "part": r.symbol.part,
        "title": r.title,
        "adopted": r.adopted.isoformat() if r.adopted else None,
        "meeting": r.meeting,
        "committee": r.committee,
        "report": list(r.report),
        "agenda_items": list(r.agenda_items),
        "distributed": r.distributed.isoformat() if r.distributed else None,
        "preamble": [_paragraph(p) for p in r.preamble],
        "operative": [_paragraph(p) for p in r.operative],
        "footnotes": [_footnote(f) for f in r.footnotes],
        "source": {"path": r.source.path, "sha256": r.source.sha256, "layout": r.source.layout},
        "warnings": list(r.warnings),
    }


def _phrase(phrase: LeadPhrase) -> dict[str, Any]:
    return {"phrase": phrase.text, "verb": phrase.verb, "modifiers": list(phrase.modifiers)}


def _markers(markers: tuple[Marker, ...]) -> list[dict[str, int]]:
    return [{"number": m.number, "offset": m.offset} for m in markers]


def _paragraph(p: Paragraph) -> dict[str, Any]:
    out: dict[str, Any] = {"id": p.id}
    if p.number is not None:
        out["number"] = p.number
    out.update(_phrase(p.phrase))
    out.update(
        text=p.text,
        markers=_markers(p.markers),
        span=[p.span.start, p.span.end],
        line=p.line,
        **_facts(p.facts),
        subparagraphs=[_sub(s) for s in p.subparagraphs],
    )
    return out


def _sub(s: Subparagraph) -> dict[str, Any]:
    return {
        "id": s.id,
        "label": s.label,
        "text": s.text,
        "markers": _markers(s.markers),
        "span": [s.span.start, s.span.end],
        "line": s.line,
        **_facts(s.facts),
        "subparagraphs": [_sub(c) for c in s.subparagraphs],
    }


def _footnote(f: Footnote) -> dict[str, Any]:
    return {
        "number": f.number, "text": f.text, "paragraph": f.paragraph, "span": [f.span.start, f.span.end], "line": f.line,
        **_facts(f.facts),
    }


def _date(d) -> str | None:
    return d.isoformat() if d else None


def _facts(f: Facts) -> dict[str, Any]:
    """The facts of one unit; every ``span`` is a half-open range of the unit's ``text``."""
    tables = authorities()
    return {
        "citations": [
            {
                "kind": c.kind,
                "symbol": c.target if c.kind != "outcome" else (tables.outcomes[c.target].resolution or tables.outcomes[c.target].document),
                "outcome": c.target if c.kind == "outcome" else None,
                "type": c.relation,
                "verb": c.verb,
                "date": _date(c.date),
                "pinpoint": list(c.pinpoint),
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
                "action": m.action, "channel": list(m.channel), "due_session": m.due_session, "due": m.due,
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
