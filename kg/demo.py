"""``irkg demo``: the whole tour on the embedded store, composed from the stages' public APIs.

lexicon (built on first use) -> build the graph from the demo corpus (ingest, annotate, assemble,
load FalkorDB) -> graph statistics -> three canned queries -> the pembrolizumab -> cGAS-STING
path. Nothing here is demo-specific logic: every step is the function the matching CLI command
calls, so the demo doubles as an end-to-end check of the product.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import IrkgError

if TYPE_CHECKING:
    from rich.console import Console

    from kg.settings import Settings


@dataclass(frozen=True)
class TourQuery:
    """One canned query of the tour: its parameters, the question, the columns shown."""

    name: str
    params: dict[str, Any]
    question: str
    columns: tuple[str, ...]  # the demo prints these; `irkg query NAME` prints them all


TOUR: tuple[TourQuery, ...] = (
    TourQuery(
        "drug_targets_pathways",
        {"drug": "pembrolizumab"},
        "What does pembrolizumab target, and in which pathways do its targets act?",
        ("target_name", "action", "pathway_name"),
    ),
    TourQuery(
        "pathway_steps",
        {"pathway": "cGAS-STING"},
        "The curated cGAS-STING chain, step by step, with signs and paper counts.",
        ("step", "subject_name", "predicate", "sign", "object_name", "papers"),
    ),
    TourQuery(
        "contradictions",
        {},
        "Pairs that papers report with opposite signs (the demo corpus has one on purpose).",
        ("subject_name", "object_name", "positive_sentence", "negative_sentence"),
    ),
)
PATH_FROM, PATH_TO = "pembrolizumab", "cGAS-STING"


@dataclass
class DemoResult:
    """What the demo did, for tests and for the closing summary."""

    build: Path
    lexicon: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    queries: dict[str, int] = field(default_factory=dict)  # query -> rows
    paths: int = 0
    path_steps_with_evidence: bool = False


def example_papers() -> Path:
    """The demo corpus shipped with the package (``examples/papers``, illustrative texts)."""
    folder = Path(str(resources.files("kg.examples").joinpath("papers")))
    if not folder.is_dir():
        raise IrkgError(f"{folder}: the demo corpus is missing from this installation")
    return folder


def run_demo(
    out: Path,
    console: Console,
    *,
    settings: Settings | None = None,
    recognizer: str = "dictionary",
    papers: Path | None = None,
) -> DemoResult:
    """Build the demo graph into ``out``, load the embedded store and query it."""
    from kg.assemble.pipeline import build_papers
    from kg.lexicon import ensure_lexicon
    from kg.loaders.api import load
    from kg.settings import load_settings

    settings = settings or load_settings()
    result = DemoResult(build=Path(out))
    papers = papers or example_papers()

    console.rule("[bold]1. Vocabularies")
    lexicon = ensure_lexicon(settings, progress=console.is_terminal)
    which = "full (../shared)" if settings.vocab_dir else "demo (PyPI + ontology/)"
    result.lexicon = lexicon.version
    console.print(f"lexicon {lexicon.version}: {which}, {lexicon.key_count:,} keys")

    console.rule("[bold]2. Build: ingest -> annotate -> assemble")
    report, ingest = build_papers(
        [papers],
        result.build,
        settings=settings,
        recognizer=recognizer,
        progress=console.is_terminal,
        on_problem=lambda p: console.print(str(p), markup=False),
    )
    console.print(f"{ingest.summary()}\n{report.summary()}", markup=False)

    console.rule("[bold]3. Load the embedded store (FalkorDB)")
    loaded = load(result.build, to="embedded")
    console.print(
        f"{loaded.store}: {loaded.nodes:,} nodes, {loaded.edges:,} edges, "
        f"{loaded.evidence:,} evidence records" + "".join(f"\n  {n}" for n in loaded.notes),
        markup=False,
    )
    _tour(result, console)
    return result


def _tour(result: DemoResult, console: Console) -> None:
    from kg.query import explain_no_path, find_paths, graph_stats, open_query_store, render_search
    from kg.query import run_query as run
    from kg.query.output import result_table

    with open_query_store("embedded", result.build) as store:
        console.rule("[bold]4. Graph statistics")
        stats = graph_stats(store)
        console.print(stats.describe(), markup=False)
        result.counts = {
            "nodes": sum(stats.nodes.values()),
            "edges": sum(stats.edges.values()),
            "evidence": stats.evidence,
        }

        for number, tour in enumerate(TOUR, start=5):
            console.rule(f"[bold]{number}. irkg query {tour.name}")
            console.print(tour.question, markup=False)
            answer = run(store, tour.name, tour.params)
            result.queries[tour.name] = len(answer.rows)
            shown = replace(answer, columns=tuple(c for c in tour.columns if c in answer.columns))
            console.print(result_table(shown, title=tour.name))

        console.rule(f"[bold]8. irkg path {PATH_FROM} {PATH_TO}")
        search = find_paths(store, PATH_FROM, PATH_TO, max_hops=4, top=3)
        why = None if search.paths else explain_no_path(store, search)
        console.print(render_search(search, why), markup=False)
        result.paths = len(search.paths)
        result.path_steps_with_evidence = bool(search.paths) and all(
            step.papers > 0 or bool(step.sentence) for step in search.paths[0].steps
        )
    console.rule()
    console.print(
        f"The graph is in {result.build}/. Next: irkg queries | irkg query NAME --param k=v | "
        f"irkg path DRUG PATHWAY | irkg show ENTITY (each with --build {result.build}).",
        markup=False,
    )
