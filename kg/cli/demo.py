"""``irkg demo``: the whole tour on the embedded store (kg.demo)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.annotate import Recognizer
from kg.cli.base import app, cli_errors

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
