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
from typing import Annotated, Any, TypeVar

import typer

import kg
from kg.errors import IrkgError

app = typer.Typer(
    name="irkg",
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
    from rich.console import Console

    from kg.ingest import IngestReport
    from kg.nlp.run import annotate_files

    console = Console(stderr=True, soft_wrap=True, highlight=False)
    report = IngestReport(on_problem=lambda p: console.print(str(p), markup=False))
    fmt = None if input_format in (InputFormat.AUTO, InputFormat.JSONL) else input_format.value
    handle = sys.stdout if out == "-" else open(out, "w", encoding="utf-8")  # noqa: SIM115
    try:
        with _counting_progress(console, "documents", out != "-" and console.is_terminal) as bar:
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
    finally:
        if handle is not sys.stdout:
            handle.close()
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
