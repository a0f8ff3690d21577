"""The embedded store as the rest of irkg uses it: open a build's graph, run Cypher, get rows.

    from kg.loaders import open_store

    with open_store("build/") as store:           # uses the warm server, or starts one
        rows = store.query("MATCH (n:NamedThing {id: $id}) RETURN n.name AS name",
                           {"id": "MESH:C582435"})   # -> [{"name": "pembrolizumab"}]

``store_start``/``store_stop``/``store_status`` keep a server warm between commands
(``irkg store start|stop|status``); ``open_store`` connects to a warm server when there is one,
else starts a server for the duration of the ``with`` block and stops it afterwards (saving the
snapshot only if something was written).

Rows are dicts keyed by the query's column names. Graph values become plain data: a node is
``{"_labels": [...], **properties}``, a relationship ``{"_type": T, **properties}``, a path
``{"nodes": [...], "relationships": [...]}``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.errors import QueryError, StoreError
from kg.loaders.cypher import COUNT_EDGES_BY_TYPE, COUNT_NODES_BY_LABEL, GRAPH_NAME
from kg.loaders.falkordb_server import (
    StoreStatus,
    connect,
    start_server,
    stop_server,
    store_status,
)

__all__ = [
    "EmbeddedStore",
    "StoreStatus",
    "open_store",
    "store_start",
    "store_status",
    "store_stop",
]


def store_start(build: Path) -> StoreStatus:
    """Start the build's embedded server and keep it running (warm) until ``store_stop``."""
    status, _ = start_server(Path(build), warm=True)
    return status


def store_stop(build: Path) -> StoreStatus:
    """Save the snapshot and stop the build's embedded server (a no-op when none runs)."""
    return stop_server(Path(build), save=True)


_SCALARS = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    """falkordb result values -> plain Python data (dicts, lists, scalars)."""
    if type(value) in _SCALARS:  # most values: return before the imports and isinstance chain
        return value
    if type(value) is list:  # a collected list (the path search's neighbour lists: thousands)
        return [v if type(v) in _SCALARS else _plain(v) for v in value]
    from falkordb.edge import Edge
    from falkordb.node import Node
    from falkordb.path import Path as GraphPath

    if isinstance(value, Node):
        return {"_labels": list(value.labels or []), **value.properties}
    if isinstance(value, Edge):
        return {"_type": value.relation, **value.properties}
    if isinstance(value, GraphPath):
        return {
            "nodes": [_plain(n) for n in value.nodes()],
            "relationships": [_plain(e) for e in value.edges()],
        }
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class EmbeddedStore:
    """A connection to one build's FalkorDB graph."""

    def __init__(self, build: Path, client: Any, socket: Path, graph: str = GRAPH_NAME) -> None:
        self.build = Path(build)
        self.socket = socket
        self.client = client
        self.graph_name = graph
        self.graph = client.select_graph(graph)
        self.dirty = False

    @property
    def connection(self) -> Any:
        """The underlying redis connection (for GRAPH.* commands the client does not wrap)."""
        return self.client.connection

    def exists(self) -> bool:
        return bool(self.connection.exists(self.graph_name))

    def _run(self, cypher: str, params: dict[str, Any] | None, read_only: bool) -> Any:
        import redis

        try:
            if read_only:
                return self.graph.ro_query(cypher, params)
            return self.graph.query(cypher, params)
        except redis.exceptions.ResponseError as exc:
            if "empty key" in str(exc):  # FalkorDB's answer when no graph was ever loaded
                raise StoreError(
                    f"{self.build}: the embedded store holds no graph (irkg load first)"
                ) from None
            raise QueryError(f"FalkorDB rejected the query: {exc}") from exc
        except (redis.exceptions.RedisError, OSError) as exc:
            raise StoreError(f"{self.socket}: embedded store unreachable: {exc}") from exc

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a read-only query; rows as dicts keyed by column name. (No graph loaded: the
        server's error becomes a StoreError, so a query costs one round trip, not two.)"""
        return self._rows(self._run(cypher, params, read_only=True))

    def select(
        self, cypher: str, params: dict[str, Any] | None = None
    ) -> tuple[list[str], list[dict[str, Any]]]:
        """Like ``query``, but also the column names (known even when no row comes back)."""
        result = self._run(cypher, params, read_only=True)
        return self._columns(result), self._rows(result)

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a query that may write; the snapshot is saved when the store closes."""
        self.dirty = True
        return self._rows(self._run(cypher, params, read_only=False))

    @staticmethod
    def _columns(result: Any) -> list[str]:
        return [
            column[1] if isinstance(column, list | tuple) else column
            for column in (result.header or [])
        ]

    @classmethod
    def _rows(cls, result: Any) -> list[dict[str, Any]]:
        names = cls._columns(result)
        return [
            dict(zip(names, (_plain(v) for v in row), strict=True)) for row in result.result_set
        ]

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """(nodes per label, relationships per type) of the loaded graph."""
        labels = {r["label"]: r["n"] for r in self.query(COUNT_NODES_BY_LABEL)}
        types = {r["type"]: r["n"] for r in self.query(COUNT_EDGES_BY_TYPE)}
        return labels, types

    def save(self) -> None:
        """Write the snapshot now (blocking ``SAVE``)."""
        self.connection.save()
        self.dirty = False


@contextlib.contextmanager
def open_store(build: Path, *, graph: str = GRAPH_NAME) -> Iterator[EmbeddedStore]:
    """The build's embedded store: the warm server if one runs, else one for this block."""
    build = Path(build)
    _, started = start_server(build, warm=False)
    state, client = connect(build)
    store = EmbeddedStore(build, client, state.socket, graph)
    try:
        yield store
    finally:
        with contextlib.suppress(Exception):
            client.connection.close()
        if started:
            stop_server(build, save=store.dirty, only_if_not_warm=True)
