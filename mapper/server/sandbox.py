"""The query workers' confinement: what a query can reach, whatever the guard read.

The guard (``guard.py``) refuses a SERVICE off the allow-list with a clear
message; this module makes sure that a mistake there can never become a
request. Every query worker calls ``confine`` first thing, before it opens
the store or runs anything:

- **No service allowed** (the default): a seccomp filter makes ``socket()``
  fail with ``EACCES`` for every address family but ``AF_UNIX`` (the worker's
  pipe to the server), and ``io_uring_setup`` fail too (io_uring can open
  sockets without ``socket()``). The worker cannot resolve a name or open a
  connection: a SERVICE call fails, SILENT or not.
- **Targets on the allow-list** (``--allow-service URL``): the worker moves into
  network and mount namespaces of its own, where only the loopback interface
  exists. For each target it listens, inside its namespace, on the address its
  HTTP client will connect to (the literal IP, or a 127.0.0.x address that its
  own ``/etc/hosts`` gives the target's host name), and hands the listening
  sockets to the server, which forwards each connection to that one target and
  nowhere else (``Forwarder``). Anything else is unreachable: there is no route.
  The seccomp filter then allows only ``AF_UNIX``, ``AF_INET`` and ``AF_INET6``.

Namespaces need root or unprivileged user namespaces; where neither is there,
``ungakg serve --allow-service`` refuses to start (the default mode needs
neither: seccomp works for any user).
"""

from __future__ import annotations

import asyncio
import ctypes
import errno
import fcntl
import ipaddress
import logging
import os
import resource
import socket
import struct
import tempfile
from dataclasses import dataclass
from urllib.parse import urlsplit

from mapper.errors import SandboxError

log = logging.getLogger("ungakg.server")

CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWNET = 0x00020000, 0x10000000, 0x40000000
MS_BIND, MS_REC, MS_PRIVATE = 0x1000, 0x4000, 0x40000
SIOCGIFFLAGS, SIOCSIFFLAGS, SIOCSIFADDR, IFF_UP = 0x8913, 0x8914, 0x8916, 0x1


@dataclass(frozen=True, slots=True)
class Target:
    """One allowed SERVICE endpoint, as the worker's HTTP client will reach it."""

    url: str
    host: str  # as written in the URL (a name or an IP literal)
    port: int
    listen: str  # the address the worker's client connects to inside its namespace

    @property
    def is_name(self) -> bool:
        return self.listen != self.host


def targets(urls: frozenset[str]) -> tuple[Target, ...]:
    """The allowed endpoints as forwarding targets: one per host and port, names on 127.0.0.2 onwards."""
    out: dict[tuple[str, int], Target] = {}
    names = 0
    for url in sorted(urls):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SandboxError(f"--allow-service {url}: an http or https URL is expected")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        host = parts.hostname
        if (host, port) in out:
            continue
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            names += 1
            listen = f"127.0.0.{names + 1}"
        else:
            if address.version == 6 and not address.is_loopback:
                raise SandboxError(f"--allow-service {url}: an IPv6 target must be ::1 or named by a host name")
            listen = host
        out[(host, port)] = Target(url, host, port, listen)
    return tuple(out.values())


# -- in the worker ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Confinement:
    """What a query worker may reach: these SERVICE targets (none by default), and this much memory."""

    targets: tuple[Target, ...] = ()
    memory: int | None = None  # bytes of data (heap and private mappings, RLIMIT_DATA); None: no limit


def confine(c: Confinement) -> list[socket.socket]:
    """Confine this process (see the module docstring); the listening sockets for the allowed targets.

    The memory limit makes an allocation past it fail: the engine aborts and the worker dies at once,
    before one query can take the machine's memory (the pool answers 500 and replaces it)."""
    listeners = _namespaces(c.targets) if c.targets else []
    if c.memory is not None:
        resource.setrlimit(resource.RLIMIT_DATA, (c.memory, c.memory))
    _seccomp(inet=bool(c.targets))
    return listeners


def default_memory(workers: int) -> int:
    """A worker's share of the machine's memory: all of it divided among the workers, the server and a spare."""
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return max(512 << 20, total // (workers + 2))


def _seccomp(inet: bool) -> None:
    import pyseccomp as seccomp

    f = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    refuse = seccomp.ERRNO(errno.EACCES)
    if inet:  # AF_UNIX (1), AF_INET (2) and AF_INET6 (10) only; libseccomp takes one comparison per argument and rule
        for family in (0, *range(3, socket.AF_INET6)):
            f.add_rule(refuse, "socket", seccomp.Arg(0, seccomp.EQ, family))
        f.add_rule(refuse, "socket", seccomp.Arg(0, seccomp.GT, socket.AF_INET6))
    else:
        f.add_rule(refuse, "socket", seccomp.Arg(0, seccomp.NE, socket.AF_UNIX))
    f.add_rule(seccomp.ERRNO(errno.ENOSYS), "io_uring_setup")
    f.load()


def _libc():
    libc = ctypes.CDLL(None, use_errno=True)
    libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_void_p]
    return libc


def _check(result: int, what: str) -> None:
    if result != 0:
        code = ctypes.get_errno()
        raise SandboxError(f"{what}: {os.strerror(code)}")


def _namespaces(allowed: tuple[Target, ...]) -> list[socket.socket]:
    libc = _libc()
    uid, gid = os.geteuid(), os.getegid()
    flags = CLONE_NEWNET | CLONE_NEWNS | (0 if uid == 0 else CLONE_NEWUSER)
    _check(libc.unshare(flags), "cannot make a network namespace for the query workers (root or user namespaces are needed)")
    if uid != 0:
        with open("/proc/self/setgroups", "w") as f:
            f.write("deny")
        with open("/proc/self/uid_map", "w") as f:
            f.write(f"0 {uid} 1")
        with open("/proc/self/gid_map", "w") as f:
            f.write(f"0 {gid} 1")
    _check(libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None), "cannot make the mounts private")
    _interface_up("lo")
    for i, t in enumerate(x for x in allowed if not x.is_name and not ipaddress.ip_address(x.host).is_loopback):
        _add_address(f"lo:{i + 1}", t.host)
    names = [t for t in allowed if t.is_name]
    if names:
        # the targets first: a target named localhost must resolve to its listener, not to 127.0.0.1
        hosts = "".join(f"{t.listen} {t.host}\n" for t in names) + "127.0.0.1 localhost\n::1 localhost\n"
        _bind_file("/etc/hosts", hosts)
        _bind_file("/etc/nsswitch.conf", "hosts: files\n")
    listeners = []
    for t in allowed:
        family = socket.AF_INET6 if ":" in t.listen else socket.AF_INET
        s = socket.socket(family, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((t.listen, t.port))
        s.listen(64)
        listeners.append(s)
    return listeners


def _ifreq(name: str, payload: bytes) -> bytes:
    return struct.pack("16s", name.encode()) + payload.ljust(24, b"\0")


def _interface_up(name: str) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        flags = struct.unpack_from("H", fcntl.ioctl(s, SIOCGIFFLAGS, _ifreq(name, b"")), 16)[0]
        fcntl.ioctl(s, SIOCSIFFLAGS, _ifreq(name, struct.pack("H", flags | IFF_UP)))


def _add_address(alias: str, address: str) -> None:
    sockaddr = struct.pack("HH4s", socket.AF_INET, 0, socket.inet_aton(address))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        fcntl.ioctl(s, SIOCSIFADDR, _ifreq(alias, sockaddr))


def _bind_file(path: str, content: str) -> None:
    fd, name = tempfile.mkstemp(prefix="ungakg-")
    with os.fdopen(fd, "w") as f:
        f.write(content)
    _check(_libc().mount(name.encode(), path.encode(), None, MS_BIND, None), f"cannot give the query workers their own {path}")


def available(c: Confinement) -> None:
    """Raise SandboxError, saying why, if workers cannot be confined so here (tried in a child)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        os.close(r)
        try:
            confine(c)
            message = b""
        except BaseException as e:
            message = (str(e) or type(e).__name__).encode()
        os.write(w, message)
        os._exit(0)
    os.close(w)
    with os.fdopen(r, "rb") as f:
        reason = f.read().decode()
    os.waitpid(pid, 0)
    if reason:
        raise SandboxError(reason)


# -- in the server ------------------------------------------------------------------


class Forwarder:
    """Carries connections made inside a worker's namespace to the one target they stand for."""

    def __init__(self, target: Target, timeout: float):
        self.target = target
        self.timeout = timeout
        self.servers: list[asyncio.AbstractServer] = []

    async def attach(self, listener: socket.socket) -> None:
        listener.setblocking(False)
        self.servers.append(await asyncio.get_running_loop().create_server(lambda: _Pipe(self), sock=listener))

    def close(self) -> None:
        for s in self.servers:
            s.close()
        self.servers.clear()


class _Pipe(asyncio.Protocol):
    def __init__(self, forwarder: Forwarder):
        self.forwarder = forwarder
        self.outbound: asyncio.Transport | None = None
        self.pending: list[bytes] = []
        self.inbound: asyncio.Transport | None = None

    def connection_made(self, transport):
        self.inbound = transport
        self.connecting = asyncio.get_running_loop().create_task(self._connect())

    async def _connect(self):
        t = self.forwarder.target
        inbound = self.inbound
        assert inbound is not None  # made in connection_made
        loop = asyncio.get_running_loop()
        try:
            outbound, _ = await asyncio.wait_for(
                loop.create_connection(lambda: _Back(inbound), t.host, t.port), self.forwarder.timeout)
        except (OSError, TimeoutError) as e:
            log.warning("SERVICE %s: cannot reach %s:%d (%s)", t.url, t.host, t.port, e)
            inbound.close()
            return
        self.outbound = outbound
        for data in self.pending:
            outbound.write(data)
        self.pending.clear()

    def data_received(self, data):
        if self.outbound is None:
            self.pending.append(data)
        else:
            self.outbound.write(data)

    def eof_received(self):
        if self.outbound is not None and self.outbound.can_write_eof():
            self.outbound.write_eof()
        return True

    def connection_lost(self, exc):
        if self.outbound is not None:
            self.outbound.close()


class _Back(asyncio.Protocol):
    def __init__(self, inbound: asyncio.Transport):
        self.inbound = inbound

    def data_received(self, data):
        self.inbound.write(data)

    def eof_received(self):
        if self.inbound.can_write_eof():
            self.inbound.write_eof()
        return True

    def connection_lost(self, exc):
        self.inbound.close()
