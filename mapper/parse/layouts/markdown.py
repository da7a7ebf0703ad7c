"""Markdown converted from the official PDF.

Blocks are separated by blank lines. A page break (``---``) is followed by
that page's footnotes (``<sup>3</sup> Resolution 71/256, annex.``), and the
paragraph the page cut goes on after them; :func:`mapper.parse.draft.assemble`
joins it back because it ended mid-sentence. Lead phrases are italic
(``*Recalling also*``), markers are ``<sup>N</sup>`` (or Pandoc's ``[^N]``),
symbols are links (``[77/150](#)``).
"""

from __future__ import annotations

import html
import re

from mapper.core.text import MappedText
from mapper.lexicon.words import LEAD_PHRASE
from mapper.parse.draft import Draft, FootnoteText, Piece, assemble, ends_clause
from mapper.parse.footnotes import sentinel
from mapper.parse.heading import CLOSING
from mapper.parse.layouts.common import find_enacting, is_furniture
from mapper.parse.source import Line, SourceText

FOOTNOTE = re.compile(r"^\s*(?:<sup>\s*(\d{1,3})\s*</sup>|\[\^(\d{1,3})\]:)\s*")
PAGE_BREAK = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
SECTION_HEADING = re.compile(r"^\s*(?:#{1,6}\s+.*|\*\*[^*]+\*\*)\s*$")
# The italic lead phrase, after an operative number if any.
ITALIC_LEAD = re.compile(r"^\s*(?:\d{1,3}\\?\.\s+)?(?:\*(?!\*)(?P<star>[^*\n]+?)\*|_(?P<under>[^_\n]+?)_)(?![*_])")

# Inline markup, removed in one pass; where two could start at one place, the
# first alternative wins (a marker before any tag, an escape before emphasis).
# The leading look-ahead lets the regex engine skip plain text ten times faster.
_INLINE = re.compile(
    r"""
    (?=[<\[\\&*_])
    (?:
      (?P<marker><sup>\s*(?P<n1>\d{1,3})\s*</sup>|\[\^(?P<n2>\d{1,3})\](?!:))
    | (?P<link>\[(?P<label>[^\]\n]*)\]\([^)\n]*\))
    | (?P<escape>\\(?P<char>[\\`*_{}\[\]()\#+\-.!|<>~]))
    | (?P<br><br\s*/?>)
    | (?P<tag></?(?:em|i|b|strong|span|u|sub|sup|a)\b[^>]*>)
    | (?P<entity>&(?:[a-zA-Z]+|\#\d+|\#x[0-9a-fA-F]+);)
    | (?P<emphasis>\*+|(?<![\w\\])_+|_+(?!\w))
    )
    """,
    re.X | re.I,
)


def clean(text: MappedText) -> MappedText:
    """Markdown to plain text; markers become sentinels. Idempotent on text without escapes."""

    def repl(m: re.Match[str]) -> MappedText | str:
        kind = m.lastgroup if m.lastgroup in _KINDS else next(k for k in _KINDS if m.group(k) is not None)
        if kind == "marker":
            return sentinel(int(m.group("n1") or m.group("n2")))
        if kind == "link":
            return clean(text.group(m, "label"))
        if kind == "escape":
            return text.group(m, "char")
        if kind == "br":
            return " "
        if kind == "entity":
            return html.unescape(m.group())
        return ""  # tags and emphasis

    return text.rewrite(_INLINE, repl)


_KINDS = ("marker", "link", "escape", "br", "tag", "entity", "emphasis")


def read(source: SourceText) -> Draft:
    lines = source.lines
    enact, column = find_enacting(lines)
    head_raw = MappedText.of(source.text, 0, lines[enact].start + column)
    # Glued heading segments ("**Title****Resolution adopted...") are separate lines.
    head = clean(head_raw.rewrite(re.compile(r"\*{2,}"), lambda m: "\n")).text
    head = re.sub(r"(?m)^[ \t]*#{1,6}[ \t]*", "", head)  # "## 78/132. Title"

    pieces: list[Piece] = []
    footnotes: list[FootnoteText] = []
    warnings: list[str] = []
    closing = ""
    for group in _groups(lines[enact + 1 :]):
        first = group[0]
        raw = MappedText.of(source.text, first.start, group[-1].end)
        if PAGE_BREAK.match(raw.text):
            continue
        note = FOOTNOTE.match(raw.text)
        if note:
            number = int(note.group(1) or note.group(2))
            footnotes.append(FootnoteText(number, clean(raw[note.end() :]).squeeze(), first.number))
            continue
        text = clean(raw)
        if is_furniture(text.text):
            continue
        if closing:
            warnings.append(f"line {first.number}: text after the closing lines is not parsed (an annex?)")
        elif CLOSING.match(text.text):
            closing = text.squeeze().text
        elif SECTION_HEADING.match(raw.text):
            heading = text.squeeze()
            marks = len(heading.text) - len(heading.text.lstrip("# "))
            pieces.append(Piece(heading[marks:], first.number, heading=True))
        else:
            pieces.append(_piece(raw, text, first.number, pieces))
    blocks = assemble(pieces)
    last = max((line.number for line in lines if line.text.strip()), default=1)
    return Draft(
        layout="markdown",
        head=head,
        closing=closing,
        trailer="",
        body=tuple(blocks),
        footnotes=tuple(footnotes),
        enacting_line=lines[enact].number,
        last_line=last,
        warnings=tuple(warnings),
    )


def _piece(raw: MappedText, text: MappedText, line: int, before: list[Piece]) -> Piece:
    """A body block. Markdown conversions print every lead phrase in italics,
    so a block that opens without one continues the paragraph a page cut,
    unless it opens with a clause phrase all the same (then the text decides).
    ``text`` is ``raw`` cleaned.
    """
    italic = ITALIC_LEAD.match(raw.text)
    if italic:
        phrase = " ".join(clean(MappedText.literal(italic.group("star") or italic.group("under"))).text.split())
        # An italic title at the top of a block after a page break ("*Digital
        # Economy Report*, which ...") continues the paragraph that the page cut.
        if LEAD_PHRASE.match(phrase) or not before or ends_clause(before[-1].text.text):
            return Piece(text, line, new=True, phrase=phrase)
        return Piece(text, line, new=False)
    return Piece(text, line, new=None if LEAD_PHRASE.match(text.text.lstrip()) else False)


def _groups(lines: tuple[Line, ...]) -> list[list[Line]]:
    """Blank-line separated groups of lines; a page-break line is a group of its own."""
    groups: list[list[Line]] = [[]]
    for line in lines:
        if not line.text.strip():
            if groups[-1]:
                groups.append([])
        elif PAGE_BREAK.match(line.text):
            if groups[-1]:
                groups.append([])
            groups[-1].append(line)
            groups.append([])
        else:
            groups[-1].append(line)
    return [g for g in groups if g]
