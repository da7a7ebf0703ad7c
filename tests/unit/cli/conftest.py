import pytest

from tests.support.cli import run_main


@pytest.fixture
def ungakg(capsys, monkeypatch):
    """Run ``ungakg`` in process: ``ungakg("parse", "--json", path)`` gives its exit status, stdout and stderr.

    The environment is the one a user would start it from: no UNGAKG_ variables, a terminal 100 columns wide.
    """
    import os

    for name in [n for n in os.environ if n.startswith("UNGAKG_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("COLUMNS", "100")
    return lambda *args: run_main(capsys, *args)
