"""Literals, links and small descriptions every mapping module writes the same way."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pyoxigraph as ox
from pyoxigraph import Literal, NamedNode, Triple

from mapper.core.symbols import is_draft
from mapper.lexicon.words import ORDINAL_NAMES
from mapper.rdf import jsonld
from mapper.rdf.iris import UNDOCS, Iris
from mapper.rdf.namespaces import RDF, RDFS, UNGA, XSD


def string(value: str) -> Literal:
    return Literal(value)


def en(value: str) -> Literal:
    return Literal(value, language="en")


def integer(value: int, datatype: NamedNode = XSD.positiveInteger) -> Literal:
    return Literal(str(value), datatype=datatype)


def day(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def boolean(value: bool) -> Literal:
    return Literal("true" if value else "false", datatype=XSD.boolean)


def official_text(symbol: str) -> NamedNode:
    """Where undocs.org serves the official text of a symbol."""
    return NamedNode(UNDOCS + symbol.replace(" ", ""))


def session_label(session: int | str) -> str:
    if isinstance(session, str):
        kind, n = session.split("-")
        word = ORDINAL_NAMES.get(int(n), n)
        return f"{word} {'emergency special' if kind == 'ES' else 'special'} session of the General Assembly"
    return f"{ORDINAL_NAMES.get(session, str(session))} session of the General Assembly"


def session_triples(session: int | str, iris: Iris) -> tuple[NamedNode, list[Triple]]:
    """A session of the Assembly, as the heading or a text ("at its sixty-fifth session") names it."""
    node = NamedNode(iris.session(session))
    return node, [
        Triple(node, RDF.type, UNGA.Session),
        Triple(node, UNGA.sessionCode, string(str(session))),
        Triple(node, RDFS.label, en(session_label(session))),
    ]


def document_triples(symbol: str, iris: Iris) -> tuple[NamedNode, list[Triple]]:
    """A document or resolution as far as a heading or a citation tells: its symbol and official text; a draft
    (an ``L.`` document) is a ``unga:Draft`` too."""
    node = NamedNode(iris.document(symbol))
    draft = [Triple(node, RDF.type, UNGA.Draft)] if is_draft(symbol) else []
    return node, [
        Triple(node, RDF.type, UNGA.Document),
        *draft,
        Triple(node, UNGA.symbol, string(symbol)),
        Triple(node, UNGA.officialText, official_text(symbol)),
    ]


def serialized(data: Iterable[ox.Triple] | Iterable[ox.Quad], fmt: ox.RdfFormat, prefixes: dict[str, str] | None = None) -> bytes:
    """``data`` written in ``fmt`` as bytes (pyoxigraph's ``serialize`` without an output); JSON-LD compacted with the
    project's prefixes as its context (:mod:`mapper.rdf.jsonld`), whatever ``prefixes`` says."""
    if fmt == ox.RdfFormat.JSON_LD:
        return jsonld.document(data)
    out = ox.serialize(data, format=fmt, prefixes=prefixes) if prefixes else ox.serialize(data, format=fmt)
    assert out is not None  # only None when given an output to write to
    return out
