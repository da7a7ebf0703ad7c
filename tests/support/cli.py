"""The command line run in process: ``mapper.cli.main(argv)`` with its output captured, as a process's would be."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Ran:
    """What a run of ``ungakg`` gave: its exit status and what it wrote (the fields of subprocess.CompletedProcess)."""

    returncode: int
    stdout: str
    stderr: str


def run_main(capsys, *args) -> Ran:
    """``ungakg ARGS`` through ``main(argv)``; argparse's usage errors and --help exit by SystemExit, read as the status."""
    from mapper.cli import main

    capsys.readouterr()  # what came before is not this run's
    try:
        code = main([str(a) for a in args])
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    out, err = capsys.readouterr()
    return Ran(code, out, err)
