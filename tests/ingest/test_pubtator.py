"""PubTator reader: exact offsets, gold mentions with CURIEs, and bad lines reported in place."""

import gzip

import pytest

from kg.errors import InputError
from kg.ingest.gold import parse_ids
from kg.ingest.pubtator import read_pubtator
from kg.ingest.report import IngestReport
from kg.model import EntityType

TITLE = "Radiotherapy activates cGAS-STING in MC38 tumours."
ABSTRACT = "STING agonists and pembrolizumab cured colorectal cancer in C57BL/6 mice."
GOOD = f"""\
1001|t|{TITLE}
1001|a|{ABSTRACT}
1001\t23\t27\tcGAS\tGene\t214763(Tax:10090)
1001\t37\t41\tMC38\tCellLine\tCVCL_B288
1001\t51\t65\tSTING agonists\tChemical\t-1
1001\t70\t83\tpembrolizumab\tChemicalEntity\tMESH:C582435
1001\t90\t107\tcolorectal cancer\tSpecificDisease\tD015179|OMIM_114500
1001\t119\t123\tmice\tSpecies\t10090
1001\t23\t32\tcGAS-STING\tVariant\tc|DEL||1
1001\tCID\tC582435\tD015179

1002|t|FLASH spares lymphocytes.
1002|a|
1002\t13\t24\tlymphocytes\tCellType\t
"""


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "good.PubTator"
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_offsets_title_at_zero_abstract_after_newline(good_file):
    report = IngestReport()
    first, second = read_pubtator(good_file, report=report)
    doc = first.document
    assert doc.id == "1001" and doc.meta.pmid == "1001" and doc.meta.format == "pubtator"
    assert doc.title == TITLE
    assert [(p.section, p.offset) for p in doc.passages] == [
        ("title", 0),
        ("abstract", len(TITLE) + 1),
    ]
    assert doc.text == f"{TITLE}\n{ABSTRACT}"
    for mention in first.mentions:
        assert doc.text[mention.start : mention.end] == mention.text
        assert mention.source == "gold" and mention.doc_id == "1001"
    assert second.document.title == "FLASH spares lymphocytes."
    assert report.documents == 2 and report.clean


def test_gold_mentions_types_ids_and_ignored_lines(good_file):
    report = IngestReport()
    first, second = read_pubtator(good_file, report=report)
    got = {(m.text, m.type, m.ids, m.taxon) for m in first.mentions}
    assert got == {
        ("cGAS", EntityType.GENE, ("NCBIGene:214763",), "NCBITaxon:10090"),
        ("MC38", EntityType.CELL_LINE, ("cellosaurus:CVCL_B288",), None),
        ("STING agonists", EntityType.CHEMICAL, (), None),
        ("pembrolizumab", EntityType.CHEMICAL, ("MESH:C582435",), None),
        ("colorectal cancer", EntityType.DISEASE, ("MESH:D015179", "OMIM:114500"), None),
        ("mice", EntityType.SPECIES, ("NCBITaxon:10090",), None),
    }
    assert [(m.text, m.type, m.ids) for m in second.mentions] == [
        ("lymphocytes", EntityType.CELL_TYPE, ())
    ]
    assert report.ignored == {"type Variant": 1, "relation lines": 1}
    assert report.mentions == 7


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", ((), None, [])),
        ("-", ((), None, [])),
        ("-1", ((), None, [])),
        ("D001|D002", (("MESH:D001", "MESH:D002"), None, [])),
        ("D001+C002", (("MESH:D001", "MESH:C002"), None, [])),
        ("5728,7157;7158", (("NCBIGene:5728", "NCBIGene:7157", "NCBIGene:7158"), None, [])),
        ("5728(tax:9606)", (("NCBIGene:5728",), "NCBITaxon:9606", [])),
        ("D001|-1", (("MESH:D001",), None, [])),
        ("5728|oops", (("NCBIGene:5728",), None, ["oops"])),
    ],
)
def test_parse_ids(raw, expected):
    assert parse_ids(raw, EntityType.GENE if "57" in raw else EntityType.DISEASE) == expected


def test_bad_lines_are_reported_and_good_ones_kept(tmp_path):
    text = (
        "1|t|Cisplatin and radiation.\n"
        "1|a|Nephrotoxicity was seen.\n"
        "1\t0\t9\tCisplatin\tChemical\tD002945\n"
        "1\t0\t9\tCisplatix\tChemical\tD002945\n"  # text mismatch
        "1\t40\t999\tfar\tDisease\tD1\n"  # outside the text
        "1\tCID\tD002945\tD007674\n"  # a relation line: ignored
        "1\tabc\tdef\n"  # garbage
        "1\t3\tx\ty\n"  # too few fields, end not a number
        "2\t0\t3\tNep\tDisease\tD1\n"  # another document's id
        "\n"
        "3|t|Caf\xe9 au lait spots.\n"
        "3|a|Seen in NF1.\n"
        "\n"
        "4|t|Lymphopenia after SBRT.\n"
        "4|a|Counts fell.\n"
        "4\t0\t11\tLymphopenia\tDisease\tD008231\n"
    )
    path = tmp_path / "bad.pubtator"
    path.write_bytes(text.encode("latin-1"))
    report = IngestReport()
    docs = list(read_pubtator(path, report=report))
    assert [d.document.id for d in docs] == ["1", "4"]
    assert [m.text for m in docs[0].mentions] == ["Cisplatin"]
    lines = [str(p) for p in report.problems]
    assert lines[0] == (
        f"{path}:4: text 'Cisplatin' at 0-9 does not match the annotation 'Cisplatix'"
    )
    assert lines[1] == f"{path}:5: offsets 40-999 lie outside the text (length 49)"
    assert lines[2] == f"{path}:7: not an annotation line (3 tab-separated fields)"
    assert lines[3] == f"{path}:8: not an annotation line (4 tab-separated fields)"
    assert lines[4] == f"{path}:9: annotation for document '2' inside document '1'"
    assert lines[5] == (f"{path}:11: document skipped: not valid UTF-8 (byte 0xe9 at column 8)")
    assert report.skipped == {"annotation": 5, "document": 1}
    assert report.ignored == {"relation lines": 1}
    assert report.exit_code == 1


def test_gzip_and_missing_file(tmp_path, good_file):
    packed = tmp_path / "good.PubTator.gz"
    packed.write_bytes(gzip.compress(good_file.read_bytes()))
    assert [d.document.id for d in read_pubtator(packed)] == ["1001", "1002"]
    with pytest.raises(InputError, match="no such file"):
        list(read_pubtator(tmp_path / "missing.PubTator"))


def test_without_report_problems_are_logged(tmp_path, caplog):
    path = tmp_path / "x.PubTator"
    path.write_text("9|t|Abc\n9|a|Def\n9\t0\t3\tAbx\tGene\t1\n", encoding="utf-8")
    docs = list(read_pubtator(path))
    assert len(docs) == 1 and docs[0].mentions == ()
    assert "does not match the annotation 'Abx'" in caplog.text


def test_crlf_bom_and_leading_blank_lines(tmp_path):
    path = tmp_path / "win.txt"
    path.write_bytes(
        b"\xef\xbb\xbf\r\n\r\n7|t|IFN-beta\r\n7|a|rises\r\n7\t0\t8\tIFN-beta\tGene\t3456\r\n"
    )
    (doc,) = read_pubtator(path)
    assert doc.document.text == "IFN-beta\nrises"
    assert doc.mentions[0].ids == ("NCBIGene:3456",)


def test_too_long_document_is_skipped(tmp_path):
    path = tmp_path / "long.PubTator"
    path.write_text("1|t|" + "a" * 500 + "\n1|a|b\n\n2|t|ok\n2|a|fine\n", encoding="utf-8")
    report = IngestReport()
    docs = list(read_pubtator(path, report=report, max_chars=100))
    assert [d.document.id for d in docs] == ["2"]
    assert str(report.problems[0]) == (
        f"{path}:1: document skipped: line is longer than 100 characters"
    )
