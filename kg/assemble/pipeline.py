"""The product's build: read papers, annotate with irkg's pipeline, add curated knowledge.

``build_papers`` is what ``irkg build`` calls. It composes the stages' public APIs:
``kg.ingest`` (documents, or documents with their gold annotations for ``recognizer="gold"``),
``kg.lexicon.ensure_lexicon``, ``kg.nlp.build_pipeline``/``annotate`` (the recogniser pipeline,
to which the relation and regimen components are added when it lacks them) and
``kg.assemble.curated.curated_graph``; ``kg.assemble.build.build`` does the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.assemble.build import BuildParts, BuildReport, build, input_summary
from kg.errors import ConfigError
from kg.ids import content_hash
from kg.model import AnnotatedDocument, Edge, EntityType, Node
from kg.nlp.relations import VERSION as RELATIONS_VERSION

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.ingest import IngestReport, Problem
    from kg.lexicon import Lexicon
    from kg.settings import Settings

RECOGNIZERS = ("dictionary", "model", "hybrid", "gold")
# Components this package adds after any recogniser, in order.
RELATION_PIPES = ("irkg_regimens_v1", "irkg_relations_v1")


@dataclass
class PipelineAnnotator:
    """Annotates plain documents with ``kg.nlp``'s recogniser pipeline + relations.

    The pipeline is built on the first cache miss only, so a fully cached build never loads
    spaCy models. ``version`` covers the pipeline code, lexicon, recogniser, model and the
    statistics learnt from the train splits (``kg.nlp.learn``): relearnt statistics, or
    ../shared appearing beside a checkout, annotate differently and must miss the cache.
    """

    lexicon: Lexicon
    recognizer: str = "dictionary"
    n_process: int = 1
    model_version: str = ""
    learnt_version: str = ""  # the train-split statistics the pipeline reads ("" = none)

    def __post_init__(self) -> None:
        from kg import nlp

        self.version = content_hash(
            nlp.PIPELINE_VERSION,
            RELATIONS_VERSION,
            self.lexicon.version,
            self.recognizer,
            self.model_version,
            self.learnt_version,
        )
        self._nlp: Language | None = None

    def __call__(self, documents: Iterable[AnnotatedDocument]) -> Iterator[AnnotatedDocument]:
        from kg import nlp

        plain = (item.document for item in documents)
        first = next(plain, None)
        if first is None:  # everything came from the cache: no pipeline to load
            return
        pipeline = self._pipeline()
        yield from nlp.annotate(chain([first], plain), pipeline, n_process=self.n_process)

    def _pipeline(self) -> Language:
        if self._nlp is None:
            from kg import nlp

            pipeline = nlp.build_pipeline(lexicon=self.lexicon, recognizer=self.recognizer)
            for name in RELATION_PIPES:
                if name not in pipeline.pipe_names:
                    pipeline.add_pipe(name)
            self._nlp = pipeline
        return self._nlp


def default_parts(
    settings: Settings,
    *,
    recognizer: str = "dictionary",
    n_process: int = 1,
    progress: bool = False,
    curated_options: Any = None,
) -> BuildParts:
    """The product's parts: the lexicon for ``settings``, the annotator for ``recognizer``
    (``gold`` keeps the annotations the input carries) and the curated graph."""
    if recognizer not in RECOGNIZERS:
        raise ConfigError(f"unknown recognizer {recognizer!r}; choose one of {RECOGNIZERS}")
    from kg.lexicon import ensure_lexicon
    from kg.nlp.relate import GivenMentionsAnnotator

    lexicon = ensure_lexicon(settings, progress=progress)
    annotator: Any
    if recognizer == "gold":
        annotator = GivenMentionsAnnotator()
    else:
        from kg.nlp.learn import learnt_version

        annotator = PipelineAnnotator(
            lexicon,
            recognizer,
            n_process,
            _model_version(recognizer),
            learnt_version(settings, lexicon),
        )

    def curated(
        mentioned: set[str], type_hints: Mapping[str, EntityType]
    ) -> tuple[Iterable[Node], Iterable[Edge]]:
        from kg.assemble.curated import curated_graph

        graph = curated_graph(
            lexicon, settings, curated_options, mentioned=mentioned, type_hints=type_hints
        )
        return graph.nodes, graph.edges

    versions = {
        "lexicon": lexicon.version,
        "recognizer": recognizer,
        "relations": RELATIONS_VERSION,
    }
    if recognizer != "gold":
        versions["pipeline"] = _pipeline_version()
        versions["learnt"] = annotator.learnt_version or "none"
    return BuildParts(annotator=annotator, curated=curated, versions=versions)


def _pipeline_version() -> str:
    from kg import nlp

    return str(nlp.PIPELINE_VERSION)


def _model_version(recognizer: str) -> str:
    """The trained model's version for the statistical recognisers ("" for the dictionary)."""
    if recognizer == "dictionary":
        return ""
    from kg import nlp

    version = getattr(nlp, "model_version", None)
    if version is None:
        raise ConfigError(f"recognizer {recognizer!r} needs a trained model (kg.nlp.model_version)")
    return str(version())


def read_inputs(
    papers: Sequence[str | Path],
    *,
    recognizer: str,
    report: IngestReport,
) -> Iterator[AnnotatedDocument]:
    """Documents of every input; with their own annotations for ``recognizer="gold"``."""
    from kg.ingest import read_annotated, read_documents

    paths = [str(p) for p in papers]
    if recognizer == "gold":
        yield from read_annotated(paths, report=report)
        return
    for document in read_documents(paths, report=report):
        yield AnnotatedDocument(document)


def build_papers(
    papers: Sequence[str | Path],
    out: Path,
    *,
    settings: Settings | None = None,
    recognizer: str = "dictionary",
    n_process: int = 1,
    progress: bool = False,
    on_problem: Callable[[Problem], None] | None = None,
    parts: BuildParts | None = None,
    cluster: str | None = None,
) -> tuple[BuildReport, IngestReport]:
    """``irkg build``: papers -> tables + manifest in ``out``; returns the build and ingest
    reports (every skipped input is a problem in the ingest report, passed to ``on_problem``).

    ``cluster`` (``local``, ``local:N``, ``tcp://host:8786``) runs the annotation on a Dask
    cluster (``kg.cluster``); the tables are the same as without it."""
    from kg.ingest import IngestReport
    from kg.settings import load_settings

    if cluster is not None and n_process != 1:
        raise ConfigError(
            "--n-process and --cluster exclude each other: the workers are the processes"
        )
    settings = settings or load_settings()
    parts = parts or default_parts(
        settings, recognizer=recognizer, n_process=n_process, progress=progress
    )
    ingest = IngestReport(on_problem=on_problem)
    inputs = read_inputs(papers, recognizer=recognizer, report=ingest)

    def extra() -> dict[str, Any]:  # read after the build, when ingest has finished
        return {
            "inputs": input_summary([Path(p) for p in papers]),
            "ingest": {
                "summary": ingest.summary(),
                "problems": [str(p) for p in ingest.problems[:100]],
            },
        }

    if cluster is not None:
        from kg.cluster.build import cluster_build

        report = cluster_build(inputs, out, parts, cluster, progress=progress, manifest_extra=extra)
        return report, ingest
    report = build(inputs, out, parts, progress=progress, manifest_extra=extra)
    return report, ingest
