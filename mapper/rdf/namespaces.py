"""The RDF terms the mapper may use, checked against ``ontology/``.

Each namespace lists its terms; asking for another raises AttributeError, so
a typo fails at once, and ``tests/test_ontology.py`` fails when a term here
is not declared in the ontology (reused terms are declared there too, so
that the ontology is OWL 2 DL).
"""

from __future__ import annotations

from pyoxigraph import NamedNode


class Namespace:
    def __init__(self, prefix: str, iri: str, terms: str):
        self.prefix = prefix
        self.iri = iri
        self.terms = frozenset(terms.split())
        self._nodes = {t: NamedNode(iri + t) for t in self.terms}

    def __getattr__(self, name: str) -> NamedNode:
        try:
            return self._nodes[name]
        except KeyError:
            raise AttributeError(f"{self.prefix}:{name} is not in the vocabulary (mapper/vocab.py)") from None

    def __getitem__(self, name: str) -> NamedNode:
        return self.__getattr__(name)


UNGA = Namespace("unga", "https://w3id.org/ungakg/ontology#", """
    Document Resolution ResolutionExpression SourceFile Paragraph PreambularParagraph OperativeParagraph
    Subparagraph Footnote FootnoteMarker ClauseVerb ClauseModifier Event Session Meeting PlenaryMeeting
    Summit Conference AgendaItem Body PrincipalOrgan MainCommittee Commission SpecializedAgency
    FundOrProgramme Forum InterAgencyMechanism WorkingGroup Office Place Citation Mandate
    preambularParagraph operativeParagraph subparagraph footnote footnoteMarker callsFootnote anchoredIn
    clauseVerb clauseModifier session adoptedAt onReportOf basedOn agendaItem officialText cites recalls
    reaffirms endorses welcomes takesNoteOf notes refersTo citingParagraph citedEntity mandate addressee
    channel dueSession partOfBody heldIn partOfEvent
    symbol aknWorkIdentifier number label eId leadPhrase sourceStart sourceEnd sourceLine offset sha256
    layout fileName sessionCode action due contentDigest
    OutcomeDocument DocumentPart EventSeries StakeholderGroup Topic Mention Observation
    mentions mentionedIn mentionsBody mentionsEvent mentionsPlace statedIn inSeries seriesOf adoptedAtEvent
    publishedAs annexOf
    start end anchorText anaphoric inAuthorityFile acronym ordinal year pinpoint mandateKind addresseeText
    dueText value unit population measure
""")
ELI = Namespace("eli", "http://data.europa.eu/eli/ontology#", """
    LegalResource LegalExpression Format LegalResourceSubdivision has_part is_part_of is_realized_by realizes
    is_embodied_by embodies cites id_local title date_document date_publication language format
""")
SCHEMA = Namespace("schema", "https://schema.org/", """
    Legislation CreativeWork Event Place City Country text position startDate endDate location superEvent
    containedInPlace
""")
SKOS = Namespace("skos", "http://www.w3.org/2004/02/skos/core#", """
    Concept ConceptScheme inScheme hasTopConcept topConceptOf exactMatch relatedMatch broader prefLabel altLabel
    definition note notation
""")
PROV = Namespace("prov", "http://www.w3.org/ns/prov#", "Entity SoftwareAgent wasDerivedFrom wasAttributedTo")
ORG = Namespace("org", "http://www.w3.org/ns/org#", "Organization Post subOrganizationOf")
DCTERMS = Namespace("dcterms", "http://purl.org/dc/terms/", "identifier title description license creator subject")
RDF = Namespace("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "type")
RDFS = Namespace("rdfs", "http://www.w3.org/2000/01/rdf-schema#", "label comment isDefinedBy seeAlso")
XSD = Namespace("xsd", "http://www.w3.org/2001/XMLSchema#", """
    string date positiveInteger nonNegativeInteger integer boolean decimal gYear gYearMonth
""")
OWL = Namespace("owl", "http://www.w3.org/2002/07/owl#", "")

NAMESPACES = (UNGA, ELI, SCHEMA, SKOS, PROV, ORG, DCTERMS, RDF, RDFS, XSD)

# Namespaces whose terms the ontology must declare (RDF, RDFS and XSD are built in).
DECLARED = (UNGA, ELI, SCHEMA, SKOS, PROV, ORG, DCTERMS)

PREFIXES = {ns.prefix: ns.iri for ns in NAMESPACES} | {
    "owl": "http://www.w3.org/2002/07/owl#",
    "cito": "http://purl.org/spar/cito/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "time": "http://www.w3.org/2006/time#",
}

# The English language in the EU's authority table, as ELI expects.
ENGLISH = NamedNode("http://publications.europa.eu/resource/authority/language/ENG")
