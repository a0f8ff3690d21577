"""The hybrid merge rules on hand-made candidates."""

from dataclasses import dataclass

import pytest

from kg.nlp.hybrid import DictionaryRule, HybridPolicy, Source, choose_hybrid

M, D = "irkg_model", "irkg_dict"


@dataclass(frozen=True)
class C:
    key: str
    start: int
    end: int
    label: str


def spans(chosen):
    return [(c.key, c.start, c.end, c.label) for c in chosen]


def test_model_wins_on_overlap_even_against_a_longer_dictionary_span():
    chosen = choose_hybrid([C(D, 0, 3, "Disease"), C(M, 1, 3, "Disease")], HybridPolicy())
    assert spans(chosen) == [(M, 1, 3, "Disease")]


def test_model_type_wins_over_the_dictionary_type():
    chosen = choose_hybrid([C(D, 4, 5, "Gene"), C(M, 4, 5, "Chemical")], HybridPolicy())
    assert spans(chosen) == [(M, 4, 5, "Chemical")]


def test_between_model_heads_the_dictionary_confirmed_one_wins():
    cands = [C(M, 2, 4, "Chemical"), C(M, 3, 4, "Gene"), C(D, 3, 4, "Gene")]
    assert spans(choose_hybrid(cands, HybridPolicy())) == [(M, 3, 4, "Gene")]
    # without confirmation the longer span wins, then type priority
    assert spans(choose_hybrid(cands[:2], HybridPolicy())) == [(M, 2, 4, "Chemical")]
    tie = [C(M, 0, 1, "Gene"), C(M, 0, 1, "CellLine")]
    assert spans(choose_hybrid(tie, HybridPolicy())) == [(M, 0, 1, "CellLine")]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (DictionaryRule.ALWAYS, [(M, 0, 1, "Gene"), (D, 5, 6, "Gene"), (D, 8, 9, "Gene")]),
        (DictionaryRule.SEEN, [(M, 0, 1, "Gene"), (D, 5, 6, "Gene")]),
        (DictionaryRule.NEVER, [(M, 0, 1, "Gene")]),
    ],
)
def test_dictionary_alone_follows_its_type_rule(rule, expected):
    cands = [C(M, 0, 1, "Gene"), C(D, 5, 6, "Gene"), C(D, 8, 9, "Gene")]
    texts = {(0, 1): "STING", (5, 6): "sting", (8, 9): "TBK1"}
    policy = HybridPolicy(dictionary_alone={"Gene": rule})
    assert spans(choose_hybrid(cands, policy, texts)) == expected


def test_seen_needs_the_same_type():
    cands = [C(M, 0, 1, "Chemical"), C(D, 5, 6, "Gene")]
    texts = {(0, 1): "insulin", (5, 6): "insulin"}
    assert spans(choose_hybrid(cands, HybridPolicy(), texts)) == [(M, 0, 1, "Chemical")]


def test_overlapping_dictionary_spans_longest_first():
    cands = [C(D, 0, 1, "Disease"), C(D, 0, 2, "Disease"), C(D, 1, 3, "Chemical")]
    policy = HybridPolicy(default_rule=DictionaryRule.ALWAYS)
    assert spans(choose_hybrid(cands, policy)) == [(D, 0, 2, "Disease")]


def test_other_span_keys_are_ignored_and_bad_policies_refused():
    assert choose_hybrid([C("other", 0, 1, "Gene")], HybridPolicy()) == []
    with pytest.raises(ValueError, match="differ"):
        HybridPolicy(model_key="x", dictionary_key="x")
    with pytest.raises(ValueError, match="DictionaryRule"):
        HybridPolicy(dictionary_alone={"Gene": "always"})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="Source"):
        HybridPolicy(prefer={"Gene": "model"})  # type: ignore[dict-item]


def test_dictionary_can_be_preferred_per_type():
    cands = [C(D, 0, 3, "Disease"), C(M, 1, 3, "Disease"), C(D, 5, 6, "Gene"), C(M, 5, 7, "Gene")]
    policy = HybridPolicy(prefer={"Disease": Source.DICTIONARY})
    assert spans(choose_hybrid(cands, policy)) == [(D, 0, 3, "Disease"), (M, 5, 7, "Gene")]


def test_agreement_is_kept_whatever_is_preferred():
    cands = [C(D, 2, 4, "Chemical"), C(M, 2, 4, "Chemical")]
    for source in Source:
        chosen = choose_hybrid(cands, HybridPolicy(prefer={"Chemical": source}))
        assert spans(chosen) == [(M, 2, 4, "Chemical")]


def test_model_alone_can_be_switched_off():
    cands = [C(M, 0, 1, "Gene"), C(M, 3, 4, "Chemical"), C(D, 3, 4, "Chemical")]
    policy = HybridPolicy(model_alone={"Gene": False})
    assert spans(choose_hybrid(cands, policy)) == [(M, 3, 4, "Chemical")]


def test_same_offsets_other_type_is_a_conflict():
    cands = [C(D, 0, 1, "Gene"), C(M, 0, 1, "Chemical")]
    chosen = choose_hybrid(cands, HybridPolicy(prefer_across={"Gene": Source.DICTIONARY}))
    assert spans(chosen) == [(D, 0, 1, "Gene")]
    # the same-type preference does not decide between types
    chosen = choose_hybrid(cands, HybridPolicy(prefer={"Chemical": Source.DICTIONARY}))
    assert spans(chosen) == [(M, 0, 1, "Chemical")]


def test_type_conflicts_follow_the_dictionary_type_rule():
    cands = [C(D, 0, 1, "CellLine"), C(M, 0, 1, "Gene"), C(D, 3, 4, "Gene"), C(M, 3, 4, "Chemical")]
    policy = HybridPolicy(prefer_across={"CellLine": Source.DICTIONARY})
    assert spans(choose_hybrid(cands, policy)) == [(D, 0, 1, "CellLine"), (M, 3, 4, "Chemical")]


def test_neither_drops_both_sides_of_a_type_conflict():
    cands = [
        C(D, 0, 1, "Chemical"),  # "filamin": a MeSH protein the model calls a gene
        C(M, 0, 1, "Gene"),
        C(D, 3, 5, "Chemical"),  # the model agrees: kept
        C(M, 3, 5, "Chemical"),
        C(D, 7, 8, "Gene"),  # another dictionary type: its own rule decides
        C(M, 7, 8, "Chemical"),
    ]
    policy = HybridPolicy(prefer_across={"Chemical": Source.NEITHER, "Gene": Source.DICTIONARY})
    assert spans(choose_hybrid(cands, policy)) == [(M, 3, 5, "Chemical"), (D, 7, 8, "Gene")]


def test_neither_within_a_type_drops_both_boundaries():
    cands = [C(D, 0, 3, "Disease"), C(M, 1, 3, "Disease"), C(D, 5, 6, "Gene")]
    policy = HybridPolicy(
        prefer={"Disease": Source.NEITHER}, dictionary_alone={"Gene": DictionaryRule.ALWAYS}
    )
    assert spans(choose_hybrid(cands, policy)) == [(D, 5, 6, "Gene")]
