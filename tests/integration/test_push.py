"""``ungakg push`` into real stores: the Oxigraph server and Virtuoso, on loopback, as separate processes.

Faults (transient errors, dropped connections, refusals, damage, credentials)
come from a real HTTP proxy in front of the store (``tests/support/proxy.py``).
"""

from __future__ import annotations

import gzip
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from mapper.publish.readback import read_graphs
from mapper.rdf.iris import Iris
from tests.support.paths import ROOT
from tests.support.proxy import Faults, proxy
from tests.support.stores import graph_counts as counts
from tests.support.stores import oxigraph, virtuoso

PUBLISHED = ROOT / "published"
LEDGER = Iris().push_ledger()
VIRTUOSO_ENV = {"UNGAKG_USER": "dba", "UNGAKG_PASSWORD": "dba"}


def push(*args: str, env: dict[str, str] | None = None, published: Path = PUBLISHED, timeout: float = 300) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("UNGAKG_")}
    return subprocess.run([sys.executable, "-m", "mapper.cli", "push", "--published", str(published), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=timeout, env={**clean, **(env or {})})


def published_counts(published: Path = PUBLISHED) -> dict[str, int]:
    return {g.iri: g.triples for g in read_graphs(published)}


def quads_in(store_url: str) -> list[str]:
    """Every quad of an Oxigraph server's named graphs, as pyoxigraph writes them (the ledger aside)."""
    dump = httpx.get(store_url, headers={"Accept": "application/n-quads"}, timeout=60).content
    return sorted(str(q) for q in ox.parse(dump, format=ox.RdfFormat.N_QUADS) if q.graph_name.value != LEDGER)


def published_quads(published: Path = PUBLISHED) -> list[str]:
    store = ox.Store()  # the same datatype normalization as the server's store
    store.load(gzip.decompress((published / "ungakg.nq.gz").read_bytes()), format=ox.RdfFormat.N_QUADS)
    return sorted(str(q) for q in store)


def summary(result: subprocess.CompletedProcess) -> str:
    return next(line for line in result.stderr.splitlines() if " graphs: " in line)


def copy_published(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("ungakg.nq.gz", "void.ttl"):
        shutil.copy(PUBLISHED / name, folder / name)
    return folder


def rewrite_quads(published: Path, keep) -> None:
    """Rewrite ``published/ungakg.nq.gz`` keeping the lines for which ``keep(line)`` is true."""
    path = published / "ungakg.nq.gz"
    lines = gzip.decompress(path.read_bytes()).splitlines(keepends=True)
    with gzip.open(path, "wb") as f:
        f.writelines(line for line in lines if keep(line))


@pytest.fixture
def oxi(tmp_path):
    with oxigraph(tmp_path / "oxigraph") as store:
        yield store


@pytest.fixture(scope="module")
def virt(tmp_path_factory):
    with virtuoso(tmp_path_factory.mktemp("virtuoso")) as store:
        yield store


# -- into the Oxigraph server ------------------------------------------------------------------

@pytest.mark.needs_oxigraph_server
def test_push_through_the_graph_store_is_complete_idempotent_and_incremental(oxi):
    first = push("--endpoint", oxi.query)
    assert first.returncode == 0, first.stderr
    assert "Graph Store from Oxigraph's layout" in first.stderr
    assert summary(first).startswith(f"7 graphs: 7 sent ({sum(published_counts().values()):,} triples), 0 unchanged")
    assert "checked: every graph" in first.stderr
    assert counts(oxi.query) == published_counts()
    assert quads_in(oxi.store) == published_quads()
    second = push("--endpoint", oxi.query)
    assert second.returncode == 0 and summary(second).startswith("7 graphs: 0 sent (0 triples), 7 unchanged"), second.stderr
    full = push("--endpoint", oxi.query, "--full")
    assert full.returncode == 0 and summary(full).startswith("7 graphs: 7 sent")
    assert quads_in(oxi.store) == published_quads()  # the same triples, not twice as many


@pytest.mark.needs_oxigraph_server
def test_push_through_sparql_update_gives_the_same_triples(oxi):
    result = push("--endpoint", oxi.query, "--via", "update", "--batch", "700")
    assert result.returncode == 0, result.stderr
    assert "SPARQL Update" in result.stderr and counts(oxi.query) == published_counts()
    assert quads_in(oxi.store) == published_quads()
    again = push("--endpoint", oxi.query, "--via", "update")
    assert summary(again).startswith("7 graphs: 0 sent"), again.stderr


@pytest.mark.needs_oxigraph_server
def test_only_changed_graphs_are_sent_and_unpublished_ones_are_removed(oxi, tmp_path, published_graphs):
    assert push("--endpoint", oxi.query).returncode == 0
    published = copy_published(tmp_path / "p")
    changed = "https://w3id.org/ungakg/graph/resolution/A-RES-64-187"
    gone = "https://w3id.org/ungakg/graph/resolution/A-RES-57-295"
    seen = set()

    def keep(line: bytes) -> bool:  # one triple less in one graph, another graph no longer published
        if changed.encode() in line and changed not in seen:
            seen.add(changed)
            return False
        return gone.encode() not in line

    rewrite_quads(published, keep)
    result = push("--endpoint", oxi.query, published=published)
    assert result.returncode == 0, result.stderr
    assert summary(result).startswith(f"6 graphs: 1 sent ({published_graphs[changed].triples - 1:,} triples), 5 unchanged, 1 removed")
    assert counts(oxi.query) == published_counts(published)
    assert quads_in(oxi.store) == published_quads(published)


@pytest.mark.needs_oxigraph_server
def test_a_graph_damaged_in_the_store_is_sent_again(oxi, published_graphs):
    assert push("--endpoint", oxi.query).returncode == 0
    victim = "https://w3id.org/ungakg/graph/resolution/A-RES-60-252"
    httpx.post(oxi.update, data={"update": f"DELETE WHERE {{ GRAPH <{victim}> {{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o }} }}"}).raise_for_status()
    assert counts(oxi.query)[victim] < published_graphs[victim].triples
    result = push("--endpoint", oxi.query)
    assert summary(result).startswith(f"7 graphs: 1 sent ({published_graphs[victim].triples:,} triples), 6 unchanged"), result.stderr
    assert counts(oxi.query) == published_counts()


@pytest.mark.needs_oxigraph_server
def test_transient_failures_are_tried_again(oxi):
    root = oxi.query.rsplit("/", 1)[0]
    faults = Faults(transient=3, drops=2)
    with proxy(root, faults) as url:
        result = push("--endpoint", f"{url}/query", "--update", f"{url}/update", "--store", f"{url}/store")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("retry: ") == 5 and "503 Service Unavailable" in result.stderr
    assert counts(oxi.query) == published_counts()


@pytest.mark.needs_oxigraph_server
def test_a_permanent_refusal_names_the_graph_and_the_rest_resumes_later(oxi, published_graphs):
    root = oxi.query.rsplit("/", 1)[0]
    refused = "https://w3id.org/ungakg/graph/resolution/A-RES-67-195"
    with proxy(root, Faults(refuse_graph=refused)) as url:
        args = ("--endpoint", f"{url}/query", "--update", f"{url}/update", "--store", f"{url}/store")
        result = push(*args, "--jobs", "1")
    assert result.returncode == 1
    assert f"error: graph <{refused}>: PUT {url}/store" in result.stderr and "400" in result.stderr
    assert "this proxy refuses that graph" in result.stderr
    assert summary(result).startswith("7 graphs: 6 sent") and "1 failed" in summary(result)
    resumed = push("--endpoint", oxi.query)
    assert resumed.returncode == 0 and summary(resumed).startswith(f"7 graphs: 1 sent ({published_graphs[refused].triples:,} triples), 6 unchanged"), resumed.stderr


@pytest.mark.needs_oxigraph_server
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_an_interrupted_push_resumes_where_it_stopped(oxi, stop, published_graphs):
    root = oxi.query.rsplit("/", 1)[0]
    with proxy(root, Faults(delay=0.6)) as url:
        args = ("--endpoint", f"{url}/query", "--update", f"{url}/update", "--store", f"{url}/store", "--jobs", "1")
        clean = {k: v for k, v in os.environ.items() if not k.startswith("UNGAKG_")}
        process = subprocess.Popen([sys.executable, "-m", "mapper.cli", "push", *args], cwd=ROOT, env=clean,
                                   stderr=subprocess.PIPE, text=True,  # Ctrl+C as at a terminal, even when started in the background
                                   preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # noqa: PLW1509 (it only restores one signal's default)
        time.sleep(3.5)  # start-up, then a few graphs at 0.6 s each
        process.send_signal(stop)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "run the same command again to resume" in err
    in_store = len([g for g, n in counts(oxi.query).items() if n == published_graphs[g].triples])
    recorded = int(httpx.post(oxi.query, data={"query": f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{LEDGER}> {{ ?g ?p ?d }} }}"},
                              headers={"Accept": "text/csv"}).text.split()[1])
    # what reached the store is recorded: the units on their way at the interrupt end first (those not started are cancelled)
    assert 1 <= recorded == in_store < 6, (recorded, in_store)
    resumed = push("--endpoint", oxi.query)
    assert resumed.returncode == 0, resumed.stderr
    assert summary(resumed).startswith(f"7 graphs: {7 - recorded} sent"), (recorded, resumed.stderr)
    assert counts(oxi.query) == published_counts()


@pytest.mark.needs_oxigraph_server
def test_a_count_that_differs_in_the_store_fails_the_check(oxi, published_graphs):
    root = oxi.query.rsplit("/", 1)[0]
    damaged = "https://w3id.org/ungakg/graph/resolution/A-RES-78-132"
    with proxy(root, Faults(damage_graph=damaged)) as url:
        result = push("--endpoint", f"{url}/query", "--update", f"{url}/update", "--store", f"{url}/store")
    assert result.returncode == 1
    n = published_graphs[damaged].triples
    assert f"error: graph <{damaged}>: the store holds {n - 1} triples, published {n}" in result.stderr
    assert "checked: every graph" not in result.stderr


@pytest.mark.needs_oxigraph_server
@pytest.mark.parametrize("scheme", ["basic", "bearer"])
def test_credentials_are_sent_as_the_store_asks(oxi, scheme):
    root = oxi.query.rsplit("/", 1)[0]
    faults = Faults(user="ann", password="pa:ss w0rd") if scheme == "basic" else Faults(token="t0k3n")
    env = {"UNGAKG_USER": "ann", "UNGAKG_PASSWORD": "pa:ss w0rd"} if scheme == "basic" else {"UNGAKG_TOKEN": "t0k3n"}
    with proxy(root, faults) as url:
        args = ("--endpoint", f"{url}/query", "--update", f"{url}/update", "--store", f"{url}/store")
        refused = push(*args)
        assert refused.returncode == 1 and "401" in refused.stderr
        accepted = push(*args, env=env)
    assert accepted.returncode == 0, accepted.stderr
    assert counts(oxi.query) == published_counts()


def test_a_password_is_asked_at_a_terminal_only_and_never_taken_from_argv():
    result = push("--endpoint", "http://127.0.0.1:9/query", "--store", "http://127.0.0.1:9/store", "--update", "http://127.0.0.1:9/update",
                  env={"UNGAKG_USER": "ann"})  # no terminal here to ask at
    assert result.returncode == 1 and "UNGAKG_PASSWORD is not" in result.stderr
    assert "--password" not in push("--help").stdout and "--token" not in push("--help").stdout


def test_an_unreachable_store_is_a_clear_error():
    result = push("--endpoint", "http://127.0.0.1:9/sparql", "--retries", "1")
    assert result.returncode == 1
    assert "error: cannot reach http://127.0.0.1:9/sparql: ConnectError" in result.stderr


# -- into Virtuoso ----------------------------------------------------------------------------

@pytest.mark.needs_virtuoso
@pytest.mark.parametrize("via", ["store", "update"])
def test_push_into_virtuoso_with_digest_authentication(virt, via):
    first = push("--endpoint", virt.query, "--via", via, "--full", env=VIRTUOSO_ENV)
    assert first.returncode == 0, first.stderr
    assert "from Virtuoso's layout" in first.stderr
    assert counts(virt.query) == published_counts()
    again = push("--endpoint", virt.query, "--via", via, env=VIRTUOSO_ENV)
    assert again.returncode == 0 and summary(again).startswith("7 graphs: 0 sent"), again.stderr
    assert counts(virt.query) == published_counts()


@pytest.mark.needs_virtuoso
def test_virtuoso_without_credentials_says_which_to_set(virt):
    result = push("--endpoint", virt.query, "--full")
    assert result.returncode == 1
    assert "401" in result.stderr


def test_a_read_only_endpoint_is_refused_clearly(tmp_path):
    from tests.support.servers import serve

    with serve(PUBLISHED) as url:
        found_nothing = push("--endpoint", f"{url}/sparql")
        assert found_nothing.returncode == 1
        assert "found no update or Graph Store endpoint" in found_nothing.stderr and "give --update or --store" in found_nothing.stderr
        read_only = push("--endpoint", f"{url}/sparql", "--store", f"{url}/store")
    assert read_only.returncode == 1
    assert "405 Method Not Allowed" in read_only.stderr and "error: stopped:" in read_only.stderr


@pytest.mark.needs_oxigraph_server
def test_the_ledger_is_rewritten_in_batches_through_sparql_update(oxi):
    from mapper.remote.client import Endpoints, Remote
    from mapper.remote.push import Push

    with Remote(Endpoints(oxi.query, oxi.update, None)) as remote:
        push_ = Push(PUBLISHED, remote, batch=2)
        assert push_.via == "update"
        entries = {f"https://w3id.org/ungakg/graph/resolution/A-RES-1-{i}": f"sha256:{i:064x}" for i in range(5)}
        push_._rewrite_ledger(entries)
        push_._rewrite_ledger(dict(list(entries.items())[:3]))  # replaces, never adds
        state = push_.state()
    assert {g: set(d) for g, d in state.digests.items()} == {g: {d} for g, d in list(entries.items())[:3]}


@pytest.mark.needs_oxigraph_server
def test_a_dry_run_lists_what_would_change_and_changes_nothing(oxi, tmp_path, published_graphs):
    assert push("--endpoint", oxi.query).returncode == 0
    published = copy_published(tmp_path / "p")
    changed, gone = "https://w3id.org/ungakg/graph/resolution/A-RES-78-132", "https://w3id.org/ungakg/graph/resolution/A-RES-60-252"
    dropped = []  # the first triple of one graph, and every triple of another

    def keep(line: bytes) -> bool:
        if changed.encode() in line and not dropped:
            dropped.append(line)
            return False
        return gone.encode() not in line

    rewrite_quads(published, keep)
    before = quads_in(oxi.store)
    dry = push("--endpoint", oxi.query, "--dry-run", published=published)
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout == f"send\t{changed}\nremove\t{gone}\n"
    assert f"6 graphs: 1 to send ({published_graphs[changed].triples - 1:,} triples), 5 unchanged, 1 to remove; a dry run" in dry.stderr
    assert quads_in(oxi.store) == before
