"""How many gold spans of the train corpora sit on token boundaries, per tokenizer rule set.

A gold mention whose edges fall inside a token can be neither learnt nor found. This study is
how kg/nlp/tokenizer.py's rules were chosen: it converts the train portion of every training
corpus (dev documents excluded, as for training) with scispaCy's tokenizer alone, with irkg's,
and - with ``--ablation`` - with irkg's minus one rule at a time, and prints per corpus and
type the share of gold spans that ``doc.char_span(..., alignment_mode="strict")`` accepts, plus
the token count (cost) and the share of one-word names kept as one token (not shredded).

    IRKG_SHARED=../shared python bench/tokenizer_alignment.py [--ablation] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import spacy

from kg.nlp.corpora import TRAIN_CORPORA, convert_corpora
from kg.nlp.tokenizer import ALL_RULES, build_tokenizer
from kg.settings import load_settings


class _Counting:
    """Stands in for ``nlp`` during conversion, counting the tokens made."""

    def __init__(self, nlp):
        self.nlp = nlp
        self.tokens = 0

    def make_doc(self, text):
        doc = self.nlp.make_doc(text)
        self.tokens += len(doc)
        return doc


def measure(corpora_dir: Path, rules: tuple[str, ...]) -> dict:
    nlp = spacy.blank("en")
    nlp.tokenizer = build_tokenizer(nlp, rules)
    counting = _Counting(nlp)
    report = convert_corpora(corpora_dir, None, counting)  # type: ignore[arg-type]
    rows = {}
    for stats in report.corpora:
        for etype, total in sorted(stats.mentions.items()):
            rows[f"{stats.file.split('_')[0]} {etype}"] = (total, stats.misaligned[etype])
    total, bad = report.totals()
    return {"rows": rows, "total": total, "misaligned": bad, "tokens": counting.tokens}


def one_word_kept(corpora_dir: Path, rules: tuple[str, ...]) -> float:
    """Share of gold names without spaces that the tokenizer keeps as one token."""
    from kg.ingest.pubtator import read_pubtator
    from kg.ingest.report import IngestReport
    from kg.nlp.splits import all_dev_ids

    nlp = spacy.blank("en")
    nlp.tokenizer = build_tokenizer(nlp, rules)
    held_out = all_dev_ids(corpora_dir)
    counts: Counter[bool] = Counter()
    for corpus in TRAIN_CORPORA:
        quiet = IngestReport(on_problem=None)  # convert_corpora reports the same problems
        for annotated in read_pubtator(corpora_dir / corpus.file, report=quiet):
            if annotated.document.id in held_out:
                continue
            for mention in annotated.mentions:
                if mention.type in corpus.types and " " not in mention.text:
                    counts[len(nlp.make_doc(mention.text)) == 1] += 1
    return counts[True] / max(1, sum(counts.values()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ablation", action="store_true", help="also leave out each rule")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args()
    corpora_dir = load_settings().corpora_dir
    if corpora_dir is None:
        print("../shared/corpora not found: set IRKG_SHARED", file=sys.stderr)
        return 2
    variants = {"scispacy": (), "irkg": ALL_RULES}
    if args.ablation:
        for rule in ALL_RULES:
            variants[f"irkg - {rule}"] = tuple(r for r in ALL_RULES if r != rule)
    results = {}
    for name, rules in variants.items():
        results[name] = measure(corpora_dir, rules)
        results[name]["one_word_kept"] = one_word_kept(corpora_dir, rules)
    base, ours = results["scispacy"], results["irkg"]
    print(f"{'corpus type':24s} {'gold':>6s} {'scispaCy':>9s} {'irkg':>9s}")
    for key, (total, bad) in base["rows"].items():
        ours_bad = ours["rows"][key][1]
        print(f"{key:24s} {total:6d} {1 - bad / total:9.2%} {1 - ours_bad / total:9.2%}")
    print()
    head = ("rule set", "aligned", "misaligned", "tokens", "1-word kept")
    print(f"{head[0]:28s} {head[1]:>8s} {head[2]:>10s} {head[3]:>9s} {head[4]:>11s}")
    for name, r in results.items():
        rate = 1 - r["misaligned"] / r["total"]
        print(f"{name:28s} {rate:8.2%} {r['misaligned']:10d} {r['tokens']:9d} "
              f"{r['one_word_kept']:11.2%}")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
