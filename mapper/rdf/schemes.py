"""The vocabulary graph: the concept schemes and authority files every resolution's graph points into.

Made from data only (mapper/lexicon/words.py and mapper/lexicon/data/*.toml), published as
the named graph ``{base}graph/vocabularies`` and the file vocabularies.ttl:

* the SKOS schemes of clause verbs and clause modifiers;
* the topic scheme, with SDG targets as skos:relatedMatch where certain;
* bodies (typed by their class, with parents, acronyms and variants),
  stakeholder groups, named outcome documents, events and event series with
  the instances the files know (the IGF meetings), countries and host cities.
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Triple

from mapper.core.slugs import slugify
from mapper.lexicon.authority import Authorities, authorities
from mapper.lexicon.words import CLAUSE_VERBS, MANNERS, POST_MODIFIERS, PRE_MODIFIERS, instance_name, series_label
from mapper.rdf.entail import with_entailed
from mapper.rdf.facts import EVENT_CLASSES, city_triples, series_triples
from mapper.rdf.iris import Iris
from mapper.rdf.namespaces import DCTERMS, RDF, RDFS, SCHEMA, SKOS, UNGA, XSD
from mapper.rdf.terms import boolean, day, document_triples, en, integer, string

Triples = list[Triple]
SDG = "http://metadata.un.org/sdg/"


def vocabulary_triples(iris: Iris, tables: Authorities | None = None) -> Triples:
    """The whole vocabulary graph, made from the lexicon and ``tables`` (the packaged authority files by default), with
    the standard terms the ontology implies (:mod:`mapper.rdf.entail`)."""
    t = tables or authorities()
    return with_entailed(clause_triples(iris) + topic_triples(iris, t) + body_triples(iris, t) + group_triples(iris, t)
                         + instrument_triples(iris, t) + event_triples(iris, t) + country_triples(iris, t))


def clause_triples(iris: Iris) -> Triples:
    """The SKOS schemes of clause verbs and modifiers, made from mapper/lexicon/words.py."""
    verbs = NamedNode(iris.clause_verbs())
    mods = NamedNode(iris.clause_modifiers())
    out: Triples = [
        Triple(verbs, RDF.type, SKOS.ConceptScheme),
        Triple(verbs, RDFS.label, en("Clause verbs of General Assembly resolutions")),
        Triple(verbs, SKOS.definition, en("The base verbs that open preambular and operative paragraphs, after the UN Editorial Manual.")),
        Triple(mods, RDF.type, SKOS.ConceptScheme),
        Triple(mods, RDFS.label, en("Clause modifiers of General Assembly resolutions")),
        Triple(mods, SKOS.definition, en("Modifiers printed with a clause verb: also, further, with great concern.")),
    ]
    forms: dict[str, list[str]] = {}
    for lemma, pre, op in CLAUSE_VERBS:
        forms.setdefault(lemma, []).extend(f for f in (pre, op) if f)
    for lemma, labels in sorted(forms.items()):
        c = NamedNode(iris.clause_verb(lemma))
        out += [
            Triple(c, RDF.type, UNGA.ClauseVerb),
            Triple(c, SKOS.prefLabel, en(lemma)),
            Triple(c, SKOS.inScheme, verbs),
            Triple(verbs, SKOS.hasTopConcept, c),
            Triple(c, SKOS.notation, string(slugify(lemma))),
        ]
        out += [Triple(c, SKOS.altLabel, en(label)) for label in dict.fromkeys(labels)]
    modifiers = set(PRE_MODIFIERS) | set(POST_MODIFIERS) | {f"with {m}" for m in MANNERS}
    for modifier in sorted(modifiers):
        c = NamedNode(iris.clause_modifier(modifier))
        out += [
            Triple(c, RDF.type, UNGA.ClauseModifier),
            Triple(c, SKOS.prefLabel, en(modifier)),
            Triple(c, SKOS.inScheme, mods),
            Triple(mods, SKOS.hasTopConcept, c),
        ]
    return out


def topic_triples(iris: Iris, tables: Authorities) -> Triples:
    scheme = NamedNode(iris.topics())
    out: Triples = [
        Triple(scheme, RDF.type, SKOS.ConceptScheme),
        Triple(scheme, RDFS.label, en("Topics of General Assembly resolutions")),
        Triple(scheme, SKOS.definition, en("The main fields of the Assembly's work, the 17 Sustainable Development Goals and the themes of the WSIS and ICT for development resolutions, made from mapper/lexicon/data/topics.toml.")),
    ]
    for t in tables.topics.values():
        c = NamedNode(iris.topic(t.key))
        out += [
            Triple(c, RDF.type, UNGA.Topic),
            Triple(c, RDF.type, SKOS.Concept),
            Triple(c, SKOS.prefLabel, en(t.label)),
            Triple(c, SKOS.definition, en(t.definition)),
            Triple(c, SKOS.inScheme, scheme),
            Triple(c, SKOS.notation, string(t.key)),
        ]
        if t.broader:
            out.append(Triple(c, SKOS.broader, NamedNode(iris.topic(t.broader))))
        else:
            out += [Triple(c, SKOS.topConceptOf, scheme), Triple(scheme, SKOS.hasTopConcept, c)]
        out += [Triple(c, SKOS.relatedMatch, NamedNode(SDG + code)) for code in t.sdg]
        if t.exact:
            out.append(Triple(c, SKOS.exactMatch, NamedNode(t.exact)))
    return out


def _entry(node: NamedNode, cls: NamedNode, name: str, acronyms=(), variants=()) -> Triples:
    """What every entry of an authority file says: its class, name, acronyms and other names."""
    return [
        Triple(node, RDF.type, cls),
        Triple(node, RDFS.label, en(name)),
        Triple(node, UNGA.inAuthorityFile, boolean(True)),
        *(Triple(node, UNGA.acronym, string(a)) for a in acronyms),
        *(Triple(node, SKOS.altLabel, en(v)) for v in variants),
    ]


def body_triples(iris: Iris, tables: Authorities) -> Triples:
    out: Triples = []
    for b in tables.bodies.values():
        node = NamedNode(iris.body(b.key))
        out += _entry(node, UNGA[b.type], b.name, b.acronyms, b.variants)
        if b.parent:
            out.append(Triple(node, UNGA.partOfBody, NamedNode(iris.body(b.parent))))
        if b.relation:
            out.append(Triple(node, RDFS.comment, en(b.relation)))
        out += [Triple(node, DCTERMS.subject, NamedNode(iris.topic(t))) for t in b.topics]
    return out


def group_triples(iris: Iris, tables: Authorities) -> Triples:
    out: Triples = []
    for g in tables.groups.values():
        node = NamedNode(iris.group(g.key))
        out += [Triple(node, RDF.type, UNGA.StakeholderGroup), Triple(node, RDFS.label, en(g.label))]
        out += [Triple(node, SKOS.altLabel, en(p)) for p in g.patterns if p != g.label]
    return out


def instrument_triples(iris: Iris, tables: Authorities) -> Triples:
    out: Triples = []
    for o in tables.instruments.values():
        node = NamedNode(iris.instrument(o.key))
        out += _entry(node, UNGA.Instrument, o.name, o.acronyms, o.variants)
        out.append(Triple(node, DCTERMS.type, string(o.type)))
        if o.year:
            out.append(Triple(node, UNGA.year, Literal(str(o.year), datatype=XSD.gYear)))
        if o.event:
            out.append(Triple(node, UNGA.adoptedAtEvent, NamedNode(iris.event(o.event))))
        if o.resolution:
            resolution, described = document_triples(o.resolution, iris)
            out += described + [Triple(node, UNGA.annexOf if o.annex else UNGA.publishedAs, resolution)]
        if o.document:
            document, described = document_triples(o.document, iris)
            out += described + [Triple(node, UNGA.publishedAs, document)]
        out += [Triple(node, DCTERMS.subject, NamedNode(iris.topic(t))) for t in o.topics]
    return out


def event_triples(iris: Iris, tables: Authorities) -> Triples:
    table = tables
    out: Triples = []
    for e in table.events.values():
        node = NamedNode(iris.event(e.key))
        if e.series:
            body_name = table.bodies[e.body].name if e.body else None
            out += series_triples(e.key, series_label(e.series, body_name) if body_name else e.name, e.body, iris)
            for m in e.meetings:
                instance = NamedNode(iris.event(f"{e.key}-{m.ordinal}"))
                out += _entry(instance, EVENT_CLASSES[e.type], instance_name(m.ordinal, e.series, body_name or e.name)) + [
                    Triple(instance, UNGA.inSeries, node),
                    Triple(instance, UNGA.ordinal, integer(m.ordinal)),
                    Triple(instance, UNGA.year, integer(m.year, XSD.gYear)),
                ]
                out += _where(instance, m.city, m.country, iris, tables)
            continue
        out += _entry(node, EVENT_CLASSES[e.type], e.name, e.acronyms, e.variants)
        if e.part_of:
            out.append(Triple(node, UNGA.partOfEvent, NamedNode(iris.event(e.part_of))))
        if e.start:
            out.append(Triple(node, SCHEMA.startDate, day(e.start)))
        if e.end:
            out.append(Triple(node, SCHEMA.endDate, day(e.end)))
        out += _where(node, e.city, e.country, iris, tables)
    return out


def _where(event: NamedNode, city: str | None, country: str | None, iris: Iris, tables: Authorities) -> Triples:
    countries = tables.countries
    country_key = countries.get(country or "")
    out: Triples = []
    if city:
        key = tables.city_key(city)
        if key not in tables.places:
            out += city_triples(key, city, country_key, iris)
        out.append(Triple(event, UNGA.heldIn, NamedNode(iris.place(key))))
    if country_key:
        out.append(Triple(event, UNGA.heldIn, NamedNode(iris.place(country_key))))
    return out


PLACE_CLASSES = {"country": SCHEMA.Country, "territory": SCHEMA.AdministrativeArea, "region": SCHEMA.Place, "city": SCHEMA.City}


def country_triples(iris: Iris, tables: Authorities) -> Triples:
    """The gazetteer: every place with its kind, names and codes (skos:notation typed by its standard)."""
    out: Triples = []
    for p in tables.places.values():
        node = NamedNode(iris.place(p.key))
        out += [Triple(node, RDF.type, UNGA.Place), Triple(node, RDF.type, PLACE_CLASSES[p.kind]), Triple(node, RDFS.label, en(p.name)),
                *(Triple(node, SKOS.altLabel, en(v)) for v in p.variants)]
        if p.code:
            out.append(Triple(node, SKOS.notation, Literal(p.code, datatype=_standard(p.kind, p.code))))
        if p.m49 and p.kind != "region":
            out.append(Triple(node, SKOS.notation, Literal(p.m49, datatype=UNGA.M49Code)))
        if p.country:
            out.append(Triple(node, SCHEMA.containedInPlace, NamedNode(iris.place(p.country))))
    return out


def _standard(kind: str, code: str) -> NamedNode:
    """The datatype of a place's code: the standard it is of (a territory's is ISO 3166-2 when it has a hyphen)."""
    if kind == "territory":
        return UNGA.ISO3166Subdivision if "-" in code else UNGA.ISO3166Alpha3
    return {"country": UNGA.ISO3166Alpha3, "region": UNGA.M49Code, "city": UNGA.UNLOCODE}[kind]
