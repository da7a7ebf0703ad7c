"""The published folder's life: built beside the old one, swapped in whole, one build at a time.

A build writes into :func:`staging` (a fresh folder beside ``published/``, on
the same file system), under the lock of :func:`building`, and :func:`swap`
exchanges the two trees in one step. A server holds a shared lock on the tree
it reads (:func:`in_use`), so an old tree outlives its swap while it is read
and the next build removes it (:func:`remove_leftovers`).
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from mapper.errors import UngakgError

RENAME_EXCHANGE = 2  # renameat2(2): swap two paths in one step


def _exchange(a: Path, b: Path) -> bool:
    """Swap the trees at ``a`` and ``b`` atomically; False where the file system cannot."""
    libc = ctypes.CDLL(None, use_errno=True)
    if not hasattr(libc, "renameat2"):
        return False
    at_fdcwd = -100
    if libc.renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap(new: Path, target: Path, step: Callable[[str], None] = lambda _: None) -> bool:
    """Put the complete tree ``new`` in place of ``target``, whole: at every instant ``target`` is the
    old tree or the new one. The two are exchanged in one step (``renameat2(RENAME_EXCHANGE)``); the old
    tree is then set aside as ``.{name}.old-*`` and removed, unless a running server still reads it
    (``in_use``): the next build removes what is left. ``step`` is told each step's name (tests kill there).

    Returns False when the file system has no atomic exchange; then the old tree is renamed aside
    before the new one takes its place, and for that instant there is no ``target``.
    """
    suffix = new.name.rsplit("-", 1)[-1]
    old = target.with_name(f".{target.name}.old-{suffix}")
    atomic = True
    if not target.exists():
        os.rename(new, target)
        step("renamed")
    elif _exchange(new, target):
        step("exchanged")
        os.rename(new, old)  # the old tree, now at the staging path, set aside
        step("set aside")
    else:
        atomic = False
        os.rename(target, old)
        step("set aside")
        os.rename(new, target)
        step("renamed")
    remove_leftovers(target)
    step("cleaned")
    return atomic


def in_use(tree: Path) -> bool:
    """Whether a server reads ``tree``: servers hold a shared lock on its SHA256SUMS while they do."""
    try:
        fd = os.open(tree / "SHA256SUMS", os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def remove_leftovers(target: Path) -> list[Path]:
    """Remove the staging and old trees that builds left beside ``target`` (killed, or still read then); the ones kept."""
    kept = []
    for tree in sorted(target.parent.glob(f".{target.name}.new-*")) + sorted(target.parent.glob(f".{target.name}.old*")):
        if in_use(tree):
            kept.append(tree)
        else:
            shutil.rmtree(tree, ignore_errors=True)
    return kept


@contextmanager
def building(target: Path):
    """One build at a time into ``target``: an exclusive lock on the folder that holds it (no lock file is
    left behind) for the whole build, or UngakgError."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UngakgError(f"{target}: another `ungakg build` is writing it; wait for it to finish") from None
        yield
    finally:
        os.close(fd)


def staging(target: Path) -> Path:
    """A fresh directory beside ``target`` (same file system, so the swap is a rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    new.chmod(0o755)  # mkdtemp makes it private; published files are for everyone
    return new
