"""``irkg load``, ``irkg export``, ``irkg store`` and ``irkg sparql-serve``: the tables into
stores (kg.loaders)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from kg.cli.base import app, cli_errors

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


def progress_track() -> tuple[Any, Callable[..., Any]]:
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


def print_report(report: Any) -> None:
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
    progress, track = progress_track()
    with progress:
        report = load(build, to=to, track=track, **options)
    print_report(report)


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

    print_report(export_kgx(build, out, format=format))


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
