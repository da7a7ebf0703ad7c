import contextlib
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Seeded and reproducible in CI; more examples on demand (HYPOTHESIS_PROFILE=thorough).
settings.register_profile("ci", derandomize=True, max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", derandomize=False, max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


INTEGRATION = Path(__file__).resolve().parent / "integration"


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true", help="rewrite the golden files from the current output")


@pytest.hookimpl(tryfirst=True)  # before -m reads the marks
def pytest_collection_modifyitems(config, items):
    """The integration tier is slow as a whole: it starts processes, servers and stores. The unit tier marks its own slow tests."""
    for item in items:
        if INTEGRATION in item.path.parents:
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def update_goldens(request) -> bool:
    return request.config.getoption("--update-goldens")


@pytest.fixture(scope="session")
def published_graphs():
    """The named graphs of the committed published/ folder, read back as ``ungakg push`` reads them, by IRI."""
    from mapper.publish.readback import read_graphs
    from tests.support.paths import PUBLISHED

    return {g.iri: g for g in read_graphs(PUBLISHED)}


def pytest_sessionfinish(session, exitstatus):
    """Servers started by the tests must be gone: any process still running from the session's
    temporary folders (a store, a server) fails the run, and is stopped."""
    import signal

    factory = getattr(session.config, "_tmp_path_factory", None)
    if factory is None or factory._basetemp is None:
        return
    base = str(factory.getbasetemp()).encode()
    left = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if base in cmdline.read_bytes() and int(cmdline.parent.name) != os.getpid():
                left.append((int(cmdline.parent.name), cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")[:200]))
        except (OSError, ValueError):
            continue
    for pid, command in left:
        print(f"\nerror: a test left a process running: {pid} {command}")
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    if left:
        session.exitstatus = 1
