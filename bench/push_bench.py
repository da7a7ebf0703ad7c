"""Push benchmark: the published graph into Virtuoso with ``ungakg push``, against Virtuoso's own bulk loader.

    python bench/push_bench.py --published bench/out/published-10000 [--buffers 1360000] [--jobs 2 4]
        [--update-published bench/out/published-1000] [--json bench/out/push-10k.json]
    python bench/push_bench.py --table bench/out/push-10k.json

Each run gets a fresh Virtuoso (tests/support/stores.py: loopback only, its database in
a temporary folder under bench/out) with the store-side settings given:

* **baseline**: Virtuoso's bulk loader (``ld_dir`` + ``rdf_loader_run()`` +
  ``checkpoint``) reading ``ungakg.nq.gz`` from disk, timed in isql;
* ``ungakg push`` through the Graph Store Protocol (``--via store``), at each
  ``--jobs``, then the same push again (nothing changed: the incremental path);
* ``ungakg push --via update`` (SPARQL Update, 1,000 triples a request) on the
  smaller ``--update-published`` dataset, which is slow enough in Virtuoso that
  the large one would take hours.

For each: wall seconds, triples per second, the peak resident memory of the
Virtuoso server and of the push process (sampled from /proc every 0.2 s), and
the per-graph count check. Prints a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.build_bench import tree_rss  # noqa: E402
from mapper.publish.readback import read_graphs  # noqa: E402
from tests.support.stores import virtuoso, virtuoso_load  # noqa: E402

OUT = ROOT / "bench" / "out"


class Peaks:
    """The peak resident memory of some processes (and their children), sampled in a thread."""

    def __init__(self, **pids: int):
        self.pids = pids
        self.peak = {name: 0 for name in pids}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            for name, pid in self.pids.items():
                self.peak[name] = max(self.peak[name], tree_rss(pid))
            time.sleep(0.2)

    def __enter__(self) -> Peaks:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def dataset_size(published: Path) -> tuple[int, int]:
    graphs = triples = 0
    for g in read_graphs(published):
        graphs += 1
        triples += g.triples
    return graphs, triples


def push(published: Path, store, via: str, jobs: int, virtuoso_pid: int) -> dict:
    env = {**os.environ, "UNGAKG_USER": store.user, "UNGAKG_PASSWORD": store.password}
    command = [sys.executable, "-m", "mapper.cli", "push", "--endpoint", store.query, "--published", str(published),
               "--via", via, "--jobs", str(jobs)]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    with Peaks(push=process.pid, virtuoso=virtuoso_pid) as peaks:
        _, err = process.communicate()
    seconds = time.perf_counter() - started
    summary = next((line for line in err.splitlines() if " graphs: " in line), err.strip()[-300:])
    return {"seconds": seconds, "exit": process.returncode, "summary": summary, "checked": "checked: every graph" in err,
            "push_rss": peaks.peak["push"], "virtuoso_rss": peaks.peak["virtuoso"], "command": " ".join(command[1:])}


def run(published: Path, buffers: int, jobs: list[int], update_published: Path | None) -> dict:
    graphs, triples = dataset_size(published)
    results: dict = {"published": str(published), "graphs": graphs, "triples": triples, "buffers": buffers, "runs": []}
    print(f"{published}: {graphs:,} graphs, {triples:,} triples", file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory(prefix="push-bench-", dir=OUT) as work:
        folder = Path(work) / "bulk"
        with virtuoso(folder, allowed=(published,), buffers=buffers) as store:
            started = time.perf_counter()
            with Peaks(virtuoso=store.pid) as peaks:
                virtuoso_load(store, published.resolve(), "ungakg.nq.gz")
            seconds = time.perf_counter() - started
            results["runs"].append({"name": "Virtuoso bulk loader (baseline)", "seconds": seconds, "triples": triples,
                                    "virtuoso_rss": peaks.peak["virtuoso"], "push_rss": 0, "exit": 0, "checked": None,
                                    "summary": "ld_dir + rdf_loader_run() + checkpoint"})
            print(f"bulk loader: {seconds:.0f} s", file=sys.stderr, flush=True)
        shutil.rmtree(folder)
        for n in jobs:
            folder = Path(work) / f"push-{n}"
            with virtuoso(folder, buffers=buffers) as store:
                for name in (f"ungakg push --via store --jobs {n}", f"ungakg push again, nothing changed (--jobs {n})"):
                    run_ = push(published, store, "store", n, store.pid)
                    run_.update(name=name, triples=triples)
                    results["runs"].append(run_)
                    print(f"{name}: {run_['seconds']:.0f} s: {run_['summary']}", file=sys.stderr, flush=True)
            shutil.rmtree(folder)
        if update_published:
            u_graphs, u_triples = dataset_size(update_published)
            folder = Path(work) / "update"
            with virtuoso(folder, buffers=buffers) as store:
                run_ = push(update_published, store, "update", jobs[0], store.pid)
                run_.update(name=f"ungakg push --via update --jobs {jobs[0]} ({u_graphs:,} graphs)", triples=u_triples)
                results["runs"].append(run_)
                print(f"update: {run_['seconds']:.0f} s: {run_['summary']}", file=sys.stderr, flush=True)
    return results


def table(results: dict) -> str:
    first = results["runs"][0]
    base = first["triples"] / first["seconds"]  # the bulk loader's triples per second
    lines = [f"{results['graphs']:,} graphs, {results['triples']:,} triples (`{results['published']}`); "
             f"Virtuoso NumberOfBuffers = {results['buffers']:,} ({results['buffers'] * 8192 / 2**30:.1f} GB of 8 KB pages).", "",
             "| run | time | triples/s | rate vs bulk loader | Virtuoso peak RSS | push peak RSS | exit | counts checked |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in results["runs"]:
        rate = r["triples"] / r["seconds"] if "again" not in r["name"] else 0
        lines.append(f"| {r['name']} | {r['seconds']:,.1f} s | {f'{rate:,.0f}' if rate else '–'} | "
                     f"{f'{rate / base:.3f}x' if rate else '–'} | {r['virtuoso_rss'] / 2**30:.2f} GB | "
                     f"{r['push_rss'] / 2**20:,.0f} MB | {r['exit']} | "
                     f"{'–' if r['checked'] is None else ('yes' if r['checked'] else 'NO')} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--published", type=Path, default=OUT / "published-10000")
    parser.add_argument("--update-published", type=Path, default=None)
    parser.add_argument("--buffers", type=int, default=1_360_000, help="Virtuoso NumberOfBuffers (default 1,360,000: about 10 GB)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[2])
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    parser.add_argument("--table", type=Path, help="print the table of an earlier --json and stop")
    args = parser.parse_args()
    if args.table:
        print(table(json.loads(args.table.read_text())))
        return
    results = run(args.published, args.buffers, args.jobs, args.update_published)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    print(table(results))


if __name__ == "__main__":
    main()
