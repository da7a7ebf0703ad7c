"""The SPARQL 1.1 Service Description of the endpoint (https://www.w3.org/TR/sparql11-service-description/)."""

from __future__ import annotations

import pyoxigraph as ox

from mapper.rdf.namespaces import FORMATS, RDF, SD
from mapper.server.config import Settings

RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "JSON-LD", "RDF_XML", "N-Quads", "TriG")


def service_description(store: ox.Store, endpoint: str, settings: Settings) -> list[ox.Quad]:
    """The service, its features and its dataset: the default graph (the merge) and every named graph."""
    sd = SD.__getattr__
    service = ox.NamedNode(endpoint)
    dataset, default = ox.BlankNode("dataset"), ox.BlankNode("default-graph")
    t = [
        ox.Triple(service, RDF.type, sd("Service")),
        ox.Triple(service, sd("endpoint"), service),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF.type, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default),
        ox.Triple(default, RDF.type, sd("Graph")),
    ]
    t += [ox.Triple(service, sd("resultFormat"), FORMATS[f]) for f in RESULT_FORMATS]
    if settings.allow_services:
        t.append(ox.Triple(service, sd("feature"), sd("BasicFederatedQuery")))
    for i, graph in enumerate(sorted(store.named_graphs(), key=lambda g: g.value)):
        named = ox.BlankNode(f"named-graph-{i}")
        t += [ox.Triple(dataset, sd("namedGraph"), named), ox.Triple(named, RDF.type, sd("NamedGraph")),
              ox.Triple(named, sd("name"), graph)]
    return [ox.Quad(x.subject, x.predicate, x.object) for x in t]
