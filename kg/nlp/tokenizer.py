"""The biomedical tokenizer every irkg pipeline uses (registered as ``irkg.tokenizer.v1``).

scispaCy's rule-based tokenizer is the base. Entity spans in gold corpora often end inside a
hyphenated or slashed word ("STING-dependent", "PD-1/PD-L1"), and a span that does not fall on
token boundaries can be neither recognised nor learnt, so token boundaries are a measured choice:
see ``bench/`` and the training notes for the alignment rate on the train corpora.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer


def create_tokenizer(nlp: Language) -> Tokenizer:
    """scispaCy's combined rule tokenizer for ``nlp``'s vocabulary."""
    from scispacy.custom_tokenizer import combined_rule_tokenizer

    return combined_rule_tokenizer(nlp)
