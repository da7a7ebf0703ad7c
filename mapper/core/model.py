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

__all__ = ["AgendaItem", "Annex", "Correction", "CorrectionKind", "Facts", "Footnote", "LeadPhrase", "LetteredPart", "Marker", "Paragraph",
           "ParagraphKind", "Resolution", "Section", "Source", "Span", "Subparagraph", "Unit", "footnote_id", "walk"]

# "annex": a paragraph of an annex (a declaration's "1. We, the Heads of State ...").
ParagraphKind = Literal["preambular", "operative", "annex"]
# What the parser removed from, moved in or restored to the text it read (see Correction).
CorrectionKind = Literal[
    "running-header", "page-number", "job-number", "barcode", "symbol-line",  # page furniture removed
    "footnote-moved",  # a footnote text printed inside the body, moved out of it
    "footnote-joined",  # a broken footnote label ("[^1994]:"), joined to the footnote it continues
    "text-moved",  # body text the extraction glued onto a footnote line, moved back
    "closing-split",  # the closing lines glued to the last paragraph, cut off it
    "paragraph-split",  # two paragraphs printed on one line, cut apart
    "heading-split",  # a section heading glued to the paragraph after it, cut off it
    "number-restored",  # an operative paragraph whose number the extraction lost
    "label-restored",  # a sub-paragraph whose label the extraction lost
    "title-incomplete",  # the printed title lost its end: the title is left unknown
]


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
    repaired: bool = False  # the parser repaired its text (a correction falls within it): its facts say so


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
    repaired: bool = False  # the parser repaired its text (a correction falls within it): its facts say so


@dataclass(frozen=True, slots=True)
class Footnote:
    number: int
    text: str
    paragraph: str | None  # id of the (sub-)paragraph carrying its first marker
    span: Span
    line: int
    source_map: tuple[Run, ...]
    facts: Facts = NO_FACTS
    repaired: bool = False  # the parser repaired its text (a correction falls within it): its facts say so

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
class Section:
    """A heading inside the preamble, the operative part or an annex, and the paragraphs under it.

    Akoma Ntoso's ``hcontainer`` with its ``heading``: ``label`` is the printed
    number ("I", "A"), None for an unnumbered heading ("Peacebuilding financing");
    ``paragraphs`` are the ids of the paragraphs it heads, up to the next heading
    of its level; ``parent`` is the section a sub-heading sits in.
    """

    id: str  # "hcontainer_2", "annex_1__hcontainer_3"
    label: str | None
    heading: str | None  # None for a bare number ("II")
    paragraphs: tuple[str, ...]
    line: int
    span: Span
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class Annex:
    """An annex printed after the closing lines: a declaration, a programme of action, rules.

    ``heading`` is the printed word ("Annex", "Annex II"); ``title`` the line
    under it, None when the text has none; paragraph ids are prefixed with the
    annex's (``annex_1__para_3``).
    """

    id: str  # "annex_1"
    heading: str
    title: str | None
    paragraphs: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    footnotes: tuple[Footnote, ...]
    line: int
    span: Span
    adopted_by: str | None = None  # the paragraph that adopts, endorses or approves it ("annexed to the present resolution")


@dataclass(frozen=True, slots=True)
class LetteredPart:
    """A lettered part (A, B ...) of a resolution adopted in parts, printed under one symbol
    ("36/87 A and B"): each has its own title, enacting formula, preamble, and operative
    paragraphs numbered from 1; their ids are prefixed with the part's (``part_B__para_2``,
    IRI ``.../part_B/para_2``)."""

    id: str  # "part_B"
    label: str  # "B"
    title: str | None
    preamble: tuple[Paragraph, ...]
    operative: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    line: int
    span: Span

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return self.preamble + self.operative


@dataclass(frozen=True, slots=True)
class Correction:
    """What the parser removed from, moved in or restored to the text as extracted, and where.

    ``line`` is the source line it concerns; ``text`` what was removed or moved
    (for a restored number or label, what was restored: "2", "b"); ``note``
    says it in words, naming the paragraph.
    """

    kind: CorrectionKind
    line: int
    text: str
    note: str


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """An agenda item of the masthead: "Agenda item 99 (b) General and complete disarmament: nuclear disarmament"."""

    number: int
    sub: str | None  # "b"
    title: str | None


@dataclass(frozen=True, slots=True)
class Source:
    """The file a resolution was read from; ``record`` and ``url`` are the front matter's hints (a library record id, the PDF's address)."""

    path: str
    sha256: str
    layout: str
    record: str | None = None
    url: str | None = None


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
    sections: tuple[Section, ...] = ()  # headings of the preamble and the operative part
    annexes: tuple[Annex, ...] = ()
    corrections: tuple[Correction, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()  # the masthead's items, with their titles where printed
    parts: tuple[LetteredPart, ...] = ()  # a resolution adopted in lettered parts: then preamble and operative are empty
    subjects: tuple[str, ...] = ()  # what it is about: keys of the main fields of topics.toml, read by the extraction
    without_reference: bool = False  # adopted in plenary "without reference to a Main Committee", as the heading says

    @property
    def session(self) -> int | str:
        return self.symbol.session

    @property
    def number(self) -> int:
        return self.symbol.number

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The preambular paragraphs, then the operative ones (of each lettered part in turn, if in parts)."""
        return self.preamble + self.operative + tuple(p for part in self.parts for p in part.paragraphs)

    def units(self) -> Iterator[Unit]:
        """Every unit in document order: each paragraph followed by its sub-paragraphs (depth first), then the
        footnotes, then each annex's paragraphs and footnotes."""
        yield from walk(self.paragraphs)
        yield from self.footnotes
        for annex in self.annexes:
            yield from walk(annex.paragraphs)
            yield from annex.footnotes
