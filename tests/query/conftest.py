"""Query tests run on the demo graph plus a few edges that make drug -> pathway paths.

``query_graph()`` is ``tests/fixtures/graph.py``'s demo graph with:

* CD274 -[AFFECTS +]-> PDCD1 (curated PD-L1/PD-1 checkpoint step), so pembrolizumab reaches the
  cGAS-STING pathway in 3 steps through PDCD1, CD274 and TBK1 (twice: TBK1 -> CD274 has a
  positive and a negative edge, belief 0.5 and 0.45);
* Melanoma -[RELATED_TO]- CD274 (a weak co-mention, belief 0.2): two more 3-step paths,
  pembrolizumab -> Melanoma -> CD274 <- TBK1, much weaker;
* durvalumab, a drug with no target that is studied for melanoma;
* Cd274 (mouse), whose synonym PD-L1 makes "PD-L1" ambiguous;
* an entity whose name is ``a\\b"c`` and one whose name is a Cypher/SPARQL injection attempt.

The build is loaded into the embedded FalkorDB store (kept warm for the session, stopped at
the end) and the Oxigraph store; expected answers are computed from these records.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from query_graph import STORES, DemoGraph, query_graph  # noqa: E402


@pytest.fixture(scope="session")
def graph() -> DemoGraph:
    return query_graph()


@pytest.fixture(scope="session")
def query_build(tmp_path_factory: pytest.TempPathFactory, graph: DemoGraph) -> Iterator[Path]:
    """The query graph's build folder, loaded into FalkorDB (warm) and Oxigraph."""
    from kg.assemble.tables import write_tables
    from kg.loaders import load, store_start, store_stop

    build = tmp_path_factory.mktemp("query") / "build"
    write_tables(build, graph.nodes, graph.edges, graph.evidence)
    store_start(build)
    try:
        load(build, to="embedded")
        load(build, to="rdf")
        yield build
    finally:
        store_stop(build)


@pytest.fixture(scope="session")
def open_stores(query_build: Path) -> Iterator[dict]:
    """Both query stores, open for the session: {"embedded": ..., "sparql": ...}."""
    from contextlib import ExitStack

    from kg.query.stores import open_query_store

    with ExitStack() as stack:
        yield {kind: stack.enter_context(open_query_store(kind, query_build)) for kind in STORES}


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest, open_stores: dict):
    """Each query store in turn."""
    return open_stores[request.param]
