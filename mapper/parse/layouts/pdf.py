"""Text extracted from the official PDF by a PyMuPDF-style pipeline.

What such a text looks like (see ``tests/data/realworld/README.md``): YAML
front matter with the library catalogue's record; the masthead ("General
Assembly Distr.: General 5 December 2025", "Eightieth session Agenda item 94
<item title>"); the heading; the text, one PDF text block per line or
hard-wrapped, with the page furniture of every page left in it (see
:mod:`mapper.parse.furniture`); the closing lines; perhaps annexes; and the
footnotes collected at the end as ``[^n]: ...`` (or left in the body as bare
lines, "1 A/80/237."). Markers come in every form: ``[^4]``, glued digits,
spaced digits, digits glued to a year.

So nothing here trusts a line break: furniture and footnote lines are taken
out, recorded as :class:`~mapper.core.model.Correction`, and the rest is
joined into paragraphs by :mod:`mapper.parse.grammar`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

import yaml

from mapper.core.model import Correction
from mapper.core.text import MappedText
from mapper.lexicon.dates import DATE
from mapper.parse.draft import AnnexDraft, Block, Draft, FootnoteText, Hints, PartDraft
from mapper.parse.footnotes import inline_footnote_end, mark_printed, sentinel
from mapper.parse.furniture import Furniture
from mapper.parse.grammar import Joiner, Line, operative_lead
from mapper.parse.heading import CLOSING, SYMBOL_LINE
from mapper.parse.layouts.common import ENACTING, find_enacting
from mapper.parse.source import Line as SourceLine
from mapper.parse.source import SourceText

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
DEFINITION = re.compile(r"^\[\^(?P<number>\d{1,4})\]:\s*(?P<text>.*)$")
MARKER = re.compile(r"\[\^(?P<number>\d{1,3})\](?!:)")
ANNEX = re.compile(r"^\s*(?P<heading>Annex(?:es)?(?:\s+(?:[IVXL]{1,6}|\d{1,2}|[A-Z]))?)\s*$")
# The closing lines glued to the paragraph before them: '... development". 69th plenary meeting 1 December 2025'.
GLUED_CLOSING = re.compile(
    rf"(?<=[.”’\"])\s+(?P<closing>\d{{1,4}}(?:st|nd|rd|th)\s+plenary\s+meeting\s+(?:{DATE.pattern}))\s*$", re.I
)
# Body text glued to a footnote line: "[^3]: A/79/88. 4. Decides to include ..."
GLUED_BODY = re.compile(r"(?<=[.;”])\s+(?=(?P<number>\d{1,3})\.\s+[A-Z])")
# A broken footnote label is the wrapped end of the footnote before: "[^1994]: (United Nations publication ...".
_SIGNS = (
    re.compile(r"^(?:source_pdf|extract_version|record_id):", re.M),  # the front matter of an extraction pipeline
    re.compile(r"Distr\.:\s*General"),  # the masthead
    re.compile(r"^\[\^\d{1,3}\]:", re.M),  # footnotes collected at the end
    re.compile(r"\f"),  # pages, as pdftotext separates them
)
# Page furniture on lines of its own after the enacting formula: the symbol (alone, or opening a running
# header: "A/RES/80/10 International Day of ... 2/2"), a job number, a page counter.
_BODY_FURNITURE = re.compile(r"^(?:A/RES/\S+(?:[ \t].*)?|\d{2}-\d{5}(?:\s\([A-Z]\))?|\d{1,2}/\d{1,2})[ \t]*$", re.M)


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, ten times faster, where installed


def signs(text: str) -> int:
    """How many signs of a PDF extraction ``text`` shows (front matter, masthead, collected footnotes, pages,
    furniture in the body), counted up to two: two make the layout."""
    found = 0
    for sign in _SIGNS:
        found += sign.search(text) is not None
        if found == 2:
            return found
    formula = text.find("The General Assembly,")
    return found + (formula >= 0 and _BODY_FURNITURE.search(text, formula) is not None)


@dataclass
class _Reading:
    """One file being read: what was removed from it, and the warnings."""

    source: SourceText
    corrections: list[Correction] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def text(self, line: SourceLine) -> MappedText:
        return MappedText.of(self.source.text, line.start, line.end)


def read(source: SourceText) -> Draft:
    lines = source.lines
    reading = _Reading(source)
    hints, first = _front_matter(source)
    enact, column = find_enacting(lines)
    notes_at = _notes_start(lines, enact)

    head_lines = [line.text for line in lines[first:enact]] + [lines[enact].text[:column]]
    head_lines, first_part = _first_part(head_lines)
    title = _printed_title(head_lines)
    body = [line for line in lines[enact + 1 : notes_at] if not RULE.match(line.text)]
    furniture = Furniture(title, (line.text for line in body))
    body, feet = _without_furniture(reading, furniture, body)

    definitions = [line for line in lines[notes_at:] if not RULE.match(line.text)]
    footnotes, moved = _definitions(reading, _without_furniture(reading, furniture, definitions)[0])
    body_lines = [Line(_markers(reading.text(line)), line.number) for line in body] + moved
    if not footnotes:
        body_lines, footnotes = _bare_footnotes(reading, body_lines, feet)

    segments = _parts(reading, body_lines, first_part, lines[enact].number)
    body_lines, closing, rest = _closing(reading, segments[-1][2])
    segments[-1] = (*segments[-1][:2], body_lines, segments[-1][3])
    annex_parts = _annexes(reading, rest)
    joiner = Joiner("preamble", source=source.text)
    part_blocks = []
    for _, _, part_lines, _ in segments:
        part_joiner = Joiner("preamble", source=source.text)
        part_blocks.append(part_joiner.join(part_lines))
        joiner.corrections += part_joiner.corrections
        joiner.warnings += part_joiner.warnings
    blocks = [b for part in part_blocks for b in part]
    annexes = []
    for heading, title_text, annex_lines, line in annex_parts:
        annex_joiner = Joiner("annex", source=source.text)
        annexes.append(AnnexDraft(heading, title_text, tuple(annex_joiner.join(annex_lines)), line))
        reading.corrections += annex_joiner.corrections
        reading.warnings += annex_joiner.warnings
    # Markers are numbered through the whole text, annexes included.
    known = {f.number for f in footnotes}
    texts = [b.text for b in blocks] + [b.text for a in annexes for b in a.body]
    marked, missing = mark_printed(texts, known)
    blocks = [Block(t, b.line, b.phrase, b.heading) for b, t in zip(blocks, marked, strict=False)]
    marked = marked[len(blocks):]
    parts = []
    if len(segments) > 1:
        at = 0
        for (label, part_title, _, line_number), own in zip(segments, part_blocks, strict=True):
            parts.append(PartDraft(label, part_title, tuple(blocks[at : at + len(own)]), line_number))
            at += len(own)
        blocks = []
    annexes_marked = []
    for a in annexes:
        body_blocks = tuple(Block(t, b.line, b.phrase, b.heading) for b, t in zip(a.body, marked, strict=False))
        marked = marked[len(a.body):]
        annexes_marked.append(AnnexDraft(a.heading, a.title, body_blocks, a.line))

    head = "\n".join(_head(head_lines))
    last = max((line.number for line in lines if line.text.strip()), default=1)
    return Draft(
        layout="pdf",
        head=head,
        closing=closing,
        trailer="",
        body=tuple(blocks),
        footnotes=tuple(footnotes),
        enacting_line=lines[enact].number,
        last_line=last,
        warnings=tuple(reading.warnings + joiner.warnings + missing),
        annexes=tuple(annexes_marked),
        corrections=tuple(reading.corrections + joiner.corrections),
        hints=hints,
        parts=tuple(parts),
    )


# -- front matter and heading ----------------------------------------------------------

def _front_matter(source: SourceText) -> tuple[Hints, int]:
    """The front matter's hints and the index of the first line after it."""
    m = FRONT_MATTER.match(source.text)
    if not m:
        return Hints(), 0
    try:
        data = yaml.load(m.group("yaml"), Loader=_LOADER)  # safe: plain data only
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict):
        data = {}
    end_line = source.text.count("\n", 0, m.end()) + (0 if m.group().endswith("\n") else 1)

    def get(key: str) -> str | None:
        value = data.get(key)
        return str(value).strip() if value not in (None, "") else None

    return Hints(symbol=get("symbol"), record=get("record_id"), url=get("source_pdf") or get("url"), title=get("title")), end_line


def _printed_title(head: list[str]) -> str | None:
    """The title as the symbol line prints it, continuation lines included."""
    for i, text in enumerate(head):
        m = SYMBOL_LINE.match(text)
        if m:
            more = [t.strip() for t in head[i + 1 :] if t.strip()]
            return " ".join([m.group("title"), *more]).strip() or None
    return None


def _head(head: list[str]) -> list[str]:
    """The heading for :func:`mapper.parse.heading.read_heading`: after the symbol line, the title
    runs on to the enacting formula, blank lines or not."""
    for i, text in enumerate(head):
        if SYMBOL_LINE.match(text):
            return head[:i] + [t for t in head[i:] if t.strip()]
    return head


# -- furniture and footnotes ------------------------------------------------------------

def _without_furniture(reading: _Reading, furniture: Furniture, lines: list[SourceLine]) -> tuple[list[SourceLine], set[int]]:
    """``lines`` without their page furniture, each removal recorded; and the page feet: the line numbers of
    the last line of text before each page's furniture, and of the last line of all."""
    kept = []
    feet: set[int] = set()
    texts = [line.text for line in lines if line.text.strip()]
    following = dict(itertools.pairwise(texts))  # the next line of text after each (by text: enough to tell)
    for line in lines:
        found = furniture.find(line.text, following.get(line.text, ""))
        if found is None:
            kept.append(line)
            continue
        reading.corrections.append(Correction(found.kind, line.number, found.text, f"{found.kind.replace('-', ' ')} removed"))
        last = next((k for k in reversed(kept) if k.text.strip()), None)
        if last is not None:
            feet.add(last.number)
    last = next((k for k in reversed(kept) if k.text.strip()), None)
    if last is not None:
        feet.add(last.number)
    return kept, feet


def _markers(text: MappedText) -> MappedText:
    """``[^n]`` markers as sentinels, and the space an extraction leaves after a hyphen closed up."""
    if "- " in text.text:
        text = text.rewrite(_HYPHEN_SPACE, lambda m: "")
    if "[^" not in text.text:
        return text
    return text.rewrite(MARKER, lambda m: sentinel(int(m.group("number"))))


# "decision- making": a line broken after a hyphen, joined with a space by the extraction. A space after a
# hyphen is never the Assembly's, except in a suspended compound ("confidence- and security-building"); a title's
# compound breaks the same way ("Nuclear- Weapon-Free Zone", "Non‑ Proliferation").
_HYPHEN_SPACE = re.compile(r"(?<=[A-Za-z][-‑]) (?=[A-Za-z])(?!(?:and|or|nor|to|than)\b)")


def _notes_start(lines: tuple[SourceLine, ...], enact: int) -> int:
    """Where the footnotes collected at the end begin: the first ``[^n]:`` line after the text (or the end)."""
    for i in range(enact + 1, len(lines)):
        if DEFINITION.match(lines[i].text):
            return i
    return len(lines)


def _definitions(reading: _Reading, lines: list[SourceLine]) -> tuple[list[FootnoteText], list[Line]]:
    """The footnotes collected at the end, and body text the extraction glued onto them."""
    notes: list[FootnoteText] = []
    moved: list[Line] = []
    for line in lines:
        m = DEFINITION.match(line.text)
        if m and (not notes or int(m.group("number")) == notes[-1].number + 1 or int(m.group("number")) == 1):
            text = MappedText.of(reading.source.text, line.start + m.start("text"), line.end)
            notes.append(FootnoteText(int(m.group("number")), text, line.number))
        elif not line.text.strip():
            continue
        elif notes:
            if m:
                # "[^1994]:" after "[^10]:": the label is the first word of the footnote's wrapped end
                piece = MappedText.join([MappedText.of(reading.source.text, line.start + m.start("number"), line.start + m.end("number")),
                                         MappedText.of(reading.source.text, line.start + m.start("text"), line.end)], " ")
                reading.corrections.append(Correction("footnote-joined", line.number, f"[^{m.group('number')}]:",
                                                      f"broken footnote label joined to footnote {notes[-1].number}"))
            else:
                piece = reading.text(line)
            last = notes[-1]
            notes[-1] = FootnoteText(last.number, MappedText.join([last.text, piece], " "), last.line)
    out = []
    for note in notes:
        text = note.text.squeeze()
        cut = next((g for g in GLUED_BODY.finditer(text.text) if operative_lead(text.text[g.end() + len(g.group("number")) + 1 :].lstrip())), None)
        if cut:
            body = text[cut.end() :]
            text = text[: cut.start()]
            moved.append(Line(body, note.line))
            reading.corrections.append(Correction("text-moved", note.line, body.text[:60],
                                                  f"body text glued onto footnote {note.number} moved back to the body"))
            reading.warnings.append(f"line {note.line}: body text glued onto footnote {note.number} moved back to the body")
        out.append(FootnoteText(note.number, text.strip(), note.line))
    return out, moved


def _bare_footnotes(reading: _Reading, lines: list[Line], feet: set[int]) -> tuple[list[Line], list[FootnoteText]]:
    """Footnote texts printed as lines of the body ("1 A/80/237."), cut back out, numbered 1, 2, 3 ...

    A footnote opens with its number, the next due, and a capital, a quote or a symbol. It is taken when it
    is a reference from end to end (:func:`~mapper.parse.footnotes.inline_footnote_end`), ending with a full
    stop, a wrapped one ("2 United Nations, Treaty Series, vol." / "1342, No. 22495.") with the lines that
    finish it; or when it stands at the foot of a page, as a PDF prints its footnotes: it and the footnotes
    after it run to the line before the page's furniture (``feet``), whatever they say.
    """
    kept: list[Line] = []
    notes: list[FootnoteText] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _BARE_START.match(line.text.text)
        if not (m and int(m.group("number")) == len(notes) + 1):
            kept.append(line)
            i += 1
            continue
        foot = _at_foot(lines, i, len(notes) + 1, feet)
        if foot:
            for number, first, parts in foot:
                text = MappedText.join(parts, " ")
                notes.append(FootnoteText(number, text, first))
                reading.corrections.append(Correction("footnote-moved", first, f"{number} {text.text}",
                                                      f"footnote {number}, printed at the foot of a page, moved out of the text"))
            i += sum(len(parts) for _, _, parts in foot)
            continue
        parts = [line.text[m.start("text") :].strip()]
        j = i + 1
        while _unfinished(parts[-1].text) and j < len(lines) and len(lines[j].text.text) < 120 and _reference(lines[j].text.text.strip()):
            parts.append(lines[j].text.strip())
            j += 1
        text = MappedText.join(parts, " ")
        if text.text.endswith(".") and not _unfinished(text.text) and _reference(text.text):
            number = len(notes) + 1
            notes.append(FootnoteText(number, text, line.number))
            reading.corrections.append(Correction("footnote-moved", line.number, f"{number} {text.text}",
                                                  f"footnote {number} printed inside the body moved out of it"))
            i = j
            continue
        kept.append(line)
        i += 1
    return kept, notes


def _at_foot(lines: list[Line], i: int, number: int, feet: set[int]) -> list[tuple[int, int, list[MappedText]]]:
    """The footnotes numbered from ``number`` that open at line ``i`` and run to a page's foot, each with the
    line it opens on and its text's lines (blank lines skipped); [] when they do not reach a foot."""
    found: list[tuple[int, int, list[MappedText]]] = []
    j = i
    while j < len(lines):
        text = lines[j].text.text
        m = _BARE_START.match(text)
        if m and int(m.group("number")) == number and _opens_note(m.group("text")):
            found.append((number, lines[j].number, [lines[j].text[m.start("text"):].strip()]))
            number += 1
        elif found and text.strip():
            found[-1][2].append(lines[j].text.strip())
        elif not found:
            return []
        if lines[j].number in feet:
            return found if found[-1][2][-1].text.rstrip().endswith((".", ")")) else []
        if len(found[-1][2]) > 6:
            return []  # no footnote runs over six lines of a page's foot
        j += 1
    return []


def _opens_note(text: str) -> bool:
    """Does a footnote's text open here: with a capital, a quote, a symbol ("A/80/237."), a year and a name
    ("2000 Review Conference ...") or a word of references ("ibid.")?"""
    return bool(text) and (text[0].isupper() or text[0] in "“\"‘(" or text.lower().startswith(("ibid", "see "))
                           or re.match(r"(?:19|20)\d\d\s+[A-Z]", text) is not None)


_BARE_START = re.compile(r"^\s*(?P<number>\d{1,3})\s+(?P<text>\S.*)$")
_ABBREVIATED = re.compile(r"\b(?:No|Nos|vol|vols|p|pp|para|paras|chap|sect|art|Add|Corr|Rev)\.$")


def _unfinished(text: str) -> bool:
    """Does a footnote text stop before its end: no full stop, or an abbreviation's ("vol.", "No.")?"""
    t = text.rstrip()
    return not t.endswith(".") or _ABBREVIATED.search(t) is not None


def _reference(text: str) -> bool:
    """Is ``text`` a reference from end to end (symbols, names, numbers and the words of references)?"""
    return inline_footnote_end(text, 0) >= len(text.rstrip()) - 1


# -- lettered parts ----------------------------------------------------------------------------

PART_LABEL = re.compile(r"^\s*(?P<label>[A-Z])\s*$")


def _first_part(head: list[str]) -> tuple[list[str], tuple[str, str | None] | None]:
    """The heading without the first part's label and title ("A" / "Information in the service of humanity"),
    and those, when the resolution is in lettered parts (a letter alone on a line after the symbol line)."""
    for i, text in enumerate(head):
        if SYMBOL_LINE.match(text):
            for j in range(i + 1, len(head)):
                m = PART_LABEL.match(head[j])
                if m:
                    title = " ".join(t.strip() for t in head[j + 1 :] if t.strip()) or None
                    return head[:j], (m.group("label"), title)
            break
    return head, None


def _parts(reading: _Reading, lines: list[Line], first: tuple[str, str | None] | None, line: int) -> list[tuple[str, str | None, list[Line], int]]:
    """The text cut at each further enacting formula: (label, title, lines, line) per lettered part.

    A part opens with its letter on a line of its own, perhaps its title, then "The General Assembly,";
    the closing lines of a part before the last are dropped (the resolution's are the last part's).
    Without parts, one segment with the whole text.
    """
    starts: list[tuple[int, int, str, str | None, int]] = []  # (label index, formula index, label, title, line)
    for k, candidate in enumerate(lines):
        t = candidate.text.text
        if len(t) > 60 or "Assembly" not in t or not ENACTING.search(t):
            continue  # the formula stands on a short line of its own
        before = [j for j in range(k - 1, max(-1, k - 8), -1) if lines[j].text.text.strip()][:4]
        label_at = next((j for j in before if PART_LABEL.match(lines[j].text.text)), None)
        if label_at is None:
            reading.warnings.append(f"line {candidate.number}: a second enacting formula without a part letter before it is read as text")
            continue
        title = " ".join(lines[j].text.text.strip() for j in range(label_at + 1, k) if lines[j].text.text.strip()) or None
        letter = lines[label_at].text.text.strip()
        starts.append((label_at, k, letter, title, lines[label_at].number))
    if not starts:
        return [("", None, lines, line)]
    if first is None:
        reading.warnings.append(f"line {line}: parts {', '.join(s[2] for s in starts)} follow a first part without a letter: read as part A")
        first = ("A", None)
    segments = [(first[0], first[1], lines[: starts[0][0]], line)]
    for n, (_, k, label, title, number) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        segments.append((label, title, lines[k + 1 : end], number))
    for n in range(len(segments) - 1):  # a part's own closing lines
        letter, named, part_lines, number = segments[n]
        cut = next((i for i, x in enumerate(part_lines) if CLOSING.match(x.text.text)), len(part_lines))
        segments[n] = (letter, named, part_lines[:cut], number)
    return segments


# -- closing lines and annexes -------------------------------------------------------------

def _closing(reading: _Reading, lines: list[Line]) -> tuple[list[Line], str, list[Line]]:
    """The body, the closing lines and what follows them (annexes)."""
    for i, line in enumerate(lines):
        if CLOSING.match(line.text.text):
            closing = [line.text.text.strip()]
            if not re.search(DATE.pattern, line.text.text) and i + 1 < len(lines):
                closing.append(lines[i + 1].text.text.strip())
                i += 1
            return lines[: i + 1 - len(closing)], "\n".join(closing), lines[i + 1 :]
    for i in range(len(lines) - 1, -1, -1):
        m = GLUED_CLOSING.search(lines[i].text.text)
        if m:
            line = lines[i]
            reading.corrections.append(Correction("closing-split", line.number, m.group("closing"),
                                                  "the closing lines, glued to the last paragraph, cut off it"))
            reading.warnings.append(f"line {line.number}: the closing lines were glued to the last paragraph: cut off it")
            return [*lines[:i], Line(line.text[: m.start()], line.number)], m.group("closing"), lines[i + 1 :]
    for i, line in enumerate(lines):
        if ANNEX.match(line.text.text):
            return lines[:i], "", lines[i:]
    return lines, "", []


def _annexes(reading: _Reading, lines: list[Line]) -> list[tuple[str, str | None, list[Line], int]]:
    """Annexes after the closing lines: each opens with "Annex" (or "Annex II") on a line of its own."""
    annexes: list[tuple[str, str | None, list[Line], int]] = []
    for line in lines:
        m = ANNEX.match(line.text.text)
        if m:
            annexes.append((" ".join(m.group("heading").split()), None, [], line.number))
        elif annexes:
            annexes[-1][2].append(line)
        elif line.text.text.strip():
            reading.warnings.append(f"line {line.number}: text after the closing lines that is not an annex is not parsed")
    out = []
    for heading, _, lines_of, number in annexes:
        body = [x for x in lines_of if x.text.text.strip()]
        title_lines: list[str] = []
        while body and _title_like(body[0].text.text):
            title_lines.append(body.pop(0).text.text.strip())
        out.append((heading, " ".join(title_lines) or None, body, number))
    return out


def _title_like(text: str) -> bool:
    t = text.strip()
    return bool(t) and len(t) <= 200 and t[0].isupper() and not re.match(r"\d{1,3}\.\s|\(\w{1,5}\)\s|We\b", t) and not t.endswith((",", ";", ":"))
