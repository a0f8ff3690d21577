"""The normaliser against a tiny real lexicon: exact keys first, then TF-IDF candidates."""

import pytest
from spacy.tokens import Span
from tiny_lexicon import lexicon_ref

from kg.model import EntityType


@pytest.fixture()
def normalise(blank, tiny_lex, tmp_path):
    from kg.nlp.extensions import register_extensions

    register_extensions()
    candidates = {"@misc": "irkg.tfidf_candidates.v1", "cache_dir": str(tmp_path)}
    blank.add_pipe(
        "irkg_normalizer_v1",
        config={"lexicon": lexicon_ref(tiny_lex), "candidates": candidates, "threshold": 0.7},
    )

    def run(text: str, spans: list[tuple[int, int, str]]):
        doc = blank.make_doc(text)
        doc.ents = [Span(doc, s, e, label) for s, e, label in spans]
        return blank.get_pipe("irkg_normalizer_v1")(doc)

    return run


def test_exact_keys_all_taxa_ranked(normalise):
    doc = normalise("STING and cisplatin", [(0, 1, "Gene"), (2, 3, "Chemical")])
    sting, cis = doc.ents
    assert set(sting._.ids) == {"NCBIGene:340061", "NCBIGene:72512"}
    assert dict(zip(sting._.ids, sting._.id_taxa, strict=True))["NCBIGene:72512"] == (
        "NCBITaxon:10090"
    )
    assert cis._.ids == ("MESH:D002945",) and cis._.score == 1.0


def test_tfidf_for_spans_without_an_exact_key(normalise):
    doc = normalise(
        "cisplatinum and pembrolizumabb and xyzzy",
        [(0, 1, "Chemical"), (2, 3, "Chemical"), (4, 5, "Chemical")],
    )
    cis, pem, none = doc.ents
    assert cis._.ids == ("MESH:D002945",) and 0.7 <= cis._.score < 1.0
    assert pem._.ids == ("MESH:C582435",)
    assert none._.ids == () and none._.score == 0.0


def test_tfidf_numbers_must_agree(tiny_lex, tmp_path):
    from kg.nlp.candidates import CandidateIndex

    index = CandidateIndex(tiny_lex, cache_dir=tmp_path)
    (hits,) = index.search(["programmed cell death ligand-2"], EntityType.GENE, k=3)
    assert hits[0].curie == "NCBIGene:80380"
    assert all(h.curie != "NCBIGene:29126" for h in hits)


def test_index_is_cached_beside_the_lexicon(tiny_lex_file):
    from kg.lexicon import Lexicon
    from kg.nlp.candidates import CandidateIndex, default_cache_dir

    lexicon = Lexicon.open(tiny_lex_file)
    folder = default_cache_dir(lexicon)
    assert folder is not None and str(folder).startswith(str(tiny_lex_file))
    assert lexicon.version in folder.name
    first = CandidateIndex(lexicon).search(["hypertensionn"], EntityType.DISEASE, 1)
    assert (folder / "Disease" / "aliases.json").is_file()
    again = CandidateIndex(lexicon).search(["hypertensionn"], EntityType.DISEASE, 1)
    assert first == again and first[0][0].curie == "MESH:D006973"


def test_validation(tiny_lex):
    from kg.nlp.normalize import Normalization, Normalizer

    with pytest.raises(ValueError):
        Normalizer(lexicon=tiny_lex, threshold=0)
    with pytest.raises(ValueError):
        Normalization(0, 1, ("A:1",), (), 1.0, "exact")
