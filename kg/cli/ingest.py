"""``irkg ingest``, ``irkg fetch`` and ``irkg import``: papers in (kg.ingest, kg.fetch,
kg.imports)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.base import app, cli_errors

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
