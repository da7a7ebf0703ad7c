"""The SPARQL 1.1 Protocol: an HTTP request read into a ``QueryRequest``, or refused.

https://www.w3.org/TR/sparql11-protocol/#query-operation: a query comes by
GET (``?query=``), by POST of a form (``application/x-www-form-urlencoded``),
or by POST of the query itself (``application/sparql-query``), with
``default-graph-uri`` and ``named-graph-uri`` giving the dataset. Updates
(``update=``, ``application/sparql-update``) are refused: the endpoint is
read-only. Pure: no I/O, so every rule is tested without a server.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from mapper.errors import Refused

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
ALLOWED_METHODS = "GET, POST, OPTIONS"


@dataclass(frozen=True, slots=True)
class QueryRequest:
    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()  # the ``format`` (or ``output``) parameters: clients such as SPARQLWrapper send several


def _media_type(content_type: str | None) -> tuple[str, str | None]:
    """``application/sparql-query; charset=UTF-8`` -> (``application/sparql-query``, ``utf-8``)."""
    if not content_type:
        return "", None
    media, *params = [p.strip() for p in content_type.split(";")]
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.lower(), charset


def _text(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Refused(400, f"{what} is not UTF-8 (byte {e.start}); SPARQL requests must be UTF-8") from None


def _one(params: list[tuple[str, str]], name: str) -> str | None:
    values = [v for k, v in params if k == name]
    if len(values) > 1:
        raise Refused(400, f"{len(values)} '{name}' parameters: a request carries exactly one")
    return values[0] if values else None


def _form(data: bytes) -> list[tuple[str, str]]:
    try:
        return parse_qsl(_text(data, "the form"), keep_blank_values=True, strict_parsing=False, errors="strict")
    except UnicodeDecodeError:
        raise Refused(400, "the form holds percent-encoded bytes that are not UTF-8") from None


def read_request(method: str, query_string: bytes, content_type: str | None, body: bytes) -> QueryRequest | None:
    """The query of this request; None for a request with no query (a GET of the service description)."""
    params = _form(query_string)
    if method in ("GET", "HEAD"):
        if any(k == "update" for k, _ in params):
            raise Refused(403, "this endpoint is read-only: SPARQL Update is not accepted (and never by GET)")
        query = _one(params, "query")
        if query is None:
            return None
    elif method == "POST":
        media, charset = _media_type(content_type)
        if charset not in (None, "utf-8", "utf8"):
            raise Refused(415, f"charset={charset}: SPARQL requests must be UTF-8")
        if media == FORM:
            params = params + _form(body)
            if any(k == "update" for k, _ in params):
                raise Refused(403, "this endpoint is read-only: SPARQL Update is not accepted")
            query = _one(params, "query")
            if query is None:
                raise Refused(400, "the form has no 'query' parameter")
        elif media == QUERY:
            if _one(params, "query") is not None:
                raise Refused(400, "a query both in the URL and in the body: send it once")
            query = _text(body, "the query")
        elif media == UPDATE:
            raise Refused(403, "this endpoint is read-only: SPARQL Update is not accepted")
        elif not media:
            raise Refused(415, f"a POST needs a Content-Type: {QUERY} or {FORM}")
        else:
            raise Refused(415, f"Content-Type {media} is not a SPARQL query; send {QUERY} or {FORM}")
    else:
        raise Refused(405, f"{method} is not a SPARQL query method; use GET or POST")
    if not query.strip():
        raise Refused(400, "the query is empty")
    return QueryRequest(
        query=query,
        default_graphs=tuple(v for k, v in params if k == "default-graph-uri"),
        named_graphs=tuple(v for k, v in params if k == "named-graph-uri"),
        formats=tuple(v for k, v in params if k in ("format", "output")),
    )
