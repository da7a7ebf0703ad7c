"""The ``ungakg`` command: arguments read, one stage's entry point called, errors printed as one line each.

``parse`` reads the files itself (in worker processes) and calls :mod:`mapper.parse` and
:mod:`mapper.extract`; ``diff`` calls :mod:`mapper.extract.lineage`; ``build`` calls :func:`mapper.publish.pipeline.run`; ``serve`` runs
:func:`mapper.server.create_app` in uvicorn; ``push`` and ``query`` call :mod:`mapper.remote`.

Exit status: 0 when every input succeeded, 1 when any input failed (each
failure is one line on stderr naming the file, the line and what was
expected; the other inputs are still processed), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import socket
import sys
import traceback
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from mapper import __version__
from mapper.core.model import Resolution
from mapper.errors import InputError, SandboxError, UngakgError
from mapper.extract import annotate
from mapper.lexicon.authority import authorities
from mapper.parse import parse_bytes
from mapper.parse.json import resolution_to_json
from mapper.parse.source import is_resolution_text
from mapper.rdf.iris import DEFAULT_BASE, Iris
from mapper.remote.query import FORMATS
from mapper.server.config import Option, Settings, positive_float, positive_int


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # "ungakg parse ... | head"
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ungakg",
        description="A knowledge graph of United Nations General Assembly resolutions.",
    )
    parser.add_argument("--version", action="version", version=f"ungakg {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    p = commands.add_parser(
        "parse",
        help="parse resolution texts into the typed model",
        description=(
            "Parse resolution texts (ODS export, plain text, plain text with inline footnotes, Markdown "
            "converted from PDF, or text extracted from the PDF; the layout is detected) and print a summary, "
            "or with --json a JSON array "
            "with one object per input file, in order: the structure, and for every paragraph, "
            "sub-paragraph and footnote the facts read from it (citations, bodies, events, places, "
            "mandates, topics, figures) with the characters they were read from. A directory stands for "
            "the .txt and .md files in it."
        ),
        epilog=(
            "Exit status: 0 when every file parsed; 1 when any failed (one line per failure on stderr, "
            "naming the file, the line and what was expected; the other files are still printed); "
            "2 for a usage error."
        ),
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="resolution text files or directories of them")
    p.add_argument("--json", action="store_true", help="print the parsed model as a JSON array")
    p.add_argument("--jobs", "-j", type=_jobs, default=1, metavar="N", help="parse on N processes (0: one per core; default 1)")
    p.add_argument("--encoding", metavar="ENC", help="read the files in this encoding instead of UTF-8 (e.g. windows-1252)")
    p.add_argument("--no-facts", action="store_true", help="skip the extraction: structure only, several times faster")
    p.add_argument("--debug", action="store_true", help="show a traceback for an internal error")
    p.set_defaults(run=_run_parse)

    b = commands.add_parser(
        "build",
        help="build the graph from the corpus and write published/",
        description=(
            "Parse, map to RDF and validate (SHACL) every resolution text of the corpus, then write the "
            "published files: one Turtle file per resolution; the dataset as Turtle, sorted N-Triples "
            "(gzipped), TriG and N-Quads (one named graph per resolution) and JSON-LD; the vocabularies "
            "(clause verbs, topics, authority files); the ontology and its documentation, the shapes, the "
            "validation report, VoID/DCAT and SHA256SUMS; and the store the server reads (published/.store, "
            "not published). All or nothing: on any failure the previous output is left untouched."
        ),
        epilog="Exit status: 0 when built; 1 when any file failed to parse or any graph broke a shape (reported on stderr); 2 for a usage error (another --corpus without --out among them).",
    )
    b.add_argument("--corpus", default="corpus", metavar="DIR", help="folder of resolution texts (default: corpus)")
    b.add_argument("--out", metavar="DIR",
                   help="folder to publish into (default: published, for the project's corpus only: a build of another "
                        "--corpus needs its own --out, so that published/ is never overwritten by it)")
    b.add_argument("--base", default=DEFAULT_BASE, metavar="IRI", help=f"base of the IRIs minted (default: {DEFAULT_BASE})")
    b.add_argument("--jobs", "-j", type=_jobs, default="0", metavar="N", help="build on N processes (0: one per core; the default)")
    b.set_defaults(run=_run_build)

    s = commands.add_parser(
        "serve",
        help="serve the published graph: SPARQL endpoint, resource pages, downloads",
        description=(
            "Serve the graph of a published folder over HTTP: the SPARQL 1.1 endpoint at /sparql (read-only), "
            "every IRI under the base as a page or as RDF by content negotiation, a query page at /query, "
            "the published files at /download/ and VoID at /.well-known/void. Reads the embedded store "
            "that `ungakg build` writes (published/.store); builds it from the dumps first if it is missing "
            "or was made from other dumps; a build swapped in while it serves is followed at once. Queries run in "
            "worker processes that cannot reach the network (only the --allow-service targets), are shared fairly "
            "among client addresses, and are killed at the time limit or when their client hangs up."
        ),
        epilog="Stop with Ctrl+C. Exit status: 0 after a clean stop; 1 when the address is in use (said in one line, "
               "before anything starts), the published folder cannot be served or the query workers cannot be "
               "confined; 2 for a usage error.",
    )
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    s.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    for name, option in _serve_options():
        default = option.cli_default() if option.cli_default else getattr(Settings(), name)
        shown = option.shown or (default.as_posix() if isinstance(default, Path) else f"{default:g}" if isinstance(default, float) else default)
        s.add_argument(option.flag or f"--{name.replace('_', '-')}", dest=name, type=option.parse, metavar=option.metavar,
                       action="append" if option.repeated else "store", default=[] if option.repeated else default,
                       help=f"{option.help} (default: {shown})")
    s.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"], help="server log level (default: info)")
    s.set_defaults(run=_run_serve)

    u = commands.add_parser(
        "push",
        help="send the published graph to another SPARQL 1.1 store",
        description=(
            "Send the dataset of a published folder to a SPARQL 1.1 store, one named graph per resolution plus the "
            "vocabularies graph: through the Graph Store HTTP Protocol where the store offers it (PUT replaces each "
            "graph), else through SPARQL Update (DROP, then INSERT DATA in batches). The update and Graph Store URLs "
            "are those given, else read from the store's service description, else those of the server's known "
            "layout (Oxigraph, Virtuoso, Fuseki). Incremental: the store keeps a push ledger graph "
            "(<{base}graph/push-ledger>) with the SHA-256 of each graph's sorted N-Triples as sent; a graph is sent "
            "again only when its digest changed or the store no longer holds its published number of triples. "
            "An interrupted push resumes where it stopped. Graphs an earlier push sent that are no longer published "
            "are removed. Ends by checking every graph's triple count in the store against the published one."
        ),
        epilog=(
            "Credentials come from the environment, never from the command line: UNGAKG_TOKEN (bearer), or "
            "UNGAKG_USER and UNGAKG_PASSWORD (HTTP basic or digest, as the store asks; the password is asked for "
            "at a prompt when only the user is set), else ~/.netrc. Transient failures (connection errors, 408, 429, "
            "502, 503, 504) are tried again with exponential backoff. Exit status: 0 when every graph is in the "
            "store with its published triple count; 1 when a graph failed or a count differs (each named on "
            "stderr); 2 for a usage error; 130 when interrupted (run the same command again to resume)."
        ),
    )
    u.add_argument("--endpoint", required=True, metavar="URL", help="the store's SPARQL query endpoint")
    u.add_argument("--update", metavar="URL", help="its SPARQL Update endpoint (default: found as above)")
    u.add_argument("--store", metavar="URL", help="its Graph Store Protocol endpoint (default: found as above)")
    u.add_argument("--via", choices=["store", "update"], help="send through the Graph Store or SPARQL Update (default: the Graph Store if there is one)")
    u.add_argument("--published", default="published", metavar="DIR", help="folder written by `ungakg build` (default: published)")
    u.add_argument("--jobs", "-j", type=positive_int, default=2, metavar="N", help="requests in flight at once (default: 2)")
    u.add_argument("--batch", type=positive_int, default=1_000, metavar="N", help="most triples in one SPARQL Update request (default: 1000; Virtuoso refuses much more)")
    u.add_argument("--full", action="store_true", help="send every graph, whatever the ledger says")
    u.add_argument("--dry-run", action="store_true", help="print the graphs that would be sent and removed (one per line, on stdout), change nothing")
    u.add_argument("--retries", type=positive_int, default=5, metavar="N", help="tries again after a transient failure, up to N times (default: 5)")
    u.add_argument("--timeout", type=positive_float, default=300.0, metavar="S", help="seconds to wait for one answer (default: 300)")
    u.set_defaults(run=_run_push)

    q = commands.add_parser(
        "query",
        help="run a SPARQL query file against an endpoint (through SPARQLWrapper)",
        description=(
            "Run the SPARQL query in FILE (- for standard input) against an endpoint, ours or any other, and print "
            "the answer: SELECT and ASK as a table, CSV, TSV, SPARQL JSON or XML; CONSTRUCT and DESCRIBE as Turtle, "
            "JSON-LD or RDF/XML. Credentials as for `ungakg push`."
        ),
        epilog="Exit status: 0 when answered; 1 when the endpoint refused the query or could not be reached; 2 for a usage error.",
    )
    q.add_argument("file", metavar="FILE", help="a .rq file, or - for standard input")
    q.add_argument("--endpoint", default="http://127.0.0.1:8000/sparql", metavar="URL", help="SPARQL endpoint (default: http://127.0.0.1:8000/sparql, `ungakg serve`)")
    q.add_argument("--format", choices=FORMATS, help="answer format (default: table for SELECT/ASK, turtle for CONSTRUCT/DESCRIBE)")
    q.add_argument("--timeout", type=positive_int, default=60, metavar="S", help="seconds to wait for the answer (default: 60)")
    q.set_defaults(run=_run_query)

    d = commands.add_parser(
        "diff",
        help="what changed between two resolutions of a series, paragraph by paragraph",
        description=(
            "Match each preambular and operative paragraph of NEW to the paragraph of OLD it continues, as `ungakg build` "
            "does for the members of a series: kept (word for word), revised (with the share of words kept, and a word "
            "diff: [-removed-] {+added+}), or new; and list the paragraphs of OLD that NEW dropped."
        ),
        epilog="Exit status: 0 when both texts were read; 1 when either could not be; 2 for a usage error.",
    )
    d.add_argument("old", metavar="OLD", help="the earlier resolution's text (any supported layout)")
    d.add_argument("new", metavar="NEW", help="the later resolution's text")
    d.add_argument("--json", action="store_true", help="print the alignment as JSON instead of text")
    d.add_argument("--encoding", default=None, help="encoding of the files (default: detect)")
    d.set_defaults(run=_run_diff)
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    """The server's settings from serve's options (in the settings' units)."""
    values: dict[str, Any] = {}
    for name, option in _serve_options():
        value = getattr(args, name)
        values[name] = frozenset(value) if option.repeated else value * option.unit if option.unit != 1 else value
    return Settings(**values)


def _serve_options() -> list[tuple[str, Option]]:
    """The fields of :class:`~mapper.server.config.Settings` that ``ungakg serve`` offers, in order."""
    return [(f.name, f.metadata["option"]) for f in fields(Settings) if "option" in f.metadata]


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("expected 0 or more")
    return n or os.cpu_count() or 1


def expand(paths: Iterable[str]) -> list[str]:
    """Files as given; a directory stands for its text files (README excepted), sorted."""
    out: list[str] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            out += sorted(str(f) for f in p.iterdir() if is_resolution_text(f))
        else:
            out.append(path)
    return out


@dataclass(frozen=True)
class FileResult:
    """One file's result, made in the worker so that only strings cross processes."""

    json: str | None = None  # the resolution as indented JSON
    summary: str | None = None  # one line for the plain listing
    error: str | None = None  # one line naming the file and what was wrong


def parse_file(path: str, encoding: str | None = None, debug: bool = False, facts: bool = True) -> FileResult:
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        return FileResult(error=f"{path}: cannot read: {e.strerror or e}")
    try:
        resolution = parse_bytes(data, path, encoding)
        if facts:
            resolution = annotate(resolution, authorities())
        model = resolution_to_json(resolution)
    except InputError as e:
        return FileResult(error=str(e))
    except Exception as e:  # a bug must not stop the batch, nor print a traceback at the user
        if debug:
            traceback.print_exc()
        return FileResult(error=f"{path}: internal error ({type(e).__name__}: {e}); please report it with this file")
    return FileResult(json=json.dumps(model, ensure_ascii=False, indent=2), summary=_summary(resolution))


def _parse_one(job: tuple[str, str | None, bool, bool]) -> FileResult:
    return parse_file(*job)


def parse_many(paths: Sequence[str], encoding: str | None, jobs: int, debug: bool = False, facts: bool = True) -> Iterator[FileResult]:
    """Outcomes in input order, on ``jobs`` processes."""
    work = [(p, encoding, debug, facts) for p in paths]
    if jobs <= 1 or len(work) < 2:
        yield from map(_parse_one, work)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_parse_one, work, chunksize=max(1, min(64, len(work) // (jobs * 8) or 1)))


def _run_parse(args: argparse.Namespace) -> int:
    failed = 0
    first = True
    out = sys.stdout
    if args.json:
        out.write("[")
    for outcome in parse_many(expand(args.files), args.encoding, args.jobs, args.debug, not args.no_facts):
        if outcome.error:
            failed += 1
            print(f"error: {outcome.error}", file=sys.stderr, flush=True)
        elif args.json:
            # Streamed: a batch of 20,000 resolutions never sits in memory as one list.
            out.write(("\n" if first else ",\n") + (outcome.json or ""))
            first = False
        else:
            out.write(f"{outcome.summary}\n")
    if args.json:
        out.write("\n]\n" if not first else "]\n")
    return 1 if failed else 0


def _run_diff(args: argparse.Namespace) -> int:
    from mapper.extract.lineage import Outline, align, diff_words

    read: list[Outline] = []
    for path in (args.old, args.new):
        try:
            read.append(Outline.of(parse_bytes(Path(path).read_bytes(), path, args.encoding)))
        except OSError as e:
            print(f"error: {path}: cannot read: {e.strerror or e}", file=sys.stderr)
            return 1
        except InputError as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
    old, new = read
    succession = align(old, new)
    texts = {eid: text for eid, _, text in old.paragraphs} | {("new", eid): text for eid, _, text in new.paragraphs}
    if args.json:
        json.dump({"old": str(old.symbol), "new": str(new.symbol), "counts": succession.counts(),
                   "paragraphs": [{"eId": link.paragraph, "lineage": link.kind, "predecessor": link.predecessor,
                                   "similarity": link.similarity} for link in succession.links],
                   "dropped": list(succession.dropped)}, sys.stdout, indent=1)
        print()
        return 0
    counts = succession.counts()
    print(f"{new.symbol} since {old.symbol}: {counts['kept']} kept, {counts['revised']} revised, {counts['new']} new, "
          f"{counts['dropped']} dropped")
    for link in succession.links:
        if link.kind == "kept":
            print(f"{link.paragraph}: kept from {link.predecessor}")
        elif link.kind == "new":
            print(f"{link.paragraph}: new: {texts['new', link.paragraph]}")
        else:
            marked = "".join(t if op == "=" else f"[-{t.rstrip()}-] " if op == "-" else f"{{+{t.rstrip()}+}} "
                             for op, t in diff_words(texts[link.predecessor or ""], texts["new", link.paragraph]))
            print(f"{link.paragraph}: revised from {link.predecessor} ({link.similarity:.2f}): {marked}")
    for eid in succession.dropped:
        print(f"{eid} of {old.symbol}: dropped: {texts[eid]}")
    return 0


def _run_build(args: argparse.Namespace) -> int:
    from mapper.publish.pipeline import run

    corpus = Path(args.corpus)
    if args.out is None and corpus.resolve() != Path("corpus").resolve():
        print(f"error: --corpus {corpus}: say where to publish it with --out DIR (published/ holds the build of corpus/ "
              f"and is not overwritten by another corpus)", file=sys.stderr)
        return 2
    out = Path(args.out or "published")
    if not corpus.is_dir():
        print(f"error: {corpus}: not a folder of resolution texts", file=sys.stderr)
        return 1
    try:
        Iris(args.base)
    except ValueError as e:
        print(f"error: --base: {e}", file=sys.stderr)
        return 2
    try:
        return run(corpus, out, args.base, args.jobs)
    except UngakgError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1


def _run_serve(args: argparse.Namespace) -> int:
    import logging

    import uvicorn

    from mapper.publish.store import is_current
    from mapper.server import create_app
    from mapper.server.http import limited

    settings = _settings(args)
    published = settings.published
    if not (published / "void.ttl").is_file():
        print(f"error: {published}: not a published folder (no void.ttl); run `ungakg build` first", file=sys.stderr)
        return 1
    try:  # the address first: a busy port is said in one line, before any worker starts or any claim to serve
        sock = _listening_socket(args.host, args.port)
    except OSError as e:
        reason = "the address is in use (another server?): choose another --port" if e.errno == errno.EADDRINUSE else e.strerror
        print(f"error: {args.host}:{args.port}: {reason}", file=sys.stderr)
        return 1
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s: %(message)s")
    try:
        if not is_current(published):
            print(f"building {published}/.store from the dumps (once; `ungakg build` makes it beforehand) ...", file=sys.stderr, flush=True)
        app = create_app(settings)
    except SandboxError as e:
        print(f"error: the query workers cannot be confined: {e}", file=sys.stderr)
        return 1
    except (UngakgError, OSError, ValueError) as e:
        print(f"error: {published}: {e}", file=sys.stderr)
        return 1
    print(f"serving {published} on http://{args.host}:{args.port}/ (SPARQL: /sparql, queries: /query)", file=sys.stderr, flush=True)
    # the request target may hold a query string of max-request-bytes, with the path and the other parameters
    http = limited(url_bytes=settings.max_request_bytes + 2048, head_seconds=settings.header_timeout, body_seconds=settings.body_timeout)
    config = uvicorn.Config(app, host=args.host, port=args.port, http=http, log_level=args.log_level,
                            access_log=args.log_level == "debug", server_header=False, timeout_graceful_shutdown=5)
    uvicorn.Server(config).run(sockets=[sock])
    return 0


def _listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port``, as uvicorn binds one (address reuse on, so a restart need not wait)."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def _run_push(args: argparse.Namespace) -> int:
    import signal

    from tqdm import tqdm

    from mapper.publish.readback import QUADS
    from mapper.remote.client import Credentials, Remote, Retry, discover
    from mapper.remote.push import Push, Report

    published = Path(args.published)
    if not (published / QUADS).is_file() or not (published / "void.ttl").is_file():
        print(f"error: {published}: not a published folder (no {QUADS} or void.ttl); run `ungakg build` first", file=sys.stderr)
        return 1
    bar: tqdm | None = None

    def stopped(*_: object) -> None:  # `kill` stops a push as Ctrl+C does: what was sent is recorded first
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stopped)

    def progress(read: int, graphs: int, report: Report) -> None:
        assert bar is not None  # made before the push reads anything
        bar.update(read - bar.n)
        bar.set_postfix_str(f"{graphs} graphs: {len(report.sent)} sent, {report.unchanged} unchanged", refresh=False)

    try:
        credentials = Credentials.from_environment()
        endpoints = discover(args.endpoint, args.update, args.store, credentials)
        with Remote(endpoints, credentials, retry=Retry(attempts=args.retries + 1), timeout=args.timeout,
                    on_retry=lambda message: tqdm.write(f"retry: {message}", file=sys.stderr)) as remote:
            push = Push(published, remote, via=args.via, jobs=args.jobs, batch=args.batch, full=args.full, progress=progress)
            print(f"pushing {published} to {push.report.endpoints}", file=sys.stderr, flush=True)
            bar = tqdm(total=(published / QUADS).stat().st_size, unit="B", unit_scale=True, desc="push", file=sys.stderr, disable=None,
                       bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} read [{elapsed}<{remaining}]{postfix}")
            report = push.plan() if args.dry_run else push.run()
    except UngakgError as e:
        if bar is not None:
            bar.close()
        print(f"error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        if bar is not None:
            bar.close()
        print("interrupted: what was sent is recorded in the store's push ledger; run the same command again to resume", file=sys.stderr)
        return 130
    if bar is not None:
        bar.close()
    if args.dry_run:
        sys.stdout.writelines([f"send\t{g}\n" for g in report.sent] + [f"remove\t{g}\n" for g in report.removed])
        print(f"{report.published} graphs: {len(report.sent)} to send ({report.triples_sent:,} triples), {report.unchanged} unchanged, "
              f"{len(report.removed)} to remove; a dry run: the store is unchanged", file=sys.stderr)
        return 0
    for graph, message in sorted(report.failed.items()):
        print(f"error: {message}" if message.startswith(f"graph <{graph}>") else f"error: graph <{graph}>: {message}", file=sys.stderr)
    if report.aborted:
        print(f"error: stopped: {report.aborted}", file=sys.stderr)
        return 1
    rate = f", {report.triples_sent / report.seconds:,.0f} triples/s" if report.seconds and report.triples_sent else ""
    print(f"{report.published} graphs: {len(report.sent)} sent ({report.triples_sent:,} triples), {report.unchanged} unchanged, "
          f"{len(report.removed)} removed, {len(report.failed)} failed; {report.seconds:.1f} s{rate}", file=sys.stderr)
    for graph, (expected, found) in sorted(report.mismatched.items()):
        print(f"error: graph <{graph}>: the store holds {found if found is not None else 'no'} triples, published {expected}", file=sys.stderr)
    if report.ok:
        print(f"checked: every graph in the store holds its published number of triples ({report.published} graphs)", file=sys.stderr)
    return 0 if report.ok else 1


def _run_query(args: argparse.Namespace) -> int:
    from mapper.remote.client import Credentials
    from mapper.remote.query import run

    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        print(f"error: {args.file}: cannot read: {e}", file=sys.stderr)
        return 1
    try:
        answer = run(args.endpoint, text, args.format, Credentials.from_environment(), args.timeout)
    except UngakgError as e:
        print(f"error: {args.file}: {e}", file=sys.stderr)
        return 1
    sys.stdout.buffer.write(answer.body)
    sys.stdout.flush()
    return 0


def _summary(r: Resolution) -> str:
    subs = sum(len(p.subparagraphs) for p in r.paragraphs)
    units = list(r.units())
    citations = sum(len(u.facts.citations) for u in units)
    mandates = sum(len(u.facts.mandates) for u in units)
    return (
        f"{r.symbol}\t{r.adopted.isoformat() if r.adopted else '-'}\t{r.source.layout}\t"
        f"{len(r.preamble)} preambular, {len(r.operative)} operative, {subs} sub-paragraphs, "
        f"{len(r.footnotes)} footnotes, {citations} citations, {mandates} mandates\t{r.title or '(no title)'}"
    )


if __name__ == "__main__":
    sys.exit(main())
