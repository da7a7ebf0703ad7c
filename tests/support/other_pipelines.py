"""A real resolution as other PDF-to-text tools lay it out: the same document, another extraction.

A file of tests/data/realworld/ is one pipeline's reading of one PDF (PyMuPDF, front matter, footnotes collected at
the end as ``[^n]: ...``). :mod:`tests.support.pdf_variants` varies that same pipeline's output; this module rebuilds
the document as tools with other habits print it:

- :func:`pdftotext_pages`: poppler's ``pdftotext`` without ``-layout``: the printed lines (hard-wrapped at the
  column's width), no front matter, the masthead one item per line, each page's footnotes at the foot of that page as
  bare lines ("1 See resolution 70/1."), a form feed between pages and the running header at the top of the next;
- :func:`hyphenate`: the printed lines of a justified column, where the typesetter broke long words at a syllable
  ("recom-" / "mendations") and the tool kept the hyphen;
- :func:`pdftotext_layout`: ``pdftotext -layout``: the same pages with the printed indentation (paragraph numbers,
  first-line indents, sub-paragraph labels further in), the masthead and the page furniture in two columns.

What a resolution says never changes, so a variant reads to the file's whole gold. All three start from
:func:`document`, the resolution as printed (masthead, heading, paragraphs, footnotes) read from the realworld text
without a parser: by the rules of :mod:`tests.support.pdf_variants` (:func:`~tests.support.pdf_variants.parts`, the
marker forms of :func:`~tests.support.pdf_variants.footnote_markers`, the words that may not start a line) and the
few listed in :func:`document`. What cannot be read back faithfully (a footnote whose call cannot be found) raises
:class:`Unplaceable` rather than being guessed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from tests.support import pdf_variants as pv

# --- Footnote calls ------------------------------------------------------------------------------------------------

# The first call of footnote n carries the private-use character chr(_SIGN + n) right after its digits, from
# document() to the pagination, which puts the footnote on the page where its sign falls; no output keeps one.
_SIGN = 0xE000
_SIGNS = re.compile("[\ue000-\uefff]")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# Words a number follows as its own ("paragraph 3 of", "agenda items 5, 6 and 7", "Goal 16"): not a footnote call.
_NUMBERED = frozenset({"paragraph", "paragraphs", "para.", "paras.", "article", "articles", "item", "items", "chapter",
    "chapters", "chap.", "no.", "nos.", "vol.", "vols.", "volume", "goal", "goals", "target", "targets", "principle",
    "principles", "page", "pages", "section", "sections", "sect.", "rule", "rules", "part", "parts", "annex", "annexes",
    "option", "options", "phase", "step", "level", "grade", "protocol", "recommendation", "recommendations"})
_PUNCT_BEFORE = "A-Za-z’”,;:)\\]"  # what a marker's digits follow, glued or after one space


class Unplaceable(ValueError):
    """The text does not tell where a footnote is called (or has no masthead to reprint): no faithful variant."""


def visible(text: str) -> str:
    """``text`` without the call signs of :func:`document`: what the tool prints."""
    return _SIGNS.sub("", text)


def _call_patterns(n: int) -> list[tuple[re.Pattern[str], bool]]:
    """The forms a call of footnote ``n`` takes in extracted text, each with the digits as group ``m``, and whether
    the form is also that of a number the text states (:func:`_is_number_of_its_own`): ``[^n]``; digits glued to a
    word or punctuation ("Nations1 are", "Women,5"); digits spaced after them ("Rights, 6 the", which "paragraph 3
    of" also is); digits glued to a year ("20233" for 2023 and 3, "2014–20243") or spaced after one ("of 1990 3
    and")."""
    d = str(n)
    end = r"(?=[\s,;.:)]|$)"
    return [(re.compile(p, re.M), spaced) for p, spaced in (
        (rf"(?P<m>\[\^{d}\])(?!:)", False),
        (rf"(?<=[{_PUNCT_BEFORE}])(?P<m>{d}){end}", False),
        (rf"(?<=[a-z)]\.)(?P<m>{d})(?=\s|$)", False),
        (rf"(?<=[{_PUNCT_BEFORE}.] )(?P<m>{d})(?=[\s,;.]|$)", True),
        (rf"(?<![\d/.])(?:19|20)\d\d(?:[–-](?:19|20)\d\d)?(?P<m>{d}){end}", False),
        (rf"(?<![\d/.])(?:19|20)\d\d (?P<m>{d})(?=\s+[a-z]|[,;.]|$)", False),
    )]


def _is_number_of_its_own(text: str, m: re.Match[str]) -> bool:
    """Whether the spaced digits of ``m`` are a number the text states rather than a call: after a word that
    numbers ("paragraph 3"), or before more numbers or a month ("items 5, 6 and 7", "on 8 and 9 December")."""
    before = text[:m.start("m")].split()
    after = text[m.end("m"):]
    if before and before[-1].lower() in _NUMBERED:
        return True
    return bool(re.match(rf"\s*(?:,\s*\d|(?:and|to|or)\s+\d|(?:{_MONTHS})\b|\()", after))


def footnote_calls(body: str, count: int, start: int = 0) -> list[tuple[int, int]]:
    """Where footnotes 1 to ``count`` are first called in ``body`` after ``start``: the ``(start, end)`` of each
    call's marker. A document numbers its footnotes in the order of their first calls, so footnote n is the first
    marker of n after the call of n - 1 (in the forms of :func:`_call_patterns`, a number the text states excluded).
    Raise :class:`Unplaceable` for a footnote whose call is not found."""
    calls = []
    pos = start
    for n in range(1, count + 1):
        found = []
        for pattern, spaced in _call_patterns(n):
            m = next((m for m in pattern.finditer(body, pos) if not (spaced and _is_number_of_its_own(body, m))), None)
            if m:
                found.append((m.start("m"), m.end("m")))
        if not found:
            raise Unplaceable(f"no call of footnote {n} after position {pos}")
        calls.append(min(found))
        pos = calls[-1][1]
    return calls


# --- The document as printed ---------------------------------------------------------------------------------------

_MASTHEAD_ORGAN = re.compile(r"^General Assembly\s+Distr\.:\s*General(?:\s+(?P<date>\d{1,2} [A-Z][a-z]+ \d{4}))?\s*$")
_ITEM = r"\d{1,3}(?:\s*\([a-z]{1,3}\))?"
_MASTHEAD_SESSION = re.compile(rf"^(?P<session>[A-Z][a-z]+(?:-[a-z]+)? session)\s+(?P<item>Agenda items? {_ITEM}"
                               rf"(?:(?:,| and) {_ITEM})*)(?:\s+(?P<agenda>\S.*?))?\s*$")
_CLOSING_DATE = re.compile(r"^(?P<meeting>\d+(?:st|nd|rd|th) plenary meeting)\s+(?P<date>\d{1,2} [A-Z][a-z]+ \d{4})$")
_LABELLED = re.compile(r"^(?P<label>\d{1,3}\.|\((?:[a-z]{1,2}|[ivxlc]+)\))\s+(?P<rest>\S.*)$")
_ROMAN_HEADING = re.compile(r"^[IVXLC]+\.$")
# Text an extraction glued onto a footnote: a numbered paragraph and the closing line, or the closing line alone.
_SWALLOWED = re.compile(r"\s+(?P<body>(?:\d{1,3}\.\s+[A-Z].*?\s+)?\d+(?:st|nd|rd|th) plenary meeting\b.*)$")
_INLINE_NOTE = re.compile(rf"^(?P<n>\d{{1,3}})\s+(?P<text>(?!(?:{_MONTHS})\b)[A-Z(“].*)$")


@dataclass(frozen=True)
class Masthead:
    """The masthead as printed: ``date`` of distribution (``None`` where the extraction lost it), ``session``
    ("Eightieth session"), ``item`` ("Agenda item 99 (mm)"), ``agenda`` (the item's title, "" where lost)."""

    date: str | None
    session: str
    item: str
    agenda: str


@dataclass(frozen=True)
class Paragraph:
    """A printed paragraph: ``kind`` is "enacting" ("The General Assembly,"), "paragraph" (a preambular or
    unnumbered one), "operative" (numbered "3."), "sub" (lettered or roman "(a)"), "heading" (a short line without
    closing punctuation, or "II."), "closing" ("52nd plenary meeting") or "date" (the date under it); ``label`` the
    number or letter ("" for none), ``text`` the words after it, on one line, calls signed."""

    kind: str
    label: str
    text: str

    @property
    def printed(self) -> str:
        """The label and the text, as a tool without layout prints them."""
        return f"{self.label} {self.text}" if self.label else self.text


@dataclass(frozen=True)
class Document:
    """The resolution as printed: ``symbol`` ("A/RES/80/16"), ``title`` (of the symbol line), ``job`` (the job
    number), the :class:`Masthead`, the ``heading`` lines ("Resolution adopted ...", "[on the report ...]",
    "80/16. <title>"), the :class:`Paragraph` list from "The General Assembly," to the end (annexes included) and
    the ``footnotes`` as ``(number, text)``."""

    symbol: str
    title: str
    job: str
    masthead: Masthead
    heading: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...]
    footnotes: tuple[tuple[int, str], ...]


def _definitions(lines: Sequence[str]) -> list[tuple[int, str]]:
    """The ``[^n]: text`` definitions of a footnote section, continuation lines joined. A definition numbered out
    of sequence ("[^1994]: (United Nations publication ...)" after footnote 10) is the wrapped end of the one before,
    its "number" the first word of that end."""
    notes: list[tuple[int, str]] = []
    for line in lines:
        m = re.match(r"^\[\^(\d+)\]:\s*(.*)$", line)
        if m and int(m[1]) == len(notes) + 1:
            notes.append((int(m[1]), m[2].strip()))
        elif m and notes:
            notes[-1] = (notes[-1][0], f"{notes[-1][1]} {m[1]} {m[2].strip()}")
        elif line.strip() and notes and line != "---":
            notes[-1] = (notes[-1][0], f"{notes[-1][1]} {line.strip()}")
    return notes


def _masthead(lines: Sequence[str]) -> tuple[Masthead, tuple[str, ...]]:
    """The masthead and the heading lines of the lines before "The General Assembly,"."""
    filled = [line.strip() for line in lines if line.strip()]
    if len(filled) < 4 or filled[0] != "United Nations":
        raise Unplaceable("no masthead 'United Nations' / 'General Assembly Distr.: General ...'")
    organ, session = _MASTHEAD_ORGAN.match(filled[1]), _MASTHEAD_SESSION.match(filled[2])
    if not (organ and session):
        raise Unplaceable(f"masthead not as the PDF prints it: {filled[1]!r}, {filled[2]!r}")
    adopted = next((i for i, line in enumerate(filled) if line.startswith("Resolution adopted")), None)
    if adopted is None:
        raise Unplaceable("no line 'Resolution adopted by the General Assembly on ...'")
    agenda = " ".join([session["agenda"] or "", *filled[3:adopted]]).strip()
    return Masthead(organ["date"], session["session"], session["item"], agenda), tuple(filled[adopted:])


def _uncalled(text: str) -> str:
    """``text`` without the footnote calls at its end ("Women,5" -> "Women,")."""
    return re.sub(r"\s*(?:\[\^\d+\]|\d+[\ue000-\uefff])+$", "", text.rstrip())


def _ends_open(text: str) -> bool:
    """Whether a line stops where no paragraph does: on a word, not on punctuation (calls at its end ignored)."""
    text = _uncalled(text)
    return bool(text) and text[-1].isalnum()


def _ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence or a clause list item ("." or ";", calls at its end ignored)."""
    return _uncalled(text)[-1:] in (".", ";")


def _heading(text: str) -> bool:
    """Whether a whole paragraph reads as a heading: "II.", or short without closing punctuation (calls ignored)."""
    bare = re.sub(r"(?<=[,;:.])\s*\d{1,3}$", "", visible(_uncalled(text)))
    return bool(_ROMAN_HEADING.match(text)) or pv._heading_like(bare or text)


def _paragraphs(lines: Sequence[str]) -> list[Paragraph]:
    """The printed paragraphs of the body lines from "The General Assembly," on.

    Each line of the realworld text is a printed line or a run of them, a blank line between blocks. A line
    continues the paragraph before it, rather than starting one, when it has no label, is not a closing line, and:
    in the same block (no blank line between), the line before does not end a sentence ("... to Prevent," /
    "Combat and Eradicate ...", "... Treaty" / "(Treaty of Pelindaba) ..."); in the next block, it starts in lower
    case, or the paragraph before stops on a word (a page break fell there: "in its" / "resolution 79/237",
    "Development, Production and" / "Stockpiling of ...") and is not a heading. Where none of these holds, a
    paragraph begins: the realworld text's own ambiguities stay as the file has them. A paragraph that reads as a
    heading as a whole (:func:`_heading`) is one."""
    out: list[Paragraph] = []
    blank = True
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            blank = True
            continue
        labelled = _LABELLED.match(line)
        closing = _CLOSING_DATE.match(line)
        prev = out[-1] if out else None
        if closing:
            out += [Paragraph("closing", "", closing["meeting"]), Paragraph("date", "", closing["date"])]
        elif pv._CLOSING.match(line):
            out.append(Paragraph("closing", "", line))
        elif prev and prev.kind == "closing" and pv._DATE_LINE.match(line):
            out.append(Paragraph("date", "", line))
        elif (prev and not labelled and prev.kind in ("paragraph", "operative", "sub")
              and ((not blank and not _ends_sentence(prev.text))
                   or (blank and (line[0].islower() or (_ends_open(prev.text) and not _heading(prev.printed)))))):
            out[-1] = Paragraph(prev.kind, prev.label, f"{prev.text} {line}")
        elif labelled and not _ROMAN_HEADING.match(line):
            kind = "operative" if labelled["label"][0].isdigit() else "sub"
            out.append(Paragraph(kind, labelled["label"], labelled["rest"]))
        elif pv._ASSEMBLY.match(line):
            out.append(Paragraph("enacting", "", line))
        else:
            out.append(Paragraph("paragraph", "", line))
        blank = False
    return [Paragraph("heading", "", p.text) if p.kind == "paragraph" and _heading(p.text) else p for p in out]


def document(text: str, rng: random.Random | None = None, *, form: str | None = None, furniture: Collection[str] = ()) -> Document:
    """The resolution of the realworld ``text`` as printed, its ``[^n]`` markers printed as digits in ``form`` or in
    forms ``rng`` chooses (:func:`~tests.support.pdf_variants.footnote_markers`), each footnote's first call signed.

    What the realworld extraction did to the page, undone where the text shows it, since another tool reading the
    same PDF would not do it: lines of page furniture (lines equal to the printed title, the running header, and the
    lines of ``furniture``) are dropped and the paragraph they split is joined again (:func:`_paragraphs`); a
    footnote definition out of sequence ("[^1994]:") is the wrapped end of the one before; body text glued onto a
    footnote definition ("[^3]: A/79/88. 4. Decides ... 52nd plenary meeting ...", where the body has no closing
    line) goes back to the end of the body; footnote texts left inline as bare lines ("1 A/80/237.", in a file
    without a footnote section) are taken out of the body, as footnotes. Raise :class:`Unplaceable` where a
    footnote's call is not found (:func:`footnote_calls`) or the masthead is not the PDF's."""
    p = pv.parts(text)
    lines = list(p.lines)
    notes = _definitions(lines[p.notes:])
    tail: list[str] = []
    if p.closing is None:
        for i, (n, note) in enumerate(notes):
            if m := _SWALLOWED.search(note):
                notes[i] = (n, note[:m.start()])
                tail = ["", *re.split(r"\s+(?=\d+(?:st|nd|rd|th) plenary meeting\b)", m["body"])]
                break
    enacting = p.preamble - 1
    for i in range(enacting + 1, p.notes):
        if lines[i].strip() == p.title or lines[i].strip() in furniture:
            lines[i] = ""
    if not notes:
        for i in range(enacting + 1, p.notes):
            if (m := _INLINE_NOTE.match(lines[i].strip())) and int(m["n"]) == len(notes) + 1:
                notes.append((len(notes) + 1, m["text"]))
                lines[i] = ""
    body = "\n".join(lines[p.body:p.notes])
    start = sum(len(line) + 1 for line in lines[p.body:enacting])
    calls = footnote_calls(body, len(notes), start)
    for n, (_, end) in reversed(list(enumerate(calls, 1))):
        body = body[:end] + chr(_SIGN + n) + body[end:]
    signed = "\n".join(lines[:p.body] + body.split("\n") + lines[p.notes:])
    if re.search(r"\[\^\d+\](?!:)", body):
        signed = pv.footnote_markers(signed, rng, form=form)
    lines = signed.split("\n")
    masthead, heading = _masthead(lines[p.body:enacting])
    return Document(p.symbol, p.title, pv.job_number(text), masthead, heading,
                    tuple(_paragraphs(lines[enacting:p.notes] + tail)), tuple(notes))


# --- Lines: wrapping and hyphenation -------------------------------------------------------------------------------

_HYPHENABLE = re.compile(r"(?P<lead>[(“‘]?)(?P<core>[A-Za-z][a-z]{7,})(?P<trail>[,;:.)”’]*)")
_VOWELS = frozenset("aeiouy")
# Where English hyphenation breaks a word (as TeX's patterns and dictionaries do): before a suffix, after a prefix
# that a consonant follows, between a doubled consonant before a vowel.
_SUFFIXES = ("tions", "tion", "sions", "sion", "ments", "ment", "ness", "ances", "ance", "ences", "ence", "able", "ible",
             "tures", "ture", "ings", "ing")
_PREFIXES = ("counter", "inter", "trans", "under", "multi", "super", "over", "anti", "con", "com", "dis", "sub")


def syllable_breaks(word: str) -> list[int]:
    """Where a typesetter may break ``word`` with a hyphen: offsets into the word, the break before that letter.
    Only a word of 8 letters or more (a capital first at most, no hyphen, no digit; punctuation around it stays
    with its end), at the breaks English hyphenation makes: before a suffix ("recommenda-tions", "develop-ment",
    "includ-ing" after a consonant), after a prefix before a consonant ("Inter-national", "con-tained", not
    "inter-est"), between a doubled consonant before a vowel ("recom-mendations", "submit-ted"); at least three
    letters and a vowel on each side (so not "ap-propriate")."""
    m = _HYPHENABLE.fullmatch(word)
    if not m:
        return []
    core, lead = m["core"].lower(), len(m["lead"])
    points = set()
    for suffix in _SUFFIXES:
        if core.endswith(suffix) and (suffix not in ("ing", "ings") or core[-len(suffix) - 1] not in _VOWELS):
            points.add(len(core) - len(suffix))
    for prefix in _PREFIXES:
        if core.startswith(prefix) and core[len(prefix)] not in _VOWELS:
            points.add(len(prefix))
    for i in range(1, len(core) - 1):
        if core[i - 1] == core[i] and core[i] not in _VOWELS and core[i + 1] in _VOWELS:
            points.add(i)
    return sorted(lead + i for i in points
                  if i >= 3 and len(core) - i >= 3 and _VOWELS & set(core[:i]) and _VOWELS & set(core[i:]))


def _fits(line: str, word: str, width: int) -> bool:
    return len(visible(line)) + 1 + len(visible(word)) <= width


def wrap(text: str, width: int, rng: random.Random | None = None, hyphens: float = 0.0, first: int | None = None) -> list[str]:
    """``text`` hard-wrapped as a column ``width`` characters wide prints it (``first`` the width of the first line,
    if indented): as many words as fit on each line; a word that would read as a label, a footnote or Markdown at
    the start of a line (:data:`~tests.support.pdf_variants.LINE_START_TRAP`) stays on the line before, past the
    width. With ``hyphens`` (a probability), a word that does not fit is broken at one of its
    :func:`syllable_breaks` where the first part and a hyphen fit ("recom-" at the end of the line, "mendations"
    starting the next). Call signs take no room."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        limit = first if first is not None and not lines else width
        if not current or _fits(current, word, limit) or pv.LINE_START_TRAP.fullmatch(visible(word)):
            current = f"{current} {word}" if current else word
            continue
        if rng is not None and hyphens and rng.random() < hyphens:
            points = [i for i in syllable_breaks(word) if _fits(current, word[:i] + "-", limit)]
            if points:
                i = rng.choice(points)
                lines.append(f"{current} {word[:i]}-")
                current = word[i:]
                continue
        lines.append(current)
        current = word
    return lines + [current] if current else lines


def hyphenate(text: str, rng: random.Random, width: int = 80, hyphens: float = 0.5, keep: Collection[str] = ()) -> str:
    """The realworld ``text`` with its paragraphs and footnotes re-wrapped at ``width`` and words broken at line
    ends with a hyphen (``hyphens``: the probability, for each word that does not fit, of breaking it), as the
    printed lines of a justified, hyphenated column come out of tools that keep them (PyMuPDF's and pdfminer's
    plain text, pdftotext): "... the recom-" / "mendations of the ...".

    Only the paragraphs after "The General Assembly," and the footnote texts are hyphenated: a typesetter breaks
    running text, not the masthead, the title or the closing lines (which are re-wrapped, unbroken), and never the
    last line of a paragraph. Each paragraph is a line of the file: a word never breaks across two of them. Front
    matter, blank lines and the lines of ``keep`` (page furniture) stay; footnote continuation lines are indented,
    as :func:`~tests.support.pdf_variants.rewrap` indents them."""
    p = pv.parts(text)
    out = list(p.lines[:p.body])
    for i in range(p.body, p.notes):
        line = p.lines[i]
        if not line.strip() or line in keep:
            out.append(line)
        elif i < p.preamble or i == p.closing or pv._DATE_LINE.match(line.strip()):
            out += wrap(line, width)
        else:
            out += wrap(line, width, rng, hyphens)
    entries: list[list[str]] = []
    for line in p.lines[p.notes:]:
        if line.startswith("[^") or not entries or not line[:1].isspace() or not line.strip():
            entries.append([line])
        else:
            entries[-1].append(line)
    for entry in entries:
        if entry[0].startswith("[^"):
            first, *rest = wrap(" ".join(line.strip() for line in entry), width, rng, hyphens)
            out += [first] + [pv.FOOTNOTE_INDENT + line for line in rest]
        else:
            out += entry
    return "\n".join(out)


# --- Pages ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """A printed page: ``header`` lines (the running header; none on the first page), ``body`` lines (the masthead
    and heading on the first page), ``notes`` (the footnotes called on the page), ``footer`` lines. Lines as printed,
    call signs kept in ``body`` (:func:`visible` drops them)."""

    header: tuple[str, ...]
    body: tuple[str, ...]
    notes: tuple[int, ...]
    footer: tuple[str, ...]


HEADER_STYLES = ("symbol_title", "title_symbol", "one_line", "alternate")
SEPARATORS = ("\f", "\n")


def _paginate(lines: Sequence[tuple[str, bool]], first_break: int, rng: random.Random, page_lines: tuple[int, int],
              note_lines: Callable[[int], int]) -> list[list[str]]:
    """``lines`` (each with whether a page may not break after it) cut into pages of ``page_lines`` lines (a range;
    each page draws its length), never before line ``first_break`` nor after a line that must stay with the next:
    the break moves down to the next line where it may fall. A page's length counts the lines of the footnotes
    called on it (``note_lines`` of each; and one for the blank line before them), as a printed page has a fixed
    height. Blank lines at a page's top or foot are dropped."""
    pages: list[list[str]] = [[]]
    limit = rng.randint(*page_lines)
    used = 0
    for i, (line, _) in enumerate(lines):
        may_break = i >= first_break and not lines[i - 1][1] and line.strip()
        if used >= limit and may_break:
            pages.append([])
            limit = rng.randint(*page_lines)
            used = 0
        if line.strip() or (pages[-1] and pages[-1][-1].strip()):
            calls = [ord(c) - _SIGN for c in _SIGNS.findall(line)]
            if calls and not any(_SIGNS.search(x) for x in pages[-1]):
                used += 1
            pages[-1].append(line)
            used += 1 + sum(note_lines(n) for n in calls)
    for page in pages:
        while page and not page[-1].strip():
            page.pop()
    return [page for page in pages if page]


def running_header(title: str, width: int | None) -> str:
    """The running header's title words: the printed ``title`` (``width`` None), or its first line, the first words
    that fit in ``width`` characters, three at least (as :func:`~tests.support.pdf_variants.furniture` cuts them)."""
    return title if width is None else pv._first_line(title, width)


@dataclass(frozen=True)
class _Style:
    """How a tool prints the parts of a page: each a function of the document or paragraph."""

    masthead: Callable[[Document], list[str]]
    heading: Callable[[str], list[str]]
    paragraph: Callable[[Paragraph], list[str]]
    header: Callable[[int, int], list[str]]
    footer: Callable[[int, int], list[str]]
    note: Callable[[int, str], list[str]]


def _pages(doc: Document, style: _Style, rng: random.Random, blank_lines: bool, page_lines: tuple[int, int]) -> list[Page]:
    """The pages of ``doc`` printed in ``style``: every paragraph's lines (a blank line before each with
    ``blank_lines``), cut into pages; a page never breaks inside the masthead and heading, after a heading or the
    enacting line, after a line ending in a hyphen, nor between the closing line and its date. Each footnote goes
    to the foot of the page of its first call."""
    lines: list[tuple[str, bool]] = [(line, True) for line in style.masthead(doc)]
    for line in doc.heading:
        if blank_lines:
            lines.append(("", True))
        lines += [(text, True) for text in style.heading(line)]
    first_break = 0
    for para in doc.paragraphs:
        if blank_lines and para.kind != "date":
            lines.append(("", False))
        if para.kind == "enacting":
            first_break = len(lines) + 2
        printed = style.paragraph(para)
        held = para.kind in ("enacting", "heading", "closing")
        lines += [(text, held or text.endswith("-") or (para.kind == "closing")) for text in printed]
    notes = dict(doc.footnotes)
    raw = _paginate(lines, first_break, rng, page_lines, lambda n: len(style.note(n, notes[n])))
    pages = []
    for i, body in enumerate(raw, 1):
        calls = tuple(ord(c) - _SIGN for line in body for c in _SIGNS.findall(line))
        pages.append(Page(tuple(style.header(i, len(raw))) if i > 1 else (), tuple(body), calls, tuple(style.footer(i, len(raw)))))
    placed = [n for page in pages for n in page.notes]
    if sorted(placed) != sorted(notes):
        raise Unplaceable(f"footnotes {sorted(set(notes) - set(placed))} have no call in the printed text")
    return pages


def _render(pages: Sequence[Page], style: _Style, notes: dict[int, str], blank_lines: bool, separator: str) -> str:
    """The text a tool writes for ``pages``: per page the header, the body, the footnotes, the footer (a blank line
    between the parts with ``blank_lines``); pages separated by a form feed (which then ends the last page too, as
    pdftotext writes it) or a blank line."""
    out = []
    for page in pages:
        parts = [list(page.header), list(page.body), [line for n in page.notes for line in style.note(n, notes[n])], list(page.footer)]
        lines: list[str] = []
        for part in filter(None, parts):
            if lines and blank_lines:
                lines.append("")
            lines += part
        out.append("\n".join(lines))
    if separator == "\f":
        return "".join(f"{page}\n\f" for page in out)
    return "\n\n".join(out) + "\n"


def _furniture(doc: Document, header: str, footer: bool, header_words: int | None, layout: int | None = None
               ) -> tuple[Callable[[int, int], list[str]], Callable[[int, int], list[str]]]:
    """The running header and footer of page ``i`` of ``n``: the symbol and the title words, on two lines in the
    order of ``header`` ("symbol_title", "title_symbol", "alternate": the symbol first on even pages, as the UN
    prints it at the left of even pages) or on one line with the page counter ("one_line": "A/RES/80/16 <title>
    2/4"); with ``footer``, the job number ("25-19467 (E)" on the first page, "2/4 25-19467" or "25-19467 3/4"
    after). The title words are those of :func:`running_header`. With ``layout`` (a width), each pair is printed on
    one line, the two parts at its two ends."""
    title = running_header(doc.title, header_words)

    def pair(left: str, right: str) -> list[str]:
        if layout is None:
            return [left, right]
        return [f"{left}{' ' * max(3, layout - len(left) - len(right))}{right}"]

    def head(i: int, n: int) -> list[str]:
        if header == "one_line":
            return [f"{doc.symbol} {title} {i}/{n}"]
        symbol_first = header == "symbol_title" or (header == "alternate" and i % 2 == 0)
        return pair(doc.symbol, title) if symbol_first else pair(title, doc.symbol)

    def foot(i: int, n: int) -> list[str]:
        if not footer:
            return []
        if i == 1:
            return [f"{doc.job} (E)"]
        return pair(f"{i}/{n}", doc.job) if i % 2 == 0 else pair(doc.job, f"{i}/{n}")

    return head, foot


def pdftotext_pages(text: str, rng: random.Random, *, width: int | None = None, blank_lines: bool | None = None,
                    separator: str | None = None, header: str | None = None, footer: bool | None = None,
                    header_words: int | None = 0, form: str | None = None, hyphens: float = 0.0,
                    page_lines: tuple[int, int] = (45, 55), furniture: Collection[str] = (), trace: list[Page] | None = None) -> str:
    """The realworld ``text`` as poppler's ``pdftotext`` (without ``-layout``) prints the PDF: the printed lines in
    reading order, no front matter, no Markdown.

    - The masthead one item per line, as the tool reads its two columns: "United Nations", the symbol,
      "General Assembly", "Distr.: General", the date, "Eightieth session", "Agenda item 94", the agenda title
      (wrapped in its narrow column); then the heading lines, "The General Assembly,", the paragraphs and the
      closing lines ("52nd plenary meeting" and its date on two lines).
    - Lines hard-wrapped at ``width`` (80 to 95), blank lines between paragraphs or none (``blank_lines``).
    - Pages of ``page_lines`` lines (the footnotes' lines included: a printed page has a fixed height), broken
      wherever the page is full, in the middle of a paragraph too; each page ends with the footnotes first called on it as bare lines ("1 See resolution 70/1.", a long one wrapped
      onto the next line), then the footer with ``footer``; the next page starts after a form feed or a blank line
      (``separator``) with the running header (``header``, one of :data:`HEADER_STYLES`; the full title, or with
      ``header_words`` the first words of it that fit in that many characters: :func:`running_header`).
    - Footnote markers as bare digits: those the file prints as digits stay as they are, ``[^n]`` ones are glued
      or spaced (``form``, or chosen by ``rng``).

    With ``hyphens``, words are broken at line ends as :func:`hyphenate` breaks them. Options left ``None`` (or
    ``header_words`` 0) are drawn from ``rng``. ``furniture``: lines of the file that are page furniture (see
    :func:`document`). ``trace``, a list, receives the :class:`Page` list (for tests)."""
    width = width if width is not None else rng.randint(80, 95)
    blank_lines = blank_lines if blank_lines is not None else rng.random() < 0.7
    separator = separator if separator is not None else rng.choice(SEPARATORS)
    header = header or rng.choice(HEADER_STYLES)
    footer = footer if footer is not None else rng.random() < 0.5
    header_words = header_words if header_words != 0 else rng.choice((None, rng.randint(40, 90)))
    doc = document(text, rng, form=form, furniture=furniture)
    column = rng.randint(35, 55)

    def masthead(d: Document) -> list[str]:
        m = d.masthead
        return (["United Nations", d.symbol, "General Assembly", "Distr.: General"] + ([m.date] if m.date else [])
                + [m.session, m.item] + (wrap(m.agenda, column) if m.agenda else []))

    def paragraph(para: Paragraph) -> list[str]:
        hy = hyphens if para.kind in ("paragraph", "operative", "sub") else 0.0
        return wrap(para.printed, width, rng, hy)

    def note(n: int, note_text: str) -> list[str]:
        return wrap(f"{n} {note_text}", width, rng, hyphens)

    head, foot = _furniture(doc, header, footer, header_words)
    style = _Style(masthead, lambda line: wrap(line, width), paragraph, head, foot, note)
    pages = _pages(doc, style, rng, blank_lines, page_lines)
    if trace is not None:
        trace += pages
    return visible(_render(pages, style, dict(doc.footnotes), blank_lines, separator))


def pdftotext_layout(text: str, rng: random.Random, *, width: int | None = None, indent: int | None = None,
                     margin: int | None = None, justify: bool | None = None, header: str | None = None,
                     footer: bool | None = None, header_words: int | None = 0, form: str | None = None, hyphens: float = 0.0,
                     page_lines: tuple[int, int] = (45, 55), furniture: Collection[str] = (), trace: list[Page] | None = None) -> str:
    """The realworld ``text`` as ``pdftotext -layout`` prints the PDF: the pages of :func:`pdftotext_pages` with the
    printed columns kept as spaces.

    - The masthead in two columns ("United Nations" and the symbol at the right end; "General Assembly" and
      "Distr.: General", the date under it; then the session, the agenda item and its title at the left), the
      running header and the footer on one line each, their parts at the two ends.
    - Body lines wrapped at ``width`` (85 to 95) after a left ``margin`` (0 to 8 columns, every line): an operative
      number at the margin and its text at ``indent`` (4 to 6) columns in; a sub-paragraph label at ``indent`` and
      its text 5 further; a preambular (or unnumbered) paragraph and "The General Assembly," with their first line
      indented by ``indent``; continuation lines back at the margin; headings at the margin; the closing lines in
      the right half. The title after "80/16." hangs at its first word.
    - With ``justify``, lines other than a paragraph's last are widened to the width by a space more between some
      words, as the tool renders the gaps of justified text.
    - Footnotes at the foot of each page with the number indented and the text (and its continuation lines) at a
      column of their own, after a blank line; pages separated by a form feed.

    With ``hyphens``, words are broken at line ends as :func:`hyphenate` breaks them. Options left ``None`` (or
    ``header_words`` 0) are drawn from ``rng``; ``furniture`` and ``trace`` as for :func:`pdftotext_pages`."""
    width = width if width is not None else rng.randint(85, 95)
    indent = indent if indent is not None else rng.randint(4, 6)
    margin = margin if margin is not None else rng.choice((0, 0, 4, 8))
    justify = justify if justify is not None else rng.random() < 0.5
    header = header or rng.choice(("symbol_title", "title_symbol", "alternate"))
    footer = footer if footer is not None else rng.random() < 0.5
    header_words = header_words if header_words != 0 else rng.choice((None, rng.randint(40, 90)))
    doc = document(text, rng, form=form, furniture=furniture)
    pad = " " * margin
    column = width - 28  # where the masthead's right column starts

    def widen(line: str, target: int) -> str:
        gaps = [m.start() for m in re.finditer(" ", line)]
        extra = min(len(gaps), target - len(visible(line)))
        for at in sorted(rng.sample(gaps, extra) if extra > 0 else [], reverse=True):
            line = line[:at] + " " + line[at:]
        return line

    def block(first_prefix: str, words: str, hy: float) -> list[str]:
        body = width - margin
        lines = wrap(words, body, rng, hy, first=body - len(first_prefix))
        if justify:
            lines = [widen(line, body - (len(first_prefix) if k == 0 else 0)) if k < len(lines) - 1 else line
                     for k, line in enumerate(lines)]
        return [pad + (first_prefix if k == 0 else "") + line for k, line in enumerate(lines)]

    def masthead(d: Document) -> list[str]:
        m = d.masthead
        lines = [f"{pad}United Nations{' ' * max(3, width - margin - 14 - len(d.symbol))}{d.symbol}",
                 f"{pad}General Assembly{' ' * max(3, column - margin - 16)}Distr.: General"]
        if m.date:
            lines.append(f"{' ' * column}{m.date}")
        return lines + ["", pad + m.session, pad + m.item] + [pad + line for line in (wrap(m.agenda, 45) if m.agenda else [])]

    def heading(line: str) -> list[str]:
        m = re.match(r"^((?:[A-Z]+-)?\d+/\d+\.)\s+(.*)$", line)
        if not m:
            return [pad + text for text in wrap(line, width - margin)]
        hang = len(m[1]) + 3
        lines = wrap(m[2], width - margin - hang)
        return [pad + (m[1].ljust(hang) if k == 0 else " " * hang) + text for k, text in enumerate(lines)]

    def paragraph(para: Paragraph) -> list[str]:
        hy = hyphens if para.kind in ("paragraph", "operative", "sub") else 0.0
        if para.kind == "operative":
            return block(para.label.ljust(max(indent, len(para.label) + 1)), para.text, hy)
        if para.kind == "sub":
            return block(" " * indent + para.label.ljust(max(5, len(para.label) + 1)), para.text, hy)
        if para.kind in ("paragraph", "enacting"):
            return block(" " * indent, para.text, hy)
        if para.kind in ("closing", "date"):
            return [" " * (width // 2 + 8) + para.text]
        return [pad + line for line in wrap(para.text, width - margin)]

    def note(n: int, note_text: str) -> list[str]:
        at = margin + indent
        lines = wrap(note_text, width - at - 4, rng, hyphens)
        return [(" " * at + str(n).ljust(4) if k == 0 else " " * (at + 4)) + line for k, line in enumerate(lines)]

    head, foot = _furniture(doc, header, footer, header_words, layout=width - margin)
    style = _Style(masthead, heading, paragraph, lambda i, n: [pad + line for line in head(i, n)],
                   lambda i, n: [pad + line for line in foot(i, n)], note)
    pages = _pages(doc, style, rng, True, page_lines)
    if trace is not None:
        trace += pages
    return visible(_render(pages, style, dict(doc.footnotes), True, "\f"))


def pages_of(text: str) -> list[str]:
    """The pages of a variant written with form feeds."""
    return [page for page in text.split("\f") if page.strip()]

