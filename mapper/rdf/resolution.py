"""The typed model as RDF triples: a resolution, its parts and its footnotes.

The output is a list of pyoxigraph ``Triple`` values: immutable, fast to
make and to serialize, and convertible to rdflib where a library needs it.
IRIs come from :mod:`mapper.rdf.iris`, terms from :mod:`mapper.rdf.namespaces`. Parts of
a resolution get IRIs, never blank nodes; the full text of every paragraph
is in the graph, so the graph alone can render the resolution.
"""

from __future__ import annotations

import re

from pyoxigraph import NamedNode, Triple

from mapper import __version__
from mapper.core.model import (
    Annex,
    Footnote,
    LeadPhrase,
    LetteredPart,
    Marker,
    Paragraph,
    Resolution,
    Section,
    Subparagraph,
    footnote_id,
)
from mapper.core.symbols import ResolutionSymbol
from mapper.lexicon.authority import Authorities, authorities
from mapper.rdf.entail import with_entailed
from mapper.rdf.facts import Context, facts_triples
from mapper.rdf.iris import Iris
from mapper.rdf.namespaces import DCTERMS, ELI, ENGLISH, PROV, RDF, RDFS, SCHEMA, SKOS, UNGA, XSD
from mapper.rdf.terms import (
    boolean,
    day,
    document_triples,
    en,
    integer,
    official_text,
    session_label,
    session_triples,
    string,
)

__all__ = ["akn_work_identifier", "official_text", "resolution_triples", "session_label"]

Triples = list[Triple]


def akn_work_identifier(r: Resolution) -> str | None:
    """AKN4UN: /akn/un/statement/deliberation/unga/{adoption date}/{session}-{number}/."""
    if r.adopted is None:
        return None
    number = f"{r.symbol.number}{r.symbol.part or ''}"
    return f"/akn/un/statement/deliberation/unga/{r.adopted.isoformat()}/{r.symbol.session}-{number}/"


# -- the resolution ------------------------------------------------------------------

def resolution_triples(r: Resolution, iris: Iris, version: str = __version__, *, tables: Authorities | None = None) -> Triples:
    """All triples of one resolution: its named graph's content (``tables``: the authority files its facts were read with),
    with the standard terms the ontology implies (:mod:`mapper.rdf.entail`)."""
    s = r.symbol
    ctx = Context(s, iris, tables or authorities())
    res = NamedNode(iris.resolution(s))
    expr = NamedNode(iris.expression(s))
    out: Triples = [
        Triple(res, RDF.type, UNGA.Resolution),
        Triple(res, UNGA.symbol, string(str(s))),
        Triple(res, UNGA.number, integer(s.number)),
        Triple(res, RDFS.label, en(f"{s}: {r.title}" if r.title else str(s))),
        Triple(res, UNGA.officialText, official_text(str(s))),
        Triple(res, ELI.is_realized_by, expr),
    ]
    if r.title:
        out.append(Triple(res, UNGA.title, en(r.title)))  # the work's title too, as its English expression's eli:title
    if r.adopted:
        out.append(Triple(res, ELI.date_document, day(r.adopted)))
    akn = akn_work_identifier(r)
    if akn:
        out.append(Triple(res, UNGA.aknWorkIdentifier, string(akn)))
    out += _expression_triples(r, iris, version)
    out += _session_triples(r, iris, res)
    for i, p in enumerate(r.preamble, 1):
        out.append(Triple(res, UNGA.preambularParagraph, NamedNode(iris.part(s, p.id))))
        out += part_triples(p, ctx, res, i)
    for i, p in enumerate(r.operative, 1):
        out.append(Triple(res, UNGA.operativeParagraph, NamedNode(iris.part(s, p.id))))
        out += part_triples(p, ctx, res, p.number or i)
    for f in r.footnotes:
        out += footnote_triples(f, ctx, res)
    out += section_triples(r.sections, ctx, res)
    for part in r.parts:
        out += lettered_part_triples(part, ctx, res)
    for annex in r.annexes:
        out += annex_triples(annex, ctx, res)
    return with_entailed(out)


# -- headings, annexes, corrections ---------------------------------------------------------

def section_triples(sections: tuple[Section, ...], ctx: Context, parent: NamedNode) -> Triples:
    """Headings (Akoma Ntoso ``hcontainer``): part of ``parent`` or of the heading above them, heading what they head."""
    s, iris = ctx.symbol, ctx.iris
    out: Triples = []
    for position, section in enumerate(sections, 1):
        node = NamedNode(iris.part(s, section.id))
        holder = NamedNode(iris.part(s, section.parent)) if section.parent else parent
        printed = " ".join(x for x in (section.label and f"{section.label}.", section.heading) if x)
        out += [
            Triple(parent, UNGA.section, node),
            Triple(node, RDF.type, UNGA.Section),
            Triple(node, ELI.is_part_of, holder),
            Triple(node, UNGA.eId, string(section.id)),
            Triple(node, SCHEMA.position, integer(position)),
            Triple(node, RDFS.label, en(f"{s}, heading {printed!r}")),
        ]
        if section.heading:
            out.append(Triple(node, UNGA.heading, en(section.heading)))
        if section.label:
            out.append(Triple(node, UNGA.label, string(section.label)))
        out += _located(node, section.span.start, section.span.end, section.line)
        out += [Triple(NamedNode(iris.part(s, pid)), UNGA.inSection, node) for pid in section.paragraphs]
    return out


def lettered_part_triples(part: LetteredPart, ctx: Context, res: NamedNode) -> Triples:
    """A lettered part (A, B ...) of a resolution adopted in parts: its paragraphs, numbered from 1, and headings."""
    s, iris = ctx.symbol, ctx.iris
    node = NamedNode(iris.part(s, part.id))
    out = [
        Triple(res, UNGA.part, node),
        Triple(node, RDF.type, UNGA.ResolutionPart),
        Triple(node, ELI.is_part_of, res),
        Triple(node, UNGA.eId, string(part.id)),
        Triple(node, UNGA.label, string(part.label)),
        Triple(node, RDFS.label, en(f"{s} {part.label}" + (f": {part.title}" if part.title else ""))),
    ]
    out += _located(node, part.span.start, part.span.end, part.line)
    if part.title:
        out.append(Triple(node, UNGA.title, en(part.title)))
    for i, p in enumerate(part.preamble, 1):
        out.append(Triple(node, UNGA.preambularParagraph, NamedNode(iris.part(s, p.id))))
        out += part_triples(p, ctx, node, i, f"part {part.label}")
    for i, p in enumerate(part.operative, 1):
        out.append(Triple(node, UNGA.operativeParagraph, NamedNode(iris.part(s, p.id))))
        out += part_triples(p, ctx, node, p.number or i, f"part {part.label}")
    return out + section_triples(part.sections, ctx, node)


def annex_triples(annex: Annex, ctx: Context, res: NamedNode) -> Triples:
    """An annex, its paragraphs, headings and footnotes, and the paragraph that annexes it."""
    s, iris = ctx.symbol, ctx.iris
    node = NamedNode(iris.part(s, annex.id))
    out = [
        Triple(res, UNGA.annex, node),
        Triple(node, RDF.type, UNGA.Annex),
        Triple(node, ELI.is_part_of, res),
        Triple(node, UNGA.eId, string(annex.id)),
        Triple(node, UNGA.heading, en(annex.heading)),
        Triple(node, RDFS.label, en(f"{s}, {annex.heading.lower()}" + (f": {annex.title}" if annex.title else ""))),
    ]
    out += _located(node, annex.span.start, annex.span.end, annex.line)
    if annex.title:
        out.append(Triple(node, UNGA.title, en(annex.title)))
    if annex.adopted_by:
        out.append(Triple(node, UNGA.annexedBy, NamedNode(iris.part(s, annex.adopted_by))))
    for i, p in enumerate(annex.paragraphs, 1):
        out.append(Triple(node, UNGA.annexParagraph, NamedNode(iris.part(s, p.id))))
        out += part_triples(p, ctx, node, i, annex.heading.lower())
    for f in annex.footnotes:
        out += footnote_triples(f, ctx, node)
    return out + section_triples(annex.sections, ctx, node)


def correction_triples(r: Resolution, iris: Iris) -> Triples:
    """What the parser removed from or restored to the text as extracted, on the expression it read."""
    s = r.symbol
    expr = NamedNode(iris.expression(s))
    out: Triples = []
    for i, c in enumerate(r.corrections, 1):
        node = NamedNode(iris.correction(s, i))
        out += [
            Triple(expr, UNGA.correction, node),
            Triple(node, RDF.type, UNGA.Correction),
            Triple(node, UNGA.correctionKind, string(c.kind)),
            Triple(node, UNGA.sourceLine, integer(c.line)),
            Triple(node, SCHEMA.text, string(c.text)),
            Triple(node, SKOS.note, en(c.note)),
        ]
    return out


def _expression_triples(r: Resolution, iris: Iris, version: str) -> Triples:
    s = r.symbol
    expr = NamedNode(iris.expression(s))
    source = NamedNode(iris.source_file(s, r.source.sha256))
    agent = NamedNode(iris.agent(version))
    out = [
        Triple(expr, RDF.type, UNGA.ResolutionExpression),
        Triple(expr, ELI.realizes, NamedNode(iris.resolution(s))),
        Triple(expr, ELI.language, ENGLISH),
        Triple(expr, ELI.is_embodied_by, source),
        Triple(expr, PROV.wasDerivedFrom, source),
        Triple(expr, PROV.wasAttributedTo, agent),
        Triple(source, RDF.type, UNGA.SourceFile),
        Triple(source, ELI.embodies, expr),
        Triple(source, UNGA.sha256, string(r.source.sha256)),
        Triple(source, UNGA.fileName, string(r.source.path)),
        Triple(source, UNGA.layout, string(r.source.layout)),
        Triple(agent, RDF.type, PROV.SoftwareAgent),
        Triple(agent, RDFS.label, string(f"ungakg {version}")),
    ]
    if r.title:
        out.append(Triple(expr, ELI.title, en(r.title)))
    if r.distributed:
        out.append(Triple(expr, ELI.date_publication, day(r.distributed)))
    if r.source.record:
        out.append(Triple(source, UNGA.libraryRecord, string(r.source.record)))
    if r.source.url and r.source.url.startswith(("https://", "http://")) and " " not in r.source.url:
        out.append(Triple(source, PROV.hadPrimarySource, NamedNode(r.source.url)))
    return out + correction_triples(r, iris)


def _session_triples(r: Resolution, iris: Iris, res: NamedNode) -> Triples:
    """The session, plenary meeting, agenda items, committee and documents of the heading."""
    session = r.symbol.session
    sess, out = session_triples(session, iris)
    out.append(Triple(res, UNGA.session, sess))
    if r.meeting is not None:
        meeting = NamedNode(iris.plenary_meeting(session, r.meeting))
        out += [
            Triple(res, UNGA.adoptedAt, meeting),
            Triple(meeting, RDF.type, UNGA.PlenaryMeeting),
            Triple(meeting, UNGA.number, integer(r.meeting)),
            Triple(meeting, UNGA.partOfEvent, sess),
            Triple(meeting, UNGA.session, sess),
            Triple(meeting, RDFS.label, en(f"{_ordinal_suffix(r.meeting)} plenary meeting, {session_label(session)}")),
        ]
        if r.adopted:
            out.append(Triple(meeting, SCHEMA.startDate, day(r.adopted)))
    out += [Triple(res, DCTERMS.subject, NamedNode(iris.topic(t))) for t in r.subjects]  # what it is about
    titles = {a.number: a.title for a in r.agenda if a.title and a.sub is None}
    for n in r.agenda_items:
        item = NamedNode(iris.agenda_item(session, n))
        out += [
            Triple(res, UNGA.agendaItem, item),
            Triple(item, RDF.type, UNGA.AgendaItem),
            Triple(item, UNGA.number, integer(n)),
            Triple(item, UNGA.session, sess),
            Triple(item, RDFS.label, en(f"Agenda item {n}, {session_label(session)}")),
        ]
        if n in titles:
            out.append(Triple(item, UNGA.title, en(titles[n])))
    if r.committee:
        committee = NamedNode(iris.body(main_committee_name(r.committee)))
        out += [
            Triple(res, UNGA.onReportOf, committee),
            Triple(committee, RDF.type, UNGA.MainCommittee),
            Triple(committee, RDFS.label, en(main_committee_name(r.committee))),
        ]
    if r.without_reference:
        out.append(Triple(res, UNGA.withoutReference, boolean(True)))
    for symbol in r.report:
        doc, described = document_triples(symbol, iris)
        out += [Triple(res, UNGA.basedOn, doc), *described]
    return out


def main_committee_name(committee: str) -> str:
    """"Special Political and Decolonization Committee (Fourth Committee)" -> "Fourth Committee"."""
    m = re.search(r"\((\w+ Committee)\)", committee)
    return m.group(1) if m else committee


def _ordinal_suffix(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# -- parts -----------------------------------------------------------------------------

def part_triples(u: Paragraph | Subparagraph, ctx: Context, parent: NamedNode, position: int, parent_name: str = "") -> Triples:
    """A paragraph or sub-paragraph (at ``position`` in its parent), its markers, facts and sub-paragraphs."""
    s, iris = ctx.symbol, ctx.iris
    node = NamedNode(iris.part(s, u.id))
    if isinstance(u, Paragraph):
        kind = {"operative": UNGA.OperativeParagraph, "preambular": UNGA.PreambularParagraph, "annex": UNGA.AnnexParagraph}[u.kind]
        if u.kind == "operative":
            name = f"operative paragraph {u.number}" if u.number else "operative paragraph (unnumbered)"
        elif u.kind == "annex":
            name = f"{parent_name}, paragraph {u.number}" if u.number else f"{parent_name}, unnumbered paragraph {position}"
        else:
            name = f"preambular paragraph {position}"
        if parent_name.startswith("part "):
            name = f"{parent_name}, {name}"
    else:
        name, kind = f"{parent_name} ({u.label})", UNGA.Subparagraph
    out = [Triple(node, RDF.type, kind), Triple(node, ELI.is_part_of, parent), Triple(node, UNGA.eId, string(u.id))]
    if isinstance(u, Subparagraph):
        out.append(Triple(node, UNGA.label, string(u.label)))
    out += [
        Triple(node, SCHEMA.position, integer(position)),
        Triple(node, RDFS.label, en(f"{s}, {name}")),
        Triple(node, SCHEMA.text, en(u.text)),
    ]
    if isinstance(u, Paragraph):
        if u.number is not None:
            out.append(Triple(node, UNGA.number, integer(u.number)))
        out += lead_phrase_triples(u.phrase, node, iris)
    out += _located(node, u.span.start, u.span.end, u.line) + _markers(u.markers, u.id, node, s, iris)
    out += facts_triples(u.facts, node, u.id, ctx, u.repaired)
    for i, child in enumerate(u.subparagraphs, 1):
        out.append(Triple(node, UNGA.subparagraph, NamedNode(iris.part(s, child.id))))
        out += part_triples(child, ctx, node, i, name)
    return out


def footnote_triples(f: Footnote, ctx: Context, res: NamedNode) -> Triples:
    """A footnote, part of ``res``: the resolution, or the annex whose text calls it first."""
    s, iris = ctx.symbol, ctx.iris
    node = NamedNode(iris.part(s, f.id))
    out = [
        Triple(res, UNGA.footnote, node),
        Triple(node, RDF.type, UNGA.Footnote),
        Triple(node, ELI.is_part_of, res),
        Triple(node, UNGA.eId, string(f.id)),
        Triple(node, UNGA.number, integer(f.number)),
        Triple(node, RDFS.label, en(f"{s}, footnote {f.number}")),
        Triple(node, SCHEMA.text, en(f.text)),
    ]
    if f.paragraph:
        out.append(Triple(node, UNGA.anchoredIn, NamedNode(iris.part(s, f.paragraph))))
    out += _located(node, f.span.start, f.span.end, f.line)
    return out + facts_triples(f.facts, node, f.id, ctx, f.repaired)


def _markers(markers: tuple[Marker, ...], eid: str, node: NamedNode, s: ResolutionSymbol, iris: Iris) -> Triples:
    out: Triples = []
    for i, m in enumerate(markers, 1):
        marker = NamedNode(iris.marker(s, eid, i))
        out += [
            Triple(node, UNGA.footnoteMarker, marker),
            Triple(marker, RDF.type, UNGA.FootnoteMarker),
            Triple(marker, UNGA.offset, integer(m.offset, XSD.nonNegativeInteger)),
            Triple(marker, UNGA.callsFootnote, NamedNode(iris.part(s, footnote_id(m.number)))),
        ]
    return out


def _located(node: NamedNode, start: int, end: int, line: int) -> Triples:
    return [
        Triple(node, UNGA.sourceStart, integer(start, XSD.nonNegativeInteger)),
        Triple(node, UNGA.sourceEnd, integer(end, XSD.nonNegativeInteger)),
        Triple(node, UNGA.sourceLine, integer(line)),
    ]


# -- clause verbs ---------------------------------------------------------------------

def lead_phrase_triples(phrase: LeadPhrase, node: NamedNode, iris: Iris) -> Triples:
    """The lead phrase as printed, its verb concept and its modifier concepts.

    A verb not in the lexicon still gets a concept (from the phrase as
    printed), noted as such, so that every paragraph has exactly one.
    """
    out = [Triple(node, UNGA.leadPhrase, string(phrase.text))]
    if phrase.verb:
        out.append(Triple(node, UNGA.clauseVerb, NamedNode(iris.clause_verb(phrase.verb))))
    else:
        concept = NamedNode(iris.clause_verb(phrase.text))
        out += [
            Triple(node, UNGA.clauseVerb, concept),
            Triple(concept, RDF.type, UNGA.ClauseVerb),
            Triple(concept, SKOS.prefLabel, en(phrase.text.lower())),
            Triple(concept, SKOS.inScheme, NamedNode(iris.clause_verbs())),
            Triple(concept, SKOS.note, en("Not in the lexicon of clause verbs: read from the text as printed.")),
        ]
    for modifier in phrase.modifiers:
        out.append(Triple(node, UNGA.clauseModifier, NamedNode(iris.clause_modifier(modifier))))
    return out
