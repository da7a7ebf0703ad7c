"""Markdown converted from the official PDF.

Blocks are separated by blank lines. A page break (``---``) is followed by
that page's footnotes (``<sup>3</sup> Resolution 71/256, annex.``), and the
paragraph the page cut goes on after them; :func:`mapper.draft.assemble`
joins it back because it ended mid-sentence. Lead phrases are italic
(``*Recalling also*``), markers are ``<sup>N</sup>`` (or Pandoc's ``[^N]``),
symbols are links (``[77/150](#)``).
"""

from __future__ import annotations

import html
import re

from ..draft import Draft, FootnoteText, Piece, assemble, ends_clause
from ..footnotes import sentinel
from ..lexicon import LEAD_PHRASE
from ..source import Line, SourceText
from ..text import MappedText
from .common import CLOSING, find_enacting, is_furniture

MARKER = re.compile(r"<sup>\s*(\d{1,3})\s*</sup>|\[\^(\d{1,3})\](?!:)")
FOOTNOTE = re.compile(r"^\s*(?:<sup>\s*(\d{1,3})\s*</sup>|\[\^(\d{1,3})\]:)\s*")
PAGE_BREAK = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
SECTION_HEADING = re.compile(r"^\s*(?:#{1,6}\s+.*|\*\*[^*]+\*\*)\s*$")
# The italic lead phrase, after an operative number if any.
ITALIC_LEAD = re.compile(r"^\s*(?:\d{1,3}\.\s+)?(?:\*(?!\*)(?P<star>[^*\n]+?)\*|_(?P<under>[^_\n]+?)_)(?![*_])")

# Inline markup, removed in this order; each keeps the mapping of what stays.
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"</?(?:em|i|b|strong|span|u|sub|sup|a)\b[^>]*>", re.I)
_ENTITY = re.compile(r"&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")
_EMPHASIS = re.compile(r"\*+|(?<![\w\\])_+|_+(?![\w])")


def clean(text: MappedText) -> MappedText:
    """Markdown to plain text; markers become sentinels. Idempotent."""
    text = text.rewrite(MARKER, lambda m: sentinel(int(m.group(1) or m.group(2))))
    text = text.rewrite(_LINK, lambda m: text_link(text, m))
    text = text.rewrite(_BREAK_TAG, lambda m: " ")
    text = text.rewrite(_TAG, lambda m: "")
    text = text.rewrite(_ENTITY, lambda m: html.unescape(m.group()))
    text = _unemphasize(text)
    return text


def text_link(text: MappedText, m: re.Match[str]) -> MappedText:
    return text.group(m, 1)


def _unemphasize(text: MappedText) -> MappedText:
    # Escaped characters ("\*") stay as the character; other * and _ go.
    pieces, pos = [], 0
    for m in _ESCAPE.finditer(text.text):
        pieces += [text[pos : m.start()].rewrite(_EMPHASIS, lambda _: ""), text.group(m, 1)]
        pos = m.end()
    pieces.append(text[pos:].rewrite(_EMPHASIS, lambda _: ""))
    return MappedText.join(pieces)


def read(source: SourceText) -> Draft:
    lines = source.lines
    enact, column = find_enacting(lines)
    head_raw = MappedText.of(source.text, 0, lines[enact].start + column)
    # Glued heading segments ("**Title****Resolution adopted...") are separate lines.
    head = clean(head_raw.rewrite(re.compile(r"\*{2,}"), lambda m: "\n")).text

    pieces: list[Piece] = []
    footnotes: list[FootnoteText] = []
    warnings: list[str] = []
    closing = ""
    for group in _groups(lines[enact + 1 :]):
        first = group[0]
        raw = MappedText.of(source.text, first.start, group[-1].end)
        if PAGE_BREAK.match(raw.text) or is_furniture(clean(raw).text):
            continue
        note = FOOTNOTE.match(raw.text)
        if note:
            number = int(note.group(1) or note.group(2))
            footnotes.append(FootnoteText(number, clean(raw[note.end() :]).squeeze(), first.number))
        elif closing:
            warnings.append(f"line {first.number}: text after the closing lines is not parsed (an annex?)")
        elif CLOSING.match(clean(raw).text):
            closing = clean(raw).squeeze().text
        elif SECTION_HEADING.match(raw.text):
            warnings.append(f"line {first.number}: section heading {clean(raw).squeeze().text!r} skipped")
        else:
            pieces.append(_piece(raw, first.number, pieces))
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


def _piece(raw: MappedText, line: int, before: list[Piece]) -> Piece:
    """A body block. Markdown conversions print every lead phrase in italics,
    so a block that opens without one continues the paragraph a page cut,
    unless it opens with a clause phrase all the same (then the text decides).
    """
    text = clean(raw)
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
