"""The model as JSON: the output of ``ungakg parse --json`` and the stage's golden files."""

from __future__ import annotations

from typing import Any

from .model import Footnote, LeadPhrase, Marker, Paragraph, Resolution, Subparagraph


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
        "subparagraphs": [_sub(c) for c in s.subparagraphs],
    }


def _footnote(f: Footnote) -> dict[str, Any]:
    return {"number": f.number, "text": f.text, "paragraph": f.paragraph, "span": [f.span.start, f.span.end], "line": f.line}
