"""The RDF store of a build: an on-disk Oxigraph database in ``BUILD/oxigraph/``.

Loading streams the N-Triples of ``kg.loaders.rdf`` into Oxigraph's bulk loader. The bulk
loader writes straight into the database files and is not transactional, so irkg bulk-loads
into a fresh ``BUILD/oxigraph.loading/`` and renames it into place only when everything is in:
a failed or interrupted load leaves the previous store as it was. The fingerprint of the tables
it holds is stored in the named graph ``https://w3id.org/irkg/meta``, so loading the same build
again does nothing.

Query it from Python with ``open_rdf_store(build)`` (read-only) and ``sparql_select``, or over
HTTP with ``irkg sparql-serve`` (``kg.loaders.sparql_server``).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, ClassVar

from kg.errors import QueryError, StoreError
from kg.loaders.base import LoadReport
from kg.loaders.rdf import (
    GRAPH_IRI,
    META_GRAPH_IRI,
    VOCAB,
    LineReader,
    edge_lines,
    evidence_lines,
    node_lines,
)
from kg.model import Edge, Evidence, Node
from kg.schema import load_schema

STORE_DIR = "oxigraph"
FINGERPRINT = VOCAB + "tablesFingerprint"


def store_path(build: Path) -> Path:
    return Path(build) / STORE_DIR


def stored_fingerprint(path: Path) -> str | None:
    """The fingerprint recorded in an Oxigraph store folder (None when absent or unreadable)."""
    import pyoxigraph

    if not path.is_dir():
        return None
    try:
        store = pyoxigraph.Store.read_only(str(path))
    except OSError:
        return None
    quads = store.quads_for_pattern(
        pyoxigraph.NamedNode(GRAPH_IRI),
        pyoxigraph.NamedNode(FINGERPRINT),
        None,
        pyoxigraph.NamedNode(META_GRAPH_IRI),
    )
    for quad in quads:
        return quad.object.value
    return None


def open_rdf_store(build: Path) -> Any:
    """The build's Oxigraph store, read-only (StoreError when it was never loaded)."""
    import pyoxigraph

    path = store_path(build)
    if not path.is_dir():
        raise StoreError(f"{path}: no RDF store (irkg load BUILD --to rdf)")
    try:
        return pyoxigraph.Store.read_only(str(path))
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the RDF store: {exc}") from exc


def term_value(term: Any) -> Any:
    """An RDF term as plain Python: typed literals become int/float/bool, IRIs their string."""
    import pyoxigraph

    if term is None:
        return None
    if isinstance(term, pyoxigraph.Literal):
        datatype = term.datatype.value
        if datatype.endswith(("#integer", "#long", "#int")):
            return int(term.value)
        if datatype.endswith(("#double", "#decimal", "#float")):
            return float(term.value)
        if datatype.endswith("#boolean"):
            return term.value == "true"
        return term.value
    return term.value


def _term(value: Any) -> Any:
    import pyoxigraph

    if isinstance(value, pyoxigraph.NamedNode | pyoxigraph.Literal | pyoxigraph.BlankNode):
        return value
    if isinstance(value, bool | int | float | str):
        return pyoxigraph.Literal(value)
    raise QueryError(f"cannot bind a {type(value).__name__} in SPARQL: {value!r}")


def bind_values(query: str, bindings: dict[str, Any] | None) -> str:
    """The query with a trailing ``VALUES`` block that binds ``?name`` for each binding.

    Values are serialised as RDF terms by pyoxigraph (escaping included), so a user's text can
    only ever be a literal: ``Crohn's disease`` or ``"; DROP`` cannot change the query. A
    ``str`` becomes a plain literal, ``int``/``float``/``bool`` typed literals, and a pyoxigraph
    ``NamedNode`` an IRI. The trailing VALUES clause (SPARQL 1.1 §10.2.2) joins with the query
    pattern, so the bound variables need not be projected. Works with any SPARQL endpoint.
    """
    if not bindings:
        return query
    names = list(bindings)
    for name in names:
        if not name.isidentifier():
            raise QueryError(f"not a SPARQL variable name: {name!r}")
    row = " ".join(str(_term(bindings[name])) for name in names)
    variables = " ".join(f"?{name}" for name in names)
    return f"{query.rstrip()}\nVALUES ({variables}) {{ ({row}) }}\n"


def sparql_select(
    store: Any, query: str, bindings: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Run a SELECT on a pyoxigraph store; rows as dicts of plain Python values.

    ``bindings`` bind variables to values through ``bind_values`` (never by string formatting).
    """
    import pyoxigraph

    try:
        solutions = store.query(bind_values(query, bindings))
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from exc
    if not isinstance(solutions, pyoxigraph.QuerySolutions):
        raise QueryError("sparql_select needs a SELECT query")
    names = [v.value for v in solutions.variables]
    return [{name: term_value(row[name]) for name in names} for row in solutions]


class OxigraphWriter:
    """Writer for the build's Oxigraph store (bulk load into a new folder, then swap)."""

    name: ClassVar[str] = "rdf"
    atomic: ClassVar[bool] = True  # the new store replaces the old one only when complete
    idempotent: ClassVar[bool] = True

    def __init__(self, build: Path, *, fingerprint: str | None = None, mode: str = "auto") -> None:
        import pyoxigraph

        if mode not in ("auto", "replace"):
            raise StoreError(f"unknown rdf load mode {mode!r}; choose auto or replace")
        self.build = Path(build)
        self.path = store_path(self.build)
        self.fingerprint = fingerprint
        self.report = LoadReport(store=self.name)
        self._started = time.monotonic()
        self.schema = load_schema()
        self.triples = 0
        self.skip = bool(
            mode == "auto" and fingerprint and stored_fingerprint(self.path) == fingerprint
        )
        self.store: Any = None
        self.loading = self.path.with_name(STORE_DIR + ".loading")
        if self.skip:
            self.report.notes.append(f"store already holds these tables ({fingerprint[:12]})")
            return
        shutil.rmtree(self.loading, ignore_errors=True)
        try:
            self.store = pyoxigraph.Store(str(self.loading))
        except OSError as exc:
            raise StoreError(f"{self.loading}: cannot create the RDF store: {exc}") from exc

    def _bulk(self, records: Iterable[Any], to_lines: Callable[[Any], Iterable[str]]) -> int:
        """Stream the records' triples into the store; returns how many records went in."""
        import pyoxigraph

        if self.skip:
            return 0
        count = 0

        def lines() -> Iterator[str]:
            nonlocal count
            for record in records:
                count += 1
                for line in to_lines(record):
                    self.triples += 1
                    yield line

        try:
            self.store.bulk_load(LineReader(lines()), pyoxigraph.RdfFormat.N_TRIPLES)
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"{self.loading}: bulk load failed: {exc}") from exc
        return count

    def write_nodes(self, nodes: Iterable[Node]) -> int:
        n = self._bulk(nodes, lambda node: node_lines(node, self.schema))
        self.report.nodes += n
        return n

    def write_edges(self, edges: Iterable[Edge]) -> int:
        n = self._bulk(edges, lambda edge: edge_lines(edge, self.schema))
        self.report.edges += n
        return n

    def write_evidence(self, evidence: Iterable[Evidence]) -> int:
        n = self._bulk(evidence, evidence_lines)
        self.report.evidence += n
        return n

    def finalize(self) -> LoadReport:
        import pyoxigraph

        if not self.skip:
            self.store.add(
                pyoxigraph.Quad(
                    pyoxigraph.NamedNode(GRAPH_IRI),
                    pyoxigraph.NamedNode(FINGERPRINT),
                    pyoxigraph.Literal(self.fingerprint or ""),
                    pyoxigraph.NamedNode(META_GRAPH_IRI),
                )
            )
            self.store.flush()
            self.store.optimize()  # compaction: ~40% smaller store and faster reads, ~10% load time
            self.store = None  # closes the database before its folder moves
            old = self.path.with_name(STORE_DIR + ".old")
            shutil.rmtree(old, ignore_errors=True)
            if self.path.exists():
                self.path.rename(old)
            self.loading.rename(self.path)
            shutil.rmtree(old, ignore_errors=True)
            self.report.notes.append(f"{self.triples:,} triples bulk-loaded into {self.path}")
        self.report.seconds = time.monotonic() - self._started
        return self.report

    def close(self) -> None:
        """Drop a half-loaded store (the previous one stays in place)."""
        self.store = None
        if self.loading.exists():
            shutil.rmtree(self.loading, ignore_errors=True)
