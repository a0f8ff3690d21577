"""Which organism a gene mention belongs to (``irkg_species_v1``): human unless the text says mouse.

"STING" in a paper on MC38 tumours in C57BL/6 mice is mouse Sting1 (NCBIGene:72512); in a paper
on patients it is human STING1 (NCBIGene:340061). Cues, each counted once per occurrence:

* Species entities (mice, mouse, murine, human, patients: the lexicon's Species terms) and their
  taxon;
* cell lines, through the taxon of the line (MC38, LLC1, CT26, B16 are mouse; HeLa human);
* a few words the lexicon does not carry as species: murine, C57BL/6, BALB/c, xenograft hosts.

A sentence with cues decides for the genes in it (majority; human on a tie); otherwise the
document's majority decides; with no cue at all, the default taxon (human). A species prefix
on the symbol itself ("hDaxx", "mCB2") overrides the context. Spelling is no cue:
"Mdm2", "Sp100" and "Kv4.2" are human genes in GNormPlus as often as not. The chosen taxon's
identifiers are kept, the others dropped. A name only one taxon's record carries ("growth
hormone" is the full name of mouse Gh, human GH1 is "growth hormone 1") is moved to the chosen
taxon through the lexicon's orthologs (HGNC/MGI); without an ortholog it keeps its identifiers.
``span._.taxon`` is set for genes and cell lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.model import EntityType
from kg.nlp.dictionary import species_prefix
from kg.nlp.spans import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from kg.lexicon import Lexicon

HUMAN = "NCBITaxon:9606"
MOUSE = "NCBITaxon:10090"
DEFAULT_WORD_CUES = {
    r"murine": MOUSE,
    r"C57BL/?6\w*": MOUSE,
    r"BALB/c\w*": MOUSE,
    r"knock-?out mice": MOUSE,
    r"syngeneic": MOUSE,
}


@dataclass(frozen=True, slots=True)
class SpeciesContext:
    """The taxa a document mentions: overall and per sentence (by sentence start offset)."""

    document: str
    document_counts: tuple[tuple[str, int], ...]
    sentences: tuple[tuple[int, str], ...]  # (sentence start char, deciding taxon) with cues

    def taxon_for(self, sentence_start: int) -> str:
        return dict(self.sentences).get(sentence_start, self.document)


@dataclass(frozen=True, slots=True)
class SpeciesChoice:
    start: int
    end: int
    taxon: str
    ids: tuple[str, ...]
    taxa: tuple[str, ...]


class SpeciesAssigner:
    """Chooses a taxon for each gene entity and keeps that taxon's identifiers."""

    def __init__(
        self,
        *,
        default_taxon: str = HUMAN,
        word_cues: dict[str, str] | None = None,
        counted_taxa: tuple[str, ...] = (HUMAN, MOUSE),
        lexicon: Lexicon | None = None,
    ) -> None:
        if not default_taxon.startswith("NCBITaxon:"):
            raise ValueError(f"default_taxon must be an NCBITaxon CURIE: {default_taxon!r}")
        self.default_taxon = default_taxon
        cues = DEFAULT_WORD_CUES if word_cues is None else word_cues
        self._word_cues = [(re.compile(rf"\b(?:{p})\b"), t) for p, t in cues.items()]
        self.counted_taxa = frozenset(counted_taxa)
        self.lexicon = lexicon
        self._ortholog_map: dict[str, list[str]] | None = None

    def __call__(self, doc: Doc) -> Doc:
        context = self.context(doc)
        self.set_annotations(doc, context, self.match(doc, context))
        return doc

    def context(self, doc: Doc) -> SpeciesContext:
        """Taxon cues of the document and of each sentence."""
        cues = self._cues(doc)
        document = _majority(Counter(t for _, t in cues), self.default_taxon)
        per_sentence: dict[int, Counter[str]] = {}
        starts = _sentence_starts(doc)
        for offset, taxon in cues:
            per_sentence.setdefault(_sentence_of(starts, offset), Counter())[taxon] += 1
        return SpeciesContext(
            document=document,
            document_counts=tuple(sorted(Counter(t for _, t in cues).items())),
            sentences=tuple(
                (start, _majority(counts, self.default_taxon))
                for start, counts in sorted(per_sentence.items())
            ),
        )

    def match(self, doc: Doc, context: SpeciesContext | None = None) -> list[SpeciesChoice]:
        context = context or self.context(doc)
        starts = _sentence_starts(doc)
        by_sentence = dict(context.sentences)
        choices = []
        for ent in doc.ents:  # one access: the getter rebuilds the spans
            if ent.label_ != EntityType.GENE.value or not ent._.ids:
                continue
            sentence = _sentence_of(starts, ent.start_char)
            taxon = species_prefix(ent.text) or by_sentence.get(sentence, context.document)
            choices.append(self._choose(ent, taxon))
        return choices

    def _choose(self, ent: Span, taxon: str) -> SpeciesChoice:
        ids, taxa = tuple(ent._.ids), tuple(ent._.id_taxa)
        if len(taxa) != len(ids):
            taxa = ("",) * len(ids)
        keep = [(i, t) for i, t in zip(ids, taxa, strict=True) if t == taxon]
        if not keep:
            mapped = self._orthologs(ids, taxon)
            keep = [(i, taxon) for i in mapped] or list(zip(ids, taxa, strict=True))
        chosen = keep[0][1] or taxon
        return SpeciesChoice(
            ent.start_char,
            ent.end_char,
            chosen,
            tuple(i for i, _ in keep),
            tuple(t for _, t in keep),
        )

    def _orthologs(self, ids: tuple[str, ...], taxon: str) -> list[str]:
        """Orthologs of ``ids`` in ``taxon`` (human <-> mouse), in order, without repeats."""
        if self.lexicon is None or taxon not in (HUMAN, MOUSE):
            return []
        if self._ortholog_map is None:
            pairs: dict[str, list[str]] = {}
            for o in self.lexicon.orthologs():
                pairs.setdefault(o.mouse, []).append(o.human)
                pairs.setdefault(o.human, []).append(o.mouse)
            self._ortholog_map = pairs
        out: list[str] = []
        for curie in ids:
            for other in self._ortholog_map.get(curie, ()):
                if other not in out:
                    out.append(other)
        return out

    def set_annotations(
        self, doc: Doc, context: SpeciesContext, found: list[SpeciesChoice]
    ) -> None:
        doc._.irkg_species = context
        by_span = {(c.start, c.end): c for c in found}
        for ent in doc.ents:
            choice = by_span.get((ent.start_char, ent.end_char))
            if choice is not None:
                ent._.ids = choice.ids
                ent._.id_taxa = choice.taxa
                ent._.taxon = choice.taxon
            elif ent.label_ == EntityType.CELL_LINE.value and ent._.id_taxa:
                ent._.taxon = ent._.id_taxa[0] or None

    # ------------------------------------------------------------------ internals

    def _cues(self, doc: Doc) -> list[tuple[int, str]]:
        cues: list[tuple[int, str]] = []
        for ent in doc.ents:
            if ent.label_ == EntityType.SPECIES.value:
                cues.extend((ent.start_char, i) for i in ent._.ids[:1] if i in self.counted_taxa)
            elif ent.label_ == EntityType.CELL_LINE.value:
                cues.extend(
                    (ent.start_char, t) for t in ent._.id_taxa[:1] if t in self.counted_taxa
                )
        for regex, taxon in self._word_cues:
            cues.extend((m.start(), taxon) for m in regex.finditer(doc_text(doc)))
        return cues


def _majority(counts: Counter[str], default: str) -> str:
    if not counts:
        return default
    best = max(counts.values())
    leaders = sorted(t for t, n in counts.items() if n == best)
    return default if default in leaders or len(leaders) > 1 else leaders[0]


def _sentence_starts(doc: Doc) -> list[int]:
    if not doc.has_annotation("SENT_START"):
        return [0]
    return [s.start_char for s in doc.sents]


def _sentence_of(starts: list[int], offset: int) -> int:
    from bisect import bisect_right

    index = bisect_right(starts, offset) - 1
    return starts[max(index, 0)]
