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
