"""Parsing, step 4: a Draft's paragraphs become preambular and operative paragraphs.

Rules (UN Editorial Manual; AKN4UN for the identifiers):

* preambular paragraphs are unnumbered and come first; operative paragraphs
  are numbered 1, 2, 3 ... without gaps;
* sub-paragraphs are labelled (a), (b) ... and nest (i), (ii) ... inside;
  "(i)" is the letter after "(h)", else the first roman numeral;
* the lead phrase is what the layout marks (Markdown italics), else the
  longest clause phrase of the lexicon, else the first word (with its
  adverb: "Strongly deplores");
* a resolution ends with a full stop; a text whose last paragraph does not,
  and which has no closing lines, was cut short;
* a heading (a short line between paragraphs, "II. Implementation", "Peacebuilding
  financing") heads the paragraphs up to the next heading: a :class:`~mapper.core.model.Section`
  (AKN ``hcontainer``), a sub-heading under the numbered heading above it;
* an annex's paragraphs keep their printed numbers (``annex_1__para_3``); the operative
  paragraph that names "the annex to the present resolution" annexes it;
* a resolution in lettered parts has a preamble and operative part per part, each
  numbered from 1 (``part_B__para_2``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mapper.core.model import (
    Annex,
    Footnote,
    LeadPhrase,
    LetteredPart,
    Marker,
    Paragraph,
    ParagraphKind,
    Section,
    Span,
    Subparagraph,
    walk,
)
from mapper.core.text import MappedText
from mapper.errors import StructureError, TruncatedError
from mapper.lexicon.words import LEAD_PHRASE, POST_MODIFIERS, PRE_MODIFIERS, verb_form
from mapper.parse.draft import OPERATIVE, SUBPARAGRAPH, AnnexDraft, Block, Draft, PartDraft, label_value
from mapper.parse.footnotes import SENTINEL, extract_markers
from mapper.parse.grammar import operative_lead

# A short unpunctuated line between paragraphs: "I", "B", "Follow-up".
_HEADING = re.compile(r"^(?:[IVXL]{1,5}|[A-Z]|[A-Z][\w ,\-–’']{0,60}[^\W\d_])$")
_FALLBACK_PHRASE = re.compile(r"(?:[A-Z][a-z]+ly\s+)?[A-Za-z][a-z\-]*")


@dataclass
class _Node:
    """A paragraph or sub-paragraph under construction."""

    id: str
    text: MappedText
    line: int
    label: str | None = None
    number: int | None = None
    phrase: LeadPhrase | None = None
    kind: ParagraphKind = "preambular"
    children: list[_Node] = field(default_factory=list)
    list_kind: str | None = None  # "alpha" or "roman": how the children are labelled


@dataclass(frozen=True, slots=True)
class Parts:
    preamble: tuple[Paragraph, ...]
    operative: tuple[Paragraph, ...]
    footnotes: tuple[Footnote, ...]
    warnings: tuple[str, ...]
    sections: tuple[Section, ...] = ()
    annexes: tuple[Annex, ...] = ()
    parts: tuple[LetteredPart, ...] = ()


@dataclass
class _Sections:
    """The headings met so far, and the paragraphs under the last one."""

    prefix: str = ""
    open: list[tuple[Section, list[str]]] = field(default_factory=list)

    def heading(self, block: Block, text: str) -> None:
        m = _SECTION_LABEL.match(text)
        label, words = (m.group("roman") or m.group("letter"), m.group("words") or None) if m else (None, text)
        if label is None and self.open and self.open[-1][0].heading is None and not self.open[-1][1]:
            # "I." on a line, its heading on the next: one heading
            last = self.open[-1][0]
            self.open[-1] = (Section(last.id, last.label, words, (), last.line, last.span, last.parent), [])
            return
        parent = None
        if label is None:
            parent = next((s.id for s, _ in reversed(self.open) if s.label is not None and s.parent is None), None)
        span = block.text.source_span() or (0, 0)
        section = Section(f"{self.prefix}hcontainer_{len(self.open) + 1}", label, words, (), block.line, Span(*span), parent)
        self.open.append((section, []))

    def paragraph(self, pid: str) -> None:
        if self.open:
            self.open[-1][1].append(pid)

    def freeze(self) -> tuple[Section, ...]:
        return tuple(
            Section(s.id, s.label, s.heading, tuple(ids), s.line, s.span, s.parent) for s, ids in self.open
        )


# "II. Implementation of ...", "B", "Peacebuilding financing"
_SECTION_LABEL = re.compile(r"^(?:(?P<roman>[IVXL]{1,6})(?:\.\s*|\s+|$)|(?P<letter>[A-Z])(?:\.\s+|$))(?P<words>.*)$")


def build(draft: Draft) -> Parts:
    warnings: list[str] = list(draft.warnings)
    if draft.parts:
        bodies = [(p, *_body(p.body, f"part_{p.label}__", warnings)) for p in draft.parts]
        _check_complete(draft, bodies[-1][1], bodies[-1][2])
        parts = [_part(*body) for body in bodies]
        all_operative = tuple(p for part in parts for p in part.operative)
        annexes = [_link(_annex(a, i, warnings), all_operative, len(draft.annexes)) for i, a in enumerate(draft.annexes, 1)]
        notes, more = _footnotes(draft, tuple(p for part in parts for p in part.paragraphs), annexes)
        return Parts((), (), notes, tuple(warnings + more), (), tuple(annexes), tuple(parts))
    preamble, operative, sections = _body(draft.body, "", warnings)
    _check_complete(draft, preamble, operative)
    frozen_pre = tuple(_freeze(node) for node in preamble)
    frozen_op = tuple(_freeze(node) for node in operative)
    annexes = [_link(_annex(a, i, warnings), frozen_op, len(draft.annexes)) for i, a in enumerate(draft.annexes, 1)]
    footnotes, more = _footnotes(draft, frozen_pre + frozen_op, annexes)
    return Parts(frozen_pre, frozen_op, footnotes, tuple(warnings + more), sections.freeze(), tuple(annexes))


def _part(draft: PartDraft, preamble: list[_Node], operative: list[_Node], sections: _Sections) -> LetteredPart:
    """A lettered part: its own preamble and operative paragraphs, numbered from 1, ids prefixed ``part_B__``."""
    if not operative:
        raise TruncatedError(f"part {draft.label} has no operative paragraphs: expected numbered paragraphs after its preamble",
                             line=draft.line)
    spans = [s for s in (b.text.source_span() for b in draft.body) if s]
    span = Span(min(s[0] for s in spans), max(s[1] for s in spans)) if spans else Span(0, 0)
    return LetteredPart(f"part_{draft.label}", draft.label, draft.title, tuple(_freeze(n) for n in preamble),
                        tuple(_freeze(n) for n in operative), sections.freeze(), draft.line, span)


def _body(blocks: tuple[Block, ...], prefix: str, warnings: list[str]) -> tuple[list[_Node], list[_Node], _Sections]:
    """The preambular and operative paragraphs and the headings of one enacting formula's text."""
    preamble: list[_Node] = []
    operative: list[_Node] = []
    sections = _Sections(prefix)
    numbered_anywhere = any(OPERATIVE.match(b.text.text) for b in blocks)
    for block in blocks:
        text = block.text
        numbered = OPERATIVE.match(text.text)
        sub = SUBPARAGRAPH.match(text.text)
        if block.heading:
            sections.heading(block, " ".join(SENTINEL.sub("", text.text).split()))
        elif numbered:
            number = int(numbered.group("number"))
            if number != len(operative) + 1:
                raise StructureError(
                    f"operative paragraphs must be numbered 1, 2, 3 ... without gaps: expected {len(operative) + 1}, found {number}",
                    line=block.line,
                )
            rest = text[numbered.end():]
            operative.append(_Node(f"{prefix}para_{number}", rest, block.line, number=number, kind="operative",
                                   phrase=lead_phrase(rest.text, block.phrase)))
            sections.paragraph(operative[-1].id)
        elif sub and (operative or preamble):
            parent = (operative or preamble)[-1]
            _attach(parent, sub.group("label"), text[sub.end():], block.line, warnings)
        elif _HEADING.match(SENTINEL.sub("", text.text)) and not LEAD_PHRASE.match(text.text):
            sections.heading(block, " ".join(SENTINEL.sub("", text.text).split()))
        elif not numbered_anywhere and (operative or operative_lead(text.text)) and preamble:
            # The one unnumbered operative paragraph of a resolution ("Adopts the Declaration ...").
            if operative:
                raise StructureError("a second unnumbered operative paragraph: expected numbered paragraphs", line=block.line)
            operative.append(_Node(f"{prefix}para_1", text, block.line, kind="operative", phrase=lead_phrase(text.text, block.phrase)))
            sections.paragraph(operative[-1].id)
        elif operative:
            raise StructureError(
                f"unnumbered paragraph after operative paragraph {len(operative)}: expected '{len(operative) + 1}.' or a sub-paragraph label such as '(a)'",
                line=block.line,
            )
        else:
            n = len(preamble) + 1
            preamble.append(_Node(f"{prefix}preamble_{n}", text, block.line, phrase=lead_phrase(text.text, block.phrase)))
            sections.paragraph(preamble[-1].id)
    return preamble, operative, sections


# "contained in the annex to the present resolution", "annexed to the present resolution", "set out in annex II hereto"
_ANNEX_REFERENCE = re.compile(
    r"\bannex(?:ed)?(?:\s+(?P<label>[IVXL]{1,6}|\d{1,2}|[A-Z]))?\s+(?:to\s+the\s+present\s+resolution|hereto)\b"
    r"|\bannexed\s+(?:to\s+the\s+present\s+resolution|hereto)\b",
    re.I,
)


def _link(annex: Annex, operative: tuple[Paragraph, ...], count: int) -> Annex:
    """``annex`` with the operative paragraph that adopts, endorses or approves it, where one names it."""
    label = annex.heading.split()[-1] if " " in annex.heading else None
    for p in operative:
        for u in walk((p,)):
            for m in _ANNEX_REFERENCE.finditer(u.text):
                named = m.group("label")
                if (named is None and count == 1) or (named is not None and named == label):
                    return Annex(annex.id, annex.heading, annex.title, annex.paragraphs, annex.sections, annex.footnotes,
                                 annex.line, annex.span, p.id)
    return annex


def _annex(draft: AnnexDraft, index: int, warnings: list[str]) -> Annex:
    """An annex's paragraphs (numbered, or unnumbered before the first number), sub-paragraphs and headings."""
    prefix = f"annex_{index}__"
    nodes: list[_Node] = []
    sections = _Sections(prefix)
    unnumbered = 0
    for block in draft.body:
        text = block.text
        numbered = OPERATIVE.match(text.text)
        sub = SUBPARAGRAPH.match(text.text)
        if block.heading:
            sections.heading(block, " ".join(SENTINEL.sub("", text.text).split()))
            continue
        if numbered:
            number = int(numbered.group("number"))
            rest = text[numbered.end():]
            node = _Node(f"{prefix}para_{number}", rest, block.line, number=number, kind="annex", phrase=lead_phrase(rest.text))
        elif sub and nodes:
            _attach(nodes[-1], sub.group("label"), text[sub.end():], block.line, warnings)
            continue
        else:
            unnumbered += 1
            node = _Node(f"{prefix}preamble_{unnumbered}", text, block.line, kind="annex", phrase=lead_phrase(text.text))
        nodes.append(node)
        sections.paragraph(node.id)
    spans = [b.text.source_span() for b in draft.body]
    located = [s for s in spans if s]
    span = Span(min(s[0] for s in located), max(s[1] for s in located)) if located else Span(0, 0)
    return Annex(f"annex_{index}", draft.heading, draft.title, tuple(_freeze(n) for n in nodes), sections.freeze(), (), draft.line, span)


def lead_phrase(text: str, marked: str | None = None) -> LeadPhrase:
    """The lead phrase opening ``text``; ``marked`` is the layout's (italics)."""
    if marked and text.startswith(marked):
        m = LEAD_PHRASE.match(marked)
        if m:
            return LeadPhrase(marked, _lemma(m), _modifiers(m))
        return LeadPhrase(marked, None)
    m = LEAD_PHRASE.match(text)
    if m:
        return LeadPhrase(" ".join(m.group().split()), _lemma(m), _modifiers(m))
    m = _FALLBACK_PHRASE.match(text)
    return LeadPhrase(m.group() if m else text.split(" ", 1)[0], None)


def _lemma(m: re.Match[str]) -> str:
    return verb_form(m).lemma


_MODIFIER = re.compile(
    r"with\s+[a-z ]+?(?=\s+(?:also|further|again|in particular|moreover)\b|$)|"
    + "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in PRE_MODIFIERS + POST_MODIFIERS), key=len, reverse=True))
)


def _modifiers(m: re.Match[str]) -> tuple[str, ...]:
    """The printed modifiers, in order: "Further strongly urges" -> ("further", "strongly")."""
    printed = f"{m.group('pre')} {m.group('post')}".lower().strip()
    return tuple(" ".join(x.split()) for x in _MODIFIER.findall(printed))


# -- sub-paragraphs --------------------------------------------------------------

def _attach(parent: _Node, label: str, text: MappedText, line: int, warnings: list[str]) -> None:
    """Place sub-paragraph ``label`` in ``parent``'s tree of lists."""
    path = [parent]
    while path[-1].children:
        path.append(path[-1].children[-1])
    # path[k] holds the list whose last item is path[k + 1]; try the deepest list first.
    for holder in reversed(path[:-1]):
        kind = holder.list_kind
        last = label_value(holder.children[-1].label or "", kind) if kind else None
        if kind and last is not None and label_value(label, kind) == last + 1:
            _add(holder, label, text, line)
            return
    # A new list opens under the deepest item: (a) under a paragraph, (i) under (a).
    deepest = path[-1]
    for kind in ("alpha", "roman") if label != "i" or deepest is parent else ("roman", "alpha"):
        if label_value(label, kind) == 1:
            deepest.list_kind = kind
            _add(deepest, label, text, line)
            return
    warnings.append(f"line {line}: sub-paragraph ({label}) is out of sequence; kept after the last one")
    holder = path[-2] if len(path) > 1 else parent
    holder.list_kind = holder.list_kind or "alpha"
    _add(holder, label, text, line)


def _add(holder: _Node, label: str, text: MappedText, line: int) -> None:
    holder.children.append(_Node(f"{holder.id}_list_point_{label}", text, line, label=label))


# -- freezing -----------------------------------------------------------------------

def _located(text: MappedText) -> tuple[str, tuple[Marker, ...], Span, tuple]:
    """Clean text, markers, span and source map of a squeezed text."""
    clean, markers = extract_markers(text)
    span = text.source_span() or (0, 0)
    return clean.text, markers, Span(*span), clean.runs


def _freeze(node: _Node) -> Paragraph:
    text, markers, span, runs = _located(node.text)
    return Paragraph(node.id, node.kind, node.number, node.phrase or LeadPhrase("", None), text, markers, span, node.line,
                     runs, tuple(_freeze_sub(child) for child in node.children))


def _freeze_sub(node: _Node) -> Subparagraph:
    text, markers, span, runs = _located(node.text)
    return Subparagraph(node.id, node.label or "", text, markers, span, node.line, runs,
                        tuple(_freeze_sub(child) for child in node.children))


def _footnotes(draft: Draft, paragraphs: tuple[Paragraph, ...], annexes: list[Annex]) -> tuple[tuple[Footnote, ...], list[str]]:
    """The resolution's footnotes; those whose first marker stands in an annex go to that annex (``annexes`` is updated)."""
    first_marker: dict[int, str] = {}
    owner: dict[int, int] = {}
    for u in walk(paragraphs):
        for m in u.markers:
            first_marker.setdefault(m.number, u.id)
    for index, annex in enumerate(annexes):
        for u in walk(annex.paragraphs):
            for m in u.markers:
                if m.number not in first_marker:
                    first_marker[m.number] = u.id
                    owner[m.number] = index
    notes = []
    warnings = []
    seen = set()
    for f in draft.footnotes:
        if f.number in seen:
            warnings.append(f"line {f.line}: footnote {f.number} given twice; the first kept")
            continue
        seen.add(f.number)
        text, _, span, runs = _located(f.text.squeeze())
        paragraph = first_marker.get(f.number)
        if paragraph is None:
            warnings.append(f"line {f.line}: no paragraph carries the marker of footnote {f.number}")
        notes.append(Footnote(f.number, text, paragraph, span, f.line, runs))
    for n in sorted(set(first_marker) - seen):
        warnings.append(f"marker {n} in {first_marker[n]} has no footnote text")
    for index, annex in enumerate(annexes):
        own = tuple(sorted((f for f in notes if owner.get(f.number) == index), key=lambda f: f.number))
        annexes[index] = Annex(annex.id, annex.heading, annex.title, annex.paragraphs, annex.sections, own, annex.line, annex.span,
                               annex.adopted_by)
    return tuple(sorted((f for f in notes if f.number not in owner), key=lambda f: f.number)), warnings


def _check_complete(draft: Draft, preamble: list[_Node], operative: list[_Node]) -> None:
    if not preamble and not operative:
        raise TruncatedError("nothing follows the enacting formula 'The General Assembly,': expected paragraphs", line=draft.enacting_line)
    if not operative:
        raise TruncatedError(
            f"the text ends in the preamble (paragraph {len(preamble)}): expected numbered operative paragraphs to follow",
            line=draft.last_line,
        )
    last = operative[-1]
    while last.children:
        last = last.children[-1]
    ending = SENTINEL.sub("", last.text.text).rstrip().rstrip("”’\"')]")
    if not ending.endswith((".", "!")) and not draft.closing:
        where = f"operative paragraph {operative[-1].number}" + (f" ({last.label})" if last.label else "")
        raise TruncatedError(
            f"the text stops inside {where}: expected the last paragraph to end with a full stop, "
            "then the closing lines ('NNth plenary meeting' and the date)",
            line=draft.last_line,
        )
