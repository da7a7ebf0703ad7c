"""Full-text search: the index ungakg builds (tantivy), against the SPARQL a user had before it.

Both answer the same searches over the same units, and the index's answer is what ``/search`` shows: the number
of matches, the best 20 with snippets, and the counts of every facet value over all matches.

- **ungakg**: ``mapper.server.search.Index.search``, the code the server runs, on the build's ``search/``;
- **sparql** (the baseline, what a user could do without an index): ``FILTER(CONTAINS(LCASE(?text), ...))``
  for each word on the store, counting the matches; no facets, no stems, no ranking (so it is given less to
  do), run once when slower than ``--sparql-budget`` seconds.

The engine was chosen with this bench: at commit 135944f the index was SQLite FTS5 (``--tantivy`` there built
the same units into tantivy beside it); BENCHMARKS.md "Search" has both.

Medians and 95th percentiles over ``--rounds`` rounds of every search (one warm-up round first).
Usage::

    python bench/search_bench.py --published bench/out/published-10000 --rounds 5 --out bench/out/search-10k.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from mapper.publish.search import INDEX  # noqa: E402
from mapper.publish.store import STORE  # noqa: E402
from mapper.server.search import Index  # noqa: E402

# (what a person types, filters): single words rare and common, phrases, prefixes, OR, exclusion, narrowed by facets
SEARCHES: list[tuple[str, dict[str, str]]] = [
    ("broadband", {}),
    ("digital divide", {}),
    ('"digital divide"', {}),
    ('"Internet Governance Forum"', {}),
    ("broad*", {}),
    ("ict OR broadband", {}),
    ("development", {}),
    ("sustainable development", {}),
    ("nuclear disarmament", {}),
    ('"Secretary-General"', {"part": "operative"}),
    ("requests report", {"verb": "request"}),
    ("weapons -nuclear", {}),
    ("Geneva", {"session": "60"}),
    ("women girls", {}),
    ("outer space", {}),
    ("artificial intelligence", {"part": "operative"}),
    ("peacebuilding", {}),
    ("Tunis Agenda", {}),
    ("small island developing States", {}),
    ("cybersecurity OR ict", {"committee": "first-committee"}),
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(run, rounds: int) -> tuple[list[float], object]:
    run()  # warm-up
    times, answer = [], None
    for _ in range(rounds):
        t = time.perf_counter()
        answer = run()
        times.append((time.perf_counter() - t) * 1000)
    return times, answer


def engine(published: Path, rounds: int) -> dict:
    index = Index(published / STORE / INDEX)
    out = {}
    for q, filters in SEARCHES:
        times, r = timed(lambda q=q, filters=filters: index.search(q, filters), rounds)
        out[q + json.dumps(filters)] = {"ms": times, "total": r.total}  # type: ignore[attr-defined]
    return out


def sparql(published: Path, rounds: int, budget: float) -> dict:
    store = ox.Store.read_only(str(published / STORE / "db"))
    out = {}
    for q, filters in SEARCHES:
        words = [w.strip('"*').lower() for w in q.replace('"', " ").split() if w not in ("OR",) and not w.startswith("-")]
        where = " ".join(f'FILTER(CONTAINS(LCASE(?text), "{w}"))' for w in words)
        query = f"SELECT ?unit WHERE {{ ?unit <https://schema.org/text> ?text {where} }}"
        t = time.perf_counter()
        n = sum(1 for _ in store.query(query))
        first = (time.perf_counter() - t) * 1000
        if first / 1000 > budget:
            out[q + json.dumps(filters)] = {"ms": [first], "total": n, "one round": True}
            continue
        times, _ = timed(lambda query=query: sum(1 for _ in store.query(query)), max(1, rounds // 2))
        out[q + json.dumps(filters)] = {"ms": times, "total": n}
    return out


def summary(results: dict) -> dict:
    every = [t for r in results.values() for t in r["ms"]]
    per_search = [statistics.median(r["ms"]) for r in results.values()]
    return {"median_ms": round(statistics.median(every), 2), "p95_ms": round(percentile(every, 95), 2),
            "slowest_search_median_ms": round(max(per_search), 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--published", type=Path, default=ROOT / "published")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--no-sparql", action="store_true")
    ap.add_argument("--sparql-budget", type=float, default=20.0, help="seconds; a slower SPARQL search is run once")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    report: dict = {"published": str(args.published), "rounds": args.rounds, "searches": len(SEARCHES)}
    report["ungakg"] = engine(args.published, args.rounds)
    report["ungakg_summary"] = summary(report["ungakg"])
    print("ungakg", report["ungakg_summary"], flush=True)
    if not args.no_sparql:
        report["sparql"] = sparql(args.published, args.rounds, args.sparql_budget)
        report["sparql_summary"] = summary(report["sparql"])
        print("sparql", report["sparql_summary"], flush=True)
    for key in report["ungakg"]:
        row = [f"{statistics.median(report[e][key]['ms']):9.1f} ms ({report[e][key]['total']:>7,})" for e in ("ungakg", "sparql") if e in report]
        print(f"{key[:48]:48} " + "  ".join(row))
    if args.out:
        args.out.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
