"""``published/`` is always one whole tree, old or new, whatever instant a build is killed at.

Each test makes an old and a new tree, runs the swap in a child process that
SIGKILLs itself at one of the swap's steps, and then checks that the target is
a complete tree (its SHA256SUMS verifies) equal to one of the two, and that
the next build's cleanup removes what the killed one left, except a tree a
server still reads.
"""

from __future__ import annotations

import fcntl
import hashlib
import multiprocessing
import os
import signal
from pathlib import Path

import pytest

from mapper.publish.dumps import checksums
from mapper.publish.folder import in_use, remove_leftovers, staging, swap

STEPS = ["exchanged", "set aside", "cleaned"]


def tree(folder: Path, label: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(20):
        (folder / f"file-{i}.txt").write_text(f"{label} {i}\n")
    (folder / "resolutions").mkdir(exist_ok=True)
    (folder / "resolutions" / "A-RES-1-1.ttl").write_text(f"# {label}\n")
    checksums(folder)
    return folder


def whole(target: Path) -> str:
    """The label of the complete tree at ``target``; fails if it is missing or mixed."""
    assert target.is_dir(), "there is no published folder"
    labels = set()
    for line in (target / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ")
        data = (target / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, name
        labels.add(data.decode().split()[0] if not name.endswith(".ttl") else data.decode().split()[1])
    assert len(labels) == 1, labels
    return labels.pop()


def _swap_and_die(new: str, target: str, at: str) -> None:
    def step(name: str) -> None:
        if name == at:
            os.kill(os.getpid(), signal.SIGKILL)

    swap(Path(new), Path(target), step)


@pytest.mark.parametrize("at", STEPS + ["never"])
def test_a_kill_at_any_step_leaves_one_whole_tree(tmp_path, at):
    target = tree(tmp_path / "published", "old")
    new = tree(staging(target), "new")
    child = multiprocessing.get_context("fork").Process(target=_swap_and_die, args=(str(new), str(target), at))
    child.start()
    child.join(30)
    assert child.exitcode == (0 if at == "never" else -signal.SIGKILL)
    assert whole(target) == "new"  # the exchange is the first step: after it, the new tree stands
    remove_leftovers(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["published"]


def test_a_kill_before_the_swap_leaves_the_old_tree_and_a_leftover_the_next_build_removes(tmp_path):
    target = tree(tmp_path / "published", "old")
    tree(staging(target), "half")  # a build killed while it wrote
    assert whole(target) == "old"
    assert remove_leftovers(target) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["published"]


def test_an_old_tree_a_server_still_reads_is_kept_until_it_lets_go(tmp_path):
    target = tree(tmp_path / "published", "old")
    fd = os.open(target / "SHA256SUMS", os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_SH)  # what `ungakg serve` holds on the tree it serves
    swap(tree(staging(target), "new"), target)
    assert whole(target) == "new"
    kept = [p for p in tmp_path.iterdir() if p.name != "published"]
    assert len(kept) == 1 and in_use(kept[0]) and whole(kept[0]) == "old"
    os.close(fd)
    assert remove_leftovers(target) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["published"]


def test_the_first_build_renames(tmp_path):
    target = tmp_path / "published"
    swap(tree(staging(target), "new"), target)
    assert whole(target) == "new"
