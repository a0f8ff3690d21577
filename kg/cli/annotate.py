"""``irkg annotate``, ``irkg eval`` and ``irkg train``: mentions from text (kg.nlp)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from kg.cli.base import app, cli_errors
from kg.cli.ingest import InputFormat

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
    keep_unlinked: Annotated[
        bool,
        typer.Option(
            "--keep-unlinked",
            help="Also write entities no vocabulary identifier was found for (without ids).",
        ),
    ] = False,
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
            keep_unlinked=keep_unlinked,
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
