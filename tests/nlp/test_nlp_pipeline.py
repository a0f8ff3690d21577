"""build_pipeline and annotate: offsets, ordering, multiprocessing and bad input."""

import pytest

from kg.model import Document, Passage


def doc(doc_id: str, *texts: str) -> Document:
    passages, offset = [], 0
    for i, text in enumerate(texts):
        passages.append(Passage("title" if i == 0 else "abstract", offset, text))
        offset += len(text) + 1
    return Document(id=doc_id, passages=tuple(passages))


def mentions(annotated):
    return [(m.text, m.type.value, m.ids[:1]) for m in annotated.mentions]


def test_offsets_point_at_the_text(nlp):
    from kg.nlp import PIPELINE_VERSION, annotate

    document = doc("1", "STING in mice.", "Cisplatin and MC38 tumours; lithium-induced damage.")
    (result,) = annotate([document], nlp)
    assert result.pipeline_version == PIPELINE_VERSION
    assert mentions(result)[:3] == [
        ("STING", "Gene", ("NCBIGene:72512",)),
        ("mice", "Species", ("NCBITaxon:10090",)),
        ("Cisplatin", "Chemical", ("MESH:D002945",)),
    ]
    for m in result.mentions:
        assert document.text[m.start : m.end] == m.text


def test_n_process_gives_the_same_records_in_order(nlp):
    from kg.nlp import annotate

    documents = [doc(str(i), f"STING {i} in mice with cisplatin.") for i in range(12)]
    one = list(annotate(documents, nlp, n_process=1, batch_size=5))
    two = list(annotate(documents, nlp, n_process=2, batch_size=5))
    assert one == two and [a.document.id for a in two] == [str(i) for i in range(12)]


def test_bad_arguments(nlp):
    from kg.errors import ConfigError
    from kg.nlp import annotate, build_pipeline

    with pytest.raises(ValueError):
        list(annotate([], nlp, n_process=0))
    with pytest.raises(ConfigError, match="unknown recognizer"):
        build_pipeline(recognizer="magic")


def test_empty_documents(nlp):
    from kg.nlp import annotate

    results = list(annotate([Document(id="e", passages=()), doc("f", "")], nlp))
    assert [r.mentions for r in results] == [(), ()]


def test_one_megabyte_paragraph(nlp):
    from kg.nlp import annotate

    sentence = "Cisplatin and STING in MC38 tumours of mice were studied in detail. "
    text = sentence * (1_000_000 // len(sentence) + 1)
    (result,) = annotate([doc("big", text)], nlp)
    assert len(text) > 1_000_000
    assert len(result.mentions) >= 4 * (len(text) // len(sentence))
    last = result.mentions[-1]
    assert text[last.start : last.end] == last.text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("IFN-β and TNF-α rose with cisplatin.", ["IFN-β", "cisplatin"]),
        ("Ca²⁺ and cisplatin\u00a0in mice.", ["cisplatin", "mice"]),
        ("Ci\u0301splatin, then cisplatin in HeLa cells.", ["cisplatin", "HeLa"]),
        (
            "Ｃｉｓｐｌａｔｉｎ，ＳＴＩＮＧ and\u2009naloxone.",
            ["Ｃｉｓｐｌａｔｉｎ", "ＳＴＩＮＧ", "naloxone"],
        ),
        (
            "\u200bSTING\u200b in 😀 patients with breast cancer.",
            ["STING", "patients", "breast cancer"],
        ),
    ],
)
def test_unusual_unicode_keeps_offsets(nlp, text, expected):
    from kg.nlp import annotate

    document = doc("u", "Title.", text)
    (result,) = annotate([document], nlp)
    found = [m.text for m in result.mentions]
    for m in result.mentions:
        assert document.text[m.start : m.end] == m.text
    for word in expected:
        assert word in found, (word, found)
