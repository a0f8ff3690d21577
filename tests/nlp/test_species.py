"""The species step on hand-made docs: cue scope, cell-line cues, pseudogenes, orthologs."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from kg.lexicon import Flags, LexEntry, Lexicon, Ortholog, normalize_key
from kg.model import EntityType
from kg.nlp.extensions import Candidate, register_extensions, set_candidates
from kg.nlp.species import SpeciesAssigner

HUMAN = "NCBITaxon:9606"
MOUSE = "NCBITaxon:10090"
S, N, P = Flags.SYMBOL, Flags.NAME, Flags.PREFERRED

ROWS = [
    ("PAX4", "NCBIGene:5078", HUMAN, "PAX4", S | P),
    ("Pax4", "NCBIGene:18506", MOUSE, "Pax4", S | P),
    ("FKBP1AP1", "NCBIGene:2282", HUMAN, "FKBP1AP1", S | P),
    ("FKBP12", "NCBIGene:2282", HUMAN, "FKBP1AP1", S),
    ("FK506 binding protein 1A pseudogene 1", "NCBIGene:2282", HUMAN, "FKBP1AP1", N),
    ("FKBP1A", "NCBIGene:2280", HUMAN, "FKBP1A", S | P),
    ("FKBP12", "NCBIGene:2280", HUMAN, "FKBP1A", S),
    ("Gh", "NCBIGene:14599", MOUSE, "Gh", S | P),
    ("growth hormone", "NCBIGene:14599", MOUSE, "Gh", N),
    ("CSH1", "NCBIGene:1442", HUMAN, "CSH1", S | P),
    ("GH1", "NCBIGene:2688", HUMAN, "GH1", S | P),
]
ORTHOLOGS = [  # in the order HGNC lists them: the paralogue first
    Ortholog("NCBIGene:1442", "NCBIGene:14599", "tests"),
    Ortholog("NCBIGene:2688", "NCBIGene:14599", "tests"),
    Ortholog("NCBIGene:5078", "NCBIGene:18506", "tests"),
]
CANDIDATES = {  # what the normaliser leaves on each gene surface, best first
    "PAX4": (Candidate("NCBIGene:5078", HUMAN, 1.0), Candidate("NCBIGene:18506", MOUSE, 1.0)),
    "FKBP12": (
        Candidate("NCBIGene:2282", HUMAN, 0.5),
        Candidate("NCBIGene:2280", HUMAN, 0.5),
    ),
    "growth hormone": (Candidate("NCBIGene:14599", MOUSE, 1.0),),
}


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    entries = [
        LexEntry(term, normalize_key(term), curie, EntityType.GENE, taxon, pref, "tests", flags)
        for term, curie, taxon, pref, flags in ROWS
    ]
    return Lexicon.from_entries(entries, orthologs=ORTHOLOGS, version="species-tests")


@pytest.fixture()
def make_doc(blank):
    register_extensions()

    def make(text: str, ents: dict[int, tuple[str, str]]):
        """``ents``: token index -> (label, taxon id of a Species / CellLine)."""
        doc = blank.make_doc(text)
        doc.ents = [Span(doc, i, i + 1, label) for i, (label, _) in ents.items()]
        for span in doc.ents:
            if span.label_ == "Gene":
                set_candidates(span, CANDIDATES[span.text], 1.0)
            elif span.label_ == "Species":
                span._.ids = (ents[span.start][1],)
            else:
                span._.ids = ("cellosaurus:CVCL_X",)
                span._.id_taxa = (ents[span.start][1],)
        return doc

    return make


def genes(doc) -> list[tuple[str, str]]:
    return [(e.text, e._.ids[0]) for e in doc.ents if e.label_ == "Gene"]


def test_species_word_right_before_a_gene_names_its_species(lexicon, make_doc):
    doc = make_doc(
        "human PAX4 and human islets ; mouse PAX4 ; PAX4 again",
        {0: ("Species", HUMAN), 1: ("Gene", ""), 3: ("Species", HUMAN), 6: ("Species", MOUSE)}
        | {7: ("Gene", ""), 9: ("Gene", "")},
    )
    SpeciesAssigner(lexicon=lexicon)(doc)
    assert genes(doc) == [
        ("PAX4", "NCBIGene:5078"),
        ("PAX4", "NCBIGene:18506"),  # "mouse PAX4", in a human document
        ("PAX4", "NCBIGene:5078"),  # the document's species again
    ]


def test_cell_line_written_as_a_word_is_no_species_cue(lexicon, make_doc):
    doc = make_doc(
        "fibroblasts of patients with PAX4 mutations",
        {0: ("CellLine", MOUSE), 4: ("Gene", "")},
    )
    SpeciesAssigner(lexicon=lexicon)(doc)
    assert genes(doc) == [("PAX4", "NCBIGene:5078")]
    assert doc._.irkg_species.document_counts == ((HUMAN, 1),)  # "patients", a word cue


def test_code_named_cell_line_is_a_cue(lexicon, make_doc):
    doc = make_doc("NIH3T3 cells express PAX4 .", {0: ("CellLine", MOUSE), 3: ("Gene", "")})
    SpeciesAssigner(lexicon=lexicon)(doc)
    assert genes(doc) == [("PAX4", "NCBIGene:18506")]


def test_pseudogenes_rank_behind_genes(lexicon, make_doc):
    doc = make_doc("FKBP12 binds", {0: ("Gene", "")})
    SpeciesAssigner(lexicon=lexicon)(doc)
    assert genes(doc) == [("FKBP12", "NCBIGene:2280")]
    assert [c[0] for c in doc.ents[0]._.candidates] == ["NCBIGene:2280", "NCBIGene:2282"]


def test_ortholog_with_the_same_symbol_comes_first(lexicon, blank):
    register_extensions()
    doc = blank.make_doc("growth hormone levels")
    doc.ents = [Span(doc, 0, 2, "Gene")]
    set_candidates(doc.ents[0], CANDIDATES["growth hormone"], 1.0)
    SpeciesAssigner(lexicon=lexicon)(doc)
    assert genes(doc) == [("growth hormone", "NCBIGene:2688")]  # GH1 before its paralogue CSH1
    assert doc.ents[0]._.taxon == HUMAN
