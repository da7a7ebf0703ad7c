"""The parsing chain for one file: bytes -> source text -> draft -> resolution.

Pure: the caller reads the file and passes its bytes and the path to name
in errors and provenance. The resolution comes out with its structure and
metadata and empty facts; :func:`mapper.extract.annotate` reads the facts.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from mapper.core.model import Correction, Footnote, Paragraph, Resolution, Source, Subparagraph
from mapper.core.symbols import ResolutionSymbol
from mapper.errors import InputError, NotAResolutionError
from mapper.parse import layouts, structure
from mapper.parse.heading import read_closing, read_heading, title_complete
from mapper.parse.source import SourceText, decode


def parse_bytes(data: bytes, path: str, encoding: str | None = None) -> Resolution:
    """Parse one resolution; raise an :class:`InputError` located in ``path``."""
    try:
        return _parse(data, path, encoding)
    except InputError as e:
        raise e.with_path(path) from None


def _parse(data: bytes, path: str, encoding: str | None) -> Resolution:
    source = decode(data, encoding)
    draft = layouts.read(source)
    heading = read_heading(draft.head, draft.trailer)
    meeting, closing_date = read_closing(draft.closing)
    body = structure.build(draft)

    warnings = list(body.warnings)
    named = ResolutionSymbol.from_file_name(path)
    hinted = _hinted_symbol(draft.hints.symbol)
    symbol = heading.symbol or named or hinted
    if symbol is None:
        raise NotAResolutionError(
            "no resolution symbol: expected a heading line such as '57/295. Title' or a file named like A-RES-57-295.txt",
            line=draft.enacting_line,
        )
    if heading.symbol and named and named != heading.symbol:
        warnings.append(f"the file name says {named} but the text says {heading.symbol}; the text is followed")
    if hinted and hinted != symbol:
        warnings.append(f"the front matter says {hinted} but the text says {symbol}; the text is followed")
    title = heading.title
    corrections = list(draft.corrections)
    if title and not title_complete(title):
        line = next((ln.number for ln in source.lines[: draft.enacting_line] if title[:30] in ln.text), draft.enacting_line)
        warnings.append(f"line {line}: the printed title {title!r} stops mid-phrase (the rest was lost): the title is left unknown")
        corrections.append(Correction("title-incomplete", line, title, "the printed title lost its end: left unknown"))
        title = None
    if heading.session is not None and heading.session != symbol.session and not symbol.roman:
        warnings.append(f"the heading names session {heading.session} but the symbol {symbol} session {symbol.session}")
    if heading.adopted and closing_date and heading.adopted != closing_date:
        warnings.append(f"adopted on {heading.adopted} by the heading but {closing_date} by the closing lines")

    repaired = _repaired(corrections, source)
    return Resolution(
        symbol=symbol,
        title=title,
        adopted=heading.adopted or closing_date,
        meeting=meeting,
        committee=heading.committee,
        without_reference=heading.without_reference,
        report=heading.report,
        agenda_items=heading.agenda_items,
        distributed=heading.distributed,
        preamble=repaired(body.preamble),
        operative=repaired(body.operative),
        footnotes=repaired(body.footnotes),
        source=Source(path, source.sha256, draft.layout, draft.hints.record, draft.hints.url),
        warnings=tuple(warnings),
        sections=body.sections,
        annexes=tuple(replace(a, paragraphs=repaired(a.paragraphs), footnotes=repaired(a.footnotes)) for a in body.annexes),
        corrections=tuple(sorted(corrections, key=lambda c: c.line)),
        agenda=heading.agenda,
        parts=tuple(replace(p, preamble=repaired(p.preamble), operative=repaired(p.operative)) for p in body.parts),
    )


U = TypeVar("U", Paragraph, Subparagraph, Footnote)


def _repaired(corrections: list[Correction], source: SourceText) -> Callable[[tuple[U, ...]], tuple[U, ...]]:
    """Marks the units whose text the parser repaired: a correction's line falls within the lines the unit was read
    from (a running header removed from the middle of a paragraph, a label restored, two paragraphs cut apart), so a
    user can tell the facts read through a repair from the others."""
    starts = [line.start for line in source.lines]
    lines = [c.line for c in corrections if c.kind != "title-incomplete"]

    def span(u: Paragraph | Subparagraph | Footnote) -> tuple[int, int]:
        if not u.source_map:
            return u.line, u.line
        first = u.source_map[0][1]
        last = max(r[1] + max(r[2] - 1, 0) for r in u.source_map)
        return bisect_right(starts, first), max(bisect_right(starts, last), u.line)

    def mark(units: tuple[U, ...]) -> tuple[U, ...]:
        out = []
        for u in units:
            first, last = span(u)
            subs = mark(u.subparagraphs) if not isinstance(u, Footnote) else ()
            hit = any(first <= line <= last for line in lines)
            out.append(replace(u, repaired=hit, subparagraphs=subs) if not isinstance(u, Footnote) else replace(u, repaired=hit))
        return tuple(out)

    return mark


def _hinted_symbol(text: str | None) -> ResolutionSymbol | None:
    if not text:
        return None
    try:
        return ResolutionSymbol.parse(text)
    except ValueError:
        return None
