"""JSON-LD compacted with the prefixes: mapper/rdf/jsonld.py against pyLD and rdflib, on the published graphs.

    python bench/jsonld_bench.py [--runs 7]

For one resolution's named graph (the largest of published/) and for the whole dataset
(ungakg.nq.gz), the median seconds of: pyoxigraph's expanded JSON-LD (what the build wrote
before), mapper.rdf.jsonld (what it writes now), pyLD's compaction of the same expanded
document with the same context (``skipExpansion``; its ``from_rdf`` is far slower still), and
rdflib's JSON-LD serializer with the context (the rdflib graph made beforehand, not timed).
Each output is checked: it must expand (pyoxigraph's parser) to exactly the input's quads.
Prints a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mapper.rdf.jsonld import CONTEXT, document  # noqa: E402

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def by_pyld(quads: list[ox.Quad]) -> bytes:
    from pyld import jsonld

    expanded = json.loads(ox.serialize(quads, format=ox.RdfFormat.JSON_LD))
    for graph in expanded:
        for node in [graph, *graph.get("@graph", [])]:
            objects = node.get(RDF_TYPE)
            if objects and all(set(o) == {"@id"} for o in objects):
                node["@type"] = [o["@id"] for o in node.pop(RDF_TYPE)]
    out = jsonld.compact(expanded, {"@context": CONTEXT}, {"skipExpansion": True})
    return json.dumps(out, ensure_ascii=False, separators=(",", ":")).encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    import rdflib

    quads = list(ox.parse(gzip.decompress((ROOT / "published" / "ungakg.nq.gz").read_bytes()), format=ox.RdfFormat.N_QUADS))
    graphs: dict[str, list[ox.Quad]] = {}
    for q in quads:
        graphs.setdefault(q.graph_name.value, []).append(q)
    largest = max((g for g in graphs if "/graph/resolution/" in g), key=lambda g: len(graphs[g]))
    print("| data | quads | pyoxigraph, expanded | mapper.rdf.jsonld | pyLD (compact, skipExpansion) | rdflib (context) |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, data in ((largest.rsplit("/", 1)[1], graphs[largest]), ("the dataset", quads)):
        dataset = rdflib.Dataset()
        dataset.parse(data=ox.serialize(data, format=ox.RdfFormat.N_QUADS).decode(), format="nquads")
        ways = {
            "expanded": lambda d=data: ox.serialize(d, format=ox.RdfFormat.JSON_LD),
            "ours": lambda d=data: document(d),
            "pyld": lambda d=data: by_pyld(d),
            "rdflib": lambda ds=dataset: ds.serialize(format="json-ld", context=CONTEXT, auto_compact=True).encode(),
        }
        want = set(data)
        seconds = {}
        for name, write in ways.items():
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                body = write()
                times.append(time.perf_counter() - started)
            got = set(ox.parse(body, format=ox.RdfFormat.JSON_LD))
            ok = got == want
            seconds[name] = f"{statistics.median(times):.3f} s" + ("" if ok else f" (wrong: {len(got ^ want)} quads differ)")
        print(f"| {label} | {len(data):,} | {seconds['expanded']} | {seconds['ours']} | {seconds['pyld']} | {seconds['rdflib']} |")


if __name__ == "__main__":
    main()
