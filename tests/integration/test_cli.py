"""The installed ``ungakg`` command behaves as ``main(argv)`` does in process (tests/unit/cli/).

The unit tier runs the command line in process; these run the console script
pip installed, as its own process, and require the same exit status and the
same bytes on stdout and stderr.
"""

import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest

from tests.support.cli import run_main
from tests.support.paths import CORPUS


def installed() -> str:
    scripts = Path(sysconfig.get_path("scripts")) / "ungakg"
    command = str(scripts) if scripts.exists() else shutil.which("ungakg")
    assert command, "the ungakg command is not installed: python3 -m pip install -e . (.ci/run does)"
    return command


@pytest.mark.parametrize("args", [
    ("parse", "--json", "{bad}", str(CORPUS / "A-RES-57-295.txt")),  # one bad file in a batch: exit 1, one line, the rest printed
    ("parse", "--jobs", "x", "f.txt"),  # a usage error: exit 2
], ids=["bad-input", "usage"])
def test_the_installed_command_behaves_as_main(tmp_path, capsys, args):
    bad = tmp_path / "page.html"
    bad.write_bytes(b"<!DOCTYPE html>\n<html><body><p>The General Assembly,</p></body></html>")
    args = [a.format(bad=bad) for a in args]
    process = subprocess.run([installed(), *args], capture_output=True, text=True, timeout=120)
    in_process = run_main(capsys, *args)
    assert (process.returncode, process.stdout, process.stderr) == (in_process.returncode, in_process.stdout, in_process.stderr)
    assert process.returncode in (1, 2) and process.stderr
