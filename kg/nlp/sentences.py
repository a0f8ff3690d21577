"""Rule-based sentence boundaries that know biomedical abbreviations (``irkg_sentences_v1``).

Why rules and not pysbd: relations, species cues and evidence sentences only need boundaries that
are right on ordinary abstract prose, and pysbd (scispaCy's ``pysbd_sentencizer``) re-segments the
whole text with regular expressions, which costs more than our entire recognition step (measured
in ``bench/annotate_bench.py``). The rules:

* a newline in the text (passage boundary: title / abstract / sections) always starts a sentence;
* ``.``, ``!``, ``?`` (alone or glued to a word, as the scispaCy tokenizer leaves "M." or "x.")
  end a sentence when the next word looks like a sentence start: a capital, a digit, or a
  lower-case gene-like word with a capital or digit inside ("mTOR", "p53", "cGAS");
* never after a known abbreviation ("e.g.", "Fig.", "et al.", "vs.", "approx.") or a single
  capital initial ("E. coli"), and never inside open parentheses or brackets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Lower-cased, without the final period. Words after which a period does not end a sentence.
ABBREVIATIONS = frozenset(
    """e.g i.e eg ie et al fig figs vs v approx ca cf dr prof no nos sp spp var subsp ref refs
    eq eqs vol pp resp viz mr mrs ms st jr inc ltd co corp dept univ suppl ed eds ch sect
    min max mo wk wks yr yrs hr hrs temp conc approx. incl esp""".split()  # noqa: SIM905
)
_ENDERS = frozenset(".!?")
_OPEN = frozenset("([{")
_CLOSE = frozenset(")]}")


@dataclass(frozen=True, slots=True)
class SentenceStarts:
    """Token indices where sentences start (always includes 0 for a non-empty doc)."""

    starts: tuple[int, ...]


class SentenceSplitter:
    """Sets ``token.is_sent_start`` for every token; overwrites earlier boundaries."""

    def __init__(self, *, extra_abbreviations: tuple[str, ...] = ()) -> None:
        self.abbreviations = ABBREVIATIONS | {a.lower().rstrip(".") for a in extra_abbreviations}

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> SentenceStarts:
        """Find sentence starts without changing the doc."""
        starts: list[int] = [0] if len(doc) else []
        depth = 0
        pending_end = False  # the previous non-space token ended a sentence
        after_newline = False
        for token in doc:
            if token.is_space:
                if "\n" in token.text:
                    after_newline = True
                    depth = 0
                continue
            if token.i > 0 and "\n" in doc[token.i - 1].whitespace_:
                after_newline = True
            if token.i > 0 and (after_newline or (pending_end and self._starts_sentence(token))):
                if starts[-1] != token.i:
                    starts.append(token.i)
                depth = 0
            after_newline = False
            pending_end = depth == 0 and self._ends_sentence(token)
            depth = self._depth_after(token.text, depth)
        return SentenceStarts(tuple(starts))

    def set_annotations(self, doc: Doc, found: SentenceStarts) -> None:
        # one array write: setting ``token.is_sent_start`` token by token re-checks the whole
        # doc each time (quadratic on a long paragraph)
        import numpy
        from spacy.attrs import SENT_START

        values = numpy.full(len(doc), -1, dtype="int64").astype("uint64")
        values[list(found.starts)] = 1
        doc.from_array([SENT_START], values.reshape(-1, 1))

    def _ends_sentence(self, token: Token) -> bool:
        text = token.text
        if text[-1] not in _ENDERS:
            return False
        if len(text) == 1:
            return not self._previous_is_abbreviation(token)
        stem = text[:-1]
        if stem.lower() in self.abbreviations:
            return False
        if "." in stem:  # "e.g.", "i.e."
            return False
        if len(stem) == 1 and stem.isupper():
            # an initial ("E. coli") unless it is a unit after a number ("10(-5) M.")
            return token.i > 0 and token.doc[token.i - 1].text[-1:] in "0123456789)"
        return True

    def _previous_is_abbreviation(self, token: Token) -> bool:
        """A lone period after "al", "Fig", an initial: the period belongs to the abbreviation."""
        if token.i == 0:
            return False
        previous = token.doc[token.i - 1]
        if previous.whitespace_:
            return False
        word = previous.text.lower()
        return word in self.abbreviations or (len(word) == 1 and previous.text.isupper())

    @staticmethod
    def _starts_sentence(token: Token) -> bool:
        first = token.text[0]
        if first.isupper() or first.isdigit() or first in "([\"'“‘":
            return True
        # lower-case gene symbols and names start sentences too: "mTOR", "p53", "cGAS", "siRNA"
        return first.isalpha() and any(c.isupper() or c.isdigit() for c in token.text[1:])

    @staticmethod
    def _depth_after(text: str, depth: int) -> int:
        for char in text:
            if char in _OPEN:
                depth += 1
            elif char in _CLOSE and depth > 0:
                depth -= 1
        return depth
