"""``ungakg push``: send the published dataset to another SPARQL 1.1 store, graph by graph.

How it goes:

1. **Read the store's state**: the push ledger graph (``{base}graph/push-ledger``),
   where earlier pushes recorded ``<graph> unga:contentDigest "sha256:..."`` for
   each graph they sent, and the number of triples in each of our graphs now.
2. **Send what changed.** A graph is sent unless the ledger records its current
   content digest *and* the store holds the published number of triples in it
   (so a graph emptied or damaged in the store since is sent again). Through the
   Graph Store Protocol, each graph is one ``PUT`` that replaces it; through
   SPARQL Update, ``DROP SILENT GRAPH`` then ``INSERT DATA`` in batches of at most
   ``batch`` triples (small graphs share a request, a large one takes several).
   Either way a second push leaves the same triples: it is idempotent.
3. **Record** each graph sent in the ledger as it goes (every few seconds), so an
   interrupted push resumes where it stopped: what was recorded is not sent again,
   what was not is sent again whole.
4. **Remove** graphs that an earlier push sent and that are no longer published.
5. **Rewrite the ledger** to hold exactly the graphs now current.
6. **Check** that every graph's triple count in the store equals the published one
   (counted again when anything was sent or removed; else step 1's counts stand).

Nothing here touches graphs that are not under the dataset's base IRI.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from mapper.errors import RemoteError
from mapper.publish.readback import NamedGraph, base_of, read_graphs
from mapper.rdf.iris import Iris
from mapper.rdf.namespaces import UNGA
from mapper.remote.client import Remote

FLUSH_SECONDS = 5.0
FLUSH_GRAPHS = 500
ABORT_STATUS = frozenset({401, 403, 404, 405})  # the store refuses us, not one graph: stop at once
ABORT_AFTER = 5  # failures in a row
COUNT_PAGE = 10_000  # graphs counted in one answer


@dataclass(frozen=True, slots=True)
class StoreState:
    digests: dict[str, frozenset[str]]  # graph -> digests the ledger records for it
    counts: dict[str, int]              # graph -> triples the store holds in it

    def current(self, graph: NamedGraph) -> bool:
        return graph.digest in self.digests.get(graph.iri, ()) and self.counts.get(graph.iri) == graph.triples


Via = Literal["store", "update"]  # the Graph Store Protocol, or SPARQL Update


@dataclass
class Report:
    endpoints: str
    via: Via
    published: int = 0
    sent: list[str] = field(default_factory=list)
    triples_sent: int = 0
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    mismatched: dict[str, tuple[int, int | None]] = field(default_factory=dict)  # graph -> (published, in the store)
    seconds: float = 0.0
    aborted: str | None = None

    @property
    def ok(self) -> bool:
        return not self.failed and not self.mismatched and not self.aborted


class Push:
    """One push of ``published`` into the store behind ``remote``."""

    def __init__(self, published: Path, remote: Remote, *, via: Via | None = None, jobs: int = 2, batch: int = 1_000,
                 full: bool = False, progress: Callable[[int, int, Report], None] | None = None):
        self.published = published
        self.remote = remote
        self.iris = Iris(base_of(published / "void.ttl"))
        self.ledger = self.iris.push_ledger()
        self.prefix = f"{self.iris.base}graph/"
        endpoints = remote.endpoints
        self.via: Via = via or ("store" if endpoints.store else "update")
        if self.via == "store" and not endpoints.store:
            raise RemoteError("--via store: no Graph Store endpoint; give --store")
        if self.via == "update" and not endpoints.update:
            raise RemoteError("--via update: no SPARQL Update endpoint; give --update")
        self.jobs = jobs
        self.batch = batch
        self.full = full
        self.progress = progress
        where = endpoints.store if self.via == "store" else endpoints.update
        self.report = Report(endpoints=f"{where} ({'Graph Store Protocol' if self.via == 'store' else 'SPARQL Update'}, {endpoints.found})",
                             via=self.via)

    # -- the store's state -----------------------------------------------------------

    def state(self) -> StoreState:
        digests = {
            row["g"]: frozenset(row["d"].split())
            for row in self.remote.select_all(
                f"SELECT ?g (GROUP_CONCAT(?d; separator=\" \") AS ?d) WHERE {{ GRAPH <{self.ledger}> {{ ?g <{UNGA.contentDigest.value}> ?d }} #AFTER }} "
                "GROUP BY ?g", key="g")
        }
        return StoreState(digests, self.counts())

    def counts(self) -> dict[str, int]:
        """How many triples the store holds in each graph under the dataset's base.

        One GROUP BY, read in pages of 10,000 graphs (a store caps its answers;
        Virtuoso at 10,000 rows). Counting graphs by name instead (VALUES) was
        tried: Virtuoso's plans for it vary from 4 ms to 300 ms a graph.
        """
        rows = self.remote.select_all(
            f'SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{self.prefix}")) #AFTER }} GROUP BY ?g',
            key="g", page=COUNT_PAGE)
        return {row["g"]: int(row["n"]) for row in rows if row["g"] != self.ledger}

    # -- the push ------------------------------------------------------------------------

    def run(self) -> Report:
        started = time.monotonic()
        report = self.report
        state = StoreState({}, {}) if self.full else self.state()
        published: dict[str, int] = {}  # graph -> its triple count
        ledger = _Ledger(self)
        with ThreadPoolExecutor(self.jobs, thread_name_prefix="push") as pool:
            sending = _Sending(self, pool, ledger)
            try:
                for unit in self._units(self._read(published), state, published, ledger.current):
                    sending.wait_for_room()
                    if report.aborted:
                        break
                    sending.submit(unit)
                sending.finish()
            finally:
                sending.cancel()
                sending.finish()  # the units already on their way end, so that what reached the store is recorded
                ledger.flush(force=True)  # even when interrupted: what was sent is recorded
        report.published = len(published)
        if report.aborted:
            report.seconds = time.monotonic() - started
            return report
        for graph in self._unpublished(state, published):
            self._drop(graph)
            report.removed.append(graph)
        self._rewrite_ledger(ledger.current)
        # The check, over every graph: counted again if anything changed, else the counts of step 1 stand.
        counts = self.counts() if report.sent or report.removed or self.full else state.counts
        for graph, expected in published.items():
            if graph not in report.failed and counts.get(graph) != expected:
                report.mismatched[graph] = (expected, counts.get(graph))
        for graph in report.removed:
            if graph in counts:
                report.mismatched[graph] = (0, counts[graph])
        report.seconds = time.monotonic() - started
        return report

    def plan(self) -> Report:
        """What ``run()`` would send and remove, changing nothing in the store (``--dry-run``)."""
        started = time.monotonic()
        report = self.report
        state = StoreState({}, {}) if self.full else self.state()
        published: dict[str, int] = {}
        for unit in self._units(self._read(published), state, published, {}):
            report.sent += [g.iri for g in unit]
            report.triples_sent += sum(g.triples for g in unit)
        report.published = len(published)
        report.removed = self._unpublished(state, published)
        report.seconds = time.monotonic() - started
        return report

    def _read(self, published: dict[str, int]) -> Iterator[NamedGraph]:
        """The published graphs, telling ``progress`` how far the reading got and how many graphs it has seen."""
        def position(read: int) -> None:
            if self.progress:
                self.progress(read, len(published), self.report)

        return read_graphs(self.published, position)

    def _unpublished(self, state: StoreState, published: dict[str, int]) -> list[str]:
        """Graphs an earlier push sent (the ledger names them) that are no longer published."""
        return sorted(g for g in set(state.digests) - set(published) - {self.ledger} if g.startswith(self.prefix))

    def _units(self, graphs: Iterable[NamedGraph], state: StoreState, published: dict[str, int], recorded: dict[str, str]) -> Iterator[list[NamedGraph]]:
        """What to send, in units of work: one graph each for the Graph Store; small graphs together for Update."""
        pending: list[NamedGraph] = []
        size = 0
        for graph in graphs:
            published[graph.iri] = graph.triples
            if state.current(graph):
                self.report.unchanged += 1
                recorded[graph.iri] = graph.digest
                continue
            if self.via == "store":
                yield [graph]
                continue
            if pending and size + graph.triples > self.batch:
                yield pending
                pending, size = [], 0
            pending.append(graph)
            size += graph.triples
        if pending:
            yield pending

    def _send(self, graphs: list[NamedGraph]) -> None:
        if self.via == "store":
            (graph,) = graphs
            self.remote.put(graph.iri, graph.ntriples, what=f"graph <{graph.iri}>")
            return
        for text in update_requests(graphs, self.batch):
            self.remote.update(text, what=f"graph{'s' if len(graphs) > 1 else ''} <{graphs[0].iri}>" + (f" and {len(graphs) - 1} more" if len(graphs) > 1 else ""))

    def _drop(self, graph: str) -> None:
        if self.via == "store":
            self.remote.delete(graph, what=f"removing graph <{graph}>")
        else:
            self.remote.update(f"DROP SILENT GRAPH <{graph}>", what=f"removing graph <{graph}>")

    def _append_ledger(self, entries: list[tuple[str, str]]) -> None:
        body = ledger_ntriples(entries)
        if self.via == "store":
            self.remote.post(self.ledger, body, what="recording in the push ledger")
        else:
            self.remote.update(f"INSERT DATA {{ GRAPH <{self.ledger}> {{\n{body.decode()}}} }}", what="recording in the push ledger")

    def _rewrite_ledger(self, recorded: dict[str, str]) -> None:
        body = ledger_ntriples(sorted(recorded.items()))
        if self.via == "store":
            self.remote.put(self.ledger, body, what="rewriting the push ledger")
            return
        for text in update_requests([NamedGraph(self.ledger, body)], self.batch):
            self.remote.update(text, what="rewriting the push ledger")


class _Ledger:
    """The push ledger as the push goes: graphs sent but not yet recorded in the store, and every current digest."""

    def __init__(self, push: Push):
        self.push = push
        self.unrecorded: list[tuple[str, str]] = []  # (graph, digest) sent, not yet in the store's ledger
        self.current: dict[str, str] = {}  # graph -> the digest the store now holds (sent or unchanged)
        self.flushed = time.monotonic()

    def sent(self, graph: NamedGraph) -> None:
        self.unrecorded.append((graph.iri, graph.digest))
        self.current[graph.iri] = graph.digest

    def flush(self, force: bool = False) -> None:
        """Record what was sent, every FLUSH_GRAPHS graphs or FLUSH_SECONDS (or now, with ``force``)."""
        due = len(self.unrecorded) >= FLUSH_GRAPHS or time.monotonic() - self.flushed > FLUSH_SECONDS
        if self.unrecorded and (force or due):
            self.push._append_ledger(self.unrecorded)
            self.unrecorded = []
            self.flushed = time.monotonic()


class _Sending:
    """Units of work in flight on the push's threads, settled as they finish; a push aborts on a fatal answer."""

    def __init__(self, push: Push, pool: ThreadPoolExecutor, ledger: _Ledger):
        self.push = push
        self.pool = pool
        self.ledger = ledger
        self.report = push.report
        self.running: dict[Future, list[NamedGraph]] = {}
        self.failures_in_a_row = 0

    def wait_for_room(self) -> None:
        """At most two units per thread in flight: the reading waits for the sending."""
        while len(self.running) >= 2 * self.push.jobs:
            self.settle(block=True)

    def submit(self, unit: list[NamedGraph]) -> None:
        self.running[self.pool.submit(self.push._send, unit)] = unit
        self.settle(block=False)

    def finish(self) -> None:
        while self.running:
            self.settle(block=True)

    def cancel(self) -> None:
        """Cancel the units not started yet; those running go on to their end."""
        for future in self.running:
            future.cancel()

    def settle(self, block: bool) -> None:
        """Take the units that finished into the report and the ledger (waiting for one if ``block``)."""
        finished, _ = wait(self.running, return_when=FIRST_COMPLETED, timeout=None if block else 0)
        for future in finished:
            graphs = self.running.pop(future)
            if future.cancelled():
                continue  # never sent: the next push sends it
            error = future.exception()
            if error is None:
                self.failures_in_a_row = 0
                for g in graphs:
                    self.report.sent.append(g.iri)
                    self.report.triples_sent += g.triples
                    self.ledger.sent(g)
                continue
            self.failures_in_a_row += 1
            message = str(error) if isinstance(error, RemoteError) else f"{type(error).__name__}: {error}"
            for g in graphs:
                self.report.failed[g.iri] = message
            if (isinstance(error, RemoteError) and error.status in ABORT_STATUS) or self.failures_in_a_row >= ABORT_AFTER:
                self.report.aborted = message
        self.ledger.flush()


def update_requests(graphs: list[NamedGraph], batch: int) -> Iterator[str]:
    """SPARQL Update requests that replace ``graphs`` in a store: each graph dropped, then inserted in chunks of ``batch`` triples.

    The graphs of one call go in order; a graph larger than ``batch`` takes several
    requests, the first of which drops it.
    """
    parts: list[str] = []
    size = 0
    for graph in graphs:
        lines = graph.ntriples.decode().splitlines(keepends=True)
        parts.append(f"DROP SILENT GRAPH <{graph.iri}>")
        for start in range(0, max(len(lines), 1), batch):
            chunk = lines[start:start + batch]
            if parts and size + len(chunk) > batch:
                yield " ;\n".join(parts)
                parts, size = [], 0
            if chunk:
                parts.append(f"INSERT DATA {{ GRAPH <{graph.iri}> {{\n{''.join(chunk)}}} }}")
                size += len(chunk)
    if parts:
        yield " ;\n".join(parts)


def ledger_ntriples(entries: Iterable[tuple[str, str]]) -> bytes:
    predicate = UNGA.contentDigest.value
    return "".join(f'<{graph}> <{predicate}> "{digest}" .\n' for graph, digest in entries).encode()
