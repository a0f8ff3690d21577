"""The embedded server's life: warm and per-command, persistence, crash recovery, long paths."""

import json
import os
import signal
import time
from pathlib import Path

import pytest

from kg.errors import StoreError
from kg.loaders import open_store, store_start, store_status, store_stop
from kg.loaders.falkordb_server import (
    PID_FILE,
    SOCKET_NAME,
    STATE_FILE,
    STORE_DIR,
    ServerState,
    connect,
)


def _wait_gone(pid: int, timeout: float = 10.0) -> None:
    """Until the process is gone or a zombie (an init that does not reap leaves zombies)."""
    deadline = time.monotonic() + timeout
    stat = Path(f"/proc/{pid}/stat")
    while time.monotonic() < deadline:
        try:
            if stat.read_text().rsplit(")", 1)[1].split()[0] == "Z":
                return
        except (FileNotFoundError, ProcessLookupError):
            return
        time.sleep(0.02)
    raise AssertionError(f"pid {pid} still alive")


def test_warm_server_survives_commands_and_persists_on_stop(tmp_path):
    build = tmp_path / "b"
    build.mkdir()
    status = store_start(build)
    try:
        assert status.running and status.warm
        assert status.socket == build.resolve() / STORE_DIR / SOCKET_NAME
        with open_store(build) as store:
            store.write(
                "CREATE (:NamedThing {id: $id, name: $name})",
                {"id": "MESH:D003424", "name": "Crohn's disease"},
            )
        again = store_status(build)
        assert again.running and again.pid == status.pid  # the command left it running
        assert store_start(build).pid == status.pid  # starting twice is harmless
    finally:
        stopped = store_stop(build)
    assert not stopped.running and stopped.rdb_bytes > 0
    assert not (build / STORE_DIR / STATE_FILE).exists()
    with open_store(build) as store:  # a command-scoped server reloads the snapshot
        rows = store.query("MATCH (n:NamedThing) RETURN n.name AS name")
    assert rows == [{"name": "Crohn's disease"}]
    assert not store_status(build).running  # and stopped itself afterwards


def test_kill_9_leaves_stale_files_that_the_next_start_recovers_from(tmp_path):
    build = tmp_path / "b"
    build.mkdir()
    status = store_start(build)
    with open_store(build) as store:
        store.write("CREATE (:NamedThing {id: 'x', name: 'IFN-β'})")
        store.save()  # what every load does when it finishes
        store.write("CREATE (:NamedThing {id: 'lost', name: 'never saved'})")
    os.kill(status.pid, signal.SIGKILL)
    _wait_gone(status.pid)
    folder = build / STORE_DIR
    assert (folder / STATE_FILE).exists() and (folder / PID_FILE).exists()
    assert (folder / SOCKET_NAME).exists()
    crashed = store_status(build)
    assert not crashed.running and "stale" in crashed.note
    with pytest.raises(StoreError, match="no embedded server"):
        connect(build)
    try:
        restarted = store_start(build)
        assert restarted.running and restarted.pid != status.pid
        with open_store(build) as store:
            names = [r["name"] for r in store.query("MATCH (n) RETURN n.name AS name")]
        assert names == ["IFN-β"]  # the snapshot survived; the unsaved write did not
    finally:
        store_stop(build)


def test_a_recycled_pid_in_the_state_file_is_not_mistaken_for_the_server(tmp_path):
    build = tmp_path / "b"
    folder = build / STORE_DIR
    folder.mkdir(parents=True)
    # our own pid is alive but is not a redis-server on that socket
    state = ServerState(os.getpid(), folder / SOCKET_NAME, True, time.time())
    (folder / STATE_FILE).write_text(state.to_json())
    (folder / SOCKET_NAME).write_text("not a socket")
    assert not store_status(build).running
    try:
        assert store_start(build).pid != os.getpid()
    finally:
        store_stop(build)


def test_a_long_build_path_puts_the_socket_in_a_short_private_folder(tmp_path):
    build = tmp_path.joinpath(*["a-rather-long-folder-name"] * 5)
    build.mkdir(parents=True)
    status = store_start(build)
    try:
        assert len(str(status.socket).encode()) < 100
        assert not status.socket.is_relative_to(build)
        private = status.socket.parent
        assert oct(private.stat().st_mode & 0o777) == "0o700"
        recorded = json.loads((build / STORE_DIR / STATE_FILE).read_text())
        assert recorded["socket"] == str(status.socket)
        with open_store(build) as store:
            assert store.write("RETURN 1 AS one") == [{"one": 1}]
    finally:
        store_stop(build)
    assert not private.exists()


def test_the_server_listens_on_no_tcp_port(tmp_path):
    build = tmp_path / "b"
    build.mkdir()
    status = store_start(build)
    try:
        with open_store(build) as store:
            config = store.connection.config_get("port")
        assert config == {"port": "0"}
        listening = Path("/proc/net/tcp").read_text() + Path("/proc/net/tcp6").read_text()
        inodes = {
            os.readlink(f"/proc/{status.pid}/fd/{fd}")
            for fd in os.listdir(f"/proc/{status.pid}/fd")
        }
        sockets = {i[len("socket:[") : -1] for i in inodes if i.startswith("socket:[")}
        rows = [line.split() for line in listening.splitlines()[1:]]
        assert not [r for r in rows if r[3] == "0A" and r[9] in sockets]  # 0A = LISTEN
    finally:
        store_stop(build)
