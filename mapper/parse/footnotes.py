"""Footnote markers: found per layout, carried as sentinels, removed at the end.

Each layout finds its markers in its own way (``<sup>3</sup>`` in Markdown,
digits glued to punctuation or a word in ODS exports and plain text) and
replaces each by a *sentinel*: one private-use character that encodes the
footnote number. Sentinels survive every cleaning step with their position,
and :func:`extract_markers` finally removes them and records where they
stood in the clean paragraph text. So all layouts share one way of placing
markers, and no paragraph text ever holds a marker.

Glued digits are ambiguous ("2000,1 in which" is a marker, "24.4 per cent"
and "G20" are not), so :func:`mark_glued` accepts a candidate only where
UN typography puts markers (after punctuation, a closing quote, or a
lower-case word) and only in footnote order: the first marker of footnote
*n* comes after the first marker of *n - 1*; later markers may point back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial

from mapper.core.model import Marker
from mapper.core.text import MappedText
from mapper.lexicon.words import OPEN_WORDS

_BASE = 0xF0000  # Unicode plane 15, private use: never in a resolution text
SENTINEL = re.compile("[\U000F0001-\U000F03E7]")


def sentinel(number: int) -> str:
    return chr(_BASE + number)


def sentinel_number(char: str) -> int:
    return ord(char) - _BASE


def extract_markers(text: MappedText) -> tuple[MappedText, tuple[Marker, ...]]:
    """Remove the sentinels of ``text``, recording where each stood."""
    markers: list[Marker] = []
    pieces: list[MappedText] = []
    pos = length = 0
    for m in SENTINEL.finditer(text.text):
        piece = text[pos : m.start()]
        pieces.append(piece)
        length += len(piece)
        markers.append(Marker(sentinel_number(m.group()), length))
        pos = m.end()
    if not markers:
        return text, ()
    pieces.append(text[pos:])
    clean = MappedText.join(pieces)
    # A marker between two spaces ("word 3 word" never happens, but "end,3 " does)
    # leaves nothing to squeeze; only trailing space needs a trim.
    stripped = clean.text.rstrip()
    if len(stripped) < len(clean.text):
        clean = clean[: len(stripped)]
        markers = [Marker(m.number, min(m.offset, len(stripped))) for m in markers]
    return clean, tuple(markers)


# -- glued digits (ODS exports, plain text) ------------------------------------

# A run of 1-3 digits glued to something that is not a digit; the checks in
# _glued_ok decide. It opens with the digit class so the engine scans fast.
_CANDIDATE = re.compile(r"([1-9](?<=[^\s\d][1-9])\d{0,2})(?!\d)")
# Punctuation that a marker may follow ("2000,1", "Women;10", "want”,7").
_AFTER_PUNCT = set(",;:.)]”’\"'»")
_CLOSING_PUNCT = _AFTER_PUNCT - {"."}
# Abbreviations followed by a number that is no marker ("Add.1", "No.3").
_ABBREVIATIONS = {"add", "corr", "rev", "no", "nos", "para", "paras", "chap", "sect", "vol", "p", "pp", "art", "annex"}


def _glued_ok(text: str, start: int, end: int, inline: bool) -> bool:
    """Does the digit run text[start:end] stand where a footnote marker stands?"""
    prev = text[start - 1]
    token_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    token = text[token_start:start]
    if prev not in _CLOSING_PUNCT and ("/" in token or "http" in token or "@" in token):
        return False  # part of a document symbol or an address; "(A/64/417),3" is a marker
    nxt = text[end] if end < len(text) else ""
    if not (nxt == "" or nxt.isspace() or nxt in ",;:.)]" or (inline and (nxt.isupper() or nxt in "[“\"("))):
        return False
    if prev.isalpha():
        letters = re.search(r"[A-Za-z\u00C0-\u024F]+$", text[:start])
        name = letters.group() if letters else ""
        # "Geneva2", never "G20", "ICT4" or "COP26".
        return len(name) >= 2 and not name.isupper() and name.lower() not in _ABBREVIATIONS
    if prev not in _AFTER_PUNCT:
        return False
    before = text[start - 2] if start >= 2 else ""
    if prev in ".," and before.isdigit():
        # "24.4" is a decimal and "20,000" a thousands group; "2000,1" is a marker.
        return prev == "," and end - start != 3
    if prev == ".":
        word = re.search(r"([A-Za-z]+)\.$", text[:start])
        if word and word.group(1).lower() in _ABBREVIATIONS:
            return False
    return True


def mark_glued(blocks: Sequence[MappedText], known: set[int]) -> tuple[list[MappedText], list[str]]:
    """Turn the glued markers of footnotes listed at the end into sentinels.

    ``known`` holds the numbers of the footnotes listed. Returns the new
    blocks and warnings for listed footnotes that no marker points to.
    """
    state = _Order()
    out = []
    for block in blocks:
        out.append(block.rewrite(_CANDIDATE, partial(_glued_marker, block=block, known=known, state=state)))
    missing = sorted(known - state.seen)
    warnings = [f"footnote {n} is listed but no paragraph carries its marker" for n in missing]
    return out, warnings


def _glued_marker(m: re.Match[str], block: MappedText, known: set[int], state: _Order) -> MappedText | str | None:
    """A sentinel for a glued marker of a listed footnote, else the digits unchanged."""
    text, n = block.text, int(m.group(1))
    if n in known and _glued_ok(text, m.start(), m.end(), inline=False) and state.accept(n, strong=text[m.start() - 1] in _AFTER_PUNCT):
        return sentinel(n)
    return None


@dataclass
class _Order:
    """Footnotes are numbered in order of first reference."""

    next_new: int = 1
    seen: set[int] = field(default_factory=set)
    spaced: bool = False  # a spaced marker was taken in the block at hand

    def accept(self, n: int, strong: bool) -> bool:
        if n in self.seen:
            return True  # a marker pointing back to an earlier footnote
        if n == self.next_new or (strong and n > self.next_new):
            self.seen.add(n)
            self.next_new = n + 1
            return True
        return False


# -- footnote texts pasted inline ------------------------------------------------

# Words that may stand inside a reference ("See Official Records of the General
# Assembly, Fifty-fifth Session, Supplement No. 3 (A/55/3/Rev.1), chap. III").
_REF_WORDS = {
    "annex", "annexes", "corrigendum", "corrigenda", "resolution", "resolutions", "decision",
    "decisions", "chap", "chaps", "para", "paras", "sect", "vol", "vols", "p", "pp",
    "appendix", "footnote", "art", "arts", "no", "nos", "supplement", "addendum", "et", "seq",
    "ibid", "cf", "sess", "see", "also",
}
_FUNCTION_WORDS = {"and", "of", "the", "in", "on", "for", "to", "at", "a", "an"}
# Abbreviations whose full stop does not end the footnote.
_NOT_SENTENCE_END = {"no", "nos", "vol", "vols", "chap", "chaps", "para", "paras", "sect", "p", "pp", "art", "arts", "add", "corr", "rev", "e.g", "i.e", "cf", "sess", "st", "ibid"}
_TOKEN = re.compile(r"\S+")


def inline_footnote_end(text: str, start: int) -> int:
    """Where a footnote text pasted at ``start`` ends and the paragraph resumes.

    A footnote is a reference: symbols, numbers, capitalized names and the
    words of _REF_WORDS, joined by function words. It ends after its last
    such token, before the first word of running prose ("as endorsed by"),
    before "and the" (the paragraph going on), or at a full stop that ends a
    sentence.
    """
    last_end = start
    tokens = list(_TOKEN.finditer(text, start))
    for i, m in enumerate(tokens):
        token = m.group()
        bare = token.strip(",;:()[]\"'“”‘’")
        word = bare.rstrip(".").lower()
        if not bare:
            continue
        content = (
            any(c.isdigit() for c in bare)
            or bare[0].isupper()
            or "/" in bare
            or word in _REF_WORDS
            or re.fullmatch(r"[ivxlc]+", word) is not None
        )
        if content:
            last_end = m.end()
            if bare.endswith(".") and word.split(".")[-1] not in _NOT_SENTENCE_END:
                return _trim(text, start, last_end)
            continue
        if word in _FUNCTION_WORDS:
            nxt = tokens[i + 1].group().lower() if i + 1 < len(tokens) else ""
            if word == "and" and nxt == "the":
                break
            continue
        break
    else:
        return _trim(text, start, len(text.rstrip()))
    return _trim(text, start, last_end)


def _trim(text: str, start: int, end: int) -> int:
    """Give trailing commas back to the paragraph: "annex, as" keeps ", as" there."""
    while end > start and text[end - 1] in ",;":
        end -= 1
    return end


def cut_inline(blocks: Sequence[MappedText]) -> tuple[list[MappedText], list[tuple[int, MappedText, int]]]:
    """Cut footnote texts pasted after their markers out of the paragraphs.

    The first marker of a footnote carries its text ("2003,1See A/C.2/59/3,
    annex as endorsed"); later markers of the same footnote are bare
    ("phase;4"). Returns the blocks with sentinels and the footnotes found,
    as (number, text, index of the block that carried it).
    """
    state = _Order()
    footnotes: list[tuple[int, MappedText, int]] = []
    out = []
    for index, block in enumerate(blocks):
        text = block.text
        pieces: list[MappedText] = []
        pos = 0
        for m in _CANDIDATE.finditer(text):
            if m.start() < pos:
                continue  # inside a footnote text already cut
            n = int(m.group(1))
            if not _glued_ok(text, m.start(), m.end(), inline=True):
                continue
            carries_text = m.end() < len(text) and not text[m.end()].isspace() and text[m.end()] not in ",;:.)]"
            if carries_text and n == state.next_new:
                end = inline_footnote_end(text, m.end())
                footnotes.append((n, block[m.end() : end].strip(), index))
                state.accept(n, strong=True)
            elif not carries_text and n in state.seen:
                end = m.end()
            else:
                continue
            pieces += [block[pos : m.start()], MappedText.literal(sentinel(n))]
            pos = end
        pieces.append(block[pos:])
        out.append(MappedText.join(pieces))
    return out, footnotes


# -- markers as PDF extractions print them -------------------------------------------

_YEAR_MARKER = re.compile(r"(?:19|20)\d\d")
_LIST_GOES_ON = re.compile(r"\s+(?:and|or|to|-|–)\s+\d")
_MONTHS_UNITS = re.compile(
    r"\s*(?:January|February|March|April|May|June|July|August|September|October|November|December|per\b|%|percent|million|billion)"
)


def mark_printed(blocks: Sequence[MappedText], known: set[int]) -> tuple[list[MappedText], list[str]]:
    """Turn the markers of footnotes ``known`` into sentinels, in every form a PDF extraction prints them.

    Besides :func:`mark_glued`'s forms, a marker may be spaced ("Rights, 6 the",
    "in 2014, 3", "of 1990 3 and") or glued to a year ("November 20242": 2024
    and footnote 2). Digits are a marker only where one may stand and only in
    footnote order (see :class:`_Order`); a spaced digit only after punctuation
    or a year, and never inside a list of numbers ("1, 2 and 3"), a date or an amount.
    ``[^n]`` markers already turned into sentinels count in the order.
    """
    state = _Order()
    candidates = _candidates(frozenset(known))
    out = []
    for block in blocks:
        marked = block.rewrite(candidates, partial(_printed_marker, block=block, known=known, state=state))
        if state.spaced:  # "Nations 1 are": the space before a spaced marker goes with it
            marked = marked.rewrite(_SPACE_BEFORE_MARKER, lambda m: "")
            state.spaced = False
        out.append(marked)
    missing = sorted(known - state.seen)
    return out, [f"footnote {n} is listed but no paragraph carries its marker" for n in missing]


@lru_cache(maxsize=64)
def _candidates(known: frozenset[int]) -> re.Pattern[str]:
    """Sentinels and the digit runs that may be a marker of ``known``: the number alone, or after a year."""
    numbers = "|".join(str(n) for n in sorted(known, reverse=True)) or "(?!)"
    # The leading look-ahead lets the engine skip text without digits fast.
    return re.compile(rf"(?=[\d\U000F0001-\U000F03E7])(?:{SENTINEL.pattern}|(?<!\d)(?:(?:19|20)\d\d)?(?:{numbers})(?!\d))")


_SPACE_BEFORE_MARKER = re.compile(rf"[ \t](?={SENTINEL.pattern}(?:[ \t]|$))")


def _printed_marker(m: re.Match[str], block: MappedText, known: set[int], state: _Order) -> MappedText | str | None:
    text, start, end = block.text, m.start(), m.end()
    run = m.group()
    if SENTINEL.fullmatch(run):
        state.accept(sentinel_number(run), strong=True)
        return None
    prev = text[start - 1] if start else " "
    nxt = text[end] if end < len(text) else ""
    n = int(run[4:]) if len(run) > 3 else int(run)
    if n not in state.seen and n != state.next_new and not (n > state.next_new and prev in _AFTER_PUNCT):
        return None  # out of footnote order: no marker, whatever it looks like
    if run[0] == "0" or nxt == "/" or nxt.isalnum():
        return None
    year_range = re.search(r"(?:19|20)\d\d[-–]$", text[:start]) is not None  # "2014–20243": 2024 and footnote 3
    if prev in "/-–" and not year_range:
        return None
    if len(run) in (5, 6, 7) and _YEAR_MARKER.match(run) and not prev.isalnum():
        n = int(run[4:])
        if n in known and run[4] != "0" and (n == state.next_new or n in state.seen) and state.accept(n, strong=False):
            return MappedText.join([block[start : start + 4], MappedText.literal(sentinel(n))])
        return None
    if len(run) > 3:
        return None
    n = int(run)
    if n not in known:
        return None
    if not prev.isspace():
        if _glued_ok(text, start, end, inline=False) and state.accept(n, strong=prev in _AFTER_PUNCT):
            return sentinel(n)
        return None
    if (_after_name(text, start, end) and n == state.next_new) or (_spaced_ok(text, start, end) and (n == state.next_new or n in state.seen)):
        state.accept(n, strong=False)
        state.spaced = True
        return sentinel(n)
    return None


# Nouns a number follows as a name or a count, never as a footnote ("Goal 5", "Article 2", "Group of 77").
_NUMBERED_NOUNS = frozenset(
    ["goal", "goals", "target", "targets", "article", "articles", "paragraph", "paragraphs", "annex", "annexes", "chapter", "chapters", "part", "parts", "section", "sections", "item", "items", "protocol", "protocols", "phase", "phases", "rule", "rules", "principle", "principles", "table", "tables", "figure", "figures", "resolution", "resolutions", "decision", "decisions", "level", "levels", "category", "categories", "option", "options", "volume", "volumes", "committee", "session", "sessions", "page", "pages", "step", "steps", "appendix", "schedule", "week", "weeks", "day", "days", "year", "years", "no", "vol", "box"]
)


# Words a number follows as a quantity or an age, never as a footnote ("aged 15 and over", "about 5 and").
_QUANTIFIERS = frozenset((
    "aged", "age", "ages", "over", "under", "least", "about", "some", "nearly", "approximately", "almost", "than", "only",
    "every", "each", "first", "last", "top", "bottom", "number", "numbers", "total", "per", "all",
))
# What follows a marker in running text: a word that goes on with the sentence, or punctuation.
_GOES_ON = frozenset((
    "and", "or", "of", "the", "in", "to", "for", "which", "that", "on", "as", "with", "at", "by", "from", "including",
    "adopted", "entitled", "contained", "issued", "held", "is", "are", "was", "were", "has", "have", "had", "will",
    "would", "shall", "should", "may", "can", "must",
))


def _after_name(text: str, start: int, end: int) -> bool:
    """A spaced digit after a word that closes a name, a title or a noun phrase ("the Secretary-General 3 and",
    "Sustainable Development 5 and its", "women and girls 12 and"): a marker when the sentence goes on after it
    (punctuation, a lower-case word after a name, a word of _GOES_ON after a common noun), never after a function
    word, a noun that numbers ("Goal 5") or a quantifier."""
    word = re.search(r"(?<![\w/])([A-Za-z][a-z]+(?:-[A-Za-z][a-z]+)*)[ \t]$", text[:start])
    if not word:
        return False
    w = word.group(1).lower()
    if w in _NUMBERED_NOUNS or w in _QUANTIFIERS or w in OPEN_WORDS:
        return False
    rest = text[end:].lstrip(" \t")
    if _MONTHS_UNITS.match(text[end:]) or re.match(r"(?:and|or|to)\s+\d", rest):
        return False
    if not rest or rest[0] in ",;:.)]":
        return True
    following = re.match(r"[a-z]+", rest)
    if following is None:
        return False
    # After a name ("the Rome Statute of the International Criminal Court 1 reaffirms") the sentence goes on
    # with any word; after a common noun, only with one of _GOES_ON ("girls 12 and", never "women 15 years").
    return word.group(1)[0].isupper() or following.group() in _GOES_ON


def _spaced_ok(text: str, start: int, end: int) -> bool:
    """Does the spaced digit run text[start:end] stand where a marker stands?"""
    before = text[:start].rstrip()
    if not before:
        return False
    last = before[-1]
    year = re.search(r"(?<![\d/])(?:19|20)\d\d$", before)
    if last not in _CLOSING_PUNCT and last != "." and not year:
        return False
    if re.search(r"\d\.$", before) and not year:
        return False  # "1. 5" is a number; "6 and 7, 5 for" is a marker
    rest = text[end:]
    if (_LIST_GOES_ON.match(rest) and not year) or _MONTHS_UNITS.match(rest):
        return False
    return not rest or rest[0] in " \t,;:.)]" or rest[0].isspace()
