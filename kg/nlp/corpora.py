"""Gold PubTator corpora -> spaCy ``DocBin`` files for training the recogniser.

Every corpus in ../shared annotates only some entity types: BC5CDR chemicals and diseases,
NCBI-disease diseases, GNormPlus/NLM-Gene/tmVar genes, BioID cell lines; only BioRED has all four.
A model that read an unannotated gene in a BC5CDR abstract as "not an entity" would learn to miss
genes. So each converted Doc records *which* types its corpus annotates
(``doc.user_data[ANNOTATED_KEY]``), and the recogniser learns each type only from documents that
annotate it (see ``kg.nlp.typed_ner``): for the others that type is unknown, neither entity nor
"outside".

Gold mentions go to ``doc.spans[GOLD_KEY]``. A mention whose edges do not fall on token boundaries
cannot be learnt; it is counted in the report and its tokens are put in ``doc.spans[MISSING_KEY]``
(unknown for that type) rather than silently becoming "outside". Documents held out as dev in
*any* corpus (``kg.nlp.splits.all_dev_ids``) are skipped; of the rest a fixed 5% (hash of the
paper) is the ``tune`` set that training uses to pick its best checkpoint, so dev stays unseen.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.model import AnnotatedDocument, EntityType
from kg.nlp.splits import all_dev_ids, group_key

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

GOLD_KEY = "irkg_gold"
MISSING_KEY = "irkg_missing"
ANNOTATED_KEY = "irkg_annotated"
CORPUS_KEY = "irkg_corpus"
DOC_ID_KEY = "irkg_doc_id"

#: The types the trained recogniser learns, in the order its components run.
MODEL_TYPES: tuple[EntityType, ...] = (
    EntityType.GENE,
    EntityType.CHEMICAL,
    EntityType.DISEASE,
    EntityType.CELL_LINE,
)
TUNE_PERCENT = 5
TRAIN_FILE = "train.spacy"
TUNE_FILE = "tune.spacy"
MAX_EXAMPLES = 20  # misaligned mentions kept per corpus in the report, to study them


@dataclass(frozen=True, slots=True)
class TrainCorpus:
    """One gold corpus file (under corpora/) and the types it annotates completely."""

    file: str
    types: tuple[EntityType, ...]
    keep_unannotated: float = 1.0  # share of documents without any gold mention that is kept

    def __post_init__(self) -> None:
        if not self.file or "/" in self.file:
            raise ValueError(f"corpus file must be a plain name under corpora/: {self.file!r}")
        if not self.types or any(t not in MODEL_TYPES for t in self.types):
            raise ValueError(f"{self.file}: types must be a non-empty subset of {MODEL_TYPES}")
        if not 0.0 <= self.keep_unannotated <= 1.0:
            raise ValueError(f"{self.file}: keep_unannotated must be in [0, 1]")


G, C, D, L = MODEL_TYPES
#: The training corpora. tmVar3 annotates diseases and cell lines too, but only its genes were
#: curated for that corpus; the rest stays unknown. Two thirds of BioID's figure captions name no
#: cell line (a third of all training tokens); a quarter of those is enough negative evidence.
TRAIN_CORPORA: tuple[TrainCorpus, ...] = (
    TrainCorpus("BC5CDR_TrainDev.PubTator", (C, D)),
    TrainCorpus("NCBIdisease_TrainDev.PubTator", (D,)),
    TrainCorpus("GNormPlus_Train.PubTator", (G,)),
    TrainCorpus("NLMgene_Train.PubTator", (G,)),
    TrainCorpus("BioID_Train_revision.PubTator", (L,), keep_unannotated=0.25),
    TrainCorpus("BioRED_TrainDev.PubTator", (G, C, D, L)),
    TrainCorpus("tmVar3_Train.PubTator", (G,)),
)


@dataclass(frozen=True, slots=True)
class Misaligned:
    """A gold mention that does not sit on token boundaries (kept to study the tokenizer)."""

    doc_id: str
    start: int
    end: int
    text: str
    type: EntityType
    tokens: str  # the token-aligned text around it, e.g. "doxorubicin-induced"


@dataclass(slots=True)
class CorpusStats:
    """What conversion did with one corpus file."""

    file: str
    docs_read: int = 0
    docs_dev: int = 0  # skipped: held out as dev in some corpus
    docs_unannotated_dropped: int = 0  # no gold mention, not in the kept share
    docs_train: int = 0
    docs_tune: int = 0
    mentions: Counter[str] = field(default_factory=Counter)  # per type, annotated types only
    misaligned: Counter[str] = field(default_factory=Counter)
    overlapping: Counter[str] = field(default_factory=Counter)  # dropped: overlaps a longer one
    ignored: Counter[str] = field(default_factory=Counter)  # types this corpus does not annotate
    examples: list[Misaligned] = field(default_factory=list)
    ingest_problems: Counter[str] = field(default_factory=Counter)  # reader's skipped lines
    ingest_examples: list[str] = field(default_factory=list)
    ingest_ignored: Counter[str] = field(default_factory=Counter)  # types irkg does not model

    def aligned_rate(self) -> float:
        total = sum(self.mentions.values())
        return 1.0 - sum(self.misaligned.values()) / total if total else 1.0

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "docs_read": self.docs_read,
            "docs_dev_skipped": self.docs_dev,
            "docs_unannotated_dropped": self.docs_unannotated_dropped,
            "docs_train": self.docs_train,
            "docs_tune": self.docs_tune,
            "mentions": dict(sorted(self.mentions.items())),
            "misaligned": dict(sorted(self.misaligned.items())),
            "overlapping_dropped": dict(sorted(self.overlapping.items())),
            "ignored_types": dict(sorted(self.ignored.items())),
            "aligned_rate": round(self.aligned_rate(), 5),
            "ingest_problems": dict(sorted(self.ingest_problems.items())),
            "ingest_problem_examples": self.ingest_examples,
            "ingest_ignored": dict(sorted(self.ingest_ignored.items())),
            "misaligned_examples": [
                {"doc": m.doc_id, "start": m.start, "end": m.end, "text": m.text,
                 "type": m.type.value, "tokens": m.tokens}
                for m in self.examples
            ],
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class ConversionReport:
    """Per-corpus counts of a conversion, and where its DocBins were written."""

    corpora: tuple[CorpusStats, ...]
    train_path: Path | None = None
    tune_path: Path | None = None

    def totals(self) -> tuple[int, int]:
        """(gold mentions of annotated types, misaligned ones) over all corpora."""
        total = sum(sum(s.mentions.values()) for s in self.corpora)
        bad = sum(sum(s.misaligned.values()) for s in self.corpora)
        return total, bad

    def to_json(self) -> dict[str, Any]:
        total, bad = self.totals()
        return {
            "corpora": [s.to_json() for s in self.corpora],
            "mentions": total,
            "misaligned": bad,
            "aligned_rate": round(1.0 - bad / total, 5) if total else 1.0,
        }


def _hash_percent(salt: str, corpus: str, doc_id: str) -> int:
    digest = hashlib.sha256(f"{salt}:{corpus}:{group_key(corpus, doc_id)}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100


def in_tune(corpus: str, doc_id: str, percent: int = TUNE_PERCENT) -> bool:
    """Whether a train document belongs to the tune set (hash of its paper, like the dev split)."""
    return _hash_percent("tune", corpus, doc_id) < percent


def keeps_unannotated(corpus: TrainCorpus, doc_id: str) -> bool:
    """Whether a document without gold mentions is in the share of such documents kept."""
    return _hash_percent("keep", corpus.file, doc_id) < round(100 * corpus.keep_unannotated)


def to_doc(
    nlp: Language, annotated: AnnotatedDocument, corpus: TrainCorpus, stats: CorpusStats
) -> Doc:
    """The training Doc of one gold document: text, gold spans, unknown regions, annotated types."""
    from spacy.util import filter_spans

    document = annotated.document
    doc = nlp.make_doc(document.text)
    gold: list[Span] = []
    missing: list[Span] = []
    for mention in annotated.mentions:
        if mention.type not in corpus.types:
            stats.ignored[mention.type.value] += 1
            continue
        label = mention.type.value
        stats.mentions[label] += 1
        span = doc.char_span(mention.start, mention.end, label=label, alignment_mode="strict")
        if span is not None:
            gold.append(span)
            continue
        stats.misaligned[label] += 1
        around = doc.char_span(mention.start, mention.end, label=label, alignment_mode="expand")
        if around is not None:
            missing.append(around)
        if len(stats.examples) < MAX_EXAMPLES:
            stats.examples.append(
                Misaligned(
                    document.id, mention.start, mention.end, mention.text, mention.type,
                    around.text if around is not None else "",
                )
            )  # fmt: skip
    kept: list[Span] = []
    for etype in corpus.types:
        of_type = [s for s in gold if s.label_ == etype.value]
        longest = filter_spans(of_type)
        stats.overlapping[etype.value] += len(of_type) - len(longest)
        kept.extend(longest)
    doc.spans[GOLD_KEY] = sorted(kept, key=lambda s: (s.start, s.end))
    doc.spans[MISSING_KEY] = missing
    doc.user_data[ANNOTATED_KEY] = [t.value for t in corpus.types]
    doc.user_data[CORPUS_KEY] = corpus.file
    doc.user_data[DOC_ID_KEY] = document.id
    return doc


def convert_corpora(
    corpora_dir: Path,
    out_dir: Path | None,
    nlp: Language,
    *,
    corpora: Iterable[TrainCorpus] = TRAIN_CORPORA,
    tune_percent: int = TUNE_PERCENT,
    on_document: Callable[[str], None] | None = None,
) -> ConversionReport:
    """Convert the train portion of each corpus; write ``train.spacy``/``tune.spacy`` to out_dir.

    ``nlp`` supplies the tokenizer (it must be the one the model is trained with). With
    ``out_dir=None`` nothing is written (the alignment study only wants the report).
    ``on_document(corpus_file)`` is called per document read, for a progress bar.
    """
    from spacy.tokens import DocBin

    from kg.errors import InputError
    from kg.ingest.pubtator import read_pubtator
    from kg.ingest.report import IngestReport

    corpora_dir = Path(corpora_dir)
    held_out = all_dev_ids(corpora_dir)
    train_bin = DocBin(store_user_data=True)
    tune_bin = DocBin(store_user_data=True)
    report: list[CorpusStats] = []
    for corpus in corpora:
        path = corpora_dir / corpus.file
        if not path.is_file():
            raise InputError(str(path), None, "training corpus not found")
        stats = CorpusStats(corpus.file)
        ingest = IngestReport(on_problem=None, keep=MAX_EXAMPLES)
        for annotated in read_pubtator(path, report=ingest):
            stats.docs_read += 1
            if on_document is not None:
                on_document(corpus.file)
            if annotated.document.id in held_out:
                stats.docs_dev += 1
                continue
            doc = to_doc(nlp, annotated, corpus, stats)
            unannotated = not doc.spans[GOLD_KEY] and not doc.spans[MISSING_KEY]
            if unannotated and not keeps_unannotated(corpus, annotated.document.id):
                stats.docs_unannotated_dropped += 1
                continue
            if in_tune(corpus.file, annotated.document.id, tune_percent):
                stats.docs_tune += 1
                tune_bin.add(doc)
            else:
                stats.docs_train += 1
                train_bin.add(doc)
        stats.ingest_problems.update(ingest.reasons)
        stats.ingest_examples.extend(str(p) for p in ingest.problems)
        stats.ingest_ignored.update(ingest.ignored)
        report.append(stats)
    if out_dir is None:
        return ConversionReport(tuple(report))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    train_bin.to_disk(out_dir / TRAIN_FILE)
    tune_bin.to_disk(out_dir / TUNE_FILE)
    return ConversionReport(tuple(report), out_dir / TRAIN_FILE, out_dir / TUNE_FILE)
