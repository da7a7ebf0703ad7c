"""Options of the commands, read by the parser and run in process."""

import json

from tests.support.paths import CORPUS


def test_no_facts_gives_the_structure_without_facts(ungakg):
    result = ungakg("parse", "--json", "--no-facts", CORPUS / "A-RES-57-295.txt")
    assert result.returncode == 0, result.stderr
    (r,) = json.loads(result.stdout)
    assert r["preamble"][0]["citations"] == [] and r["operative"][2]["mandates"] == []
    assert r["operative"][2]["subparagraphs"][0]["id"] == "para_3_list_point_a"  # the structure is all there
    with_facts = json.loads(ungakg("parse", "--json", CORPUS / "A-RES-57-295.txt").stdout)[0]
    assert with_facts["operative"][2]["mandates"], "without --no-facts the same paragraph has its mandate"


def test_build_runs_on_every_core_by_default():
    """Regression: argparse does not convert a non-string default, and 0 meant one process."""
    import os

    from mapper.cli import _parser

    assert _parser().parse_args(["build"]).jobs == (os.cpu_count() or 1)
    assert _parser().parse_args(["build", "-j", "1"]).jobs == 1


def test_another_corpus_without_out_is_refused_before_anything_is_written(tmp_path, monkeypatch):
    """`ungakg build --corpus X` without --out would overwrite the project's published/ with X's graph."""
    from mapper.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "texts").mkdir()
    published = tmp_path / "published"
    published.mkdir()
    (published / "keep.txt").write_text("the project's build")
    assert main(["build", "--corpus", "texts"]) == 2
    assert [p.name for p in published.iterdir()] == ["keep.txt"]


def test_a_busy_port_is_said_in_one_line_before_anything_starts(capsys):
    """`ungakg serve` on a port another server holds: one line, exit status 1, no claim to serve, no worker started."""
    import socket

    from mapper.cli import main
    from tests.support.paths import PUBLISHED

    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    try:
        port = holder.getsockname()[1]
        assert main(["serve", "--published", str(PUBLISHED), "--port", str(port)]) == 1
    finally:
        holder.close()
    err = capsys.readouterr().err
    assert err.splitlines() == [f"error: 127.0.0.1:{port}: the address is in use (another server?): choose another --port"]
