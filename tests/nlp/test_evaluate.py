"""The scorer's rules: strict span+id, span only, document concepts; gold id lists."""

from kg.model import AnnotatedDocument, Document, EntityType, Mention, Passage
from kg.nlp.evaluate import Counts, score

TEXT = "STING and cGAS in breast cancer with cisplatin and drug X."


def annotated(doc_id: str, *mentions: tuple[int, int, str, tuple[str, ...]]) -> AnnotatedDocument:
    document = Document(id=doc_id, passages=(Passage("title", 0, TEXT),))
    return AnnotatedDocument(
        document,
        tuple(Mention(doc_id, s, e, TEXT[s:e], EntityType(t), ids) for s, e, t, ids in mentions),
    )


GOLD = annotated(
    "1",
    (0, 5, "Gene", ("NCBIGene:340061", "NCBIGene:72512")),  # several gold ids
    (10, 14, "Gene", ("NCBIGene:115004",)),
    (18, 31, "Disease", ("MESH:D001943",)),
    (37, 46, "Chemical", ("MESH:D002945",)),
    (51, 57, "Chemical", ()),  # no id: out of the strict score
)


def test_strict_span_document():
    pred = annotated(
        "1",
        (0, 5, "Gene", ("NCBIGene:72512",)),  # matches any gold id
        (10, 14, "Gene", ("NCBIGene:214763", "NCBIGene:115004")),  # only the first id counts
        (18, 24, "Disease", ("MESH:D001943",)),  # wrong span
        (37, 46, "Chemical", ("MESH:D002945",)),
        (51, 57, "Chemical", ("MESH:D004364",)),  # on an id-less gold span: ignored
    )
    report = score([GOLD], [pred], top=5)
    assert report.types == ("Chemical", "Disease", "Gene")
    gene, disease, chemical = report.of("Gene"), report.of("Disease"), report.of("Chemical")
    assert gene.strict == Counts(1, 1, 1)
    assert gene.span == Counts(2, 0, 0)
    assert gene.document == Counts(1, 1, 1)
    assert disease.strict == Counts(0, 1, 1) and disease.span == Counts(0, 1, 1)
    assert disease.document == Counts(1, 0, 0)
    assert chemical.strict == Counts(1, 0, 0) and chemical.span == Counts(2, 0, 0)
    assert report.of("all").strict == Counts(2, 2, 2)
    assert {(e.text, e.count) for e in report.false_negatives} == {
        ("cGAS", 1),
        ("breast cancer", 1),
    }


def test_types_not_in_gold_are_not_scored_and_missing_docs_count():
    gold = annotated("1", (37, 46, "Chemical", ("MESH:D002945",)))
    pred = annotated("1", (0, 5, "Gene", ("NCBIGene:340061",)))
    report = score([gold, annotated("2")], [pred])
    assert report.types == ("Chemical",)
    assert report.of("Chemical").strict == Counts(0, 0, 1)
    assert report.notes == ("1 gold documents had no prediction",)


def test_counts():
    c = Counts(3, 1, 2)
    assert (round(c.precision, 3), round(c.recall, 3), round(c.f1, 3)) == (0.75, 0.6, 0.667)
    assert Counts().f1 == 0.0
