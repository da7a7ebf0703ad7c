"""HTML pages for people: a resolution's full text, and every other resource's description.

Pages are rendered from the store (what you read is what SPARQL answers),
with Jinja2 templates in ``templates/`` (autoescaped) and local assets only.
A resolution page shows its paragraphs in order with their sub-paragraphs,
the footnotes, and inside the text links on what was read from it: cited
resolutions and documents, bodies, events and places. It embeds schema.org
``Legislation`` JSON-LD for search engines.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from mapper.rdf.iris import Iris
from mapper.rdf.namespaces import ELI, PREFIXES, SCHEMA, SKOS, UNGA
from mapper.server.linkeddata import Description, Graph, value
from mapper.server.search import snippet_html

TEMPLATES = Path(__file__).parent / "templates"
ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)

# Inbound links that repeat a direct link on a fact node; pages list the direct ones.
_FACT_LINKS = {UNGA.mentions.value, UNGA.citedEntity.value, UNGA.mentionedIn.value, UNGA.citingParagraph.value}


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


class _Index:
    """A resolution's named graph, indexed by subject."""

    def __init__(self, triples: list[ox.Triple]):
        self.by_subject: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for t in triples:
            self.by_subject[value(t.subject)][t.predicate.value].append(t.object)

    def one(self, subject: str, predicate: ox.NamedNode):
        values = self.by_subject.get(subject, {}).get(predicate.value)
        return values[0] if values else None

    def all(self, subject: str, predicate: ox.NamedNode) -> list:
        return self.by_subject.get(subject, {}).get(predicate.value, [])

    def subjects_with(self, predicate: ox.NamedNode, obj_iri: str) -> list[str]:
        return [s for s, props in self.by_subject.items() if any(o.value == obj_iri for o in props.get(predicate.value, ()))]


def _int(term) -> int:
    return int(term.value) if term is not None else 0


def _linked_text(index: _Index, graph: Graph, part: str, text: str) -> Markup:
    """The part's text, with links on the spans facts were read from and footnote calls as superscripts."""
    spans: list[tuple[int, int, str, str]] = []  # start, end, href, title
    facts = index.subjects_with(UNGA.citingParagraph, part) + index.subjects_with(UNGA.mentionedIn, part)
    for fact in facts:
        target = index.one(fact, UNGA.citedEntity) or index.one(fact, UNGA.mentions)
        start, end = index.one(fact, UNGA.start), index.one(fact, UNGA.end)
        if target is None or start is None or end is None:
            continue
        if graph.has_type(target, SKOS.Concept):
            continue  # a topic's evidence is a word, not a name: listed beside the paragraph
        spans.append((int(start.value), int(end.value), graph.href(target.value), graph.label(target)))
    markers = []
    for marker in index.all(part, UNGA.footnoteMarker):
        footnote = index.one(marker.value, UNGA.callsFootnote)
        offset = index.one(marker.value, UNGA.offset)
        if footnote is not None and offset is not None:
            markers.append((int(offset.value), _int(index.one(footnote.value, UNGA.number)), index.one(footnote.value, UNGA.eId)))
    # longest first at each start; drop spans that overlap one already taken
    taken: list[tuple[int, int, str, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if all(span[0] >= t[1] or span[1] <= t[0] for t in taken):
            taken.append(span)
    # what goes in at each offset: 0 closes a link, 1 calls a footnote, 2 opens a link
    inserts: list[tuple[int, int, Markup]] = []
    for start, end, href, title in taken:
        inserts.append((start, 2, Markup('<a class="fact" href="{}" title="{}">').format(href, title)))
        inserts.append((end, 0, Markup("</a>")))
    for offset, number, eid in markers:
        inside = next((e for s, e, _, _ in taken if s < offset < e), None)  # never split a linked name
        anchor = eid.value if eid is not None else ""
        call = Markup('<sup class="fn"><a href="#{}" id="call-{}">{}</a></sup>').format(anchor, anchor, number)
        inserts.append((inside if inside is not None else offset, 1, call))
    out, pos = [], 0
    for at, _, tag in sorted(inserts, key=lambda i: (i[0], i[1])):
        out.append(escape(text[pos:at]))
        out.append(tag)
        pos = at
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def _part(index: _Index, graph: Graph, iri: str, kind: str) -> Part:
    text = index.one(iri, SCHEMA.text)
    eid = index.one(iri, UNGA.eId)
    label = index.one(iri, UNGA.label) or index.one(iri, UNGA.number)
    part = Part(
        iri=iri,
        href=graph.href(iri),
        eid=eid.value if eid else "",
        label=f"({label.value})" if kind == "subparagraph" and label else (label.value if label else ""),
        kind=kind,
        text=_linked_text(index, graph, iri, text.value if text else ""),
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
    part.subparagraphs = [_part(index, graph, s.value, "subparagraph") for s in subs]
    return part


def resolution_page(graph: Graph, d: Description, formats: list[tuple[str, str, str]]) -> str:
    iri = d.iri
    index = _Index(graph.graph_of(Iris(graph.base).graph_of(iri)))

    def ordered(p: ox.NamedNode) -> list[ox.NamedNode]:
        return sorted(index.all(iri, p), key=lambda s: _int(index.one(s.value, SCHEMA.position)))

    preamble = [_part(index, graph, p.value, "preamble") for p in ordered(UNGA.preambularParagraph)]
    operative = [_part(index, graph, p.value, "operative") for p in ordered(UNGA.operativeParagraph)]
    _headings(index, iri, preamble + operative)
    parts = []
    for node in sorted(index.all(iri, UNGA.part), key=lambda n: (index.one(n.value, UNGA.label) or ox.Literal("")).value):
        p_iri = node.value

        def of(predicate: ox.NamedNode, holder: str = p_iri) -> list[ox.NamedNode]:
            return sorted(index.all(holder, predicate), key=lambda s: _int(index.one(s.value, SCHEMA.position)))

        own_pre = [_part(index, graph, p.value, "preamble") for p in of(UNGA.preambularParagraph)]
        own_op = [_part(index, graph, p.value, "operative") for p in of(UNGA.operativeParagraph)]
        _headings(index, p_iri, own_pre + own_op)
        title_term = index.one(p_iri, UNGA.title)
        parts.append(PartView((index.one(p_iri, UNGA.eId) or ox.Literal("")).value, (index.one(p_iri, UNGA.label) or ox.Literal("")).value,
                              title_term.value if title_term else None, own_pre, own_op))
        operative += own_op

    def notes_of(holder: str) -> list[Part]:
        footnotes = sorted(index.all(holder, UNGA.footnote), key=lambda s: _int(index.one(s.value, UNGA.number)))
        return [_part(index, graph, f.value, "footnote") for f in footnotes]

    notes = notes_of(iri)
    annexes = []
    for node in sorted(index.all(iri, UNGA.annex), key=lambda a: a.value):
        a = node.value
        paragraphs = [_part(index, graph, p.value, "annex")
                      for p in sorted(index.all(a, UNGA.annexParagraph), key=lambda s: _int(index.one(s.value, SCHEMA.position)))]
        _headings(index, a, paragraphs)
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
        annexes.append(AnnexView(eid, heading, title_term.value if title_term else None, annexed_by, paragraphs, notes_of(a)))
    expression = index.one(iri, ELI.is_realized_by)
    title = index.one(expression.value, ELI.title).value if expression is not None and index.one(expression.value, ELI.title) else ""
    symbol = (index.one(iri, UNGA.symbol) or ox.Literal("")).value
    date = index.one(iri, ELI.date_document)
    official = index.one(iri, UNGA.officialText)
    facts: list[tuple[str, str, str | None]] = [
        ("Symbol", symbol, None),
        ("Adopted", date.value if date else "", None),
    ]
    for label, predicate in (("Session", UNGA.session), ("Plenary meeting", UNGA.adoptedAt), ("Agenda item", UNGA.agendaItem),
                             ("On the report of", UNGA.basedOn)):
        for term in index.all(iri, predicate):
            facts.append((label, graph.label(term), graph.href(term.value)))
    cited = sorted({o.value for p in (UNGA.cites, UNGA.recalls, UNGA.reaffirms, UNGA.endorses, UNGA.welcomes, UNGA.takesNoteOf, UNGA.notes)
                    for s in index.by_subject for o in index.all(s, p)})
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
    return render(
        "resolution.html",
        title=f"{symbol}: {title}" if title else symbol,
        symbol=symbol,
        heading=title,
        facts=facts,
        official=official.value if official is not None else None,
        preamble=preamble,
        operative=operative,
        footnotes=notes,
        annexes=annexes,
        parts=parts,
        cited=[(graph.href(c), graph.label(ox.NamedNode(c))) for c in cited],
        jsonld=Markup(json.dumps(jsonld, ensure_ascii=False, indent=1).replace("</", "<\\/")),
        formats=formats,
        iri=iri,
    )


# -- any other resource ------------------------------------------------------------


def _value(graph: Graph, term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"href": graph.href(term.value), "text": graph.label(term, fallback=lambda iri: _curie(graph, iri)), "iri": term.value}
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value.rsplit("#", 1)[-1] if not term.language and not term.datatype.value.endswith("#string") else None
        return {"text": term.value, "lang": term.language, "datatype": datatype}
    return {"text": str(term)}


def _curie(graph: Graph, iri: str) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri.removeprefix(graph.base)


SHOWN = 100  # values listed per property on a page; the rest are counted, and a query lists them


def resource_page(graph: Graph, d: Description, formats: list[tuple[str, str, str]]) -> str:
    outgoing: dict[str, list] = defaultdict(list)
    for t in d.outgoing:
        if t.predicate != SCHEMA.text:
            outgoing[t.predicate.value].append(t.object)
    inbound: dict[str, list] = defaultdict(list)
    for t in d.inbound:
        if t.predicate.value not in _FACT_LINKS:
            inbound[t.predicate.value].append(t.subject)

    def shown(values: dict[str, list]) -> list[tuple[str, list[dict], int]]:
        rows = []
        for p, terms in values.items():
            items = sorted((_value(graph, term) for term in terms[:SHOWN]), key=lambda x: x["text"])
            rows.append((_curie(graph, p), items, len(terms) - len(items)))
        return sorted(rows, key=lambda r: r[0])

    text = next((value(t.object) for t in d.outgoing if t.predicate == SCHEMA.text), None)
    context = None
    eid = next((value(t.object) for t in d.outgoing if t.predicate == UNGA.eId), None)
    root = next((value(t.object) for t in d.outgoing if t.predicate == ELI.is_part_of), None)
    if root and eid:
        while (parent := graph.part_of(root)) is not None:  # a sub-paragraph is part of a paragraph, part of the resolution
            root = parent
        context = (graph.href(root) + "#" + eid, graph.label(ox.NamedNode(root)))
    return render(
        "resource.html",
        title=graph.label(ox.NamedNode(d.iri)),
        iri=d.iri,
        types=[(graph.href(t), _curie(graph, t)) for t in d.types()],
        text=text,
        context=context,
        outgoing=shown(outgoing),
        inbound=shown(inbound),
        inbound_truncated=d.inbound_truncated,
        graph=d.graph,
        size=len(d.outgoing),
        formats=formats,
    )


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
