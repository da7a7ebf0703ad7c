"""Queries run in worker processes, so that a time limit stops the work, not only the wait.

Each worker opens the store read-only and answers one job at a time: it runs
the query, cuts the result at the row cap and serializes it. The server
keeps at most ``size`` queries running and ``queue`` waiting; past that it
answers 503 at once. A query still running at its time limit has its worker
killed (SIGKILL: the CPU and memory are freed at once) and a fresh worker
takes its place, while the other workers go on answering. A client that
goes away takes its query with it the same way.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import pickle
import socket
import struct
import time
from dataclasses import dataclass
from itertools import islice

import pyoxigraph as ox

from ..vocab import PREFIXES
from .results import WRITERS

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
class Answer:
    body: bytes
    media_type: str
    rows: int  # solutions or triples written (0 for ASK)
    truncated: bool = False
    seconds: float = 0.0


class QueryFailed(Exception):
    """The query could not be answered; ``status`` and ``message`` are for the client."""

    def __init__(self, status: int, message: str, retry_after: int | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after

    def __reduce__(self):  # sent from the worker through a pipe
        return QueryFailed, (self.status, self.message, self.retry_after)


# -- in the worker ------------------------------------------------------------------


def _dataset(job: Job) -> dict:
    kwargs = {}
    if job.default_graphs or job.named_graphs:
        # the protocol's dataset replaces the query's FROM and FROM NAMED, and the store's default graph
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    return kwargs


def execute(store: ox.Store, job: Job) -> Answer:
    """Run ``job`` on ``store``: the answer, or QueryFailed for the client's mistakes."""
    started = time.perf_counter()
    try:
        result = store.query(job.query, base_iri=job.base_iri, **_dataset(job))
    except SyntaxError as e:
        raise QueryFailed(400, f"syntax error: {e}") from None
    except ValueError as e:  # a graph IRI that is not an IRI
        raise QueryFailed(400, str(e)) from None
    if isinstance(result, ox.QueryBoolean):
        fmt = ox.QueryResultsFormat.from_media_type(job.media_type)
        if fmt is None:
            raise QueryFailed(406, f"an ASK result cannot be given as {job.media_type}")
        return Answer(result.serialize(format=fmt), job.media_type, 0, seconds=time.perf_counter() - started)
    if isinstance(result, ox.QuerySolutions):
        writer = WRITERS.get(job.media_type)
        if writer is None:
            raise QueryFailed(406, f"SELECT results cannot be given as {job.media_type}")
        variables = [v.value for v in result.variables]
        rows = [tuple(solution) for solution in islice(result, job.row_cap + 1)]
        truncated = len(rows) > job.row_cap
        rows = rows[: job.row_cap]
        return Answer(writer(variables, rows), job.media_type, len(rows), truncated, time.perf_counter() - started)
    fmt = ox.RdfFormat.from_media_type(job.media_type)
    if fmt is None:
        raise QueryFailed(406, f"CONSTRUCT and DESCRIBE results cannot be given as {job.media_type}")
    triples = list(islice(result, job.row_cap + 1))
    truncated = len(triples) > job.row_cap
    triples = triples[: job.row_cap]
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML) else None
    body = ox.serialize(triples, format=fmt, prefixes=prefixes) if prefixes else ox.serialize(triples, format=fmt)
    return Answer(body, job.media_type, len(triples), truncated, time.perf_counter() - started)


def _serve(store_path: str, conn) -> None:
    """A worker's life: open the store, answer jobs until the pipe closes."""
    store = ox.Store.read_only(store_path)
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        try:
            conn.send(execute(store, job))
        except QueryFailed as e:
            conn.send(e)
        except RuntimeError as e:  # pyoxigraph's evaluation errors are about the query ("custom function <x> is not supported")
            conn.send(QueryFailed(400, f"the query cannot be evaluated: {e}"))
        except OSError:  # a SERVICE call that failed, or the store: no details, they may name the host's files
            conn.send(QueryFailed(502, "the query failed while reading an outside SERVICE endpoint or the store"))
        except Exception as e:  # noqa: BLE001 - the server logs it; the client gets no internals
            conn.send(QueryFailed(500, f"internal error ({type(e).__name__}) while answering the query"))


# -- in the server ------------------------------------------------------------------


class _Worker:
    """A worker process and the server's end of its pipe, read and written by asyncio.

    The pipe is a socket pair; the worker uses multiprocessing's blocking Connection,
    the server the same framing (a 4-byte length, then the pickle) on asyncio streams:
    no thread hop and no GIL hand-off per query.
    """

    def __init__(self, store_path: str, context):
        conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(store_path, child), daemon=True, name="ungakg-query")
        self.process.start()
        child.close()
        if not conn.poll(60) or conn.recv() != "ready":
            conn.close()
            self.kill()
            raise RuntimeError("a query worker did not start")
        self.socket = socket.socket(fileno=os.dup(conn.fileno()))
        conn.close()
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def connect(self) -> _Worker:
        self.reader, self.writer = await asyncio.open_connection(sock=self.socket)
        return self

    async def send(self, job: Job) -> None:
        data = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        self.writer.write(struct.pack("!i", len(data)) + data)
        await self.writer.drain()

    async def receive(self):
        (size,) = struct.unpack("!i", await self.reader.readexactly(4))
        if size == -1:  # multiprocessing's header for messages over 2 GiB
            (size,) = struct.unpack("!Q", await self.reader.readexactly(8))
        return pickle.loads(await self.reader.readexactly(size))

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        if self.writer is not None:
            self.writer.close()
        else:
            self.socket.close()


class QueryPool:
    def __init__(self, store_path: str, size: int = 2, queue: int = 32, timeout: float = 10.0):
        self.store_path = store_path
        self.size = size
        self.queue = queue
        self.timeout = timeout
        self._context = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._workers: set[_Worker] = set()
        self._waiting = 0
        self.killed = 0  # queries stopped at their time limit or abandoned by their client

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        workers = await asyncio.gather(*(loop.run_in_executor(None, _Worker, self.store_path, self._context) for _ in range(self.size)))
        for w in [await w.connect() for w in workers]:
            self._workers.add(w)
            self._idle.put_nowait(w)

    async def close(self) -> None:
        for w in list(self._workers):
            w.kill()
        self._workers.clear()

    def pids(self) -> list[int]:
        return sorted(w.process.pid for w in self._workers)

    async def _replace(self, worker: _Worker) -> None:
        self._workers.discard(worker)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, worker.kill)
        fresh = await (await loop.run_in_executor(None, _Worker, self.store_path, self._context)).connect()
        self._workers.add(fresh)
        self._idle.put_nowait(fresh)

    async def run(self, job: Job) -> Answer:
        if self._idle.empty() and self._waiting >= self.queue:
            raise QueryFailed(503, f"the endpoint is busy ({self.size} queries running, {self.queue} waiting); try again shortly", retry_after=1)
        self._waiting += 1
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout=self.timeout)
        except TimeoutError:
            raise QueryFailed(503, "the endpoint is busy: no query slot freed within the time limit; try again shortly", retry_after=2) from None
        finally:
            self._waiting -= 1
        try:
            await worker.send(job)
            reply = await asyncio.wait_for(worker.receive(), timeout=self.timeout)
        except TimeoutError:
            self.killed += 1
            asyncio.get_running_loop().create_task(self._replace(worker))
            raise QueryFailed(503, f"the query was stopped at the time limit of {self.timeout:g} s; "
                                   "narrow it (a LIMIT, fewer OPTIONALs, a more selective pattern) and try again") from None
        except asyncio.CancelledError:  # the client went away: stop its query too
            self.killed += 1
            asyncio.get_running_loop().create_task(self._replace(worker))
            raise
        except (asyncio.IncompleteReadError, OSError):  # the worker died under the query (memory)
            log.warning("a query worker died (exit code %s) under: %.200s", worker.process.exitcode, job.query, exc_info=True)
            asyncio.get_running_loop().create_task(self._replace(worker))
            raise QueryFailed(500, "the query stopped its worker (out of memory?); narrow it and try again") from None
        except BaseException:  # whatever else went wrong, the worker is in an unknown state: replace it
            asyncio.get_running_loop().create_task(self._replace(worker))
            raise
        self._idle.put_nowait(worker)
        if isinstance(reply, QueryFailed):
            raise reply
        return reply
