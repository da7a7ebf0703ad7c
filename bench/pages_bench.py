"""Pages for people: how long ``ungakg serve`` takes to answer each kind of page, against an earlier version.

Both servers are real processes on loopback serving the same published folder, one after the other (each
opens the store read-only; the folder must hold a current store, as ``ungakg build`` leaves it); each page is asked ``--requests`` times on one connection after
a warm-up, and the median and 95th percentile are reported. The baseline is another checkout of the project
(``git worktree add /tmp/base REV``): the pages it does not have answer 404 there and are reported as such.

    python bench/pages_bench.py --published bench/out/published-10000 --baseline /tmp/base --out bench/out/pages-10k.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from bench.serve_bench import latency, process  # noqa: E402
from tests.support.servers import free_port  # noqa: E402

LONG_TITLE = "Information and communications technologies for sustainable development"  # 78/132 and its copies


def pages(published: Path) -> dict[str, str]:
    """The pages measured: every kind, on the longest resolution (78/132 or a copy of it) and common names."""
    store = ox.Store.read_only(str(published / ".store" / "db"))
    rows = list(store.query(f"""PREFIX eli: <http://data.europa.eu/eli/ontology#> PREFIX unga: <https://w3id.org/ungakg/ontology#>
        SELECT ?r WHERE {{ ?r eli:is_realized_by/eli:title "{LONG_TITLE}"@en ; unga:symbol ?s }} ORDER BY ?s LIMIT 1"""))
    longest = rows[0]["r"].value.split("/resolution/", 1)[1]
    del store
    return {
        "home": "/",
        "resolution (78/132's text)": f"/resolution/{longest}",
        "resolution index": "/resolution/",
        "resolution index by committee, page 3": "/resolution/?sort=committee&page=3",
        "body index": "/body/",
        "event index": "/event/",
        "session index": "/session/",
        "place index": "/place/?sort=count",
        "topic index": "/topic/",
        "body (Secretary-General)": "/body/secretary-general",
        "body (ITU)": "/body/itu",
        "event (IGF 4)": "/event/igf-4",
        "search page": "/search?q=" + quote("digital divide"),
        "search page, filtered": "/search?q=" + quote('"Internet Governance Forum"') + "&part=operative",
        "ontology": "/ontology",
    }


@contextmanager
def server(checkout: Path, published: Path):
    """``ungakg serve`` of ``checkout`` (its own code, whatever is installed) on ``published``, on a free loopback port."""
    port = free_port()
    code = f"import sys; sys.path.insert(0, {str(checkout)!r}); from mapper.cli import main; sys.exit(main())"
    url = f"http://127.0.0.1:{port}"
    with process([sys.executable, "-c", code, "serve", "--published", str(published.resolve()), "--port", str(port)], url,
                 "/sparql?query=ASK%7B%7D", seconds=900, cwd=checkout):  # the first start may build the store
        yield url


def measure(url: str, paths: dict[str, str], n: int, budget: float, firsts: list[str]) -> dict:
    out = {name: latency(url, path, n, budget, accept="text/html") for name, path in paths.items()}
    out["resolution (78/132's text), first view"] = first_views(url, firsts)
    return out


def first_views(url: str, paths: list[str]) -> dict:
    """Each page asked once, none before: what the first visitor of a resolution waits (the server keeps pages made)."""
    import http.client
    import time

    host, port = url.removeprefix("http://").split(":")
    times, status = [], 0
    for path in paths:
        c = http.client.HTTPConnection(host, int(port), timeout=120)
        t = time.perf_counter()
        c.request("GET", path, headers={"Accept": "text/html"})
        r = c.getresponse()
        r.read()
        times.append(time.perf_counter() - t)
        status = r.status
        c.close()
    times.sort()
    return {"status": status, "n": len(times), "median_ms": statistics.median(times) * 1000,
            "p95_ms": times[min(len(times) - 1, int(0.95 * len(times)))] * 1000, "rows": None}


def long_resolutions(published: Path, n: int) -> list[str]:
    """Pages of ``n`` distinct resolutions with 78/132's text (copies in the scaled graph)."""
    store = ox.Store.read_only(str(published / ".store" / "db"))
    rows = list(store.query(f"""PREFIX eli: <http://data.europa.eu/eli/ontology#> PREFIX unga: <https://w3id.org/ungakg/ontology#>
        SELECT ?r WHERE {{ ?r eli:is_realized_by/eli:title "{LONG_TITLE}"@en ; unga:symbol ?s }} ORDER BY DESC(?s) LIMIT {n}"""))
    return ["/resolution/" + row["r"].value.split("/resolution/", 1)[1] for row in rows]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--published", type=Path, default=ROOT / "published")
    ap.add_argument("--baseline", type=Path, help="another checkout of the project, served on a copy of the same folder")
    ap.add_argument("--requests", type=int, default=30)
    ap.add_argument("--budget", type=float, default=30.0, help="seconds per page at most")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    paths = pages(args.published)
    firsts = long_resolutions(args.published, args.requests)
    results: dict = {"published": str(args.published), "paths": paths, "first views": firsts, "servers": {}}
    with server(ROOT, args.published) as url:
        results["servers"]["ungakg"] = measure(url, paths, args.requests, args.budget, firsts)
    if args.baseline:  # after ours, on the same folder: both open the store read-only
        with server(args.baseline, args.published) as url:
            results["servers"]["baseline"] = measure(url, paths, args.requests, args.budget, firsts)
    print(f"{'page':42} {'status':>6} {'median ms':>10} {'p95 ms':>8}" + ("   baseline: status, median, p95" if args.baseline else ""))
    for name in results["servers"]["ungakg"]:
        r = results["servers"]["ungakg"][name]
        line = f"{name:42} {r['status']:>6} {r['median_ms']:10.1f} {r['p95_ms']:8.1f}"
        if args.baseline:
            b = results["servers"]["baseline"][name]
            line += f"   {b['status']:>6} {b['median_ms']:8.1f} {b['p95_ms']:8.1f}"
        print(line)
    every = [r["median_ms"] for r in results["servers"]["ungakg"].values()]
    print(f"median of the pages' medians: {statistics.median(every):.1f} ms; slowest: {max(every):.1f} ms")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
