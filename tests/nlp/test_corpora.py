"""Gold PubTator -> training DocBins: dev held out, partial annotation kept, misaligned counted."""

import pytest
import spacy
from spacy.tokens import DocBin
from train_fixtures import write_corpora

from kg.model import EntityType
from kg.nlp.corpora import (
    ANNOTATED_KEY,
    CORPUS_KEY,
    GOLD_KEY,
    MISSING_KEY,
    TrainCorpus,
    convert_corpora,
    in_tune,
)
from kg.nlp.splits import split_of
from kg.nlp.tokenizer import create_tokenizer
from kg.nlp.typed_ner import head_reference

CDR = TrainCorpus("BC5CDR_TrainDev.PubTator", (EntityType.CHEMICAL, EntityType.DISEASE))
GNP = TrainCorpus("GNormPlus_Train.PubTator", (EntityType.GENE,), keep_unannotated=0.0)


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.tokenizer = create_tokenizer(nlp)
    return nlp


@pytest.fixture(scope="module")
def converted(tmp_path_factory, nlp):
    root = tmp_path_factory.mktemp("shared")
    corpora = write_corpora(root)
    out = root / "out"
    report = convert_corpora(corpora, out, nlp, corpora=(CDR, GNP), tune_percent=0)
    docs = list(DocBin().from_disk(report.train_path).get_docs(nlp.vocab))
    return corpora, report, docs


def test_fixture_ids_are_train_by_hash(converted):
    corpora, _, _ = converted
    for pmid in ("9000001", "9000002", "9000003"):
        assert split_of(corpora, CDR.file, pmid) == "train"
    for pmid in ("9100001", "9100002", "9100003"):
        assert split_of(corpora, GNP.file, pmid) == "train"


def test_dev_documents_are_skipped(converted):
    _, report, docs = converted
    cdr = report.corpora[0]
    assert (cdr.docs_read, cdr.docs_dev, cdr.docs_train) == (4, 1, 3)
    ids = {d.user_data["irkg_doc_id"] for d in docs}
    assert "9000004" not in ids  # the official dev PMID


def test_gold_spans_and_annotated_types(converted):
    _, _, docs = converted
    first = next(d for d in docs if d.user_data["irkg_doc_id"] == "9000001")
    assert list(first.user_data[ANNOTATED_KEY]) == ["Chemical", "Disease"]
    assert first.user_data[CORPUS_KEY] == CDR.file
    gold = [(s.text, s.label_) for s in first.spans[GOLD_KEY]]
    # "Cisplatin-induced" is split by the tokenizer, so the title's chemical aligns
    assert gold[:2] == [("Cisplatin", "Chemical"), ("nephrotoxicity", "Disease")]
    assert ("acute kidney injury", "Disease") in gold and len(gold) == 7


def test_misaligned_mentions_are_counted_and_made_unknown(converted):
    _, report, docs = converted
    genes = report.corpora[1]
    assert genes.misaligned == {"Gene": 1} and genes.mentions["Gene"] == 9
    assert genes.examples[0].text == "CD274" and genes.examples[0].tokens == "CD274xyz"
    doc = next(d for d in docs if d.user_data["irkg_doc_id"] == "9100002")
    assert [(s.text, s.label_) for s in doc.spans[MISSING_KEY]] == [("CD274xyz", "Gene")]
    assert report.to_json()["misaligned"] == 1


def test_unannotated_documents_follow_the_kept_share(converted):
    _, report, docs = converted
    assert report.corpora[1].docs_unannotated_dropped == 1  # "No genes here", keep share 0
    assert "9100003" not in {d.user_data["irkg_doc_id"] for d in docs}


def test_each_head_learns_only_its_annotated_type(converted):
    _, _, docs = converted
    cdr = next(d for d in docs if d.user_data["irkg_doc_id"] == "9000003")
    gene = head_reference(cdr, "Gene")  # BC5CDR says nothing about genes: all missing
    assert {t.ent_iob_ for t in gene} == {""}
    chem = head_reference(cdr, "Chemical")
    assert [e.text for e in chem.ents] == ["Lithium", "Lithium"]
    assert {t.ent_iob_ for t in chem if t.ent_type_ == ""} == {"O"}  # BRCA1 is "outside" here
    genes = next(d for d in docs if d.user_data["irkg_doc_id"] == "9100002")
    ref = head_reference(genes, "Gene")
    assert [e.text for e in ref.ents] == ["PD-L1", "IFN-gamma", "PD-L1"]
    assert next(t for t in ref if t.text == "CD274xyz").ent_iob_ == ""  # unknown, not "O"


def test_tune_split_is_deterministic():
    ids = [f"{i:08d}001" for i in range(2000)]
    picks = [in_tune("BioID_Train_revision.PubTator", i, 5) for i in ids]
    assert picks == [in_tune("BioID_Train_revision.PubTator", i, 5) for i in ids]
    assert 50 < sum(picks) < 150
    # figure captions of one paper share a side
    assert in_tune("BioID_Train_revision.PubTator", "12345678001") == in_tune(
        "BioID_Train_revision.PubTator", "12345678002"
    )


def test_bad_corpus_specs_are_refused(tmp_path, nlp):
    with pytest.raises(ValueError, match="subset"):
        TrainCorpus("X.PubTator", (EntityType.SPECIES,))
    with pytest.raises(ValueError, match="keep_unannotated"):
        TrainCorpus("X.PubTator", (EntityType.GENE,), keep_unannotated=2.0)
    from kg.errors import InputError

    (tmp_path / "corpora").mkdir()
    with pytest.raises(InputError, match="not found"):
        convert_corpora(tmp_path / "corpora", None, nlp, corpora=(CDR,))
