"""Paragraph boundaries from the grammar of resolutions, for text whose line breaks say nothing.

A text extracted from a PDF breaks lines where the page did: inside a
sentence, before a word with a capital ("Production and Stockpiling ..."),
before a digit ("8 and 9 December 2014"), at a page end, and puts two
paragraphs on one line where the page joined them. So the lines say little;
the sentence says where a paragraph ends. The rules, from how resolutions are
written (UN Editorial Manual):

* a preambular paragraph opens with a lead phrase (a participle or an
  adjective: "Recalling", "Deeply concerned") and ends with a comma (and
  perhaps a footnote marker, spaced or not);
* an operative paragraph opens with its number, in sequence, and a verb, and
  ends with a semicolon or, the last, a full stop;
* sub-paragraphs follow a chapeau ending with a colon, each opening with a
  label ("(a)", "(iv)") and a capital, ending with a semicolon;
* a heading is a short line without final punctuation between a paragraph's
  end and another paragraph's start;
* so a line that follows text ending mid-sentence continues it, whatever its
  first letter, and a line with a capital after a paragraph's end continues
  it unless it opens a paragraph by these rules.

Where the text lost something, the rules restore it and say so (a
:class:`~mapper.core.model.Correction` naming the line): an operative
paragraph whose number is lost (an operative verb where the next number is
due and printed nowhere later), sub-paragraphs whose labels are lost (after a
chapeau, until the next numbered paragraph), a heading glued to the paragraph
after it, two numbered paragraphs on one line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from mapper.core.model import Correction, CorrectionKind
from mapper.core.text import MappedText
from mapper.lexicon.words import LEAD_PHRASE, OPEN_WORDS, verb_form
from mapper.parse.draft import CLOSERS as _CLOSERS
from mapper.parse.draft import OPERATIVE, SUBPARAGRAPH, Block, ends_clause, label_value, without_tail
from mapper.parse.draft import TAIL as _TAIL
from mapper.parse.footnotes import SENTINEL

Part = Literal["preamble", "operative", "annex"]


@dataclass(frozen=True, slots=True)
class Line:
    """A line of the body as extracted, page furniture and footnote lines already removed."""

    text: MappedText
    number: int


# A short line that heads a section: "Peacebuilding financing", "II. Implementation of ...", "B".
_HEADING = re.compile(r"^(?:(?P<label>[IVXL]{1,6}|[A-Z])\.?(?:\s+|$))?(?P<words>[A-Z“\"‘][^.;:!?]{0,158}[^\W_]|)$")
# A word broken at a line's end, and the start of the next line's first word.
_BROKEN = re.compile(r"(?<![\w-])(?P<part>[A-Za-z]{2,})-$")
_WORD_START = re.compile(r"[a-z]+")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
# What a word broken by a hyphen goes on with, never a word of its own.
_SUFFIXES = frozenset((
    "tion", "tions", "sion", "sions", "ment", "ments", "ing", "ings", "ity", "ities", "ance", "ances", "ence", "ences",
    "ation", "ations", "ative", "atives", "ible", "able", "ally", "ness", "ous", "ical", "ically", "ization", "izations",
    "ized", "ional", "ure", "ures", "ency", "ancy", "ist", "ists", "ism", "ber", "bers",
))
# The last line of a wrapped heading, glued to the paragraph after it: "Decade 2024–2034 13. We strongly commit".
_GLUED_TAIL = re.compile(r"^[^.;:!?]*?[^\W_]\s+(?P<number>\d{1,3})\.(?:\s+(?=[A-Z“\"])|\s*$)")
# A paragraph number alone on its line, its text on the next: "13." / "We strongly commit ...".
_BARE_NUMBER = re.compile(r"^\s*(?P<number>\d{1,3})\.\s*$")
# A colon inside a title ("The Global Reported Arms Trade: Transparency in Armaments"), not a chapeau's ("by:").
_TITLE_COLON = re.compile(r"(?:^|\s)[A-Z][\w’'-]*:$")
_HEADING_LABEL_ONLY = re.compile(r"^(?:[IVXL]{1,6}|[A-Z])\.?$")
# A heading glued to the numbered paragraph after it: "Partnerships and support mechanisms 17. We invite".
_GLUED_HEADING = re.compile(r"^(?P<heading>(?:[IVXL]{1,6}\.\s+)?[A-Z][^.;:!?]{2,158}?)\s+(?P<number>\d{1,3})\.(?:\s+(?=[A-Z“\"])|\s*$)")
# A numbered paragraph that an extraction printed on the line of the one before: "...; 9. We".
_INLINE_NUMBER = re.compile(rf"(?P<end>[.;:”’\"](?:[ \t]*\d{{1,3}}|{SENTINEL.pattern})?)\s+(?P<number>\d{{1,3}})\.\s+(?=[A-Z“\"])")
# A preambular lead phrase the lexicon does not hold: a participle followed by a word that continues a clause.
_PARTICIPLE = re.compile(
    r"^(?:[A-Z][a-z]+ly\s+)?(?:[A-Z][a-z]+ing\s+(?:that|the|its|their|with|also|further|all|a|an|upon|his|her|to)"
    r"|[A-Z][a-z]+ed\s+(?:of|that|by|with|at|about))\b"
)


def ends_mid_word(text: str) -> bool:
    """Does ``text`` end on a word that no sentence ends on ("of the", "and")?"""
    t = without_tail(text)
    last = t.rsplit(None, 1)[-1].lower() if t.strip() else ""
    return last in OPEN_WORDS


def _known_lead(text: str) -> bool:
    m = LEAD_PHRASE.match(text)
    return m is not None and text[:1].isupper() and not verb_form(m).operative


def _ends_capitalized(text: str) -> bool:
    """Does ``text`` end on a capitalized word, as a name or title does ("... Which May Be")?"""
    t = without_tail(text)
    return bool(t.strip()) and t.rsplit(None, 1)[-1][:1].isupper()


def preambular_lead(text: str) -> bool:
    """Does ``text`` open with a preambular lead phrase ("Recalling", "Deeply concerned", a participle)?"""
    m = LEAD_PHRASE.match(text)
    if m and text[:1].isupper():
        return not verb_form(m).operative
    return _PARTICIPLE.match(text) is not None


def operative_lead(text: str) -> bool:
    """Does ``text`` open with an operative verb ("Decides", "Also requests"), not a preambular phrase?"""
    m = LEAD_PHRASE.match(text)
    return m is not None and text[:1].isupper() and verb_form(m).operative


@dataclass
class _Block:
    text: MappedText
    line: int
    heading: bool = False
    item: bool = False  # a sub-paragraph whose label the extraction lost
    label: str | None = None  # the label printed ("a") or restored


@dataclass
class Joiner:
    """Joins the lines of one part (the body, or an annex) into blocks by the rules above."""

    part: Part
    corrections: list[Correction] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    source: str = ""  # the whole text: its own words tell a broken word from a compound
    _words: frozenset[str] | None = None

    def _vocabulary(self) -> frozenset[str]:
        """The text's words, lower case, hyphenated ones whole; read once, when a broken word first asks."""
        if self._words is None:
            self._words = frozenset(w.lower() for w in _WORD.findall(self.source))
        return self._words

    def _joined(self, before: MappedText, after: MappedText) -> MappedText:
        """Two lines of one paragraph joined: with a space, or, where a word was broken at the line's end
        ("resolu-" / "tions"), into that word as the text itself spells it elsewhere, or when what follows
        the hyphen is a suffix ("resolutions"); a compound the text spells with its hyphen ("decision-making"),
        or that it does not spell at all, keeps it."""
        b = before.text.rstrip()
        broken = _BROKEN.search(b)
        start = _WORD_START.match(after.text.lstrip())
        if broken and start:
            whole = (broken.group("part") + start.group()).lower()
            words = self._vocabulary()
            compound = f"{broken.group('part')}-{start.group()}".lower() in words
            if not compound and (whole in words or start.group() in _SUFFIXES):
                return MappedText.join([before[: len(b) - 1], after.strip()])
            return MappedText.join([before[: len(b)], after.strip()])
        return MappedText.join([before, after], " ")

    def join(self, lines: Sequence[Line]) -> list[Block]:
        blocks: list[_Block] = []
        expected = 1
        in_list = False
        pending = list(lines)
        i = 0
        while i < len(pending):
            line = pending[i]
            text = line.text.text.strip()
            i += 1
            if not text:
                continue
            prev = blocks[-1] if blocks else None
            bare = _BARE_NUMBER.match(text) if text[0].isdigit() else None
            if bare and self._in_sequence(int(bare.group("number")), expected):
                after = next((j for j in range(i, len(pending)) if pending[j].text.text.strip()), None)
                if after is not None:
                    pending[after] = Line(MappedText.join([line.text.strip(), pending[after].text.strip()], " "), line.number)
                    continue
            glued = _GLUED_HEADING.match(text) if text[0].isupper() else None
            if glued and self._in_sequence(int(glued.group("number")), expected, line) and (prev is None or prev.heading or ends_clause(prev.text.text)):
                cut = line.text.text.index(glued.group("number") + ".", glued.end("heading"))
                head = line.text[:cut].strip()
                self._fix("heading-split", line.number, head.text, f"heading {head.text!r} cut off the paragraph after it")
                blocks.append(_Block(head, line.number, heading=True))
                pending.insert(i, Line(line.text[cut:], line.number))
                continue
            wrapped = self._wrapped_heading(pending, i - 1, prev, expected)
            if wrapped is not None:
                used, head, rest = wrapped
                blocks.append(_Block(head, line.number, heading=True))
                del pending[i - 1 : i - 1 + used]
                i -= 1
                if rest is not None:
                    self._fix("heading-split", line.number, head.text, f"heading {head.text!r} cut off the paragraph after it")
                    pending.insert(i, rest)
                continue
            numbered = OPERATIVE.match(text)
            sub = SUBPARAGRAPH.match(text)
            if numbered and self._in_sequence(int(numbered.group("number")), expected, line, warn=True):
                expected = int(numbered.group("number"))
                blocks.append(_Block(line.text, line.number))
                expected += 1
                in_list = False
                self.part = "operative" if self.part == "preamble" else self.part
            elif numbered and self.part == "operative" and expected < int(numbered.group("number")) <= expected + 5 and (
                text[numbered.end():][:1].isupper() and (prev is None or ends_clause(prev.text.text))
            ):
                # A numbered paragraph after a gap: a paragraph of its own, which the structure refuses
                # rather than a guess that merges it into the paragraph before.
                blocks.append(_Block(line.text, line.number))
            elif sub and text[sub.end():][:1].isupper() and (prev is None or prev.heading or ends_clause(prev.text.text)):
                blocks.append(_Block(line.text, line.number, label=sub.group("label")))
            elif self._is_heading(text, prev, pending, i, expected):
                blocks.append(_Block(line.text, line.number, heading=True))
            else:
                opens = "paragraph" if prev is None or prev.heading else self._opens(text, prev, in_list, pending[i:], expected)
                if opens == "restored":
                    self._fix("number-restored", line.number, str(expected),
                              f"operative paragraph {expected} lost its number: restored after paragraph {expected - 1}")
                    blocks.append(_Block(MappedText.join([MappedText.literal(f"{expected}. "), line.text]), line.number))
                    expected += 1
                elif opens == "item":
                    blocks.append(_Block(line.text, line.number, item=True))
                elif opens:
                    if self.part == "preamble" and operative_lead(text) and not preambular_lead(text):
                        self.part = "operative"  # the one unnumbered operative paragraph ("Adopts ...")
                    blocks.append(_Block(line.text, line.number))
                else:
                    assert prev is not None
                    prev.text = self._joined(prev.text, line.text)
            last = blocks[-1]
            end = without_tail(last.text.text)
            if last.heading or end.endswith("."):
                in_list = False
            elif end.endswith(":") and self.part != "preamble" and not _TITLE_COLON.search(end):
                in_list = True
            self._split_inline(blocks, pending, i, expected)
        self._restore_labels(blocks)
        return [Block(b.text.squeeze(), b.line, heading=b.heading) for b in blocks]

    # -- the rules ----------------------------------------------------------------

    def _opens(self, text: str, prev: _Block, in_list: bool, ahead: Sequence[Line], expected: int) -> str | None:
        """What a line that is not numbered, labelled or a heading opens after ``prev``: a
        "paragraph", an "item" whose label was lost, a paragraph whose number was lost
        ("restored"), or nothing (None: it continues ``prev``)."""
        before = prev.text.text
        if not ends_clause(before):
            # Text lost at a page end: a known lead phrase after a word no title or phrase goes on from.
            if self.part == "preamble" and _known_lead(text) and not ends_mid_word(before) and not _ends_capitalized(before):
                self.warnings.append(f"line {prev.line}: the paragraph stops mid-sentence (text lost at a page end?)")
                return "paragraph"
            return None
        if not text[:1].isupper():
            return None
        if self.part == "preamble":
            if before.rstrip().endswith(":"):
                return None  # a preambular paragraph ends with a comma: after a colon, a title goes on
            if preambular_lead(text):
                return "paragraph"
            if operative_lead(text) and not _printed_ahead(ahead, 1):
                return "paragraph"
            return None
        if in_list:
            return "item"
        if self.part == "operative" and operative_lead(text) and not _printed_ahead(ahead, expected):
            return "restored"
        if self.part == "annex" and expected == 1:
            return "paragraph"  # an annex's unnumbered opening paragraphs ("We, the Heads of State ...,")
        return None

    def _is_heading(self, text: str, prev: _Block | None, pending: Sequence[Line], i: int, expected: int) -> bool:
        if len(text) > 170:
            return False
        clean = text if _HEADING_LABEL_ONLY.match(text) else _TAIL.sub("", text)
        if clean != text.rstrip() and not _HEADING_LABEL_ONLY.match(text):
            return False  # a footnote marker after the last word: the end of a sentence, not a heading
        if not _HEADING.match(clean) or LEAD_PHRASE.match(clean) or len(clean) > 160:
            return False
        if prev is not None and not prev.heading and not ends_clause(prev.text.text):
            return False
        nxt = next((p.text.text.strip() for p in pending[i:] if p.text.text.strip()), "")
        m = OPERATIVE.match(nxt)
        if m:
            return self._in_sequence(int(m.group("number")), expected)
        g = _GLUED_HEADING.match(nxt)
        if g and self._in_sequence(int(g.group("number")), expected):
            return True
        if self.part == "preamble" and prev is not None and preambular_lead(nxt):
            return True
        return bool(_HEADING.match(SENTINEL.sub("", nxt))) and not LEAD_PHRASE.match(nxt) and len(nxt) < 160 and self._roman(text)

    def _wrapped_heading(self, pending: list[Line], at: int, prev: _Block | None, expected: int) -> tuple[int, MappedText, Line | None] | None:
        """A heading wrapped over two or three lines ("Department of Political and Peacebuilding" / "Affairs/Peacebuilding
        Support Office"), perhaps glued to the paragraph after it ("... 2024–2034 13. We"): the lines it takes,
        its text and what is left of its last line."""
        first = pending[at].text.text.strip()
        if len(first) > 160 or not first[:1].isupper() or ends_clause(first):
            return None  # a heading's first line: short, capitalized, without final punctuation
        if prev is not None and not prev.heading and not ends_clause(prev.text.text):
            return None
        lines = [p for p in pending[at : at + 6] if p.text.text.strip()][:4]
        for k in (2, 3):
            if len(lines) <= k - 1:
                return None
            parts = lines[:k]
            if any(OPERATIVE.match(p.text.text) or SUBPARAGRAPH.match(p.text.text) for p in parts):
                return None
            last = parts[-1].text
            glued = _GLUED_TAIL.match(last.text)
            rest: Line | None = None
            if glued and self._in_sequence(int(glued.group("number")), expected):
                cut = glued.start("number")
                rest = Line(last[cut:], parts[-1].number)
                last = last[:cut]
            elif len(lines) <= k or not self._opens_paragraph(lines[k].text.text.strip(), expected):
                continue
            head = MappedText.join([*(p.text.strip() for p in parts[:-1]), last.strip()], " ")
            clean = head.text
            if len(clean) <= 160 and _HEADING.match(clean) and not LEAD_PHRASE.match(clean) and _TAIL.sub("", clean) == clean:
                used = pending.index(parts[-1], at) - at + 1
                return used, head, rest
        return None

    def _opens_paragraph(self, text: str, expected: int) -> bool:
        m = OPERATIVE.match(text)
        if m:
            return self._in_sequence(int(m.group("number")), expected)
        g = _GLUED_HEADING.match(text)
        return bool(g and self._in_sequence(int(g.group("number")), expected)) or (self.part == "preamble" and preambular_lead(text))

    def _in_sequence(self, number: int, expected: int, line: Line | None = None, warn: bool = False) -> bool:
        """Is ``number`` the paragraph number due? In an annex, whose paragraphs the extraction may
        merge, a number one or two further on is taken too, with a warning."""
        if number == expected:
            return True
        if self.part == "annex" and expected < number <= expected + 2:
            if warn and line is not None:
                missing = ", ".join(str(n) for n in range(expected, number))
                self.warnings.append(f"line {line.number}: annex paragraph {number} follows {expected - 1}: {missing} lost or merged")
            return True
        return False

    @staticmethod
    def _roman(text: str) -> bool:
        m = _HEADING.match(text)
        return bool(m and m.group("label") and not m.group("words"))

    def _split_inline(self, blocks: list[_Block], pending: list[Line], i: int, expected: int) -> None:
        """Cut off the last block a numbered paragraph printed on its line ("...; 9. We ...")."""
        if self.part == "preamble" or not blocks:
            return
        last = blocks[-1]
        for m in _INLINE_NUMBER.finditer(last.text.text):
            if int(m.group("number")) == expected:
                rest = last.text[m.start("number"):]
                last.text = last.text[: m.end("end")]
                self._fix("paragraph-split", last.line, rest.text[:40], f"paragraph {expected} printed on the line of the one before: cut apart")
                pending.insert(i, Line(rest, last.line))
                return

    def _fix(self, kind: CorrectionKind, line: int, text: str, note: str) -> None:
        self.corrections.append(Correction(kind, line, text, note))
        self.warnings.append(f"line {line}: {note}")

    # -- lost labels ----------------------------------------------------------------

    def _restore_labels(self, blocks: list[_Block]) -> None:
        """Give the items whose labels were lost the labels their place in the list says.

        A list is a list when it shows it: a printed label, or a first item ending with a
        semicolon or a colon as items do. Otherwise (a title with a colon in it, "Programme
        of Action: Addressing the Special Needs ...") the lines go back to the paragraph.
        """
        runs: list[list[_Block]] = []
        run: list[_Block] = []
        for b in [*blocks, None]:
            if b is not None and (b.item or (b.label and run)):
                run.append(b)
                continue
            if any(x.item for x in run):
                runs.append(run)
            run = [b] if b is not None and b.label else []
        for run in runs:
            first = _TAIL.sub("", run[0].text.text).rstrip(_CLOSERS)
            if any(x.label for x in run) or re.search(r"(?:[;:]|;\s+(?:and|or))$", first):
                self._label_run(run)
                continue
            at = blocks.index(run[0]) - 1
            for item in run:
                blocks[at].text = MappedText.join([blocks[at].text, item.text], " ")
                blocks.remove(item)

    def _label_run(self, items: list[_Block]) -> None:
        """Labels for one list: printed labels are anchors, lost ones follow the sequence.

        Levels alternate letters and roman numerals; an item after one ending with a colon
        opens a deeper list. When a printed label belongs to a list higher up, the lost
        labels just before it are moved up to fill the gap it leaves ("(ii)", lost, lost, "(e)"
        makes the two lost ones (c) and (d)).
        """
        path: list[list] = []  # the open lists, outermost first: [kind, last value]
        labels: list[str | None] = [None] * len(items)  # the labels restored
        opens = True
        for k, item in enumerate(items):
            if item.label is not None:
                if not _place(path, item.label, opens):
                    gap = _fill_gap(path, item.label)
                    if gap is not None:
                        depth, values = gap
                        for idx, value in zip(_last_restored(labels, len(values)), values, strict=False):
                            labels[idx] = _label_text(path[depth][0], value)
                        del path[depth + 1:]
                        path[depth][1] = values[-1] + 1 if values else path[depth][1]
            else:
                if opens or not path:
                    kind = "alpha" if not path or path[-1][0] == "roman" else "roman"
                    path.append([kind, 1])
                else:
                    path[-1][1] += 1
                labels[k] = _label_text(path[-1][0], path[-1][1])
            opens = item.text.text.rstrip().endswith(":")
        for item, label in zip(items, labels, strict=True):
            if label is None:
                continue
            item.label = label
            item.text = MappedText.join([MappedText.literal(f"({label}) "), item.text])
            self._fix("label-restored", item.line, label, f"sub-paragraph ({label}) lost its label: restored from its place in the list")


def _last_restored(labels: list[str | None], n: int) -> list[int]:
    """The indices of the last ``n`` items given a restored label."""
    return [i for i, x in enumerate(labels) if x is not None][-n:] if n else []


def _label_text(kind: str, value: int) -> str:
    if kind == "alpha":
        return chr(ord("a") + value - 1) if value <= 26 else chr(ord("a") + value - 27) * 2
    numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for n, s in numerals:
        while value >= n:
            out, value = out + s, value - n
    return out


def _place(path: list[list], label: str, opens: bool) -> bool:
    """Place a printed label: next in a list on the path (deepest first), or first of a new one."""
    for depth in range(len(path) - 1, -1, -1):
        kind, last = path[depth]
        if label_value(label, kind) == last + 1:
            del path[depth + 1:]
            path[depth][1] = last + 1
            return True
    if not path or opens:
        order = ("roman", "alpha") if label == "i" and path else ("alpha", "roman")
        for kind in order:
            if label_value(label, kind) == 1:
                path.append([kind, 1])
                return True
    return False


def _fill_gap(path: list[list], label: str) -> tuple[int, list[int]] | None:
    """Where a printed label skips values of a list higher up, the values it skips."""
    for depth in range(len(path) - 2, -1, -1):
        kind, last = path[depth]
        value = label_value(label, kind)
        if value is not None and value > last + 1:
            return depth, list(range(last + 1, value))
    return None


def _printed_ahead(lines: Sequence[Line], number: int) -> bool:
    """Is paragraph ``number`` printed with its number at the start of a line further on?"""
    for line in lines:
        m = OPERATIVE.match(line.text.text)
        if m and int(m.group("number")) == number:
            return True
    return False


__all__ = ["Joiner", "Line", "ends_clause", "operative_lead", "preambular_lead"]
