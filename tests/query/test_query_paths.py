"""Drug -> pathway paths: ranking by evidence, the weakest step, both engines alike, why-not,
and the Cypher form both engines accept."""

import json
import xml.etree.ElementTree as ET

import pytest
from fixtures.graph import (
    CD274,
    CGAMP,
    CGAS,
    MC38,
    MELANOMA,
    PATHWAY,
    PDCD1,
    PEMBROLIZUMAB,
    SBRT,
    TBK1,
)
from query_graph import DURVALUMAB

from kg.errors import ConfigError, QueryError
from kg.query.output import render_search, search_json
from kg.query.path_engines import allshortest_paths, allshortest_query, engine_of
from kg.query.path_queries import cypher_level_query
from kg.query.path_search import shortest_paths
from kg.query.path_types import walk_types
from kg.query.paths import explain_no_path, find_paths
from kg.query.run import run_query
from kg.query.svg import path_svg, write_png


def _summary(search):
    return [(round(p.score, 6), [n.id for n in p.nodes], [s.edge_id for s in p.steps])
            for p in search.paths]  # fmt: skip


def test_paths_are_ranked_by_the_product_of_beliefs(store, graph):
    search = find_paths(store, "Keytruda", "cGAS-STING", max_hops=4, top=5)
    assert (search.source.id, search.target.id) == (PEMBROLIZUMAB, PATHWAY)
    ranked = [[n.id for n in p.nodes] for p in search.paths]
    # pembrolizumab -> melanoma (clinical use) -> CD274 (co-mention) is as short, but a
    # mechanistic path exists, so the association tier is never walked.
    assert search.tier == "mechanistic"
    assert ranked == [
        [PEMBROLIZUMAB, PDCD1, CD274, TBK1],  # TBK1 -> CD274 (+), belief 0.5
        [PEMBROLIZUMAB, PDCD1, CD274, TBK1],  # TBK1 -> CD274 (-), belief 0.45
    ]
    beliefs = {e.id: e.belief for e in graph.edges}
    for path in search.paths:
        expected = 1.0
        for step in path.steps:
            expected *= beliefs[step.edge_id]
        assert path.score == pytest.approx(expected)
    assert [round(p.score, 6) for p in search.paths] == [0.5, 0.45]
    best = search.paths[0]
    assert best.weakest == 2 and best.steps[2].sign == 1 and best.steps[2].papers == 1
    assert [s.forward for s in best.steps] == [True, False, False]
    assert best.goal_is_member and best.member_position == 3  # TBK1 is step 3 of the chain
    assert best.steps[2].sentence == "TBK1 increased PD-L1 expression in MC38 cells."
    assert best.text().startswith("pembrolizumab -[DIRECTLY_PHYSICALLY_INTERACTS_WITH]-> PDCD1")


def test_association_steps_are_walked_only_when_no_mechanism_links_the_two(store):
    """Durvalumab reaches the chain only through melanoma (clinical use, then co-mention)."""
    search = find_paths(store, DURVALUMAB, PATHWAY, max_hops=4, top=5)
    assert search.tier == "association" and not search.mechanistic
    assert search.paths and search.paths[0].nodes[1].id == MELANOMA
    assert {s.predicate for s in search.paths[0].steps} & {
        "TREATS_OR_APPLIED_OR_STUDIED_TO_TREAT",
        "RELATED_TO",
    }
    assert "no mechanistic path" in render_search(search)
    assert json.loads(search_json(search))["tier"] == "association"
    assert "RELATED_TO" not in walk_types("mechanistic")
    assert "RELATED_TO" in walk_types("association")
    with pytest.raises(ValueError, match="unknown path tier"):
        walk_types("psychic")


def test_both_engines_find_the_same_paths(open_stores):
    found = {
        kind: _summary(find_paths(store, PEMBROLIZUMAB, PATHWAY, max_hops=4, top=10))
        for kind, store in open_stores.items()
    }
    assert found["embedded"] == found["sparql"]
    assert len(found["embedded"]) == 2


def test_every_step_names_its_evidence_alike_on_both_engines(open_stores):
    """A curated step names its sources and references; a text-mined one its sentence."""
    evidence = {}
    for kind, store in open_stores.items():
        best = find_paths(store, PEMBROLIZUMAB, PATHWAY, max_hops=4, top=1).paths[0]
        assert all(step.has_evidence for step in best.steps), kind
        evidence[kind] = [(s.provenance, s.references, s.sentence) for s in best.steps]
    assert evidence["embedded"] == evidence["sparql"]
    assert any(refs for _, refs, _ in evidence["embedded"])


@pytest.mark.parametrize(
    ("source", "target"),
    [(PEMBROLIZUMAB, PATHWAY), (SBRT, PATHWAY), (MC38, CD274), (DURVALUMAB, PATHWAY),
     (CGAS, CD274), (MELANOMA, PDCD1)],
)  # fmt: skip
def test_the_search_finds_what_all_shortest_paths_finds(open_stores, source, target):
    """The reference: one allShortestPaths per goal on FalkorDB, kept to the shortest length."""
    store = open_stores["embedded"]
    members = {r["member_id"] for r in run_query(store, "pathway_members", {"pathway": target},
                                                 resolve=False).rows}  # fmt: skip
    reference = allshortest_paths(store, source, target, 4)
    shortest = min((len(p.edges) for p in reference), default=None)
    expected = sorted((p.nodes, [e.id for e in p.edges]) for p in reference
                      if len(p.edges) == shortest)  # fmt: skip
    for kind in ("embedded", "sparql"):
        found = shortest_paths(open_stores[kind], source, [*members, target], 4)
        assert sorted((p.nodes, [e.id for e in p.edges]) for p in found) == expected, kind


def test_top_and_max_hops_bound_the_search(store):
    one = find_paths(store, PEMBROLIZUMAB, PATHWAY, max_hops=4, top=1)
    assert len(one.paths) == 1 and one.found == 2
    assert find_paths(store, PEMBROLIZUMAB, PATHWAY, max_hops=2).paths == ()
    with pytest.raises(QueryError, match="--max-hops must be an integer from 1 to 10"):
        find_paths(store, PEMBROLIZUMAB, PATHWAY, max_hops=11)


def test_a_search_cut_short_says_so(store):
    """More shortest paths than ``max_paths``: the search says the best shown are the best of
    those it read, in the text and the JSON."""
    whole = find_paths(store, PEMBROLIZUMAB, PATHWAY, max_hops=4, top=1)
    assert whole.found == 2 and not whole.truncated
    cut = find_paths(store, PEMBROLIZUMAB, PATHWAY, max_hops=4, top=1, max_paths=1)
    assert cut.found == 1 and cut.truncated and len(cut.paths) == 1
    assert "1+ path within 4 steps" in render_search(cut)
    assert "the search stopped after 1 shortest path and more exist" in render_search(cut)
    assert json.loads(search_json(cut))["truncated"] is True
    assert json.loads(search_json(whole))["truncated"] is False
    exact = find_paths(store, PEMBROLIZUMAB, PATHWAY, max_hops=4, top=1, max_paths=2)
    assert exact.found == 2 and not exact.truncated  # as many as exist is not cut short
    with pytest.raises(ValueError, match="max_paths"):
        find_paths(store, PEMBROLIZUMAB, PATHWAY, max_paths=0)
    assert "stopped" not in render_search(whole)


def test_a_member_reaches_its_pathway_in_no_steps(store):
    search = find_paths(store, "3',5'-cGAMP", "cGAS-STING")
    assert search.paths[0].hops == 0 and search.paths[0].nodes[0].id == CGAMP


def test_why_not_names_the_nearest_approach(store):
    search = find_paths(store, "Keytruda", "cGAS-STING", max_hops=2)
    assert not search.paths
    reasons = explain_no_path(store, search)
    assert reasons[0] == "pembrolizumab (MESH:C582435) has targets in the graph: PDCD1."
    assert "nearest approach takes 3 steps" in reasons[1] and "--max-hops 3" in reasons[1]


def test_why_not_says_a_drug_has_no_targets(store):
    search = find_paths(store, "durvalumab", "cGAS-STING", max_hops=1)
    reasons = explain_no_path(store, search)
    assert "durvalumab (MESH:C000613593) has no targets in the graph" in reasons[0]
    assert reasons[1].startswith("No path reaches cGAS-STING pathway")
    assert "nearest approach takes 3 steps: durvalumab -[TREAT" in reasons[1]


def test_why_not_says_an_entity_has_nothing_to_walk(store):
    search = find_paths(store, "Crohn's disease", "cGAS-STING")
    assert not search.paths
    reasons = explain_no_path(store, search)
    assert reasons == [
        "Crohn's disease (MESH:D003424) has no edges a path may walk "
        f"({', '.join(sorted(walk_types()))}): nothing connects it to other entities."
    ]


def test_the_reference_uses_the_form_both_engines_accept():
    text = allshortest_query(4)
    assert "WITH DISTINCT a, g" in text and "MATCH p = allShortestPaths((a)-[:" in text
    walked = text.split("allShortestPaths((a)-[:")[1].split("*..4]")[0].split("|")
    assert walked == list(walk_types())
    assert "MENTIONS" not in walked and "PARTICIPATES_IN" not in walked
    assert "$source" in text and "$target" in text
    level = cypher_level_query()
    assert "UNWIND $ids AS h" in level and "|".join(walk_types()) in level
    assert "{id: h}" in level and "id(m)" not in level  # Neo4j walks the id property
    internal = cypher_level_query("mechanistic", internal=True)  # FalkorDB walks internal ids
    assert "WHERE id(n) = h" in internal and "collect(DISTINCT id(m)) AS others" in internal
    assert "RELATED_TO" not in internal
    with pytest.raises(QueryError):
        allshortest_query(0)


def test_the_svg_draws_every_step_and_marks_the_weakest(store, tmp_path):
    search = find_paths(store, PEMBROLIZUMAB, PATHWAY, top=2)
    svg = path_svg(search)
    root = ET.fromstring(svg)  # well-formed XML
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "pembrolizumab" in texts and "cGAS-STING pathway" in texts  # goal's pathway
    assert "AFFECTS (+)" in texts and "AFFECTS (-)" in texts
    assert svg.count('stroke="#c0392b"') == 2  # one weakest step per path
    try:
        import cairosvg  # noqa: F401
    except ImportError:
        with pytest.raises(ConfigError, match="--png needs the cairosvg package"):
            write_png(search, tmp_path / "p.png")


def test_members_and_positions_agree_with_the_canned_query(open_stores):
    """The search's lean member list and its positions of the reached goals are the canned
    ``pathway_members`` query's, on both engines."""
    for kind, store in open_stores.items():
        rows = run_query(store, "pathway_members", {"pathway": PATHWAY}, resolve=False).rows
        canned = {r["member_id"]: r["position"] for r in rows}
        engine = engine_of(store)
        members = engine.members(PATHWAY)
        assert set(members) == set(canned), kind
        assert engine.positions(PATHWAY, members) == canned, kind
        assert any(position is not None for position in canned.values())


def test_both_engines_read_the_same_neighbours_degrees_and_edges(open_stores, graph):
    """Levels and the edges between two nodes, mapped back to CURIEs, are the same on both
    engines; degrees (an estimate of what a level reads: edges on FalkorDB, distinct triples on
    Oxigraph) are at least the number of neighbours."""
    ids = sorted(n.id for n in graph.nodes)
    seen = {}
    for kind, store in open_stores.items():
        engine = engine_of(store)
        handle = engine.handles(ids)
        curie = {h: c for c, h in handle.items()}
        nodes = [handle[c] for c in (PEMBROLIZUMAB, PDCD1, CD274, TBK1, MELANOMA)]
        for tier in ("mechanistic", "association"):
            level = {curie[n]: sorted(curie[o] for o in others)
                     for n, others in engine.level(nodes, tier)}  # fmt: skip
            degrees = {curie[n]: d for n, d in engine.degrees(nodes, tier).items()}
            assert all(degrees[n] >= len(others) for n, others in level.items()), kind
            pair = (handle[TBK1], handle[CD274])
            sizes = dict(zip(pair, (1, 1000), strict=True))  # Oxigraph starts from TBK1
            edges = sorted((r["id"], r["subject"], r["object"], r["type"], r["sign"])
                           for r in engine.edges([pair], tier, sizes))  # fmt: skip
            seen[kind, tier] = (level, edges)
        assert len(seen[kind, "mechanistic"][1]) == 2  # TBK1 -> CD274, (+) and (-)
        assert MELANOMA not in seen[kind, "mechanistic"][0][CD274]
        assert MELANOMA in seen[kind, "association"][0][CD274]
    for tier in ("mechanistic", "association"):
        assert seen["embedded", tier] == seen["sparql", tier], tier


def test_queries_split_into_batches_give_the_same_paths(open_stores, monkeypatch):
    """One value per query (levels, degrees, edges, Oxigraph's statement unions): the same."""
    from kg.query import path_engines

    search = {kind: _summary(find_paths(store, PEMBROLIZUMAB, PATHWAY, top=10))
              for kind, store in open_stores.items()}  # fmt: skip
    monkeypatch.setattr(path_engines, "BATCH", 1)
    monkeypatch.setattr(path_engines, "UNION_BATCH", 1)
    for kind, store in open_stores.items():
        assert _summary(find_paths(store, PEMBROLIZUMAB, PATHWAY, top=10)) == search[kind], kind
