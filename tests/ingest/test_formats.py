"""Each reader on a small fixture written in the real format: passages, sections, offsets, meta."""

import json
from pathlib import Path

import pytest

from kg.ingest import IngestReport, Section, read_annotated, read_documents
from kg.ingest.bioc import read_bioc
from kg.model import Document, EntityType

FIXTURES = Path(__file__).parent / "fixtures"


def _read(name: str, **kwargs) -> tuple[list[Document], IngestReport]:
    report = IngestReport()
    return list(read_documents(FIXTURES / name, report=report, **kwargs)), report


def _sections(document: Document) -> list[tuple[str, str]]:
    return [(p.section, p.text) for p in document.passages]


def _check_layout(document: Document) -> None:
    """Passages sit where they say they do in Document.text."""
    text = document.text
    for passage in document.passages:
        assert text[passage.offset : passage.end] == passage.text


def test_pubmed_efetch_two_articles_with_structured_abstract():
    (first, second), report = _read("pubmed_efetch.xml")
    assert report.clean and report.formats == {"pubmed-xml": 1}
    assert first.id == "90000001"
    assert first.meta.pmid == "90000001" and first.meta.pmcid == "PMC9000001"
    assert first.meta.doi == "10.9999/jiro.2021.0001"  # not the reference list's DOI
    assert first.meta.year == 2021 and first.meta.format == "pubmed-xml"
    assert first.meta.journal == "Journal of Illustrative Radiation Oncology"
    assert first.title.startswith("Stereotactic radiotherapy and anti-PD-1 therapy")
    abstract = [p.text for p in first.passages if p.section == Section.ABSTRACT]
    assert abstract == [
        "BACKGROUND: Radiotherapy releases tumour DNA into the cytosol, where cGAS synthesises "
        "cGAMP.",
        "METHODS: MC38 tumours in C57BL/6 mice received 8 Gy × 3 with or without anti-PD-1.",
        "RESULTS: The combination raised IFN-β and CD8+ T cell infiltration and caused abscopal "
        "responses.",
        "CONCLUSIONS: STING signalling links radiotherapy to checkpoint blockade.",
    ]
    assert first.passages[1].offset == len(first.title) + 1  # the PubTator layout
    _check_layout(first)
    assert second.meta.year == 1998 and second.meta.pmcid is None and second.meta.doi is None
    assert _sections(second)[1] == (
        "abstract",
        "Proton therapy spared circulating lymphocytes compared with photons in patients with "
        "oesophageal cancer.",
    )


def test_jats_sections_captions_and_meta():
    (doc,), report = _read("jats_article.nxml")
    assert report.clean
    assert doc.id == "PMC9000003"
    assert (doc.meta.pmid, doc.meta.doi, doc.meta.year) == (
        "90000003",
        "10.9999/illus.2022.3",
        2022,
    )
    assert doc.meta.journal == "Illustrative Immunotherapy"
    assert doc.title == (
        "FLASH radiotherapy preserves lymphocytes and enhances PD-L1 blockade in LLC1 tumours"
    )
    sections = _sections(doc)
    assert (
        "abstract",
        "Ultra-high dose rate (FLASH) irradiation may spare immune cells.",
    ) in sections
    assert ("abstract", "Results") in sections  # abstract subsections stay in the abstract
    assert ("other", "Graphical abstract: FLASH spares T cells.") in sections
    assert ("introduction", "Conventional radiotherapy causes lymphopenia [1].") in sections
    assert ("methods", "Cell lines and mice") in sections  # inherited from "2. Materials and..."
    assert (
        "methods",
        "LLC1 cells were grown in DMEM. C57BL/6 mice received 15 Gy at >40 Gy/s.",
    ) in sections
    assert ("methods", "Groups were compared with the log-rank test (p<0.05).") in sections
    caption = "FLASH spares lymphocytes. Blood counts after FLASH or conventional irradiation."
    index = sections.index(("figure_caption", caption))
    assert sections[index - 1] == (
        "results",
        "FLASH preserved circulating CD8+ T cells (Figure 1).",
    )
    assert ("table_caption", "Tumour growth delay by treatment group.") in sections
    assert ("table_caption", "Values are medians.") in sections
    assert ("discussion", "Discussion") in sections
    assert ("other", "We thank the illustrative core facility.") in sections
    assert not any("12 days" in t or "illustrative reference" in t for _, t in sections)
    _check_layout(doc)


@pytest.mark.parametrize("name", ["bioc_collection.xml", "bioc_collection.json"])
def test_bioc_passages_at_their_offsets_with_gold(name):
    report = IngestReport()
    first, second = read_bioc(FIXTURES / name, report=report)
    doc = first.document
    assert report.clean and report.documents == 2
    assert [p.offset for p in doc.passages] == [0, 61, 151, 164, 218, 261, 303]
    assert [p.section for p in doc.passages] == [
        "title", "abstract", "introduction", "introduction", "methods", "figure_caption",
        "references",
    ]  # fmt: skip
    assert doc.meta.pmcid == "PMC9000004" and doc.meta.year == 2020
    assert doc.meta.doi == "10.9999/illus.2020.4" and doc.meta.journal == "Illus Radiat Res"
    assert {(m.text, m.type, m.ids) for m in first.mentions} == {
        ("CT26", EntityType.CELL_LINE, ("cellosaurus:CVCL_7256",)),
        ("ipilimumab", EntityType.CHEMICAL, ("MESH:D000074324",)),
        ("IFN-beta", EntityType.GENE, ("NCBIGene:3456",)),
        ("colon carcinoma", EntityType.DISEASE, ("MESH:D003110",)),
        ("mice", EntityType.SPECIES, ("NCBITaxon:10090",)),
    }
    for annotated in (first, second):
        for mention in annotated.mentions:
            assert annotated.document.text[mention.start : mention.end] == mention.text
    assert second.document.meta.pmid == "90000005"  # a numeric id is the PMID


def test_bioc_json_variants(tmp_path):
    collection = json.loads((FIXTURES / "bioc_collection.json").read_text(encoding="utf-8"))
    documents = collection["documents"]
    pubtator3 = tmp_path / "export.json"
    pubtator3.write_text(json.dumps({"PubTator3": documents}), encoding="utf-8")
    lines = tmp_path / "docs.jsonl"
    lines.write_text("\n".join(json.dumps(d) for d in documents) + "\n", encoding="utf-8")
    bare = tmp_path / "list.json"
    bare.write_text(json.dumps(documents), encoding="utf-8")
    for path in (pubtator3, lines, bare):
        report = IngestReport()
        ids = [d.document.id for d in read_annotated(path, report=report)]
        assert ids == ["90000004", "90000005"] and report.clean, path
        assert report.formats == {"bioc-json": 1}


def test_bioc_annotation_mismatch_is_reported(tmp_path):
    data = json.loads((FIXTURES / "bioc_collection.json").read_text(encoding="utf-8"))
    annotation = data["documents"][1]["passages"][0]["annotations"][0]
    annotation["locations"][0]["offset"] += 1
    path = tmp_path / "shifted.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    report = IngestReport()
    docs = list(read_bioc(path, report=report))
    assert len(docs) == 2 and len(docs[1].mentions) == 3
    (problem,) = report.problems
    assert str(problem).startswith(f"{path}:char ")
    assert "annotation 1: text 'BK1 ' at 1-5 does not match the annotation 'TBK1'" in str(problem)


def test_plain_text_title_paragraphs_and_headings():
    (doc,), report = _read("paper.txt")
    assert report.clean and doc.id == "paper" and doc.meta.format == "text"
    assert _sections(doc) == [
        ("title", "Carbon-ion radiotherapy and the abscopal effect"),
        (
            "body",
            "Carbon-ion radiotherapy damages DNA densely and may release more cytosolic DNA than "
            "photons, activating cGAS and STING in B16 melanoma.",
        ),
        ("methods", "Methods"),
        ("methods", "B16-F10 cells were irradiated with 10 Gy carbon ions."),
    ]
    source = (FIXTURES / "paper.txt").read_text(encoding="utf-8")
    for passage in doc.passages:  # offsets point into the file; line breaks became spaces
        assert source[passage.offset : passage.end].replace("\n", " ") == passage.text


def test_markdown_title_from_first_heading_and_front_matter_skipped():
    (doc,), report = _read("notes.md")
    assert report.clean and doc.id == "notes" and doc.meta.format == "markdown"
    assert doc.title == "Proton therapy and checkpoint inhibitors"
    assert _sections(doc)[1:] == [
        ("body", "Proton therapy reduces the dose to circulating blood compared with photons."),
        ("results", "Results"),
        ("results", "Nivolumab after proton therapy was tolerated; **lymphopenia** was rare."),
        ("conclusion", "Conclusion"),
        ("conclusion", "Protons may combine well with anti-PD-1 antibodies."),
    ]
    source = (FIXTURES / "notes.md").read_text(encoding="utf-8")
    assert all(source[p.offset : p.end] == p.text for p in doc.passages)


def test_irkg_jsonl_round_trip(tmp_path):
    from kg.ingest.irkg_jsonl import write_jsonl

    originals = list(read_documents(FIXTURES))
    out = tmp_path / "docs.jsonl"
    assert write_jsonl(originals, out) == len(originals) == 9
    report = IngestReport()
    again = list(read_documents(out, report=report))
    assert again == originals and report.formats == {"irkg-jsonl": 1}
