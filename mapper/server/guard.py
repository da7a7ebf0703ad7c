"""What a request may ask, read from the SPARQL text before anything runs it.

The guard reads the query the way Oxigraph's parser does, terminal by terminal
as the SPARQL 1.1 grammar defines them (https://www.w3.org/TR/sparql11-query/#sparqlGrammar),
so that no string, IRI, comment or local name can hide a keyword from it:

- strings with their escapes (``ECHAR`` and ``UCHAR``: ``"\\u0022"`` is a string
  holding a quote, not the end of one), IRIs (``IRIREF``, where ``#`` and ``'``
  are characters), comments only outside them, prefixed names with ``PLX``
  escapes (``ex:p\\#`` and ``ex:a\\'`` are names, not a comment or a string);
- codepoint escapes only where the grammar reads them, inside strings and IRIs
  (Oxigraph does not decode them elsewhere: ``SERVI\\u0043E`` is a syntax error),
  and only for code points that exist (``\\U00110000`` is a 400);
- ``<`` as the less-than operator where an expression has just read an operand,
  and as the start of an IRI everywhere else: in ``FILTER(?a<?b#>...`` the engine
  reads an operator and a comment, not an IRI;
- keywords glued to what follows, as Oxigraph accepts them: ``SERVICESILENT<...>``,
  ``SERVICEc:x`` and ``service:x`` (``SERVICE`` then ``:x``) all call a service.

From that reading it answers:

- the form (``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``), or that the text is
  an update (``INSERT``, ``DELETE``, ``LOAD`` ...), which a read-only endpoint refuses;
- every ``SERVICE`` target, resolved against ``PREFIX`` and ``BASE``: a query may
  only call endpoints on the allow-list, and never a variable;
- the nesting depth of groups, brackets and parentheses (``MAX_DEPTH``) and the
  number of chained operators, separators and pattern keywords (``MAX_OPERATORS``),
  both bounded: Oxigraph's recursive parser and evaluator overflow their stack on
  a few thousand of either.

The guard is the first line of defence and the one that explains itself (403
with the target named). The second does not depend on it being right: query
workers cannot reach the network at all unless a target is allowed
(``sandbox.py``). pyoxigraph parses the query afterwards and reports syntax
errors itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from mapper.errors import Refused

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
MAX_DEPTH = 100  # nested { ( [ <<; Oxigraph's parser overflows near 1,000 nested calls and 2,250 groups
MAX_TOKENS = 250_000  # about 1 MB of ordinary SPARQL
# Operators, separators and pattern keywords in one query: Oxigraph builds a left-deep tree of them and
# recurses once per element, and overflows its stack from about 3,000 MINUS or BIND, 10,000 UNION, "+",
# "||", "!", triples or FILTERs (found by attack); flat lists (VALUES, IN, function arguments) do not count.
MAX_OPERATORS = 1_000
_PATTERN_WORDS = {"UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "GRAPH", "SERVICE", "EXISTS", "LATERAL", "VALUES"}
_OPERATOR_CHARS = frozenset("|&+-*/^!=<>")
_SEPARATORS = frozenset(".;,")

# SPARQL 1.1 grammar, section 19.8 (terminals).
_PN_CHARS_BASE = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
# As Oxigraph's parser (spargebra) writes them, which is narrower than the grammar: a local name holds at most
# one run of dots (``ex:a.b.c`` is ``ex:a.b``, then ``.c``), so ``ex:a.b.SERVICE<...>{}`` is a name, a dot and a SERVICE.
_PN_PREFIX = f"[{_PN_CHARS_BASE}][{_PN_CHARS}]*(?:\\.+[{_PN_CHARS}]+)*"
_PN_LOCAL = f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:[{_PN_CHARS}:]|{_PLX})*(?:\\.+(?:[{_PN_CHARS}:]|{_PLX})+)?"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_ESC = rf"\\[tbnrf\\\"']|{_UCHAR}"

_TOKEN = re.compile(
    rf"""
    (?P<space>[\x20\t\r\n]+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<string>'''(?:(?:''|')?(?:[^'\\]|{_ESC}))*'''
              |\"\"\"(?:(?:""|")?(?:[^"\\]|{_ESC}))*\"\"\"
              |'(?:[^'\\\n\r]|{_ESC})*'
              |"(?:[^"\\\n\r]|{_ESC})*")
  | (?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|{_UCHAR})*>)
  | (?P<var>[?$][{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*)
  | (?P<bnode>_:[{_PN_CHARS_U}0-9][{_PN_CHARS}]*(?:\.+[{_PN_CHARS}]+)*)
  | (?P<pname>(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?)
  | (?P<lang>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)
  | (?P<number>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)
  | (?P<word>[{_PN_CHARS_BASE}][{_PN_CHARS_U}0-9]*)
  | (?P<open><<|[{{(\[])
  | (?P<close>>>|[}})\]])
  | (?P<lt><)
  | (?P<other>\^\^|[^\x20\t\r\n#'"<?$_:@0-9{{}}()\[\]>{_PN_CHARS_BASE}]+|.)
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(_UCHAR)
_OPERAND_END = {"var", "string", "number", "iri", "pname", "lang", "bnode"}
# Keywords that end an operand or stand for a term, so that `<` after them is an operator in an expression.
_TERM_WORDS = {"TRUE", "FALSE"}
_NOT_A_CALL = {"A", "VALUES", "UNDEF"}  # words after which `(` opens no expression


@dataclass(frozen=True, slots=True)
class Reading:
    form: str | None  # SELECT, ASK, CONSTRUCT, DESCRIBE, or None when none was found
    update: str | None  # the first update keyword, if the text is an update
    services: tuple[str, ...]  # SERVICE targets, resolved


@dataclass(slots=True)
class _Level:
    kind: str  # "pattern" ({ and [), "expression" or "list" (the two meanings of "(")
    mode: str = ""  # "select" (a projection) or "conditions" (after GROUP BY, ORDER BY, HAVING): "(" opens an expression


def _decode(iri_or_string: str) -> str:
    """Undo UCHAR escapes, as the grammar does inside strings and IRIs; a code point that cannot be is a 400."""

    def one(m: re.Match) -> str:
        code = int(m.group()[2:], 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise Refused(400, f"{m.group()} is not a Unicode code point (escapes stop at \\U0010FFFF and exclude surrogates)")
        return chr(code)

    return _ESCAPE.sub(one, iri_or_string)


def read(query: str) -> Reading:
    """The form, update keyword and SERVICE targets of ``query``; raises Refused for what cannot be allowed."""
    # Most queries hold no "service" at all, no backslash, and fewer brackets than the limit: then only the form
    # is left to find, and the reading stops there (a lookup is read in a quarter of the time).
    quick = ("service" not in query.lower() and "\\" not in query and sum(query.count(c) for c in "{([<") <= MAX_DEPTH
             and len(query) <= MAX_OPERATORS)
    return _Reader(query).read(until_form=quick)


class _Reader:
    """One pass over the text with a cursor; the few places where the grammar reads ahead are methods."""

    def __init__(self, query: str):
        self.text = query
        self.pos = 0
        self.count = 0
        self.prefixes: dict[str, str] = {}
        self.base = ""
        self.form: str | None = None
        self.update: str | None = None
        self.services: list[str] = []
        self.stack: list[_Level] = []
        self.top = _Level("top")  # outside every group: the prologue, the projection, the solution modifiers
        self.operators = 0  # see MAX_OPERATORS
        self.previous: tuple[str, str] = ("", "")  # the last significant token
        self.before: tuple[str, str] = ("", "")  # the one before it

    def read(self, until_form: bool = False) -> Reading:
        while True:
            kind, value = self._next()
            if not kind or (until_form and (self.form or self.update)):
                return Reading(self.form, self.update, tuple(self.services))
            if kind in ("word", "pname") and self._keyword(kind, value):
                continue
            if kind == "pname" and value.partition(":")[0] not in self.prefixes and self._reread_as_word(value):
                continue
            self._structure(kind, value)
            self._shift(kind, value)

    def _reread_as_word(self, value: str) -> bool:
        """A prefixed name whose prefix is not declared is no name to Oxigraph: its parser fails there and tries
        what else the text can be (``true.SERVICEc:x`` is ``true``, ``.``, then ``SERVICE c:x``). Read it the
        same way: the leading word alone, then on from after it. False when there is no leading word."""
        m = _WORD.match(value)
        if m is None:
            return False
        self.pos -= len(value) - m.end()
        word = m.group()
        self._structure("word", word)
        self._shift("word", word)
        return True

    def _next(self) -> tuple[str, str]:
        """The next significant token from the cursor, which moves past it; ("", "") at the end."""
        text, n = self.text, len(self.text)
        while self.pos < n:
            start = self.pos
            if text[start] == "<" and self._operator_here():  # ?a<?b: the operator, not an IRI
                self.pos += 1
                return self._counted("other", "<")
            m = _TOKEN.match(text, start)
            assert m is not None and m.lastgroup  # the last alternative takes any character
            self.pos = m.end()
            kind = m.lastgroup
            if kind in ("space", "comment"):
                continue
            if kind == "lt":
                kind = "other"
            return self._counted(kind, m.group())
        return "", ""

    def _counted(self, kind: str, value: str) -> tuple[str, str]:
        self.count += 1
        if self.count > MAX_TOKENS:
            raise Refused(400, f"the query has more than {MAX_TOKENS:,} tokens; split it")
        return kind, value

    def _operator_here(self) -> bool:
        if not self.stack or self.stack[-1].kind != "expression":
            return False
        kind, value = self.previous
        return kind in _OPERAND_END or value in (")", "]") or (kind == "word" and value.upper() in _TERM_WORDS)

    def _keyword(self, kind: str, value: str) -> bool:
        """Oxigraph reads a keyword where one fits, whatever follows it: ``SERVICEc:x``, ``PREFIXc:``, ``trueSERVICE``.
        True when the token was read as SERVICE, PREFIX or BASE (the cursor is then past what they took)."""
        start = self.pos - len(value)
        upper = value.upper()
        leading = _LETTERS.match(upper)
        assert leading is not None  # it matches the empty string
        letters = leading.group()
        at = letters.find("SERVICE")
        if at == 0 or (at > 0 and _term_words(letters[:at])):
            self.pos = start + at + len("SERVICE")
            if self._service():
                return True
            self.pos = start + len(value)
        for keyword, declare in (("PREFIX", self._prefix), ("BASE", self._base)):
            if letters.startswith(keyword) and (upper == keyword or kind == "pname"):
                self.pos = start + len(keyword)
                if declare():
                    return True
                self.pos = start + len(value)
        return False

    def _service(self) -> bool:
        """After SERVICE: [SILENT], the target and the group that must follow; the target recorded, resolved.
        False when what follows cannot make a SERVICE clause (then the letters were a name: ``SERVICE:p ?o``)."""
        kind, value = self._next()
        if kind in ("word", "pname") and value.upper().startswith("SILENT"):  # as greedy as the engine: "silent:" is SILENT, then ":"
            self.pos -= len(value) - len("SILENT")
            kind, value = self._next()
        mark = self.pos
        if self._next() != ("open", "{"):
            return False
        self.pos = mark
        self.services.append(self._target(kind, value))
        self._shift("word", "SERVICE")
        self._shift(kind, value)
        return True

    def _prefix(self) -> bool:
        mark = self.pos
        kind, name = self._next()
        iri_kind, iri = self._next()
        if kind == "pname" and name.endswith(":") and iri_kind == "iri":
            self.prefixes[name[:-1]] = urljoin(self.base, _decode(iri[1:-1]))
            self._shift("iri", iri)
            return True
        self.pos = mark
        return False

    def _base(self) -> bool:
        mark = self.pos
        kind, iri = self._next()
        if kind == "iri":
            self.base = urljoin(self.base, _decode(iri[1:-1]))
            self._shift("iri", iri)
            return True
        self.pos = mark
        return False

    def _structure(self, kind: str, value: str) -> None:
        if kind == "open":
            self._push(value)
        elif kind == "close":
            if self.stack:
                self.stack.pop()
        elif kind == "word":
            upper = value.upper()
            if upper in FORMS and self.form is None and self.update is None and not self.stack:
                self.form = upper
            elif upper in UPDATES and self.form is None and self.update is None and not self.stack:
                self.update = upper
            if upper in _PATTERN_WORDS:
                self._count(1)
            if upper == "SELECT":
                self._level().mode = "select"
            elif upper in ("BY", "HAVING"):
                self._level().mode = "conditions"
            elif upper in ("WHERE", "LIMIT", "OFFSET", "VALUES"):
                self._level().mode = ""
        elif kind in ("iri", "string"):
            _decode(value)
        elif kind == "other":
            if "\\" in value:  # outside strings, IRIs and names' PLX escapes, a syntax error
                raise Refused(400, "a backslash outside a string, an IRI or a name's escape: codepoint escapes "
                                   "(\\u, \\U) are read only inside strings and IRIs")
            in_expression = self.stack and self.stack[-1].kind == "expression"
            self._count(sum(c in _OPERATOR_CHARS or (c in _SEPARATORS and not in_expression) for c in value))

    def _count(self, n: int) -> None:
        self.operators += n
        if self.operators > MAX_OPERATORS:
            raise Refused(400, f"the query has more than {MAX_OPERATORS:,} operators, separators and pattern keywords "
                               "(UNION, OPTIONAL, MINUS, FILTER, BIND, '.', ';', '+', '||', '/' ...); split it")

    def _level(self) -> _Level:
        return self.stack[-1] if self.stack else self.top

    def _push(self, value: str) -> None:
        if value == "(":
            kind = "expression" if self._opens_expression() else "list"
        else:
            kind = "pattern"
            if value == "{":
                self._level().mode = ""
        self.stack.append(_Level(kind))
        if len(self.stack) > MAX_DEPTH:
            raise Refused(400, f"the query nests groups, brackets or parentheses more than {MAX_DEPTH} deep")

    def _opens_expression(self) -> bool:
        level = self._level()
        if level.kind in ("expression", "top") or level.mode in ("select", "conditions"):
            return True
        kind, value = self.previous
        if kind == "word":
            return value.upper() not in _NOT_A_CALL
        # a function call right after FILTER: FILTER <f>(...), FILTER ex:f(...)
        return kind in ("iri", "pname") and self.before[0] == "word" and self.before[1].upper() == "FILTER"

    def _shift(self, kind: str, value: str) -> None:
        self.before, self.previous = self.previous, (kind, value)

    def _target(self, kind: str, value: str) -> str:
        if kind == "iri":
            return urljoin(self.base, _decode(value[1:-1]))
        if kind == "pname":
            prefix, _, local = value.partition(":")
            if prefix in self.prefixes:
                return self.prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
            raise Refused(400, f"SERVICE {value}: the prefix {prefix}: is not declared")
        raise Refused(403, f"SERVICE {value or '(nothing)'}: a SERVICE target must be a fixed IRI on this endpoint's allow-list, not a variable")


_LETTERS = re.compile(r"[A-Z]*")
_WORD = re.compile(f"[{_PN_CHARS_BASE}][{_PN_CHARS_U}0-9]*")


def _term_words(letters: str) -> bool:
    """Whether ``letters`` is a run of term keywords (``TRUE``, ``FALSETRUE``) that Oxigraph reads without a space."""
    while letters:
        for word in _TERM_WORDS:
            if letters.startswith(word):
                letters = letters[len(word):]
                break
        else:
            return False
    return True


def check(query: str, allowed_services: frozenset[str]) -> Reading:
    """Read ``query`` and refuse it if it is an update, nests too deep or calls a service off the allow-list."""
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
