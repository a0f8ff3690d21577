"""Human <-> mouse ``biolink:orthologous_to`` edges, so mouse findings reach human pathways.

Species stay apart (Sting1 in MC38 tumours is NCBIGene:72512, STING1 is NCBIGene:340061); an
orthology edge joins them, and a path query can cross it. Pairs come from

- the lexicon's ``orthologs()`` (HGNC's MGI column and NCBI/MGI cross-references, resolved to
  NCBIGene pairs when the vocabularies were compiled), and
- ``ontology/mouse_orthologs.tsv``, the curated pairs for the chain genes and drug targets,
  which the demo uses when ../shared is absent.

A pair stated by both is one edge with both sources. ``genes`` restricts the edges to pairs
touching genes the graph has (the full lexicon knows ~17,000 pairs; most would be islands).

    rows = read_mouse_orthologs()
    result = orthology_edges(lexicon.orthologs(), rows, genes={"NCBIGene:340061", ...})
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.assemble.curated_tsv import display_name, ontology_path, read_rows
from kg.assemble.edgeset import EdgeSet, curated_edge
from kg.errors import InputError
from kg.model import Edge, Node

if TYPE_CHECKING:
    from kg.lexicon import Ortholog

PREDICATE = "biolink:orthologous_to"
ORTHOLOGS_FILE = "mouse_orthologs.tsv"
HUMAN = "NCBITaxon:9606"
MOUSE = "NCBITaxon:10090"
COLUMNS = (
    "human",
    "human_symbol",
    "human_name",
    "hgnc",
    "mouse",
    "mouse_symbol",
    "mouse_name",
    "mgi",
    "sources",
    "license",
)
# Licence and information resource of the lexicon's ortholog sources, by source name prefix.
SOURCE_TERMS = {
    "hgnc": ("CC0-1.0", "infores:hgnc"),
    "mgi": ("CC-BY-4.0", "infores:mgi"),
    "ncbi": ("public-domain", "infores:ncbi-gene"),
    "gene_info": ("public-domain", "infores:ncbi-gene"),
    "curated": ("CC0-1.0", "infores:irkg"),
}


@dataclass(frozen=True, slots=True)
class OrthologRow:
    """One curated human <-> mouse pair with both genes' symbols and names."""

    human: str
    human_symbol: str
    human_name: str
    hgnc: str
    mouse: str
    mouse_symbol: str
    mouse_name: str
    mgi: str
    sources: tuple[str, ...]
    license: str
    table: str

    def nodes(self) -> tuple[Node, Node]:
        """Fallback gene nodes (symbol as name, like the lexicon's) for the demo."""
        return (
            Node(
                self.human,
                "biolink:Gene",
                self.human_symbol,
                synonyms=(self.human_name,),
                taxon=HUMAN,
                xrefs=(self.hgnc,),
                sources=(self.table,),
                description=self.human_name,
            ),
            Node(
                self.mouse,
                "biolink:Gene",
                self.mouse_symbol,
                synonyms=(self.mouse_name,),
                taxon=MOUSE,
                xrefs=(self.mgi,),
                sources=(self.table,),
                description=self.mouse_name,
            ),
        )


def read_mouse_orthologs(path: Path | None = None) -> tuple[OrthologRow, ...]:
    """The curated pairs (default: the shipped ``ontology/mouse_orthologs.tsv``)."""
    path = path or ontology_path(ORTHOLOGS_FILE)
    where = display_name(path)
    rows = []
    for row in read_rows(path, COLUMNS):
        if not (row["human"].startswith("NCBIGene:") and row["mouse"].startswith("NCBIGene:")):
            raise InputError(where, row.line, "human and mouse must be NCBIGene: CURIEs")
        if not row["hgnc"].startswith("HGNC:") or not row["mgi"].startswith("MGI:"):
            raise InputError(where, row.line, "hgnc must be an HGNC: and mgi an MGI: CURIE")
        if not row["human_symbol"] or not row["mouse_symbol"] or not row["license"]:
            raise InputError(where, row.line, "symbols and licence are required")
        rows.append(
            OrthologRow(
                **{c: row[c] for c in COLUMNS if c != "sources"},
                sources=row.split("sources"),
                table=where,
            )
        )
    return tuple(rows)


def _terms(source: str) -> tuple[str, str]:
    lowered = source.lower()
    for prefix, terms in SOURCE_TERMS.items():
        if lowered.startswith(prefix):
            return terms
    return ("see source", "infores:irkg")


@dataclass(frozen=True)
class OrthologyImport:
    edges: tuple[Edge, ...]
    nodes: tuple[Node, ...]  # fallback gene nodes from the curated table
    pairs_from_lexicon: int
    pairs_from_table: int
    merged: int

    def lines(self) -> list[str]:
        return [
            f"orthology: {len(self.edges)} human-mouse edges ({self.pairs_from_lexicon} pairs "
            f"from the lexicon, {self.pairs_from_table} from the curated table, "
            f"{self.merged} stated by both)"
        ]


def orthology_edges(
    pairs: Iterable[Ortholog],
    rows: Iterable[OrthologRow],
    *,
    genes: Collection[str] | None = None,
) -> OrthologyImport:
    """One edge per human -> mouse pair (restricted to pairs touching ``genes`` when given)."""

    def wanted(human: str, mouse: str) -> bool:
        return genes is None or human in genes or mouse in genes

    sink = EdgeSet()
    from_lexicon = from_table = 0
    for pair in pairs:
        if wanted(pair.human, pair.mouse):
            licence, infores = _terms(pair.source)
            sink.add(
                curated_edge(
                    pair.human,
                    PREDICATE,
                    pair.mouse,
                    sources=(pair.source,),
                    license=licence,
                    primary_source=infores,
                )
            )
            from_lexicon += 1
    nodes: list[Node] = []
    for row in rows:
        nodes.extend(row.nodes())
        if wanted(row.human, row.mouse):
            sink.add(
                curated_edge(
                    row.human,
                    PREDICATE,
                    row.mouse,
                    sources=(row.table, *row.sources),
                    license=row.license,
                    primary_source="infores:hgnc",
                )
            )
            from_table += 1
    return OrthologyImport(
        edges=sink.edges(),
        nodes=tuple(nodes),
        pairs_from_lexicon=from_lexicon,
        pairs_from_table=from_table,
        merged=sum(sink.merged.values()),
    )
