"""``irkg train``: reproduce the trained recogniser from the gold corpora in ../shared.

One call converts the train portions (``kg.nlp.corpora``), writes a manifest naming every file it
read with its sha256 and the split rule, and trains the pipeline described by ``ner.cfg`` with
spaCy's own update loop under a wall-clock limit, so it always ends within a working session on
two cores. The best checkpoint on the tune set (never dev) becomes ``OUT/model``; copying that
folder to ``kg/nlp/models/irkg-ner`` is what ships it (see README).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.nlp.corpora import (
    TRAIN_CORPORA,
    TRAIN_FILE,
    TUNE_FILE,
    TUNE_PERCENT,
    ConversionReport,
    TrainCorpus,
)
from kg.nlp.splits import HELD_OUT_PERCENT, OFFICIAL_DEV

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_DIR = "model"
LAST_DIR = "model-last"
CORPUS_DIR = "corpus"
MANIFEST = "manifest.json"
SPLIT_RULE = (
    "dev = kg.nlp.splits.all_dev_ids(corpora/): the official dev PMIDs of BC5CDR "
    "(bc5cdr_original/CDR_DevelopmentSet) and NCBI-disease (ncbi_disease_original/"
    f"NCBIdevelopset_corpus), and {HELD_OUT_PERCENT}% of every other *.PubTator file by "
    "sha256('<file>:<group>') (group = paper; BioID: first 8 digits of the figure id). A document "
    "held out in any corpus is excluded from training in all of them. tune = "
    f"{TUNE_PERCENT}% of the remaining documents by sha256('tune:<file>:<group>'), used only to "
    "pick the best checkpoint. Documents without gold mentions are kept with the corpus's "
    "keep_unannotated share by sha256('keep:<file>:<group>')."
)


def default_config_path() -> Path:
    """The committed training config (``kg/nlp/ner.cfg``)."""
    return Path(str(resources.files("kg.nlp") / "ner.cfg"))


@dataclass(frozen=True, slots=True)
class TrainResult:
    """Where the model went and how training ended."""

    model_dir: Path
    manifest_path: Path
    steps: int
    words: int
    seconds: float
    stopped: str  # "max_minutes", "max_steps", "patience"
    best_step: int
    best_score: float
    tune_scores: Mapping[str, float] = field(default_factory=dict)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def build_manifest(
    corpora_dir: Path,
    config_path: Path,
    config: Mapping[str, Any],
    corpora: tuple[TrainCorpus, ...],
    report: ConversionReport,
) -> dict[str, Any]:
    """Every input that decides the model: corpus files, split files, config, seed, versions."""
    import spacy

    import kg

    corpora_dir = Path(corpora_dir)
    by_file = {s.file: s.to_json() for s in report.corpora}
    train_files = []
    for corpus in corpora:
        path = corpora_dir / corpus.file
        stats = {k: v for k, v in by_file[corpus.file].items() if k != "misaligned_examples"}
        train_files.append(
            {
                "file": f"corpora/{corpus.file}",
                "sha256": sha256_file(path),
                "types": [t.value for t in corpus.types],
                "keep_unannotated": corpus.keep_unannotated,
                **{k: v for k, v in stats.items() if k != "file"},
            }
        )
    # all_dev_ids reads every PubTator file and the official dev files: they decide the split
    split_paths = sorted(corpora_dir.glob("*.PubTator")) + [
        corpora_dir / rel for rel in sorted(OFFICIAL_DEV.values())
    ]
    split_files = [
        {"file": f"corpora/{p.relative_to(corpora_dir).as_posix()}", "sha256": sha256_file(p)}
        for p in split_paths
    ]
    total, bad = report.totals()
    return {
        "model": "irkg-ner",
        "irkg_version": kg.__version__,
        "spacy_version": spacy.__version__,
        "config": config_path.name,
        "config_sha256": sha256_file(config_path),
        "seed": config["system"]["seed"],
        "split_rule": SPLIT_RULE,
        "train_corpora": train_files,
        "split_files": split_files,
        "gold_mentions": total,
        "misaligned_mentions": bad,
        "aligned_rate": round(1 - bad / total, 5) if total else 1.0,
    }


def _save(nlp: Language, optimizer: Any, path: Path, manifest: Mapping[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    nlp.meta["name"] = "irkg_ner"
    nlp.meta["version"] = manifest["irkg_version"]
    nlp.meta["description"] = "irkg's gene/chemical/disease/cell-line recogniser (kg/nlp/ner.cfg)"
    with nlp.use_params(optimizer.averages) if optimizer.averages else nullcontext():
        nlp.to_disk(tmp)
    (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    if path.exists():
        shutil.rmtree(path)
    tmp.rename(path)


Progress = Callable[[dict[str, Any]], None]


def train_model(
    corpora_dir: Path,
    out_dir: Path,
    *,
    config_path: Path | None = None,
    max_minutes: float = 240.0,
    overrides: Mapping[str, Any] | None = None,
    corpora: tuple[TrainCorpus, ...] = TRAIN_CORPORA,
    on_step: Progress | None = None,
    on_document: Callable[[str], None] | None = None,
) -> TrainResult:
    """Convert the corpora, write the manifest, train until ``max_minutes``; see module doc."""
    from spacy import util

    import kg.nlp.factories  # noqa: F401  (registrations, also when not installed)
    from kg.errors import ConfigError
    from kg.nlp.corpora import convert_corpora

    if max_minutes <= 0:
        raise ConfigError(f"max_minutes must be positive, got {max_minutes}")
    config_path = Path(config_path) if config_path else default_config_path()
    if not config_path.is_file():
        raise ConfigError(f"training config not found: {config_path}")
    out_dir = Path(out_dir)
    data_dir = out_dir / CORPUS_DIR
    raw = util.load_config(config_path, overrides=dict(overrides or {}), interpolate=False)
    tokenizer_nlp = util.load_model_from_config(raw, auto_fill=True, validate=True)
    report = convert_corpora(
        corpora_dir, data_dir, tokenizer_nlp, corpora=corpora, on_document=on_document
    )
    manifest = build_manifest(corpora_dir, config_path, raw, corpora, report)
    (data_dir / "conversion.json").write_text(json.dumps(report.to_json(), indent=1) + "\n")
    return run_training(
        config_path,
        data_dir / TRAIN_FILE,
        data_dir / TUNE_FILE,
        out_dir,
        manifest=manifest,
        max_minutes=max_minutes,
        overrides=overrides,
        on_step=on_step,
    )


def run_training(
    config_path: Path,
    train_path: Path,
    tune_path: Path,
    out_dir: Path,
    *,
    manifest: dict[str, Any],
    max_minutes: float,
    overrides: Mapping[str, Any] | None = None,
    on_step: Progress | None = None,
) -> TrainResult:
    """spaCy's update loop on converted DocBins, stopped by the wall clock; saves the best."""
    from spacy import util
    from spacy.schemas import ConfigSchemaTraining
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import (
        create_evaluation_callback,
        create_train_batches,
        train_while_improving,
    )
    from thinc.api import fix_random_seed

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    paths = {"paths.train": str(train_path), "paths.dev": str(tune_path)}
    config = util.load_config(config_path, overrides={**dict(overrides or {}), **paths})
    seed = config["system"]["seed"]
    fix_random_seed(seed)
    nlp = init_nlp(config)
    fix_random_seed(seed)
    resolved = nlp.config.interpolate()
    T = util.registry.resolve(resolved["training"], schema=ConfigSchemaTraining)
    train_corpus, tune_corpus = util.resolve_dot_names(
        resolved, [T["train_corpus"], T["dev_corpus"]]
    )
    optimizer = T["optimizer"]
    steps = train_while_improving(
        nlp,
        optimizer,
        create_train_batches(nlp, train_corpus, T["batcher"], T["max_epochs"]),
        create_evaluation_callback(nlp, tune_corpus, T["score_weights"]),
        dropout=T["dropout"],
        accumulate_gradient=T["accumulate_gradient"],
        patience=T["patience"],
        max_steps=T["max_steps"],
        eval_frequency=T["eval_frequency"],
        exclude=T["frozen_components"],
        annotating_components=T["annotating_components"],
        before_update=T["before_update"],
    )
    started = time.monotonic()
    deadline = started + 60.0 * max_minutes
    best: tuple[float, int, dict[str, Any]] = (-1.0, 0, {})
    info: dict[str, Any] = {"step": 0, "words": 0}
    stopped = ""
    for _batch, info, is_best in steps:
        if is_best:
            best = (info["score"], info["step"], dict(info["other_scores"]))
            manifest["training"] = _training_record(info, best, started, "running")
            _save(nlp, optimizer, out_dir / MODEL_DIR, manifest)
        if on_step is not None:
            on_step(info)
        if time.monotonic() >= deadline:
            stopped = "max_minutes"
            break
    if not stopped:  # spaCy's loop ended by itself
        hit_max = T["max_steps"] and info["step"] >= T["max_steps"]
        stopped = "max_steps" if hit_max else "patience" if T["patience"] else "max_epochs"
    seconds = time.monotonic() - started
    manifest["training"] = _training_record(info, best, started, stopped)
    _save(nlp, optimizer, out_dir / LAST_DIR, manifest)
    if not (out_dir / MODEL_DIR).exists():  # stopped before the first evaluation
        shutil.copytree(out_dir / LAST_DIR, out_dir / MODEL_DIR)
    model_manifest = json.loads((out_dir / MODEL_DIR / MANIFEST).read_text())
    model_manifest["training"]["final"] = manifest["training"]
    (out_dir / MODEL_DIR / MANIFEST).write_text(json.dumps(model_manifest, indent=1) + "\n")
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return TrainResult(
        model_dir=out_dir / MODEL_DIR,
        manifest_path=out_dir / MANIFEST,
        steps=info["step"],
        words=info["words"],
        seconds=seconds,
        stopped=stopped,
        best_step=best[1],
        best_score=best[0],
        tune_scores={k: v for k, v in best[2].items() if isinstance(v, int | float)},
    )


def _training_record(
    info: Mapping[str, Any], best: tuple[float, int, dict], started: float, stopped: str
) -> dict[str, Any]:
    return {
        "steps": info["step"],
        "epoch": info.get("epoch", 0),
        "words": info["words"],
        "seconds": round(time.monotonic() - started, 1),
        "stopped": stopped,
        "best_step": best[1],
        "best_tune_score": round(best[0], 5),
        "best_tune_scores": {
            k: round(v, 5) for k, v in best[2].items() if isinstance(v, int | float)
        },
    }
