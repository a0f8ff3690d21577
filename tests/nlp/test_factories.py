"""Factories are reachable by name through the spacy_factories entry point, without imports."""

import subprocess
import sys
from importlib.metadata import entry_points

ANNOTATE = [
    "irkg_sentences_v1",
    "irkg_dictionary_v1",
    "irkg_merge_v1",
    "irkg_abbreviations_v1",
    "irkg_ambiguity_v1",
    "irkg_normalizer_v1",
    "irkg_species_v1",
]


def test_every_factory_has_an_entry_point():
    names = {ep.name.strip('"') for ep in entry_points(group="spacy_factories")}
    assert set(ANNOTATE) <= names


def test_add_pipe_by_name_in_a_fresh_interpreter():
    code = (
        "import sys, spacy; nlp = spacy.blank('en'); nlp.add_pipe('irkg_sentences_v1'); "
        "print(len(list(nlp('One here. Two here.').sents)), 'kg.nlp.factories' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["2", "True"]


def test_components_share_one_candidate_index_per_lexicon(tiny_lex, tmp_path):
    """The abbreviation step and the normaliser ask for the same lexicon's TF-IDF index: one
    object, so a forked worker loads each type's index once."""
    from kg.nlp.factories import irkg_tfidf_candidates

    make = irkg_tfidf_candidates(str(tmp_path))
    first = make(tiny_lex)
    assert irkg_tfidf_candidates(str(tmp_path))(tiny_lex) is first
    assert irkg_tfidf_candidates(str(tmp_path / "other"))(tiny_lex) is not first
