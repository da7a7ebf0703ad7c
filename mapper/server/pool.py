"""Queries run in worker processes, so that a time limit stops the work, not only the wait.

Each worker confines itself first (``sandbox.confine``: no network, or only the
allowed SERVICE targets), then opens the store read-only and answers one job at
a time: it runs the query, cuts the result at the row cap and serializes it.

The server shares the workers fairly (``QueryPool``):

- one client address runs at most ``per_client`` queries at once, so a client
  sending slow queries keeps the other workers free for everyone else;
- waiting clients are served in turn, one query each, not in arrival order;
- at most ``queue`` queries wait (and one client at most a quarter of them),
  each for at most ``queue_wait`` seconds; past that, 503 with ``Retry-After`` at once;
- a query still running at its time limit has its worker killed (SIGKILL: the
  CPU and memory are freed at once) and a fresh worker, forked from a
  fork server that has the libraries loaded, takes its place;
- a query whose client went away is cancelled by the server (``app.py`` watches
  the connection), which kills its worker the same way;
- a client whose query crashed a worker is refused for ``penalty`` seconds
  (429): a crash costs the client that caused it, not the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import pickle
import select
import socket
import struct
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from mapper.errors import NotXml, QueryFailed
from mapper.publish.search import INDEX
from mapper.rdf.namespaces import PREFIXES
from mapper.rdf.terms import serialized
from mapper.server.results import WRITERS, Row, check_rdf_xml, well_formed
from mapper.server.sandbox import Confinement, Forwarder, confine
from mapper.server.search import Functions, Index

log = logging.getLogger("ungakg.server")


@dataclass(frozen=True, slots=True)
class Job:
    query: str
    media_type: str
    base_iri: str | None = None  # relative IRIs in the query resolve against the endpoint's IRI
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    row_cap: int = 10_000


@dataclass(frozen=True, slots=True)
class QueryOutput:
    body: bytes
    media_type: str
    rows: int  # solutions or triples written (0 for ASK)
    truncated: bool = False
    seconds: float = 0.0


# -- in the worker ------------------------------------------------------------------


def _dataset(job: Job) -> dict:
    kwargs = {}
    if job.default_graphs or job.named_graphs:
        # the protocol's dataset replaces the query's FROM and FROM NAMED, and the store's default graph
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    return kwargs


def execute(store: ox.Store, job: Job, index: Index | None = None) -> QueryOutput:
    """Run ``job`` on ``store``: the answer, or QueryFailed for the client's mistakes.
    The search index, if given, answers the query's ``search:`` functions."""
    started = time.perf_counter()
    try:
        result = store.query(job.query, base_iri=job.base_iri, custom_functions=Functions(index).table(), **_dataset(job))
    except SyntaxError as e:
        raise QueryFailed(400, f"syntax error: {e}") from None
    except ValueError as e:  # a graph IRI that is not an IRI
        raise QueryFailed(400, str(e)) from None
    if isinstance(result, ox.QueryBoolean):
        fmt = ox.QueryResultsFormat.from_media_type(job.media_type)
        if fmt is None:
            raise QueryFailed(406, f"an ASK result cannot be given as {job.media_type}")
        body = result.serialize(format=fmt)
        assert body is not None  # written to bytes: no output given
        return QueryOutput(body, job.media_type, 0, seconds=time.perf_counter() - started)
    if isinstance(result, ox.QuerySolutions):
        writer = WRITERS.get(job.media_type)
        if writer is None:
            raise QueryFailed(406, f"SELECT results cannot be given as {job.media_type}")
        variables = [v.value for v in result.variables]
        rows: list[Row] = [tuple(solution) for solution in islice(result, job.row_cap + 1)]
        truncated = len(rows) > job.row_cap
        rows = rows[: job.row_cap]
        try:
            body = writer(variables, rows)
        except NotXml as e:
            raise QueryFailed(406, str(e)) from None
        return QueryOutput(body, job.media_type, len(rows), truncated, time.perf_counter() - started)
    graph_format = ox.RdfFormat.from_media_type(job.media_type)
    if graph_format is None:
        raise QueryFailed(406, f"CONSTRUCT and DESCRIBE results cannot be given as {job.media_type}")
    triples = list(islice(result, job.row_cap + 1))
    truncated = len(triples) > job.row_cap
    triples = triples[: job.row_cap]
    if graph_format == ox.RdfFormat.RDF_XML:
        try:
            check_rdf_xml(triples)
        except NotXml as e:
            raise QueryFailed(406, str(e)) from None
    prefixes = PREFIXES if graph_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML) else None
    body = serialized(triples, graph_format, prefixes)
    if graph_format == ox.RdfFormat.RDF_XML:
        try:
            well_formed(body)  # pyoxigraph's writer splits names by rules of its own: the document itself decides
        except NotXml as e:
            raise QueryFailed(406, str(e)) from None
    return QueryOutput(body, job.media_type, len(triples), truncated, time.perf_counter() - started)


def _serve(store_path: str, conn, confinement: Confinement, server: int) -> None:
    """A worker's life: confine itself, open the store, hand over its listeners, answer jobs until the pipe closes
    or the server process ``server`` ends (a worker never outlives its server, even one that was killed)."""
    _die_with(server)
    try:
        listeners, problem = confine(confinement), ""
    except Exception as e:
        listeners, problem = [], f"cannot confine the query worker: {e}"
    with socket.socket(fileno=os.dup(conn.fileno())) as raw:
        socket.send_fds(raw, [b"L"], [s.fileno() for s in listeners])
    for s in listeners:
        s.close()
    if problem:
        conn.send(problem)
        return
    store = ox.Store.read_only(store_path)
    index_path = Path(store_path).parent / INDEX
    index = Index(index_path) if index_path.is_dir() else None
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        try:
            conn.send(execute(store, job, index))
        except QueryFailed as e:
            conn.send(e)
        except RuntimeError as e:  # pyoxigraph's evaluation errors are about the query ("custom function <x> is not supported")
            conn.send(QueryFailed(400, f"the query cannot be evaluated: {e}"))
        except OSError:  # a SERVICE call that failed, or the store: no details, they may name the host's files
            conn.send(QueryFailed(502, "the query failed while reading an outside SERVICE endpoint or the store"))
        except Exception as e:
            conn.send(QueryFailed(500, f"internal error ({type(e).__name__}) while answering the query"))


def _die_with(server: int) -> None:
    """End this process when ``server`` ends: a thread waits on its pidfd (the fork server is our parent, not it)."""
    try:
        fd = os.pidfd_open(server)
    except (AttributeError, OSError):  # not Linux 5.3+: the fork server still ends us when the server goes
        return

    def wait() -> None:
        select.select([fd], [], [])
        os._exit(1)

    threading.Thread(target=wait, daemon=True, name="ungakg-server-watch").start()


# -- in the server ------------------------------------------------------------------


class _Worker:
    """A worker process and the server's end of its pipe, read and written by asyncio.

    The pipe is a socket pair; the worker uses multiprocessing's blocking Connection,
    the server the same framing (a 4-byte length, then the pickle) on asyncio streams:
    no thread hop and no GIL hand-off per query. A worker with SERVICE targets first
    hands over the sockets it listens on inside its namespace (``sandbox``).
    """

    def __init__(self, store_path: str, context, confinement: Confinement):
        conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(store_path, child, confinement, os.getpid()), daemon=True, name="ungakg-query")
        self.process.start()
        child.close()
        self.listeners: list[socket.socket] = []
        self.forwarders: list[Forwarder] = []
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.socket = socket.socket(fileno=os.dup(conn.fileno()))
        try:
            self.socket.settimeout(60)
            _, fds, _, _ = socket.recv_fds(self.socket, 1, 16)
            self.listeners = [socket.socket(fileno=fd) for fd in fds]
            self.socket.settimeout(None)
            hello = conn.recv() if conn.poll(60) else "no answer in 60 s"
        except (OSError, EOFError) as e:
            hello = f"it stopped ({type(e).__name__} {e}; exit code {self.process.exitcode})"
        conn.close()
        if hello != "ready":
            self.kill()
            raise RuntimeError(f"a query worker did not start: {hello}")

    async def connect(self, confinement: Confinement, timeout: float) -> _Worker:
        self.reader, self.writer = await asyncio.open_connection(sock=self.socket)
        for target, listener in zip(confinement.targets, self.listeners, strict=True):
            forwarder = Forwarder(target, timeout)
            await forwarder.attach(listener)
            self.forwarders.append(forwarder)
        return self

    async def send(self, job: Job) -> None:
        data = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        assert self.writer is not None  # connected
        self.writer.write(struct.pack("!i", len(data)) + data)
        await self.writer.drain()

    async def receive(self):
        assert self.reader is not None  # connected
        (size,) = struct.unpack("!i", await self.reader.readexactly(4))
        if size == -1:  # multiprocessing's header for messages over 2 GiB
            (size,) = struct.unpack("!Q", await self.reader.readexactly(8))
        return pickle.loads(await self.reader.readexactly(size))

    def stop(self) -> None:
        """Kill the process and wait for it; safe in any thread (the pipe is closed by ``close``, in the loop)."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)

    def close(self) -> None:
        """Close the pipe and the forwarders; in the event loop's thread only (uvloop's transports are not thread-safe)."""
        for forwarder in self.forwarders:
            forwarder.close()
        for listener in self.listeners:
            listener.close()
        if self.writer is not None:
            self.writer.close()
        else:
            self.socket.close()

    def kill(self) -> None:
        self.stop()
        self.close()


class QueryPool:
    """The workers, shared fairly among client addresses (see the module docstring)."""

    def __init__(self, store_path: str, size: int = 2, queue: int = 32, timeout: float = 10.0, *,
                 queue_wait: float = 5.0, per_client: int | None = None, penalty: float = 10.0,
                 confinement: Confinement | None = None):
        self.store_path = store_path
        self.size = size
        self.queue = queue
        self.timeout = timeout
        self.queue_wait = queue_wait
        self.per_client = per_client or max(1, size // 2)
        self.per_client_waiting = max(1, queue // 4)
        self.penalty = penalty
        self.confinement = confinement or Confinement()
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload([__name__])
        self._idle: list[_Worker] = []
        self._workers: set[_Worker] = set()
        self._waiting: dict[str, deque[asyncio.Future]] = {}  # per client, in arrival order
        self._turns: deque[str] = deque()  # clients with queries waiting, served in turn
        self._running: Counter[str] = Counter()
        self._penalized: dict[str, float] = {}  # client -> monotonic time its penalty ends

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        workers = await asyncio.gather(*(loop.run_in_executor(None, _Worker, self.store_path, self._context, self.confinement)
                                         for _ in range(self.size)))
        for w in workers:
            self._workers.add(await w.connect(self.confinement, self.timeout))
            self._idle.append(w)

    async def close(self) -> None:
        for w in list(self._workers):
            w.kill()
        self._workers.clear()
        self._idle.clear()

    # -- scheduling ----------------------------------------------------------------

    def _waiters(self) -> int:
        return sum(len(q) for q in self._waiting.values())

    def _dispatch(self) -> None:
        """Give idle workers to waiting clients, one query per client in turn, each within its share."""
        for _ in range(len(self._turns)):
            if not self._idle or not self._turns:
                return
            client = self._turns[0]
            self._turns.rotate(-1)
            if self._running[client] >= self.per_client:
                continue
            waiting = self._waiting[client]
            self._running[client] += 1
            waiting.popleft().set_result(self._idle.pop())
            if not waiting:
                del self._waiting[client]
                self._turns.remove(client)

    async def _acquire(self, client: str) -> _Worker:
        if self._penalized.get(client, 0) > time.monotonic():
            raise QueryFailed(429, "an earlier query from this address crashed its worker; wait before sending more",
                              retry_after=max(1, round(self._penalized[client] - time.monotonic())))
        if self._idle and not self._turns and self._running[client] < self.per_client:
            self._running[client] += 1
            return self._idle.pop()
        if self._waiters() >= self.queue:
            raise QueryFailed(503, f"the endpoint is busy ({self.size} queries running, {self.queue} waiting); try again shortly", retry_after=1)
        if len(self._waiting.get(client, ())) >= self.per_client_waiting:
            raise QueryFailed(503, f"the endpoint is busy with this address's queries ({self.per_client} running, "
                                   f"{self.per_client_waiting} waiting, the most one address may have); wait for them first", retry_after=1)
        future: asyncio.Future[_Worker] = asyncio.get_running_loop().create_future()
        if client not in self._waiting:
            self._waiting[client] = deque()
            self._turns.append(client)
        self._waiting[client].append(future)
        self._dispatch()
        try:
            return await asyncio.wait_for(asyncio.shield(future), timeout=self.queue_wait)
        except (TimeoutError, asyncio.CancelledError) as e:
            if future.done() and not future.cancelled():  # given a worker just as the wait ended: give it back
                self._release(future.result(), client)
            else:
                future.cancel()
                self._forget(client, future)
                self._dispatch()
            if isinstance(e, asyncio.CancelledError):
                raise
            raise QueryFailed(503, f"the endpoint is busy: no query slot freed within {self.queue_wait:g} s; try again shortly",
                              retry_after=2) from None

    def _forget(self, client: str, future: asyncio.Future) -> None:
        """A wait given up: the future leaves its client's line, and the client the turns if it has none left."""
        waiting = self._waiting.get(client)
        if waiting is None:
            return
        with contextlib.suppress(ValueError):
            waiting.remove(future)
        if not waiting:
            del self._waiting[client]
            self._turns.remove(client)

    def _release(self, worker: _Worker | None, client: str) -> None:
        self._running[client] -= 1
        if self._running[client] <= 0:
            del self._running[client]
        if worker is not None:
            self._idle.append(worker)
        self._dispatch()

    async def _replace(self, worker: _Worker) -> None:
        self._workers.discard(worker)
        loop = asyncio.get_running_loop()
        worker.close()
        await loop.run_in_executor(None, worker.stop)
        try:
            fresh = await (await loop.run_in_executor(None, _Worker, self.store_path, self._context, self.confinement)).connect(self.confinement, self.timeout)
        except RuntimeError:
            log.exception("a query worker could not be replaced; %d remain", len(self._workers))
            return
        self._workers.add(fresh)
        self._idle.append(fresh)
        self._dispatch()

    def _retire(self, worker: _Worker, client: str) -> None:
        """The worker is in an unknown state (stopped, crashed, abandoned): replace it, and free the client's slot."""
        self._release(None, client)
        asyncio.get_running_loop().create_task(self._replace(worker))

    async def run(self, job: Job, client: str = "") -> QueryOutput:
        worker = await self._acquire(client)
        try:
            await worker.send(job)
            reply = await asyncio.wait_for(worker.receive(), timeout=self.timeout)
        except TimeoutError:
            self._retire(worker, client)
            raise QueryFailed(503, f"the query was stopped at the time limit of {self.timeout:g} s; "
                                   "narrow it (a LIMIT, fewer OPTIONALs, a more selective pattern) and try again") from None
        except (asyncio.IncompleteReadError, OSError):  # the worker died under the query (memory, a crash)
            log.warning("a query worker died (exit code %s) under a query from %s: %.200s", worker.process.exitcode, client or "?", job.query)
            self._penalized[client] = time.monotonic() + self.penalty
            self._retire(worker, client)
            raise QueryFailed(500, "the query stopped its worker (out of memory, or too deep?); narrow it and try again") from None
        except BaseException:  # cancelled (the client went away) or anything else: the worker's state is unknown
            self._retire(worker, client)
            raise
        self._release(worker, client)
        if isinstance(reply, QueryFailed):
            raise reply
        return reply
