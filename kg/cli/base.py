"""The ``irkg`` application object, its error boundary and its root options.

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
