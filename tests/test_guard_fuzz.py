"""A seeded, grammar-aware fuzzer: SERVICE hidden in random valid queries, among decoys.

Each query is made of fragments the SPARQL grammar allows around a SERVICE
clause (strings with escapes, IRIs holding ``#`` and quotes, prefixed names with
``PLX`` escapes, comments, ``<`` as an operator, nested groups, subqueries,
FILTER EXISTS), with the SERVICE keyword, its target and the space between them
written in every form Oxigraph accepts. Oxigraph itself says whether a query is
valid (an invalid one proves nothing and is discarded). Then:

- the guard must find the hidden target, resolved, in every valid query;
- decoys ("SERVICE" inside strings, IRIs, comments, names) must not be taken for one;
- against a real server with a canary standing for the host's network, the canary
  must hear nothing (``test_server_guards.py`` runs a sample of these through HTTP).
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mapper.server.guard import Refused, read

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
        lambda: f"FILTER(?a<?b#>'''\n)",
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


@pytest.fixture(scope="module")
def canary():
    from tests.test_server_guards import Canary

    c = Canary()
    yield c
    c.close()


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


CALLED: list[bool] = []  # per example of the next test: did the engine call? (the fuzzer must reach it)


@settings(max_examples=400)
@given(data=st.data())
def test_the_guard_finds_every_service_the_engine_calls(canary, data):
    query = data.draw(hidden(host=canary.url.removesuffix("sparql")))
    called = engine_calls(query, canary)
    CALLED.append(called)
    if called:
        assert guard_catches(query, canary.url), query


def test_the_fuzzer_reaches_the_engine():
    """Most generated queries make Oxigraph call out: the property above is not vacuous."""
    assert len(CALLED) >= 100 and sum(CALLED) / len(CALLED) > 0.5, (sum(CALLED), len(CALLED))


# Characters at which tokenizers disagree, inserted (or a character deleted, "") at random places.
_MUTATIONS = st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(list(".:\\#'\"<>{}()[] \n?%_") + [""])), max_size=4)


@settings(max_examples=400)
@given(data=st.data())
def test_whatever_the_engine_calls_after_mutation_the_guard_refused(canary, data):
    """Differential, on queries mutated at random where tokenizers disagree: the engine is the oracle."""
    query = data.draw(hidden(host=canary.url.removesuffix("sparql")))
    for at, char in data.draw(_MUTATIONS):
        at %= len(query) + 1
        query = query[:at] + char + query[at + (char == ""):]
    if engine_calls(query, canary):
        assert guard_catches(query, canary.url), query


@settings(max_examples=200)
@given(decoys())
def test_decoys_are_not_services(query):
    assume(valid(query))
    assert read(query).services == (), query


def test_the_issue_forms_are_found():
    """The forms reported to have slipped past the old guard, each as Oxigraph reads it."""
    for query in [
        f"SELECT * WHERE {{ SERVICESILENT<{TARGET}> {{ ?s ?p ?o }} }}",
        f"PREFIX c: <{HOST}> SELECT * WHERE {{ SERVICEc:sparql {{ ?s ?p ?o }} }}",
        f"PREFIX ex: <http://e/> SELECT * WHERE {{ BIND(ex:p\\# AS ?x) SERVICE <{TARGET}> {{ ?s ?p ?o }} }}",
        f"PREFIX ex: <http://e/> SELECT * WHERE {{ BIND(ex:a\\' AS ?o) SERVICE <{TARGET}> {{ ?s ?p ?q }} FILTER(?o != \"'\") }} # \"",
        f"SELECT * WHERE {{ BIND(\"\\u0022\" AS ?x) SERVICE <{TARGET}> {{ ?s ?p ?o }} BIND(\"\"\"x\"\"\" AS ?y) }}",
        f"PREFIX : <{HOST}> SELECT * WHERE {{ service:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p trueSERVICE <{TARGET}> {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ ?s ?p 1SERVICE <{TARGET}> {{ ?a ?b ?c }} }}",
        f"PREFIXc:<{HOST}> SELECT * WHERE {{ SERVICE c:sparql {{ ?a ?b ?c }} }}",
        f"BASE<{HOST}> SELECT * WHERE {{ SERVICE <sparql> {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER(?o<?p#>'''\n) SERVICE <{TARGET}> {{ ?a ?b ?c }} BIND('''x''' AS ?y) }}",
        f"SELECT * WHERE {{ ?s a (?x <http://x/'''#>) SERVICE <{TARGET}> {{ ?a ?b ?c }} }}",
        # found by attack after the first rewrite: Oxigraph's local names hold one run of dots only
        f"PREFIX ex: <http://e/> SELECT * WHERE {{ ?s a ex:a.b.SERVICE<{TARGET}>{{ }} }}",
        f"PREFIX w: <http://www.> SELECT ?s WHERE {{ ?s a w:w3.org\\/2004\\/02\\/skos\\/core\\#Concept.SERVICE <{TARGET}>{{ }} }} LIMIT 1",
    ]:
        assert valid(query), query
        assert TARGET in read(query).services, query
