"""The facts read from a part's text, as RDF: citations, mentions, mandates, topics, figures.

Each fact gets a node of its own, minted from its part and the offset it
starts at, that records the characters it was read from (``unga:start``,
``unga:end`` into the part's ``schema:text``, and ``unga:anchorText``); the
part also links straight to what it cites, names and asks, for simple
queries. Bodies, events, outcome documents and topics of the authority files
are described once, in the vocabulary graph (:mod:`mapper.rdf.schemes`);
what only a text says (an IGF meeting's dates, a body missing from the
files) is described here, in the resolution's graph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Triple

from mapper.core.facts import (
    BodyMention,
    Citation,
    EventMention,
    Facts,
    Figure,
    Mandate,
    PlaceMention,
    Span,
    TopicMention,
)
from mapper.core.symbols import ResolutionSymbol
from mapper.lexicon.authority import GA_SESSION, Authorities
from mapper.rdf.iris import Iris
from mapper.rdf.namespaces import DCTERMS, ELI, RDF, RDFS, SCHEMA, UNGA, XSD
from mapper.rdf.terms import boolean, day, document_triples, en, integer, session_triples

Triples = list[Triple]

# The citation property of each relation the extractor gives (mapper.extract.citations.RELATIONS).
CITATION_PROPERTIES = {
    "recalls": UNGA.recalls, "reaffirms": UNGA.reaffirms, "endorses": UNGA.endorses, "welcomes": UNGA.welcomes,
    "takesNoteOf": UNGA.takesNoteOf, "notes": UNGA.notes, "cites": UNGA.cites, "anticipates": UNGA.anticipates,
}
EVENT_CLASSES = {"Session": UNGA.Session, "Meeting": UNGA.Meeting, "Summit": UNGA.Summit, "Conference": UNGA.Conference}


def _located(node: NamedNode, span: Span, text: str) -> Triples:
    return [
        Triple(node, UNGA.start, integer(span.start, XSD.nonNegativeInteger)),
        Triple(node, UNGA.end, integer(span.end, XSD.nonNegativeInteger)),
        Triple(node, UNGA.anchorText, Literal(text)),
    ]


@dataclass(frozen=True, slots=True)
class Context:
    """What mapping a resolution's facts needs besides the facts: whose they are, the IRIs, the authority files."""

    symbol: ResolutionSymbol
    iris: Iris
    tables: Authorities


def facts_triples(facts: Facts, unit: NamedNode, eid: str, ctx: Context, repaired: bool = False) -> Triples:
    """The facts of the unit ``eid`` (node ``unit``), each fact a node of its own; where the parser ``repaired`` the
    unit's text, the unit and each fact say so (``unga:repaired true``), so that a query can leave them out."""
    s, iris, tables = ctx.symbol, ctx.iris, ctx.tables
    out: Triples = []
    starts: dict[tuple[str, int], int] = {}

    def node(kind: str, start: int) -> NamedNode:
        index = starts.get((kind, start), 0)
        starts[(kind, start)] = index + 1
        return NamedNode(iris.fact(s, eid, kind, start, index))

    for c in facts.citations:
        out += _citation(c, unit, node("citation", c.span.start), iris, tables)
    for b in facts.bodies:
        out += _body(b, unit, node("body", b.span.start), iris)
    for e in facts.events:
        out += _event(e, unit, node("event", e.span.start), iris, tables)
    for p in facts.places:
        out += _place(p, unit, node("place", p.span.start), iris)
    for m in facts.mandates:
        out += _mandate(m, unit, node("mandate", m.span.start), iris, tables)
    for t in facts.topics:
        out += _topic(t, unit, NamedNode(iris.topic_evidence(s, eid, t.topic)), iris)
    for f in facts.figures:
        out += _figure(f, unit, node("figure", f.span.start))
    if repaired:
        nodes = {t.subject for t in out if t.predicate in (UNGA.start, UNGA.mentionedIn)}
        out += [Triple(unit, UNGA.repaired, boolean(True))] + [Triple(n, UNGA.repaired, boolean(True)) for n in sorted(nodes, key=str)]
    return out


def _citation(c: Citation, unit: NamedNode, node: NamedNode, iris: Iris, tables: Authorities) -> Triples:
    out: Triples = [Triple(node, RDF.type, UNGA.Citation), Triple(node, UNGA.citingParagraph, unit)]
    if c.kind == "instrument":
        instrument = NamedNode(iris.instrument(c.target))
        name = tables.instruments[c.target].name if c.known else (c.name or c.target)
        if not c.known:  # read by the pattern of titles: described where it is read
            out += [Triple(instrument, RDF.type, UNGA.Instrument), Triple(instrument, RDFS.label, en(name)),
                    Triple(instrument, UNGA.inAuthorityFile, boolean(False))]
        targets = []
        for n in c.pinpoint:
            part = NamedNode(iris.instrument_part(c.target, n))
            targets.append(part)
            out += [
                Triple(part, RDF.type, UNGA.DocumentPart),
                Triple(part, ELI.is_part_of, instrument),
                Triple(part, RDFS.label, en(f"{name}, paragraph {n}" if n.isdigit() else f"{name}, {n}")),
            ]
            number = re.search(r"(?:^|paragraph )(\d+)$", n)
            if number and int(number.group(1)) > 0:  # "35", "article 2, paragraph 4": the paragraph's number
                out.append(Triple(part, UNGA.number, integer(int(number.group(1)))))
        targets = targets or [instrument]
    else:
        target, described = document_triples(c.target, iris)
        out += described
        if c.date:
            out.append(Triple(target, ELI.date_document, day(c.date)))
        targets = [target]
        if c.pinpoint:
            out += [Triple(node, UNGA.pinpoint, Literal(p)) for p in c.pinpoint]
    prop = CITATION_PROPERTIES[c.relation]
    for target in targets:
        out += [Triple(unit, prop, target), Triple(node, UNGA.citedEntity, target)]
    if c.verb:
        out.append(Triple(node, UNGA.clauseVerb, NamedNode(iris.clause_verb(c.verb))))
    if c.anaphoric:
        out.append(Triple(node, UNGA.anaphoric, boolean(True)))  # "the Treaty": read back to the instrument named last
    return out + _located(node, c.span, c.text)


def _mention(node: NamedNode, unit: NamedNode, entity: NamedNode, span: Span, text: str, iris: Iris | None = None,
             verb: str | None = None) -> Triples:
    out = [
        Triple(node, RDF.type, UNGA.Mention),
        Triple(node, UNGA.mentionedIn, unit),
        Triple(node, UNGA.mentions, entity),
        *_located(node, span, text),
    ]
    if verb and iris:  # "Welcoming ... the fifth meeting of the Forum": the stance taken towards what is named
        out.append(Triple(node, UNGA.clauseVerb, NamedNode(iris.clause_verb(verb))))
    return out


def _body(b: BodyMention, unit: NamedNode, node: NamedNode, iris: Iris) -> Triples:
    body = NamedNode(iris.body(b.body))
    out = [Triple(unit, UNGA.mentionsBody, body), *_mention(node, unit, body, b.span, b.text, iris, b.verb),
           Triple(node, UNGA.anaphoric, boolean(b.anaphoric))]
    if not b.known:
        out += unknown_body(b.body, b.name, iris)
    return out


def unknown_body(key: str, name: str, iris: Iris) -> Triples:
    body = NamedNode(iris.body(key))
    return [
        Triple(body, RDF.type, UNGA.Body),
        Triple(body, RDFS.label, en(name)),
        Triple(body, UNGA.inAuthorityFile, boolean(False)),
    ]


def _event(e: EventMention, unit: NamedNode, node: NamedNode, iris: Iris, tables: Authorities) -> Triples:
    event = NamedNode(iris.event(e.event))
    out = [Triple(unit, UNGA.mentionsEvent, event), *_mention(node, unit, event, e.span, e.text, iris, e.verb)]
    table = tables.events
    if e.series == GA_SESSION:  # an Assembly session: event(ga-session-65) is session/65
        return out + session_triples(e.ordinal or 0, iris)[1]
    if e.event in table and not table[e.event].series:
        return out  # described in the vocabulary graph
    out += [Triple(event, RDF.type, EVENT_CLASSES.get(e.kind, UNGA.Event)), Triple(event, RDFS.label, en(e.name))]
    if not e.known:
        out.append(Triple(event, UNGA.inAuthorityFile, boolean(False)))
    if e.series:
        series = NamedNode(iris.event(e.series))
        out.append(Triple(event, UNGA.inSeries, series))
        if e.series not in table:  # sessions of a body the file has no series for
            out += series_triples(e.series, e.series_name or e.series, e.body, iris)
    if e.ordinal:
        out.append(Triple(event, UNGA.ordinal, integer(e.ordinal)))
    if e.start:
        out.append(Triple(event, SCHEMA.startDate, day(e.start)))
    if e.end:
        out.append(Triple(event, SCHEMA.endDate, day(e.end)))
    if e.year and not e.start:
        out.append(Triple(event, UNGA.year, Literal(str(e.year), datatype=XSD.gYear)))
    out += [Triple(event, UNGA.heldIn, NamedNode(iris.place(p))) for p in e.places]
    return out


def series_triples(key: str, label: str, body: str | None, iris: Iris) -> Triples:
    series = NamedNode(iris.event(key))
    out = [Triple(series, RDF.type, UNGA.EventSeries), Triple(series, RDFS.label, en(label))]
    if body:
        out.append(Triple(series, UNGA.seriesOf, NamedNode(iris.body(body))))
    return out


def _place(p: PlaceMention, unit: NamedNode, node: NamedNode, iris: Iris) -> Triples:
    place = NamedNode(iris.place(p.place))
    out = [Triple(unit, UNGA.mentionsPlace, place), *_mention(node, unit, place, p.span, p.text)]
    if p.kind == "city":
        out += city_triples(p.place, p.name, p.country, iris)
    return out


def city_triples(key: str, name: str, country: str | None, iris: Iris) -> Triples:
    city = NamedNode(iris.place(key))
    out = [Triple(city, RDF.type, UNGA.Place), Triple(city, RDF.type, SCHEMA.City), Triple(city, RDFS.label, en(name))]
    if country:
        out.append(Triple(city, SCHEMA.containedInPlace, NamedNode(iris.place(country))))
    return out


def _mandate(m: Mandate, unit: NamedNode, node: NamedNode, iris: Iris, tables: Authorities) -> Triples:
    groups = tables.groups
    out = [
        Triple(unit, UNGA.mandate, node),
        Triple(node, RDF.type, UNGA.Mandate),
        Triple(node, UNGA.mandateKind, Literal(m.kind)),
        Triple(node, UNGA.clauseVerb, NamedNode(iris.clause_verb(m.verb))),
        Triple(node, UNGA.addresseeText, Literal(m.addressee)),
        Triple(node, UNGA.action, Literal(m.action)),
        Triple(node, UNGA.negated, boolean(m.negated)),
    ]
    for a in m.addressees:
        out.append(Triple(node, UNGA.addressee, NamedNode(iris.group(a) if a in groups else iris.body(a))))
    out += [Triple(node, UNGA.channel, NamedNode(iris.body(c))) for c in m.channel]
    if m.due_session:
        out.append(Triple(node, UNGA.dueSession, NamedNode(iris.session(m.due_session))))
    if m.due:
        datatype = XSD.gYear if len(m.due) == 4 else XSD.gYearMonth if len(m.due) == 7 else XSD.date
        out += [Triple(node, UNGA.due, Literal(m.due, datatype=datatype)), Triple(node, UNGA.dueText, Literal(m.due_text or m.due))]
    return out + _located(node, m.span, m.text)


def _topic(t: TopicMention, unit: NamedNode, node: NamedNode, iris: Iris) -> Triples:
    topic = NamedNode(iris.topic(t.topic))
    return [Triple(unit, DCTERMS.subject, topic), *_mention(node, unit, topic, t.span, t.text)]


def _figure(f: Figure, unit: NamedNode, node: NamedNode) -> Triples:
    out = [
        Triple(node, RDF.type, UNGA.Observation),
        Triple(node, UNGA.statedIn, unit),
        Triple(node, UNGA.value, Literal(f"{f.value:g}" if f.unit == "percent" else f"{f.value:.4f}", datatype=XSD.decimal)),
        Triple(node, UNGA.unit, Literal(f.unit)),
    ]
    if f.population:
        out.append(Triple(node, UNGA.population, Literal(f.population)))
    if f.measure:
        out.append(Triple(node, UNGA.measure, Literal(f.measure)))
    if f.year:
        out.append(Triple(node, UNGA.year, Literal(str(f.year), datatype=XSD.gYear)))
    return out + _located(node, f.span, f.text)
