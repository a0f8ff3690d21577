"""Typed, signed, directed relations and co-mentions on sentences written for these tests.

Entities are set by hand on a blank English pipeline (sentencizer + irkg regimens + relations),
so these tests check the relation rules alone, not the recogniser.
"""

import re

import pytest
import spacy

from kg.model import Document, DocumentMeta, Passage, Sign
from kg.nlp.relation_doc import register_extensions
from kg.nlp.relations import COMENTION, EXTRACTOR, RelationExtractor

CURIES = {
    "cGAS": ("Gene", "NCBIGene:115004"),
    "cGAMP": ("Chemical", "MESH:C584311"),
    "STING": ("Gene", "NCBIGene:340061"),
    "TBK1": ("Gene", "NCBIGene:29110"),
    "IRF3": ("Gene", "NCBIGene:3661"),
    "IFNB1": ("Gene", "NCBIGene:3456"),
    "PD-1": ("Gene", "NCBIGene:5133"),
    "CTLA-4": ("Gene", "NCBIGene:1493"),
    "pembrolizumab": ("Chemical", "MESH:C582435"),
    "nivolumab": ("Chemical", "MESH:D000077594"),
    "melanoma": ("Disease", "MESH:D008545"),
    "NSCLC": ("Disease", "MESH:D002289"),
    "SBRT": ("Radiotherapy", "irkg:SBRT"),
    "MC38": ("CellLine", "cellosaurus:CVCL_B288"),
    "mice": ("Species", "NCBITaxon:10090"),
    "cisplatin": ("Chemical", "MESH:D002945"),
    "nephrotoxicity": ("Disease", "MESH:D007674"),
}
ID = {name: curie for name, (_, curie) in CURIES.items()}


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("irkg_regimens_v1")
    nlp.add_pipe("irkg_relations_v1")
    return nlp


def annotate(nlp, text, document=None):
    """Mark every whole-word occurrence of a known name as an entity, then run the pipeline."""
    register_extensions()
    doc = nlp.make_doc(text)
    spans = []
    for name, (label, curie) in CURIES.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w])", text):
            span = doc.char_span(m.start(), m.end(), label=label)
            assert span is not None, f"{name!r} does not fall on token boundaries in {text!r}"
            span._.ids = (curie,)
            spans.append(span)
    doc.ents = spans
    doc._.document = document
    return nlp(doc)


def typed(doc):
    return {
        (r.subject, r.predicate.removeprefix("biolink:"), r.object, int(r.qualifiers.sign))
        for r in doc._.relations
        if r.evidence.extractor == EXTRACTOR
    }


def only(doc):
    rels = [r for r in doc._.relations if r.evidence.extractor == EXTRACTOR]
    assert len(rels) == 1, rels
    return rels[0]


@pytest.mark.parametrize(
    ("text", "subject", "object", "sign"),
    [
        ("cGAMP activates STING.", "cGAMP", "STING", 1),
        ("STING is activated by cGAMP.", "cGAMP", "STING", 1),
        ("STING was strongly activated by cGAMP in these cells.", "cGAMP", "STING", 1),
        ("IFNB1 induced by cGAMP rose.", "cGAMP", "IFNB1", 1),
        ("cGAMP - induced IFNB1 expression was high.", "cGAMP", "IFNB1", 1),
        ("cGAMP, which activates STING, is made by cGAS.", "cGAMP", "STING", 1),
        ("Blockade of PD-1 by pembrolizumab restored immunity.", "pembrolizumab", "PD-1", -1),
        ("STING activation by cGAMP leads to interferon.", "cGAMP", "STING", 1),
        ("STING - mediated activation of TBK1 follows.", "STING", "TBK1", 1),
        ("TBK1 phosphorylates IRF3.", "TBK1", "IRF3", 1),
        ("IRF3 is phosphorylated by TBK1.", "TBK1", "IRF3", 1),
        ("nivolumab suppresses PD-1 signalling.", "nivolumab", "PD-1", -1),
        ("The PD-1 inhibitor pembrolizumab was given.", "pembrolizumab", "PD-1", -1),
        ("We gave pembrolizumab, a PD-1 inhibitor, weekly.", "pembrolizumab", "PD-1", -1),
        ("cisplatin - induced nephrotoxicity was seen.", "cisplatin", "nephrotoxicity", 1),
        ("cGAMP potently upregulates IFNB1.", "cGAMP", "IFNB1", 1),
        ("cGAMP attenuates PD-1 expression.", "cGAMP", "PD-1", -1),
    ],
)
def test_signed_direction(nlp, text, subject, object, sign):
    doc = annotate(nlp, text)
    assert (ID[subject], "affects", ID[object], sign) in typed(doc)
    assert (ID[object], "affects", ID[subject], sign) not in typed(doc)


def test_passive_records_the_trigger_and_offsets(nlp):
    text = "STING is activated by cGAMP."
    rel = only(annotate(nlp, text))
    ev = rel.evidence
    assert (rel.subject, rel.object, rel.qualifiers.sign) == (
        ID["cGAMP"],
        ID["STING"],
        Sign.POSITIVE,
    )
    assert ev.trigger == "activated"
    assert text[ev.subject_start : ev.subject_end] == "cGAMP"
    assert text[ev.object_start : ev.object_end] == "STING"
    assert ev.sentence == text and (ev.sentence_start, ev.sentence_end) == (0, len(text))
    assert (ev.extractor, ev.extractor_version) == (EXTRACTOR, "1")
    assert not ev.negated and not ev.hedged


def test_coordinated_objects_and_relative_clause(nlp):
    found = typed(annotate(nlp, "cGAMP, which activates STING, TBK1 and IRF3, is made by cGAS."))
    for target in ("STING", "TBK1", "IRF3"):
        assert (ID["cGAMP"], "affects", ID[target], 1) in found
    assert (ID["cGAS"], "affects", ID["cGAMP"], 1) not in found


def test_second_verb_of_a_clause_is_not_the_objects(nlp):
    # "activates TBK1" belongs to cGAMP, not to STING: no STING -> TBK1 edge
    found = typed(annotate(nlp, "cGAS produces cGAMP, which binds STING and activates TBK1."))
    assert (ID["cGAMP"], "physically_interacts_with", ID["STING"], 0) in found
    assert not any(s == ID["STING"] for s, *_ in found)


def test_copula_relative_clause(nlp):
    found = typed(annotate(nlp, "pembrolizumab is a humanized antibody that targets PD-1."))
    assert found == {(ID["pembrolizumab"], "physically_interacts_with", ID["PD-1"], 0)}


def test_clause_boundary_stops_a_relation(nlp):
    found = typed(annotate(nlp, "nivolumab inhibits PD-1 but not CTLA-4."))
    assert (ID["nivolumab"], "affects", ID["PD-1"], -1) in found
    assert all(o != ID["CTLA-4"] for _, _, o, _ in found)


def test_agentless_passive_gives_no_relation(nlp):
    assert typed(annotate(nlp, "STING was activated in MC38 cells.")) == set()


@pytest.mark.parametrize(
    "text",
    [
        "cGAMP did not induce IFNB1.",
        "cGAMP failed to activate STING.",
        "STING is not activated by cGAMP.",
        "cGAMP activates neither STING nor TBK1.",
    ],
)
def test_negation(nlp, text):
    rels = [r for r in annotate(nlp, text)._.relations if r.evidence.extractor == EXTRACTOR]
    assert rels and all(r.evidence.negated for r in rels)


def test_negation_of_co_mention(nlp):
    rels = annotate(nlp, "IFNB1 induction was independent of STING.")._.relations
    assert [r.evidence.negated for r in rels if r.evidence.extractor == COMENTION] == [True]


def test_negation_before_first_entity_does_not_count(nlp):
    rel = only(annotate(nlp, "Without radiation, cGAMP activated STING."))
    assert not rel.evidence.negated


@pytest.mark.parametrize(
    "text",
    [
        "cGAMP may enhance STING signalling.",
        "These data suggest that STING activates TBK1.",
        "We hypothesize that cGAS activates STING.",
        "cGAMP might possibly trigger IFNB1.",
    ],
)
def test_hedging(nlp, text):
    rel = only(annotate(nlp, text))
    assert rel.evidence.hedged and not rel.evidence.negated


def test_treats_with_radiotherapy_regimen(nlp):
    text = "Patients with NSCLC treated with pembrolizumab and SBRT (8 Gy × 3) responded."
    doc = annotate(nlp, text)
    treats = {
        (r.subject, r.object, r.qualifiers.regimen): r
        for r in doc._.relations
        if r.predicate == "biolink:treats_or_applied_or_studied_to_treat"
    }
    assert set(treats) == {
        (ID["pembrolizumab"], ID["NSCLC"], "irkg:SBRT"),
        (ID["SBRT"], ID["NSCLC"], ""),
    }
    ev = treats[(ID["pembrolizumab"], ID["NSCLC"], "irkg:SBRT")].evidence
    assert ev.regimens == ("irkg:SBRT 24 Gy/3 fx (8 Gy/fx)",)


def test_treats_needs_a_drug_and_a_disease(nlp):
    found = typed(annotate(nlp, "pembrolizumab for the treatment of melanoma."))
    assert found == {
        (ID["pembrolizumab"], "treats_or_applied_or_studied_to_treat", ID["melanoma"], 0)
    }
    assert typed(annotate(nlp, "STING for the treatment of TBK1.")) == set()


def test_comention_counts_each_pair_once_per_sentence_and_skips_species(nlp):
    doc = annotate(nlp, "STING and TBK1 in mice: STING again with TBK1. IRF3 alone.")
    pairs = [(r.subject, r.object) for r in doc._.relations if r.evidence.extractor == COMENTION]
    assert pairs == [tuple(sorted((ID["STING"], ID["TBK1"])))]
    rel = doc._.relations[0]
    assert rel.predicate == "biolink:related_to" and rel.qualifiers.sign == Sign.NONE


def test_evidence_takes_document_id_pmid_and_section(nlp):
    title = "STING and TBK1"
    abstract = "cGAMP activates STING."
    document = Document(
        "12345",
        (Passage("title", 0, title), Passage("abstract", len(title) + 1, abstract)),
        DocumentMeta(pmid="12345"),
    )
    doc = annotate(nlp, document.text, document)
    by_section = {r.evidence.section: r.evidence for r in doc._.relations}
    assert set(by_section) == {"title", "abstract"}
    ev = by_section["abstract"]
    assert (ev.doc_id, ev.pmid, ev.sentence) == ("12345", "12345", abstract)
    assert document.text[ev.sentence_start : ev.sentence_end] == abstract


def test_sentences_are_cut_at_line_breaks(nlp):
    doc = annotate(nlp, "STING in the title\nTBK1 in the abstract.")
    assert doc._.relations == []


def test_needs_sentence_boundaries():
    nlp = spacy.blank("en")
    nlp.add_pipe("irkg_relations_v1")
    with pytest.raises(ValueError, match="sentence boundaries"):
        nlp("STING activates TBK1.")


def test_options_are_validated():
    with pytest.raises(ValueError, match="max_between"):
        RelationExtractor(max_between=0)


def test_reduced_relative_without_agent_gives_no_relation(nlp):
    assert typed(annotate(nlp, "IFNB1 produced after SBRT acts on TBK1.")) == set()


@pytest.mark.parametrize(
    ("text", "subject", "object", "sign"),
    [
        ("Blocking PD-1 abrogated IFNB1 expression.", "PD-1", "IFNB1", 1),
        ("Loss of cGAS reduced IFNB1.", "cGAS", "IFNB1", 1),
        ("IFNB1 was reduced by knockdown of STING.", "STING", "IFNB1", 1),
        ("Depletion of TBK1 increased PD-1.", "TBK1", "PD-1", -1),
    ],
)
def test_loss_of_the_subject_turns_the_sign(nlp, text, subject, object, sign):
    assert typed(annotate(nlp, text)) == {(ID[subject], "affects", ID[object], sign)}


def test_only_the_first_ranked_id_relates_unless_all_ids():
    register_extensions()
    text = "cGAMP activates STING."
    results = {}
    for all_ids in (False, True):
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("irkg_relations_v1", config={"all_ids": all_ids, "comention": False})
        doc = nlp.make_doc(text)
        cgamp, sting = doc.char_span(0, 5, label="Chemical"), doc.char_span(16, 21, label="Gene")
        cgamp._.ids, sting._.ids = (ID["cGAMP"],), (ID["STING"], "NCBIGene:72512")
        doc.ents = [cgamp, sting]
        results[all_ids] = {r.object for r in nlp(doc)._.relations}
    assert results[False] == {ID["STING"]}
    assert results[True] == {ID["STING"], "NCBIGene:72512"}
