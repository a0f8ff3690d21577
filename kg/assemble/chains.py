"""Curated pathway chains (``ontology/pathway_chains.tsv``) -> signed, ordered ``affects`` edges.

A chain is an ordered list of causal steps (radiotherapy -> cytosolic DNA -> cGAS -> cGAMP ->
STING1 -> TBK1 -> IRF3 -> IFNB1; PD-L1 -> PD-1 -| T cell ...). Each step becomes one edge whose
qualifiers carry the sign, the chain's CURIE (``pathway``) and the step number (``step``), so a
path query over AFFECTS edges walks the chain and every hop names its references. Each chain is
also a ``biolink:Pathway`` node with its members attached by ``biolink:participates_in``, which
lets a drug -> pathway search end on a chain.

    chains = read_chains()              # validated; InputError names file:line on a bad row
    edges = chain_edges(chains)         # affects steps + participates_in membership
    nodes = chain_nodes(chains)         # the chains as Pathway nodes
    labels = member_labels(chains)      # CURIE -> curated label (last-resort node names)

Human genes only: mouse findings reach the chains through orthology edges, never duplicates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.assemble.curated_tsv import Row, display_name, ontology_path, read_rows
from kg.assemble.edgeset import curated_edge
from kg.errors import InputError
from kg.ids import prefix_map
from kg.model import Edge, Node, Qualifiers, Sign
from kg.schema import load_schema

CHAINS_FILE = "pathway_chains.tsv"
SIGNS = {"+": Sign.POSITIVE, "-": Sign.NEGATIVE, "0": Sign.NONE}
REFERENCE_PREFIXES = ("PMID", "doi", "wikipathways")
PUBLICATION_PREFIXES = ("PMID", "doi")
COLUMNS = (
    "chain",
    "chain_name",
    "step",
    "subject",
    "subject_label",
    "predicate",
    "object",
    "object_label",
    "sign",
    "references",
    "license",
    "note",
)


@dataclass(frozen=True, slots=True)
class ChainStep:
    """One signed step of a chain, as curated."""

    chain: str
    step: int
    subject: str
    subject_label: str
    predicate: str
    object: str
    object_label: str
    sign: Sign
    references: tuple[str, ...]
    license: str
    note: str = ""

    def __post_init__(self) -> None:
        known = prefix_map()
        for curie in (self.chain, self.subject, self.object, *self.references):
            prefix, sep, local = curie.partition(":")
            if not sep or not local or prefix not in known:
                raise ValueError(f"{curie!r} is not a CURIE with a known prefix")
        if self.step < 1:
            raise ValueError(f"step must be >= 1, got {self.step}")
        if self.subject == self.object:
            raise ValueError(f"step {self.step} has the same subject and object")
        load_schema().predicate(self.predicate)  # raises ValueError for an unknown predicate
        if not self.references:
            raise ValueError("every step needs at least one reference")
        bad = [r for r in self.references if r.partition(":")[0] not in REFERENCE_PREFIXES]
        if bad:
            raise ValueError(f"references must be {'/'.join(REFERENCE_PREFIXES)} CURIEs: {bad}")
        if not self.license:
            raise ValueError("every step needs a licence")

    @property
    def publications(self) -> tuple[str, ...]:
        return tuple(r for r in self.references if r.partition(":")[0] in PUBLICATION_PREFIXES)

    @property
    def pathways(self) -> tuple[str, ...]:
        """WikiPathways pathways that contain both ends of the step."""
        return tuple(r for r in self.references if r.startswith("wikipathways:"))


@dataclass(frozen=True, slots=True)
class Chain:
    """A named, ordered chain of steps (steps numbered 1..n)."""

    id: str
    name: str
    steps: tuple[ChainStep, ...]
    source: str = f"ontology/{CHAINS_FILE}"

    def __post_init__(self) -> None:
        numbers = [s.step for s in self.steps]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"chain {self.id}: steps must be numbered 1..n in order: {numbers}")

    @property
    def members(self) -> tuple[str, ...]:
        """Every CURIE on the chain, in order of first appearance."""
        seen: dict[str, None] = {}
        for step in self.steps:
            seen.setdefault(step.subject)
            seen.setdefault(step.object)
        return tuple(seen)


def _step(row: Row) -> ChainStep:
    if row["sign"] not in SIGNS:
        raise ValueError(f"sign must be one of {' '.join(SIGNS)}, got {row['sign']!r}")
    if not row["step"].isdigit():
        raise ValueError(f"step must be a positive integer, got {row['step']!r}")
    return ChainStep(
        chain=row["chain"],
        step=int(row["step"]),
        subject=row["subject"],
        subject_label=row["subject_label"],
        predicate=row["predicate"],
        object=row["object"],
        object_label=row["object_label"],
        sign=SIGNS[row["sign"]],
        references=row.split("references"),
        license=row["license"],
        note=row["note"],
    )


def read_chains(path: Path | None = None) -> tuple[Chain, ...]:
    """All chains of a chains table (default: the shipped ``ontology/pathway_chains.tsv``).

    Rows of one chain must be consecutive and share the chain name; any bad row or chain stops
    with ``InputError(file, line, reason)``.
    """
    path = path or ontology_path(CHAINS_FILE)
    where = display_name(path)
    grouped: dict[str, tuple[str, int, list[ChainStep]]] = {}
    order: list[str] = []
    for row in read_rows(path, COLUMNS):
        try:
            step = _step(row)
        except ValueError as exc:
            raise InputError(where, row.line, str(exc)) from None
        if step.chain not in grouped:
            if row["chain_name"] == "":
                raise InputError(where, row.line, f"chain {step.chain} needs a chain_name")
            grouped[step.chain] = (row["chain_name"], row.line, [])
            order.append(step.chain)
        elif order[-1] != step.chain:
            raise InputError(where, row.line, f"rows of chain {step.chain} are not consecutive")
        name, first_line, steps = grouped[step.chain]
        if row["chain_name"] != name:
            raise InputError(where, row.line, f"chain {step.chain} is also named {name!r}")
        steps.append(step)
    chains = []
    for chain_id in order:
        name, first_line, steps = grouped[chain_id]
        try:
            chains.append(Chain(chain_id, name, tuple(steps), source=where))
        except ValueError as exc:
            raise InputError(where, first_line, str(exc)) from None
    return tuple(chains)


def chain_edges(chains: Iterable[Chain]) -> list[Edge]:
    """Signed ``affects`` steps and ``participates_in`` membership of every chain member."""
    edges: list[Edge] = []
    for chain in chains:
        for step in chain.steps:
            edges.append(
                curated_edge(
                    step.subject,
                    step.predicate,
                    step.object,
                    Qualifiers(sign=step.sign, pathway=chain.id, step=step.step),
                    sources=(chain.source, *step.pathways),
                    publications=step.publications,
                    license=step.license,
                    primary_source="infores:irkg",
                )
            )
        licence = " AND ".join(sorted({s.license for s in chain.steps}))
        for member in chain.members:
            edges.append(
                curated_edge(
                    member,
                    "biolink:participates_in",
                    chain.id,
                    sources=(chain.source,),
                    license=licence,
                    primary_source="infores:irkg",
                )
            )
    return edges


def chain_nodes(chains: Iterable[Chain]) -> list[Node]:
    """One ``biolink:Pathway`` node per chain, cross-referenced to the WikiPathways it cites."""
    nodes: list[Node] = []
    for chain in chains:
        refs = sorted({p for s in chain.steps for p in s.pathways})
        path = " -> ".join([chain.steps[0].subject_label] + [s.object_label for s in chain.steps])
        nodes.append(
            Node(
                id=chain.id,
                category="biolink:Pathway",
                name=chain.name,
                xrefs=tuple(refs),
                sources=(chain.source,),
                description=f"irkg curated chain: {path}",
            )
        )
    return nodes


def member_labels(chains: Iterable[Chain]) -> dict[str, str]:
    """CURIE -> curated label for every chain member (the first label written wins)."""
    labels: dict[str, str] = {}
    for chain in chains:
        for step in chain.steps:
            labels.setdefault(step.subject, step.subject_label)
            labels.setdefault(step.object, step.object_label)
    return labels
