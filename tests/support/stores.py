"""Real triple stores for the tests and benchmarks: the Oxigraph server and Virtuoso, on loopback.

Each store runs as its own process in its own process group, on free loopback
ports, with its data in a folder the caller owns, and is stopped by its
process group whatever happened; nothing is left running.

- Oxigraph server (PyPI ``oxigraph``): ``oxigraph load`` is its bulk loader,
  ``oxigraph serve --union-default-graph`` serves the dataset with the union of
  the named graphs as default graph (how the example queries read it).
- Virtuoso open source 7 (Debian ``virtuoso-opensource``): a private
  ``virtuoso.ini`` listening on 127.0.0.1 only, the database in the caller's
  folder; ``ld_dir`` + ``rdf_loader_run()`` is its bulk loader. Its default
  graph is the union of all graphs. Updates and the Graph Store go through
  the ``-auth`` endpoints with HTTP digest authentication (dba/dba).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from mapper.rdf.iris import Iris
from tests.support.servers import free_port, stop, wait_until_up

OXIGRAPH = shutil.which("oxigraph")
VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")


@dataclass(frozen=True)
class Oxigraph:
    query: str
    update: str
    store: str
    location: Path
    pid: int = 0


@dataclass(frozen=True)
class Virtuoso:
    query: str          # anonymous, read-only
    update: str         # SPARQL Update, digest authentication
    store: str          # Graph Store Protocol, digest authentication
    isql_port: int
    folder: Path
    pid: int = 0
    user: str = "dba"
    password: str = "dba"

    def isql(self, *statements: str, timeout: float = 3600) -> str:
        """Run SQL statements through ``isql-vt``; raises with Virtuoso's message on an error."""
        script = "".join(s.rstrip().rstrip(";") + ";\n" for s in statements)
        done = subprocess.run([ISQL, str(self.isql_port), self.user, self.password, "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF", "ERRORS=STDOUT"],
                              input=script, capture_output=True, text=True, timeout=timeout)
        if done.returncode or "*** Error" in done.stdout:
            raise RuntimeError(f"isql-vt failed: {done.stdout}{done.stderr}")
        return done.stdout


# -- Oxigraph -------------------------------------------------------------------------

def oxigraph_load(location: Path, *files: Path) -> None:
    """The Oxigraph bulk loader (the store must not be served meanwhile)."""
    for file in files:
        subprocess.run([OXIGRAPH, "load", "--location", str(location), "--file", str(file)], check=True, capture_output=True)


@contextmanager
def oxigraph(location: Path) -> Iterator[Oxigraph]:
    port = free_port()
    location.mkdir(parents=True, exist_ok=True)
    log = location.parent / f"{location.name}.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                                   stdout=out, stderr=out, start_new_session=True)
    root = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{root}/query?query=ASK%7B%7D", process, 90, log)
        yield Oxigraph(query=f"{root}/query", update=f"{root}/update", store=f"{root}/store", location=location, pid=process.pid)
    finally:
        stop(process)


# -- Virtuoso -------------------------------------------------------------------------

_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{isql}
DisableUnixSocket = 1
MaxClientConnections = 20
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {dirs}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 10

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {vsp}
MaxClientConnections = 20
ServerThreads = 20
MaxKeepAlives = 10
KeepAliveTimeout = 10
EnabledGzipContent = 1

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 400
"""


@contextmanager
def virtuoso(folder: Path, *, allowed: tuple[Path, ...] = (), buffers: int = 170_000) -> Iterator[Virtuoso]:
    """Virtuoso with its database in ``folder``; ``allowed`` are the folders its bulk loader may read.

    ``buffers`` is NumberOfBuffers (8 KB pages; 170,000 is about 1.3 GB, the
    size Virtuoso's own guidance gives for a 2 GB machine share).
    """
    db = folder / "db"
    db.mkdir(parents=True, exist_ok=True)
    isql, http = free_port(), free_port()
    dirs = ", ".join(str(p.resolve()) for p in (folder, *allowed))
    ini = folder / "virtuoso.ini"
    vsp = folder / "vsp"  # the HTTP server's document root: empty, nothing of the machine's is served
    vsp.mkdir(exist_ok=True)
    ini.write_text(_INI.format(db=db, isql=isql, http=http, dirs=dirs, vsp=vsp,
                               buffers=buffers, dirty=buffers * 3 // 4), encoding="utf-8")
    log = folder / "virtuoso.out"
    with open(log, "wb") as out:
        process = subprocess.Popen([VIRTUOSO, "+configfile", str(ini), "+foreground"], cwd=folder,
                                   stdout=out, stderr=out, start_new_session=True)
    root = f"http://127.0.0.1:{http}"
    store = Virtuoso(query=f"{root}/sparql", update=f"{root}/sparql-auth", store=f"{root}/sparql-graph-crud-auth",
                     isql_port=isql, folder=folder, pid=process.pid)
    try:
        wait_until_up(f"{root}/sparql?query=ASK%7B%7D", process, 90, log)
        yield store
    finally:
        if process.poll() is None:
            try:
                subprocess.run([ISQL, str(isql), "dba", "dba", "exec=shutdown;"], capture_output=True, timeout=60)
                process.wait(60)
            except (subprocess.TimeoutExpired, OSError):
                pass
        stop(process)


def virtuoso_load(store: Virtuoso, folder: Path, pattern: str, graph: str = "urn:ungakg:default") -> None:
    """Virtuoso's bulk loader: every file of ``folder`` matching ``pattern`` (N-Quads keep their graphs)."""
    store.isql(f"ld_dir('{folder.resolve()}', '{pattern}', '{graph}')", "rdf_loader_run()", "checkpoint")
    errors = store.isql("SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL").strip()
    if errors:
        raise RuntimeError(f"Virtuoso's bulk loader reported errors: {errors}")


def graph_counts(query_url: str) -> dict[str, int]:
    """The triples a store's SPARQL endpoint holds in each of the dataset's graphs (the push ledger aside)."""
    iris = Iris()
    response = httpx.post(query_url, data={"query": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"},
                          headers={"Accept": "application/sparql-results+json"}, timeout=60)
    response.raise_for_status()
    return {r["g"]["value"]: int(r["n"]["value"]) for r in response.json()["results"]["bindings"]
            if r["g"]["value"].startswith(f"{iris.base}graph/") and r["g"]["value"] != iris.push_ledger()}

