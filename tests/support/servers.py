"""Real servers for the tests: ``ungakg serve`` as its own process on a loopback port.

Every server is started in its own process group and stopped by it, workers
included, whatever the test did; nothing is left running.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from mapper.publish.dumps import checksums
from tests.support.paths import ROOT

PIDS: dict[str, int] = {}  # the process of each running server, by its URL


def _children(pid: int) -> dict[int, bytes]:
    """The processes whose parent is ``pid``, with their command lines."""
    out = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                out[int(stat.parent.name)] = (stat.parent / "cmdline").read_bytes()
        except OSError:  # the process ended meanwhile
            continue
    return out


def workers(pid: int) -> set[int]:
    """A server's query workers: forked by its multiprocessing fork server (multiprocessing's resource tracker aside)."""
    out = set()
    for child, cmdline in _children(pid).items():
        if b"forkserver" in cmdline:
            out |= set(_children(child))
        elif b"resource_tracker" not in cmdline:
            out.add(child)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 60.0, log: Path | None = None) -> None:
    """Wait until ``url`` answers 200; fail with the process's output (or the tail of ``log``) if it stops or never does."""

    def output() -> str:
        if log is not None:
            return log.read_text(errors="replace")[-2000:]
        return process.stderr.read().decode() if process.stderr and process.poll() is not None else ""

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped at start (exit {process.returncode}): {output()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:  # refused, reset, or an HTTP error status while it starts
            time.sleep(0.1)
    raise RuntimeError(f"the server at {url} did not come up in {seconds} s: {output()}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(10)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # workers too, should any outlive the server
    process.wait(10)


@contextmanager
def serve(published: Path, *args: str, log: Path | None = None):
    """Run ``ungakg serve`` on ``published``; yields the server's root URL (``http://127.0.0.1:PORT``).

    Its output goes to ``log`` (default: a file in the temporary folder), never to a pipe
    that nobody reads: a full pipe would block the server at its 64 KB-th byte of warnings.
    """
    port = free_port()
    log = log or Path(tempfile.gettempdir()) / f"ungakg-serve-{port}.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mapper.cli", "serve", "--published", str(published), "--port", str(port), "--log-level", "warning", *args],
            cwd=ROOT, stdout=out, stderr=out, start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(url + "/sparql?query=ASK%7B%7D", process, log=log)
            PIDS[url] = process.pid
            yield url
        finally:
            PIDS.pop(url, None)
            stop(process)


def copy_published(folder: Path) -> Path:
    """A copy of the project's published/ in ``folder`` (its store left out: each server builds its own)."""
    import shutil

    shutil.copytree(ROOT / "published", folder, ignore=shutil.ignore_patterns(".store"))
    return folder


def publish_quads(folder: Path, quads: list[ox.Quad], base: str = "http://example.org/ungakg/") -> Path:
    """A minimal published folder holding ``quads``: what ``ungakg serve`` needs to serve any dataset."""
    folder.mkdir(parents=True, exist_ok=True)
    nq = ox.serialize(sorted(quads, key=str), format=ox.RdfFormat.N_QUADS)
    nt = b"".join(sorted({ox.serialize([q.triple], format=ox.RdfFormat.N_TRIPLES) for q in quads}))
    with gzip.open(folder / "ungakg.nq.gz", "wb") as f:
        f.write(nq)
    with gzip.open(folder / "ungakg.nt.gz", "wb") as f:
        f.write(nt)
    triples = nt.count(b"\n")
    (folder / "void.ttl").write_text(
        f"<{base}dataset> a <http://rdfs.org/ns/void#Dataset> ; <http://rdfs.org/ns/void#triples> {triples} .\n",
        encoding="utf-8")
    checksums(folder)
    return folder
