"""The facts of real resolutions against their gold, per kind: this tree and a baseline checkout, in the same run.

    python bench/realworld_facts_bench.py [--baseline /tmp/base] [--misses]

Reads the twenty files of tests/data/realworld with each tree's parser and extractor and scores them with this
tree's yardstick (tests/support/realworld_facts.py) against the gold of tests/data/gold/realworld/ (written by
reading the texts; its rules are tests/data/gold/realworld/RULES.md). Prints, per kind of fact, the gold count, precision and recall for
each tree; ``--misses`` lists this tree's extra and missed items. Each tree runs in its own process with only its
``mapper`` first on the path, so a checkout from before the yardstick existed is measured with this one.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MEASURE = """
import json, sys
from mapper.errors import InputError
from mapper.extract import read
from mapper.lexicon.authority import authorities
from tests.support import realworld_facts as rf

gold = rf.load()
results, refused = {}, []
for name in gold:
    try:
        results[name] = read((rf.REALWORLD / name).read_bytes(), name)
    except InputError:
        refused.append(name)
scores = rf.score(results, gold, authorities())
print(json.dumps({"refused": refused, "files": len(gold),
                  "scores": {k: [s.tp, s.fp, s.fn, s.misses] for k, s in scores.items()}}))
"""


def measure(tree: Path) -> dict:
    with tempfile.TemporaryDirectory() as only:
        (Path(only) / "mapper").symlink_to(tree.resolve() / "mapper")
        env = {**os.environ, "PYTHONPATH": f"{only}{os.pathsep}{ROOT}"}
        out = subprocess.run([sys.executable, "-c", MEASURE], env=env, cwd=only, capture_output=True, text=True, check=False)
    if out.returncode:
        sys.exit(f"{tree}: the measure failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _pr(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return f"{p:.3f} / {r:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--baseline", type=Path, help="another checkout to measure beside this tree")
    ap.add_argument("--misses", action="store_true", help="list this tree's extra and missed items")
    args = ap.parse_args()
    trees = [("this tree", ROOT)] + ([(f"baseline ({args.baseline})", args.baseline)] if args.baseline else [])
    runs = [(name, measure(tree)) for name, tree in trees]
    first = runs[0][1]
    print(f"{first['files']} files; refused: {first['refused'] or 'none'}")
    print("| kind | gold | " + " | ".join(f"{name} P / R" for name, _ in runs) + " |")
    print("|---|---:|" + "---|" * len(runs))
    for kind, (tp, _fp, fn, _m) in first["scores"].items():
        print(f"| {kind} | {tp + fn} | " + " | ".join(_pr(*r["scores"][kind][:3]) for _, r in runs) + " |")
    if args.misses:
        for kind, (*_, misses) in first["scores"].items():
            for m in misses:
                print(f"{kind}\t{m}")


if __name__ == "__main__":
    main()
