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
