"""The stores a question can be asked of, behind one small interface: ``run(text, params)``.

``embedded``  the build's FalkorDB (Cypher), through ``kg.loaders.open_store``: a warm server
              (``irkg store start``) is reused, otherwise one is started for the block.
``neo4j``     a Neo4j database over Bolt with the official driver (``NEO4J_URI`` … or a config
              file), read transactions only.
``sparql``    the build's Oxigraph store (SPARQL), opened read-only.

Values always travel as parameters: Cypher ``$name`` parameters (the driver or FalkorDB's
parameter header carries them, quoted by the client). SPARQL has no parameters in its
protocol: canned queries mark where a ``VALUES`` binding goes and irkg writes the values there
as RDF terms serialised by pyoxigraph (``bind_values``: a value is always exactly one literal,
whatever quotes or backslashes it holds); ad-hoc queries use Oxigraph's variable substitution
(SEP-0007), which binds projected variables to terms without touching the text.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar, Protocol

from kg.errors import ConfigError, QueryError, StoreError

STORES = ("embedded", "neo4j", "sparql")

# Prefixes every SPARQL query may use without declaring them (its own PREFIX lines win).
PREFIXES = {
    "biolink": "https://w3id.org/biolink/vocab/",
    "irkgv": "https://w3id.org/irkg/vocab#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# What a store answers: the column names in order, and the rows as dicts keyed by them.
Table = tuple[list[str], list[dict[str, Any]]]
LANGUAGE = {"embedded": "cypher", "neo4j": "cypher", "sparql": "sparql"}


class QueryStore(Protocol):
    """Something that answers queries in one language; rows are dicts in column order."""

    name: ClassVar[str]
    language: ClassVar[str]

    def run(self, text: str, params: Mapping[str, Any] | None = None) -> Table: ...


def _check_names(params: Mapping[str, Any] | None) -> dict[str, Any]:
    params = dict(params or {})
    for key in params:
        if not key.isidentifier():
            raise QueryError(f"not a parameter name: {key!r}")
    return params


class EmbeddedCypher:
    """Cypher on the build's embedded FalkorDB graph."""

    name: ClassVar[str] = "embedded"
    language: ClassVar[str] = "cypher"

    def __init__(self, store: Any) -> None:
        self.store = store  # kg.loaders.embedded.EmbeddedStore

    def run(self, text: str, params: Mapping[str, Any] | None = None) -> Table:
        return self.store.select(text, _check_names(params))


class Neo4jCypher:
    """Cypher on a Neo4j database, in managed read transactions."""

    name: ClassVar[str] = "neo4j"
    language: ClassVar[str] = "cypher"

    def __init__(self, driver: Any, connection: Any) -> None:
        self.driver = driver
        self.connection = connection  # kg.loaders.neo4j_bolt.Neo4jConnection (scrubs secrets)

    def run(self, text: str, params: Mapping[str, Any] | None = None) -> Table:
        import neo4j.exceptions

        def work(tx: Any) -> Table:
            result = tx.run(text, _check_names(params))
            keys = list(result.keys())
            return keys, [dict(zip(keys, record.values(), strict=True)) for record in result]

        try:
            with self.driver.session(database=self.connection.database) as session:
                keys, rows = session.execute_read(work)
                return keys, [_plain_neo4j(row) for row in rows]
        except neo4j.exceptions.ClientError as exc:
            raise QueryError(
                f"Neo4j rejected the query: {self.connection.scrub(str(exc))}"
            ) from None
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as exc:
            raise StoreError(
                f"Neo4j at {self.connection.safe_uri}: {self.connection.scrub(str(exc))}"
            ) from None


def _plain_neo4j(value: Any) -> Any:
    """Neo4j graph values -> the same plain data the embedded store returns."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **dict(value)}
    if isinstance(value, Relationship):
        return {"_type": value.type, **dict(value)}
    if isinstance(value, Path):
        return {
            "nodes": [_plain_neo4j(n) for n in value.nodes],
            "relationships": [_plain_neo4j(r) for r in value.relationships],
        }
    if isinstance(value, list):
        return [_plain_neo4j(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain_neo4j(v) for k, v in value.items()}
    return value


class OxigraphSparql:
    """SPARQL on the build's Oxigraph store (read-only)."""

    name: ClassVar[str] = "sparql"
    language: ClassVar[str] = "sparql"

    def __init__(self, store: Any) -> None:
        self.store = store  # pyoxigraph.Store

    def run(self, text: str, params: Mapping[str, Any] | None = None) -> Table:
        import pyoxigraph

        from kg.loaders.oxigraph_store import term_value

        params = _check_names(params)
        text, params = bind_values(text, params)
        substitutions = {pyoxigraph.Variable(k): _rdf_term(v) for k, v in params.items()}
        try:
            solutions = self.store.query(text, substitutions=substitutions, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        except OSError as exc:
            raise StoreError(f"the RDF store could not be read: {exc}") from exc
        if isinstance(solutions, pyoxigraph.QueryBoolean):
            return ["answer"], [{"answer": bool(solutions)}]
        if not isinstance(solutions, pyoxigraph.QuerySolutions):
            raise QueryError("only SELECT and ASK queries return rows")
        names = [v.value for v in solutions.variables]
        return names, [{name: term_value(row[name]) for name in names} for row in solutions]


_VALUES_MARKER = re.compile(r"^(?P<indent>[ \t]+)# VALUES .*$", re.MULTILINE)


def bind_values(text: str, params: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """Bind parameters where a query marks the spot with an indented ``# VALUES …`` comment.

    Each marker becomes ``VALUES (?a ?b) { (term term) }``, the terms serialised by pyoxigraph
    (every quote, backslash and control character escaped, so a value can only ever be one
    literal). Written inside the WHERE group, the binding is known when Oxigraph plans the
    query, which then starts from the bound node (substitutions are applied after planning and
    can leave it scanning every node). Returns the text and the parameters still to bind by
    substitution: all of them when the query has no marker (ad-hoc queries).
    """
    if not params or not _VALUES_MARKER.search(text):
        return text, dict(params)
    names = " ".join(f"?{name}" for name in params)
    terms = " ".join(str(_rdf_term(value)) for value in params.values())
    line = f"VALUES ({names}) {{ ({terms}) }}"
    return _VALUES_MARKER.sub(lambda m: m["indent"] + line, text), {}


def _rdf_term(value: Any) -> Any:
    """A Python value as an RDF term: a literal (strings stay plain literals, never IRIs)."""
    import pyoxigraph

    if isinstance(value, pyoxigraph.NamedNode | pyoxigraph.Literal):
        return value
    if isinstance(value, bool | int | float | str):
        return pyoxigraph.Literal(value)
    raise QueryError(f"cannot bind a {type(value).__name__} in SPARQL: {value!r}")


@contextlib.contextmanager
def open_query_store(
    store: str = "embedded", build: Path | str = "build", *, neo4j_config: Path | None = None
) -> Iterator[QueryStore]:
    """A ``QueryStore`` for ``store`` (``embedded``, ``neo4j`` or ``sparql``), closed afterwards.

    ``build`` locates the embedded and RDF stores; Neo4j is found through the environment
    (``NEO4J_URI`` …) or ``neo4j_config``.
    """
    if store == "embedded":
        from kg.loaders.embedded import open_store

        _require_build(build, "falkordb", "irkg load BUILD --to embedded")
        with open_store(Path(build)) as embedded:
            yield EmbeddedCypher(embedded)
    elif store == "sparql":
        from kg.loaders.oxigraph_store import open_rdf_store

        yield OxigraphSparql(open_rdf_store(Path(build)))
    elif store == "neo4j":
        from kg.loaders.neo4j_bolt import Neo4jConnection, open_driver

        connection = (
            Neo4jConnection.from_config(neo4j_config)
            if neo4j_config
            else Neo4jConnection.from_settings()
        )
        driver = open_driver(connection)
        try:
            yield Neo4jCypher(driver, connection)
        finally:
            driver.close()
    else:
        raise ConfigError(f"unknown store {store!r}; choose one of {', '.join(STORES)}")


def _require_build(build: Path | str, folder: str, hint: str) -> None:
    """Fail with one clear line before starting a server for a build that was never loaded."""
    path = Path(build)
    if not path.is_dir():
        raise StoreError(f"{path}: no such build folder (irkg build, then {hint})")
    if not (path / folder).is_dir():
        raise StoreError(f"{path / folder}: no store here ({hint})")
