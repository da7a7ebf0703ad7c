"""The structure only (``parse_bytes``), or the extraction only (``--facts``: ``annotate`` of files parsed beforehand,
untimed), this tree against a baseline checkout, on one layout's files.

    python bench/parse_ab.py --baseline /tmp/base [--pattern '*.txt'] [--docs 100] [--rounds 3] [--facts]

On the scaled corpus (``bench/scale.py``): ``*.txt`` are copies of the five corpus texts (ODS,
plain, Markdown), ``*.md`` of the real PDF extractions. Each tree runs in its own process with
its own ``mapper`` first on the path, the two alternating round after round; prints each tree's
median milliseconds a document (a file a tree refuses still counts its time).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scale import scale  # noqa: E402

MEASURE = """
import sys, time
from pathlib import Path
from mapper.errors import InputError
from mapper.parse.chain import parse_bytes
data = [(p.name, p.read_bytes()) for p in sorted(Path(sys.argv[1]).glob(sys.argv[2]))[: int(sys.argv[3])]]
t = time.perf_counter()
for name, d in data:
    try:
        parse_bytes(d, name)
    except InputError:
        pass
print((time.perf_counter() - t) / len(data) * 1000)
"""

# The extraction alone, on one core: every file parsed first (untimed), then annotated with the packaged authority
# files, loaded and compiled before the clock starts (as a worker process does once).
MEASURE_FACTS = """
import sys, time
from pathlib import Path
from mapper.errors import InputError
from mapper.parse.chain import parse_bytes
from mapper.extract import annotate
from mapper.lexicon.authority import authorities
parsed = []
for p in sorted(Path(sys.argv[1]).glob(sys.argv[2]))[: int(sys.argv[3])]:
    try:
        parsed.append(parse_bytes(p.read_bytes(), p.name))
    except InputError:
        pass
tables = authorities()
annotate(parsed[0], tables)  # the word lists compile on first use
t = time.perf_counter()
for r in parsed:
    annotate(r, tables)
print((time.perf_counter() - t) / len(parsed) * 1000)
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--baseline", type=Path, required=True)
    ap.add_argument("--pattern", default="*.txt")
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--facts", action="store_true", help="time the extraction (annotate) instead of the structure")
    args = ap.parse_args()
    measure = MEASURE_FACTS if args.facts else MEASURE
    folder = Path(tempfile.mkdtemp(prefix="parse-ab-"))
    scale(args.docs * 25 // 4, folder)  # enough of each layout
    times: dict[str, list[float]] = {"baseline": [], "this tree": []}
    try:
        for r in range(args.rounds):
            order = [("baseline", args.baseline), ("this tree", ROOT)]
            for name, tree in order if r % 2 == 0 else reversed(order):
                with tempfile.TemporaryDirectory() as only:
                    (Path(only) / "mapper").symlink_to(Path(tree).resolve() / "mapper")
                    out = subprocess.run([sys.executable, "-c", measure, str(folder), args.pattern, str(args.docs)], cwd=only,
                                         env={**os.environ, "PYTHONPATH": only}, capture_output=True, text=True, check=True)
                times[name].append(float(out.stdout))
    finally:
        shutil.rmtree(folder)
    for name, ms in times.items():
        print(f"{name}: median {statistics.median(ms):.2f} ms a document ({', '.join(f'{m:.2f}' for m in ms)})")


if __name__ == "__main__":
    main()
