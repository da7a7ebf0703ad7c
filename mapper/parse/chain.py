"""The parsing chain for one file: bytes -> source text -> draft -> resolution.

Pure: the caller reads the file and passes its bytes and the path to name
in errors and provenance. The resolution comes out with its structure and
metadata and empty facts; :func:`mapper.extract.annotate` reads the facts.
"""

from __future__ import annotations

from mapper.core.model import Correction, Resolution, Source
from mapper.core.symbols import ResolutionSymbol
from mapper.errors import InputError, NotAResolutionError
from mapper.parse import layouts, structure
from mapper.parse.heading import read_closing, read_heading, title_complete
from mapper.parse.source import decode


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

    return Resolution(
        symbol=symbol,
        title=title,
        adopted=heading.adopted or closing_date,
        meeting=meeting,
        committee=heading.committee,
        report=heading.report,
        agenda_items=heading.agenda_items,
        distributed=heading.distributed,
        preamble=body.preamble,
        operative=body.operative,
        footnotes=body.footnotes,
        source=Source(path, source.sha256, draft.layout, draft.hints.record, draft.hints.url),
        warnings=tuple(warnings),
        sections=body.sections,
        annexes=body.annexes,
        corrections=tuple(sorted(corrections, key=lambda c: c.line)),
        agenda=heading.agenda,
        parts=body.parts,
    )


def _hinted_symbol(text: str | None) -> ResolutionSymbol | None:
    if not text:
        return None
    try:
        return ResolutionSymbol.parse(text)
    except ValueError:
        return None
