"""What a request may ask, read from the SPARQL text before anything runs it.

A small lexer, not a parser: it knows strings, IRIs, comments, variables and
prefixed names well enough never to mistake one for a keyword, and reads

- the form (``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``), or that the text
  is an update (``INSERT``, ``DELETE``, ``LOAD`` ...), which a read-only endpoint refuses;
- every ``SERVICE`` target, resolved against ``PREFIX`` and ``BASE``: a query
  may only call out to endpoints on the allow-list, and never to a variable.

Codepoint escapes (``\\u0053ERVICE``) are undone first, as the SPARQL grammar
says they are, so they cannot hide a keyword. pyoxigraph parses the query
afterwards and reports syntax errors itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<string>'''(?:(?:''|')?(?:[^'\\]|\\.))*'''|\"\"\"(?:(?:""|")?(?:[^"\\]|\\.))*\"\"\"
              |'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<pname>(?:[A-Za-z\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*)?:(?:[\w\-:.%\\\u00b7\u00c0-\uffff]*[\w\-:%\u00b7\u00c0-\uffff])?)
  | (?P<word>[A-Za-z_][\w\-]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class Refused(Exception):
    """The request asks what this endpoint does not do; ``status`` is the HTTP status to answer."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True, slots=True)
class Reading:
    form: str | None  # SELECT, ASK, CONSTRUCT, DESCRIBE, or None when the lexer found none
    update: str | None  # the first update keyword, if the text is an update
    services: tuple[str, ...]  # SERVICE targets, resolved


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def _tokens(text: str):
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind not in ("space", "comment"):
            yield kind, m.group()


def read(query: str) -> Reading:
    """The form, update keyword and SERVICE targets of ``query``; raises Refused for a SERVICE it cannot resolve."""
    tokens = list(_tokens(_unescape(query)))
    prefixes: dict[str, str] = {}
    base = ""
    form = update = None
    services: list[str] = []
    depth = 0
    i = 0
    while i < len(tokens):
        kind, value = tokens[i]
        upper = value.upper() if kind == "word" else ""
        if kind == "other" and value == "{":
            depth += 1
        elif kind == "other" and value == "}":
            depth -= 1
        elif upper == "PREFIX" and i + 2 < len(tokens) and tokens[i + 1][0] == "pname" and tokens[i + 2][0] == "iri":
            prefixes[tokens[i + 1][1][:-1]] = urljoin(base, tokens[i + 2][1][1:-1])
            i += 3
            continue
        elif upper == "BASE" and i + 1 < len(tokens) and tokens[i + 1][0] == "iri":
            base = urljoin(base, tokens[i + 1][1][1:-1])
            i += 2
            continue
        elif upper in FORMS and form is None and update is None and depth == 0:
            form = upper
        elif upper in UPDATES and form is None and update is None and depth == 0:
            update = upper
        elif upper == "SERVICE":
            j = i + 1
            if j < len(tokens) and tokens[j][0] == "word" and tokens[j][1].upper() == "SILENT":
                j += 1
            services.append(_target(tokens[j] if j < len(tokens) else ("other", ""), prefixes, base))
            i = j + 1
            continue
        i += 1
    return Reading(form, update, tuple(services))


def _target(token: tuple[str, str], prefixes: dict[str, str], base: str) -> str:
    kind, value = token
    if kind == "iri":
        return urljoin(base, value[1:-1])
    if kind == "pname":
        prefix, _, local = value.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
        raise Refused(400, f"SERVICE {value}: the prefix {prefix}: is not declared")
    raise Refused(403, f"SERVICE {value or '(nothing)'}: a SERVICE target must be a fixed IRI on this endpoint's allow-list, not a variable")


def check(query: str, allowed_services: frozenset[str]) -> Reading:
    """Read ``query`` and refuse it if it is an update or calls a service off the allow-list."""
    reading = read(query)
    if reading.update:
        raise Refused(403, f"this endpoint is read-only: SPARQL Update ({reading.update}) is not accepted")
    for target in reading.services:
        if target not in allowed_services:
            if allowed_services:
                allowed = ", ".join(sorted(allowed_services))
                raise Refused(403, f"SERVICE <{target}> is not allowed; this endpoint may only call: {allowed}")
            raise Refused(403, f"SERVICE <{target}> is not allowed: this endpoint calls no other endpoint (start it with --allow-service URL to allow one)")
    return reading
