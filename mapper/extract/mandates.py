"""Mandates: clauses that ask someone to act, and the Assembly's decisions.

A clause whose verb is request, invite, urge, call upon or encourage gives a
mandate when the words after the verb open with an addressee (a body, or a
stakeholder group such as "Member States" or "all stakeholders") and go on
to an infinitive ("to submit ...", "to convene ..."): "Encourages strengthened
cooperation" and "Urges a continued focus" ask no one in particular and give
none. The addressee phrase ends at the infinitive or at a qualifying comma
(", as Chairman of ...", ", during its thirteenth session"); "the Chair of the
Commission" addresses the Commission through its officer. "Decides to ..."
is a decision: the Assembly mandates itself.

Within the action: the channel is the bodies after "through" ("through the
Commission on Science and Technology for Development and the Economic and
Social Council"); the due point is a session of the Assembly ("at its
sixty-fifth session", resolved by the event finder) or a date ("by June 2006",
"in 2014", "by the end of 2013").
"""

from __future__ import annotations

import re
from functools import cache

from mapper.core.facts import BodyMention, EventMention, Mandate, MandateKind, Span
from mapper.extract.clauses import Clause
from mapper.extract.gazetteer import Gazetteer
from mapper.lexicon.authority import GA_SESSION, GENERAL_ASSEMBLY, Authorities
from mapper.lexicon.dates import MONTH
from mapper.lexicon.words import MONTH_NUMBER

KINDS: dict[str, MandateKind] = {
    "request": "request",
    "invite": "invitation",
    "urge": "urging",
    "call upon": "call",
    "encourage": "encouragement",
    "decide": "decision",
}

_DETERMINERS = re.compile(
    r"^(?:(?:the|all|also|relevant|other|interested|concerned|both|those|further|again|in\s+this\s+regard|in\s+that\s+regard|once\s+again),?\s+)*",
    re.I,
)
_OFFICER = re.compile(
    r"^(?:the\s+)?(?:Chair|Chairs|Co-Chairs|Chairman|Chairperson|President|Presidents|Bureau|Executive\s+Director|"
    r"Executive\s+Secretary|Director-General|Administrator|High\s+Commissioner|Secretary-General|Under-Secretary-General|"
    r"members|secretariat|secretariats|Board)\s+of\s+",
)
_INFINITIVE = re.compile(r"(?:,\s*)?\bto\s+(?!the\b|a\b|an\b|its\b|their\b|all\b|this\b|that\b|these\b|those\b|[A-Z0-9])(?:[a-z-]+)\b")
_QUALIFIER = re.compile(
    r",\s+(?!as\s+well\s+as\b)(?:as|in|within|during|at|through|upon|with|when|while|on|by|for|after|before|inter\s+alia|which|who|in\s+accordance)\b"
)
_THROUGH = re.compile(r"\bthrough\s+(?:the\s+)?(?=[A-Z])")
_DUE = re.compile(
    rf"\b(?P<prep>by|in|before)\s+(?:the\s+end\s+of\s+)?(?:(?P<month>{MONTH})\s+)?(?P<year>(?:19|20)\d\d)\b"
)


@cache
def _groups(tables: Authorities) -> tuple[Gazetteer[str], Gazetteer[str]]:
    entries = [(p, g.key) for g in tables.groups.values() for p in g.patterns]
    return (Gazetteer([e for e in entries if " " in e[0]], case=False),
            Gazetteer([e for e in entries if " " not in e[0]], case=True))


def _actors(text: str, start: int, end: int, bodies: tuple[BodyMention, ...], tables: Authorities) -> list[tuple[int, int, str]]:
    found = [(b.span.start, b.span.end, b.body) for b in bodies if start <= b.span.start and b.span.end <= end]
    for gazetteer in _groups(tables):
        for hit in gazetteer.finditer(text, start, end):
            if not any(s < hit.end and hit.start < e for s, e, _ in found):
                found.append((hit.start, hit.end, hit.value))
    return sorted(found)


def _due(action: str) -> tuple[str | None, str | None]:
    m = _DUE.search(action)
    if not m:
        return None, None
    month = m.group("month")
    value = f"{m.group('year')}-{MONTH_NUMBER[month.lower()]:02d}" if month else m.group("year")
    return value, m.group()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " ;.,:":
        end -= 1
    while start < end and text[start] == " ":
        start += 1
    return start, end


def mandates(
    text: str, clauses: tuple[Clause, ...], verb_ends: dict[int, int],
    bodies: tuple[BodyMention, ...], events: tuple[EventMention, ...], tables: Authorities,
) -> tuple[Mandate, ...]:
    """Mandates of one text unit; ``verb_ends`` maps each clause start to where its verb phrase ends."""
    out: list[Mandate] = []
    for clause in clauses:
        kind = KINDS.get(clause.verb or "")
        if not kind:
            continue
        after = verb_ends.get(clause.start, clause.start)
        semicolon = text.find(";", after, clause.end)
        end = semicolon if semicolon >= 0 else clause.end
        if kind == "decision":
            m = re.match(r"\s+(?:to\s+|that\s+)", text[after:end])
            if not m:
                continue
            addressees: tuple[str, ...] = (GENERAL_ASSEMBLY,)
            addressee, action_start = "the General Assembly", after + m.end()
        else:
            inf = _INFINITIVE.search(text, after, end)
            if not inf:
                continue
            phrase_end = inf.start()
            q = _QUALIFIER.search(text, after, phrase_end)
            actor_end = q.start() if q else phrase_end
            opening = after + len(text[after:actor_end]) - len(text[after:actor_end].lstrip())
            determiners = _DETERMINERS.match(text[opening:actor_end])
            assert determiners is not None  # it matches the empty string
            lead = opening + determiners.end()
            officer = _OFFICER.match(text[lead:actor_end])
            if officer:
                lead += officer.end()
            actors = _actors(text, opening, actor_end, bodies, tables)
            # The phrase must open with its addressee ("the Council" is a short form that keeps its "the").
            if not actors or not (opening <= actors[0][0] <= lead or text[lead:actors[0][0]].lower() == "the "):
                continue
            addressees = tuple(dict.fromkeys(a[2] for a in actors))
            addressee = text[after:phrase_end].strip(" ,")
            action_start = inf.start() + inf.group().index("to") + 3
        a_start, a_end = _trim(text, action_start, end)
        action = text[a_start:a_end]
        channel: tuple[str, ...] = ()
        through = _THROUGH.search(text, a_start, a_end)
        if through:
            stop = text.find(",", through.end(), a_end)
            stop = a_end if stop < 0 else stop
            channel = tuple(dict.fromkeys(b.body for b in bodies if through.end() <= b.span.start < stop))
        due_session = next(
            (e.ordinal for e in events if e.series == GA_SESSION and a_start <= e.span.start < a_end), None
        )
        due, due_text = _due(action)
        c_start, c_end = _trim(text, clause.start, end)
        out.append(Mandate(kind, clause.verb or "", addressees, addressee, action, Span(c_start, c_end), text[c_start:c_end],
                           channel, due_session, due, due_text))
    return tuple(out)
