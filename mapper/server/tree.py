"""One build of the published folder, held open while the server reads it.

``ungakg build`` swaps a new tree in place of ``published/`` in one step
(``publish.swap``). A server must then answer from one tree or the other, never
from both: each ``Tree`` holds its directory open (``/proc/self/fd/N`` reaches
it whatever its name becomes), and a shared lock on its ``SHA256SUMS`` so that
the build does not remove it while it is read. The server opens the new tree
when ``replaced`` says the folder's name now points elsewhere, switches every
request, page, download and worker to it at once, and closes the old one when
its last request is done (``app.py``).
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


class Tree:
    def __init__(self, published: Path):
        self.published = published
        self.fd = os.open(published, os.O_RDONLY | os.O_DIRECTORY)
        self.inode = os.fstat(self.fd).st_ino
        self.root = Path(f"/proc/self/fd/{self.fd}")  # this tree, even after it has been renamed aside
        self._lock = os.open(self.root / "SHA256SUMS", os.O_RDONLY)
        fcntl.flock(self._lock, fcntl.LOCK_SH)  # publish.in_use: the build leaves this tree alone

    def for_workers(self, name: str) -> str:
        """A path to ``name`` in this tree that other processes (the query workers) can open."""
        return f"/proc/{os.getpid()}/fd/{self.fd}/{name}"

    def replaced(self) -> bool:
        """Whether ``published`` now names another tree (a build swapped one in)."""
        try:
            return os.stat(self.published).st_ino != self.inode
        except FileNotFoundError:  # for an instant, on a file system without an atomic exchange
            return False

    def close(self) -> None:
        os.close(self._lock)
        os.close(self.fd)
