"""Build benchmark: ungakg build against a naive baseline, at several corpus sizes.

    python bench/build_bench.py --sizes 100 1000 10000 [--naive-limit 1000]

For each size, on the scaled corpus of bench/scale.py:

* ``ungakg build`` (all cores) as a user runs it, in a subprocess: wall time,
  peak memory of the whole process tree (sampled from /proc), triples/s, and
  the time per stage summed over the workers (parse, map, validate, serialize);
* the naive baseline, in process: parse every text, add every triple to one
  rdflib Graph, validate it with one pySHACL call, serialize it as Turtle with
  rdflib. It runs up to --naive-limit documents (beyond, it needs more memory and
  hours than this machine has; the table says so).

Prints a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scale import scale  # noqa: E402


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            pass
        todo += children.get(p, [])
    return total


def run_measured(cmd: list[str], limit: float | None = None) -> tuple[float, int, str]:
    """Wall seconds, peak tree RSS and stderr of a command; stopped after ``limit`` seconds
    (then the seconds returned are the limit, a lower bound)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd=ROOT)
    timer = threading.Timer(limit, proc.kill) if limit else None
    if timer:
        timer.start()
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = proc.communicate()
    done.set()
    sampler.join()
    if timer:
        timer.cancel()
    elapsed = time.perf_counter() - t
    if limit and elapsed >= limit:
        return float("inf"), peak, err
    if proc.returncode:
        raise RuntimeError(err)
    return elapsed, peak, err


def stage_seconds(corpus: Path) -> dict[str, float]:
    """Per-stage seconds summed over documents, on one core (a sample of 200 documents, scaled)."""
    from mapper.publish.pipeline import corpus_files
    from mapper.publish.worker import build_one
    from mapper.rdf.iris import DEFAULT_BASE
    from mapper.rdf.validate import shapes_bytes

    files = corpus_files(corpus)
    sample = files[:: max(1, len(files) // 200)]
    totals: dict[str, float] = {}
    for path, name in sample:
        for stage, secs in build_one(path, name, DEFAULT_BASE, shapes_bytes()).seconds.items():
            totals[stage] = totals.get(stage, 0.0) + secs
    return {k: v * len(files) / len(sample) for k, v in totals.items()}


def naive(corpus: Path, limit: float) -> tuple[float, int]:
    """The naive baseline in a subprocess: seconds (inf past ``limit``) and peak memory."""
    code = f"""
import sys, rdflib, pyshacl, pyoxigraph as ox
sys.path.insert(0, {str(ROOT)!r})
from mapper.extract import read
from mapper.rdf.resolution import resolution_triples
from mapper.rdf.schemes import vocabulary_triples
from mapper.rdf.iris import Iris
from mapper.publish.pipeline import corpus_files
iris = Iris()
g = rdflib.Graph()
def term(t):
    if isinstance(t, ox.NamedNode): return rdflib.URIRef(t.value)
    if t.language: return rdflib.Literal(t.value, lang=t.language)
    return rdflib.Literal(t.value, datatype=rdflib.URIRef(t.datatype.value))
for path, name in corpus_files(__import__('pathlib').Path({str(corpus)!r})):
    r = read(open(path, 'rb').read(), name)
    for t in resolution_triples(r, iris):
        g.add((term(t.subject), term(t.predicate), term(t.object)))
for t in vocabulary_triples(iris):
    g.add((term(t.subject), term(t.predicate), term(t.object)))
conforms, _, _ = pyshacl.validate(g, shacl_graph={str(ROOT / 'shapes' / 'ungakg-shapes.ttl')!r}, inference='none', advanced=True)
g.serialize('/dev/null', format='turtle')
"""
    secs, peak, _ = run_measured([sys.executable, "-c", code], limit)
    return secs, peak


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--naive-limit", type=int, default=1000, help="largest size the naive baseline runs at")
    ap.add_argument("--naive-seconds", type=float, default=600, help="time budget of one naive run")
    args = ap.parse_args()
    rows = []
    for n in args.sizes:
        corpus = ROOT / "bench" / "out" / f"scaled-{n}"
        out = ROOT / "bench" / "out" / f"published-{n}"
        if corpus.exists():
            shutil.rmtree(corpus)
        scale(n, corpus)
        secs, peak, err = run_measured([sys.executable, "-m", "mapper.cli", "build", "--corpus", str(corpus), "--out", str(out)])
        triples = int(err.split(" resolutions, ")[1].split(" triples")[0].replace(",", ""))
        stages = stage_seconds(corpus)
        naive_secs = naive_peak = None
        if n <= args.naive_limit:
            naive_secs, naive_peak = naive(corpus, args.naive_seconds)
            if naive_secs == float("inf"):
                naive_secs = -args.naive_seconds  # stopped at the budget: a lower bound
        rows.append((n, secs, peak, triples, stages, naive_secs, naive_peak))
        shutil.rmtree(corpus)
        shutil.rmtree(out)
        print(f"done {n}", file=sys.stderr)

    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores\n")
    print("| resolutions | triples | `ungakg build` s | triples/s | peak memory | parse / map / validate / serialize (s, one core) | naive baseline s | naive peak memory | speed-up |")
    print("|---:|---:|---:|---:|---:|---|---:|---:|---:|")
    for n, secs, peak, triples, st, ns, npk in rows:
        stages = " / ".join(f"{st.get(k, 0):.1f}" for k in ("parse", "map", "validate", "serialize"))
        if ns is None:
            naive_cells = "not run | | "
        elif ns < 0:  # stopped at its time budget
            naive_cells = f"> {-ns:.0f} (stopped) | > {npk / 2**20:,.0f} MB | > {-ns / secs:.0f}x"
        else:
            naive_cells = f"{ns:.1f} | {npk / 2**20:,.0f} MB | {ns / secs:.1f}x"
        print(f"| {n:,} | {triples:,} | {secs:.1f} | {triples / secs:,.0f} | {peak / 2**20:,.0f} MB | {stages} | {naive_cells} |")


if __name__ == "__main__":
    main()
