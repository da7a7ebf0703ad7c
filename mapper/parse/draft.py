"""The layouts' common output, and the rules that join lines into paragraphs.

A layout reader (``mapper.parse.layouts``) cuts its file into *pieces* (lines, or
Markdown blocks) with markup already cleaned and footnote markers turned into
sentinels, and says where it knows a paragraph starts. :func:`assemble`
then joins the pieces into whole paragraphs by rules that hold in every
layout, because they come from how resolutions are written:

* a numbered paragraph starts with the next number ("7." after "6.");
* a sub-paragraph starts with a label ("(a)", "(iv)");
* what the layout knows wins: an ODS export opens every paragraph with a
  tab, a Markdown conversion every preambular one with an italic phrase;
* else a paragraph never starts with a lower-case letter, and
* a paragraph ends a clause: preambular paragraphs with a comma, operative
  ones with a semicolon or a full stop, a chapeau with a colon. A piece that
  follows a paragraph ending mid-sentence continues it (a line broken by an
  export, a paragraph broken by a page of footnotes).

A PDF extraction's line breaks say too little for these rules: its layout joins
its lines with :class:`mapper.parse.grammar.Joiner` instead, which uses the same
ends (:func:`ends_clause`) and labels (:func:`label_value`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from mapper.core.model import Correction
from mapper.core.symbols import roman_to_int
from mapper.core.text import MappedText
from mapper.parse.footnotes import SENTINEL

OPERATIVE = re.compile(r"[ \t\u00a0]*(?P<number>\d{1,3})\.[ \t\u00a0]+(?=\S)")
SUBPARAGRAPH = re.compile(r"[ \t\u00a0]*\((?P<label>[a-z]{1,2}|[ivxl]{1,6})\)[ \t\u00a0]+(?=\S)")


def label_value(label: str, kind: str) -> int | None:
    """The place of sub-paragraph label ``label`` in a list of ``kind`` ("alpha": a, b ... z, aa; "roman": i, ii ...)."""
    if kind == "alpha":
        if len(label) == 1 and label.isalpha():
            return ord(label) - ord("a") + 1
        if len(set(label)) == 1 and label.isalpha():  # "aa" after "z"
            return 26 + ord(label[0]) - ord("a") + 1
        return None
    try:
        return roman_to_int(label)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Piece:
    """A line or block of the body, as a layout cut it."""

    text: MappedText
    line: int
    # What the layout knows: True, a paragraph starts here (an ODS tab, a Markdown
    # italic lead phrase); False, it does not (an ODS line without a tab); None,
    # nothing (plain text), so the text decides.
    new: bool | None = None
    phrase: str | None = None  # the lead phrase as the layout marks it (Markdown italics)
    heading: bool = False  # a section heading as the layout marks it (Markdown "###" or bold)


@dataclass(frozen=True, slots=True)
class Block:
    """A whole paragraph of the body: label, lead phrase and text, markers as sentinels."""

    text: MappedText
    line: int
    phrase: str | None = None
    heading: bool = False  # a section heading ("Peacebuilding financing", "II. Implementation"), not a paragraph


@dataclass(frozen=True, slots=True)
class FootnoteText:
    number: int
    text: MappedText
    line: int


@dataclass(frozen=True, slots=True)
class AnnexDraft:
    """An annex as a layout cut it: its heading line ("Annex", "Annex II"), title and paragraphs."""

    heading: str
    title: str | None
    body: tuple[Block, ...]
    line: int


@dataclass(frozen=True, slots=True)
class PartDraft:
    """A lettered part of a resolution adopted in parts ("A", its title, its own enacting formula and paragraphs)."""

    label: str
    title: str | None
    body: tuple[Block, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Hints:
    """What a file says of itself outside the text (YAML front matter): believed only where the text is silent."""

    symbol: str | None = None
    record: str | None = None
    url: str | None = None
    title: str | None = None  # the catalogue's title, which may differ from the printed one


@dataclass(frozen=True, slots=True)
class Draft:
    """What a layout reader returns: the resolution cut into its parts."""

    layout: str
    head: str  # the heading, markup removed, up to "The General Assembly,"
    closing: str  # "79th plenary meeting\n20 December 2002", or ""
    trailer: str  # ODS page furniture after the footnotes, or ""
    body: tuple[Block, ...]
    footnotes: tuple[FootnoteText, ...]
    enacting_line: int
    last_line: int
    warnings: tuple[str, ...] = ()
    annexes: tuple[AnnexDraft, ...] = ()
    corrections: tuple[Correction, ...] = ()
    hints: Hints = Hints()
    parts: tuple[PartDraft, ...] = ()  # a resolution in lettered parts: then body is empty




_SECTION_NUMBER = re.compile(r"^\s*(?:[IVXL]{1,5}|[A-Z])\.?\s*$")
# The tail a paragraph may carry after its final punctuation: footnote markers,
# as sentinels, glued digits ("2014,3"), spaced ones ("in 2014, 3") or "[^3]".
TAIL = re.compile(rf"(?:[\s*_]|{SENTINEL.pattern}|(?<=[,;:.”’\"')\]])\s?\d{{1,3}}|\[\^\d{{1,3}}\])+$")
CLOSERS = "”’\"')]»"


def ends_clause(text: str) -> bool:
    """Does ``text`` end where a paragraph may end (",", ";", ":", ".", "; and")?"""
    t = without_tail(text)
    return t.endswith((",", ";", ":", ".", "!", "?")) or (t.endswith(("and", "or")) and re.search(r"[;,]\s+(?:and|or)$", t) is not None)


def without_tail(text: str) -> str:
    """The end of ``text`` without what may follow a paragraph's last word or punctuation (markers, closing quotes)."""
    t = text.rstrip()
    if t and (t[-1].isalpha() or t[-1] in ",;:.!?"):
        return t[-80:]  # nothing to take off: the common case, without a scan by the regex engine
    return TAIL.sub("", t[-80:]).rstrip(CLOSERS)  # the tail is short: no need to scan the paragraph


def assemble(pieces: Iterable[Piece]) -> list[Block]:
    """Join pieces into paragraphs by the rules in the module docstring."""
    blocks: list[Block] = []
    expected = 1
    for piece in pieces:
        text = piece.text.text
        if piece.heading:
            blocks.append(Block(piece.text, piece.line, heading=True))
            continue
        numbered = OPERATIVE.match(text)
        if numbered and int(numbered.group("number")) == expected:
            expected += 1
            starts = True
        elif _SECTION_NUMBER.match(text):
            starts = True  # "II" alone on its line heads a section, never continues a sentence
        elif not blocks or SUBPARAGRAPH.match(text) or piece.new is not None:
            starts = not blocks or SUBPARAGRAPH.match(text) is not None or bool(piece.new)
        elif blocks[-1].heading:
            starts = True
        else:
            lead = text.lstrip(" \t\u00a0")
            starts = not lead[:1].islower() and ends_clause(blocks[-1].text.text)
        if starts:
            blocks.append(Block(piece.text, piece.line, piece.phrase))
        else:
            last = blocks[-1]
            blocks[-1] = Block(MappedText.join([last.text, piece.text], " "), last.line, last.phrase)
    return [Block(b.text.squeeze(), b.line, b.phrase, b.heading) for b in blocks]
