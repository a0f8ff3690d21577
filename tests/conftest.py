"""Shared pytest fixtures. Each stage keeps its fixtures in its own block below."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# --------------------------------------------------------------------------- loaders
# The demo graph (tests/fixtures/graph.py) as records, as a build folder of canonical tables, and
# loaded into both query stores. Query tests reuse `loaded_demo_build`: its embedded FalkorDB
# server is kept warm for the whole session (stopped at the end) and its Oxigraph store is built.
from fixtures.graph import DemoGraph, demo_graph, write_demo_build


@pytest.fixture(scope="session")
def demo() -> DemoGraph:
    return demo_graph()


@pytest.fixture(scope="session")
def demo_tables(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build folder holding only the demo graph's tables (do not write into it)."""
    return write_demo_build(tmp_path_factory.mktemp("demo-tables"))


@pytest.fixture
def fresh_build(demo_tables: Path, tmp_path: Path) -> Path:
    """A private copy of the demo build folder that a test may load into."""
    build = tmp_path / "build"
    shutil.copytree(demo_tables, build)
    return build


@pytest.fixture(scope="session")
def loaded_demo_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The demo build loaded into the embedded store (kept warm) and the RDF store."""
    from kg.loaders import load, store_start, store_stop

    build = write_demo_build(tmp_path_factory.mktemp("demo-loaded") / "build")
    store_start(build)
    try:
        load(build, to="embedded")
        load(build, to="rdf")
        yield build
    finally:
        store_stop(build)
