"""A large build of the demo graph's shape, for benchmarks: ``make_build(folder, edges=1_000_000)``.

The demo graph (tests/fixtures/graph.py) plus synthetic genes, chemicals, drugs, diseases, cell
lines, pathways and papers, and edges in roughly the mix a real build has: mostly paper ->
entity mentions, then co-mentions (with npmi), signed text-mined effects (some with a
radiotherapy regimen), drug -> target, pathway membership, orthology and taxa. Text-mined edges
carry a best sentence, papers, counts and a belief, and one evidence row each. Seeded, so the
same arguments give the same tables (and the same fingerprint); an existing folder made with the
same arguments is reused.

    python bench/synthetic.py /tmp/irkg-bench/build --edges 1000000
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fixtures.graph import demo_graph  # noqa: E402

from kg.assemble.tables import write_tables  # noqa: E402
from kg.ids import content_hash, edge_id  # noqa: E402
from kg.model import (  # noqa: E402
    AgentType,
    Edge,
    Evidence,
    KnowledgeLevel,
    Node,
    Qualifiers,
    Sign,
)

MIX = {  # predicate -> share of edges
    "biolink:mentions": 0.55,
    "biolink:related_to": 0.15,
    "biolink:affects": 0.15,
    "biolink:participates_in": 0.05,
    "biolink:treats_or_applied_or_studied_to_treat": 0.04,
    "biolink:physically_interacts_with": 0.03,
    "biolink:directly_physically_interacts_with": 0.01,
    "biolink:orthologous_to": 0.01,
    "biolink:in_taxon": 0.01,
}
TEXT_MINED = {"biolink:related_to", "biolink:affects", "biolink:physically_interacts_with"}
WORDS = ("increased", "reduced", "abolished", "enhanced", "primed", "suppressed", "activated")


def _nodes(rng: random.Random, scale: float) -> dict[str, list[Node]]:
    def many(prefix: str, category: str, count: int, stem: str, taxon: str | None = None):
        return [
            Node(
                f"{prefix}{i}",
                category,
                f"{stem}{i}",
                (f"{stem.lower()}-{i}", f"{stem}_{i}"),
                taxon,
                sources=("bench",),
            )
            for i in range(1, max(2, int(count * scale)) + 1)
        ]

    return {
        "gene": many("NCBIGene:9", "biolink:Gene", 20000, "GENE", "NCBITaxon:9606"),
        "mouse": many("NCBIGene:8", "biolink:Gene", 10000, "Gene", "NCBITaxon:10090"),
        "chemical": many("MESH:C9", "biolink:ChemicalEntity", 8000, "Chem"),
        "drug": many("MESH:C8", "biolink:Drug", 2000, "drugumab"),
        "disease": many("MESH:D9", "biolink:Disease", 5000, "Disease "),
        "cellline": many("cellosaurus:CVCL_Z", "biolink:CellLine", 500, "CL", "NCBITaxon:10090"),
        "pathway": many("wikipathways:WP9", "biolink:Pathway", 300, "Pathway "),
        "procedure": many("irkg:RT", "biolink:Procedure", 20, "radiotherapy "),
        "paper": many("PMID:9", "biolink:Publication", 60000, "Paper title, part "),
    }


def _endpoints(pred: str, pools: dict[str, list[Node]], rng: random.Random) -> tuple[Node, Node]:
    pick = rng.choice
    entity = ("gene", "gene", "chemical", "drug", "disease", "cellline", "procedure")
    if pred == "biolink:mentions":
        return pick(pools["paper"]), pick(pools[pick(entity)])
    if pred == "biolink:participates_in":
        return pick(pools[pick(("gene", "chemical"))]), pick(pools["pathway"])
    if pred == "biolink:treats_or_applied_or_studied_to_treat":
        return pick(pools[pick(("drug", "procedure"))]), pick(pools["disease"])
    if pred == "biolink:directly_physically_interacts_with":
        return pick(pools["drug"]), pick(pools["gene"])
    if pred == "biolink:orthologous_to":
        return pick(pools["gene"]), pick(pools["mouse"])
    if pred == "biolink:in_taxon":
        return pick(pools[pick(("mouse", "cellline"))]), Node(
            "NCBITaxon:10090", "biolink:OrganismTaxon", "Mus musculus"
        )
    return pick(pools[pick(entity)]), pick(pools[pick(entity)])


def _edge(pred: str, s: Node, o: Node, pools, rng: random.Random) -> tuple[Edge, Evidence | None]:
    q = Qualifiers()
    if pred == "biolink:affects":
        sign = rng.choice((Sign.POSITIVE, Sign.NEGATIVE))
        regimen = rng.choice(pools["procedure"]).id if rng.random() < 0.2 else ""
        q = Qualifiers(sign=sign, regimen=regimen)
    elif pred == "biolink:directly_physically_interacts_with":
        q = Qualifiers(action=rng.choice(("inhibitor", "antagonist", "agonist")))
    eid = edge_id(s.id, pred, o.id, q)
    if pred not in TEXT_MINED:
        papers = (rng.choice(pools["paper"]).id,) if pred == "biolink:mentions" else ()
        level = (
            KnowledgeLevel.NOT_PROVIDED
            if pred == "biolink:mentions"
            else KnowledgeLevel.KNOWLEDGE_ASSERTION
        )
        agent = (
            AgentType.TEXT_MINING_AGENT if pred == "biolink:mentions" else AgentType.MANUAL_AGENT
        )
        return Edge(
            eid,
            s.id,
            pred,
            o.id,
            q,
            level,
            agent,
            publications=papers,
            evidence_count=len(papers),
            paper_count=len(papers),
        ), None
    papers = tuple(sorted({rng.choice(pools["paper"]).id for _ in range(rng.randint(1, 3))}))
    sentence = (
        f"In MC38 tumours, {s.name} {rng.choice(WORDS)} {o.name} after 8 Gy x 3; "
        f'"see Fig. {rng.randint(1, 6)}", n={rng.randint(3, 40)}.'
    )
    edge = Edge(
        eid,
        s.id,
        pred,
        o.id,
        q,
        KnowledgeLevel.KNOWLEDGE_ASSERTION,
        AgentType.TEXT_MINING_AGENT,
        publications=papers,
        evidence_count=len(papers),
        paper_count=len(papers),
        belief=round(rng.random(), 4),
        hedged_count=int(rng.random() < 0.1),
        npmi=round(rng.uniform(-1, 1), 4) if pred == "biolink:related_to" else None,
        best_sentence=sentence,
    )
    start = rng.randint(0, 5000)
    s_at, o_at = sentence.index(s.name), sentence.index(o.name, sentence.index(s.name) + 1)
    ev = Evidence(
        papers[0],
        sentence,
        start,
        start + len(sentence),
        start + s_at,
        start + s_at + len(s.name),
        start + o_at,
        start + o_at + len(o.name),
        "irkg.relations",
        "1",
        pmid=papers[0].split(":")[1],
        section="abstract",
        hedged=bool(edge.hedged_count),
        edge_id=eid,
        id=content_hash(eid, papers[0], start),
    )
    return edge, ev


def make_build(folder: Path, edges: int = 1_000_000, seed: int = 7) -> Path:
    """Write (or reuse) a synthetic build with about ``edges`` edges; returns the folder."""
    folder = Path(folder)
    stamp = folder / "synthetic.json"
    wanted = {"edges": edges, "seed": seed, "version": 1}
    if stamp.is_file() and json.loads(stamp.read_text()) == wanted:
        return folder
    rng = random.Random(seed)
    demo = demo_graph()
    pools = _nodes(rng, scale=max(edges / 1_000_000, 0.001))
    nodes = {n.id: n for n in demo.nodes}
    for pool in pools.values():
        nodes.update((n.id, n) for n in pool)
    all_edges = {e.id: e for e in demo.edges}
    evidence = {ev.id: ev for ev in demo.evidence}
    predicates, weights = zip(*MIX.items(), strict=True)
    while len(all_edges) < edges:
        pred = rng.choices(predicates, weights)[0]
        s, o = _endpoints(pred, pools, rng)
        if s.id == o.id:
            continue
        edge, ev = _edge(pred, s, o, pools, rng)
        if edge.id in all_edges:
            continue
        all_edges[edge.id] = edge
        if ev is not None:
            evidence[ev.id] = ev
    write_tables(folder, nodes.values(), all_edges.values(), evidence.values())
    stamp.write_text(json.dumps(wanted))
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.perf_counter()
    make_build(args.folder, args.edges, args.seed)
    print(f"{args.folder}: ready in {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
