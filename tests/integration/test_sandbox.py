"""The query workers' confinement, tested without the guard: jobs go straight to the pool.

The guard refuses SERVICE calls off the allow-list; these tests show that a
guard mistake still reaches nothing. A real worker pool (real processes,
confined as in production) gets SERVICE queries the guard would have refused;
canary HTTP servers on loopback stand for the host's network.
"""

from __future__ import annotations

import asyncio

import pytest

from mapper.errors import QueryFailed
from mapper.publish.store import STORE, build_store
from mapper.server.pool import Job, QueryPool
from mapper.server.sandbox import Confinement, available, targets
from tests.support.canary import Canary
from tests.support.servers import copy_published

JSON = "application/sparql-results+json"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    published = copy_published(tmp_path_factory.mktemp("sandbox") / "published")
    build_store(published)
    return str(published / STORE / "db")


@pytest.fixture
def canaries():
    allowed, forbidden = Canary(), Canary()
    yield allowed, forbidden
    allowed.close()
    forbidden.close()


def run(store: str, allowed_urls: frozenset[str], queries: list[str]) -> list[object]:
    """Each query's answer (rows as JSON bytes) or QueryFailed, from a fresh confined pool."""

    async def main():
        pool = QueryPool(store, 1, 4, 5.0, confinement=Confinement(targets(allowed_urls)))
        await pool.start()
        try:
            out = []
            for q in queries:
                try:
                    out.append((await pool.run(Job(q, JSON))).body)
                except QueryFailed as e:
                    out.append(e)
            return out
        finally:
            await pool.close()

    return asyncio.run(main())


def test_with_no_service_allowed_a_worker_reaches_nothing(store, canaries):
    _, forbidden = canaries
    calls = [f"SELECT * WHERE {{ SERVICE <{forbidden.url}> {{ ?s ?p ?o }} }}",
             f"SELECT * WHERE {{ SERVICE SILENT <{forbidden.url}> {{ ?s ?p ?o }} }}",
             "SELECT * WHERE { SERVICE <http://localhost:9/x> { ?s ?p ?o } }"]
    answers = run(store, frozenset(), calls + ["ASK { ?s ?p ?o }"])
    assert isinstance(answers[0], QueryFailed) and answers[0].status == 502
    assert b"canary" not in answers[1]  # SILENT: an empty answer, the call failed
    assert isinstance(answers[2], QueryFailed)
    assert b"true" in answers[3]  # the store is read as ever
    assert forbidden.requests == []


def test_with_targets_allowed_only_they_are_reachable(store, canaries):
    allowed, forbidden = canaries
    by_name = allowed.url.replace("127.0.0.1", "localhost")  # a host name: resolved to the worker's own listener
    answers = run(store, frozenset({allowed.url, by_name}), [
        f"SELECT * WHERE {{ SERVICE <{allowed.url}> {{ ?x ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE <{by_name}> {{ ?x ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE <{forbidden.url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{forbidden.url}> {{ ?s ?p ?o }} }}",
    ])
    assert b"from the canary" in answers[0]
    assert b"from the canary" in answers[1]
    assert len(allowed.requests) == 2
    assert isinstance(answers[2], QueryFailed) and b"canary" not in answers[3]
    assert forbidden.requests == []
    # the name alone: its worker has no listener on 127.0.0.1, only on the address its /etc/hosts gives the name
    answers = run(store, frozenset({by_name}), [f"SELECT * WHERE {{ SERVICE <{by_name}> {{ ?x ?p ?o }} }}",
                                                f"SELECT * WHERE {{ SERVICE <{allowed.url}> {{ ?x ?p ?o }} }}"])
    assert b"from the canary" in answers[0] and isinstance(answers[1], QueryFailed)
    assert len(allowed.requests) == 3


def test_confinement_is_checked_before_serving():
    available(Confinement())  # seccomp: any Linux user
    available(Confinement(targets(frozenset({"http://127.0.0.1:9/sparql", "https://example.org/sparql"})), 1 << 30))  # namespaces: root here
