"""Paragraph lineage against the hand-checked alignments of tests/data/gold/lineage/, and its speed.

The corpus's ICT for development series (57/295, 64/187, 67/195, 78/132) and a composed successor of 78/132
(tests/data/lineage/A_RES_79_904.md) are read as ``ungakg build`` reads them; series are found and each pair
aligned; each gold file is scored (tests/support/lineage.py): precision and recall of the links (a paragraph
and its predecessor), and of the links found, how many have the gold's kind. ``--misses`` lists them.

    python bench/lineage_bench.py [--misses] [--scale 1000]

``--scale N`` also times series and alignment over N copies of the corpus and the twenty real resolutions
(bench/scale.py), as a build of that size does them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mapper.extract import read  # noqa: E402
from mapper.extract.lineage import Outline, align, predecessors, series  # noqa: E402
from tests.support.lineage import Score, gold_files, load, score  # noqa: E402

TEXTS = sorted((ROOT / "corpus").glob("A-RES-*.txt")) + [ROOT / "tests" / "data" / "lineage" / "A_RES_79_904.md"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--scale", type=int, default=0)
    args = ap.parse_args()
    outlines = [Outline.of(read(p.read_bytes(), p.name)) for p in TEXTS]
    found = series(outlines)
    for s in found:
        print("series:", ", ".join(str(m) for m in s.members))
    pairs = {(str(a.symbol), str(b.symbol)): align(a, b) for a, b in predecessors(outlines, found)}
    total = Score()
    print(f"{'pair':32} {'kept':>4} {'rev.':>4} {'new':>4} {'drop':>4}  {'precision':>9} {'recall':>6}  kind  clear links found")
    for path in gold_files():
        gold = load(path)
        got = pairs[gold["predecessor"], gold["successor"]]
        s = score(gold, got)
        total.add(s)
        c = got.counts()
        print(f"{gold['predecessor'] + ' -> ' + gold['successor']:32} {c['kept']:4} {c['revised']:4} {c['new']:4} {c['dropped']:4}  "
              f"{s.precision:9.3f} {s.recall:6.3f}  {s.kind_right}/{s.right}  {s.clear_right}/{s.clear_gold}")
        if args.misses:
            for w in s.wrong:
                print("   wrong ", w)
            for m in s.missed:
                print("   missed", m)
    print(f"{'all':32} {'':19}  {total.precision:9.3f} {total.recall:6.3f}  {total.kind_right}/{total.right}  "
          f"{total.clear_right}/{total.clear_gold}   ({total.found} links found, {total.gold} in the gold)")
    if args.scale:
        from bench.scale import scale

        with tempfile.TemporaryDirectory() as folder:
            paths = scale(args.scale, Path(folder))
            many = [Outline.of(read(p.read_bytes(), p.name)) for p in paths]
        t = time.perf_counter()
        grouped = series(many)
        t_series = time.perf_counter() - t
        t = time.perf_counter()
        successions = [align(a, b) for a, b in predecessors(many, grouped)]
        t_align = time.perf_counter() - t
        print(f"{args.scale} resolutions: {len(grouped)} series, {len(successions)} successions; series {t_series:.2f} s, "
              f"alignment {t_align:.2f} s ({t_align / max(len(successions), 1) * 1000:.1f} ms a pair)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
