"""The candidate index's vectors and files: scikit-learn's features without scikit-learn."""

import numpy as np
import pytest

from kg.nlp.tfidf import (
    CurieLists,
    PackedStrings,
    TrigramVectorizer,
    load_matrix,
    save_matrix,
    trigrams,
)

ALIASES = [
    "cisplatin",
    "programmed cell death 1 ligand 1",
    "Tumor Necrosis Factor-alpha",
    "5-fluorouracil",
    "IL 2",
    "β-catenin",
    "a",
    "interferon   beta\t1",
]
QUERIES = [
    "cis-platinum",
    "PD-L1  ligand",
    "TNF α",
    "x",
    "",
    "unknown qqq zzz",
    "Interferon-β 1a",
    "5 FU",
    "ab",
]


def test_trigrams_are_scikit_learns_char_wb():
    from sklearn.feature_extraction.text import TfidfVectorizer

    analyzer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 3)).build_analyzer()
    for text in [*ALIASES, *QUERIES, "  lead and\ntrail  "]:
        assert list(trigrams(text)) == analyzer(text), text


def test_query_vectors_equal_scikit_learns():
    from sklearn.feature_extraction.text import TfidfVectorizer

    fitted = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 3), dtype=np.float32)
    fitted.fit(ALIASES)
    ours = TrigramVectorizer.from_sklearn(fitted).transform(QUERIES)
    theirs = fitted.transform(QUERIES)
    assert ours.shape == theirs.shape and ours.dtype == np.float32
    assert np.allclose(ours.toarray(), theirs.toarray(), atol=1e-6)
    assert ours[QUERIES.index("")].nnz == 0 and ours[QUERIES.index("unknown qqq zzz")].nnz == 0


def test_files_round_trip(tmp_path):
    from sklearn.feature_extraction.text import TfidfVectorizer

    fitted = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 3), dtype=np.float32)
    matrix = fitted.fit_transform(ALIASES).tocsc()
    vectorizer = TrigramVectorizer.from_sklearn(fitted)
    vectorizer.save(tmp_path)
    save_matrix(tmp_path, matrix)
    PackedStrings.pack(ALIASES).save(tmp_path, "aliases")
    CurieLists.pack([["MESH:D1"], ["NCBIGene:29126", "NCBIGene:60533"]]).packed.save(
        tmp_path, "curies"
    )

    loaded = load_matrix(tmp_path)
    assert (loaded != matrix).nnz == 0 and loaded.format == "csc"
    again = TrigramVectorizer.load(tmp_path).transform(QUERIES)
    assert np.allclose(again.toarray(), vectorizer.transform(QUERIES).toarray())
    aliases = PackedStrings.load(tmp_path, "aliases")
    assert list(aliases) == ALIASES and aliases[-1] == ALIASES[-1] and aliases[5] == "β-catenin"
    curies = CurieLists(PackedStrings.load(tmp_path, "curies"))
    assert curies[1] == ("NCBIGene:29126", "NCBIGene:60533") and len(curies) == 2
    with pytest.raises(IndexError):
        aliases[len(ALIASES)]


def test_validation():
    with pytest.raises(ValueError, match="idf"):
        TrigramVectorizer(["abc"], np.ones(2, dtype=np.float32))
    with pytest.raises(ValueError, match="tab"):
        CurieLists.pack([["A:1\tB:2"]])
