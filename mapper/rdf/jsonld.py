"""JSON-LD compacted with the project's prefixes as its ``@context``: every JSON-LD ungakg writes.

pyoxigraph writes JSON-LD in expanded form only (full IRIs, every value in an
array, ``rdf:type`` as a property). Compacted with :data:`CONTEXT` (the
prefixes of the Turtle dumps, nothing else: no terms, no coercion, no default
language), its keys read ``unga:symbol`` and ``eli:is_part_of``, its types
``@type``, and a single value is not an array.

With a context of prefixes only, the JSON-LD 1.1 compaction algorithm comes
down to a few rules, applied here to pyoxigraph's expanded output: an IRI
becomes the shortest compact IRI a prefix gives (a key, a type or a datatype
equal to a prefix's IRI becomes the prefix itself; an ``@id`` equal to one stays whole),
a plain string value becomes the string, other values and node references keep
their object form, ``rdf:type`` with IRI objects becomes ``@type`` (as JSON-LD's
serialization of RDF does it), and a single value or type leaves its array.
pyLD, the JSON-LD processor of Digital Bazaar, compacts to the same documents,
but five to seven times slower (0.37 s against 0.05 s for the largest resolution,
7,333 triples; ``BENCHMARKS.md``). The tests hold this module to pyLD's compaction
and check that every document expands, by pyoxigraph's parser and by pyLD, to
exactly the triples it was made from.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from mapper.rdf.namespaces import PREFIXES

CONTEXT: dict[str, str] = {prefix: PREFIXES[prefix] for prefix in sorted(PREFIXES)}
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_PREFIX_OF = {namespace: prefix for prefix, namespace in CONTEXT.items()}
_AFTER_NAMESPACE = tuple(namespace + "//" for namespace in CONTEXT.values())


def compacted(data: Iterable[ox.Triple] | Iterable[ox.Quad]) -> dict[str, Any]:
    """``data`` (triples, or quads of named graphs) as a compacted JSON-LD document, its ``@context`` included.

    Two kinds of IRI would not come back from a compacted document, and a CONSTRUCT can make either: one whose
    scheme is a prefix (``unga:x`` would read as a compact IRI), and one where "//" follows a prefix's namespace
    (``https://schema.org///x`` would compact to ``schema://x``, which reads as an IRI of scheme ``schema``). A
    document with such an IRI stays expanded, without a context: still JSON-LD, the same triples.
    """
    expanded = json.loads(ox.serialize(data, format=ox.RdfFormat.JSON_LD) or b"[]")
    compactor = _Compactor()
    nodes = [compactor.node(node) for node in expanded]
    if compactor.misread:
        return {"@graph": expanded}
    if len(nodes) == 1:
        return {"@context": CONTEXT, **nodes[0]}
    return {"@context": CONTEXT, "@graph": nodes} if nodes else {"@context": CONTEXT}


def document(data: Iterable[ox.Triple] | Iterable[ox.Quad]) -> bytes:
    """``data`` as the bytes of a compacted JSON-LD document."""
    return dumps(compacted(data))


def dumps(value: Any) -> bytes:
    """JSON as ungakg writes it: UTF-8, no spaces."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


# The published ungakg.jsonld: one document whose @context is stated once, the named graphs in its @graph.
OPENING = b'{"@context":' + dumps(CONTEXT) + b',"@graph":[\n'
CLOSING = b"\n]}\n"


def named_graph(quads: Iterable[ox.Quad]) -> bytes:
    """The quads of one named graph as a compacted graph object (``@id`` the graph, ``@graph`` its nodes) without
    ``@context``: an item of the ``@graph`` of a document that opens with :data:`OPENING` (same context)."""
    graph = compacted(quads)
    if "@context" not in graph:
        raise ValueError("a graph with an IRI the dump's @context would misread cannot go into the dump (see compacted)")
    del graph["@context"]
    return dumps(graph)


class _Compactor:
    """Compaction of expanded node objects with :data:`CONTEXT`, each IRI compacted once."""

    def __init__(self) -> None:
        self._vocab: dict[str, str] = {}  # keys, types, datatypes: an IRI equal to a prefix's becomes the prefix
        self._ids: dict[str, str] = {}  # @id values: relative to no base, never a bare prefix
        self.misread = False  # whether an IRI met would read back as another (see compacted)

    def iri(self, iri: str, vocab: bool) -> str:
        cache = self._vocab if vocab else self._ids
        compact = cache.get(iri)
        if compact is None:
            self.misread = self.misread or _misread(iri)
            compact = cache[iri] = _compact_iri(iri, vocab)
        return compact

    def node(self, node: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if "@id" in node:
            out["@id"] = self.iri(node["@id"], vocab=False)
        objects = node.get(_RDF_TYPE, ())
        types = [o["@id"] for o in objects] if objects and all(set(o) == {"@id"} for o in objects) else []
        if types:  # a literal object keeps the property: @type cannot carry it
            out["@type"] = self._one_or_all([self.iri(t, vocab=True) for t in types])
        properties = {}
        for key, values in node.items():
            if key in ("@id", "@graph") or (key == _RDF_TYPE and types):
                continue
            properties[self.iri(key, vocab=True)] = self._one_or_all([self.value(v) for v in values])
        out.update(sorted(properties.items()))
        if "@graph" in node:
            out["@graph"] = [self.node(n) for n in node["@graph"]]
        return out

    def value(self, value: dict[str, Any]) -> Any:
        if "@id" in value:
            return {"@id": self.iri(value["@id"], vocab=False)}
        if "@type" in value:
            return {**value, "@type": self.iri(value["@type"], vocab=True)}
        if set(value) == {"@value"} and isinstance(value["@value"], str):
            return value["@value"]
        return value  # with its language

    @staticmethod
    def _one_or_all(items: list[Any]) -> Any:
        return items[0] if len(items) == 1 else items


def _compact_iri(iri: str, vocab: bool) -> str:
    """The shortest compact IRI (the first in code-point order among the shortest), else the IRI itself."""
    if vocab and iri in _PREFIX_OF:
        return _PREFIX_OF[iri]
    candidates = [f"{prefix}:{iri[len(namespace):]}" for prefix, namespace in CONTEXT.items()
                  if len(iri) > len(namespace) and iri.startswith(namespace)]
    return min(candidates, key=lambda c: (len(c), c)) if candidates else iri


def _misread(iri: str) -> bool:
    """Whether ``iri`` (a node's, a property's, a type's, a datatype's or a graph's) would read back as another IRI
    from a document compacted with :data:`CONTEXT`."""
    return iri.startswith(_AFTER_NAMESPACE) or iri.partition(":")[0] in CONTEXT
