"""Parsing, step 3: the resolution's metadata from its heading, closing lines and (ODS) trailer.

Anatomy, as the General Assembly prints it::

    Resolution adopted by the General Assembly on 21 December 2009
    [on the report of the Second Committee (A/64/417)]
    64/187. Information and communications technologies for development
    ...
    66th plenary meeting
    21 December 2009

and, in ODS exports, a trailer of page furniture: ``<<ODS DOC SYMBOL1>>``,
"Distr.: General", the distribution date, "Sixty-fourth session",
"Agenda item 50". Every function here takes text with the layout's markup
already removed and returns plain values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from mapper.core.model import AgendaItem
from mapper.core.symbols import ResolutionSymbol, document_symbols
from mapper.lexicon.dates import DATE, find_date, parse_date
from mapper.lexicon.words import OPEN_WORDS, ORDINAL_WORD, ordinal_value

ADOPTED = re.compile(rf"Resolution\s+adopted\s+by\s+the\s+General\s+Assembly(?:\s+on\s+(?P<date>{DATE.pattern}))?", re.I)
# "[on the report of the Second Committee (A/64/417)]": the committee may carry a
# parenthesis of its own ("Special Political and Decolonization Committee
# (Fourth Committee)"), so the documents are the last parenthesis before "]".
REFERRAL = re.compile(
    r"\[\s*(?:on\s+the\s+(?:report|recommendation)s?\s+of\s+the\s+(?P<committee>[^\[\]]+?)"
    r"|(?P<plenary>without\s+reference\s+to\s+a\s+Main\s+Committee))"
    r"\s*(?:\((?P<docs>[^()\[\]]*)\))?\s*\]",
    re.I | re.S,
)
# "57/295. Title", "ES-11/1. Title", "2625 (XXV). Title", "57/270 B. Title"
SYMBOL_LINE = re.compile(
    r"^[ \t]*(?P<symbol>(?:E?S-)?\d{1,3}/\d{1,4}(?:[ \t]?[A-Z])?|\d{1,4}(?:[ \t][A-Z])?[ \t]?\([IVXL]{1,6}\))\.[ \t]+(?P<title>\S.*)$",
    re.M,
)
FULL_SYMBOL = re.compile(r"A/RES/(?:(?:E?S-)?\d{1,3}/\d{1,4}(?:[ \t]?[A-Z](?![A-Za-z/]))?|\d{1,4}[ \t]?\([IVXL]{1,6}\)(?:[ \t][A-Z]\b)?)")
ODS_SYMBOL = re.compile(r"<<ODS DOC SYMBOL1>>\s*(?P<symbol>[^<]+?)\s*<<ODS DOC SYMBOL1>>")
# "UNGA Resolution 60/252", a label users put above a text.
LABEL_SYMBOL = re.compile(r"\bresolution\s+(?P<symbol>(?:E?S-)?\d{1,3}/\d{1,4})\b", re.I)
# "Sixty-fourth session", "Tenth emergency special session": found from the word
# "session" backwards, since trying every ordinal at every place is slow.
SESSION_WORD = re.compile(r"session\b", re.I)
SESSION = re.compile(rf"(?<![A-Za-z])(?P<ordinal>{ORDINAL_WORD})\s+(?P<kind>(?:emergency\s+)?special\s+)?$", re.I)
AGENDA = re.compile(r"\bAgenda\s+items?\s+(?P<items>\d+(?:\s*\([a-z]\))?(?:\s*(?:,|and)\s*\d+(?:\s*\([a-z]\))?)*)", re.I)
DISTRIBUTED = re.compile(rf"Distr\.:?\s*[A-Za-z]+\s*(?P<date>{DATE.pattern})")
CLOSING = re.compile(r"^[\s*_]*(?P<meeting>\d{1,4})(?:st|nd|rd|th)\s+plenary\s+meeting\b", re.I | re.M)


@dataclass(frozen=True, slots=True)
class Heading:
    symbol: ResolutionSymbol | None
    title: str | None
    adopted: date | None
    committee: str | None
    report: tuple[str, ...]
    session: int | str | None
    agenda_items: tuple[int, ...]
    distributed: date | None
    agenda: tuple[AgendaItem, ...] = ()
    without_reference: bool = False  # "[without reference to a Main Committee (...)]"


def read_heading(head: str, trailer: str = "") -> Heading:
    """Metadata from the heading (text before "The General Assembly,") and the trailer."""
    symbol, title = _symbol_and_title(head)
    if symbol is None:
        symbol = _first_symbol(FULL_SYMBOL, head + "\n" + trailer) or _first_symbol(LABEL_SYMBOL, head, "symbol")
    ods = ODS_SYMBOL.search(trailer)
    if ods and symbol is None:
        symbol = _symbol_or_none(ods.group("symbol"))
    adopted = ADOPTED.search(head)
    referral = REFERRAL.search(head)
    committee = None
    report: tuple[str, ...] = ()
    if referral:
        if referral.group("committee"):
            committee = " ".join(referral.group("committee").split())
        report = tuple(dict.fromkeys(document_symbols(referral.group("docs") or "")))
    both = head + "\n" + trailer
    agenda = AGENDA.search(both)
    items = tuple(dict.fromkeys(int(n) for n in re.findall(r"\d+", agenda.group("items")))) if agenda else ()
    distributed = DISTRIBUTED.search(both)
    return Heading(
        symbol=symbol,
        title=title,
        adopted=parse_date(adopted) if adopted and adopted.group("date") else None,
        committee=committee,
        report=report,
        session=_session(both),
        agenda_items=items,
        distributed=parse_date(distributed) if distributed else None,
        agenda=read_agenda(head) or tuple(AgendaItem(n, None, None) for n in items),
        without_reference=bool(referral and referral.group("plenary")),
    )


# Where an agenda item's title ends: the next landmark of the heading.
_AFTER_AGENDA = re.compile(r"Resolution\s+adopted|\[|^[ \t]*(?:E?S-)?\d{1,3}/\d{1,4}\.|Distr\.|United\s+Nations\s*$", re.I | re.M)
_ONE_ITEM = re.compile(r"\bAgenda\s+item\s+(?P<number>\d{1,3})(?:\s*\((?P<sub>[a-z]{1,2})\))?[ \t]*", re.I)


def read_agenda(head: str) -> tuple[AgendaItem, ...]:
    """The masthead's agenda items, each with its title when one item is printed with it
    ("Agenda item 99 (b) General and complete disarmament: nuclear disarmament", wrapped or not)."""
    agenda = AGENDA.search(head)
    if not agenda:
        return ()
    one = _ONE_ITEM.match(head, agenda.start())
    if one is None or one.end() < agenda.end() - 4:
        numbers = dict.fromkeys(int(n) for n in re.findall(r"\d+(?![)\w])", agenda.group("items")))
        return tuple(AgendaItem(n, None, None) for n in numbers)
    stop = _AFTER_AGENDA.search(head, one.end())
    title = " ".join(head[one.end() : stop.start() if stop else len(head)].split())
    return (AgendaItem(int(one.group("number")), one.group("sub"), title if title[:1].isupper() else None),)


def title_complete(title: str) -> bool:
    """Does ``title`` end where a title may end (not on "of", "the", a comma or a hyphen)?"""
    t = title.rstrip()
    if t.endswith((",", ":", ";", "-", "–")):
        return False
    return t.rsplit(None, 1)[-1].lower() not in OPEN_WORDS


def read_closing(closing: str) -> tuple[int | None, date | None]:
    """The plenary meeting number and the date of the closing lines."""
    m = CLOSING.search(closing)
    if not m:
        return None, None
    return int(m.group("meeting")), find_date(closing[m.end():])


def _symbol_and_title(head: str) -> tuple[ResolutionSymbol | None, str | None]:
    lines = head.splitlines()
    for i, line in enumerate(lines):
        m = SYMBOL_LINE.match(line)
        if m:
            symbol = _symbol_or_none(m.group("symbol"))
            if symbol is None:
                continue
            # The title runs on until a blank line: ODS exports break long titles.
            parts = [m.group("title")]
            for more in lines[i + 1:]:
                if not more.strip():
                    break
                parts.append(more)
            return symbol, " ".join(" ".join(parts).split()) or None
    return None, _bare_title(lines)


# Lines of a heading that are never the title.
_NOT_TITLE = re.compile(
    rf"^(?:Resolution\s+adopted|\[|United\s+Nations|General\s+Assembly|Distr\.|Agenda\s+item|A/RES/|UNGA\b|.*\bresolution\s+\d"
    rf"|(?:{ORDINAL_WORD})\s+(?:(?:emergency\s+)?special\s+)?session|{DATE.pattern}\s*$|[\d\s/*.-]*$)",
    re.I,
)


def _bare_title(lines: list[str]) -> str | None:
    """The title of a heading without a symbol line: the last run of prose
    lines that no heading line (date, referral, furniture) follows."""
    run: list[str] = []
    closed = False
    for line in lines:
        text = " ".join(line.split())
        if not text:
            closed = bool(run)
        elif _NOT_TITLE.match(text) or ADOPTED.search(text) or REFERRAL.search(text) or text.startswith("[DU"):
            run, closed = [], False
        else:
            if closed:
                run, closed = [], False
            run.append(text)
    title = " ".join(run)
    return title if title and len(title) <= 300 and title[0].isupper() else None


def _first_symbol(pattern: re.Pattern[str], text: str, group: str | int = 0) -> ResolutionSymbol | None:
    for m in pattern.finditer(text):
        symbol = _symbol_or_none(m.group(group))
        if symbol:
            return symbol
    return None


def _symbol_or_none(text: str) -> ResolutionSymbol | None:
    try:
        return ResolutionSymbol.parse(text)
    except ValueError:
        return None


def _session(text: str) -> int | str | None:
    for word in SESSION_WORD.finditer(text):
        m = SESSION.search(text, max(0, word.start() - 60), word.start())
        if m:
            break
    else:
        return None
    n = ordinal_value(m.group("ordinal"))
    kind = (m.group("kind") or "").lower().split()
    if not kind or n is None:
        return n
    return f"ES-{n}" if kind[0] == "emergency" else f"S-{n}"
