"""DrugCentral rows + the curated checkpoint table -> drug -> target edges with CURIEs.

    result = drug_target_edges(rows, curated, lexicon=lex, index=xref_index)
    result.edges, result.nodes, result.drugs, result.labels, result.report

Every edge is ``drug -biolink:directly_physically_interacts_with-> gene`` with the action type
as the ``action`` qualifier (lower case) and its sign. DrugCentral's MOA flag decides the
knowledge level: a stated mechanism of action is a ``knowledge_assertion``, a measured
bioactivity without one an ``observation``. Licence CC-BY-SA-4.0 (DrugCentral), CC0-1.0 for
the curated table.

Drugs are named by MeSH: the curated table's names first, then the lexicon. A drug the lexicon
cannot name unambiguously keeps its ``drugcentral:<STRUCT_ID>`` CURIE and a node named from
DrugCentral, so no row is lost; the report counts both. Human targets resolve through HGNC
(UniProt accession first, then the approved symbol), then the lexicon; mouse targets through
the lexicon; other species are counted and skipped.

Merge policy for one drug -> target pair: the curated table's action and sign win and all
sources are kept; otherwise one edge per distinct DrugCentral action, rows without an action
joining the pair's first action, sources and publications unioned.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.assemble.drugcentral import (
    LICENSE,
    PREDICATE,
    PRIMARY_SOURCE,
    TAXA,
    CuratedDrugTarget,
    DrugCentralRow,
    action_sign,
)
from kg.assemble.edgeset import EdgeSet, curated_edge
from kg.assemble.lexmatch import Status, match_name
from kg.assemble.xrefs import XrefIndex
from kg.model import Edge, EntityType, KnowledgeLevel, Node, Qualifiers

if TYPE_CHECKING:
    from kg.lexicon import Lexicon

HUMAN = "NCBITaxon:9606"


@dataclass
class DrugTargetReport:
    rows: int = 0
    problems: list[str] = field(default_factory=list)
    drugs: Counter[str] = field(default_factory=Counter)  # how each distinct drug was named
    targets: Counter[str] = field(default_factory=Counter)  # how each row's genes resolved
    other_species: Counter[str] = field(default_factory=Counter)  # skipped rows per organism
    edges: int = 0
    moa_edges: int = 0
    curated_edges: int = 0
    curated_overrides: int = 0  # DrugCentral pairs whose action the curated table set
    merged_rows: int = 0  # DrugCentral rows folded into an edge another row created

    def lines(self) -> list[str]:
        out = [
            f"drug targets: {self.rows} DrugCentral rows -> {self.edges} edges "
            f"({self.moa_edges} mechanism of action, {self.curated_edges} from the curated "
            f"table, {self.curated_overrides} DrugCentral pairs set by it, "
            f"{self.merged_rows} rows merged)",
        ]
        for title, counts in (("drugs", self.drugs), ("targets", self.targets)):
            if counts:
                out.append(
                    f"  {title}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
                )
        if self.other_species:
            top = self.other_species.most_common(5)
            out.append("  other species skipped: " + ", ".join(f"{k} {v}" for k, v in top))
        out.extend(f"  {p}" for p in self.problems[:20])
        if len(self.problems) > 20:
            out.append(f"  ... and {len(self.problems) - 20} more malformed rows")
        return out


@dataclass(frozen=True)
class DrugTargetImport:
    edges: tuple[Edge, ...]
    nodes: tuple[Node, ...]  # drugcentral:<id> drugs the lexicon could not name
    drugs: frozenset[str]  # every drug CURIE with a target edge (-> biolink:Drug)
    labels: dict[str, str]  # CURIE -> a name (drug names, target symbols) for node fallbacks
    report: DrugTargetReport


class _Namer:
    """Names -> CURIEs for drugs and targets, cached per name."""

    def __init__(
        self, curated: Iterable[CuratedDrugTarget], lexicon: Lexicon | None, index: XrefIndex
    ) -> None:
        self.curated_names = {c.drug_name.casefold(): c.drug for c in curated}
        self.lexicon = lexicon
        self.index = index
        self.drugs: dict[str, tuple[str, str]] = {}

    def drug(self, row: DrugCentralRow) -> tuple[str, str]:
        """(CURIE, how) for a row's drug: curated name, lexicon MeSH, or drugcentral:<id>."""
        if row.struct_id in self.drugs:
            return self.drugs[row.struct_id]
        curie, how = f"drugcentral:{row.struct_id}", "drugcentral only"
        if row.drug_name.casefold() in self.curated_names:
            curie, how = self.curated_names[row.drug_name.casefold()], "mesh (curated table)"
        elif self.lexicon is not None:
            match = match_name(self.lexicon, row.drug_name, EntityType.CHEMICAL)
            if match.status is Status.MAPPED and match.curie and match.curie.startswith("MESH:"):
                curie, how = match.curie, "mesh"
            elif match.status is Status.AMBIGUOUS:
                how = "ambiguous name (kept as drugcentral)"
        self.drugs[row.struct_id] = (curie, how)
        return curie, how

    def target(self, symbol: str, accession: str, taxon: str) -> str | None:
        if taxon == HUMAN:
            found = self.index.lookup("uniprot", accession) if accession else None
            found = found or self.index.lookup("hgnc.symbol", symbol)
            if found:
                return found
        if self.lexicon is None:
            return None
        match = match_name(self.lexicon, symbol, EntityType.GENE, taxon)
        return match.curie if match.status is Status.MAPPED else None


def _targets(row: DrugCentralRow, namer: _Namer, report: DrugTargetReport) -> list[str]:
    taxon = TAXA.get(row.organism)
    if taxon is None:
        report.targets["other species"] += 1
        report.other_species[row.organism or "(not stated)"] += 1
        return []
    aligned = len(row.accessions) == len(row.genes)
    found = []
    for i, symbol in enumerate(row.genes):
        curie = namer.target(symbol, row.accessions[i] if aligned else "", taxon)
        report.targets["mapped" if curie else "unmapped"] += 1
        if curie:
            found.append(curie)
    return found


def _drugcentral_edges(
    pairs: dict[tuple[str, str], list[DrugCentralRow]], report: DrugTargetReport
) -> list[Edge]:
    edges = []
    for (drug, target), rows in sorted(pairs.items()):
        actions = list(dict.fromkeys(r.action for r in rows if r.action)) or [""]
        for n, action in enumerate(actions):
            chosen = [r for r in rows if r.action == action or (n == 0 and not r.action)]
            report.merged_rows += len(chosen) - 1
            moa = any(r.moa for r in chosen)
            report.moa_edges += moa
            edges.append(
                curated_edge(
                    drug,
                    PREDICATE,
                    target,
                    Qualifiers(sign=action_sign(action), action=action.lower()),
                    sources=sorted({f"drugcentral:{r.struct_id}" for r in chosen}),
                    publications=sorted({p for r in chosen for p in r.publications}),
                    license=LICENSE,
                    primary_source=PRIMARY_SOURCE,
                    knowledge_level=KnowledgeLevel.KNOWLEDGE_ASSERTION
                    if moa
                    else KnowledgeLevel.OBSERVATION,
                )
            )
    return edges


def _curated_edge(entry: CuratedDrugTarget, rows: list[DrugCentralRow]) -> Edge:
    licences = {entry.license} | ({LICENSE} if rows else set())
    return curated_edge(
        entry.drug,
        PREDICATE,
        entry.target,
        Qualifiers(sign=entry.sign, action=entry.action.lower()),
        sources=(*entry.sources, *(f"drugcentral:{r.struct_id}" for r in rows)),
        publications=sorted({p for r in rows for p in r.publications}),
        license=" AND ".join(sorted(licences)),
        primary_source="infores:irkg",
        knowledge_level=KnowledgeLevel.KNOWLEDGE_ASSERTION,
    )


def drug_target_edges(
    rows: Iterable[DrugCentralRow],
    curated: Iterable[CuratedDrugTarget],
    *,
    lexicon: Lexicon | None = None,
    index: XrefIndex | None = None,
    problems: Iterable[str] = (),
) -> DrugTargetImport:
    """Map rows and curated entries to CURIEs and merge them into edges (module docstring)."""
    curated = tuple(curated)
    report = DrugTargetReport(problems=list(problems))
    namer = _Namer(curated, lexicon, index or XrefIndex())
    pairs: dict[tuple[str, str], list[DrugCentralRow]] = defaultdict(list)
    labels: dict[str, str] = {}
    nodes: dict[str, Node] = {}
    for row in rows:
        report.rows += 1
        drug, _ = namer.drug(row)
        for target in _targets(row, namer, report):
            pairs[(drug, target)].append(row)
            labels.setdefault(target, row.genes[0] if len(row.genes) == 1 else target)
        labels.setdefault(drug, row.drug_name)
        if drug.startswith("drugcentral:") and drug not in nodes:
            nodes[drug] = Node(drug, "biolink:Drug", row.drug_name, sources=("DrugCentral",))
    report.drugs.update(how for _, how in namer.drugs.values())
    sink = EdgeSet()
    for entry in curated:
        matched = pairs.pop((entry.drug, entry.target), [])
        report.curated_overrides += bool(matched)
        report.curated_edges += 1
        sink.add(_curated_edge(entry, matched))
        labels.setdefault(entry.drug, entry.drug_name)
        labels.setdefault(entry.target, entry.target_symbol)
    sink.update(_drugcentral_edges(pairs, report))
    edges = sink.edges()
    report.edges = len(edges)
    return DrugTargetImport(
        edges=edges,
        nodes=tuple(sorted(nodes.values(), key=lambda n: n.id)),
        drugs=frozenset(e.subject for e in edges),
        labels=labels,
        report=report,
    )
