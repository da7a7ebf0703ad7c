"""Every format ungakg reads, writes or serves: media type, label, the names of ``format=``, file suffixes.

One table, from which the server's content negotiation, its resource documents
(``/resolution/A-RES-57-295.ttl``) and the published files' media types are all
derived. The order is the server's preference where a client has none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class Format:
    media_type: str
    label: str
    kind: Literal["page", "results", "graph"]  # an HTML page, SELECT/ASK results, or RDF
    names: tuple[str, ...] = ()  # values of the ``format`` parameter
    document: str | None = None  # the suffix of a resource's document in this format
    files: tuple[str, ...] = ()  # suffixes of published files in this format
    aliases: tuple[str, ...] = ()  # other media types clients send for it


FORMATS = (
    Format("text/html", "HTML", "page", ("html",), ".html", (".html",)),
    Format("application/sparql-results+json", "SPARQL JSON", "results", ("json",), aliases=("application/json",)),
    Format("application/sparql-results+xml", "SPARQL XML", "results", ("xml",), aliases=("application/xml", "text/xml")),
    Format("text/csv", "CSV", "results", ("csv",)),
    Format("text/tab-separated-values", "TSV", "results", ("tsv",)),
    Format("text/turtle", "Turtle", "graph", ("ttl", "turtle"), ".ttl", (".ttl",), ("application/x-turtle", "text/n3")),  # Turtle is a subset of N3
    Format("application/ld+json", "JSON-LD", "graph", ("jsonld", "json-ld", "json"), ".jsonld", (".jsonld",), ("application/json",)),
    Format("application/n-triples", "N-Triples", "graph", ("nt", "ntriples", "n-triples"), ".nt", (".nt.gz",), ("text/plain",)),
    Format("application/rdf+xml", "RDF/XML", "graph", ("rdf", "rdfxml", "xml"), ".rdf", (".owl",), ("application/xml", "text/xml")),
    Format("application/n-quads", "N-Quads", "graph", ("nq", "nquads", "n-quads"), files=(".nq.gz",), aliases=("text/x-nquads",)),
    Format("application/trig", "TriG", "graph", ("trig",), files=(".trig",), aliases=("application/x-trig",)),
)
BY_MEDIA_TYPE = {f.media_type: f for f in FORMATS}

# SELECT and ASK results; CONSTRUCT and DESCRIBE results and resource descriptions.
RESULTS = tuple(f.media_type for f in FORMATS if f.kind == "results")
GRAPHS = tuple(f.media_type for f in FORMATS if f.kind == "graph")
# Media types and ``format`` names to the types they may mean, in order of preference.
ALIASES = {a: tuple(f.media_type for f in FORMATS if a in f.aliases) for f0 in FORMATS for a in f0.aliases}
FORMAT_NAMES = {n: tuple(f.media_type for f in FORMATS if n in f.names) for f0 in FORMATS for n in f0.names}
# A resource's documents: suffix -> media type.
DOCUMENTS = {f.document: f.media_type for f in FORMATS if f.document}


def media_type(name: str) -> str:
    """The media type of a published file, by its suffix (``text/plain`` for the rest: SHA256SUMS, README)."""
    for f in FORMATS:
        if name.endswith(f.files):
            return f.media_type
    return "text/plain"
