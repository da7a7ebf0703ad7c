"""Full-text search: the engine ungakg uses (SQLite FTS5) against tantivy, and against the SPARQL a user had before.

All three answer the same searches over the same units (those ``mapper.publish.search.units`` reads from the
store ``ungakg build`` wrote), and each answer is what ``/search`` shows: the number of matches, the best 20 with
snippets, and the counts of every facet value over all matches.

- **fts5**: ``mapper.server.search.Index.search``, the code the server runs, on the build's ``search.sqlite``;
- **tantivy**: the same units in a tantivy index (``en_stem`` tokenizer, facets as fast fields), searched
  with its query parser, counted, snippets from its ``SnippetGenerator``, facets by ``aggregate``;
- **sparql** (the baseline, what a user could do without an index): ``FILTER(CONTAINS(LCASE(?text), ...))``
  for each word on the store, counting the matches and taking 20; no facets, no stems, no ranking (so it
  is given less to do), stopped after ``--sparql-budget`` seconds a search.

Medians and 95th percentiles over ``--rounds`` rounds of every search (one warm-up round first).
Usage::

    python bench/search_bench.py --published bench/out/published-10000 --rounds 5 --out bench/out/search-10k.json
    pip install tantivy   # for the comparison; without it, --no-tantivy
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from mapper.publish.search import FACETS, INDEX, units  # noqa: E402
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


def fts5(published: Path, rounds: int) -> dict:
    index = Index(published / STORE / INDEX)
    out = {}
    for q, filters in SEARCHES:
        times, r = timed(lambda q=q, filters=filters: index.search(q, filters), rounds)
        out[q + json.dumps(filters)] = {"ms": times, "total": r.total}  # type: ignore[attr-defined]
    return out


def tantivy_engine(published: Path, rounds: int, folder: Path) -> tuple[dict, float]:
    import tantivy

    store = ox.Store.read_only(str(published / STORE / "db"))
    items = units(store)
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("text", stored=True, tokenizer_name="en_stem")
    builder.add_text_field("iri", stored=True, tokenizer_name="raw")
    for name in FACETS:
        builder.add_text_field(name, stored=False, tokenizer_name="raw", fast=True)
    schema = builder.build()
    started = time.perf_counter()
    index = tantivy.Index(schema, path=str(folder))
    writer = index.writer(heap_size=256_000_000)
    for u in items:
        doc = tantivy.Document(text=u.text, iri=u.iri)
        for name in FACETS:
            for v, _ in u.facets.get(name, []):
                doc.add_text(name, v)
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    built = time.perf_counter() - started
    searcher = index.searcher()
    aggregations = {name: {"terms": {"field": name, "size": 50}} for name in FACETS}
    out = {}
    for q, filters in SEARCHES:
        text = tantivy_query(q) + "".join(f' +{k}:"{v}"' for k, v in filters.items())

        prefix = q.endswith("*") and " " not in q and not filters  # one word's prefix: a regex query (its parser has none)

        def run(text=text, prefix=prefix, q=q):
            query = tantivy.Query.regex_query(schema, "text", q[:-1].lower() + ".*") if prefix else index.parse_query(text, ["text"])
            found = searcher.search(query, 20, count=True)
            snippets = tantivy.SnippetGenerator.create(searcher, query, schema, "text")
            hits = [snippets.snippet_from_doc(searcher.doc(address)).to_html() for _, address in found.hits]
            facets = searcher.aggregate(query, aggregations)
            return found.count, hits, facets

        times, answer = timed(run, rounds)
        out[q + json.dumps(filters)] = {"ms": times, "total": answer[0]}  # type: ignore[index]
    return out, built


def tantivy_query(typed: str) -> str:
    """Our reading of a search in tantivy's query language: every word required (``+``), unless words are joined
    by OR; a prefix as a phrase prefix (``"broad"*``); exclusions as they are."""
    tokens = re.findall(r'-?"[^"]*"\*?|\S+', typed)
    either = "OR" in tokens
    out = []
    for t in tokens:
        if t == "OR":
            out.append("OR")
        elif t.startswith("-"):
            out.append(t)
        else:
            term = f'"{t[:-1]}"*' if t.endswith("*") and not t.startswith('"') else t
            out.append(term if either else "+" + term)
    return " ".join(out)


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
    ap.add_argument("--no-tantivy", action="store_true")
    ap.add_argument("--no-sparql", action="store_true")
    ap.add_argument("--sparql-budget", type=float, default=20.0, help="seconds; a slower SPARQL search is run once")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    report: dict = {"published": str(args.published), "rounds": args.rounds, "searches": len(SEARCHES)}
    report["fts5"] = fts5(args.published, args.rounds)
    report["fts5_summary"] = summary(report["fts5"])
    print("fts5", report["fts5_summary"], flush=True)
    if not args.no_tantivy:
        folder = Path(tempfile.mkdtemp(prefix="tantivy-"))
        try:
            report["tantivy"], built = tantivy_engine(args.published, args.rounds, folder)
        finally:
            shutil.rmtree(folder)
        report["tantivy_summary"] = summary(report["tantivy"]) | {"index_seconds": round(built, 1)}
        print("tantivy", report["tantivy_summary"], flush=True)
    if not args.no_sparql:
        report["sparql"] = sparql(args.published, args.rounds, args.sparql_budget)
        report["sparql_summary"] = summary(report["sparql"])
        print("sparql", report["sparql_summary"], flush=True)
    for key in report["fts5"]:
        row = [f"{statistics.median(report[e][key]['ms']):9.1f} ms ({report[e][key]['total']:>7,})" for e in ("fts5", "tantivy", "sparql") if e in report]
        print(f"{key[:48]:48} " + "  ".join(row))
    if args.out:
        args.out.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
