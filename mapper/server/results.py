"""SPARQL results written with a row cap, in the four W3C formats.

pyoxigraph serializes a whole result or nothing; a public endpoint must stop
at the cap and say so. These writers take the rows already cut at the cap.
Booleans and graphs are still written by pyoxigraph.

- JSON: https://www.w3.org/TR/sparql11-results-json/
- XML:  https://www.w3.org/TR/rdf-sparql-XMLres/
- CSV and TSV: https://www.w3.org/TR/sparql11-results-csv-tsv/
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from mapper.errors import NotXml

Row = Sequence[object]  # pyoxigraph terms, None where unbound
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


# XML 1.0 cannot carry these characters at all, not even as character references (https://www.w3.org/TR/xml/#charsets).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# RDF/XML writes a predicate as an element name: its IRI must end in an XML name (https://www.w3.org/TR/rdf-syntax-grammar/#section-Syntax-intro).
# XML 1.0 (fifth edition), productions 4 and 4a, without ":" (an NCName: https://www.w3.org/TR/xml-names/#NT-NCName).
_NAME_START = ("A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
               "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")
_NAME_AT_END = re.compile(f"[{_NAME_START}][{_NAME_START}\\-.0-9\u00b7\u0300-\u036f\u203f-\u2040]*\\Z")


def _xml_text(value: str, what: str, alternatives: str) -> None:
    m = _NOT_XML.search(value)
    if m:
        raise NotXml(f"the answer holds U+{ord(m.group()):04X} in {what}, which XML 1.0 cannot carry; ask for {alternatives}")


def _term_texts(term) -> Iterable[str]:
    if isinstance(term, ox.Triple):
        for part in (term.subject, term.predicate, term.object):
            yield from _term_texts(part)
    elif term is not None:
        yield term.value


def well_formed(document: bytes) -> None:
    """Raise NotXml unless ``document`` parses as XML: the last check before an XML answer leaves."""
    parser = expat.ParserCreate()
    try:
        parser.Parse(document, True)
    except expat.ExpatError as e:
        raise NotXml(f"the answer cannot be written as well-formed XML ({expat.errors.messages[e.code]}); "
                     "ask for Turtle, N-Triples or JSON-LD") from None


def check_rdf_xml(triples: Iterable[ox.Triple]) -> None:
    """Raise NotXml unless every triple can be written as well-formed RDF/XML."""
    for t in triples:
        m = _NAME_AT_END.search(t.predicate.value)
        if m is None or m.start() == 0:
            raise NotXml(f"the predicate <{t.predicate.value}> does not end in an XML name, so RDF/XML cannot write it; "
                         "ask for Turtle, N-Triples or JSON-LD")
        for term in (t.subject, t.object):
            for value in _term_texts(term):
                _xml_text(value, f"a term of <{t.subject.value if not isinstance(t.subject, ox.Triple) else ''}>", "Turtle, N-Triples or JSON-LD")


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {k: _json_term(getattr(term, k)) for k in ("subject", "predicate", "object")}}
    raise TypeError(f"not an RDF term: {term!r}")


def json_results(variables: Sequence[str], rows: list[Row]) -> bytes:
    bindings = [{v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}}, ensure_ascii=False).encode()


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        parts = "".join(f"<{k}>{_xml_term(getattr(term, k))}</{k}>" for k in ("subject", "predicate", "object"))
        return f"<triple>{parts}</triple>"
    raise TypeError(f"not an RDF term: {term!r}")


def xml_results(variables: Sequence[str], rows: list[Row]) -> bytes:
    for n, row in enumerate(rows, 1):
        for v, term in zip(variables, row, strict=True):
            for value in _term_texts(term):
                _xml_text(value, f"?{v} of row {n}", "JSON, CSV or TSV")
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out.append("</head>\n<results>")
    for row in rows:
        out.append("<result>")
        out += [f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>" for v, t in zip(variables, row, strict=True) if t is not None]
        out.append("</result>")
    out.append("</results>\n</sparql>\n")
    return "\n".join(out).encode()


def _csv_field(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        value = f"_:{term.value}"
    elif isinstance(term, ox.Triple):
        value = str(term)
    else:
        value = term.value
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_results(variables: Sequence[str], rows: list[Row]) -> bytes:
    lines = [",".join(variables)] + [",".join(_csv_field(t) for t in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode()


def _tsv_field(term) -> str:
    # pyoxigraph's str() is the N-Triples form; TSV also forbids raw tabs and newlines.
    return "" if term is None else str(term).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def tsv_results(variables: Sequence[str], rows: list[Row]) -> bytes:
    lines = ["\t".join(f"?{v}" for v in variables)] + ["\t".join(_tsv_field(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


WRITERS: dict[str, Callable[[Sequence[str], list[Row]], bytes]] = {
    "application/sparql-results+json": json_results,
    "application/sparql-results+xml": xml_results,
    "text/csv": csv_results,
    "text/tab-separated-values": tsv_results,
}
