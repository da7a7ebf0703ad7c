"""Bad input: one clear line on stderr naming the file, the place and what was
expected; no traceback; the rest of the batch still parsed; exit 1 (2 for usage).

In process, through ``main(argv)`` (the ``ungakg`` fixture); that the installed
command behaves the same is tests/integration/test_cli.py.
"""

import json

import pytest

from tests.support.paths import CORPUS

GOOD = CORPUS / "A-RES-57-295.txt"
GOOD_TEXT = GOOD.read_text(encoding="utf-8")


def _truncated(text: str) -> str:
    """Cut a resolution inside its third operative paragraph."""
    cut = text.index("\t3.\t") + 80
    return text[:cut]


CASES = {
    # name: (bytes, what the message must say, line it must name or None)
    "empty.txt": (b"", "empty file", None),
    "blank.txt": (b"\n  \n\t\n", "empty file", None),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file", None),
    "cp1252.txt": (
        "Resolution adopted by the General Assembly\n\t\u201cquoted\u201d text\n".encode("cp1252"),
        "not UTF-8: byte 0x93 at column 2; the text looks like windows-1252", 2,
    ),
    "page.html": (b"<!DOCTYPE html>\n<html><body><p>The General Assembly,</p></body></html>", "HTML page", 1),
    "novel.txt": (b"It was a bright cold day in April,\nand the clocks were striking thirteen.\n", "no enacting formula", None),
    "security-council.txt": (
        b"Resolution 2623 (2022)\nAdopted by the Security Council at its 8980th meeting\n\nThe Security Council,\n\nTaking into account,\n",
        "a text of the Security Council", 4,
    ),
    "A-RES-57-295-truncated.txt": (_truncated(GOOD_TEXT).encode(), "the text stops inside operative paragraph 3", None),
    "preamble-only.txt": (GOOD_TEXT[: GOOD_TEXT.index("\t1.\t")].encode(), "ends in the preamble", None),
    "gap.txt": (GOOD_TEXT.replace("\t3.\t", "\t5.\t").encode(), "expected 3, found 5", 14),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_bad_input_gets_one_clear_line(ungakg, tmp_path, name):
    data, says, line = CASES[name]
    bad = tmp_path / name
    bad.write_bytes(data)
    result = ungakg("parse", "--json", bad, GOOD)
    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1, result.stderr
    assert "Traceback" not in result.stderr
    where = f"{bad}:{line}:" if line else f"{bad}:"
    assert errors[0].startswith(f"error: {where}"), errors[0]
    assert says in errors[0], errors[0]
    # The good file of the batch is still parsed and printed.
    assert [r["symbol"] for r in json.loads(result.stdout)] == ["A/RES/57/295"]


def test_batch_order_and_failures_in_the_middle(ungakg, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = ungakg("parse", "--json", CORPUS / "A-RES-64-187.txt", empty, missing := tmp_path / "missing.txt", GOOD)
    assert result.returncode == 1
    assert [r["symbol"] for r in json.loads(result.stdout)] == ["A/RES/64/187", "A/RES/57/295"]
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[1].startswith(f"error: {missing}: cannot read")


def test_windows_1252_reads_with_encoding_option(ungakg, tmp_path):
    text = GOOD_TEXT.replace("Recalling also that", "Recalling also that \u201cthe\u201d")
    f = tmp_path / "A-RES-57-295.txt"
    f.write_bytes(text.encode("cp1252"))
    assert ungakg("parse", f).returncode == 1
    result = ungakg("parse", "--json", "--encoding", "windows-1252", f)
    assert result.returncode == 0, result.stderr
    assert "\u201cthe\u201d" in json.loads(result.stdout)[0]["preamble"][1]["text"]


def test_all_good_exits_zero(ungakg):
    result = ungakg("parse", CORPUS)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 5


@pytest.mark.parametrize("args", [(), ("parse",), ("parse", "--jobs", "x", "f.txt"), ("nonsense",)])
def test_usage_errors_exit_two(ungakg, args):
    result = ungakg(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_no_symbol_anywhere(ungakg, tmp_path):
    text = GOOD_TEXT.replace("\t\t57/295.\t", "\t\t").replace("<<ODS DOC SYMBOL1>>A/RES/57/295<<ODS DOC SYMBOL1>>", "")
    text = text.replace("A/RES/57/295", "")
    f = tmp_path / "untitled.txt"
    f.write_text(text, encoding="utf-8")
    result = ungakg("parse", f)
    assert result.returncode == 1
    assert "no resolution symbol" in result.stderr and "A-RES-57-295.txt" in result.stderr
    # The same text named by its symbol parses, the symbol taken from the file name.
    named = tmp_path / "A-RES-57-295.txt"
    named.write_text(text, encoding="utf-8")
    result = ungakg("parse", "--json", named)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)[0]
    assert out["symbol"] == "A/RES/57/295"
    assert out["title"] == "Information and communication technologies for development"
