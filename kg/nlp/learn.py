"""Build ``SurfaceStats`` from the gold train splits in ../shared, reproducibly.

Train documents: every document of the corpora below that ``kg.nlp.splits`` puts in "train" and
that is held out in no corpus (the same PMID appears in several). Two passes:

1. gold counts per (type, normalised key): how often annotated, with which identifiers, and the
   most frequent spelling; a surface annotated ``MIN_GOLD`` times that the lexicon cannot match
   as that type, or matches only with other identifiers than the one most gold mentions use
   ("dyskinesia" -> the drug-induced concept), becomes a candidate learnt term;
2. the dictionary recogniser (lexicon + candidate terms, merge, nothing else) runs over the same
   texts; each entity it finds counts as "proposed" for every type its surface has entries of
   and the corpus annotates, whatever type the recogniser chose (so the counts do not depend on
   the type rules they are meant to inform), and as "correct" for a type when a gold mention of
   that type has exactly its span. The word right before each entity is counted too, and
   whether the gold span of that type starts with it (the modifiers); and the words right
   before and after it (content words only), with whether it is correct there, leaving out
   matches that overlap a gold span of their type without being it (the context stops).

The result is written to ``<IRKG_HOME>/nlp/`` under a name that fixes the lexicon version, the
corpus files' hashes and this code's version, so it is rebuilt exactly when one of them changes.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kg.lexicon import Lexicon, normalize_key
from kg.model import AnnotatedDocument, EntityType
from kg.nlp.matching import case_ok
from kg.nlp.surface_stats import MIN_GOLD, MIN_PROPOSED, Context, SurfaceStat, SurfaceStats

if TYPE_CHECKING:
    from kg.settings import Settings

LEARN_VERSION = "3"
# corpus file -> the entity types it annotates completely
CORPUS_TYPES: dict[str, tuple[EntityType, ...]] = {
    "BC5CDR_TrainDev.PubTator": (EntityType.CHEMICAL, EntityType.DISEASE),
    "NCBIdisease_TrainDev.PubTator": (EntityType.DISEASE,),
    "GNormPlus_Train.PubTator": (EntityType.GENE,),
    "NLMgene_Train.PubTator": (EntityType.GENE,),
    "BioID_Train_revision.PubTator": (EntityType.CELL_LINE,),
    "BioRED_TrainDev.PubTator": (
        EntityType.GENE,
        EntityType.CHEMICAL,
        EntityType.DISEASE,
        EntityType.CELL_LINE,
    ),
}

Key = tuple[EntityType, str]


def train_documents(corpora_dir: Path) -> Iterator[tuple[str, AnnotatedDocument]]:
    """(corpus file name, document) for every train document, held-out ones skipped."""
    from kg.ingest import IngestReport
    from kg.ingest.pubtator import read_pubtator
    from kg.nlp.splits import all_dev_ids, split_of

    held_out = all_dev_ids(corpora_dir)
    for name in CORPUS_TYPES:
        path = corpora_dir / name
        if not path.is_file():
            continue
        for annotated in read_pubtator(path, report=IngestReport()):
            doc_id = annotated.document.id
            if doc_id not in held_out and split_of(corpora_dir, name, doc_id) == "train":
                yield name, annotated


def corpus_fingerprint(corpora_dir: Path) -> dict[str, str]:
    """sha256 of every corpus file used (and of the split files the dev sets come from)."""
    from kg.nlp.splits import OFFICIAL_DEV

    names = [*CORPUS_TYPES, *OFFICIAL_DEV.values()]
    out = {}
    for name in sorted(names):
        path = corpora_dir / name
        if path.is_file():
            out[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def stats_path(settings: Settings, lexicon: Lexicon, corpora_dir: Path) -> Path:
    digest = hashlib.sha256(
        repr((LEARN_VERSION, sorted(corpus_fingerprint(corpora_dir).items()))).encode()
    ).hexdigest()[:12]
    return settings.home / "nlp" / f"surface-stats-{lexicon.version}-{digest}.json"


def learnt_version(settings: Settings, lexicon: Lexicon) -> str:
    """The name of the statistics ``learnt="auto"`` reads for this lexicon ("" without
    ../shared), for cache keys: cheap (hashes the corpus files, never builds)."""
    corpora_dir = settings.corpora_dir
    return "" if corpora_dir is None else stats_path(settings, lexicon, corpora_dir).stem


def ensure_surface_stats(
    settings: Settings, lexicon: Lexicon, *, n_process: int = 1, progress: bool = False
) -> SurfaceStats | None:
    """The statistics for this lexicon and ../shared, built if missing; None without ../shared."""
    corpora_dir = settings.corpora_dir
    if corpora_dir is None:
        return None
    path = stats_path(settings, lexicon, corpora_dir)
    if path.is_file():
        return SurfaceStats.load(path)
    stats = build_surface_stats(corpora_dir, lexicon, n_process=n_process, progress=progress)
    stats.save(path)
    return stats


def build_surface_stats(
    corpora_dir: Path, lexicon: Lexicon, *, n_process: int = 1, progress: bool = False
) -> SurfaceStats:
    """Both passes over the train documents (see the module doc)."""
    docs = list(train_documents(corpora_dir))
    gold, terms, ids = _gold_counts(docs)
    added = {
        k for k in gold if gold[k] >= MIN_GOLD and not _lexicon_agrees(lexicon, k, terms[k], ids[k])
    }
    candidates = SurfaceStats(
        (
            SurfaceStat(
                t,
                key,
                terms[(t, key)].most_common(1)[0][0],
                gold[(t, key)],
                ids=tuple(ids[(t, key)].most_common()),
                added=True,
            )
            for t, key in added
        ),
        version="candidates",
    )
    proposed, correct, modifiers, contexts = _proposals(
        docs, lexicon, candidates, n_process, progress
    )
    keys = set(gold) | set(proposed)
    stats = [
        SurfaceStat(
            type=t,
            key=key,
            term=terms[(t, key)].most_common(1)[0][0] if terms[(t, key)] else "",
            gold=gold[(t, key)],
            proposed=proposed[(t, key)],
            correct=correct[(t, key)],
            ids=tuple(sorted(ids[(t, key)].items(), key=lambda kv: (-kv[1], kv[0]))),
            added=(t, key) in added,
        )
        for t, key in sorted(keys, key=lambda k: (k[0].value, k[1]))
    ]
    fingerprint = corpus_fingerprint(corpora_dir)
    version = hashlib.sha256(
        repr((LEARN_VERSION, lexicon.version, sorted(fingerprint.items()))).encode()
    ).hexdigest()[:12]
    return SurfaceStats(
        stats,
        version=version,
        sources={"corpora": fingerprint, "lexicon": lexicon.version, "documents": len(docs)},
        modifiers=modifiers,
        contexts=contexts,
    )


def _gold_counts(
    docs: list[tuple[str, AnnotatedDocument]],
) -> tuple[Counter[Key], defaultdict[Key, Counter[str]], defaultdict[Key, Counter[str]]]:
    gold: Counter[Key] = Counter()
    terms: defaultdict[Key, Counter[str]] = defaultdict(Counter)
    ids: defaultdict[Key, Counter[str]] = defaultdict(Counter)
    for corpus, annotated in docs:
        wanted = CORPUS_TYPES[corpus]
        for m in annotated.mentions:
            if m.type not in wanted:
                continue
            key = normalize_key(m.text)
            if not key:
                continue
            k = (m.type, key)
            gold[k] += 1
            terms[k][m.text] += 1
            if m.ids:
                ids[k][m.ids[0]] += 1
    return gold, terms, ids


def _lexicon_agrees(lexicon: Lexicon, k: Key, terms: Counter[str], ids: Counter[str]) -> bool:
    """Whether the lexicon already matches the surface's usual spelling as that type, with the
    identifier the gold uses most (when one identifier has most of the votes)."""
    entity_type, key = k
    term = terms.most_common(1)[0][0]
    curies = {
        e.curie for e in lexicon.lookup_key(key) if e.type == entity_type and case_ok(e, term)
    }
    if not curies:
        return False
    if not ids:
        return True
    top, votes = ids.most_common(1)[0]
    return top in curies or votes * 2 <= sum(ids.values())


def _proposals(
    docs: list[tuple[str, AnnotatedDocument]],
    lexicon: Lexicon,
    candidates: SurfaceStats,
    n_process: int,
    progress: bool,
) -> tuple[Counter[Key], Counter[Key], dict[Key, tuple[int, int]], dict[Context, tuple[int, int]]]:
    import spacy
    from spacy.lang.en.stop_words import STOP_WORDS  # function words say nothing of sense

    import kg.nlp.factories  # noqa: F401 - registers the components
    from kg.nlp.dictionary import entries_for
    from kg.nlp.pipeline import annotate
    from kg.nlp.resources import lexicon_config
    from kg.nlp.sites import word_after, word_before
    from kg.nlp.surface_stats import LexiconOverlay
    from kg.nlp.tokenizer import create_tokenizer

    overlay = LexiconOverlay(lexicon, candidates)
    nlp = spacy.blank("en")
    nlp.tokenizer = create_tokenizer(nlp)
    nlp.max_length = 20_000_000
    config = lexicon_config(overlay)
    nlp.add_pipe("irkg_dictionary_v1", name="irkg_dictionary", config={"lexicon": config})
    nlp.add_pipe("irkg_merge_v1", name="irkg_merge")
    proposed: Counter[Key] = Counter()
    correct: Counter[Key] = Counter()
    included: Counter[Key] = Counter()
    preceded: Counter[Key] = Counter()
    context_proposed: Counter[Context] = Counter()
    context_correct: Counter[Context] = Counter()
    tick = _progress(len(docs)) if progress else None
    predicted = annotate((a.document for _, a in docs), nlp, n_process=n_process)
    for (corpus, gold_doc), pred in zip(docs, predicted, strict=True):
        wanted = CORPUS_TYPES[corpus]
        spans = {(m.start, m.end, m.type) for m in gold_doc.mentions}
        for m in pred.mentions:
            key = normalize_key(m.text)
            for entity_type in {e.type for e in entries_for(overlay, m.text)} & set(wanted):
                proposed[(entity_type, key)] += 1
                correct[(entity_type, key)] += (m.start, m.end, entity_type) in spans
            if m.type not in wanted:
                continue
            text = pred.document.text
            before = word_before(text, m.start)
            if before is not None:
                k = (m.type, before[2].lower())
                preceded[k] += 1
                included[k] += (before[0], m.end, m.type) in spans
            hit = (m.start, m.end, m.type) in spans
            if not hit and any(
                g.type is m.type and g.start < m.end and m.start < g.end for g in gold_doc.mentions
            ):
                continue  # a boundary error: the modifiers' business, not the context's
            for side, word in (("after", before), ("before", word_after(text, m.end))):
                if word is not None and word[2].lower() not in STOP_WORDS:
                    context = (m.type, key, side, word[2].lower())
                    context_proposed[context] += 1
                    context_correct[context] += hit
        if tick is not None:
            tick()
    modifiers = {k: (included[k], preceded[k]) for k in preceded if included[k]}
    contexts = {
        k: (context_correct[k], n) for k, n in context_proposed.items() if n >= MIN_PROPOSED
    }
    return proposed, correct, modifiers, contexts


def _progress(total: int) -> Callable[[], None]:
    from rich.progress import Progress

    bar = Progress(transient=True)
    task = bar.add_task("learning from the train splits", total=total)
    bar.start()

    def tick() -> None:
        bar.advance(task)
        if bar.finished:
            bar.stop()

    return tick
