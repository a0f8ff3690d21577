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

    def run(
        text: str,
        spans: list[tuple[int, int, str]],
        preset=None,
        keep_unlinked=True,
        abbreviations=(),
    ):
        doc = blank.make_doc(text)
        doc.ents = [Span(doc, s, e, label) for s, e, label in spans]
        doc._.irkg_abbreviations = list(abbreviations)  # what the abbreviation step found
        for i, ids in (preset or {}).items():  # ids an earlier step set
            doc.ents[i]._.ids = ids
        normalizer = blank.get_pipe("irkg_normalizer_v1")
        normalizer.keep_unlinked = keep_unlinked
        return normalizer(doc)

    return run


def test_exact_keys_all_taxa_ranked(normalise):
    doc = normalise("STING and cisplatin", [(0, 1, "Gene"), (2, 3, "Chemical")])
    sting, cis = doc.ents
    # every taxon's concept is a candidate (the species step chooses); ids hold the first only
    taxa = {c.curie: c.taxon for c in sting._.candidates}
    assert taxa == {"NCBIGene:340061": "NCBITaxon:9606", "NCBIGene:72512": "NCBITaxon:10090"}
    assert sting._.ids == (sting._.candidates[0].curie,)
    assert sting._.id_taxa == (sting._.candidates[0].taxon,)
    assert cis._.ids == ("MESH:D002945",) and cis._.score == 1.0


def test_tfidf_for_spans_without_an_exact_key(normalise):
    doc = normalise(
        "cisplatinum and pembrolizumabb and xyzzy",
        [(0, 1, "Chemical"), (2, 3, "Chemical"), (4, 5, "Chemical")],
    )
    cis, pem, none = doc.ents
    assert cis._.ids == ("MESH:D002945",) and 0.7 <= cis._.score < 1.0
    assert cis._.candidates[0] == ("MESH:D002945", "", cis._.score)
    assert all(c.score >= 0.7 for c in cis._.candidates)  # alternatives over the threshold only
    assert pem._.ids == ("MESH:C582435",)
    assert none._.ids == () and none._.candidates == () and none._.score == 0.0


def test_unlinked_entities_leave_the_doc_by_default(normalise, blank):
    assert blank.get_pipe("irkg_normalizer_v1").keep_unlinked is False  # the factory default
    doc = normalise(
        "cisplatinum and xyzzy", [(0, 1, "Chemical"), (2, 3, "Chemical")], keep_unlinked=False
    )
    assert [(e.text, e._.ids) for e in doc.ents] == [("cisplatinum", ("MESH:D002945",))]


def test_ids_set_earlier_are_kept_first_as_prediction(normalise):
    """A step before the normaliser (a linking model) may set ranked ids: the first is kept as
    the prediction, all of them as candidates."""
    doc = normalise("STING rose", [(0, 1, "Gene")], {0: ("NCBIGene:72512", "NCBIGene:340061")})
    (kept,) = doc.ents
    assert kept._.ids == ("NCBIGene:72512",)
    assert [c.curie for c in kept._.candidates] == ["NCBIGene:72512", "NCBIGene:340061"]


def test_a_short_form_keeps_the_candidates_its_long_form_names(normalise):
    """A definition settles a short form: in "thrombopoietin (TPO)" TPO is THPO, not TPO (thyroid
    peroxidase), though no entity is on the long form (the hybrid drops a long form the model
    and the dictionary give different types)."""
    from kg.nlp.abbreviations import Abbreviation

    text = "thrombopoietin ( TPO ) and TPO levels"
    defined = Abbreviation(
        short="TPO", long="thrombopoietin", short_start=17, short_end=20, long_start=0,
        long_end=14, occurrences=((17, 20), (27, 30)),
    )  # fmt: skip
    doc = normalise(text, [(2, 3, "Gene"), (5, 6, "Gene")], abbreviations=[defined])
    assert [e._.ids for e in doc.ents] == [("NCBIGene:7066",), ("NCBIGene:7066",)]
    assert {c.curie for c in doc.ents[0]._.candidates} == {"NCBIGene:7066"}
    undefined = normalise(text, [(2, 3, "Gene")])  # without the definition: the official symbol
    assert undefined.ents[0]._.ids == ("NCBIGene:7173",)
    thyroid = Abbreviation(  # a long form naming none of them leaves the candidates whole
        short="TPO", long="thyroxine", short_start=17, short_end=20, long_start=0,
        long_end=14, occurrences=((17, 20),),
    )  # fmt: skip
    doc = normalise(text, [(2, 3, "Gene")], abbreviations=[thyroid])
    assert {c.curie for c in doc.ents[0]._.candidates} == {"NCBIGene:7173", "NCBIGene:7066"}


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
    assert (folder / "Disease" / "aliases.bin").is_file()
    again = CandidateIndex(lexicon).search(["hypertensionn"], EntityType.DISEASE, 1)
    assert first == again and first[0][0].curie == "MESH:D006973"


def test_validation(tiny_lex):
    from kg.nlp.extensions import Candidate
    from kg.nlp.normalize import Normalization, Normalizer

    with pytest.raises(ValueError):
        Normalizer(lexicon=tiny_lex, threshold=0)
    with pytest.raises(ValueError):
        Normalization(0, 1, ("A:1",), 1.0, "exact")  # a bare CURIE is no Candidate
    with pytest.raises(ValueError):
        Normalization(0, 1, (Candidate("A:1", "", 1.5),), 1.0, "exact")
    assert Normalization(0, 1, (Candidate("A:1", "", 1.0),), 1.0, "exact").ids == ("A:1",)


def test_spans_without_an_exact_key_take_their_head_concept(normalise):
    """A trained model's spans carry modifiers the lexicon never lists: the head names them."""
    text = "sporadic breast cancers and human pancreatic tumors"
    doc = normalise(text, [(0, 3, "Disease"), (4, 7, "Disease")])
    sporadic, pancreatic = doc.ents
    assert sporadic.text == "sporadic breast cancers"
    assert sporadic._.ids == ("MESH:D001943",)
    assert pancreatic.text == "human pancreatic tumors"
    assert pancreatic._.ids == ("MESH:D010190",)  # the site, not the bare noun's Neoplasms


def test_a_stop_listed_or_one_word_head_waits_for_tfidf(normalise):
    """Only a head of two words or more comes before TF-IDF; a one-word head comes after it,
    and never a stop-listed one ("ALL" is on the tiny lexicon's stop-list)."""
    text = "novel hypertension and chronic xyzzy ALL"
    doc = normalise(text, [(0, 2, "Disease"), (3, 6, "Disease")])
    hypertension, unknown = doc.ents
    assert hypertension._.ids == ("MESH:D006973",)
    assert 0 < hypertension._.score < 1.0  # the head covers part of the span
    assert unknown._.ids == ()
