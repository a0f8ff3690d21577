"""Shared fixtures for the annotate tests: a tiny real lexicon and pipelines built on it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from tiny_lexicon import tiny_lexicon, write_tiny_lexicon


@pytest.fixture(scope="session")
def tiny_lex():
    return tiny_lexicon()


@pytest.fixture(scope="session")
def tiny_lex_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tiny_lexicon(tmp_path_factory.mktemp("lexicon") / "tiny.irkglex")


@pytest.fixture(scope="session")
def nlp(tiny_lex, tmp_path_factory: pytest.TempPathFactory):
    """The whole dictionary pipeline over the tiny lexicon (no learnt statistics)."""
    from kg.nlp import build_pipeline

    cache = tmp_path_factory.mktemp("tfidf")
    return build_pipeline(tiny_lex, learnt="none", candidates_dir=cache)


@pytest.fixture()
def blank():
    """``spacy.blank("en")`` with the irkg factories registered."""
    import spacy

    import kg.nlp.factories  # noqa: F401

    return spacy.blank("en")


# ----------------------------------------------------------------- trained model (train tests)


@pytest.fixture(scope="session")
def tiny_trained(tmp_path_factory: pytest.TempPathFactory):
    """(fixture corpora folder, TrainResult) of one tiny training run, shared by the tests."""
    from train_fixtures import TINY_CONFIG, write_corpora

    from kg.nlp.train import train_model

    root = tmp_path_factory.mktemp("shared")
    corpora = write_corpora(root)
    return corpora, train_model(corpora, root / "run", max_minutes=5, overrides=TINY_CONFIG)
