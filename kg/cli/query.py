"""``irkg queries``, ``query``, ``cypher``, ``sparql``, ``show``, ``stats`` and ``path``: asking
the graph (kg.query)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from kg.cli.base import app, cli_errors

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
