"""Variants of a real resolution's text: the same resolution as other PDF pipelines and other page layouts give it.

A file of tests/data/realworld/ is one pipeline's reading of one PDF (PyMuPDF, Markdown with YAML front matter,
footnotes collected as ``[^n]: ...``). Other pipelines and other documents differ in ways that never change what
the resolution says, so a correct parser reads every variant to the file's gold:

- :func:`rewrap`: lines hard-wrapped at another width, with or without blank lines between blocks;
- :func:`split_paragraph`, :func:`between_paragraphs`, :func:`at_top`: page breaks elsewhere, leaving page furniture
  (:func:`furniture`: running header, page counter, job number, symbol) in the text;
- :func:`footnote_markers`: ``[^n]`` markers printed as bare digits, glued or spaced.

Every function takes the text and a :class:`random.Random` or explicit parameters, and returns the new text. They
keep to what real PDFs do: a page break never falls inside the heading block or the closing lines, nor inside a
word, and no line starts with a word that would read as a label, a footnote or Markdown.
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import pairwise

_CLOSING = re.compile(r"^\d+(?:st|nd|rd|th) plenary meeting\b")
_ASSEMBLY = re.compile(r"^The General Assembly,?\s*$")
_SYMBOL_LINE = re.compile(r"^(?:[A-Z]+-)?\d+/\d+\.\s+(?P<title>\S.*?)\s*$")  # "80/16. Open-ended working group ..."
_DATE_LINE = re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4}$")  # the date line of the closing lines, where it has its own
# A paragraph or sub-paragraph label: "3.", "(b)", "(iv)", "II.".
_LABEL = re.compile(r"\d{1,3}\.|\((?:[a-z]{1,2}|[ivxlc]+)\)|[IVXLC]+\.")
# Words that would read as something else at the start of a line: a label, a bare number (a spaced footnote marker
# would read as an inline footnote "1 A/80/237."), a footnote definition, Markdown. PDFs print lines that start so,
# but then only the layout tells what they are, and the layout is what a text pipeline loses.
LINE_START_TRAP = re.compile(rf"{_LABEL.pattern}|\d{{1,3}}|\[\^\d+\]:?|[-*+>#]+")
_MARKER = re.compile(r"\[\^(\d+)\](?!:)")  # a footnote marker in the body, not the "[^n]:" of a definition
FOOTNOTE_INDENT = "    "


@dataclass(frozen=True)
class Parts:
    """Where the parts of a realworld text are, as indexes into its lines (``text.split("\\n")``).

    ``body`` is the first line after the front matter; ``preamble`` the first line after "The General Assembly,",
    where the paragraphs begin; ``notes`` the first line of the footnote section (the blank lines before its
    ``---`` included), or the number of lines where there is none; ``closing`` the line "52nd plenary meeting ..."
    where the body has one. ``title`` is the printed title of the symbol line ("80/16. <title>"), ``year`` the two
    digits of the year the document was distributed (the first of its job number).
    """

    lines: tuple[str, ...]
    body: int
    preamble: int
    notes: int
    closing: int | None
    symbol: str
    title: str
    year: str

    @property
    def blank_lines(self) -> bool:
        """Whether the body sets its blocks off by blank lines (else one line follows another)."""
        return any(not line.strip() for line in self.lines[self.preamble:self.notes])


def parts(text: str) -> Parts:
    """The :class:`Parts` of a realworld text (front matter, heading ending "The General Assembly,", body, footnotes)."""
    lines = tuple(text.split("\n"))
    if lines[0] != "---" or "---" not in lines[1:]:
        raise ValueError("no front matter")
    body = lines.index("---", 1) + 1
    front = "\n".join(lines[:body])
    symbol = re.search(r"^symbol: *(\S+)", front, re.M)
    year = re.search(r'^date: *"?\d\d(\d\d)', front, re.M)
    assembly = next((i for i in range(body, len(lines)) if _ASSEMBLY.match(lines[i])), None)
    title = next((m["title"] for line in lines[body:assembly] if (m := _SYMBOL_LINE.match(line))), None)
    if not (symbol and year and assembly and title):
        raise ValueError("not a realworld resolution text: no symbol or date in the front matter, no symbol line or no 'The General Assembly,'")
    notes = next((i for i in range(assembly, len(lines)) if lines[i].strip() == "---"
                  and any(line.startswith("[^") for line in lines[i + 1:])), len(lines))
    while notes > assembly + 1 and not lines[notes - 1].strip():
        notes -= 1
    closing = next((i for i in range(assembly + 1, notes) if _CLOSING.match(lines[i])), None)
    return Parts(lines, body, assembly + 1, notes, closing, symbol[1], title, year[1])


# --- Re-wrapping -----------------------------------------------------------------------------------------------------


def _wrap(line: str, width: int) -> list[str]:
    """``line`` hard-wrapped at ``width``: as many words as fit on each line, a word that cannot start a line
    (:data:`LINE_START_TRAP`) kept on the line before it, even past ``width``."""
    out: list[str] = []
    current = ""
    for word in line.split():
        if current and len(current) + 1 + len(word) > width and not LINE_START_TRAP.fullmatch(word):
            out.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return out + [current] if current else out


def _wrap_footnotes(lines: Sequence[str], width: int) -> list[str]:
    """The footnote section with each ``[^n]: ...`` definition (and its indented continuation lines) re-wrapped
    at ``width``, continuation lines indented; other lines ("---", blank lines) as they are."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not lines[i].startswith("[^"):
            out.append(lines[i])
            i += 1
            continue
        entry = [lines[i]]
        i += 1
        while i < len(lines) and lines[i][:1].isspace() and lines[i].strip():
            entry.append(lines[i])
            i += 1
        first, *rest = _wrap(" ".join(line.strip() for line in entry), width)
        out += [first] + [FOOTNOTE_INDENT + line for line in rest]
    return out


def rewrap(text: str, width: int, *, blank_lines: bool = True, wrap_footnotes: bool = True, keep: Collection[str] = ()) -> str:
    """``text`` with every body line (after the front matter, before the footnote section) hard-wrapped at
    ``width`` characters; with ``blank_lines`` false, the body has no blank line at all (one line per wrapped line).
    With ``wrap_footnotes``, each footnote definition is re-wrapped too, its continuation lines indented.

    Imitates, with blank lines, pipelines that re-flow Markdown at a fixed width (mdformat --wrap, prettier's
    proseWrap), and without, extractions that keep the PDF's printed lines (pdftotext, PyMuPDF's plain text) of a
    column ``width`` wide. The front matter is never wrapped, nor the lines of ``keep`` (page furniture: a printed
    line of its own, which no pipeline re-flows with the text). Words never change: joining the lines gives back
    the same words.
    """
    p = parts(text)
    out = list(p.lines[:p.body])
    for line in p.lines[p.body:p.notes]:
        if not line.strip():
            if blank_lines:
                out.append("")
        elif line in keep:
            out.append(line)
        else:
            out += _wrap(line, width)
    notes = p.lines[p.notes:]
    out += _wrap_footnotes(notes, width) if wrap_footnotes else notes
    return "\n".join(out)


# --- Page furniture and page breaks --------------------------------------------------------------------------------

FURNITURE_KINDS = ("header", "header_words", "counter", "job", "job_e", "symbol", "symbol_header", "header_symbol",
                   "symbol_header_counter", "counter_job", "job_counter")
# What the first page prints outside the text, which extraction may put before the masthead.
TOP_KINDS = ("symbol", "job", "job_e")


@dataclass(frozen=True)
class Furniture:
    """A line of page furniture: ``line`` as printed, and ``header`` the running header's words in it ("" if none)."""

    line: str
    header: str


def _first_line(title: str, width: int) -> str:
    """The first words of ``title`` that fit in ``width`` characters, three at least."""
    words = title.split()
    n = 3
    while n < len(words) and len(" ".join(words[:n + 1])) <= width:
        n += 1
    return " ".join(words[:n])


def job_number(text: str) -> str:
    """The job number of the document, "25-19467": the year's two digits and five digits, the same on every page."""
    p = parts(text)
    return f"{p.year}-{10000 + zlib.crc32(p.symbol.encode()) % 90000}"


def furniture(text: str, rng: random.Random, kind: str) -> Furniture:
    """A line of page furniture of the resolution ``text``, of one of the :data:`FURNITURE_KINDS`, as UN documents
    print it on pages after the first: a running header "header" (the printed title of the symbol line, as
    "80/16. <title>" gives it) or "header_words" (its first words, as when the title takes more than one line), a
    page counter "counter" ("3/8"), a job number "job" ("25-19467") or "job_e" ("25-19467 (E)"), the symbol
    "symbol" ("A/RES/80/16"), or several on one line, as extraction joins a header's or a footer's parts:
    "A/RES/80/16 <title>", "<title> A/RES/80/16", "A/RES/80/16 <title> 3/8", "3/8 25-19467", "25-19467 3/8".
    The first words of "header_words" are those that fit on a header line 40 to 90 characters wide (three at
    least): a page prints its header on one line."""
    if kind not in FURNITURE_KINDS:
        raise ValueError(f"unknown kind of furniture {kind!r}")
    p = parts(text)
    header = _first_line(p.title, rng.randint(40, 90)) if kind == "header_words" else p.title
    pages = max(2, len(text) // 3000 + 1)
    counter = f"{rng.randint(2, pages)}/{pages}"
    job = job_number(text)
    lines = {
        "header": header, "header_words": header, "counter": counter, "job": job, "job_e": f"{job} (E)",
        "symbol": p.symbol, "symbol_header": f"{p.symbol} {header}", "header_symbol": f"{header} {p.symbol}",
        "symbol_header_counter": f"{p.symbol} {header} {counter}", "counter_job": f"{counter} {job}",
        "job_counter": f"{job} {counter}",
    }
    return Furniture(lines[kind], header if "header" in kind else "")


def _block(p: Parts, line: str) -> list[str]:
    """``line`` as a block of its own, set off the way the body sets off its blocks."""
    return ["", line, ""] if p.blank_lines else [line]


def _heading_like(line: str) -> bool:
    """A short line without closing punctuation ("Peacebuilding financing", "Annex", "I.", "3/8"): a heading, which
    PDFs keep with what follows, or furniture already inserted."""
    return len(line.split()) <= 12 and line.rstrip()[-1:] not in (",", ";", ":", ".")


def split_points(text: str, keep: Collection[str] = ()) -> list[tuple[int, int]]:
    """Where a page break may split a paragraph: ``(line, word)`` pairs, the break falling before word ``word``
    (counted from 0) of line ``line``. Only paragraph lines after the heading: 8 words or more, not the closing line,
    not a heading or a running header (:func:`_heading_like`), not a footnote printed inline ("2 United Nations,
    Treaty Series ..."), not a line of ``keep``. At least 4 words on each side, after any label on the line (so a
    heading run into its paragraph, "Global context 3. We gather ...", is never split), never after a full stop,
    colon or semicolon (the rest would read as a new paragraph) nor before a word that cannot start a line."""
    p = parts(text)
    points = []
    for i in range(p.preamble, p.notes):
        words = p.lines[i].split()
        if (i == p.closing or p.lines[i] in keep or len(words) < 8 or _heading_like(p.lines[i])
                or re.fullmatch(r"\d{1,3}", words[0])):
            continue
        labels = [k for k, word in enumerate(words) if _LABEL.fullmatch(word)]
        first = max(4, labels[-1] + 2) if labels else 4
        points += [(i, j) for j in range(first, len(words) - 3)
                   if not LINE_START_TRAP.fullmatch(words[j]) and words[j - 1][-1] not in ".:;"]
    return points


def split_paragraph(text: str, rng: random.Random, line: str, keep: Collection[str] = ()) -> str:
    """``text`` with a paragraph split at a word boundary (one of :func:`split_points`, chosen by ``rng``) and the
    furniture ``line`` between the halves as a block of its own.

    Imitates a page break inside a paragraph: the page's last line, the next page's running header (or the
    footer of the page before), then the rest of the paragraph, which may start with a capital or a digit."""
    p = parts(text)
    points = split_points(text, keep)
    if not points:
        return text
    i, j = rng.choice(points)
    cut = [m.start() for m in re.finditer(r"\S+", p.lines[i])][j]
    lines = list(p.lines)
    lines[i:i + 1] = [lines[i][:cut].rstrip()] + _block(p, line) + [lines[i][cut:]]
    return "\n".join(lines)


def gaps(text: str) -> list[tuple[int, int]]:
    """Where a page break may fall between two blocks: ``(before, after)``, the indexes of two successive non-blank
    lines of the body after the heading. Never after a heading-like line (a heading stays with what follows), nor
    between the closing line and its date."""
    p = parts(text)
    filled = [i for i in range(p.preamble, p.notes) if p.lines[i].strip()]
    return [(a, b) for a, b in pairwise(filled)
            if not _heading_like(p.lines[a]) and not (a == p.closing and _DATE_LINE.match(p.lines[b].strip()))]


def between_paragraphs(text: str, rng: random.Random, line: str) -> str:
    """``text`` with the furniture ``line`` as a block of its own between two blocks (one of :func:`gaps`, chosen
    by ``rng``): a page break that falls between paragraphs, or between a paragraph and a line of it."""
    p = parts(text)
    choices = gaps(text)
    if not choices:
        return text
    a, b = rng.choice(choices)
    lines = list(p.lines)
    return "\n".join(lines[:a + 1] + _block(p, line) + lines[b:])


def at_top(text: str, line: str) -> str:
    """``text`` with the furniture ``line`` at the very top of the body, before the masthead: what extraction does
    with the symbol printed at the top of the first page and with the job number printed at its foot."""
    p = parts(text)
    rest = list(p.lines[p.body:])
    while rest and not rest[0].strip():
        rest.pop(0)
    lead = ["", line, ""] if p.blank_lines else [line]
    return "\n".join(list(p.lines[:p.body]) + lead + rest)


def printed_occurrences(text: str, phrase: str, running_headers: Collection[str] = ()) -> int:
    """How often ``phrase`` (case and all) is printed in the paragraphs and footnotes of the realworld ``text``:
    after the heading, not counting lines that are a running header, ``[^n]`` markers and white space ignored.
    A parse whose units hold the phrase more often has kept furniture."""
    p = parts(text)
    lines = [line for line in p.lines[p.preamble:] if line.strip() not in running_headers]
    flat = " ".join(re.sub(r"\[\^\d+\]:?", "", "\n".join(lines)).split()).replace("- ", "-")
    return flat.count(" ".join(phrase.split()).replace("- ", "-"))


# --- Footnote markers ------------------------------------------------------------------------------------------------

MARKER_FORMS = ("glued", "spaced")


def footnote_markers(text: str, rng: random.Random | None = None, *, form: str | None = None) -> str:
    """``text`` with each ``[^n]`` marker of the body (not the ``[^n]:`` of the definitions) printed as bare digits,
    each in ``form`` or, without one, in a form ``rng`` chooses: "glued" to what precedes ("Nations1 are",
    "Treaty,4"), or "spaced" ("Nations 1 are").

    Imitates pipelines that do not recognise superscripts: the marker's digits run into the word, punctuation or
    year before them, or stand apart. After a digit, a glued marker would change a number, and is spaced instead.
    """
    if form is None and rng is None:
        raise ValueError("give a form or a random generator")
    if form is not None and form not in MARKER_FORMS:
        raise ValueError(f"unknown marker form {form!r}")

    def bare(m: re.Match[str]) -> str:
        before = m.string[m.start() - 1] if m.start() else " "
        chosen = form or rng.choice(MARKER_FORMS)  # type: ignore[union-attr]
        if before.isspace() or (chosen == "glued" and not before.isdigit()):
            return m[1]
        return f" {m[1]}"

    p = parts(text)
    lines = list(p.lines)
    for i in range(p.body, p.notes):
        lines[i] = _MARKER.sub(bare, lines[i])
    return "\n".join(lines)
