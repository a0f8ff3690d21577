"""Run canned or ad-hoc queries on a store and get a ``QueryResult`` (columns + rows).

    from kg.query import open_query_store, run_query

    with open_query_store("embedded", "build/") as store:
        result = run_query(store, "drug_targets_pathways", {"drug": "pembrolizumab"})
    result.columns  # ('drug_id', 'drug', 'target_id', ...)
    result.rows     # ({'drug_id': 'MESH:C582435', ...}, ...)

Parameters are checked against the query's header: unknown or missing names fail, values are
converted to the declared type, ``label`` values must be labels of the closed schema, and
``entity`` values that are not a node id are resolved through the graph (names, synonyms,
cross-references) and the lexicon when one is given (``kg.query.resolve``).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.errors import QueryError
from kg.queries import LIST_SEPARATOR, CannedQuery, Param, get_query

if TYPE_CHECKING:
    from kg.lexicon import Lexicon
    from kg.query.resolve import Chooser
    from kg.query.stores import QueryStore


@dataclass(frozen=True)
class QueryResult:
    """What a query returned: column names in order and one dict per row."""

    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]
    query: str = ""  # the canned query's name, or "" for ad-hoc text
    store: str = ""
    seconds: float = 0.0

    def __len__(self) -> int:
        return len(self.rows)

    def values(self) -> list[tuple[Any, ...]]:
        """Rows as tuples in column order."""
        return [tuple(row.get(c) for c in self.columns) for row in self.rows]


def parse_param_options(items: list[str] | None) -> dict[str, str]:
    """``["drug=pembrolizumab", "label=Gene"]`` -> a dict (the CLI's ``--param key=value``)."""
    params: dict[str, str] = {}
    for item in items or ():
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise QueryError(f"--param {item!r}: expected key=value")
        if key in params:
            raise QueryError(f"--param {key} given twice")
        params[key] = value
    return params


_ADHOC_TYPES = {"str": str, "string": str, "int": int, "float": float}


def parse_adhoc_params(items: list[str] | None) -> dict[str, Any]:
    """``--param`` values of an ad-hoc query: ``name=text``, or typed ``name:int=5``,
    ``name:float=0.5``."""
    typed: dict[str, Any] = {}
    for key, value in parse_param_options(items).items():
        name, _, kind = key.partition(":")
        if kind and kind not in _ADHOC_TYPES:
            raise QueryError(f"--param {key}: type must be one of {', '.join(_ADHOC_TYPES)}")
        try:
            typed[name] = _ADHOC_TYPES[kind or "str"](value)
        except ValueError:
            raise QueryError(f"--param {key}: {value!r} is not {kind}") from None
    return typed


def coerce_param(param: Param, value: Any) -> Any:
    """A value converted to the parameter's declared type (``QueryError`` naming it if not)."""
    try:
        if param.type == "int":
            return value if isinstance(value, int) else int(str(value).strip())
        if param.type == "float":
            return float(value)
    except ValueError:
        raise QueryError(f"${param.name} must be {param.type}, got {value!r}") from None
    text = str(value)
    if param.type == "label":
        from kg.loaders.cypher import node_labels

        labels = node_labels()
        match = [label for label in labels if label.lower() == text.strip().lower()]
        if not match:
            raise QueryError(f"${param.name}: unknown label {text!r}; known: {', '.join(labels)}")
        return match[0]
    return text


def bind_params(
    query: CannedQuery,
    given: Mapping[str, Any] | None,
    store: QueryStore | None = None,
    *,
    lexicon: Lexicon | None = None,
    choose: Chooser | None = None,
) -> dict[str, Any]:
    """The query's parameters, checked, typed, and (``entity``) resolved to node ids."""
    given = dict(given or {})
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        raise QueryError(
            f"query {query.name!r} has no parameter {', '.join(unknown)}; "
            f"its parameters: {', '.join(declared) or 'none'}"
        )
    missing = [name for name in declared if name not in given]
    if missing:
        hints = ", ".join(f"--param {n}={declared[n].example}" for n in missing)
        raise QueryError(f"query {query.name!r} needs {', '.join(missing)} (e.g. {hints})")
    bound = {name: coerce_param(declared[name], value) for name, value in given.items()}
    if store is not None:
        from kg.query.resolve import resolve_entity, resolve_pathway

        for name, param in declared.items():
            if param.type == "entity":
                bound[name] = resolve_entity(store, bound[name], lexicon=lexicon, choose=choose).id
            elif param.type == "pathway":
                bound[name] = resolve_pathway(store, bound[name], lexicon=lexicon, choose=choose).id
    return bound


def run_query(
    store: QueryStore,
    name: str,
    params: Mapping[str, Any] | None = None,
    *,
    resolve: bool = True,
    lexicon: Lexicon | None = None,
    choose: Chooser | None = None,
) -> QueryResult:
    """Run the canned query ``name`` on ``store`` in the store's language.

    With ``resolve`` (default), ``entity`` parameters may be names or synonyms; an ambiguous
    name raises ``AmbiguousEntity`` listing the candidates.
    """
    query = get_query(name)
    bound = bind_params(query, params, store if resolve else None, lexicon=lexicon, choose=choose)
    started = time.perf_counter()
    columns, rows = store.run(query.text(store.language), bound)
    seconds = time.perf_counter() - started
    declared = [c.name for c in query.columns]
    if columns != declared:
        raise QueryError(
            f"{name}: the {store.language} query returned columns {columns}, its header "
            f"declares {declared}"
        )
    lists = [c.name for c in query.columns if c.is_list]
    return QueryResult(
        tuple(declared),
        tuple(_with_lists(row, lists) for row in rows),
        name,
        store.name,
        seconds,
    )


def _with_lists(row: dict[str, Any], lists: list[str]) -> dict[str, Any]:
    """List columns as sorted lists on every engine (SPARQL sends a joined string)."""
    for name in lists:
        value = row.get(name)
        if value is None or value == "":
            row[name] = []
        elif isinstance(value, str):
            row[name] = sorted(value.split(LIST_SEPARATOR))
        else:
            row[name] = sorted(value)
    return row


def run_text(store: QueryStore, text: str, params: Mapping[str, Any] | None = None) -> QueryResult:
    """Run ad-hoc query text (read-only) with parameters; values are never pasted into it."""
    if not text.strip():
        raise QueryError("empty query")
    started = time.perf_counter()
    columns, rows = store.run(text, params or {})
    return QueryResult(tuple(columns), tuple(rows), "", store.name, time.perf_counter() - started)
