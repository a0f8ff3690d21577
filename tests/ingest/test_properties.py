"""Property tests: random, truncated and mutated input to every reader.

Whatever the bytes, a reader either yields well-formed documents or records problems; the only
exception allowed to escape is the project's own ``IrkgError``. Gold mentions that survive always
match their document's text.
"""

import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import IrkgError
from kg.ingest import FORMATS, IngestReport, read_annotated
from kg.ingest.context import ReadContext
from kg.ingest.reader import PARSERS
from kg.model import AnnotatedDocument, Document

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = {
    "pubtator": (
        b"1001|t|Radiotherapy activates cGAS.\n1001|a|STING follows.\n"
        b"1001\t23\t27\tcGAS\tGene\t214763(Tax:10090)\n1001\tCID\tD1\tD2\n\n"
        b"1002|t|FLASH.\n1002|a|Spares lymphocytes.\n1002\t0\t5\tFLASH\tRadiotherapy\t-\n"
    ),
    "bioc-xml": (FIXTURES / "bioc_collection.xml").read_bytes(),
    "bioc-json": (FIXTURES / "bioc_collection.json").read_bytes(),
    "pubmed-xml": (FIXTURES / "pubmed_efetch.xml").read_bytes(),
    "jats": (FIXTURES / "jats_article.nxml").read_bytes(),
    "text": (FIXTURES / "paper.txt").read_bytes(),
    "markdown": (FIXTURES / "notes.md").read_bytes(),
    "irkg-jsonl": json.dumps(
        {
            "id": "d1",
            "passages": [{"section": "title", "offset": 0, "text": "STING"}],
            "meta": {"pmid": "1", "year": 2020},
        }
    ).encode()
    + b"\n",
}
PROFILE = settings(
    max_examples=int(__import__("os").environ.get("IRKG_HYPOTHESIS_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _run(fmt: str, data: bytes, max_chars: int = 10_000) -> IngestReport:
    """Parse ``data`` as ``fmt``; check every result; let only IrkgError through."""
    report = IngestReport()
    context = ReadContext(f"sample.{fmt}", report, max_chars, fmt)
    try:
        for result in PARSERS[fmt](io.BufferedReader(io.BytesIO(data)), context):
            _check(result)
    except IrkgError:
        pass
    return report


def _check(result: Document | AnnotatedDocument) -> None:
    annotated = result if isinstance(result, AnnotatedDocument) else AnnotatedDocument(result)
    document = annotated.document
    text = document.text
    assert document.id and all(p.section for p in document.passages)
    for mention in annotated.mentions:
        assert text[mention.start : mention.end] == mention.text


def test_every_format_has_a_sample():
    assert set(SAMPLES) == set(FORMATS) == set(PARSERS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_samples_read_cleanly(fmt):
    report = _run(fmt, SAMPLES[fmt])
    assert report.clean and report.documents >= 1, [str(p) for p in report.problems]


@pytest.mark.parametrize("fmt", FORMATS)
@PROFILE
@given(data=st.binary(max_size=2000))
def test_random_bytes(fmt, data):
    _run(fmt, data)


@pytest.mark.parametrize("fmt", FORMATS)
@PROFILE
@given(cut=st.floats(0, 1))
def test_truncated_samples(fmt, cut):
    sample = SAMPLES[fmt]
    report = _run(fmt, sample[: int(len(sample) * cut)])
    if cut < 1:
        assert report.documents <= _run(fmt, sample).documents


@pytest.mark.parametrize("fmt", FORMATS)
@PROFILE
@given(edits=st.lists(st.tuples(st.floats(0, 1), st.binary(max_size=4)), min_size=1, max_size=6))
def test_mutated_samples(fmt, edits):
    data = bytearray(SAMPLES[fmt])
    for where, insert in edits:
        index = int(len(data) * where)
        data[index : index + len(insert)] = insert
    _run(fmt, bytes(data))


@pytest.mark.parametrize("fmt", ["bioc-json", "irkg-jsonl"])
@PROFILE
@given(
    value=st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "id",
                        "passages",
                        "documents",
                        "offset",
                        "text",
                        "infons",
                        "annotations",
                        "locations",
                        "length",
                        "type",
                        "identifier",
                        "sentences",
                        "meta",
                        "section",
                        "PubTator3",
                        "pmid",
                        "year",
                    ]
                )
                | st.text(max_size=5),
                inner,
                max_size=5,
            )
        ),
        max_leaves=30,
    )
)
def test_random_json_structures(fmt, value):
    _run(fmt, json.dumps(value).encode())


TAGS = ["PubmedArticle", "MedlineCitation", "PMID", "Article", "ArticleTitle", "Abstract",
        "AbstractText", "ArticleId", "ArticleIdList", "PubmedData", "article", "front",
        "article-meta", "body", "sec", "title", "p", "fig", "caption", "table-wrap",
        "alternatives", "collection", "document", "id", "passage", "offset", "text",
        "annotation", "infon", "location", "sentence"]  # fmt: skip


@st.composite
def xml_trees(draw, depth=0):
    tag = draw(st.sampled_from(TAGS))
    attrs = draw(
        st.dictionaries(
            st.sampled_from(["key", "offset", "length", "sec-type", "IdType", "Label", "id"]),
            st.text("0123456789abc_ |", max_size=4),
            max_size=2,
        )
    )
    attr_text = "".join(f' {k}="{v}"' for k, v in attrs.items())
    text = draw(st.text("abc 0123<>&", max_size=10)).replace("&", "&amp;").replace("<", "&lt;")
    children = draw(st.lists(xml_trees(depth + 1), max_size=3)) if depth < 3 else []
    return f"<{tag}{attr_text}>{text}{''.join(children)}</{tag}>"


@pytest.mark.parametrize("fmt", ["bioc-xml", "pubmed-xml", "jats"])
@settings(PROFILE, max_examples=max(10, PROFILE.max_examples // 2))
@given(tree=xml_trees())
def test_random_xml_trees(fmt, tree):
    root = {"bioc-xml": "collection", "pubmed-xml": "PubmedArticleSet", "jats": "pmc-articleset"}
    _run(fmt, f"<{root[fmt]}>{tree}</{root[fmt]}>".encode())


@st.composite
def pubtator_text(draw):
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        doc = draw(st.sampled_from(["1", "2", "x|y", ""]))
        kind = draw(st.sampled_from(["t", "a", "z", "annotation", "blank"]))
        text = draw(st.text(max_size=15))
        if kind == "annotation":
            start, end = draw(st.integers(-2, 30)), draw(st.integers(-2, 30))
            kind_name = draw(st.sampled_from(["Gene", "Disease", "Variant", "Modifier", ""]))
            lines.append(f"{doc}\t{start}\t{end}\t{text}\t{kind_name}\t{text}")
        elif kind == "blank":
            lines.append("")
        else:
            lines.append(f"{doc}|{kind}|{text}")
    return "\n".join(lines)


@PROFILE
@given(text=pubtator_text())
def test_random_pubtator_lines(text):
    _run("pubtator", text.encode("utf-8", "surrogatepass"))


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=600), name=st.sampled_from(["x.txt", "x.xml", "x.gz", "x.zip"]))
def test_whole_pipeline_on_random_files(data, name):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        report = IngestReport()
        for result in read_annotated([path], report=report):
            _check(result)


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=300), magic=st.sampled_from([b"\x1f\x8b\x08", b"PK\x03\x04"]))
def test_random_archives(data, magic):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "archive"
        path.write_bytes(magic + data)
        for result in read_annotated([path], report=IngestReport()):
            _check(result)


DEEP = 20_000


def _nested(open_tag: str, close_tag: str, inner: str = "") -> str:
    return open_tag * DEEP + inner + close_tag * DEEP


ARTICLE = "<PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>{}</ArticleTitle>"


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("jats", f"<article><body>{_nested('<sec><title>x</title>', '</sec>')}</body></article>"),
        (
            "jats",
            f"<article><body><p>{_nested('<fig-group>', '</fig-group>')}</p></body></article>",
        ),
        (
            "pubmed-xml",
            ARTICLE.format(_nested("<i>", "</i>", "t"))
            + "</Article></MedlineCitation></PubmedArticle>",
        ),
        ("bioc-json", _nested("[", "]")),
        ("irkg-jsonl", _nested("[", "]")),
    ],
)
def test_deep_nesting_does_not_exhaust_the_stack(fmt, text):
    _run(fmt, text.encode())
