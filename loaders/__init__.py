"""Store writers (installed as ``kg.loaders``): one module per store, all behind ``base.Writer``.

The public API, imported lazily so ``import kg.loaders`` stays cheap:

``load(build, to="embedded"|"neo4j"|"rdf"|"kgx", **options) -> LoadReport``
``export_neo4j_csv(build, out)``, ``export_kgx(build, out, format=)``, ``export_rdf(build, path,
format=)``, ``serve_sparql(build, host=, port=)``
``open_store(build)`` (Cypher on the embedded FalkorDB store), ``store_start``, ``store_stop``,
``store_status``; ``open_rdf_store(build)`` and ``sparql_select(store, query, bindings)``
(SPARQL on the Oxigraph store); ``to_networkx(build)``.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_API = {
    "load": "kg.loaders.api",
    "export_kgx": "kg.loaders.api",
    "export_rdf": "kg.loaders.api",
    "export_neo4j_csv": "kg.loaders.api",
    "serve_sparql": "kg.loaders.api",
    "tables_fingerprint": "kg.loaders.api",
    "open_store": "kg.loaders.embedded",
    "store_start": "kg.loaders.embedded",
    "store_stop": "kg.loaders.embedded",
    "store_status": "kg.loaders.embedded",
    "EmbeddedStore": "kg.loaders.embedded",
    "open_rdf_store": "kg.loaders.oxigraph_store",
    "sparql_select": "kg.loaders.oxigraph_store",
    "bind_values": "kg.loaders.oxigraph_store",
    "to_networkx": "kg.loaders.kgx",
    "LoadReport": "kg.loaders.base",
    "get_writer": "kg.loaders.base",
}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'kg.loaders' has no attribute {name!r}")
    return getattr(import_module(module), name)
