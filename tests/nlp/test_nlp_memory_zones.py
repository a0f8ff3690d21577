"""``GivenMentionsAnnotator`` and ``kg.nlp.annotate`` free what each batch adds to spaCy's
vocabulary (memory zones), so a long build's memory does not grow with the corpus's vocabulary,
and the results are unchanged."""

from kg.model import AnnotatedDocument, Document, EntityType, Mention, Passage
from kg.nlp.relate import GivenMentionsAnnotator


def paper(i: int) -> AnnotatedDocument:
    text = f"cGAMP activated STING in tumour{i} cells with novelword{i}x and zq{i * 7}."
    document = Document(str(i), (Passage("title", 0, text),))
    mentions = (
        Mention(str(i), 0, 5, "cGAMP", EntityType.CHEMICAL, ("MESH:C584311",)),
        Mention(str(i), 16, 21, "STING", EntityType.GENE, ("NCBIGene:340061",)),
    )
    return AnnotatedDocument(document, mentions)


def test_vocabulary_does_not_grow_and_results_are_kept():
    annotator = GivenMentionsAnnotator()
    annotator.zone_documents = 10
    first = list(annotator(paper(i) for i in range(10)))
    strings = len(annotator._pipeline().vocab.strings)
    rest = list(annotator(paper(i) for i in range(10, 60)))
    assert len(annotator._pipeline().vocab.strings) == strings
    related = first + rest
    assert len(related) == 60
    for item in related:
        [relation] = [r for r in item.relations if r.predicate == "biolink:affects"]
        assert (relation.subject, relation.object) == ("MESH:C584311", "NCBIGene:340061")
        assert relation.evidence.sentence == item.document.text


def test_annotate_frees_each_batch_from_the_vocabulary(nlp):
    """``kg.nlp.annotate`` runs each batch in a memory zone: same records, no vocabulary growth."""
    from kg.nlp import annotate

    documents = [paper(i).document for i in range(40)]
    first = list(annotate(documents[:8], nlp, batch_size=8))
    strings = len(nlp.vocab.strings)
    rest = list(annotate(documents[8:], nlp, batch_size=8))
    assert len(nlp.vocab.strings) == strings
    again = list(annotate(documents, nlp, batch_size=40))
    assert again == first + rest  # batching (and so zoning) does not change the records
    assert any(m.text == "STING" for item in again for m in item.mentions)
