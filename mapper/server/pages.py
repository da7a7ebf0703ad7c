"""HTML pages for people: a resolution's full text, and every other resource's description.

Pages are rendered from the store (what you read is what SPARQL answers),
with Jinja2 templates in ``templates/`` (autoescaped) and local assets only.
A resolution page shows its paragraphs in order with their sub-paragraphs,
the footnotes, and inside the text links on what was read from it: cited
resolutions and documents, bodies, events and places. It embeds schema.org
``Legislation`` JSON-LD for search engines.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from mapper.extract.lineage import diff_words
from mapper.rdf.iris import Iris
from mapper.rdf.namespaces import ELI, PREFIXES, SCHEMA, UNGA
from mapper.server.browse import natural
from mapper.server.linkeddata import Description, Graph, Terms, value
from mapper.server.search import Index, snippet_html

TEMPLATES = Path(__file__).parent / "templates"
ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)

# Inbound links that repeat a direct link on a fact node; pages list the direct ones.
_FACT_LINKS = {UNGA.mentions.value, UNGA.citedEntity.value, UNGA.mentionedIn.value, UNGA.citingParagraph.value,
               UNGA.mentionsBody.value, UNGA.mentionsEvent.value, UNGA.mentionsPlace.value}


def render(template: str, **context) -> str:
    return ENV.get_template(template).render(**context)


# -- a resolution ------------------------------------------------------------------


@dataclass
class Part:
    iri: str
    href: str
    eid: str
    label: str  # "3", "(a)", "1"
    kind: str  # preamble, operative, subparagraph, footnote
    text: Markup
    lead: str | None = None
    subparagraphs: list[Part] = field(default_factory=list)
    topics: list[tuple[str, str]] = field(default_factory=list)  # (href, label)
    mandates: list[str] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)  # the headings printed just before this paragraph
    annexes: list[tuple[str, str]] = field(default_factory=list)  # (eId, heading) of the annexes this paragraph annexes
    lineage: tuple | None = None  # (kind, similarity, predecessor's href, its name, word diff) when the resolution succeeds another


@dataclass
class Heading:
    eid: str
    text: str  # "II. Implementation of ...", "Peacebuilding financing"
    level: int  # 1, or 2 for a heading under a numbered one


@dataclass
class PartView:
    eid: str
    label: str  # "B"
    title: str | None
    preamble: list[Part]
    operative: list[Part]


@dataclass
class AnnexView:
    eid: str
    heading: str
    title: str | None
    annexed_by: tuple[str, str] | None  # (eId, "paragraph 1")
    paragraphs: list[Part]
    footnotes: list[Part]


def _headings(index: _Index, holder: str, parts: list[Part]) -> None:
    """Put each heading of ``holder`` before the first of ``parts`` it heads (or, heading none itself, the first its sub-headings head)."""
    sections = sorted(index.all(holder, UNGA.section), key=lambda s: _int(index.one(s.value, SCHEMA.position)))
    order = {p.iri: i for i, p in enumerate(parts)}
    waiting: list[Heading] = []
    for section in sections:
        label = index.one(section.value, UNGA.label)
        words = index.one(section.value, UNGA.heading)
        text = " ".join(x for x in ((label.value + ".") if label else None, words.value if words else None) if x)
        parent = index.one(section.value, ELI.is_part_of)
        level = 2 if parent is not None and parent.value != holder and index.one(parent.value, UNGA.eId) and "hcontainer" in (
            index.one(parent.value, UNGA.eId).value) else 1
        eid = index.one(section.value, UNGA.eId)
        waiting.append(Heading(eid.value if eid else "", text, level))
        headed = [order[s] for s in index.subjects_with(UNGA.inSection, section.value) if s in order]
        if headed:
            parts[min(headed)].headings += waiting
            waiting = []


# The links a page follows backwards (from a unit to the facts read from it, from a heading to what it heads).
_REVERSED = frozenset({UNGA.citingParagraph.value, UNGA.mentionedIn.value, UNGA.inSection.value})


class _Index:
    """A resolution's named graph, indexed by subject, and by object for the links pages follow backwards."""

    def __init__(self, triples: list[ox.Triple]):
        self.by_subject: dict[str, dict[str, list]] = {}
        self.by_object: dict[tuple[str, str], list[str]] = {}
        self.by_predicate: dict[str, list] = {}
        for t in triples:
            subject, predicate, obj = t.subject, t.predicate.value, t.object
            key = subject.value if not isinstance(subject, ox.Triple) else str(subject)
            self.by_subject.setdefault(key, {}).setdefault(predicate, []).append(obj)
            self.by_predicate.setdefault(predicate, []).append(obj)
            if predicate in _REVERSED:
                self.by_object.setdefault((predicate, value(obj)), []).append(key)

    def one(self, subject: str, predicate: ox.NamedNode):
        values = self.by_subject.get(subject, {}).get(predicate.value)
        return values[0] if values else None

    def all(self, subject: str, predicate: ox.NamedNode) -> list:
        return self.by_subject.get(subject, {}).get(predicate.value, [])

    def subjects_with(self, predicate: ox.NamedNode, obj_iri: str) -> list[str]:
        return self.by_object.get((predicate.value, obj_iri), [])


def _int(term) -> int:
    return int(term.value) if term is not None else 0


def _linked_text(index: _Index, graph: Graph, part: str, text: str, called: set[str] | None = None) -> Markup:
    """The part's text, with links on the spans facts were read from and footnote calls as superscripts where
    they stand (a call inside a linked name splits the link around it). A span that names several things (the
    "Geneva and Tunis phases" of two events) is followed by a link to each. ``called`` collects the footnotes
    already called on the page: only a footnote's first call carries the id its back link goes to."""
    spans: dict[tuple[int, int], list[tuple[str, str]]] = defaultdict(list)  # (start, end) -> [(href, title)]
    topics = Iris(graph.base).topics()
    facts = index.subjects_with(UNGA.citingParagraph, part) + index.subjects_with(UNGA.mentionedIn, part)
    for fact in facts:
        target = index.one(fact, UNGA.citedEntity) or index.one(fact, UNGA.mentions)
        start, end = index.one(fact, UNGA.start), index.one(fact, UNGA.end)
        if target is None or start is None or end is None:
            continue
        if target.value.startswith(topics):
            continue  # a topic's evidence is a word, not a name: listed beside the paragraph
        entry = (graph.href(target.value), graph.label(target))
        if entry not in spans[int(start.value), int(end.value)]:
            spans[int(start.value), int(end.value)].append(entry)
    markers = []
    for marker in index.all(part, UNGA.footnoteMarker):
        footnote = index.one(marker.value, UNGA.callsFootnote)
        offset = index.one(marker.value, UNGA.offset)
        if footnote is not None and offset is not None:
            eid = index.one(footnote.value, UNGA.eId)
            markers.append((int(offset.value), _int(index.one(footnote.value, UNGA.number)), eid.value if eid is not None else ""))
    # longest first at each start; drop spans that overlap one already taken
    taken: list[tuple[int, int, list[tuple[str, str]]]] = []
    for (start, end), targets in sorted(spans.items(), key=lambda s: (s[0][0], -(s[0][1] - s[0][0]))):
        if all(start >= t[1] or end <= t[0] for t in taken):
            taken.append((start, end, sorted(targets)))
    calls = {offset for offset, _, _ in markers}
    # what goes in at each offset, in this order: 0 closes a link, 1 calls a footnote, 2 opens a link
    inserts: list[tuple[int, int, str]] = []
    for start, end, targets in taken:
        cuts = [start] + sorted(o for o in calls if start < o < end) + [end]
        if len(targets) == 1:
            href, title = targets[0]
            opening = f'<a class="fact" href="{_attr(href)}" title="{_attr(title)}">'
            for a, b in pairwise(cuts):
                inserts += [(a, 2, opening), (b, 0, "</a>")]
        else:
            links = ", ".join(f'<a href="{_attr(href)}">{_attr(title)}</a>' for href, title in targets)
            inserts += [(start, 2, '<span class="fact several">'), (end, 0, f'</span><span class="names"> [{links}]</span>')]
    seen = called if called is not None else set()
    for offset, number, eid in markers:
        anchor = f' id="call-{_attr(eid)}"' if eid and eid not in seen else ""
        seen.add(eid)
        inserts.append((offset, 1, f'<sup class="fn"><a href="#{_attr(eid)}"{anchor}>{number}</a></sup>'))
    out, pos = [], 0
    for at, _, tag in sorted(inserts, key=lambda i: (i[0], i[1])):
        out += [_attr(text[pos:at]), tag]
        pos = at
    out.append(_attr(text[pos:]))
    return Markup("".join(out))


def _attr(text: str) -> str:
    """Text escaped for HTML, in an element or an attribute (what markupsafe does, at the speed of the standard library)."""
    return html.escape(text, quote=True)


def _part(index: _Index, graph: Graph, iri: str, kind: str, called: set[str] | None = None) -> Part:
    text = index.one(iri, SCHEMA.text)
    eid = index.one(iri, UNGA.eId)
    label = index.one(iri, UNGA.label) or index.one(iri, UNGA.number)
    part = Part(
        iri=iri,
        href=graph.href(iri),
        eid=eid.value if eid else "",
        label=f"({label.value})" if kind == "subparagraph" and label else (label.value if label else ""),
        kind=kind,
        text=_linked_text(index, graph, iri, text.value if text else "", called),
        lead=(index.one(iri, UNGA.leadPhrase) or ox.Literal("")).value or None,
    )
    part.topics = sorted((graph.href(t.value), graph.label(t)) for t in index.all(iri, ox.NamedNode("http://purl.org/dc/terms/subject")))
    for mandate in index.all(iri, UNGA.mandate):
        kind_ = index.one(mandate.value, UNGA.mandateKind)
        who = index.one(mandate.value, UNGA.addresseeText)
        negated = index.one(mandate.value, UNGA.negated)
        if kind_ is not None and who is not None:
            polarity = " (not to act)" if negated is not None and negated.value == "true" else ""
            part.mandates.append(f"{kind_.value}{polarity}: {who.value}")
    subs = sorted(index.all(iri, UNGA.subparagraph), key=lambda s: _int(index.one(s.value, SCHEMA.position)))
    part.subparagraphs = [_part(index, graph, s.value, "subparagraph", called) for s in subs]
    return part


def resolution_page(graph: Graph, d: Description, formats: list[tuple[str, str, str]], search: Index | None = None) -> str:
    iri = d.iri
    iris = Iris(graph.base)
    index = _Index(graph.resolution_graph(iri))
    called: set[str] = set()  # footnotes already called: their first call carries the id the back link goes to

    def ordered(holder: str, p: ox.NamedNode) -> list[ox.NamedNode]:
        return sorted(index.all(holder, p), key=lambda s: _int(index.one(s.value, SCHEMA.position)))

    preamble = [_part(index, graph, p.value, "preamble", called) for p in ordered(iri, UNGA.preambularParagraph)]
    operative = [_part(index, graph, p.value, "operative", called) for p in ordered(iri, UNGA.operativeParagraph)]
    _headings(index, iri, preamble + operative)
    parts = []
    for node in sorted(index.all(iri, UNGA.part), key=lambda n: (index.one(n.value, UNGA.label) or ox.Literal("")).value):
        p_iri = node.value
        own_pre = [_part(index, graph, p.value, "preamble", called) for p in ordered(p_iri, UNGA.preambularParagraph)]
        own_op = [_part(index, graph, p.value, "operative", called) for p in ordered(p_iri, UNGA.operativeParagraph)]
        _headings(index, p_iri, own_pre + own_op)
        title_term = index.one(p_iri, UNGA.title)
        parts.append(PartView((index.one(p_iri, UNGA.eId) or ox.Literal("")).value, (index.one(p_iri, UNGA.label) or ox.Literal("")).value,
                              title_term.value if title_term else None, own_pre, own_op))
    paragraphs = preamble + operative + [p for part in parts for p in part.preamble + part.operative]
    operative += [p for part in parts for p in part.operative]

    def notes_of(holder: str) -> list[Part]:
        footnotes = sorted(index.all(holder, UNGA.footnote), key=lambda s: _int(index.one(s.value, UNGA.number)))
        return [_part(index, graph, f.value, "footnote", called) for f in footnotes]

    annexes: list[AnnexView] = []
    annex_iris: list[str] = []
    for node in sorted(index.all(iri, UNGA.annex), key=lambda a: a.value):
        a = node.value
        annex_paragraphs = [_part(index, graph, p.value, "annex", called) for p in ordered(a, UNGA.annexParagraph)]
        _headings(index, a, annex_paragraphs)
        heading = (index.one(a, UNGA.heading) or ox.Literal("Annex")).value
        eid = (index.one(a, UNGA.eId) or ox.Literal("")).value
        by = index.one(a, UNGA.annexedBy)
        annexed_by = None
        if by is not None:
            number = index.one(by.value, UNGA.number)
            by_eid = (index.one(by.value, UNGA.eId) or ox.Literal("")).value
            annexed_by = (by_eid, f"paragraph {number.value}" if number else "the operative paragraph")
            for p in operative:
                if p.iri == by.value:
                    p.annexes.append((eid, heading))
        title_term = index.one(a, UNGA.title)
        annexes.append(AnnexView(eid, heading, title_term.value if title_term else None, annexed_by, annex_paragraphs, []))
        annex_iris.append(a)
    notes = notes_of(iri)  # after the text, so that the calls in the text are the first ones
    for view, a in zip(annexes, annex_iris, strict=True):
        view.footnotes = notes_of(a)
    expression = index.one(iri, ELI.is_realized_by)
    title = index.one(expression.value, ELI.title).value if expression is not None and index.one(expression.value, ELI.title) else ""
    symbol = _symbol(index, iri)
    date = index.one(iri, ELI.date_document)
    official = index.one(iri, UNGA.officialText)
    facts: list[tuple[str, str, str | None]] = [("Symbol", symbol, None), ("Adopted", date.value if date else "", None)]
    for label, predicate in (("Session", UNGA.session), ("Plenary meeting", UNGA.adoptedAt), ("Agenda item", UNGA.agendaItem),
                             ("Committee", UNGA.onReportOf)):
        for term in index.all(iri, predicate):
            facts.append((label, graph.label(term), graph.href(term.value)))
    without = index.one(iri, UNGA.withoutReference)
    if without is not None and without.value == "true":
        facts.append(("Committee", "adopted without reference to a Main Committee", None))
    for term in index.all(iri, UNGA.basedOn):  # a committee's report, or the draft adopted in plenary
        facts.append(("Draft" if graph.has_type(term, UNGA.Draft) else "Report", graph.label(term), graph.href(term.value)))
    lineage = _lineage(graph, iri, paragraphs)
    facts += lineage.facts
    cited = sorted({o.value for p in (UNGA.cites, UNGA.recalls, UNGA.reaffirms, UNGA.endorses, UNGA.welcomes, UNGA.takesNoteOf, UNGA.notes)
                    for o in index.by_predicate.get(p.value, ())})
    jsonld = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "@id": iri,
        "name": title,
        "legislationIdentifier": symbol,
        "legislationType": "resolution",
        "legislationPassedBy": {"@type": "Organization", "name": "United Nations General Assembly", "url": "https://www.un.org/en/ga/"},
        "legislationJurisdiction": "UN",
        "inLanguage": "en",
        "isAccessibleForFree": True,
        "citation": [{"@id": c} for c in cited],
    }
    if date is not None:
        jsonld["legislationDate"] = date.value
    if official is not None:
        jsonld["url"] = official.value
        jsonld["sameAs"] = official.value
    cited_by = _cited_by(graph, search, iri)
    toc = _contents(preamble, operative, parts, notes, annexes, cited_by, cited, lineage)
    return render(
        "resolution.html",
        title=f"{symbol}: {title}" if title else symbol,
        symbol=symbol,
        heading=title,
        facts=facts,
        official=official.value if official is not None else None,
        preamble=preamble,
        operative=operative[: len(operative) - sum(len(part.operative) for part in parts)],
        footnotes=notes,
        annexes=annexes,
        parts=parts,
        cited=[(graph.href(c), graph.label(ox.NamedNode(c))) for c in cited],
        cited_by=cited_by,
        lineage=lineage,
        toc=toc,
        data=_full_data(graph, iris, iri),
        jsonld=Markup(json.dumps(jsonld, ensure_ascii=False, indent=1).replace("</", "<\\/")),
        formats=formats,
        iri=iri,
    )


def _symbol(index: _Index, iri: str) -> str:
    return (index.one(iri, UNGA.symbol) or ox.Literal("")).value


TOC_FROM = 25  # paragraphs from which a resolution's page has a table of contents


def _contents(preamble, operative, parts, notes, annexes, cited_by, cited, lineage) -> list[tuple[str, str, int]]:
    """(anchor, label, level) of a long resolution's sections, in reading order; nothing for a short one."""
    count = len(preamble) + len(operative) + sum(len(a.paragraphs) for a in annexes)
    if count < TOC_FROM:
        return []
    out: list[tuple[str, str, int]] = []

    def body(pre: list[Part], op: list[Part], level: int) -> None:
        for name, paragraphs in ((f"Preamble ({len(pre)} paragraphs)", pre), (f"Operative paragraphs ({len(op)})", op)):
            if paragraphs:
                out.append((paragraphs[0].eid, name, level))
            for p in paragraphs:
                out.extend((h.eid, h.text, level + h.level) for h in p.headings)

    if parts:
        for part in parts:
            out.append((part.eid, f"{part.label}. {part.title}" if part.title else part.label, 1))
            body(part.preamble, part.operative, 2)
    else:
        body(preamble, operative, 1)
    if notes:
        out.append(("footnotes", f"Footnotes ({len(notes)})", 1))
    for a in annexes:
        out.append((a.eid, a.heading + (f": {a.title}" if a.title else ""), 1))
        for p in a.paragraphs:
            out.extend((h.eid, h.text, 1 + h.level) for h in p.headings)
    if lineage.predecessor:
        out.append(("changes", f"What changed since {lineage.predecessor[1]}", 1))
    if cited:
        out.append(("cites", f"Cites ({len(cited)})", 1))
    if cited_by:
        out.append(("cited-by", f"Cited by ({len(cited_by)})", 1))
    return out


def _cited_by(graph: Graph, index: Index | None, iri: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Every resolution citing ``iri``, newest first: (href, label, [(anchor href, "preambular paragraph 2")])."""
    if index is None:
        return []
    _, found = index.named(iri, 0, CITED_BY_SHOWN)
    out = []
    for named in found:
        if named.resolution == iri:
            continue
        eids = list(dict.fromkeys(eid for eid, *_ in named.places))
        out.append((graph.href(named.resolution), graph.label(ox.NamedNode(named.resolution)),
                    [(graph.href(named.resolution) + "#" + e, _place_name(e)) for e in eids]))
    return out


CITED_BY_SHOWN = 500  # resolutions listed as citing one


def _eid_order(eid: str) -> tuple:
    rank = 0 if eid.startswith("preamble") else 2 if eid.startswith("footnote") else 3 if "annex" in eid else 1
    return (rank, *(int(n) for n in re.findall(r"\d+", eid)), eid)


def _place_name(eid: str) -> str:
    """"para_3_list_point_a" -> "operative paragraph 3 (a)", "preamble_2" -> "preambular paragraph 2"."""
    m = re.match(r"(preamble|para|footnote)_(\d+)((?:_list_point_[a-z0-9]+)*)$", eid)
    if not m:
        return eid.replace("__", ", ").replace("_", " ")
    kind = {"preamble": "preambular paragraph", "para": "operative paragraph", "footnote": "footnote"}[m.group(1)]
    points = "".join(f" ({p})" for p in re.findall(r"_list_point_([a-z0-9]+)", m.group(3)))
    return f"{kind} {m.group(2)}{points}"


@dataclass
class LineageView:
    predecessor: tuple[str, str] | None = None  # (href, symbol) of the resolution this one succeeds
    successors: list[tuple[str, str]] = field(default_factory=list)
    series: tuple[str, str] | None = None
    counts: dict[str, int] = field(default_factory=dict)
    dropped: list[tuple[str, str, str]] = field(default_factory=list)  # (href, "operative paragraph 12", text)
    facts: list[tuple[str, str, str | None]] = field(default_factory=list)


def _lineage(graph: Graph, iri: str, paragraphs: list[Part]) -> LineageView:
    """The resolution's place in its series, and each paragraph's lineage with a word diff for the revised ones."""
    view = LineageView()
    series = graph.one(iri, UNGA.inResolutionSeries)
    if series:
        view.series = (graph.href(series), graph.label(ox.NamedNode(series)))
        view.facts.append(("Series", view.series[1], view.series[0]))
    before = graph.one(iri, UNGA.succeeds)
    if before:
        view.predecessor = (graph.href(before), graph.label(ox.NamedNode(before)).split(":", 1)[0])
        view.facts.append(("Succeeds", view.predecessor[1], view.predecessor[0]))
    for after in graph.subjects(UNGA.succeeds, iri):
        view.successors.append((graph.href(after), graph.label(ox.NamedNode(after)).split(":", 1)[0]))
        view.facts.append(("Succeeded by", view.successors[-1][1], view.successors[-1][0]))
    if not view.predecessor:
        return view
    view.counts = {"kept": 0, "revised": 0, "new": 0}
    for p in paragraphs:  # each paragraph's own triples (a lookup by subject, fast at any size of the graph)
        kind = graph.one(p.iri, UNGA.lineage)
        if kind not in view.counts:
            continue
        view.counts[kind] += 1
        source = graph.one(p.iri, UNGA.predecessor)
        similarity = graph.one(p.iri, UNGA.similarity)
        diff = None
        if kind == "revised" and source:
            old, new = graph.one(source, SCHEMA.text), graph.one(p.iri, SCHEMA.text)
            if old and new:
                diff = Markup("".join(f"<del>{_attr(t)}</del>" if op == "-" else f"<ins>{_attr(t)}</ins>" if op == "+" else _attr(t)
                                      for op, t in diff_words(old, new)))
        p.lineage = (kind, f"{float(similarity):.2f}" if similarity else "", graph.href(source) if source else "",
                     _place_name(source.rsplit("/", 1)[-1]) if source else "", diff)
    for source in graph.subjects(UNGA.droppedBy, iri):
        view.dropped.append((graph.href(source), _place_name(source.rsplit("/", 1)[-1]), graph.one(source, SCHEMA.text) or ""))
    view.dropped.sort(key=lambda x: _eid_order(x[0].rsplit("/", 1)[-1]))
    view.counts["dropped"] = len(view.dropped)
    return view


def _full_data(graph: Graph, iris: Iris, iri: str) -> list[tuple[str, str]]:
    """Links to the resolution's whole named graph (not only its top node) in each format."""
    graph_iri = iris.graph_of(iri)
    slug = iri.rsplit("/", 1)[-1]
    out = [("Turtle", f"/download/resolutions/{slug}.ttl")]
    for label, name in (("TriG", "trig"), ("N-Triples", "nt"), ("N-Quads", "nq"), ("JSON-LD", "jsonld"), ("RDF/XML", "rdfxml")):
        out.append((label, "/store?" + urlencode({"graph": graph_iri, "format": name})))
    return out


# -- any other resource ------------------------------------------------------------


_DATATYPES = {"boolean": None, "date": "date", "gYear": "year", "integer": None, "positiveInteger": None,
              "nonNegativeInteger": None, "decimal": None, "double": None}


def _value(graph: Graph, term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"href": graph.href(term.value), "text": graph.label(term, fallback=lambda iri: _curie(graph, iri)), "iri": term.value}
    if isinstance(term, ox.Literal):
        if term.language or term.datatype.value.endswith("#string"):
            return {"text": term.value, "lang": term.language, "datatype": None}
        name = term.datatype.value.rsplit("#", 1)[-1]
        if name == "boolean":
            return {"text": "yes" if term.value == "true" else "no", "lang": None, "datatype": None}
        return {"text": term.value, "lang": None, "datatype": _DATATYPES.get(name, name)}
    return {"text": str(term)}


def _curie(graph: Graph, iri: str) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri.removeprefix(graph.base)


SHOWN = 100  # values listed per property on a page; the rest are counted, and a query lists them
NAMED_SHOWN = 50  # resolutions listed per page under "Named in"


@dataclass
class Naming:
    """One place a resolution names the resource: the unit, and the words around the name."""

    href: str
    name: str  # "preambular paragraph 6"
    before: str
    words: str
    after: str


def _predicate_label(terms: Terms, graph: Graph, iri: str, inbound: bool) -> tuple[str, str]:
    """(what a person reads, the CURIE as a hint) for a property: its label in the ontology ("series of"), else its
    name in words; for a link into the resource, the label of its inverse where the ontology declares one."""
    curie = _curie(graph, iri)
    label = terms.properties.get(iri)
    if label is None:
        label = curie.split(":", 1)[-1]
        label = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", label).replace("_", " ").lower()
    if inbound and iri in terms.inverse:
        label = terms.inverse[iri]
    return label, curie


def _named_in(graph: Graph, index: Index | None, iri: str, page: int) -> tuple[list[tuple[str, str, list[Naming]]], int]:
    """Where resolutions name ``iri``, grouped by resolution (newest first), in reading order within each:
    one page of them, and how many resolutions in all (from the search index, at any size of the graph)."""
    if index is None:
        return [], 0
    total, found = index.named(iri, (page - 1) * NAMED_SHOWN, NAMED_SHOWN)
    out = []
    for named in found:
        namings, seen = [], set()
        for eid, _, text, start, end in named.places:
            if (eid, start) in seen:
                continue
            seen.add((eid, start))
            before, words, after = _sentence(text, start, end)
            namings.append(Naming(graph.href(named.resolution) + "#" + eid, _place_name(eid), before, words, after))
        out.append((graph.href(named.resolution), graph.label(ox.NamedNode(named.resolution)), namings))
    return out, total


def _sentence(text: str, start: int, end: int, room: int = 160) -> tuple[str, str, str]:
    """The words around ``text[start:end]``: back to the clause's start, on to its end (";" or ". "), within ``room``."""
    left = max(text.rfind("; ", 0, start), text.rfind(". ", 0, start))
    left = 0 if left < 0 else left + 2
    right_candidates = [i for i in (text.find("; ", end), text.find(". ", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    before, after = text[left:start], text[end:right]
    if len(before) > room:
        before = "…" + before[-room:].split(" ", 1)[-1]
    if len(after) > room:
        after = after[:room].rsplit(" ", 1)[0] + "…"
    return before, text[start:end], after


def resource_page(graph: Graph, d: Description, formats: list[tuple[str, str, str]], terms: Terms | None = None, page: int = 1,
                  search: Index | None = None) -> str:
    terms = terms or Terms(Path("/nonexistent"))
    outgoing: dict[str, list] = defaultdict(list)
    for t in d.outgoing:
        if t.predicate != SCHEMA.text:
            outgoing[t.predicate.value].append(t.object)
    inbound: dict[str, list] = defaultdict(list)
    for t in d.inbound:
        if t.predicate.value not in _FACT_LINKS:
            inbound[t.predicate.value].append(t.subject)

    def shown(values: dict[str, list], into: bool) -> list[tuple[str, str, list[dict], int]]:
        rows = []
        for p, found in values.items():
            items = sorted((_value(graph, term) for term in found[:SHOWN]), key=lambda x: natural(x["text"]))
            label, curie = _predicate_label(terms, graph, p, into)
            rows.append((label, curie, items, len(found) - len(items)))
        return sorted(rows, key=lambda r: r[0])

    text = next((value(t.object) for t in d.outgoing if t.predicate == SCHEMA.text), None)
    context = None
    eid = next((value(t.object) for t in d.outgoing if t.predicate == UNGA.eId), None)
    root = next((value(t.object) for t in d.outgoing if t.predicate == ELI.is_part_of), None)
    if root and eid:
        while (parent := graph.part_of(root)) is not None:  # a sub-paragraph is part of a paragraph, part of the resolution
            root = parent
        context = (graph.href(root) + "#" + eid, graph.label(ox.NamedNode(root)))
    named, resolutions = ([], 0) if d.graph else _named_in(graph, search, d.iri, page)
    pages = max(1, -(-resolutions // NAMED_SHOWN))
    return render(
        "resource.html",
        title=graph.label(ox.NamedNode(d.iri)),
        iri=d.iri,
        types=[(graph.href(t), terms.classes.get(t) or _curie(graph, t), _curie(graph, t)) for t in d.types()],
        text=text,
        context=context,
        outgoing=shown(outgoing, False),
        inbound=shown(inbound, True),
        inbound_truncated=d.inbound_truncated,
        named=named,
        named_total=resolutions,
        named_page=page,
        named_pages=pages,
        graph=d.graph,
        size=len(d.outgoing),
        formats=formats,
    )


# -- the ontology's documentation ------------------------------------------------------


def ontology_page(documentation: str) -> str:
    """pyLODE's page of the ontology inside the site's frame: its styles and JSON-LD in the head, its body as the main part."""
    head = "".join(re.findall(r"<style>.*?</style>|<script[^>]*application/ld\+json[^>]*>.*?</script>", documentation, re.S))
    body = re.search(r"<body[^>]*>(.*)</body>", documentation, re.S)
    return render("ontology.html", title="Ontology", head=Markup(head), documentation=Markup(body.group(1) if body else documentation),
                  formats=[("Turtle", "/ontology?format=turtle", "text/turtle"), ("RDF/XML", "/ontology?format=rdfxml", "application/rdf+xml")],
                  iri=None)


# -- search ------------------------------------------------------------------------

FACET_TITLES = {"session": "Session", "year": "Year", "committee": "Committee", "part": "Part", "verb": "Clause verb",
                "body": "Body named", "event": "Event named", "place": "Place named", "topic": "Topic"}
FACETS_SHOWN = 12  # values listed per facet
SEARCH_EXAMPLE = """PREFIX unga: <https://w3id.org/ungakg/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX search: <https://w3id.org/ungakg/search#>
# Operative paragraphs that request the Secretary-General and mention the Internet Governance Forum, best first
SELECT ?paragraph ?score ?text WHERE {
  ?paragraph a unga:OperativeParagraph ; schema:text ?text ;
             unga:mandate/unga:addressee <https://w3id.org/ungakg/body/secretary-general> .
  BIND(search:score(?paragraph, '"Internet Governance Forum"') AS ?score)
  FILTER(BOUND(?score))
} ORDER BY DESC(?score)"""


def search_page(graph: Graph, query: str, filters: dict[str, str], results, offset: int, size: int) -> str:
    """The search page: the box, and for a search its hits with snippets, its facets and its pages."""
    def link(**change) -> str:
        params = {"q": query, **filters, **change}
        return "/search?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})

    hits, facets = [], []
    first = last = 0
    previous = next_ = None
    if results is not None:
        for h in results.hits:
            hits.append({"href": graph.href(h.resolution) + "#" + h.eid, "label": h.label, "snippet": snippet_html(h.snippet)})
        for name, values in results.facets.items():
            if name in filters:
                continue
            shown = [(label, n, link(**{name: v, "page": None})) for v, label, n in values[:FACETS_SHOWN]]
            facets.append((name, FACET_TITLES.get(name, name), shown))
        first, last = (offset + 1, offset + len(results.hits)) if results.hits else (0, 0)
        page = offset // size + 1
        previous = link(page=page - 1 if page > 2 else None) if offset > 0 else None
        next_ = link(page=page + 1) if offset + size < results.total else None
    active = []  # (facet, value's label, the link without it)
    for name, v in sorted(filters.items()):
        label = (results.labels.get((name, v)) if results is not None else None) or v
        active.append((FACET_TITLES.get(name, name), label, link(**{name: None, "page": None})))
    return render("search.html", title=f"Search: {query}" if query else "Search", query=query, filters=filters, results=results,
                  hits=hits, facets=facets, first=first, last=last, previous=previous, next=next_,
                  active=active, sparql=SEARCH_EXAMPLE, formats=[], iri=None)


# -- index pages -------------------------------------------------------------------

BROWSE = {  # path: (heading, noun, intro)
    "resolution": ("Resolutions", "resolutions", "Every resolution of the dataset."),
    "body": ("Bodies", "bodies", "The organs, bodies, agencies and officers the resolutions name."),
    "event": ("Events", "event series and events", "Summits, conferences and meetings the resolutions name; each series in its order."),
    "session": ("Sessions", "sessions", "The sessions of the General Assembly, newest first."),
    "place": ("Places", "places", "The countries, territories, regions and cities the resolutions name."),
    "topic": ("Topics", "topics", "What paragraphs speak of: the Sustainable Development Goals and the Assembly's fields."),
}
BROWSE_FILTERS = {"session": "Session", "committee": "Committee", "topic": "Topic"}


def browse_page(graph: Graph, kind: str, catalogue, sort: str, page: int, filters: dict[str, str]) -> str:
    """An index page: ``kind`` is one of :data:`BROWSE`."""
    heading, noun, intro = BROWSE[kind]
    sections = [(f"/{k}/", v[0]) for k, v in BROWSE.items()]

    def link(**change) -> str:
        params = {"sort": sort, **filters, "page": None, **change}
        query = urlencode({k: v for k, v in params.items() if v not in (None, "", 1)})
        return f"/{kind}/" + ("?" + query if query else "")

    listing, columns, rows, groups, active = None, [], [], [], []
    if kind == "resolution":
        listing = catalogue.resolution_page(sort, page, filters)
        columns = ["Symbol", "Title", "Adopted", "Session", "Committee", "Topics"]
        for r in listing.rows:
            x = r.extra
            rows.append([(r.label, graph.href(r.iri)), (r.kind, None), (r.date, None),
                         (x["session"], link(session=x["session"])), (x["committee_label"], link(committee=x["committee"])),
                         (", ".join(t for t, _ in x["topics"]), None)])
        labels = {"session": {r.extra["session"]: r.extra["session_label"] for r in catalogue.resolutions},
                  "committee": {r.extra["committee"]: r.extra["committee_label"] for r in catalogue.resolutions},
                  "topic": {iri.rsplit("/", 1)[-1]: t for r in catalogue.resolutions for t, iri in r.extra["topics"]}}
        active = [(BROWSE_FILTERS[k], labels[k].get(v, v), link(**{k: None})) for k, v in sorted(filters.items())]
    elif kind == "event":
        for head, members in catalogue.events:
            groups.append(({"iri": head.iri, "href": graph.href(head.iri) if head.iri else "", "label": head.label},
                           [{"href": graph.href(r.iri), "label": r.label, "kind": r.kind, "date": r.date, "count": r.count,
                             "ordinal": r.sort[0] if head.iri and r.sort[0] < 10**6 else ""} for r in members]))
    elif kind == "session":
        columns = ["Session", "Resolutions"]
        for r in catalogue.sessions:
            key = r.iri.rsplit("/", 1)[-1]
            rows.append([(r.label, graph.href(r.iri)), (str(r.count), f"/resolution/?session={key}")])
    else:
        things = {"body": catalogue.bodies, "place": catalogue.places, "topic": catalogue.topics}[kind]
        listing = catalogue.named_page(things, sort, page)
        columns = ["Name", "Kind", "Resolutions naming it"] if kind != "topic" else ["Topic", "Resolutions"]
        for r in listing.rows:
            count = (str(r.count), f"/resolution/?topic={r.iri.rsplit('/', 1)[-1]}" if kind == "topic" else None)
            rows.append([(r.label, graph.href(r.iri)), (r.kind, None), count] if kind != "topic" else [(r.label, graph.href(r.iri)), count])
    sorts = [(key, link(sort=key)) for key in (listing.sorts if listing else ())]
    previous = link(page=listing.page - 1) if listing and listing.page > 1 else None
    next_ = link(page=listing.page + 1) if listing and listing.page < listing.pages else None
    return render("browse.html", title=heading, heading=heading, intro=intro, noun=noun, sections=sections, listing=listing,
                  columns=columns, rows=rows, groups=groups, sorts=sorts, previous=previous, next=next_, active=active,
                  formats=[], iri=None)
