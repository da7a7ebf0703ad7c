"""The dataset's VoID and DCAT description (``void.ttl``, served at /.well-known/void).

Counts come from the sorted, de-duplicated triples (mapper.publish.folder.Stats);
each download is described with its URL, media type, byte size and SHA-256.
Partitions and checksums get IRIs minted by mapper.rdf.iris, not blank nodes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox

from mapper import __version__
from mapper.publish.dumps import Stats
from mapper.publish.store import published_files
from mapper.rdf.entail import STANDARD
from mapper.rdf.formats import media_type
from mapper.rdf.iris import Iris
from mapper.rdf.namespaces import DCAT, DCTERMS, FORMATS, RDF, SPDX, UNGA, VOID, XSD
from mapper.rdf.namespaces import PREFIXES as DATA_PREFIXES
from mapper.rdf.terms import serialized

LICENSE = "https://creativecommons.org/licenses/by/4.0/"
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"

PREFIXES = {ns.prefix: ns.iri for ns in (VOID, DCAT, DCTERMS, SPDX, XSD, UNGA)}


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _int(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=XSD.integer)


def describe(out: Path, stats: Stats, iris: Iris) -> bytes:
    """VoID and DCAT for the files in ``out`` (void.ttl and SHA256SUMS excepted)."""
    ds = _n(iris.dataset())
    t: list[ox.Triple] = [
        ox.Triple(ds, RDF.type, VOID.Dataset),
        ox.Triple(ds, RDF.type, DCAT.Dataset),
        ox.Triple(ds, DCTERMS.title, ox.Literal("ungakg: resolutions of the United Nations General Assembly", language="en")),
        ox.Triple(ds, DCTERMS.description, ox.Literal(
            "Resolutions of the United Nations General Assembly as linked data: every preambular and operative "
            "paragraph, sub-paragraph and footnote with its full text and lead phrase, the sessions, meetings, "
            "committees and documents of each resolution, with provenance to the source files.", language="en")),
        ox.Triple(ds, DCTERMS.license, _n(LICENSE)),
        ox.Triple(ds, DCTERMS.hasVersion, ox.Literal(__version__)),
        ox.Triple(ds, VOID.uriSpace, ox.Literal(iris.base)),
        ox.Triple(ds, VOID.sparqlEndpoint, _n(iris.sparql())),
        *(ox.Triple(ds, VOID.vocabulary, _n(ns)) for ns in [UNGA.iri, *(DATA_PREFIXES[p] for p in STANDARD)]),  # ours, and the standard ones beside
        ox.Triple(ds, VOID.feature, FORMATS["Turtle"]),
        ox.Triple(ds, VOID.triples, _int(stats.triples)),
        ox.Triple(ds, VOID.distinctSubjects, _int(stats.subjects)),
        ox.Triple(ds, VOID.properties, _int(len(stats.properties))),
        ox.Triple(ds, VOID.classes, _int(len(stats.classes))),
        ox.Triple(ds, VOID.entities, _int(sum(stats.classes.values()))),
    ]
    for resolution in sorted(stats.resolutions)[:3]:
        t.append(ox.Triple(ds, VOID.exampleResource, _n(resolution)))
    partitions = (("class", "entities", stats.classes), ("property", "triples", stats.properties))
    for kind, count, counts in partitions:
        for term, n in sorted(counts.items()):
            part = _n(iris.dataset_partition(f"{kind}-partition", _local(term)))
            t += [
                ox.Triple(ds, VOID[f"{kind}Partition"], part),
                ox.Triple(part, VOID[kind], _n(term)),
                ox.Triple(part, VOID[count], _int(n)),
            ]
    for path in (p for p in published_files(out) if p.name not in ("void.ttl", "SHA256SUMS")):
        t += _distribution(ds, path, path.relative_to(out).as_posix(), iris)
    return serialized(sorted(set(t), key=str), ox.RdfFormat.TURTLE, PREFIXES)


def _local(iri: str) -> str:
    """A readable, unique path segment for a class or property IRI."""
    for prefix, ns in sorted(DATA_PREFIXES.items()):
        if iri.startswith(ns) and "/" not in iri[len(ns):]:
            return f"{prefix}-{iri[len(ns):]}"
    return hashlib.sha256(iri.encode()).hexdigest()[:16]


def _distribution(ds: ox.NamedNode, path: Path, name: str, iris: Iris) -> list[ox.Triple]:
    data = path.read_bytes()
    url = _n(iris.download(name))
    dist = _n(iris.distribution(name))
    checksum = _n(iris.distribution(name) + "/sha256")
    out = [
        ox.Triple(ds, DCAT.distribution, dist),
        ox.Triple(dist, RDF.type, DCAT.Distribution),
        ox.Triple(dist, DCTERMS.title, ox.Literal(name)),
        ox.Triple(dist, DCAT.downloadURL, url),
        ox.Triple(dist, DCAT.mediaType, _n(MEDIA_TYPES + media_type(name))),
        ox.Triple(dist, DCAT.byteSize, ox.Literal(str(len(data)), datatype=XSD.nonNegativeInteger)),
        ox.Triple(dist, SPDX.checksum, checksum),
        ox.Triple(checksum, RDF.type, SPDX.Checksum),
        ox.Triple(checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256),
        ox.Triple(checksum, SPDX.checksumValue, ox.Literal(hashlib.sha256(data).hexdigest(), datatype=XSD.hexBinary)),
    ]
    if name.endswith((".nt.gz", ".ttl", ".nq.gz", ".trig", ".jsonld")) and "/" not in name:
        out.append(ox.Triple(ds, VOID.dataDump, url))
    if name.endswith(".gz"):
        out.append(ox.Triple(dist, DCAT.compressFormat, _n(MEDIA_TYPES + "application/gzip")))
    return out
