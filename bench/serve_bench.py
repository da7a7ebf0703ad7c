"""The endpoint under load: ungakg serve against the raw Oxigraph server and rdflib-endpoint, in one run.

All servers serve the same data on loopback: ours and ``oxigraph serve-read-only``
read the very same store folder (``published/.store/db``); rdflib-endpoint loads
the merged dump (``ungakg.nt.gz``), which is the same default graph. Measured:

- latency of every query in ``queries/``: sequential requests, median and p95;
- latency and throughput under 1, 4 and 16 concurrent connections with wrk (bounded in
  time) of the questions asked most of a public endpoint: a lookup, joins and an aggregate
  about one resolution or session (``WORKLOADS``);
- the time to render resolution and body pages.

Usage::

    python bench/serve_bench.py --published published --label corpus --out bench/out/serve-corpus.json
    python bench/serve_bench.py --published bench/out/published-10000 --label 10k --no-rdflib --out bench/out/serve-10k.json

Needs ``wrk`` (Debian) and the ``oxigraph`` and ``rdflib-endpoint`` commands (PyPI).
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mapper.publish.readback import base_of  # noqa: E402
from mapper.publish.store import STORE, open_store  # noqa: E402
from tests.support.servers import free_port, stop  # noqa: E402

QUERIES = sorted((ROOT / "queries").glob("*.rq"))
JSON = "application/sparql-results+json"
CLIENT_TIMEOUT = 120  # seconds a client waits for one answer


@contextmanager
def process(args: list[str], url: str, ready_path: str, seconds: float = 600, cwd: Path = ROOT):
    p = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        host, port = url.removeprefix("http://").split(":")
        deadline = time.monotonic() + seconds
        while True:
            try:
                status, _ = request(host, int(port), ready_path)
                if status == 200:
                    break
            except OSError:
                pass
            if p.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{args[0]} did not start")
            time.sleep(0.2)
        yield p
    finally:
        stop(p)


def request(host: str, port: int, path: str, accept: str = JSON, connection: http.client.HTTPConnection | None = None):
    c = connection or http.client.HTTPConnection(host, port, timeout=600)
    c.request("GET", path, headers={"Accept": accept})
    r = c.getresponse()
    body = r.read()
    if connection is None:
        c.close()
    return r.status, body


def latency(url: str, path: str, n: int, budget: float, accept: str = JSON) -> dict:
    """Sequential requests on one connection after a warm-up: at most ``n``, and none started after ``budget`` s."""
    host, port = url.removeprefix("http://").split(":")
    c = http.client.HTTPConnection(host, int(port), timeout=CLIENT_TIMEOUT)
    times = []
    started = time.monotonic()
    try:
        status, body = request(host, int(port), path, accept, c)  # warm-up
        for _ in range(n):
            if time.monotonic() - started > budget and times:
                break
            t = time.perf_counter()
            status, body = request(host, int(port), path, accept, c)
            times.append(time.perf_counter() - t)
    except TimeoutError:
        return {"status": "timeout", "n": len(times), "median_ms": CLIENT_TIMEOUT * 1000, "p95_ms": CLIENT_TIMEOUT * 1000, "rows": None}
    finally:
        c.close()
    times.sort()
    rows = len(json.loads(body)["results"]["bindings"]) if accept == JSON and status == 200 else None
    return {"status": status, "n": len(times), "median_ms": statistics.median(times) * 1000,
            "p95_ms": times[min(len(times) - 1, int(0.95 * len(times)))] * 1000, "rows": rows}


def wrk(url: str, connections: int, seconds: int) -> dict:
    threads = min(2, connections)
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency", "--timeout", "30s",
                          "-H", f"Accept: {JSON}", url], check=True, capture_output=True, text=True, timeout=seconds + 60).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    p50 = re.search(r"50%\s+([\d.]+)(\w+)", out)
    return {"rps": rps, "non_2xx": int(errors.group(1)) if errors else 0,
            "p50": f"{p50.group(1)}{p50.group(2)}" if p50 else None}


_PREFIXES = """PREFIX unga: <https://w3id.org/ungakg/ontology#> PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
# What a public endpoint is asked most: about one resource, one resolution, one session. (The
# examples of queries/ ask about the whole corpus; their latency is measured above.)
WORKLOADS = {
    "lookup": "SELECT ?p ?o WHERE {{ <{r}> ?p ?o }}",
    "join": _PREFIXES + """SELECT ?p ?n ?body ?label WHERE {{
  <{r}> unga:operativeParagraph ?p . ?p unga:number ?n ; unga:mentionsBody ?body . ?body rdfs:label ?label }}""",
    "join-optional": _PREFIXES + """SELECT ?part ?cited ?symbol ?date WHERE {{
  ?c unga:citingParagraph ?part ; unga:citedEntity ?cited . ?part eli:is_part_of <{r}> .
  OPTIONAL {{ ?cited unga:symbol ?symbol }} OPTIONAL {{ ?cited eli:date_document ?date }} }}""",
    "aggregate": _PREFIXES + """SELECT ?body (COUNT(*) AS ?n) WHERE {{
  ?res unga:session <{session}> . ?p eli:is_part_of ?res ; unga:mentionsBody ?body }} GROUP BY ?body ORDER BY DESC(?n)""",
}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--published", default="published")
    ap.add_argument("--label", default="corpus")
    ap.add_argument("--out", required=True)
    ap.add_argument("--table", action="store_true", help="print the table of an earlier run's --out file, and stop")
    ap.add_argument("--requests", type=int, default=30, help="sequential requests per query and server")
    ap.add_argument("--budget", type=float, default=60, help="seconds at most per query and server for latency")
    ap.add_argument("--seconds", type=int, default=10, help="wrk duration per point")
    ap.add_argument("--no-rdflib", action="store_true", help="skip rdflib-endpoint (it cannot hold large graphs in memory)")
    ap.add_argument("--timeout", type=int, default=60, help="ungakg serve's query time limit in the run")
    ap.add_argument("--baseline", metavar="DIR", help="also run the ungakg serve of this checkout (an earlier commit), as ungakg-baseline")
    ap.add_argument("--repeat", type=int, default=1, help="wrk runs per point and server, interleaved; the median is kept")
    ap.add_argument("--serve-arg", action="append", default=[], metavar="ARG",
                    help="one more argument for ungakg serve (repeatable), e.g. --serve-arg=--per-client=2")
    args = ap.parse_args()
    if args.table:
        print(table(json.loads(Path(args.out).read_text())))
        return 0
    published = Path(args.published).resolve()
    t = time.perf_counter()
    open_store(published)  # built if missing, as `ungakg serve` does
    store_seconds = time.perf_counter() - t
    results: dict = {"label": args.label, "serve_args": args.serve_arg, "published": str(published), "store_ready_s": store_seconds, "seconds": args.seconds,
                     "servers": {}}
    resolution = _first_resolution(published)
    workloads = {k: v.format(r=resolution, session=_session(resolution)) for k, v in WORKLOADS.items()}
    with ExitStack() as stack:
        servers = {}
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        t = time.perf_counter()
        stack.enter_context(process([sys.executable, "-m", "mapper.cli", "serve", "--published", str(published), "--port", str(port),
                                     "--log-level", "warning", "--timeout", str(args.timeout), "--row-cap", "1000000", *args.serve_arg],
                                    url, "/sparql?query=ASK%7B%7D"))
        results["ungakg_start_s"] = time.perf_counter() - t
        servers["ungakg"] = url + "/sparql"
        if args.baseline:
            port = free_port()
            url = f"http://127.0.0.1:{port}"
            stack.enter_context(process([sys.executable, "-m", "mapper.cli", "serve", "--published", str(published), "--port", str(port),
                                         "--log-level", "warning", "--timeout", str(args.timeout), "--row-cap", "1000000"],
                                        url, "/sparql?query=ASK%7B%7D", cwd=Path(args.baseline)))
            servers["ungakg-baseline"] = url + "/sparql"
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        stack.enter_context(process(["oxigraph", "serve-read-only", "--location", str(published / STORE / "db"), "--bind", f"127.0.0.1:{port}"],
                                    url, "/query?query=ASK%7B%7D"))
        servers["oxigraph"] = url + "/query"
        if not args.no_rdflib:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            nt = work / "ungakg.nt"
            with gzip.open(published / "ungakg.nt.gz") as src, open(nt, "wb") as dst:
                shutil.copyfileobj(src, dst)
            port = free_port()
            url = f"http://127.0.0.1:{port}"
            t = time.perf_counter()
            stack.enter_context(process(["rdflib-endpoint", "serve", str(nt), "--host", "127.0.0.1", "--port", str(port)], url,
                                        "/?query=ASK%7B%7D"))
            results["rdflib_start_s"] = time.perf_counter() - t
            servers["rdflib-endpoint"] = url + "/"

        for name, endpoint in servers.items():
            print(f"latency: {name}", file=sys.stderr, flush=True)
            server, path = _split(endpoint)
            r = {"latency": {}, "throughput": {}}
            for q in QUERIES:
                print(f"  {q.name}", file=sys.stderr, flush=True)
                r["latency"][q.name] = latency(server, path + "?" + urlencode({"query": q.read_text()}), args.requests, args.budget)
            for kind, text in workloads.items():
                r["latency"][kind] = latency(server, path + "?" + urlencode({"query": text}), args.requests, args.budget)
            results["servers"][name] = r
        runs: dict = {}
        for _ in range(args.repeat):  # points outside, servers inside: the machine's drift falls on all alike
            for kind, text in workloads.items():
                for c in (1, 4, 16):
                    for name, endpoint in servers.items():
                        print(f"throughput: {name} {kind} c={c}", file=sys.stderr, flush=True)
                        runs.setdefault((name, f"{kind}-c{c}"), []).append(wrk(endpoint + "?" + urlencode({"query": text}), c, args.seconds))
        for (name, point), points in runs.items():
            results["servers"][name]["throughput"][point] = sorted(points, key=lambda r: r["rps"])[len(points) // 2]
        ours = _split(servers["ungakg"])[0]
        page = "/" + resolution[len(base_of(published / "void.ttl")):]
        results["pages"] = {
            "resolution": latency(ours, page, args.requests * 2, args.budget, accept="text/html"),
            "body": latency(ours, "/body/secretary-general", args.requests, args.budget, accept="text/html"),
            "event": latency(ours, "/event/igf-4", args.requests, args.budget, accept="text/html"),
            "description_ttl": latency(ours, page, args.requests * 2, args.budget, accept="text/turtle"),
        }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=1))
    print(table(results))
    return 0


def _session(resolution: str) -> str:
    """``{base}resolution/A-RES-57-295`` -> ``{base}session/57``."""
    base, slug = resolution.split("resolution/")
    return f"{base}session/{slug.split('-')[2]}"


def _split(endpoint: str) -> tuple[str, str]:
    """``http://127.0.0.1:8000/sparql`` -> (``http://127.0.0.1:8000``, ``/sparql``)."""
    m = re.match(r"(http://[^/]+)(/.*)", endpoint)
    return m.group(1), m.group(2)


def _first_resolution(published: Path) -> str:
    with gzip.open(published / "ungakg.nt.gz") as dump:
        for line in dump:
            if b"#Resolution>" in line and b"rdf-syntax-ns#type" in line:
                return line.split(b" ")[0].decode()[1:-1]
    raise SystemExit("no resolution in the dump")


def _ratio(rps: dict, a: str, b: str) -> str:
    return f"{rps[a] / rps[b]:,.2f}x" if rps[b] else "n/a"


def table(results: dict) -> str:
    servers = list(results["servers"])
    lines = [f"### {results['label']}", "", "| query | " + " | ".join(f"{s} median / p95 ms" for s in servers) + " |",
             "|---|" + "---|" * len(servers)]
    for q in results["servers"]["ungakg"]["latency"]:
        cells = []
        for s in servers:
            x = results["servers"][s]["latency"][q]
            if x["status"] == "timeout":
                cells.append(f"> {CLIENT_TIMEOUT} s")
            else:
                cells.append(f"{x['median_ms']:,.1f} / {x['p95_ms']:,.1f}" + ("" if x["status"] == 200 else f" ({x['status']})"))
        lines.append(f"| {q} | " + " | ".join(cells) + " |")
    baseline = "ungakg-baseline" in servers
    lines += ["", "| throughput (req/s) | " + " | ".join(servers) + " | ungakg / oxigraph |" + (" baseline / oxigraph |" if baseline else "")
              + (" ungakg / rdflib |" if "rdflib-endpoint" in servers else ""),
              "|---|" + "---|" * (len(servers) + 1 + baseline + ("rdflib-endpoint" in servers))]
    for point in results["servers"]["ungakg"]["throughput"]:
        runs = {s: results["servers"][s]["throughput"][point] for s in servers}
        # requests answered 2xx per second: a 503 "busy" or a timeout is not throughput
        rps = {s: r["rps"] * (1 - r["non_2xx"] / max(1, r["rps"] * results.get("seconds", 10))) for s, r in runs.items()}
        cells = [f"{rps[s]:,.1f}" + (f" ({runs[s]['non_2xx']:,} non-2xx)" if runs[s]["non_2xx"] else "") for s in servers]
        row = f"| {point} | " + " | ".join(cells) + f" | {_ratio(rps, 'ungakg', 'oxigraph')} |"
        if baseline:
            row += f" {_ratio(rps, 'ungakg-baseline', 'oxigraph')} |"
        if "rdflib-endpoint" in servers:
            row += f" {_ratio(rps, 'ungakg', 'rdflib-endpoint')} |"
        lines.append(row)
    lines += ["", "| page | status | median ms | p95 ms |", "|---|---|---|---|"]
    for name, x in results["pages"].items():
        lines.append(f"| {name} | {x['status']} | {x['median_ms']:.1f} | {x['p95_ms']:.1f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
