"""Writers keep Document.text offsets; PubTator and BioC output read back through ingest."""

import io
import json

from kg.ingest import read_annotated
from kg.ingest.pubtator import read_pubtator
from kg.model import AnnotatedDocument, Document, EntityType, Mention, Passage
from kg.nlp.output import pubtator_block, read_annotated_jsonl, write_annotated

DOC = Document(
    id="42",
    passages=(
        Passage("title", 0, "STING\tin mice."),
        Passage("abstract", 15, "Cisplatin\rand"),
        Passage("results", 30, "MC38 tumours."),
    ),
)
MENTIONS = (
    Mention("42", 0, 5, "STING", EntityType.GENE, ("NCBIGene:72512", "NCBIGene:340061")),
    Mention("42", 15, 24, "Cisplatin", EntityType.CHEMICAL, ("MESH:D002945",), 1.0, "dictionary"),
    Mention("42", 30, 34, "MC38", EntityType.CELL_LINE, ("cellosaurus:CVCL_B288",), taxon=None),
)
ANNOTATED = AnnotatedDocument(DOC, MENTIONS, pipeline_version="irkg-nlp-1")


def test_pubtator_round_trip_keeps_offsets(tmp_path):
    block = pubtator_block(ANNOTATED)
    assert block.splitlines()[0] == "42|t|STING in mice."
    path = tmp_path / "out.PubTator"
    path.write_text(block, encoding="utf-8")
    (back,) = read_pubtator(path)
    assert len(back.document.text) == len(DOC.text)
    assert [(m.start, m.end, m.text, m.type, m.ids) for m in back.mentions] == [
        (0, 5, "STING", EntityType.GENE, ("NCBIGene:72512",)),
        (15, 24, "Cisplatin", EntityType.CHEMICAL, ("MESH:D002945",)),
        (30, 34, "MC38", EntityType.CELL_LINE, ("cellosaurus:CVCL_B288",)),
    ]


def test_bioc_json_reads_back(tmp_path):
    out = io.StringIO()
    assert write_annotated([ANNOTATED], out, "biocjson") == 1
    data = json.loads(out.getvalue())
    assert [len(p["annotations"]) for p in data["documents"][0]["passages"]] == [1, 1, 1]
    path = tmp_path / "out.json"
    path.write_text(out.getvalue(), encoding="utf-8")
    (back,) = read_annotated([path])
    assert [(m.start, m.end, m.text) for m in back.mentions] == [
        (m.start, m.end, m.text) for m in MENTIONS
    ]


def test_jsonl_is_lossless(tmp_path):
    path = tmp_path / "out.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        write_annotated([ANNOTATED, ANNOTATED], handle, "jsonl")
    assert list(read_annotated_jsonl(path)) == [ANNOTATED, ANNOTATED]
