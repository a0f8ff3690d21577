"""What the CLI (and ``irkg build``) call: load a build into a store, export it to files.

Every function takes a build folder (the canonical tables written by assemble) and does one
thing; the writers behind ``load`` are found by name in the ``irkg.loaders`` entry points.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from kg.assemble.tables import (
    EDGES,
    EVIDENCE,
    NODES,
    count_rows,
    iter_edges,
    iter_evidence,
    iter_nodes,
)
from kg.errors import ConfigError, InputError
from kg.loaders.base import LoadReport, get_writer

T = TypeVar("T")

# Progress reporting: track(label, total) starts a task and returns advance(rows_done).
Advance = Callable[[int], None]
Track = Callable[[str, int], Advance]
_EVERY = 4096


def counted(records: Iterable[T], advance: Advance | None) -> Iterator[T]:
    """Yield the records, telling ``advance`` how many went by (in steps, to stay cheap)."""
    if advance is None:
        yield from records
        return
    pending = 0
    for record in records:
        yield record
        pending += 1
        if pending == _EVERY:
            advance(pending)
            pending = 0
    if pending:
        advance(pending)


def tables_fingerprint(build: Path) -> str:
    """A digest of the three table files: equal digests mean equal tables."""
    digest = hashlib.sha256()
    for name in (NODES, EDGES, EVIDENCE):
        path = Path(build) / name
        if not path.is_file():
            raise InputError(str(path), None, "table not found (run `irkg build` first)")
        digest.update(name.encode())
        with open(path, "rb") as handle:
            for chunk in iter(lambda h=handle: h.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def table_sizes(build: Path) -> dict[str, int]:
    """Row counts of the tables, from the Parquet footers (no data read); a missing or corrupt
    table raises ``InputError`` naming the file."""
    return {name: count_rows(Path(build) / name) for name in (NODES, EDGES, EVIDENCE)}


def load(
    build: Path, to: str = "embedded", *, track: Track | None = None, **options: Any
) -> LoadReport:
    """Load a build's tables into the store registered as ``to`` and return what it did.

    ``options`` go to the writer (e.g. ``mode="merge"`` for the embedded store,
    ``config=PATH`` for Neo4j). ``track(label, total)`` is called once per table and returns a
    function told how many rows went by (a progress bar's advance).
    """
    build = Path(build)
    fingerprint = tables_fingerprint(build)
    sizes = table_sizes(build)
    writer_class = get_writer(to)
    try:
        inspect.signature(writer_class).bind(build, fingerprint=fingerprint, **options)
    except TypeError as exc:
        raise ConfigError(f"store {to!r}: {exc} (options given: {sorted(options)})") from None
    writer = writer_class(build, fingerprint=fingerprint, **options)

    def progress(label: str, name: str) -> Advance | None:
        return None if track is None else track(label, sizes[name])

    try:
        if getattr(writer, "reads_tables", False):  # a capability flag: the writer reads Parquet
            writer.load_tables(build, track=track)
        else:
            writer.write_nodes(counted(iter_nodes(build), progress("nodes", NODES)))
            writer.write_edges(counted(iter_edges(build), progress("edges", EDGES)))
            if getattr(writer, "writes_evidence", True):  # KGX, for one, has no evidence table
                writer.write_evidence(counted(iter_evidence(build), progress("evidence", EVIDENCE)))
        return writer.finalize()
    finally:
        close = getattr(writer, "close", None)
        if close is not None:
            close()


def export_kgx(build: Path, out: Path, *, format: str = "tsv") -> LoadReport:
    """Write KGX ``nodes.*``/``edges.*`` files of a build into ``out``."""
    from kg.loaders.kgx import KGXWriter

    writer = KGXWriter(build, out=out, format=format)
    try:
        writer.write_nodes(iter_nodes(build))
        writer.write_edges(iter_edges(build))
        return writer.finalize()
    finally:
        writer.close()


def export_rdf(build: Path, path: Path, *, format: str = "turtle") -> int:
    """Write a build as Turtle, N-Triples or N-Quads; returns the number of triples written."""
    from kg.loaders.rdf import ntriples, write_rdf

    return write_rdf(
        ntriples(iter_nodes(build), iter_edges(build), iter_evidence(build)), Path(path), format
    )


def export_neo4j_csv(build: Path, out: Path, *, database: str = "neo4j") -> Any:
    """Write neo4j-admin import CSVs; returns a ``Neo4jImport`` with the exact command."""
    from kg.loaders.neo4j_admin import export_neo4j_csv as export

    return export(build, out, database=database)


def serve_sparql(
    build: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    verbose: bool = True,
    ready: Callable[[str], None] | None = None,
) -> None:
    """Answer SPARQL over HTTP on the build's RDF store until interrupted: Ctrl-C (SIGINT) or
    SIGTERM stop it cleanly, even when the server was started with SIGINT ignored (a shell's
    background job, a CI runner), where Python would otherwise never raise KeyboardInterrupt."""
    import signal
    import threading

    from kg.loaders.sparql_server import make_server

    server = make_server(build, host, port, verbose=verbose)
    previous = {}
    try:  # a signal may come as soon as the address is out: everything from here is inside
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                previous[signum] = signal.signal(signum, _interrupt)
        if ready is not None:
            ready(server.url)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
