"""Cellosaurus cell lines: the official ``cellosaurus.txt`` and the two TSVs in ../shared.

- ``cellosaurus.txt`` (https://ftp.expasy.org/databases/cellosaurus/cellosaurus.txt): records
  of two-letter line codes ending in ``//``: ``ID`` name, ``AC`` primary accession (CVCL_…),
  ``SY`` synonyms (``; ``-separated), ``OX`` species (``NCBI_TaxID=10090; ! Mus musculus``).
- ``cellosaurus_names.ssslm.tsv.gz`` (SSSLM TSV from biopragmatics/biolexica): text, curie,
  name, predicate, type, provenance, contributor, date, language, comment, source. ``name`` is the
  preferred name; labels other sources (CLO, BTO) give become synonyms. Ids look like
  ``cellosaurus:4358`` (= CVCL_4358). Cell lines become CellLine ``cellosaurus:CVCL_4358``;
  Cell Ontology terms (``cl:0000084``) become CellType ``CL:0000084``; other prefixes (CLO, BTO,
  NCIt, EFO...) repeat those and are skipped, counted.
- ``cellosaurus_species_2016.tsv.gz`` (name, accession, species; clulab/bioresources): gives the
  species of known accessions (update-only records: it creates no cell line of its own).

Names without spaces are SYMBOL terms (cell line names are codes: MC38, 4T1), others NAME.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from kg.errors import InputError
from kg.lexicon.model import Flags
from kg.lexicon.records import ConceptRecord, Term, clean_term
from kg.lexicon.textio import SourceFile, iter_lines, iter_tsv
from kg.model import EntityType

SSSLM_COLUMNS = (
    "text",
    "curie",
    "name",
    "predicate",
    "type",
    "provenance",
    "contributor",
    "date",
    "language",
    "comment",
    "source",
)
# Species names in Cellosaurus -> NCBI Taxonomy (the common hosts of cell lines).
SPECIES_TAXA = {
    "Homo sapiens": "9606",
    "Mus musculus": "10090",
    "Rattus norvegicus": "10116",
    "Cricetulus griseus": "10029",
    "Mesocricetus auratus": "10036",
    "Gallus gallus": "9031",
    "Canis lupus familiaris": "9615",
    "Bos taurus": "9913",
    "Sus scrofa": "9823",
    "Drosophila melanogaster": "7227",
    "Danio rerio": "7955",
    "Macaca mulatta": "9544",
}


def _kind(term: str) -> Flags:
    return Flags.NAME if " " in term else Flags.SYMBOL


def _terms(name: str, synonyms: list[str]) -> tuple[Term, ...]:
    out = {name: Flags.PREFERRED | _kind(name)}
    for synonym in synonyms:
        if synonym and synonym not in out:
            out[synonym] = _kind(synonym)
    return tuple(Term(t, f) for t, f in out.items())


def _accession(local: str) -> str:
    return local if local.startswith("CVCL_") else f"CVCL_{local}"


def read_ssslm(source: SourceFile, skipped: Counter[str] | None = None) -> Iterator[ConceptRecord]:
    """Cell lines and CL cell types; rows of one id are grouped (the file keeps them together)."""
    skipped = skipped if skipped is not None else Counter()
    current: str | None = None
    name = ""
    synonyms: list[str] = []

    def flush() -> Iterator[ConceptRecord]:
        if current is None:
            return
        record = _ssslm_record(current, name, synonyms)
        if record is None:
            skipped[f"SSSLM {current.partition(':')[0]} ids (not cell lines or CL)"] += 1
        else:
            yield record

    for lineno, row in iter_tsv(source, len(SSSLM_COLUMNS)):
        if lineno == 1:
            if tuple(row) != SSSLM_COLUMNS:
                raise InputError(source.display, 1, "not an SSSLM file (unexpected header)")
            continue
        if row[1] != current:
            yield from flush()
            current, name, synonyms = row[1], clean_term(row[2]), []
        text = clean_term(row[0])
        if text and text != name and _keep_synonym(row):
            synonyms.append(text)
    yield from flush()


def _keep_synonym(row: list[str]) -> bool:
    """Labels from any source; synonyms only as the id's own vocabulary states them.

    Other sources' synonyms are broader ("human embryonic kidney cell" for HEK293, BTO), and CL's
    related/broad/narrow synonyms name other cell types.
    """
    if row[3] == "rdfs:label":
        return True
    if row[1].startswith("cl:"):
        return row[3] == "oboInOwl:hasExactSynonym"
    return row[10] == row[1].partition(":")[0]


def _ssslm_record(curie: str, name: str, synonyms: list[str]) -> ConceptRecord | None:
    prefix, _, local = curie.partition(":")
    if not name or not local:
        return None
    if prefix == "cellosaurus":
        return ConceptRecord(
            curie=f"cellosaurus:{_accession(local)}",
            type=EntityType.CELL_LINE,
            preferred=name,
            source="cellosaurus",
            terms=_terms(name, synonyms),
        )
    if prefix == "cl" and local.isdigit():
        return ConceptRecord(
            curie=f"CL:{local}",
            type=EntityType.CELL_TYPE,
            preferred=name,
            source="cellosaurus_ssslm:cl",
            terms=tuple(
                Term(t.text, (t.flags & ~Flags.SYMBOL) | Flags.NAME) for t in _terms(name, synonyms)
            ),
        )
    return None


def read_species_tsv(
    source: SourceFile, skipped: Counter[str] | None = None
) -> Iterator[ConceptRecord]:
    """Species (and one more name) for accessions other sources define."""
    skipped = skipped if skipped is not None else Counter()
    for lineno, row in iter_tsv(source, 3):
        name, accession, species = (clean_term(v) for v in row)
        if not accession.startswith("CVCL_"):
            raise InputError(source.display, lineno, f"bad Cellosaurus accession {accession!r}")
        taxon = SPECIES_TAXA.get(species)
        if taxon is None:
            skipped["Cellosaurus 2016 species without NCBI Taxonomy mapping"] += 1
        yield ConceptRecord(
            curie=f"cellosaurus:{accession}",
            type=EntityType.CELL_LINE,
            preferred=name,
            source="cellosaurus_species_2016",
            taxon=f"NCBITaxon:{taxon}" if taxon else None,
            terms=(Term(name, _kind(name)),) if name else (),
            update_only=True,
        )


def read_cellosaurus_txt(
    source: SourceFile, info: dict[str, str] | None = None
) -> Iterator[ConceptRecord]:
    """Records of the official ``cellosaurus.txt`` (lines before the first ``ID`` skipped).

    ``info["version"]`` gets the release from the file header (`` Version: 52.0``).
    """
    fields: dict[str, list[str]] = {}
    start = 0
    for lineno, line in iter_lines(source):
        if line.startswith("//"):
            if fields:
                yield _txt_record(fields, source, start)
            fields = {}
            continue
        code, value = line[:2], line[5:].strip()
        if code == "ID":
            if fields:
                raise InputError(source.display, lineno, "record does not end with //")
            start = lineno
        elif not fields:
            if info is not None and line.strip().startswith("Version:"):
                info["version"] = "Cellosaurus " + line.split(":", 1)[1].strip()
            continue  # file header and notes before the first record
        if len(line) < 5 or line[2:5] != "   ":
            raise InputError(source.display, lineno, "expected a two-letter code and 3 spaces")
        fields.setdefault(code, []).append(value)
    if fields:
        raise InputError(source.display, start, "last record is not closed by // (truncated?)")


def _txt_record(fields: dict[str, list[str]], source: SourceFile, line: int) -> ConceptRecord:
    names = fields.get("ID", [])
    accessions = fields.get("AC", [])
    if len(names) != 1 or len(accessions) != 1 or not accessions[0].startswith("CVCL_"):
        raise InputError(source.display, line, "a record needs one ID and one CVCL_ AC line")
    synonyms = [clean_term(s) for line_ in fields.get("SY", []) for s in line_.split("; ")]
    taxa = [
        part.split("=", 1)[1]
        for line_ in fields.get("OX", [])
        for part in line_.split(";")
        if part.strip().startswith("NCBI_TaxID=")
    ]
    return ConceptRecord(
        curie=f"cellosaurus:{accessions[0]}",
        type=EntityType.CELL_LINE,
        preferred=names[0],
        source=f"cellosaurus:{source.path.name}",
        taxon=f"NCBITaxon:{taxa[0].strip()}" if taxa else None,
        terms=_terms(names[0], synonyms),
    )
