"""Each vocabulary reader on small files in its official format, and on broken ones."""

from __future__ import annotations

import gzip
from collections import Counter
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.lexicon import Flags
from kg.lexicon.cellosaurus import read_cellosaurus_txt, read_species_tsv, read_ssslm
from kg.lexicon.gene_info import gene_xrefs, read_gene_info
from kg.lexicon.hgnc_mgi import read_hgnc, read_mgi
from kg.lexicon.mesh import classify, deinvert, mesh_records, read_descriptor_tsv
from kg.lexicon.mesh_xml import read_descriptor_xml, read_supplement_xml
from kg.lexicon.textio import SourceFile
from kg.model import EntityType

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "lexicon"


def test_gene_info_plain_and_gzip() -> None:
    info: dict[str, str] = {}
    human = {
        r.curie: r for r in read_gene_info(SourceFile(FIX / "Homo_sapiens.gene_info"), info=info)
    }
    sting = human["NCBIGene:340061"]
    assert sting.preferred == "STING1" and sting.taxon == "NCBITaxon:9606"
    terms = {t.text: t.flags for t in sting.terms}
    assert terms["STING1"] & Flags.PREFERRED and terms["TMEM173"] & Flags.SYMBOL
    assert terms["transmembrane protein 173"] & Flags.NAME
    assert sting.xrefs == ("OMIM:612374", "HGNC:27962", "Ensembl:ENSG00000184584")
    assert info["version"].startswith("modified 2021")
    mouse = list(read_gene_info(SourceFile(FIX / "Mus_musculus.gene_info.gz")))
    assert {r.curie for r in mouse} >= {"NCBIGene:72512", "NCBIGene:214763"}
    assert ("MGI:1919762") in next(r for r in mouse if r.curie == "NCBIGene:72512").xrefs


def test_gene_info_taxon_filter_counts() -> None:
    skipped: Counter[str] = Counter()
    kept = list(
        read_gene_info(SourceFile(FIX / "Homo_sapiens.gene_info"), frozenset({10090}), skipped)
    )
    assert kept == [] and skipped["other taxon"] == 6


def test_gene_xrefs() -> None:
    assert gene_xrefs("MIM:1|HGNC:HGNC:5|Ensembl:E1|AllianceGenome:HGNC:5|miRBase:x") == (
        "OMIM:1",
        "HGNC:5",
        "Ensembl:E1",
    )


def test_truncated_gzip_names_file_and_line(tmp_path: Path) -> None:
    data = gzip.compress((FIX / "Homo_sapiens.gene_info").read_bytes() * 50)
    broken = tmp_path / "Homo_sapiens.gene_info.gz"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match=r"Homo_sapiens\.gene_info\.gz:\d+: corrupt or truncated"):
        list(read_gene_info(SourceFile(broken)))


def test_cut_line_names_file_and_line(tmp_path: Path) -> None:
    text = (FIX / "Homo_sapiens.gene_info").read_text()
    broken = tmp_path / "cut.gene_info"
    broken.write_text(text[: text.rindex("\t", 0, len(text) - 40)])
    with pytest.raises(InputError, match=r"cut\.gene_info:7: expected 16 tab-separated fields"):
        list(read_gene_info(SourceFile(broken)))


def test_not_a_gene_info_file(tmp_path: Path) -> None:
    other = tmp_path / "x.tsv"
    other.write_text("\t".join(["a"] * 16) + "\n")
    with pytest.raises(InputError, match=r"x\.tsv:1: not a gene_info file"):
        list(read_gene_info(SourceFile(other)))


def test_hgnc_and_mgi() -> None:
    hgnc = {r.curie: r for r in read_hgnc(SourceFile(FIX / "hgnc_entries.tsv"))}
    cd274 = hgnc["NCBIGene:29126"]
    assert cd274.orthologs == ("MGI:1926446",) and cd274.xrefs[0] == "HGNC:17635"
    assert "PD-L1" in {t.text for t in cd274.terms}
    mgi = list(read_mgi(SourceFile(FIX / "mgi_entries.tsv")))
    assert all(r.attach_to_xref for r in mgi) and mgi[0].curie == "MGI:88271"


@pytest.mark.parametrize(
    ("trees", "expected", "protein"),
    [
        (("C04.557.665.510",), EntityType.DISEASE, False),
        (("F03.600.300",), EntityType.DISEASE, False),  # mental disorders count as diseases
        (("D12.776.124.486.485.114.224.060.829",), EntityType.CHEMICAL, False),  # an antibody
        (("D12.776.467.374.440.890.275", "D23.529.374.440.890.275"), EntityType.CHEMICAL, True),
        (("D03.633.100.221.173",), EntityType.CHEMICAL, False),
        (  # Fas Ligand Protein: a glycoprotein too
            ("D09.400.430.890.312", "D12.644.276.374.750.249", "D12.776.395.550.312"),
            EntityType.CHEMICAL,
            True,
        ),
        (("D09.400.430.500",), EntityType.CHEMICAL, False),  # a glycoprotein alone: no
        (  # Apolipoproteins E: a lipoprotein too
            ("D10.532.091.400", "D12.776.070.400", "D12.776.521.120.400"),
            EntityType.CHEMICAL,
            True,
        ),
        (("D09.400.430.890.312", "D02.455"), EntityType.CHEMICAL, False),
        (("E02.815.250.500",), EntityType.RADIOTHERAPY, False),
        (("E01.370.600.115",), None, False),
    ],
)
def test_classify(trees: tuple[str, ...], expected: EntityType | None, protein: bool) -> None:
    found = classify(trees)
    assert (found.type if found else None) == expected
    assert bool(found and found.flags & Flags.PROTEIN) is protein


def test_deinvert() -> None:
    assert deinvert("Melanoma, Malignant") == "Malignant Melanoma"
    assert deinvert("Antibodies, Monoclonal, Humanized") is None
    assert deinvert("1,2-dichloroethane") is None


def test_mesh_xml_reads_only_record_level_elements() -> None:
    descriptors = list(read_descriptor_xml(SourceFile(FIX / "desc2025.xml")))
    melanoma = next(d for d in descriptors if d.id == "D008545")
    assert melanoma.name == "Melanoma"  # not the pharmacological action's name
    assert "Malignant Melanoma" in melanoma.terms and melanoma.trees[0].startswith("C04")
    supplements = list(read_supplement_xml(SourceFile(FIX / "supp2025.xml")))
    pembro = next(s for s in supplements if s.id == "C582435")
    assert pembro.mapped == ("D061067",) and "MK-3475" in pembro.terms


def test_mesh_records_classes_and_species() -> None:
    skipped: Counter[str] = Counter()
    records = {
        r.curie: r
        for r in mesh_records(
            read_descriptor_xml(SourceFile(FIX / "desc2025.xml")),
            read_supplement_xml(SourceFile(FIX / "supp2025.xml")),
            desc_source="mesh",
            supp_source="mesh_supp",
            skipped=skipped,
        )
    }
    assert records["MESH:C582435"].type == EntityType.CHEMICAL  # via D061067
    assert records["MESH:C584311"].type == EntityType.CHEMICAL  # via D009712
    assert records["MESH:D003866"].type == EntityType.DISEASE  # F03
    assert records["MESH:D061766"].type == EntityType.RADIOTHERAPY
    assert "MESH:D001829" not in records and "MESH:C000612320" not in records
    assert skipped["MeSH descriptor tree E"] == 1
    assert skipped["MeSH supplementary without disease/chemical descriptor"] == 1
    ifnb = records["MESH:D016899"]
    assert all(t.flags & Flags.PROTEIN for t in ifnb.terms)


def test_mesh_tsv_with_taxa(tmp_path: Path) -> None:
    tsv = tmp_path / "mesh.tsv"
    tsv.write_text(
        "D051379\tMice\tMus|Mouse\tB01.050.150.900.649.313.992.635.505.500\t10090|10092\n"
    )
    (record,) = mesh_records(
        read_descriptor_tsv(SourceFile(tsv)), [], desc_source="mesh", supp_source="s"
    )
    assert record.curie == "NCBITaxon:10090" and record.type == EntityType.SPECIES
    assert record.xrefs == ("MESH:D051379",)


@pytest.mark.parametrize("cut", [0.3, 0.7])
def test_malformed_mesh_xml_names_file_and_line(tmp_path: Path, cut: float) -> None:
    text = (FIX / "desc2025.xml").read_text()
    broken = tmp_path / "desc2025.xml"
    broken.write_text(text[: int(len(text) * cut)])
    with pytest.raises(InputError, match=r"desc2025\.xml:\d+: malformed MeSH XML"):
        list(read_descriptor_xml(SourceFile(broken)))


def test_cellosaurus_txt() -> None:
    info: dict[str, str] = {}
    records = {r.curie: r for r in read_cellosaurus_txt(SourceFile(FIX / "cellosaurus.txt"), info)}
    mc38 = records["cellosaurus:CVCL_B288"]
    assert mc38.preferred == "MC-38" and mc38.taxon == "NCBITaxon:10090"
    assert "MC38" in {t.text for t in mc38.terms}
    assert records["cellosaurus:CVCL_0023"].taxon == "NCBITaxon:9606"
    assert info["version"] == "Cellosaurus 52.0"


def test_cellosaurus_txt_unterminated(tmp_path: Path) -> None:
    text = (FIX / "cellosaurus.txt").read_text()
    broken = tmp_path / "cellosaurus.txt"
    broken.write_text(text[: text.rindex("//")])
    with pytest.raises(InputError, match=r"cellosaurus\.txt:\d+: last record is not closed"):
        list(read_cellosaurus_txt(SourceFile(broken)))


def test_ssslm_and_species() -> None:
    skipped: Counter[str] = Counter()
    records = {
        r.curie: r for r in read_ssslm(SourceFile(FIX / "cellosaurus_names.ssslm.tsv"), skipped)
    }
    assert records["cellosaurus:CVCL_B288"].type == EntityType.CELL_LINE
    tcell = records["CL:0000084"]
    assert tcell.type == EntityType.CELL_TYPE
    assert {t.text for t in tcell.terms} == {"T cell", "T-lymphocyte"}  # no related synonyms
    assert skipped["SSSLM clo ids (not cell lines or CL)"] == 1
    species = list(read_species_tsv(SourceFile(FIX / "cellosaurus_species.tsv")))
    assert all(r.update_only for r in species) and species[0].taxon == "NCBITaxon:10090"


def test_unicode_digit_gene_id_names_file_and_line(tmp_path: Path) -> None:
    lines = (FIX / "Homo_sapiens.gene_info").read_text().splitlines(keepends=True)
    row = lines[1].split("\t")
    row[1] = "\u00b2"  # passes str.isdigit(), not int()
    broken = tmp_path / "odd.gene_info"
    broken.write_text(lines[0] + "\t".join(row) + "".join(lines[2:]))
    with pytest.raises(InputError, match=r"odd\.gene_info:2: bad tax_id/GeneID"):
        list(read_gene_info(SourceFile(broken)))
