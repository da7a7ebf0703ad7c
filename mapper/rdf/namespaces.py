"""Every namespace ungakg writes or reads, with the terms it may use, checked against ``ontology/``.

Each namespace lists its terms; asking for another raises AttributeError, so
a typo fails at once. The terms of the resolution graphs are declared in the
ontology (reused terms too, so that the ontology is OWL 2 DL): the ontology
tests fail when a term of a :data:`DECLARED` namespace is not. The terms that
only describe the dataset and the endpoint (VoID, DCAT, SPDX, the Service
Description, ``dcterms:hasVersion``) are listed apart, in ``describing``.
"""

from __future__ import annotations

from pyoxigraph import NamedNode


class Namespace:
    """A prefix, its IRI and the terms ungakg uses of it (``terms`` in the graphs, ``describing`` in descriptions only)."""

    def __init__(self, prefix: str, iri: str, terms: str, describing: str = ""):
        self.prefix = prefix
        self.iri = iri
        self.terms = frozenset(terms.split())
        self.describing = frozenset(describing.split())
        self._nodes = {t: NamedNode(iri + t) for t in self.terms | self.describing}

    def __getattr__(self, name: str) -> NamedNode:
        try:
            return self._nodes[name]
        except KeyError:
            raise AttributeError(f"{self.prefix}:{name} is not in the vocabulary (mapper/rdf/namespaces.py)") from None

    def __getitem__(self, name: str) -> NamedNode:
        return self.__getattr__(name)


UNGA = Namespace("unga", "https://w3id.org/ungakg/ontology#", """
    Document Resolution ResolutionExpression SourceFile Paragraph PreambularParagraph OperativeParagraph
    Subparagraph Footnote FootnoteMarker ClauseVerb ClauseModifier Event Session Meeting PlenaryMeeting
    Summit Conference AgendaItem Body PrincipalOrgan MainCommittee Commission SpecializedAgency
    FundOrProgramme Forum InterAgencyMechanism WorkingGroup Office Place Citation Mandate
    Committee Department RelatedOrganization RegionalOrganization Court TreatyBody ConferenceOfParties
    ISO3166Alpha3 ISO3166Subdivision M49Code UNLOCODE
    preambularParagraph operativeParagraph subparagraph footnote footnoteMarker callsFootnote anchoredIn
    clauseVerb clauseModifier session adoptedAt onReportOf basedOn agendaItem officialText cites recalls
    reaffirms endorses welcomes takesNoteOf notes anticipates refersTo citingParagraph citedEntity mandate addressee
    channel dueSession partOfBody heldIn partOfEvent
    symbol aknWorkIdentifier number label eId leadPhrase sourceStart sourceEnd sourceLine offset sha256
    layout fileName sessionCode action due contentDigest negated repaired
    Instrument DocumentPart EventSeries StakeholderGroup Topic Mention Observation
    mentions mentionedIn mentionsBody mentionsEvent mentionsPlace statedIn inSeries seriesOf adoptedAtEvent
    publishedAs annexOf
    Annex AnnexParagraph Section Correction annex annexParagraph section inSection annexedBy heading title
    correction correctionKind libraryRecord ResolutionPart part
    start end anchorText anaphoric inAuthorityFile acronym ordinal year pinpoint mandateKind addresseeText
    dueText value unit population measure
    ResolutionSeries Draft inResolutionSeries succeeds predecessor lineage similarity droppedBy withoutReference
""")
ELI = Namespace("eli", "http://data.europa.eu/eli/ontology#", """
    LegalResource LegalExpression Format LegalResourceSubdivision has_part is_part_of is_realized_by realizes
    is_embodied_by embodies cites id_local title date_document date_publication language format
""")
SCHEMA = Namespace("schema", "https://schema.org/", """
    AdministrativeArea
    Legislation CreativeWork Event Place City Country text position startDate endDate location superEvent
    containedInPlace
""")
SKOS = Namespace("skos", "http://www.w3.org/2004/02/skos/core#", """
    Concept ConceptScheme inScheme hasTopConcept topConceptOf exactMatch relatedMatch broader prefLabel altLabel
    definition note notation
""")
PROV = Namespace("prov", "http://www.w3.org/ns/prov#", "Entity SoftwareAgent wasDerivedFrom wasRevisionOf wasAttributedTo hadPrimarySource")
ORG = Namespace("org", "http://www.w3.org/ns/org#", "Organization Post subOrganizationOf")
DCTERMS = Namespace("dcterms", "http://purl.org/dc/terms/", "identifier title description license creator subject type",
                    describing="hasVersion")
RDF = Namespace("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "type")
RDFS = Namespace("rdfs", "http://www.w3.org/2000/01/rdf-schema#", "label comment isDefinedBy seeAlso")
XSD = Namespace("xsd", "http://www.w3.org/2001/XMLSchema#", """
    string date positiveInteger nonNegativeInteger integer boolean decimal gYear gYearMonth
""", describing="hexBinary")
# The dataset's description (void.ttl) and the endpoint's (the Service Description).
VOID = Namespace("void", "http://rdfs.org/ns/void#", "", describing="""
    Dataset classes dataDump distinctSubjects entities exampleResource feature properties sparqlEndpoint triples
    uriSpace vocabulary classPartition propertyPartition class property
""")
DCAT = Namespace("dcat", "http://www.w3.org/ns/dcat#", "", describing="""
    Dataset Distribution byteSize compressFormat distribution downloadURL mediaType
""")
SPDX = Namespace("spdx", "http://spdx.org/rdf/terms#", "", describing="Checksum algorithm checksum checksumValue checksumAlgorithm_sha256")
SD = Namespace("sd", "http://www.w3.org/ns/sparql-service-description#", "", describing="""
    BasicFederatedQuery Dataset Graph NamedGraph SPARQL11Query SPARQL11Update Service defaultDataset defaultGraph
    endpoint feature name namedGraph resultFormat supportedLanguage
""")
FORMATS = Namespace("formats", "http://www.w3.org/ns/formats/", "", describing="""
    SPARQL_Results_JSON SPARQL_Results_XML SPARQL_Results_CSV SPARQL_Results_TSV Turtle N-Triples JSON-LD RDF_XML
    N-Quads TriG
""")

NAMESPACES = (UNGA, ELI, SCHEMA, SKOS, PROV, ORG, DCTERMS, RDF, RDFS, XSD)

# Namespaces whose terms the ontology must declare (RDF, RDFS and XSD are built in).
DECLARED = (UNGA, ELI, SCHEMA, SKOS, PROV, ORG, DCTERMS)

# The prefixes of the published Turtle and JSON-LD (the resolution graphs and the vocabularies).
PREFIXES = {ns.prefix: ns.iri for ns in NAMESPACES} | {
    "owl": "http://www.w3.org/2002/07/owl#",
    "cito": "http://purl.org/spar/cito/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "time": "http://www.w3.org/2006/time#",
}

# The English language in the EU's authority table, as ELI expects.
ENGLISH = NamedNode("http://publications.europa.eu/resource/authority/language/ENG")
