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
  and which has no closing lines, was cut short.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mapper.core.model import Footnote, LeadPhrase, Marker, Paragraph, ParagraphKind, Span, Subparagraph, walk
from mapper.core.symbols import roman_to_int
from mapper.core.text import MappedText
from mapper.errors import StructureError, TruncatedError
from mapper.lexicon.words import LEAD_PHRASE, POST_MODIFIERS, PRE_MODIFIERS, verb_form
from mapper.parse.draft import OPERATIVE, SUBPARAGRAPH, Draft
from mapper.parse.footnotes import SENTINEL, extract_markers

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


def build(draft: Draft) -> Parts:
    warnings: list[str] = list(draft.warnings)
    preamble: list[_Node] = []
    operative: list[_Node] = []
    for block in draft.body:
        text = block.text
        numbered = OPERATIVE.match(text.text)
        sub = SUBPARAGRAPH.match(text.text)
        if numbered:
            number = int(numbered.group("number"))
            if number != len(operative) + 1:
                raise StructureError(
                    f"operative paragraphs must be numbered 1, 2, 3 ... without gaps: expected {len(operative) + 1}, found {number}",
                    line=block.line,
                )
            rest = text[numbered.end():]
            operative.append(_Node(f"para_{number}", rest, block.line, number=number, kind="operative",
                                   phrase=lead_phrase(rest.text, block.phrase)))
        elif sub and (operative or preamble):
            parent = (operative or preamble)[-1]
            _attach(parent, sub.group("label"), text[sub.end():], block.line, warnings)
        elif _HEADING.match(SENTINEL.sub("", text.text)) and not LEAD_PHRASE.match(text.text):
            warnings.append(f"line {block.line}: section heading {text.text!r} skipped")
        elif operative:
            raise StructureError(
                f"unnumbered paragraph after operative paragraph {len(operative)}: expected '{len(operative) + 1}.' or a sub-paragraph label such as '(a)'",
                line=block.line,
            )
        else:
            n = len(preamble) + 1
            preamble.append(_Node(f"preamble_{n}", text, block.line, phrase=lead_phrase(text.text, block.phrase)))

    _check_complete(draft, preamble, operative)
    frozen_pre = tuple(_freeze(node) for node in preamble)
    frozen_op = tuple(_freeze(node) for node in operative)
    footnotes, more = _footnotes(draft, frozen_pre + frozen_op)
    return Parts(frozen_pre, frozen_op, footnotes, tuple(warnings + more))


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

def _label_value(label: str, kind: str) -> int | None:
    if kind == "alpha":
        if len(label) == 1:
            return ord(label) - ord("a") + 1
        if len(set(label)) == 1:  # "aa" after "z"
            return 26 + ord(label[0]) - ord("a") + 1
        return None
    try:
        return roman_to_int(label)
    except ValueError:
        return None


def _attach(parent: _Node, label: str, text: MappedText, line: int, warnings: list[str]) -> None:
    """Place sub-paragraph ``label`` in ``parent``'s tree of lists."""
    path = [parent]
    while path[-1].children:
        path.append(path[-1].children[-1])
    # path[k] holds the list whose last item is path[k + 1]; try the deepest list first.
    for holder in reversed(path[:-1]):
        kind = holder.list_kind
        last = _label_value(holder.children[-1].label or "", kind) if kind else None
        if kind and last is not None and _label_value(label, kind) == last + 1:
            _add(holder, label, text, line)
            return
    # A new list opens under the deepest item: (a) under a paragraph, (i) under (a).
    deepest = path[-1]
    for kind in ("alpha", "roman") if label != "i" or deepest is parent else ("roman", "alpha"):
        if _label_value(label, kind) == 1:
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


def _footnotes(draft: Draft, paragraphs: tuple[Paragraph, ...]) -> tuple[tuple[Footnote, ...], list[str]]:
    first_marker: dict[int, str] = {}
    for u in walk(paragraphs):
        for m in u.markers:
            first_marker.setdefault(m.number, u.id)
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
    return tuple(sorted(notes, key=lambda f: f.number)), warnings


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
