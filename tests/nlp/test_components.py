"""Merge, abbreviations, ambiguity and species steps, on spacy.blank and in the full pipeline."""

import pytest
from spacy.tokens import Span

from kg.nlp.extensions import register_extensions


@pytest.fixture(autouse=True)
def _extensions():
    register_extensions()


def test_merge_longest_then_span_key_then_type(blank):
    blank.add_pipe("irkg_merge_v1", config={"span_keys": ["irkg_model", "irkg_dict"]})
    doc = blank.make_doc("breast cancer cells and STING")
    doc.spans["irkg_dict"] = [
        Span(doc, 0, 2, "Disease"),
        Span(doc, 1, 2, "Disease"),
        Span(doc, 4, 5, "CellLine"),
    ]
    doc.spans["irkg_model"] = [Span(doc, 4, 5, "Gene"), Span(doc, 0, 3, "CellLine")]
    doc = blank.get_pipe("irkg_merge_v1")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("breast cancer cells", "CellLine"),
        ("STING", "Gene"),
    ]


def test_merge_needs_a_span_key():
    from kg.nlp.merge import EntityMerger

    with pytest.raises(ValueError):
        EntityMerger(span_keys=())


def test_abbreviations_take_the_long_form_type_and_ids(nlp):
    doc = nlp(
        "Radiation-induced lymphopenia (RIL) follows SBRT. RIL-associated risk rose. "
        "Immune checkpoint inhibitors (ICIs) help; ICI therapy too."
    )
    ents = {(e.text, e.label_, e._.ids[:1], e._.source) for e in doc.ents}
    assert ("RIL", "Disease", ("irkg:ril",), "abbreviation") in ents
    assert ("ICIs", "Chemical", ("MESH:D000082082",), "abbreviation") in ents
    assert ("ICI", "Chemical", ("MESH:D000082082",), "abbreviation") in ents
    assert sum(e.text == "RIL" for e in doc.ents) == 2  # also inside "RIL-associated"
    assert [a.short for a in doc._.irkg_abbreviations] == ["RIL", "ICIs"]


def test_a_caused_kind_of_the_entity_is_its_long_form(nlp):
    """ "cisplatin-induced hypertension (CIH)": CIH names the hypertension; "deleted in breast
    cancer (DBC)" does not name the cancer at its end."""
    doc = nlp("Cisplatin-induced hypertension (CIH) was seen. CIH resolved. DBC fell.")
    found = [(e.text, e.label_, e._.ids) for e in doc.ents if e.text == "CIH"]
    assert found == [("CIH", "Disease", ("MESH:D006973",))] * 2
    doc = nlp("Deleted in breast cancer (DBC) fell. DBC rose.")
    assert not any(e.text == "DBC" for e in doc.ents)


def test_abbreviations_in_square_brackets(nlp):
    doc = nlp("Immune checkpoint inhibitors [ICIs] help. ICIs were given.")
    icis = [e for e in doc.ents if e.text == "ICIs"]
    assert len(icis) == 2 and all(e._.ids == ("MESH:D000082082",) for e in icis)
    assert [(a.short, a.long) for a in doc._.irkg_abbreviations] == [
        ("ICIs", "Immune checkpoint inhibitors")
    ]


def test_a_short_form_may_open_a_longer_parenthesis(nlp):
    """ "lithium (Li; 2 mmol/kg)" defines Li as "(Li)" would; a lower-case first word ("(low
    dose;"), no separator after the first word, or a list ("(Li, HeLa, MC38)") defines nothing."""
    doc = nlp("Rats received lithium (Li; 2 mmol/kg per day) and naloxone. Li levels rose.")
    assert [(a.short, a.long, a.label) for a in doc._.irkg_abbreviations] == [
        ("Li", "lithium", "Chemical")
    ]
    lis = [e for e in doc.ents if e.text == "Li"]
    assert len(lis) == 2 and all(e._.ids == ("MESH:D008094",) for e in lis)
    doc = nlp("Rats received lithium (low dose; 2 mmol/kg) and lithium (Li 2 mmol/kg per day).")
    assert doc._.irkg_abbreviations == []
    doc = nlp("Lines were lithium-treated (Li, HeLa, MC38) in vitro.")
    assert doc._.irkg_abbreviations == []


def test_abbreviation_long_form_must_start_the_definition(nlp):
    doc = nlp("The deleted in breast cancer (DBC) gene. DBC is mutated.")
    assert not any(e.text == "DBC" for e in doc.ents)


def test_abbreviation_long_form_found_by_tfidf(nlp):
    doc = nlp("Atelosteogenesis type-2 (AO2) is rare. AO2 patients.")
    ao2 = [e for e in doc.ents if e.text == "AO2"]
    assert ao2 and all(e.label_ == "Disease" and e._.ids == ("MESH:C535395",) for e in ao2)


def test_abbreviation_long_form_the_lexicon_names_otherwise_is_not_fuzzy_matched(nlp):
    """ "glucose-6-phosphate dehydrogenase (G6PD)" is the enzyme, however close the disease
    "glucose-6-phosphate dehydrogenase deficiency" is in n-grams."""
    from kg.nlp.abbreviations import Abbreviation

    resolver = nlp.get_pipe("irkg_abbreviations")
    text = "glucose-6-phosphate dehydrogenase (G6PD) mutations; G6PD Bari."

    def define(long: str) -> Abbreviation:
        return Abbreviation("G6PD", long, 35, 39, 0, len(long))

    assert resolver._fuzzy(text, define("glucose-6-phosphate dehydrogenase")) is None
    deficiency = resolver._fuzzy(text, define("glucose-6-phosphate dehydrogenase deficiency"))
    assert deficiency is not None and deficiency.long_ids == ("MESH:D005955",)


def test_stop_listed_symbol_needs_support(nlp):
    doc = nlp("CAT was low in ALL samples. CAT expression rose.")
    texts = [(e.text, e.start_char) for e in doc.ents]
    assert ("CAT", 28) in texts  # gene context: "CAT expression"
    assert ("CAT", 0) not in texts and not any(t == "ALL" for t, _ in texts)


def test_a_contradicting_definition_beats_the_train_splits(tiny_lex, tmp_path):
    """ "HD" is usually Huntington disease in the train splits (safe there); a document that
    defines it as "heteroduplex" means something else by it."""
    from kg.lexicon import normalize_key
    from kg.model import EntityType
    from kg.nlp import build_pipeline
    from kg.nlp.surface_stats import LexiconOverlay, SurfaceStat, SurfaceStats

    safe = SurfaceStat(EntityType.DISEASE, normalize_key("HD"), "HD", 9, 10, 9)
    stats = SurfaceStats([safe], version="test")
    assert stats.is_safe(EntityType.DISEASE, safe.key)
    nlp = build_pipeline(LexiconOverlay(tiny_lex, stats), learnt="none", candidates_dir=tmp_path)
    defined = nlp("Bands were seen by heteroduplex (HD) analysis. HD was repeated.")
    assert not any(e.text == "HD" for e in defined.ents)
    plain = nlp("HD was diagnosed in two sisters.")
    assert [(e.text, e.label_) for e in plain.ents] == [("HD", "Disease")]
    # a long form the dictionary misses but that names the concept confirms the short form
    near = nlp("Huntington's disease (HD) was diagnosed. HD is rare.")
    assert [e.text for e in near.ents if e.label_ == "Disease"] == ["HD", "HD"]


def test_a_disease_symbol_defined_as_something_else_leaves(nlp):
    """ "NSCLC" is an unambiguous disease symbol; defined as a device, it is no disease here."""
    doc = nlp("We used a novel stereo cell line counter (NSCLC). NSCLC counts rose.")
    assert not any(e.text == "NSCLC" for e in doc.ents)
    doc = nlp("Patients with NSCLC got SBRT.")
    assert [e.text for e in doc.ents if e.label_ == "Disease"] == ["NSCLC"]


def test_short_cell_line_code_needs_context(nlp):
    doc = nlp("BR1 was high. BR1 cells and A549 cells grew; A549 too.")
    found = [(e.text, e.start_char) for e in doc.ents if e.label_ == "CellLine"]
    assert ("BR1", 0) not in found and ("BR1", 14) in found
    assert ("A549", 28) in found


def test_species_from_context_and_orthologs(nlp):
    mouse = nlp("STING and cGAS in MC38 tumours of C57BL/6 mice; growth hormone too.")
    human = nlp("STING and cGAS in patients; growth hormone was measured.")
    ids = lambda doc: {e.text: (e._.ids, e._.taxon) for e in doc.ents if e.label_ == "Gene"}  # noqa: E731
    assert ids(mouse)["STING"] == (("NCBIGene:72512",), "NCBITaxon:10090")
    assert ids(mouse)["cGAS"][0] == ("NCBIGene:214763",)
    assert ids(human)["STING"] == (("NCBIGene:340061",), "NCBITaxon:9606")
    assert ids(human)["cGAS"][0] == ("NCBIGene:115004",)
    # only the mouse record carries the name: the human ortholog is used in a human text
    assert ids(human)["growth hormone"] == (("NCBIGene:2688",), "NCBITaxon:9606")
    assert human._.irkg_species.document == "NCBITaxon:9606"


def test_sentence_cue_beats_document_and_prefix_beats_both(nlp):
    doc = nlp("Patients were studied. In mice, STING rose. In patients, STING fell; mDaxx too.")
    genes = [(e.text, e._.taxon) for e in doc.ents if e.label_ == "Gene"]
    assert genes == [
        ("STING", "NCBITaxon:10090"),
        ("STING", "NCBITaxon:9606"),
        ("mDaxx", "NCBITaxon:10090"),
    ]


def test_cell_line_taxon(nlp):
    doc = nlp("HeLa cells and MC38 tumours.")
    assert {e.text: e._.taxon for e in doc.ents if e.label_ == "CellLine"} == {
        "HeLa": "NCBITaxon:9606",
        "MC38": "NCBITaxon:10090",
    }
