"""Scale the corpus to N resolutions with new symbols, for benchmarks.

Each copy is a corpus text, or one of the real PDF extractions of
tests/data/realworld, whose symbol (heading line, trailer, front matter, file
name) is replaced by a new one, so every document is distinct to the parser
and every layout is in it. Usage:

    python bench/scale.py 10000 bench/out/scaled-10000
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def scale(n: int, out: Path, corpus: Path = ROOT / "corpus", realworld: Path = ROOT / "tests" / "data" / "realworld") -> list[Path]:
    sources = sorted(corpus.glob("A-RES-*.txt")) + sorted(realworld.glob("A_RES_*.md"))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(n):
        src = sources[i % len(sources)]
        _, _, session, number = re.split(r"[-_]", src.stem)
        text = src.read_text(encoding="utf-8")
        new_session, new_number = 31 + i % 50, 1000 + i // 50
        text = text.replace(f"A/RES/{session}/{number}", f"A/RES/{new_session}/{new_number}")
        # The heading line "57/295. Title", wherever it stands (Markdown glues it to "***").
        text = re.sub(rf"(?<![\d/]){session}/{number}(?=\.\s)", f"{new_session}/{new_number}", text)
        path = out / f"A-RES-{new_session}-{new_number}{src.suffix}"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    count, folder = int(sys.argv[1]), Path(sys.argv[2])
    paths = scale(count, folder)
    print(f"{len(paths)} files, {sum(p.stat().st_size for p in paths) / 1e6:.1f} MB in {folder}")
