"""NCBI Gene ``gene_info`` (the official 16-column TSV, plain or .gz, one taxon or many).

Columns: tax_id, GeneID, Symbol, LocusTag, Synonyms, dbXrefs, chromosome, map_location,
description, type_of_gene, Symbol_from_nomenclature_authority,
Full_name_from_nomenclature_authority, Nomenclature_status, Other_designations,
Modification_date, Feature_type. Download: https://ftp.ncbi.nlm.nih.gov/gene/DATA/GENE_INFO/
(``Mammalia/Homo_sapiens.gene_info.gz``, ``Mammalia/Mus_musculus.gene_info.gz``).

Symbols and synonyms become SYMBOL terms, the description, the authority's full name and the
other designations NAME terms. ``biological-region`` records (enhancers, regions; not genes)
are skipped and counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from kg.errors import InputError
from kg.lexicon.model import Flags
from kg.lexicon.records import ConceptRecord, Term, clean_term
from kg.lexicon.textio import SourceFile, iter_tsv, split_list
from kg.model import EntityType

COLUMNS = (
    "#tax_id",
    "GeneID",
    "Symbol",
    "LocusTag",
    "Synonyms",
    "dbXrefs",
    "chromosome",
    "map_location",
    "description",
    "type_of_gene",
    "Symbol_from_nomenclature_authority",
    "Full_name_from_nomenclature_authority",
    "Nomenclature_status",
    "Other_designations",
    "Modification_date",
    "Feature_type",
)
SKIPPED_TYPES = frozenset({"biological-region"})
_SYMBOL = int(Flags.SYMBOL)
_PREFERRED_SYMBOL = int(Flags.SYMBOL | Flags.PREFERRED)
_NAME = int(Flags.NAME)
_PREFERRED_NAME = int(Flags.NAME | Flags.PREFERRED)
_XREF_PREFIX = {"HGNC": "HGNC", "MGI": "MGI", "Ensembl": "Ensembl", "MIM": "OMIM"}


def gene_xrefs(value: str) -> tuple[str, ...]:
    """``MIM:612374|HGNC:HGNC:27962|Ensembl:ENSG…|AllianceGenome:MGI:…`` -> CURIEs we keep."""
    out: list[str] = []
    for item in split_list(value):
        prefix, _, local = item.partition(":")
        target = _XREF_PREFIX.get(prefix)
        if target is None or not local:
            continue
        if local.startswith(f"{target}:"):  # HGNC:HGNC:5, MGI:MGI:87854
            local = local[len(target) + 1 :]
        out.append(f"{target}:{local}")
    return tuple(dict.fromkeys(out))


def read_gene_info(
    source: SourceFile,
    taxa: frozenset[int] | None = None,
    skipped: Counter[str] | None = None,
    info: dict[str, str] | None = None,
) -> Iterator[ConceptRecord]:
    """Gene records of ``source`` (only ``taxa`` when given; skips counted in ``skipped``).

    ``info["version"]`` is set to the newest Modification_date seen (the file's own date).
    """
    latest = ""
    name = f"ncbi_gene:{source.path.name}"
    seen_header = False
    for lineno, row in iter_tsv(source, len(COLUMNS)):
        if not seen_header:
            if row[0] != COLUMNS[0] or row[1] != COLUMNS[1]:
                raise InputError(source.display, lineno, "not a gene_info file (no #tax_id header)")
            seen_header = True
            continue
        if not row[0].isdigit() or not row[1].isdigit():
            raise InputError(source.display, lineno, f"bad tax_id/GeneID {row[0]!r}/{row[1]!r}")
        taxon = int(row[0])
        if taxa is not None and taxon not in taxa:
            if skipped is not None:
                skipped["other taxon"] += 1
            continue
        if row[9] in SKIPPED_TYPES:
            if skipped is not None:
                skipped[f"type_of_gene={row[9]}"] += 1
            continue
        latest = max(latest, row[14])
        yield _record(row, taxon, name)
    if info is not None and latest:
        info["version"] = f"modified {latest[:4]}-{latest[4:6]}-{latest[6:8]}"


def _record(row: list[str], taxon: int, source: str) -> ConceptRecord:
    symbol = clean_term(row[2])
    terms: list[Term] = []
    if symbol:
        terms.append(Term(symbol, _PREFERRED_SYMBOL))
    authority_symbol = clean_term(row[10]) if row[10] != "-" else ""
    if authority_symbol and authority_symbol != symbol:
        terms.append(Term(authority_symbol, _PREFERRED_SYMBOL))
    terms.extend(Term(clean_term(s), _SYMBOL) for s in split_list(row[4]))
    description = clean_term(row[8]) if row[8] != "-" else ""
    if description:
        terms.append(Term(description, _PREFERRED_NAME))
    full_name = clean_term(row[11]) if row[11] != "-" else ""
    if full_name and full_name != description:
        terms.append(Term(full_name, _NAME))
    terms.extend(Term(clean_term(s), _NAME) for s in split_list(row[13]))
    return ConceptRecord(
        curie=f"NCBIGene:{row[1]}",
        type=EntityType.GENE,
        preferred=authority_symbol or symbol or description or row[1],
        source=source,
        taxon=f"NCBITaxon:{taxon}",
        terms=tuple(t for t in terms if t.text),
        xrefs=gene_xrefs(row[5]),
    )
