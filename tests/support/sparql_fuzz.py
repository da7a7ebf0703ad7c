"""A seeded, grammar-aware fuzzer of SPARQL queries: SERVICE hidden in random valid queries, among decoys.

Each query is made of fragments the SPARQL grammar allows around a SERVICE
clause (strings with escapes, IRIs holding ``#`` and quotes, prefixed names with
``PLX`` escapes, comments, ``<`` as an operator, nested groups, subqueries,
FILTER EXISTS), with the SERVICE keyword, its target and the space between them
written in every form Oxigraph accepts. Oxigraph itself says whether a query is
valid (an invalid one proves nothing and is discarded), and, run on a small
store, whether it calls a target (the oracle: a canary hears the call).

Used by ``tests/unit/server/test_guard_fuzz.py`` (decoys, the reported forms),
``tests/integration/test_guard_oracle.py`` (the engine as oracle) and
``tests/integration/test_server_guards.py`` (a sample through HTTP).
"""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import strategies as st

from mapper.errors import Refused
from mapper.server.guard import read

HOST = "http://127.0.0.1:9/"  # port 9 (discard) is closed here: a call the engine makes fails at once
TARGET = HOST + "sparql"

_strings = st.sampled_from([
    '"x"', "'y'", '"\\u0022"', "'\\''", '"a\\"b"', '"""x"y"""', "'''a''b'''", '"SERVICE <http://decoy/>"',
    "'''#'''", '"#"', "'\\u0027'", '"x"@en', '"1"^^<http://www.w3.org/2001/XMLSchema#integer>',
])
_iris = st.sampled_from([
    "<http://e/a>", "<http://e/#frag>", "<http://e/'quote>", "<http://e/'''>", "<http://e/SERVICE>",
    "<http://e/\\u0041>", "<http://e/a#'''>",
])
_names = st.sampled_from(["ex:a", "ex:p\\#", "ex:a\\'", "ex:x\\.y", "ex:service", "ex:%41", "ex:a.b", ":x", "ex:"])
_space = st.sampled_from([" ", "  ", "\t", "\n", " # a comment with ' and \" and SERVICE <http://decoy/>\n", "\r\n"])
_glue = st.sampled_from([" ", "\n", "\t", "#c\n", ""])  # what may stand between SERVICE and what follows


@st.composite
def terms(draw):
    return draw(st.one_of(_strings, _iris, _names, st.sampled_from(["?o", "$v", "1", "2.5", "true", "[]"])))


@st.composite
def noise(draw, depth: int = 0):
    """A fragment of a group graph pattern that holds no SERVICE."""
    options = [
        lambda: f"?s{draw(_space)}{draw(st.one_of(_iris, _names, st.just('?p')))}{draw(_space)}{draw(terms())} .",
        lambda: f"BIND({draw(terms())} AS ?b{draw(st.integers(0, 99))})",
        lambda: f"FILTER(?o{draw(st.sampled_from(['<', '<=', '>', '!=', '=']))}{draw(st.sampled_from(['?p', '?q', '1', '<http://e/x>']))})",
        lambda: "FILTER(?a<?b#>'''\n)",
        lambda: f"FILTER(STR(?o) != {draw(_strings)})",
        lambda: f"?s a ({draw(terms())} {draw(_iris)}) .",
        lambda: f"VALUES ?v {{ {draw(terms())} }}",
    ]
    if depth < 2:
        options += [
            lambda: f"OPTIONAL {{ {draw(noise(depth + 1))} }}",
            lambda: f"{{ SELECT * WHERE {{ {draw(noise(depth + 1))} }} }}",
            lambda: f"FILTER NOT EXISTS {{ {draw(noise(depth + 1))} }}",
        ]
    return draw(st.sampled_from(options))()


@st.composite
def service_clause(draw, host: str):
    """SERVICE with its target (``{host}sparql``), in one of the forms Oxigraph reads; the prologue it needs."""
    keyword = draw(st.sampled_from(["SERVICE", "service", "Service"]))
    silent = draw(st.sampled_from(["", "SILENT", "silent"]))
    form = draw(st.sampled_from(["iri", "pname", "empty-prefix", "base"]))
    prologue, target = "", f"<{host}sparql>"
    if form == "pname":
        prologue, target = f"PREFIX c: <{host}>\n", "c:sparql"
    elif form == "empty-prefix":
        prologue, target = f"PREFIX : <{host}>\n", ":sparql"
    elif form == "base":
        prologue, target = f"BASE <{host}>\n", "<sparql>"
    glue1 = draw(_glue) if silent else ""
    glue2 = draw(_glue)  # "" glues the keyword to the target: SERVICEc:sparql, SERVICESILENT<...>
    clause = f"{keyword}{glue1}{silent}{glue2}{target}{draw(_glue)}{{ ?x ?y ?z }}"
    return prologue, clause


# Terms that may end a triple right before a SERVICE glued to them ("ex:a.b.SERVICE<...>"): where a name,
# a number or a literal ends is where the guard and the engine must agree.
_lead = st.sampled_from(["", "?s ?p ex:a.b.", "?s ?p ex:o%41.b.", "?s ?p ex:o:.b.", "?s ?p ex:a\\.b.", "?s ?p ex:a-b.c-d.",
                         "?s ?p _:b.c.", "?s ?p 1.5.", "?s ?p 1.", "?s ?p 1e5.", '?s ?p "x"@en-us.', "?s ?p true.",
                         "?s ?p <http://e/o>.", "?s ?p ?o.", "?s ?p [].", "?s ?p ex:a..b.", "?s ?p ex:a.b.c."])


@st.composite
def hidden(draw, host: str = HOST):
    """A valid-looking query that calls ``{host}sparql`` from somewhere inside it."""
    before = [draw(noise()) for _ in range(draw(st.integers(0, 3)))]
    after = [draw(noise()) for _ in range(draw(st.integers(0, 3)))]
    prologue, clause = draw(service_clause(host))
    clause = draw(_lead) + clause
    # the noise inside OPTIONAL: it keeps its traps for the tokenizer but never empties the solutions, so
    # that the engine reaches the SERVICE and the oracle (the canary) hears it
    before = [f"OPTIONAL {{ {n} }}" for n in before]
    after = [f"OPTIONAL {{ {n} }}" for n in after]
    wrap = draw(st.sampled_from(["{}", "OPTIONAL {{ {} }}", "FILTER EXISTS {{ {} }}", "{{ SELECT * WHERE {{ {} }} }}", "{{ {} }} UNION {{ }}"]))
    body = " ".join(before + [wrap.format(clause)] + after)
    form = draw(st.sampled_from(["SELECT * WHERE {{ {} }}", "ASK {{ {} }}", "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {} }}",
                                 "SELECT ?s WHERE {{ {} }} ORDER BY ?s LIMIT 1"]))
    return "PREFIX ex: <http://e/>\n" + prologue + form.format(body)


@st.composite
def decoys(draw):
    body = " ".join(draw(noise()) for _ in range(draw(st.integers(1, 5))))
    return "PREFIX ex: <http://e/>\nSELECT * WHERE { " + body + " }"


def valid(query: str) -> bool:
    """Whether Oxigraph parses the query (it runs on an empty store; a SERVICE call fails at once on port 9)."""
    try:
        ox.Store().query(query)
    except SyntaxError:
        return False
    except (OSError, RuntimeError):  # evaluated: the SERVICE call itself failed
        return True
    return True


# One triple for every object a lead term can stand for, so that "?s ?p ex:a.b." before a SERVICE matches.
DATA = [ox.NamedNode(f"http://e/{local}") for local in ("o", "a.b", "o%41.b", "o:.b", "a-b.c-d", "a..b")] + [
    ox.Literal("1.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
    ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
    ox.Literal("1e5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#double")),
    ox.Literal("x", language="en-us"), ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))]


def engine_calls(query: str, canary) -> bool:
    """The oracle: whether Oxigraph itself, running the query on a one-triple store, calls the canary."""
    before = len(canary.requests)
    store = ox.Store()
    s, p = ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p")
    store.extend(ox.Quad(s, p, o) for o in DATA)
    try:
        result = store.query(query)
        if not isinstance(result, ox.QueryBoolean):
            list(result)
    except (SyntaxError, OSError, RuntimeError, ValueError):
        pass
    return len(canary.requests) > before


def guard_catches(query: str, target: str) -> bool:
    try:
        return target in read(query).services
    except Refused as e:  # refused before the target was read (nesting, escapes): also safe
        return e.status in (400, 403)


