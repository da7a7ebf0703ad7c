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

A mandate asked again is read from its noun: "Reiterates its call upon the
Conference on Disarmament to ..." is a call, "Renews its request to the
Secretary-General to ..." a request.

A chapeau that ends with its addressee and a colon ("Calls upon all States:")
gives no mandate itself: each of its sub-paragraphs that opens with an
infinitive ("(a) Not to recognize ...", "(b) To refrain from ...") is one, with
the chapeau's verb and addressee (:func:`chapeau`).

Polarity: a mandate is ``negated`` when what it asks or decides is not to act:
"not to recognize", "never to", "Decides not to", or an infinitive whose verb
means keeping from an act ("to refrain from", "to desist from", "to cease",
"to halt"). The action keeps its "not": "not to recognize any alteration ...",
never "recognize any alteration ...", which would say the opposite.

Within the action: the channel is the bodies after "through" ("through the
Commission on Science and Technology for Development and the Economic and
Social Council"); the due point is a session of the Assembly ("at its
sixty-fifth session", resolved by the event finder) or a date ("by June 2006",
"in 2014", "by the end of 2013").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
    r"Executive\s+Secretary|Director-General|Director\s+General|Administrator|High\s+Commissioner|Secretary-General|"
    r"Under-Secretary-General|members|secretariat|secretariats|Board)\s+of\s+",
)
# The infinitive that opens the action, with its negation: "to submit", "not to recognize", "never to".
_NOT = r"(?P<not>(?i:not|never)\s+)?"
_INFINITIVE = re.compile(
    rf"(?:,\s*)?\b{_NOT}(?i:to)\s+(?!the\b|a\b|an\b|its\b|their\b|all\b|this\b|that\b|these\b|those\b|[A-Z0-9])(?:[a-z-]+)\b"
    r"(?!\s+so\b)"  # "in a position to do so", "with the capacity to do so": the addressee's qualifier
)
# "Reiterates its call upon ...", "Renews its request to ...": the mandate asked again, in a noun.
_RENEWING = {"reiterate", "renew", "repeat"}
_RENEWED = re.compile(r"\s+its\s+(?:(?:urgent|strong|earlier|previous)\s+)?(?P<noun>call\s+(?:upon|on)|request\s+to|invitation\s+to|encouragement\s+to)\b")
_NOUN_KINDS: dict[str, MandateKind] = {"call": "call", "request": "request", "invitation": "invitation", "encouragement": "encouragement"}
# "Decides to", "Decides that", "Decides not to"; "Decides, in that regard, to convene ...", "Also decides that, in
# addition to ...": a parenthetical between commas may stand between the verb and its object.
_DECISION = re.compile(rf"(?:,[^,;:]{{1,250}}?,)?\s+(?:{_NOT}to\s+|that\b)")
# Verbs whose infinitive asks to keep from an act: "to refrain from", "to cease", "to immediately halt".
_KEEP_FROM = re.compile(r"^(?:not|never)\b|^(?:to\s+)?(?:\w+ly\s+)*(?:refrain|desist|abstain|cease|stop|halt|discontinue)\b", re.I)
_QUALIFIER = re.compile(
    r",\s+(?!as\s+well\s+as\b)(?:as|in|within|during|at|through|upon|with|when|while|on|by|for|after|before|inter\s+alia|which|who|in\s+accordance)\b"
)
_THROUGH = re.compile(r"\bthrough\s+(?:the\s+)?(?=[A-Z])")
_DUE = re.compile(
    rf"\b(?P<prep>by|in|before)\s+(?:the\s+end\s+of\s+)?(?:(?P<month>{MONTH})\s+)?(?P<year>(?:19|20)\d\d)\b"
)


@dataclass(frozen=True, slots=True)
class Addressed:
    """Who a chapeau asks to act, for the sub-paragraphs that say what ("Calls upon all States:")."""

    kind: MandateKind
    verb: str
    addressees: tuple[str, ...]
    addressee: str


@cache
def _groups(tables: Authorities) -> tuple[Gazetteer[str], Gazetteer[str]]:
    entries = [(p, g.key) for g in tables.groups.values() for p in g.patterns]
    return (Gazetteer([e for e in entries if " " in e[0]], case=False),
            Gazetteer([e for e in entries if " " not in e[0]], case=True))


def _actors(text: str, start: int, end: int, bodies: tuple[BodyMention, ...], tables: Authorities) -> list[tuple[int, int, str]]:
    # An officer addresses the body through its office ("the Chair of the Commission" -> the Commission): a mention
    # that holds another (the officer's, the owner's name) gives way to it.
    inner = [b for b in bodies if start <= b.span.start and b.span.end <= end]
    found = [(b.span.start, b.span.end, b.body) for b in inner
             if not any(o is not b and b.span.start <= o.span.start and o.span.end <= b.span.end for o in inner)]
    for gazetteer in _groups(tables):
        for hit in gazetteer.finditer(text, start, end):
            if not any(s < hit.end and hit.start < e for s, e, _ in found):
                found.append((hit.start, hit.end, hit.value))
    return sorted(found)


def _addressees(text: str, after: int, phrase_end: int, bodies: tuple[BodyMention, ...],
                tables: Authorities) -> tuple[tuple[str, ...], str] | None:
    """The addressees of the words between the verb and ``phrase_end``, if they open with one."""
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
        return None
    return tuple(dict.fromkeys(a[2] for a in actors)), text[after:phrase_end].strip(" ,:")


def negated(action: str) -> bool:
    """Whether ``action`` (from its infinitive) asks not to act."""
    return bool(_KEEP_FROM.match(action))


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


def chapeau(text: str, clause: Clause, bodies: tuple[BodyMention, ...], tables: Authorities) -> Addressed | None:
    """The addressee a chapeau leaves to its sub-paragraphs: a mandate verb, an addressee, then a colon."""
    kind = KINDS.get(clause.verb or "")
    if not kind or not text.rstrip().endswith(":") or _INFINITIVE.search(text, clause.verb_end, clause.end):
        return None
    if kind == "decision":
        return Addressed(kind, clause.verb or "", (GENERAL_ASSEMBLY,), "the General Assembly")
    found = _addressees(text, clause.verb_end, len(text.rstrip()) - 1, bodies, tables)
    return Addressed(kind, clause.verb or "", *found) if found else None


def mandates(
    text: str, clauses: tuple[Clause, ...], bodies: tuple[BodyMention, ...], events: tuple[EventMention, ...],
    tables: Authorities, addressed: Addressed | None = None,
) -> tuple[Mandate, ...]:
    """Mandates of one text unit; ``addressed`` is the chapeau's addressee for a sub-paragraph."""
    out: list[Mandate] = []
    for clause in clauses:
        kind = KINDS.get(clause.verb or "")
        after = clause.verb_end
        renewed = _RENEWED.match(text, after) if clause.verb in _RENEWING else None
        if renewed:
            kind, after = _NOUN_KINDS[renewed.group("noun").split()[0]], renewed.end()
        if not kind:
            continue
        semicolon = text.find(";", after, clause.end)
        end = semicolon if semicolon >= 0 else clause.end
        opening = _INFINITIVE.match(text, after + len(text[after:end]) - len(text[after:end].lstrip()))
        if addressed and clause.start == 0 and opening:  # "(a) Not to recognize ..." under "Calls upon all States:"
            addressees, addressee = addressed.addressees, addressed.addressee
            action_start = opening.start("not") if opening.group("not") else opening.start() + opening.group().lower().index("to") + 3
        elif kind == "decision":
            m = _DECISION.match(text, after, end)
            if not m:
                continue
            addressees, addressee = (GENERAL_ASSEMBLY,), "the General Assembly"
            action_start = m.start("not") if m.group("not") else m.end()
        else:
            # The first infinitive outside the addressee's own name ("parties to armed conflict never to ...").
            actors = _actors(text, after, end, bodies, tables)
            inf = next((i for i in _INFINITIVE.finditer(text, after, end)
                        if not any(s <= i.start() + i.group().lower().index("to") < e for s, e, _ in actors)), None)
            if not inf:
                continue
            found = _addressees(text, after, inf.start(), bodies, tables)
            if not found:
                continue
            addressees, addressee = found
            action_start = inf.start("not") if inf.group("not") else inf.start() + inf.group().lower().index("to") + 3
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
        verb = addressed.verb if addressed and clause.start == 0 and opening else clause.verb or ""
        out.append(Mandate(kind, verb, addressees, addressee, action, Span(c_start, c_end), text[c_start:c_end],
                           channel, due_session, due, due_text, negated(action)))
    return tuple(out)
