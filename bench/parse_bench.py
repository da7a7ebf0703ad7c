"""Parse throughput on a scaled corpus: documents/s and MB/s, one core and all cores.

    python bench/parse_bench.py [--docs 10000] [--repeat 3]

Measures, in one run and on the same files:

* baseline: reading, decoding and splitting every file into lines (the floor
  any parser pays);
* the structure only, in process, one core: ``mapper.parse.parse_bytes``, and on all
  cores (a process pool, each worker reading its files);
* parse with extraction, in process, one core: ``mapper.extract.read`` on every file;
* ``ungakg parse --json -j 1 DIR`` and ``-j 0`` (all cores), end to end as a
  user runs it (start-up, reading, parsing, JSON on stdout to /dev/null).

Prints medians and ratios as a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scale import scale  # noqa: E402
from mapper.extract import read  # noqa: E402
from mapper.parse import parse_bytes  # noqa: E402
from mapper.parse.source import decode  # noqa: E402


def _structure(path: str) -> None:
    parse_bytes(Path(path).read_bytes(), path)


def structure_all_cores(paths: list[str]) -> None:
    """The structure only (``parse_bytes``) on every core, each worker reading its files: the parser's throughput."""
    with multiprocessing.get_context("fork").Pool(os.cpu_count()) as pool:
        pool.map(_structure, paths, chunksize=64)


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-extraction", action="store_true", help="the structure only: skip the rows with the extraction, "
                    "and run the CLI with --no-facts")
    args = ap.parse_args()

    folder = ROOT / "bench" / "out" / f"scaled-{args.docs}"
    if folder.exists():
        shutil.rmtree(folder)
    paths = scale(args.docs, folder)
    data = [(str(p), p.read_bytes()) for p in paths]
    mb = sum(len(d) for _, d in data) / 1e6

    def baseline():
        for p, _ in data:
            decode(Path(p).read_bytes())

    def in_process():
        for p, d in data:
            read(d, p)

    def structure_only():
        for p, d in data:
            parse_bytes(d, p)

    flags = ["--no-facts"] if args.no_extraction else []

    def cli(jobs: int):
        with open(os.devnull, "wb") as null:
            subprocess.run([sys.executable, "-m", "mapper.cli", "parse", "--json", *flags, "-j", str(jobs), str(folder)], stdout=null,
                           check=True)

    shown = " ".join(["`ungakg parse --json", *flags])
    rows = [
        ("baseline: read + decode + split lines, 1 core", timed(baseline, args.repeat)),
        ("structure only (parse_bytes), 1 core", timed(structure_only, args.repeat)),
        (f"structure only (parse_bytes), {os.cpu_count()} cores", timed(lambda: structure_all_cores([p for p, _ in data]), args.repeat)),
    ]
    if not args.no_extraction:
        rows.append(("parse with extraction in process (read), 1 core", timed(in_process, args.repeat)))
    rows += [
        (f"{shown} -j 1`, end to end", timed(lambda: cli(1), args.repeat)),
        (f"{shown} -j 0` ({os.cpu_count()} cores), end to end", timed(lambda: cli(0), args.repeat)),
    ]
    base = rows[0][1]
    print(f"{args.docs} documents, {mb:.1f} MB, median of {args.repeat} runs, Python {sys.version.split()[0]}, {os.cpu_count()} cores\n")
    print("| what | seconds | documents/s | MB/s | x baseline time |")
    print("|---|---:|---:|---:|---:|")
    for name, secs in rows:
        print(f"| {name} | {secs:.2f} | {args.docs / secs:,.0f} | {mb / secs:.2f} | {secs / base:.1f} |")
    full = 20000 * rows[-1][1] / args.docs
    structure = 20000 * rows[2][1] / args.docs
    print(f"\nExtrapolated to 20,000 resolutions on all cores: {full:.0f} s end to end, {structure:.0f} s for the structure only.")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
