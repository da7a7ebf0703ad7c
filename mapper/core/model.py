"""The typed model of a resolution: what parsing yields and mapping consumes.

Frozen dataclasses with plain values only (no rdflib). Every piece of text
keeps where it came from: ``span`` is the half-open range of source
characters it was cut from, ``line`` the line it starts on, and
``source_map`` the runs ``(text_start, source_start, length)`` of
characters copied verbatim (see :mod:`mapper.core.text`), so any part of a
paragraph can be traced to the characters of the file.

Identifiers follow Akoma Ntoso's naming convention as AKN4UN applies it:
``preamble_3`` for the third preambular paragraph, ``para_3`` for operative
paragraph 3, ``para_3_list_point_a`` for its sub-paragraph (a).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal, Protocol

from mapper.core.facts import NO_FACTS, Facts, Span
from mapper.core.symbols import ResolutionSymbol
from mapper.core.text import Run

__all__ = ["Facts", "Footnote", "LeadPhrase", "Marker", "Paragraph", "ParagraphKind", "Resolution", "Source", "Span",
           "Subparagraph", "Unit", "footnote_id", "walk"]

ParagraphKind = Literal["preambular", "operative"]


class Unit(Protocol):
    """What every unit of text is: a paragraph, a sub-paragraph or a footnote, traced to its source and read for facts.

    ``id`` is the unit's Akoma Ntoso eId (``preamble_3``, ``para_3_list_point_a``, ``footnote_2``).
    """

    @property
    def id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def markers(self) -> tuple[Marker, ...]: ...
    @property
    def span(self) -> Span: ...
    @property
    def line(self) -> int: ...
    @property
    def source_map(self) -> tuple[Run, ...]: ...
    @property
    def subparagraphs(self) -> tuple[Subparagraph, ...]: ...
    @property
    def facts(self) -> Facts: ...


def walk(units: Iterable[Unit]) -> Iterator[Unit]:
    """``units`` in order, each followed by its sub-paragraphs, depth first."""
    for u in units:
        yield u
        yield from walk(u.subparagraphs)


def footnote_id(number: int) -> str:
    """The eId of footnote ``number``: ``footnote_2``."""
    return f"footnote_{number}"


@dataclass(frozen=True, slots=True)
class Marker:
    """A footnote marker that stood at ``offset`` of the clean text."""

    number: int
    offset: int


@dataclass(frozen=True, slots=True)
class LeadPhrase:
    """The opening words of a paragraph as printed, with the verb they are built on.

    ``verb`` is the lemma of the clause verb ("recall" for "Recalling also",
    "call upon" for "Further calls upon"), None when the phrase is not in
    the lexicon; ``modifiers`` are the printed modifiers ("further",
    "with great concern", "also"), lower case, in order.
    """

    text: str
    verb: str | None
    modifiers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Subparagraph:
    id: str
    label: str  # "a", "iv"
    text: str
    markers: tuple[Marker, ...]
    span: Span
    line: int
    source_map: tuple[Run, ...]
    subparagraphs: tuple[Subparagraph, ...] = ()
    facts: Facts = NO_FACTS


@dataclass(frozen=True, slots=True)
class Paragraph:
    id: str
    kind: ParagraphKind
    number: int | None  # operative paragraphs only
    phrase: LeadPhrase
    text: str  # the whole paragraph as printed, lead phrase included, label and markers excluded
    markers: tuple[Marker, ...]
    span: Span
    line: int
    source_map: tuple[Run, ...]
    subparagraphs: tuple[Subparagraph, ...] = ()
    facts: Facts = NO_FACTS


@dataclass(frozen=True, slots=True)
class Footnote:
    number: int
    text: str
    paragraph: str | None  # id of the (sub-)paragraph carrying its first marker
    span: Span
    line: int
    source_map: tuple[Run, ...]
    facts: Facts = NO_FACTS

    @property
    def id(self) -> str:
        return footnote_id(self.number)

    @property
    def markers(self) -> tuple[Marker, ...]:
        return ()  # footnotes call no footnotes

    @property
    def subparagraphs(self) -> tuple[Subparagraph, ...]:
        return ()


@dataclass(frozen=True, slots=True)
class Source:
    path: str
    sha256: str
    layout: str


@dataclass(frozen=True, slots=True)
class Resolution:
    symbol: ResolutionSymbol
    title: str | None
    adopted: date | None
    meeting: int | None
    committee: str | None
    report: tuple[str, ...]
    agenda_items: tuple[int, ...]
    distributed: date | None
    preamble: tuple[Paragraph, ...]
    operative: tuple[Paragraph, ...]
    footnotes: tuple[Footnote, ...]
    source: Source
    warnings: tuple[str, ...] = ()

    @property
    def session(self) -> int | str:
        return self.symbol.session

    @property
    def number(self) -> int:
        return self.symbol.number

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The preambular paragraphs, then the operative ones."""
        return self.preamble + self.operative

    def units(self) -> Iterator[Unit]:
        """Every unit in document order: each paragraph followed by its sub-paragraphs (depth first), then the footnotes."""
        yield from walk(self.paragraphs)
        yield from self.footnotes
