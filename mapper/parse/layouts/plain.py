"""ODS exports and plain text: one paragraph per line, footnotes listed or inline.

The two differ in little: an ODS export opens each paragraph with a tab
(so a line without one continues the paragraph above) and ends with a
trailer of page furniture; plain text has neither, and may carry each
footnote's text pasted after its first marker instead of a list.
"""

from __future__ import annotations

import re

from mapper.core.text import MappedText
from mapper.lexicon.words import LEAD_PHRASE
from mapper.parse.draft import Draft, FootnoteText, Piece, assemble
from mapper.parse.footnotes import cut_inline, mark_glued
from mapper.parse.heading import CLOSING
from mapper.parse.layouts.common import find_enacting, is_furniture
from mapper.parse.source import Line, SourceText

# The trailer of an ODS export: "[DU1]<<ODS JOB NO>>", a rule of underscores.
TRAILER = re.compile(r"^\s*(?:\[DU\d\]|<<ODS\b|_{5,}\s*$)")
# A listed footnote: "1 See resolution 55/2." (never "1." which numbers a paragraph).
FOOTNOTE = re.compile(r"^[ \t]*(?P<number>\d{1,3})(?:[ \t]+|(?=[A-Z]))(?P<text>\S.*)$")


def read(source: SourceText, *, ods: bool) -> Draft:
    lines = source.lines
    enact, column = find_enacting(lines)
    head = source.text[: lines[enact].start + column]
    stop = next((i for i in range(enact + 1, len(lines)) if TRAILER.match(lines[i].text)), len(lines))
    closing_at = next((i for i in range(enact + 1, stop) if CLOSING.match(lines[i].text)), None)

    warnings: list[str] = []
    if closing_at is not None:
        body_lines = lines[enact + 1 : closing_at]
        date_at = next((i for i in range(closing_at + 1, stop) if lines[i].text.strip()), closing_at)
        closing = "\n".join(line.text for line in lines[closing_at : date_at + 1])
        listed = _footnote_list(source, lines[date_at + 1 : stop], warnings)
    else:
        closing = ""
        footnote_at = _footnote_list_start(lines, enact + 1, stop)
        body_lines = lines[enact + 1 : footnote_at]
        listed = _footnote_list(source, lines[footnote_at:stop], warnings)

    pieces = _pieces(source, body_lines, ods)
    blocks = assemble(pieces)
    texts = [b.text for b in blocks]
    layout = "ods" if ods else "plain"
    if listed:
        texts, missing = mark_glued(texts, {f.number for f in listed})
        warnings += missing
        footnotes = listed
    else:
        texts, inline = cut_inline(texts)
        footnotes = [FootnoteText(number, text, blocks[index].line) for number, text, index in inline]
        if footnotes:
            layout = "plain-inline-footnotes"
    body = tuple(type(b)(t, b.line, b.phrase) for b, t in zip(blocks, texts, strict=True))
    last = max((line.number for line in lines if line.text.strip()), default=1)
    return Draft(
        layout=layout,
        head=head,
        closing=closing,
        trailer="\n".join(line.text for line in lines[stop:]),
        body=body,
        footnotes=tuple(footnotes),
        enacting_line=lines[enact].number,
        last_line=last,
        warnings=tuple(warnings),
    )


def _pieces(source: SourceText, body_lines: tuple[Line, ...], ods: bool) -> list[Piece]:
    """Body lines as pieces, with what the layout says of paragraph starts.

    * ODS: every paragraph opens with a tab, so a line without one continues
      the paragraph above (trusted when most lines show it).
    * Plain text with blank lines between paragraphs: a paragraph may be
      hard-wrapped over several lines, so inside a group of lines a line
      continues the one above unless it opens like a paragraph (a number, a
      label, a clause phrase), where the text decides.
    * Plain text without blank lines: one paragraph per line; the text decides.
    """
    kept = [line for line in body_lines if line.text.strip() and not is_furniture(line.text)]
    if ods and sum(line.text.startswith("\t") for line in kept) * 2 > len(kept):
        return [Piece(MappedText.of(source.text, line.start, line.end), line.number, new=line.text.startswith("\t")) for line in kept]
    grouped = any(not line.text.strip() for line in body_lines)
    pieces = []
    previous: Line | None = None
    for line in kept:
        follows = previous is not None and previous.number == line.number - 1
        opens = _OPENS.match(line.text) or LEAD_PHRASE.match(line.text.lstrip())
        new = None if not (grouped and follows) or opens else False
        pieces.append(Piece(MappedText.of(source.text, line.start, line.end), line.number, new=new))
        previous = line
    return pieces


# A line that opens like a paragraph: an operative number or a sub-paragraph label.
_OPENS = re.compile(r"[ \t]*(?:\d{1,3}\.|\((?:[a-z]{1,2}|[ivxl]{1,6})\))[ \t]+\S")


def _footnote_list_start(lines: tuple[Line, ...], lo: int, hi: int) -> int:
    """Where footnotes listed at the end of a text without closing lines begin (``hi`` if none).

    The list is a run of lines numbered 1, 2, 3 ... reaching to the end, each
    not followed by a full stop as a paragraph number would be.
    """
    for i in range(lo, hi):
        m = FOOTNOTE.match(lines[i].text)
        if not (m and m.group("number") == "1"):
            continue
        expected = 2
        ok = True
        for line in lines[i + 1 : hi]:
            n = FOOTNOTE.match(line.text)
            if n and int(n.group("number")) == expected:
                expected += 1
            elif line.text.strip() and (n or re.match(r"\s*\d{1,3}\.\s", line.text)):
                ok = False
                break
        if ok:
            return i
    return hi


def _footnote_list(source: SourceText, lines: tuple[Line, ...], warnings: list[str]) -> list[FootnoteText]:
    """Footnotes listed one a line; a line without a number continues the one above."""
    notes: list[FootnoteText] = []
    ignored: list[int] = []
    for line in lines:
        if not line.text.strip() or is_furniture(line.text):
            continue
        m = FOOTNOTE.match(line.text)
        if m and int(m.group("number")) == (notes[-1].number + 1 if notes else 1):
            start = line.start + m.start("text")
            notes.append(FootnoteText(int(m.group("number")), MappedText.of(source.text, start, line.end).strip(), line.number))
        elif notes:
            last = notes[-1]
            notes[-1] = FootnoteText(last.number, MappedText.join([last.text, MappedText.of(source.text, line.start, line.end)], " ").squeeze(), last.line)
        else:
            ignored.append(line.number)
    if ignored:
        span = f"line {ignored[0]}" if len(ignored) == 1 else f"lines {ignored[0]}-{ignored[-1]}"
        warnings.append(f"{span}: text after the closing lines that is not a footnote (an annex?) is not parsed")
    return notes
