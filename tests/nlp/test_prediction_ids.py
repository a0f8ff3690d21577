"""A mention carries its prediction only; the ranked alternatives stay in ``span._.candidates``.

Downstream every id of a ``Mention`` is an asserted entity (one ``mentions`` edge each), so an
ambiguous symbol such as "PD-1" (PDCD1, SNCA and PDCD1's neighbour 9825 are all "PD-1" in NCBI
Gene) must reach the Mention, the PubTator and the BioC output as one identifier.
"""

import io
import json

import pytest

from kg.model import Document, EntityType, Passage

PDCD1 = "NCBIGene:5133"  # human PDCD1, the prediction in a paper on patients
TEXT = "Anti-PD-1 therapy with pembrolizumab in patients with melanoma; PD-1 blockade works."
DOCUMENT = Document(id="7", passages=(Passage("title", 0, TEXT),))


@pytest.fixture(scope="module")
def demo_nlp(demo_lexicon, tmp_path_factory):
    from kg.nlp import build_pipeline

    cache = tmp_path_factory.mktemp("tfidf")
    return build_pipeline(demo_lexicon, learnt="none", candidates_dir=cache)


@pytest.fixture(scope="module")
def annotated(demo_nlp):
    from kg.nlp import annotate

    (result,) = annotate([DOCUMENT], demo_nlp)
    return result


def test_ambiguous_symbol_keeps_its_alternatives_as_candidates(demo_nlp):
    pd1 = [e for e in demo_nlp(TEXT).ents if e.text == "PD-1"]
    assert len(pd1) == 2
    for ent in pd1:
        assert ent._.ids == (PDCD1,) and ent._.id_taxa == ("NCBITaxon:9606",)
        ranked = [c.curie for c in ent._.candidates]
        assert ranked[0] == PDCD1
        # the other human "PD-1"s and mouse Pdcd1 are alternatives, not predictions
        assert {"NCBIGene:6622", "NCBIGene:9825", "NCBIGene:18566"} <= set(ranked)
        assert all(0.0 < c.score <= 1.0 for c in ent._.candidates)


def test_mention_carries_one_id(annotated):
    pd1 = [m for m in annotated.mentions if m.text == "PD-1"]
    assert [m.ids for m in pd1] == [(PDCD1,), (PDCD1,)]
    assert all(len(m.ids) <= 1 for m in annotated.mentions)


def test_pubtator_and_bioc_carry_one_id(annotated, tmp_path):
    from kg.ingest.pubtator import read_pubtator
    from kg.nlp.output import pubtator_block, write_annotated

    path = tmp_path / "pred.PubTator"
    path.write_text(pubtator_block(annotated), encoding="utf-8")
    (back,) = read_pubtator(path)
    assert [m.ids for m in back.mentions if m.text == "PD-1"] == [(PDCD1,), (PDCD1,)]

    out = io.StringIO()
    write_annotated([annotated], out, "biocjson")
    (passage,) = json.loads(out.getvalue())["documents"][0]["passages"]
    identifiers = [a["infons"]["identifier"] for a in passage["annotations"] if a["text"] == "PD-1"]
    assert identifiers == [PDCD1, PDCD1]


def test_species_puts_the_chosen_taxon_first(nlp):
    """Tiny lexicon: STING is human STING1 or mouse Sting1; a mouse paper predicts Sting1 and
    keeps STING1 as an alternative."""
    (sting,) = [e for e in nlp("STING in MC38 tumours of mice.").ents if e.text == "STING"]
    assert sting._.ids == ("NCBIGene:72512",) and sting._.taxon == "NCBITaxon:10090"
    assert [c.curie for c in sting._.candidates] == ["NCBIGene:72512", "NCBIGene:340061"]
    assert EntityType(sting.label_) is EntityType.GENE
