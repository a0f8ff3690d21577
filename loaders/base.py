"""The writer interface every store implements, and the lazy registry that finds writers.

A writer has four methods (after KGX's sink): ``write_nodes``, ``write_edges``,
``write_evidence`` and ``finalize``. Capabilities are class flags that callers read instead of
checking types (``atomic``: a failed load leaves the store as it was; ``idempotent``: loading the
same tables twice changes nothing).

Optional, read with ``getattr`` by ``kg.loaders.load``: ``close()`` releases what a writer holds
(a server, a half-written file) whether or not ``finalize`` ran; a writer with the class flag
``reads_tables = True`` offers ``load_tables(build)``, reading the Parquet tables itself (the
embedded store encodes GRAPH.BULK blobs from Arrow columns this way); ``writes_evidence = False``
says the evidence table need not be read (KGX has no place for it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import ClassVar, Protocol, runtime_checkable

from kg.errors import ConfigError
from kg.model import Edge, Evidence, Node

ENTRY_POINT_GROUP = "irkg.loaders"


@dataclass
class LoadReport:
    """What a load did; the CLI prints it."""

    store: str
    nodes: int = 0
    edges: int = 0
    evidence: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


@runtime_checkable
class Writer(Protocol):
    name: ClassVar[str]
    atomic: ClassVar[bool]
    idempotent: ClassVar[bool]

    def write_nodes(self, nodes: Iterable[Node]) -> int: ...

    def write_edges(self, edges: Iterable[Edge]) -> int: ...

    def write_evidence(self, evidence: Iterable[Evidence]) -> int: ...

    def finalize(self) -> LoadReport: ...


def registered_writers() -> dict[str, str]:
    """name -> "module:attr" for every writer in the ``irkg.loaders`` entry-point group."""
    return {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}


def get_writer(name: str) -> type[Writer]:
    """Load the writer class registered under ``name`` (on first use), or fail listing names."""
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name == name:
            return ep.load()
    known = ", ".join(sorted(registered_writers())) or "none"
    raise ConfigError(f"unknown store {name!r}; registered stores: {known}")
