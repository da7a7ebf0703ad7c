"""Real PDF extractions against their gold, per field: this tree and a baseline checkout, in the same run.

    python bench/realworld_bench.py [--baseline /tmp/base] [--variants 100]

On the twenty resolutions of tests/data/realworld (gold.json, read by the yardstick of
tests/support/realworld.py, which both trees are measured with), prints per field how many
files match, then, over ``--variants`` seeded variants of each kind (tests/support/pdf_variants.py:
re-wrapped lines, page furniture moved, markers as digits, all at once; and tests/support/other_pipelines.py:
other tools' layouts of the same files, pdftotext pages with their footnotes at the foot of each page, -layout
indentation, hyphenated line ends), how many read to the gold with the same texts as the file itself. A file the parser refuses misses every field.
Each tree runs in its own process with ``PYTHONPATH`` set to it, so a baseline checkout from
before the yardstick existed is measured with this tree's yardstick.
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
import json, random, sys
from mapper.errors import InputError
from mapper.parse.chain import parse_bytes
from tests.support import pdf_variants as pv
from tests.support import realworld as rw

gold = rw.load_gold()
symbols = sorted(gold, key=rw.resolution_number)
texts = {s: (rw.REALWORLD / gold[s]["file"]).read_text(encoding="utf-8") for s in symbols}
results = [rw.check_file(s, gold) for s in symbols]
figures = rw.figures(results)
originals = {}
for s in symbols:
    try:
        originals[s] = parse_bytes(texts[s].encode(), gold[s]["file"])
    except InputError:
        pass
parsed = len(originals)

def variant_ok(s, text):
    try:
        r = parse_bytes(text.encode(), gold[s]["file"])
    except InputError:
        return False
    return not rw.mismatches(r, gold[s]) and s in originals and not rw.text_differences(r, originals[s])

n = int(sys.argv[2])
rng = random.Random(20261201)
kinds = {"re-wrapped": 0, "furniture moved": 0, "markers as digits": 0, "all at once": 0}
for k in range(n):
    s = symbols[k % len(symbols)]
    w, blank, seed = rng.randint(40, 110), rng.random() < 0.5, rng.randint(0, 2**32 - 1)
    kinds["re-wrapped"] += variant_ok(s, pv.rewrap(texts[s], w, blank_lines=blank, keep=gold[s]["running_headers"]))
    r2 = random.Random(seed)
    text, inserted = texts[s], []
    for _ in range(r2.randint(1, 4)):
        f = pv.furniture(text, r2, r2.choice(pv.FURNITURE_KINDS))
        text = pv.split_paragraph(text, r2, f.line, keep=[i.line for i in inserted]) if r2.random() < 0.5 else pv.between_paragraphs(text, r2, f.line)
        inserted.append(f)
    kinds["furniture moved"] += variant_ok(s, text)
    kinds["markers as digits"] += variant_ok(s, pv.footnote_markers(texts[s], random.Random(seed)))
    both = pv.rewrap(pv.footnote_markers(text, random.Random(seed)), w, blank_lines=blank, keep=[f.line for f in inserted] + gold[s]["running_headers"])
    kinds["all at once"] += variant_ok(s, both)

# Other pipelines (tests/support/other_pipelines.py): pdftotext pages with footnotes at their feet, -layout, hyphens.
from tests.support import other_pipelines as op
from tests.unit.parse import test_other_pipelines as other

def other_ok(symbol, text, **check):
    try:
        other.check(symbol, text, **check)
        return True
    except BaseException:  # pytest.fail raises Failed, a BaseException
        return False

rng = random.Random(20261201)
for kind in ("pdftotext pages", "pdftotext -layout", "hyphenated line ends"):
    kinds[kind] = 0
for k in range(n):
    s = symbols[k % len(symbols)]
    seed = rng.randrange(2**32)
    words = rng.choice([None, rng.randint(40, 90)])
    pages = op.pdftotext_pages(texts[s], random.Random(seed), furniture=other.furniture(s), width=rng.randint(80, 95),
                               blank_lines=rng.random() < 0.5, separator=rng.choice(op.SEPARATORS), header=rng.choice(op.HEADER_STYLES),
                               footer=rng.random() < 0.5, header_words=words, form=rng.choice(pv.MARKER_FORMS))
    kinds["pdftotext pages"] += other_ok(s, pages, headers=other.headers_of(s, words))
    layout = op.pdftotext_layout(texts[s], random.Random(seed), furniture=other.furniture(s), width=rng.randint(85, 95),
                                 indent=rng.randint(4, 6), margin=rng.choice((0, 4, 8)), justify=rng.random() < 0.5,
                                 header=rng.choice(("symbol_title", "title_symbol", "alternate")), footer=rng.random() < 0.5,
                                 header_words=words, form=rng.choice(pv.MARKER_FORMS), hyphens=rng.choice([0.0, 0.5]))
    kinds["pdftotext -layout"] += other_ok(s, layout, headers=other.headers_of(s, words), hyphenated=True)
    width = rng.randint(60, 100)
    hyphenated = op.hyphenate(texts[s], random.Random(seed), width, rng.uniform(0.2, 1), keep=other.furniture(s))
    kinds["hyphenated line ends"] += other_ok(s, hyphenated, name=gold[s]["file"], hyphenated=True)
print(json.dumps({"parsed": parsed, "files": len(symbols), "fields": figures, "variants": kinds, "n": n}))
"""


def measure(tree: Path, variants: int) -> dict:
    """The figures of ``tree``'s parser, with this tree's yardstick: a folder holding only ``tree``'s ``mapper``
    comes first on the path, this tree (for ``tests``) after it."""
    with tempfile.TemporaryDirectory() as only:
        (Path(only) / "mapper").symlink_to(tree.resolve() / "mapper")
        env = {**os.environ, "PYTHONPATH": f"{only}{os.pathsep}{ROOT}"}
        out = subprocess.run([sys.executable, "-c", MEASURE, str(ROOT), str(variants)], env=env, cwd=only, capture_output=True,
                             text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--baseline", type=Path, help="another checkout to measure beside this tree")
    ap.add_argument("--variants", type=int, default=100, help="seeded variants of each kind (default 100)")
    args = ap.parse_args()
    trees = [("this tree", ROOT)] + ([(f"baseline ({args.baseline})", args.baseline)] if args.baseline else [])
    runs = [(name, measure(tree, args.variants)) for name, tree in trees]
    print("| field | " + " | ".join(name for name, _ in runs) + " |")
    print("|---|" + "---:|" * len(runs))
    print("| files parsed | " + " | ".join(f"{r['parsed']}/{r['files']}" for _, r in runs) + " |")
    for field in runs[0][1]["fields"]:
        print(f"| {field} | " + " | ".join("{}/{}".format(*r["fields"].get(field, (0, r["files"]))) for _, r in runs) + " |")
    print()
    print("| variants read to the gold | " + " | ".join(name for name, _ in runs) + " |")
    print("|---|" + "---:|" * len(runs))
    for kind in runs[0][1]["variants"]:
        print(f"| {kind} | " + " | ".join(f"{r['variants'][kind]}/{r['n']}" for _, r in runs) + " |")


if __name__ == "__main__":
    main()
