"""How does a drug reach a pathway? Bounded, evidence-ranked paths through the graph.

    search = find_paths(store, "pembrolizumab", "cGAS-STING", max_hops=4, top=3)
    for path in search.paths:
        path.score, path.weakest, path.steps   # each step: predicate, sign, papers, sentence

Reaching a pathway means reaching the pathway node or any of its members (genes, chemicals of
its curated chain): the search finds all shortest paths from the source to the nearest members
within ``max_hops`` steps (``kg.query.path_search``: a bidirectional breadth-first search that
runs alike on every store, through ``kg.query.path_engines``), then ranks them. The member list
is looked up once for both tiers, and a goal's place in the pathway's chain only for the paths
shown.

**Mechanism first.** The search walks the mechanistic relationship types first (AFFECTS, the
physical interactions, orthology: who acts on whom). Only when no such path exists within
``max_hops`` does it walk the association types too (schema ``path_association_types``:
co-mention in a sentence, clinical use), and the result says so (``PathSearch.tier``): a path
through "mentioned in the same sentence" is a lead to read, not a mechanism.

**Score.** A path's score is the product of its steps' beliefs: the chance that every step
holds if each step's belief is the chance that it holds on its own (curated steps have belief
1.0; text-mined steps grow with the number of distinct papers; co-mention steps are weak). A
chain is only as good as its links, so the weakest step (lowest belief) is marked. Ties go to
fewer steps, then more papers in all, then the edge ids (so every store ranks alike).

``explain_no_path`` says which link is missing when nothing is found.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from kg.query.path_engines import engine_of
from kg.query.path_search import shortest_paths
from kg.query.path_types import MAX_PATHS, TIERS, check_hops, walk_types
from kg.query.resolve import Entity, resolve_entity, resolve_pathway
from kg.query.run import run_query

if TYPE_CHECKING:
    from kg.lexicon import Lexicon
    from kg.query.path_engines import PathEngine, RawPath
    from kg.query.resolve import Chooser
    from kg.query.stores import QueryStore

DRUG_CATEGORIES = ("biolink:Drug", "biolink:ChemicalEntity")


@dataclass(frozen=True)
class PathNode:
    id: str
    name: str | None = None
    category: str | None = None

    @property
    def label(self) -> str:
        return self.name or self.id


@dataclass(frozen=True)
class Step:
    """One edge walked by a path; ``forward`` when the walk follows the edge's direction."""

    edge_id: str
    predicate: str
    source: PathNode  # the node the walk leaves
    target: PathNode  # the node it reaches
    forward: bool
    sign: int
    belief: float
    papers: int
    sentence: str | None
    provenance: str | None = None  # primary knowledge source: where a curated step comes from
    references: tuple[str, ...] = ()  # the edge's sources (files, pathways) and publications

    @property
    def has_evidence(self) -> bool:
        """A sentence from a paper, or the curated source the step was taken from."""
        return bool(self.sentence or self.provenance or self.references)

    @property
    def arrow(self) -> str:
        sign = {1: "(+)", -1: "(-)"}.get(self.sign, "")
        kind = f"{self.predicate}{sign}"
        return f"-[{kind}]->" if self.forward else f"<-[{kind}]-"


@dataclass(frozen=True)
class Path:
    """A path from the source to a goal: a member of the target pathway, or the target."""

    nodes: tuple[PathNode, ...]
    steps: tuple[Step, ...]
    member_position: int | None = None  # the goal's place in the pathway's chain, if any
    goal_is_member: bool = False

    @property
    def hops(self) -> int:
        return len(self.steps)

    @property
    def score(self) -> float:
        return math.prod(s.belief for s in self.steps)

    @property
    def papers(self) -> int:
        return sum(s.papers for s in self.steps)

    @property
    def weakest(self) -> int | None:
        """Index of the step with the lowest belief (the first one on a tie)."""
        if not self.steps:
            return None
        return min(range(len(self.steps)), key=lambda i: self.steps[i].belief)

    @property
    def goal(self) -> PathNode:
        return self.nodes[-1]

    def rank_key(self) -> tuple:
        return (-round(self.score, 12), self.hops, -self.papers, [s.edge_id for s in self.steps])

    def text(self) -> str:
        parts = [self.nodes[0].label]
        for step in self.steps:
            parts += [step.arrow, step.target.label]
        return " ".join(parts)


@dataclass(frozen=True)
class PathSearch:
    """What ``find_paths`` found: the best paths, ranked, and what was searched."""

    source: Entity
    target: Entity
    max_hops: int
    paths: tuple[Path, ...]
    found: int  # paths before keeping the top ones
    goals: int  # members of the target pathway (+ the target itself)
    store: str
    seconds: float
    tier: str = "mechanistic"  # the relationship types walked (kg.query.path_engines.TIERS)
    # the search stopped at ``max_paths`` shortest paths and more exist: the paths shown are
    # the best of those read, not necessarily of all
    truncated: bool = False

    @property
    def mechanistic(self) -> bool:
        return self.tier == "mechanistic"


def find_paths(
    store: QueryStore,
    source: str | Entity,
    target: str | Entity,
    *,
    max_hops: int = 4,
    top: int = 3,
    lexicon: Lexicon | None = None,
    choose: Chooser | None = None,
    max_paths: int = MAX_PATHS,
) -> PathSearch:
    """The ``top`` best paths from ``source`` (a drug, or any entity) to ``target`` (a
    pathway, or any entity), each at most ``max_hops`` steps before the pathway membership,
    ranked among at most ``max_paths`` shortest paths read."""
    check_hops(max_hops)
    if top < 1:
        raise ValueError(f"top must be >= 1, got {top}")
    if max_paths < 1:
        raise ValueError(f"max_paths must be >= 1, got {max_paths}")
    started = time.perf_counter()
    if not isinstance(source, Entity):
        source = resolve_entity(
            store, source, lexicon=lexicon, prefer=DRUG_CATEGORIES, choose=choose
        )
    if not isinstance(target, Entity):
        target = resolve_pathway(store, target, lexicon=lexicon, choose=choose)
    engine = engine_of(store)
    members = engine.members(target.id)  # CURIE -> the store's handle
    handles = {**members, **engine.handles([source.id, target.id])}
    raw: list[RawPath] = []
    for tier in TIERS:  # the tier that found paths is reported
        goals = [*members, target.id]
        raw = shortest_paths(
            store, source.id, goals, max_hops, tier, engine=engine, handles=handles,
            limit=max_paths + 1,  # one more than is kept: whether more exist
        )  # fmt: skip
        if raw or source.id in members:  # a member source is a path of no steps
            break
    truncated = len(raw) > max_paths
    raw = raw[:max_paths]
    paths = [_path(r, members) for r in raw]
    if source.id in members:
        paths.append(_member_path(source))
    paths.sort(key=Path.rank_key)
    best = _with_positions(engine, target.id, members, paths[:top])
    return PathSearch(
        source, target, max_hops, best, len(paths), len(members) + 1, store.name,
        time.perf_counter() - started, tier, truncated,
    )  # fmt: skip


def _with_positions(
    engine: PathEngine, pathway: str, members: dict[str, Any], paths: list[Path]
) -> tuple[Path, ...]:
    """The shown paths with their goal's place in the pathway's chain. Only these: the rank
    does not depend on it, and looking it up reads every edge of a goal (~2.5 ms for the ~40
    goals a search may reach on a 1M-edge graph, against ~0.3 ms for the top three)."""
    goals = {p.goal.id: members[p.goal.id] for p in paths if p.goal_is_member}
    positions = engine.positions(pathway, goals) if goals else {}
    return tuple(replace(p, member_position=positions.get(p.goal.id)) for p in paths)


def _path(raw: RawPath, members: dict[str, Any]) -> Path:
    """A found path; its goal's position in the chain is filled in if it is shown."""
    nodes = tuple(
        PathNode(*about) for about in zip(raw.nodes, raw.names, raw.categories, strict=True)
    )
    steps = []
    for i, edge in enumerate(raw.edges):
        here, there = nodes[i], nodes[i + 1]
        steps.append(
            Step(
                edge.id,
                edge.type,
                here,
                there,
                edge.subject == here.id and edge.object == there.id,
                edge.sign,
                edge.belief,
                edge.papers,
                edge.sentence,
                edge.source,
                edge.references,
            )
        )
    return Path(nodes, tuple(steps), None, raw.nodes[-1] in members)


def _member_path(source: Entity) -> Path:
    node = PathNode(source.id, source.name, source.category)
    return Path((node,), (), None, True)


# --------------------------------------------------------------------------- why not


def explain_no_path(store: QueryStore, search: PathSearch, *, extra_hops: int = 3) -> list[str]:
    """Which link is missing between the source and the target, in plain sentences."""
    source, target = search.source, search.target
    lines: list[str] = []
    walk = set(walk_types())
    edges = run_query(store, "neighbours", {"entity": source.id}, resolve=False).rows
    walkable = [r for r in edges if r["predicate"] in walk]
    if not walkable:
        lines.append(
            f"{source.label} has no edges a path may walk ({', '.join(sorted(walk))}): "
            "nothing connects it to other entities."
        )
    targets = run_query(store, "drug_targets_pathways", {"drug": source.id}, resolve=False).rows
    if source.category not in DRUG_CATEGORIES:
        pass
    elif not targets:
        lines.append(
            f"{source.label} has no targets in the graph (no DIRECTLY_PHYSICALLY_INTERACTS_WITH "
            "edge, e.g. from DrugCentral or ontology/drug_targets.tsv)."
        )
    else:
        named = sorted({f"{r['target_name'] or r['target_id']}" for r in targets})
        lines.append(f"{source.label} has targets in the graph: {', '.join(named)}.")
    if search.goals <= 1 and target.category == "biolink:Pathway":
        lines.append(f"{target.label} has no members in the graph (no PARTICIPATES_IN edges).")
    if not walkable or (search.goals <= 1 and target.category == "biolink:Pathway"):
        return lines
    wider = min(search.max_hops + extra_hops, 10)
    if wider > search.max_hops:
        further = find_paths(store, source, target, max_hops=wider, top=10)
        if further.paths:
            nearest = min(further.paths, key=lambda p: p.hops)  # ranked first among equals
            lines.append(
                f"No path reaches {target.label} within {search.max_hops} "
                f"step{'s' if search.max_hops != 1 else ''}; the nearest approach takes "
                f"{nearest.hops} steps: {nearest.text()} (rerun with --max-hops {nearest.hops})."
            )
            return lines
    members = f" or any of its {search.goals - 1} members" if search.goals > 1 else ""
    lines.append(
        f"No chain of walkable edges links {source.label} to {target.label}{members} within "
        f"{wider} steps."
    )
    return lines
