"""``ungakg query``: run a SPARQL query file against any endpoint, through SPARQLWrapper.

SELECT and ASK answers print as an aligned table (the default), CSV, TSV,
SPARQL JSON or SPARQL XML; CONSTRUCT and DESCRIBE answers as Turtle, JSON-LD or
RDF/XML. Credentials come from the environment as for ``ungakg push``
(``remote.Credentials``): a bearer token, or a user and password sent as HTTP
basic, or as digest when the endpoint's challenge asks for it.
"""

from __future__ import annotations

import ast
import json
import urllib.error
from dataclasses import dataclass

from mapper.errors import RemoteError
from mapper.remote.client import Credentials

# Our names of the formats, and SPARQLWrapper's.
TABLE_FORMATS = {"table": "json", "json": "json", "csv": "csv", "tsv": "tsv", "xml": "xml"}
GRAPH_FORMATS = {"turtle": "turtle", "jsonld": "json-ld", "rdfxml": "rdf+xml"}
FORMATS = [*TABLE_FORMATS, *GRAPH_FORMATS]


@dataclass(frozen=True, slots=True)
class RemoteAnswer:
    kind: str    # SELECT, ASK, CONSTRUCT or DESCRIBE
    body: bytes  # what the endpoint answered, in the format asked for


def run(endpoint: str, text: str, format: str | None = None, credentials: Credentials | None = None, timeout: int = 60) -> RemoteAnswer:
    """Send ``text`` to ``endpoint``; ``format`` defaults to table for SELECT/ASK, Turtle for CONSTRUCT/DESCRIBE."""
    from SPARQLWrapper import (  # imported here: the CLI starts without it
        BASIC,
        DIGEST,
        POST,
        SPARQLWrapper,
    )
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException, Unauthorized

    from mapper import __version__

    credentials = credentials or Credentials()
    wrapper = SPARQLWrapper(endpoint, agent=f"ungakg/{__version__}")
    wrapper.setQuery(text)
    wrapper.setMethod(POST)
    wrapper.setTimeout(timeout)
    kind = wrapper.queryType or "SELECT"  # SPARQLWrapper reads the form from the text
    tabular = kind in ("SELECT", "ASK")
    format = format or ("table" if tabular else "turtle")
    offered = TABLE_FORMATS if tabular else GRAPH_FORMATS
    if format not in offered:
        raise RemoteError(f"--format {format}: a {kind} query answers in {', '.join(offered)}")
    wrapper.setReturnFormat(offered[format])
    if credentials.token:
        wrapper.addCustomHttpHeader("Authorization", f"Bearer {credentials.token}")
    elif credentials.user:
        wrapper.setCredentials(credentials.user, credentials.password or "")
        wrapper.setHTTPAuth(BASIC)
    try:
        try:
            body = wrapper.query().response.read()
        except Unauthorized:
            if not credentials.user:
                raise
            wrapper.setHTTPAuth(DIGEST)  # the endpoint asked for digest, not basic
            body = wrapper.query().response.read()
    except SPARQLWrapperException as error:
        raise RemoteError(f"{endpoint}: {_refusal(error)}") from None
    except urllib.error.URLError as error:
        raise RemoteError(f"{endpoint}: cannot reach it: {error.reason}") from None
    except TimeoutError:
        raise RemoteError(f"{endpoint}: no answer within {timeout} s") from None
    if format == "table":
        body = table(json.loads(body)).encode()
    return RemoteAnswer(kind, body)


def table(results: dict) -> str:
    """SPARQL JSON results as an aligned text table (ASK: ``true`` or ``false``)."""
    if "boolean" in results:
        return f"{str(results['boolean']).lower()}\n"
    columns = results["head"]["vars"]
    rows = [[_cell(row.get(v)) for v in columns] for row in results["results"]["bindings"]]
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _cell(term: dict | None) -> str:
    if term is None:
        return ""
    value = term["value"].replace("\n", "\\n")
    if term["type"] == "uri":
        return f"<{value}>"
    if term["type"] == "bnode":
        return f"_:{value}"
    return value + (f"@{term['xml:lang']}" if "xml:lang" in term else "")


def _refusal(error: Exception) -> str:
    """What the endpoint said when it refused, as text: SPARQLWrapper keeps the answer only as the repr of its bytes
    inside its message ("b'syntax error ...'"), which would show the user a Python value."""
    head, sep, answer = str(error).partition("\n\nResponse:\n")
    reason = getattr(error, "msg", head).rstrip(".")
    if not sep:
        return _first_lines(head)
    try:
        body = ast.literal_eval(answer.strip())
    except (ValueError, SyntaxError):
        body = answer
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    return f"{reason}: {_first_lines(text)}" if text.strip() else reason


def _first_lines(message: str, n: int = 6) -> str:
    return " | ".join(line.strip() for line in message.strip().splitlines()[:n] if line.strip())
