"""``irkg build``: papers to the canonical tables, and by default into the embedded store
(kg.assemble)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from kg.cli.base import app, cli_errors

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
    from kg.cli.load import print_report, progress_track  # here: `irkg load` registers after build
    from kg.loaders.api import load

    progress, track = progress_track()
    with progress:
        report = load(build, to="embedded", track=track)
    print_report(report)
