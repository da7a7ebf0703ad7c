"""This tree against another checkout of ungakg, on the same machine, in the same run: parse, extract, build.

    python bench/ab_bench.py --baseline /tmp/base [--docs 1000] [--rounds 5]

For a change that must not change speed (a refactoring), or to measure one that should.
``--baseline`` is another checkout (``git worktree add /tmp/base <commit>``). Each
measurement runs in a fresh process with ``PYTHONPATH`` set to the tree measured, and
the two trees take turns, round after round, in alternating order, so that the machine's
drift and noise fall on both alike. On the same scaled corpus (``bench/scale.py``):

* parse and extract in process, one core (the tree's one-file entry point on every file);
* ``ungakg parse --json -j 1 DIR``, end to end (start-up, reading, JSON to /dev/null);
* ``ungakg build -j 1``, end to end (parse, extract, map, validate, dumps, store).

Prints the medians and their ratio (this tree / baseline) as a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scale import scale  # noqa: E402

# The one-file entry point of either layout of the package: mapper.extract.read now,
# mapper.parse.parse_bytes (which read the facts too) before the stages were packages.
IN_PROCESS = """
import sys, time
from pathlib import Path
try:
    from mapper.extract import read
except ImportError:
    from mapper.parse import parse_bytes as read
data = [(str(p), p.read_bytes()) for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
t = time.perf_counter()
for p, d in data:
    read(d, p)
print(time.perf_counter() - t)
"""


def _env(tree: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(tree)}


def in_process(tree: Path, corpus: Path) -> float:
    out = subprocess.run([sys.executable, "-c", IN_PROCESS, str(corpus)], env=_env(tree), cwd=tree, check=True,
                         capture_output=True, text=True)
    return float(out.stdout)


def parse_cli(tree: Path, corpus: Path) -> float:
    t = time.perf_counter()
    with open(os.devnull, "wb") as null:
        subprocess.run([sys.executable, "-m", "mapper.cli", "parse", "--json", "-j", "1", str(corpus)], env=_env(tree),
                       cwd=tree, stdout=null, check=True)
    return time.perf_counter() - t


def build_cli(tree: Path, corpus: Path) -> float:
    with tempfile.TemporaryDirectory(dir=ROOT / "bench" / "out") as work:
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mapper.cli", "build", "--corpus", str(corpus), "--out", f"{work}/published",
                        "-j", "1"], env=_env(tree), cwd=tree, check=True, capture_output=True)
        return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--baseline", type=Path, required=True, help="another checkout of ungakg")
    ap.add_argument("--docs", type=int, default=1000, help="scaled corpus size (default 1000)")
    ap.add_argument("--rounds", type=int, default=5, help="turns each tree takes (default 5)")
    args = ap.parse_args()

    corpus = ROOT / "bench" / "out" / f"ab-{args.docs}"
    if corpus.exists():
        shutil.rmtree(corpus)
    scale(args.docs, corpus)
    trees = {"baseline": args.baseline.resolve(), "this tree": ROOT}
    measures = {"parse and extract in process, 1 core": in_process, "`ungakg parse --json -j 1`": parse_cli,
                "`ungakg build -j 1`": build_cli}
    times: dict[tuple[str, str], list[float]] = {}
    for r in range(args.rounds):
        order = list(trees.items()) if r % 2 == 0 else list(reversed(trees.items()))
        for what, measure in measures.items():
            for name, tree in order:
                times.setdefault((what, name), []).append(measure(tree, corpus))
    shutil.rmtree(corpus)
    print(f"{args.docs} documents, {args.rounds} rounds (medians), Python {sys.version.split()[0]}, {os.cpu_count()} cores\n")
    print("| what | baseline s | this tree s | this / baseline |")
    print("|---|---:|---:|---:|")
    for what in measures:
        base, this = statistics.median(times[(what, "baseline")]), statistics.median(times[(what, "this tree")])
        print(f"| {what} | {base:.2f} | {this:.2f} | {this / base:.2f} |")


if __name__ == "__main__":
    main()
