"""The canonical ``Node`` for any CURIE: name, Biolink category, synonyms, taxon, xrefs, sources.

Every node of the graph is built here, whether a paper mentions it or a curated edge needs it,
so one entity always looks the same. Information comes from, in order of precedence,

1. the lexicon's ``Concept`` (preferred name, synonyms, taxon, xrefs, sources);
2. curated fallback nodes (``ontology/curated_nodes.tsv``, the orthology table's genes, the
   chains as Pathway nodes, WikiPathways pathways, DrugCentral-only drugs), which also *set*
   the category and taxon when they give one (a curated category is a deliberate decision);
3. labels written in curated sources (chain labels, GPML labels, drug names) for names only;
4. the mention type the caller saw, then the CURIE's prefix, for the category.

A chemical is a ``biolink:Drug`` when it has a drug -> target edge or is in the curated drug
table (``drugs``). Genes and cell lines with a taxon get an ``in_taxon`` edge to an
``OrganismTaxon`` node (MC38 -> NCBITaxon:10090). A CURIE nothing can categorise gets no node
and is listed in the report; one nothing can name is named by its CURIE and listed.

    builder = NodeBuilder(lexicon, fallbacks=[...], labels={...}, drugs=drug_curies)
    result = builder.build(curies, type_hints={"MESH:D008545": EntityType.DISEASE})
    result.nodes, result.edges, result.report
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from kg.assemble.curated_tsv import display_name, ontology_path, read_rows
from kg.assemble.edgeset import EdgeSet, curated_edge
from kg.errors import InputError
from kg.model import Edge, EntityType, Node
from kg.schema import load_schema

if TYPE_CHECKING:
    from kg.lexicon import Lexicon

NODES_FILE = "curated_nodes.tsv"
MAX_SYNONYMS = 20
PREFIX_CATEGORY = {
    "NCBIGene": "biolink:Gene",
    "cellosaurus": "biolink:CellLine",
    "CL": "biolink:Cell",
    "NCBITaxon": "biolink:OrganismTaxon",
    "wikipathways": "biolink:Pathway",
    "PMID": "biolink:Publication",
    "drugcentral": "biolink:Drug",
    "CHEBI": "biolink:ChemicalEntity",
    "OMIM": "biolink:Disease",
}
TAXON_CATEGORIES = frozenset({"biolink:Gene", "biolink:CellLine"})
# Licences of the sources a node's taxon may come from (lexicon source names, curated tables).
TAXON_SOURCE_LICENSES = {
    "ncbi": "public-domain",
    "gene_info": "public-domain",
    "hgnc": "CC0-1.0",
    "mgi": "CC-BY-4.0",
    "cellosaurus": "CC-BY-4.0",
    "ontology/": "CC0-1.0",
}


def read_curated_nodes(path: Path | None = None) -> tuple[Node, ...]:
    """The curated nodes table (default: the shipped ``ontology/curated_nodes.tsv``)."""
    path = path or ontology_path(NODES_FILE)
    where = display_name(path)
    schema = load_schema()
    nodes = []
    columns = ("id", "category", "name", "taxon", "synonyms", "xrefs", "sources")
    for row in read_rows(path, columns):
        try:
            schema.category(row["category"])
            nodes.append(
                Node(
                    id=row["id"],
                    category=row["category"],
                    name=row["name"],
                    synonyms=row.split("synonyms"),
                    taxon=row["taxon"] or None,
                    xrefs=row.split("xrefs"),
                    sources=(where, *row.split("sources")),
                )
            )
        except ValueError as exc:
            raise InputError(where, row.line, str(exc)) from None
        if not row["name"]:
            raise InputError(where, row.line, "name is required")
    return tuple(nodes)


@dataclass(frozen=True)
class NodeReport:
    nodes: int
    from_lexicon: int
    from_fallback: int  # nodes the lexicon did not know
    unnamed: tuple[str, ...]  # named by their CURIE
    uncategorised: tuple[str, ...]  # no node built
    in_taxon_edges: int

    def lines(self) -> list[str]:
        out = [
            f"nodes: {self.nodes} ({self.from_lexicon} from the lexicon, {self.from_fallback} "
            f"from curated tables only), {self.in_taxon_edges} in_taxon edges"
        ]
        if self.unnamed:
            out.append(f"  {len(self.unnamed)} named by CURIE: {', '.join(self.unnamed[:10])}")
        if self.uncategorised:
            shown = ", ".join(self.uncategorised[:10])
            out.append(f"  {len(self.uncategorised)} without a category (no node): {shown}")
        return out


@dataclass(frozen=True)
class NodeSet:
    nodes: tuple[Node, ...]  # sorted by id
    edges: tuple[Edge, ...]  # in_taxon edges
    report: NodeReport


def _merge_fallbacks(nodes: Iterable[Node]) -> dict[str, Node]:
    """One fallback per CURIE: the first node's fields win, list fields are unioned."""
    merged: dict[str, Node] = {}
    for node in nodes:
        old = merged.get(node.id)
        if old is None:
            merged[node.id] = node
            continue
        merged[node.id] = replace(
            old,
            synonyms=tuple(dict.fromkeys(old.synonyms + node.synonyms)),
            taxon=old.taxon or node.taxon,
            xrefs=tuple(dict.fromkeys(old.xrefs + node.xrefs)),
            sources=tuple(dict.fromkeys(old.sources + node.sources)),
            description=old.description or node.description,
        )
    return merged


def _synonyms(name: str, *lists: Iterable[str], limit: int) -> tuple[str, ...]:
    seen = {name.casefold()}
    out: list[str] = []
    for items in lists:
        for item in items:
            key = item.casefold()
            if item and key not in seen:
                seen.add(key)
                out.append(item)
    return tuple(out[:limit])


def _taxon_licence(sources: Iterable[str]) -> str:
    found = set()
    for source in sources:
        for prefix, licence in TAXON_SOURCE_LICENSES.items():
            if source.lower().startswith(prefix):
                found.add(licence)
    return " AND ".join(sorted(found)) or "see source"


class NodeBuilder:
    """Builds canonical nodes from the lexicon and curated fallbacks (module docstring)."""

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        *,
        fallbacks: Iterable[Node] = (),
        labels: Mapping[str, str] | None = None,
        drugs: Iterable[str] = (),
        max_synonyms: int = MAX_SYNONYMS,
    ) -> None:
        self.lexicon = lexicon
        self.fallbacks = _merge_fallbacks(fallbacks)
        self.labels = dict(labels or {})
        self.drugs = frozenset(drugs)
        self.max_synonyms = max_synonyms
        self._schema = load_schema()

    def category(self, curie: str, concept_type: EntityType | None, hint: EntityType | None) -> str:
        """The Biolink category, or "" when nothing says what the CURIE is."""
        fallback = self.fallbacks.get(curie)
        if curie in self.drugs:
            return "biolink:Drug"
        if fallback is not None:
            return fallback.category
        for kind in (concept_type, hint):
            if kind is not None:
                return self._schema.default_category(kind)
        return PREFIX_CATEGORY.get(curie.partition(":")[0], "")

    def node(self, curie: str, hint: EntityType | None = None) -> tuple[Node | None, bool]:
        """(the node or None when uncategorisable, whether the lexicon knew the CURIE)."""
        concept = self.lexicon.concept(curie) if self.lexicon is not None else None
        fallback = self.fallbacks.get(curie)
        category = self.category(curie, concept.type if concept else None, hint)
        if not category:
            return None, concept is not None
        name = (
            (concept.preferred if concept else "")
            or (fallback.name if fallback else "")
            or self.labels.get(curie, "")
            or curie
        )
        node = Node(
            id=curie,
            category=category,
            name=name,
            synonyms=_synonyms(
                name,
                concept.synonyms if concept else (),
                fallback.synonyms if fallback else (),
                limit=self.max_synonyms,
            ),
            taxon=(fallback.taxon if fallback else None) or (concept.taxon if concept else None),
            xrefs=tuple(
                x
                for x in dict.fromkeys(
                    (concept.xrefs if concept else ()) + (fallback.xrefs if fallback else ())
                )
                if x != curie
            ),
            sources=tuple(
                dict.fromkeys(
                    (concept.sources if concept else ()) + (fallback.sources if fallback else ())
                )
            ),
            description=fallback.description if fallback else "",
        )
        return node, concept is not None

    def build(
        self, curies: Iterable[str], type_hints: Mapping[str, EntityType] | None = None
    ) -> NodeSet:
        """Nodes for ``curies`` plus the taxa they live in, and their ``in_taxon`` edges."""
        hints = type_hints or {}
        nodes: dict[str, Node] = {}
        known = 0
        unnamed_ids: list[str] = []
        uncategorised: list[str] = []
        pending = sorted(set(curies))
        while pending:
            curie = pending.pop()
            if curie in nodes:
                continue
            node, in_lexicon = self.node(curie, hints.get(curie))
            if node is None:
                uncategorised.append(curie)
                continue
            nodes[curie] = node
            known += in_lexicon
            if node.name == curie and node.category != "biolink:Publication":
                unnamed_ids.append(curie)
            if node.taxon and node.taxon not in nodes:
                pending.append(node.taxon)
        edges = EdgeSet()
        for node in nodes.values():
            if node.taxon and node.category in TAXON_CATEGORIES and node.taxon in nodes:
                edges.add(
                    curated_edge(
                        node.id,
                        "biolink:in_taxon",
                        node.taxon,
                        sources=node.sources or ("irkg",),
                        license=_taxon_licence(node.sources),
                        primary_source="infores:irkg",
                    )
                )
        ordered = tuple(nodes[k] for k in sorted(nodes))
        report = NodeReport(
            nodes=len(ordered),
            from_lexicon=known,
            from_fallback=len(ordered) - known,
            unnamed=tuple(sorted(unnamed_ids)),
            uncategorised=tuple(sorted(uncategorised)),
            in_taxon_edges=len(edges),
        )
        return NodeSet(ordered, edges.edges(), report)
