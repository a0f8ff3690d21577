"""The stage-boundary records validate on construction and round-trip through plain dicts."""

import pytest

from kg.model import (
    AnnotatedDocument,
    Document,
    DocumentMeta,
    Edge,
    EntityType,
    Evidence,
    Mention,
    Passage,
    Qualifiers,
    Regimen,
    Relation,
    Sign,
    from_record,
    to_record,
)


def _doc() -> Document:
    return Document(
        "demo-001",
        (Passage("title", 0, "cGAS senses DNA."), Passage("abstract", 17, "STING is activated.")),
        DocumentMeta(pmid="123", year=2024),
    )


def test_document_text_places_passages_at_offsets():
    doc = _doc()
    assert doc.text == "cGAS senses DNA.\nSTING is activated."
    assert doc.title == "cGAS senses DNA."
    assert doc.text[17:22] == "STING"
    assert doc.passage_at(18).section == "abstract"


def test_overlapping_passages_are_rejected():
    with pytest.raises(ValueError, match="overlaps"):
        Document("d", (Passage("title", 0, "abc"), Passage("abstract", 2, "x")))


def test_mention_text_must_fit_span():
    with pytest.raises(ValueError, match="does not fit"):
        Mention("d", 0, 4, "STING", EntityType.GENE)
    with pytest.raises(ValueError, match="CURIE"):
        Mention("d", 0, 5, "STING", EntityType.GENE, ids=("340061",))


def test_entity_type_parses_pubtator_spellings():
    assert EntityType.parse("GeneOrGeneProduct") is EntityType.GENE
    assert EntityType.parse("cellline") is EntityType.CELL_LINE
    with pytest.raises(ValueError, match="unknown entity type"):
        EntityType.parse("Vegetable")


def test_records_round_trip():
    doc = _doc()
    ev = Evidence(
        doc_id="demo-001",
        sentence="STING is activated.",
        sentence_start=17,
        sentence_end=36,
        subject_start=17,
        subject_end=22,
        object_start=17,
        object_end=22,
        extractor="test",
        extractor_version="1",
    )
    rel = Relation(
        "MESH:C584311", "biolink:affects", "NCBIGene:340061", ev, Qualifiers(sign=Sign.POSITIVE)
    )
    ann = AnnotatedDocument(
        doc, (Mention("demo-001", 17, 22, "STING", EntityType.GENE, ("NCBIGene:340061",)),), (rel,)
    )
    assert from_record(AnnotatedDocument, to_record(ann)) == ann
    edge = Edge(
        "abc",
        "MESH:C584311",
        "biolink:affects",
        "NCBIGene:340061",
        Qualifiers(sign=Sign.NEGATIVE),
        publications=("PMID:1",),
    )
    back = from_record(Edge, to_record(edge))
    assert back == edge and back.qualifiers.direction == "decreased"


def test_evidence_spans_must_lie_in_sentence():
    with pytest.raises(ValueError, match="outside the sentence"):
        Evidence(
            doc_id="d",
            sentence="abc",
            sentence_start=10,
            sentence_end=13,
            subject_start=0,
            subject_end=2,
            object_start=10,
            object_end=11,
            extractor="x",
            extractor_version="1",
        )


@pytest.mark.parametrize("pmid", ["\u00b2", "12\u00b3", "\u0663\u0664", "", "1 2"])
def test_document_meta_pmid_must_be_ascii_digits(pmid):
    with pytest.raises(ValueError, match="pmid must be digits"):
        DocumentMeta(pmid=pmid)


def test_mention_type_must_be_an_entity_type():
    with pytest.raises(ValueError, match="must be an EntityType"):
        Mention("d", 0, 5, "STING", "Gene")
    with pytest.raises(ValueError, match="must be an EntityType"):
        Mention("d", 0, 5, "STING", None)
    assert Mention("d", 0, 5, "STING", EntityType("Gene")).type is EntityType.GENE


def test_regimen_text_must_fit_span_and_modality_be_a_curie():
    assert Regimen("irkg:SBRT", "8 Gy x 3", 10, 18, 24.0, 3, 8.0).label == "24 Gy/3 fx (8 Gy/fx)"
    assert Regimen("", "2 Gy", 0, 4, 2.0).modality == ""
    with pytest.raises(ValueError, match="does not fit span"):
        Regimen("irkg:SBRT", "8 Gy x 3", 0, 5)
    with pytest.raises(ValueError, match="does not fit span"):
        Regimen("", "8 Gy", 3, 3)
    for modality in ("SBRT", "irkg:", ":SBRT", "stereotactic body radiotherapy"):
        with pytest.raises(ValueError, match="modality must be a CURIE or empty"):
            Regimen(modality, "SBRT", 0, 4)
