"""Ambiguity control (``irkg_ambiguity_v1``): a risky dictionary match stays only with support.

A match is risky when every entry it has for its type is on the lexicon's stop-list (gene symbols
that are English words, units or common abbreviations: "SET", "CAT", "ALL", "OR", "Gy"; the
learnt overlay adds surfaces the train splits show are rarely annotated, ``SurfaceStats``), or
when it is a bare number or a single letter, or a cell-line code of at most ``SHORT_CELL_LINE``
letters and digits (Cellosaurus has "BR1", "T7", "E6", "H2A", "CAG": words, tags, histones).
Support is any of:

* an abbreviation definition: the entity is a short form whose long form is an entity of the
  same type (the abbreviation step marks those with source "abbreviation");
* for genes, a gene-like context: "SET protein", "CAT expression", "anti-SET", "SET-deficient",
  "SET knockdown"; for cell lines, a cell-line context: "BR1 cells", "T7 cell line", "E6-bearing";
* a definition that contradicts it removes it even when it would be safe otherwise (the train
  splits' usual reading yields to the document's own): a short form defined with a long form
  that is no entity of the same type and has not half the words of any of its concepts' names
  ("radiation oncology (RO)", "heteroduplex (HD)"), if its dictionary entries are ambiguous or
  stop-listed or, for genes and diseases, symbols;
* a learnt context stop removes it whatever the support: the train splits rarely annotate the
  surface right before or after that word ("Src" before "homology", "death" after "cell";
  ``SurfaceStats.context_stop``).

Only spans from the listed sources are judged (the dictionary by default: a trained model has
already looked at the context).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.lexicon import Flags, LexEntry, Lexicon, normalize_key
from kg.model import EntityType
from kg.nlp.dictionary import entries_for
from kg.nlp.sites import word_after, word_before
from kg.nlp.spans import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

GENE_CONTEXT_AFTER = frozenset(
    """gene genes protein proteins mrna mrnas expression expressed expressing transcript
    transcripts transcription promoter locus allele alleles knockdown knockout silencing
    deficient deficiency null mutant mutants mutation mutations variant variants
    polymorphism polymorphisms receptor receptors kinase kinases ligand ligands signaling
    signalling pathway activation activity inhibitor inhibitors inhibition antibody
    antibodies level levels isoform isoforms sirna shrna overexpression overexpressing
    homolog homologue deletion agonist agonists antagonist antagonists binding family
    subunit domain phosphorylation""".split()  # noqa: SIM905
)
GENE_CONTEXT_BEFORE = frozenset(
    """anti recombinant encoding expressing overexpressing phosphorylated phospho silencing
    knockdown""".split()  # noqa: SIM905
)
CELL_LINE_CONTEXT_AFTER = frozenset(
    """cell cells line lines clone clones subline sublines xenograft xenografts tumor tumors
    tumour tumours bearing lysate lysates monolayer monolayers spheroid spheroids
    transfectant transfectants""".split()  # noqa: SIM905
)
SHORT_CELL_LINE = 4
_WORD = re.compile(r"[^\W_]+")


# types whose symbols a contradicting definition removes even when the lexicon or the train
# splits find them unambiguous ("heteroduplex (HD)"); chemicals and cell lines are defined by
# names the vocabulary spells otherwise too often ("sodium valproate (VPA)", "pentetrazol (PTZ)",
# "retinal pigment epithelium (RPE)"), so for them only ambiguous or stop-listed entries yield
DEFINED_SYMBOL_TYPES = frozenset({EntityType.GENE, EntityType.DISEASE})


@dataclass(frozen=True, slots=True)
class Verdict:
    start: int
    end: int
    keep: bool
    reason: str


class AmbiguityFilter:
    """Removes risky dictionary entities that have no support in the document."""

    def __init__(
        self,
        *,
        lexicon: Lexicon,
        sources: Iterable[str] = ("dictionary",),
    ) -> None:
        self.lexicon = lexicon
        self.sources = frozenset(sources)
        self._stats = getattr(lexicon, "stats", None)  # a LexiconOverlay's learnt statistics

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Verdict]:
        text = doc_text(doc)
        contradicted = _contradicted_short_forms(doc, text)
        verdicts = []
        for ent in doc.ents:
            if ent._.source not in self.sources:
                continue
            context = self._context_stop(ent, text)
            if context:
                reason = f"rarely annotated {context} in the train splits"
                verdicts.append(Verdict(ent.start_char, ent.end_char, False, reason))
                continue
            reason = self._risk(ent, contradicted)
            if reason:
                supported = _supported(ent, text)
                verdicts.append(
                    Verdict(
                        ent.start_char,
                        ent.end_char,
                        supported,
                        reason + ("; gene context" if supported else "; no support"),
                    )
                )
        return verdicts

    def set_annotations(self, doc: Doc, verdicts: list[Verdict]) -> None:
        drop = {(v.start, v.end) for v in verdicts if not v.keep}
        if drop:
            doc.ents = [e for e in doc.ents if (e.start_char, e.end_char) not in drop]

    def _context_stop(self, ent: Span, text: str) -> str:
        if self._stats is None:
            return ""
        before = word_before(text, ent.start_char)
        after = word_after(text, ent.end_char)
        return self._stats.context_stop(
            EntityType(ent.label_),
            normalize_key(ent.text),
            before[2] if before is not None else None,
            after[2] if after is not None else None,
        )

    def _risk(self, ent: Span, contradicted: dict[tuple[int, int], str]) -> str:
        text = ent.text
        entity_type = EntityType(ent.label_)
        entries = entries_for(self.lexicon, text, entity_type)
        risky_flags = Flags.STOP | Flags.AMBIGUOUS_TYPE | Flags.AMBIGUOUS_CONCEPT
        long_form = contradicted.get((ent.start_char, ent.end_char))
        if (
            long_form is not None  # first: the rest only for defined short forms
            and (
                (
                    entity_type in DEFINED_SYMBOL_TYPES
                    and any(Flags.SYMBOL in e.flags for e in entries)
                )
                or all(e.flags & risky_flags for e in entries)
            )
            and not _names_one_of(long_form, entries, self.lexicon)
        ):
            return "defined in the text as something else"
        if self._stats is not None and entries and self._stats.is_safe(entity_type, entries[0].key):
            return ""  # usually right in the train splits ("293" the cell line)
        if len(text) == 1 or text.isdigit():
            return "number or single character"
        if entries and all(Flags.STOP in e.flags for e in entries):
            return "stop-listed"
        if (
            entity_type is EntityType.CELL_LINE
            and sum(c.isalnum() for c in text) <= SHORT_CELL_LINE
        ):
            return "short cell-line code"
        return ""


def _supported(ent: Span, text: str) -> bool:
    if ent.text.isdigit():  # "30 cells", "100 tumours" count things; only learnt-safe "293" stays
        return False
    if ent.label_ == EntityType.GENE.value:
        return context_word(ent, text, GENE_CONTEXT_AFTER, GENE_CONTEXT_BEFORE)
    if ent.label_ == EntityType.CELL_LINE.value:
        return context_word(ent, text, CELL_LINE_CONTEXT_AFTER, frozenset())
    return False


def context_word(
    ent: Span, text: str, after_words: frozenset[str], before_words: frozenset[str]
) -> bool:
    """One of ``after_words`` right after the span, or ``before_words`` right before it
    (separated by spaces or a hyphen); ``text`` is the doc's text."""
    after = _WORD.search(text, ent.end_char, min(len(text), ent.end_char + 40))
    if (
        after is not None
        and after.group().lower() in after_words
        and text[ent.end_char : after.start()].strip(" -") == ""
    ):
        return True
    before = list(_WORD.finditer(text, max(0, ent.start_char - 40), ent.start_char))
    if before and before[-1].group().lower() in before_words:
        return text[before[-1].end() : ent.start_char].strip(" -") == ""
    return False


def _contradicted_short_forms(doc: Doc, text: str) -> dict[tuple[int, int], str]:
    """Short forms (all occurrences) defined with a long form that is not an entity, with
    that long form."""
    out: dict[tuple[int, int], str] = {}
    for abbreviation in doc._.irkg_abbreviations or ():
        if abbreviation.long_entity is None:
            out[(abbreviation.short_start, abbreviation.short_end)] = abbreviation.long
            for start, end in _all_occurrences(text, abbreviation.short):
                out[(start, end)] = abbreviation.long
    return out


def _names_one_of(long_form: str, entries: Iterable[LexEntry], lexicon: Lexicon) -> bool:
    """Whether the long form has at least half the words of a name of one of the entries'
    concepts: a near name the dictionary missed ("transmembrane channel-like gene 1 (TMC1)",
    TMC1 being "transmembrane channel like 1"; "sodium valproate (VPA)", VPA being valproate)
    confirms the short form, not contradicts it."""
    words = set(_WORD.findall(long_form.lower()))
    for curie in {e.curie for e in entries}:
        concept = lexicon.concept(curie)
        for name in (concept.preferred, *concept.synonyms) if concept is not None else ():
            name_words = set(_WORD.findall(name.lower()))
            if name_words and 2 * len(words & name_words) >= len(name_words):
                return True
    return False


def _all_occurrences(text: str, short: str) -> Iterable[tuple[int, int]]:
    regex = re.compile(rf"(?<![^\W_]){re.escape(short)}(?![^\W_])")
    return ((m.start(), m.end()) for m in regex.finditer(text))
