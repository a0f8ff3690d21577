"""Which organism a gene mention belongs to (``irkg_species_v1``): human unless the text says mouse.

"STING" in a paper on MC38 tumours in C57BL/6 mice is mouse Sting1 (NCBIGene:72512); in a paper
on patients it is human STING1 (NCBIGene:340061). Cues, each counted once per occurrence:

* Species entities (mice, mouse, human: the lexicon's Species terms) and their taxon;
* cell lines named by a code, through the taxon of the line (MC38, LLC1, CT26, B16 are mouse;
  HeLa human); a cell-line match written as a plain word ("fibroblasts", which a corpus files
  under NIH/3T3) is no cue;
* a few words the lexicon does not carry as species: patients, children, probands (human);
  murine, C57BL/6, BALB/c, xenograft hosts (mouse).

In the order they are tried (after SR4GN, GNormPlus's species step: the species named at the
gene, then the sentence, then the document's focus species):

1. a species prefix on the symbol itself ("hDaxx", "mCB2");
2. a cue right before the mention ("mouse PAX4", "human CD59"; spaces or a hyphen between);
3. a sentence with cues decides for the genes in it (majority; human on a tie);
4. otherwise the document's majority (human on a tie); with no cue at all, the default taxon
   (human).

Spelling is no cue: "Mdm2", "Sp100" and "Kv4.2" are human genes in GNormPlus as often as not.
The chosen taxon's best candidate becomes the prediction (``span._.ids``), pseudogenes behind
genes ("FKBP12" is FKBP1A, not FKBP1AP1, which lists the alias too); its candidates move to the
front of ``span._.candidates``, the other taxa's stay behind them as alternatives. A name only
one taxon's record carries ("growth hormone" is the full name of mouse Gh, human GH1 is "growth
hormone 1") is moved to the chosen taxon through the lexicon's orthologs (HGNC/MGI), the
ortholog whose symbol is or extends the source symbol first (Gh -> GH1 before CSH1, GH2);
without an ortholog it keeps its candidates. Among the chosen taxon's candidates, one the
document also names by its official symbol goes first ("IMP3" beside "IGF2BP3";
``kg.nlp.symbols``). ``span._.taxon`` is set for genes and cell lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.model import EntityType
from kg.nlp.dictionary import species_prefix
from kg.nlp.extensions import Candidate, candidates_of, set_candidates
from kg.nlp.spans import doc_text
from kg.nlp.symbols import named_first, writer
from kg.taxa import HUMAN, MOUSE

MAX_CUE_GAP = 2  # spaces or hyphens between a species word and the gene it names

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from kg.lexicon import Concept, Lexicon

DEFAULT_WORD_CUES = {
    r"[Pp]atients?": HUMAN,
    r"[Cc]hildren": HUMAN,
    r"[Pp]robands?": HUMAN,
    r"murine": MOUSE,
    r"C57BL/?6\w*": MOUSE,
    r"BALB/c\w*": MOUSE,
    r"knock-?out mice": MOUSE,
    r"syngeneic": MOUSE,
}


@dataclass(frozen=True, slots=True)
class Cue:
    """A word or entity at ``start``-``end`` (character offsets) that names ``taxon``."""

    start: int
    end: int
    taxon: str

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad cue offsets {self.start}-{self.end}")
        if not self.taxon.startswith("NCBITaxon:"):
            raise ValueError(f"cue taxon must be an NCBITaxon CURIE: {self.taxon!r}")


@dataclass(frozen=True, slots=True)
class SpeciesContext:
    """The taxa a document mentions: overall and per sentence (by sentence start offset)."""

    document: str
    document_counts: tuple[tuple[str, int], ...]
    sentences: tuple[tuple[int, str], ...]  # (sentence start char, deciding taxon) with cues
    cues: tuple[Cue, ...] = ()  # every cue, in text order

    def taxon_for(self, sentence_start: int) -> str:
        return dict(self.sentences).get(sentence_start, self.document)


@dataclass(frozen=True, slots=True)
class SpeciesChoice:
    """The taxon of the gene at ``start``-``end`` and its candidates, the chosen taxon's first."""

    start: int
    end: int
    taxon: str
    candidates: tuple[Candidate, ...]


class SpeciesAssigner:
    """Chooses a taxon for each gene entity and predicts that taxon's best identifier."""

    def __init__(
        self,
        *,
        default_taxon: str = HUMAN,
        word_cues: dict[str, str] | None = None,
        counted_taxa: tuple[str, ...] = (HUMAN, MOUSE),
        sentence_cues: bool = True,
        lexicon: Lexicon | None = None,
    ) -> None:
        if not default_taxon.startswith("NCBITaxon:"):
            raise ValueError(f"default_taxon must be an NCBITaxon CURIE: {default_taxon!r}")
        self.default_taxon = default_taxon
        cues = DEFAULT_WORD_CUES if word_cues is None else word_cues
        # one pass for every word cue: a named group per cue, its taxon by the group's name
        self._cue_taxa = {f"c{i}": taxon for i, taxon in enumerate(cues.values())}
        self._word_cues = re.compile(
            "|".join(rf"\b(?P<c{i}>{p})\b" for i, p in enumerate(cues)) or r"(?!)"
        )
        self.counted_taxa = frozenset(counted_taxa)
        self.sentence_cues = sentence_cues
        self.lexicon = lexicon
        self._ortholog_map: dict[str, list[str]] | None = None

    def __call__(self, doc: Doc) -> Doc:
        context = self.context(doc)
        self.set_annotations(doc, context, self.match(doc, context))
        return doc

    def context(self, doc: Doc) -> SpeciesContext:
        """Taxon cues of the document and of each sentence."""
        cues = self._cues(doc)
        counts = Counter(cue.taxon for cue in cues)
        document = _majority(counts, self.default_taxon)
        per_sentence: dict[int, Counter[str]] = {}
        starts = _sentence_starts(doc)
        for cue in cues:
            per_sentence.setdefault(_sentence_of(starts, cue.start), Counter())[cue.taxon] += 1
        return SpeciesContext(
            document=document,
            document_counts=tuple(sorted(counts.items())),
            sentences=tuple(
                (start, _majority(counts, self.default_taxon))
                for start, counts in sorted(per_sentence.items())
            ),
            cues=tuple(cues),
        )

    def match(self, doc: Doc, context: SpeciesContext | None = None) -> list[SpeciesChoice]:
        context = context or self.context(doc)
        starts = _sentence_starts(doc)
        by_sentence = dict(context.sentences) if self.sentence_cues else {}
        ents = doc.ents  # one access: the getter rebuilds the spans
        text = doc_text(doc)
        adjacent = _adjacent(text, context.cues, ents)
        writes = writer(text)
        choices = []
        for ent in ents:
            if ent.label_ != EntityType.GENE.value or not ent._.ids:
                continue
            cue = adjacent.get(ent.start_char)
            sentence = _sentence_of(starts, ent.start_char)
            taxon = (
                species_prefix(ent.text)
                or (cue.taxon if cue is not None else None)
                or by_sentence.get(sentence, context.document)
            )
            choices.append(self._choose(ent, taxon, writes))
        return choices

    def _choose(self, ent: Span, taxon: str, writes: Callable[[str], bool]) -> SpeciesChoice:
        candidates = candidates_of(ent)
        keep = [c for c in candidates if c.taxon == taxon]
        if not keep:
            keep = self._orthologs(candidates, taxon) or list(candidates)
        keep = self._genes_before_pseudogenes(keep)
        keep = named_first(keep, lambda c: self._symbol(c.curie), ent.text, writes)
        rest = [c for c in candidates if c not in keep]
        chosen = keep[0].taxon or taxon
        return SpeciesChoice(ent.start_char, ent.end_char, chosen, (*keep, *rest))

    def _orthologs(self, candidates: tuple[Candidate, ...], taxon: str) -> list[Candidate]:
        """Orthologs in ``taxon`` (human <-> mouse) of the candidates, in order, without
        repeats, each scored as the candidate it comes from."""
        if self.lexicon is None or taxon not in (HUMAN, MOUSE):
            return []
        if self._ortholog_map is None:
            pairs: dict[str, list[str]] = {}
            for o in self.lexicon.orthologs():
                pairs.setdefault(o.mouse, []).append(o.human)
                pairs.setdefault(o.human, []).append(o.mouse)
            self._ortholog_map = pairs
        out: dict[str, Candidate] = {}
        for candidate in candidates:
            source = self._symbol(candidate.curie)
            others = self._ortholog_map.get(candidate.curie, ())
            for other in sorted(others, key=lambda o: _symbol_fit(self._symbol(o), source)):
                out.setdefault(other, Candidate(other, taxon, candidate.score))
        return list(out.values())

    def _symbol(self, curie: str) -> str:
        concept = self.lexicon.concept(curie) if self.lexicon is not None else None
        return concept.preferred if concept is not None else ""

    def _genes_before_pseudogenes(self, candidates: list[Candidate]) -> list[Candidate]:
        """Same order, pseudogenes last: "FKBP12" is FKBP1A, not FKBP1AP1-4, which list the
        same alias."""
        if self.lexicon is None or len(candidates) < 2:
            return candidates
        flags = [_pseudogene(self.lexicon.concept(c.curie)) for c in candidates]
        if all(flags) or not any(flags):
            return candidates
        return [c for c, f in zip(candidates, flags, strict=True) if not f] + [
            c for c, f in zip(candidates, flags, strict=True) if f
        ]

    def set_annotations(
        self, doc: Doc, context: SpeciesContext, found: list[SpeciesChoice]
    ) -> None:
        doc._.irkg_species = context
        by_span = {(c.start, c.end): c for c in found}
        for ent in doc.ents:
            choice = by_span.get((ent.start_char, ent.end_char))
            if choice is not None:
                set_candidates(ent, choice.candidates, float(ent._.score or 0.0))
                ent._.taxon = choice.taxon
            elif ent.label_ == EntityType.CELL_LINE.value and ent._.id_taxa:
                ent._.taxon = ent._.id_taxa[0] or None

    # ------------------------------------------------------------------ internals

    def _cues(self, doc: Doc) -> list[Cue]:
        """Species entities, cell lines named by a code ("MC38", "HeLa"; "fibroblasts" is a
        cell type however a corpus filed it) and word cues, of the counted taxa, in order."""
        cues: list[Cue] = []
        for ent in doc.ents:
            if ent.label_ == EntityType.SPECIES.value:
                taxa = ent._.ids[:1]
            elif ent.label_ == EntityType.CELL_LINE.value and _code_like(ent.text):
                taxa = ent._.id_taxa[:1]
            else:
                continue
            cues.extend(
                Cue(ent.start_char, ent.end_char, t) for t in taxa if t in self.counted_taxa
            )
        counted = {cue.start for cue in cues}  # "patients" may be a Species entity too
        cues.extend(
            Cue(m.start(), m.end(), self._cue_taxa[m.lastgroup or ""])
            for m in self._word_cues.finditer(doc_text(doc))
            if m.start() not in counted
        )
        return sorted(cues, key=lambda cue: cue.start)


def _adjacent(text: str, cues: Iterable[Cue], ents: Iterable[Span]) -> dict[int, Cue]:
    """Gene start -> the cue right before it ("mouse PAX4", "murine Ly-6", "human-CD59"):
    only spaces or a hyphen between them, at most ``MAX_CUE_GAP`` characters."""
    by_end = {cue.end: cue for cue in cues}
    out: dict[int, Cue] = {}
    for ent in ents:
        if ent.label_ != EntityType.GENE.value:
            continue
        start = end = ent.start_char
        while start > max(0, end - MAX_CUE_GAP) and text[start - 1] in " -":
            start -= 1
        if start < end and (cue := by_end.get(start)) is not None:
            out[end] = cue
    return out


def _symbol_fit(symbol: str, source: str) -> int:
    """How well an ortholog's symbol fits the symbol it is reached from: the same ("Cd59" ->
    "CD59"), extending it ("Gh" -> "GH1", before its paralogues CSH1, CSHL1), or not."""
    symbol, source = symbol.casefold(), source.casefold()
    if not source:
        return 2
    if symbol == source:
        return 0
    return 1 if symbol.startswith(source) else 2


def _pseudogene(concept: Concept | None) -> bool:
    """An NCBI Gene record of a pseudogene: its description or a name says so."""
    return concept is not None and any("pseudogene" in name for name in concept.synonyms)


def _code_like(text: str) -> bool:
    """A cell-line name rather than a word: it has a capital or a digit ("MC38", "HeLa")."""
    return any(c.isupper() or c.isdigit() for c in text)


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
