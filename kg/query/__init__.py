"""Ask the graph questions: canned queries, ad-hoc Cypher/SPARQL, entity lookup, paths.

    from kg.query import open_query_store, run_query, resolve_entity, find_paths

    with open_query_store("embedded", "build/") as store:       # or "sparql", "neo4j"
        print(graph_stats(store).describe())
        targets = run_query(store, "drug_targets_pathways", {"drug": "Keytruda"})
        drug = resolve_entity(store, "pembrolizumab")
        search = find_paths(store, "pembrolizumab", "cGAS-STING", max_hops=4, top=3)
        print(render_search(search, explain_no_path(store, search) if not search.paths else None))

Modules: ``stores`` (the three stores behind one ``run`` method), ``run`` (canned and ad-hoc
queries, parameters), ``resolve`` (names -> node ids), ``paths`` (drug -> pathway search,
ranking, why-not; the search itself in ``path_search``, what it asks each store in
``path_engines`` and ``path_queries``, the walked types in ``path_types``), ``svg`` (drawing a
path), ``output`` (table/JSON/CSV/TSV, path text), ``overview`` (graph statistics, an entity's
card).
Heavy libraries are imported inside functions, so importing this package is cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_API = {
    "QueryStore": "kg.query.stores",
    "open_query_store": "kg.query.stores",
    "STORES": "kg.query.stores",
    "QueryResult": "kg.query.run",
    "run_query": "kg.query.run",
    "run_text": "kg.query.run",
    "parse_param_options": "kg.query.run",
    "Entity": "kg.query.resolve",
    "AmbiguousEntity": "kg.query.resolve",
    "EntityNotFound": "kg.query.resolve",
    "resolve_entity": "kg.query.resolve",
    "entity_candidates": "kg.query.resolve",
    "Path": "kg.query.paths",
    "PathNode": "kg.query.paths",
    "Step": "kg.query.paths",
    "PathSearch": "kg.query.paths",
    "find_paths": "kg.query.paths",
    "explain_no_path": "kg.query.paths",
    "resolve_pathway": "kg.query.resolve",
    "default_lexicon": "kg.query.resolve",
    "path_svg": "kg.query.svg",
    "write_svg": "kg.query.svg",
    "write_png": "kg.query.svg",
    "format_result": "kg.query.output",
    "render_search": "kg.query.output",
    "search_json": "kg.query.output",
    "GraphStats": "kg.query.overview",
    "graph_stats": "kg.query.overview",
    "EntityCard": "kg.query.overview",
    "show_entity": "kg.query.overview",
}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'kg.query' has no attribute {name!r}")
    return getattr(import_module(module), name)
