"""The guard against the engine: SERVICE hidden by the fuzzer in random valid queries, Oxigraph as the oracle.

Oxigraph runs each query on a small store; a canary HTTP server on loopback is
the query's SERVICE target, and hears whether the engine called it. Whenever
the engine calls, the guard must have found the target (or refused the query).
The fuzzer is ``tests/support/sparql_fuzz.py``.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.canary import Canary
from tests.support.sparql_fuzz import engine_calls, guard_catches, hidden


@pytest.fixture(scope="module")
def canary():
    c = Canary()
    yield c
    c.close()


def test_the_guard_finds_every_service_the_engine_calls(canary):
    """Whenever the engine calls out, the guard found the target; and most generated queries do make it call."""
    called: list[bool] = []

    @settings(max_examples=400)
    @given(data=st.data())
    def each(data):
        query = data.draw(hidden(host=canary.url.removesuffix("sparql")))
        hit = engine_calls(query, canary)
        called.append(hit)
        if hit:
            assert guard_catches(query, canary.url), query

    each()
    # The property above is not vacuous: the fuzzer reaches the engine (in this test, whatever ran before it).
    assert len(called) >= 100 and sum(called) / len(called) > 0.5, (sum(called), len(called))


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


