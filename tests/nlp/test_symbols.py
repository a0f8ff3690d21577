"""The document names one of an alias's genes by its official symbol (kg.nlp.symbols)."""

from kg.nlp.symbols import named_first, writer

TEXT = (
    "Insulin-like growth factor 2 mRNA-binding protein 3 (IGF2BP3, also known as IMP3) is "
    "oncofetal. The knockdown of IMP3 reduced proliferation; TFAP4-like and pre-KRAS2 differ."
)
SYMBOLS = {"NCBIGene:55272": "IMP3", "NCBIGene:10643": "IGF2BP3", "NCBIGene:7023": "TFAP4"}


def _rank(candidates, surface="IMP3", text=TEXT):
    return named_first(candidates, SYMBOLS.__getitem__, surface, writer(text))


def test_the_candidate_named_by_its_official_symbol_goes_first():
    assert _rank(["NCBIGene:55272", "NCBIGene:10643"]) == ["NCBIGene:10643", "NCBIGene:55272"]


def test_the_mentions_own_surface_names_no_candidate():
    # "IMP3" is written, but it is the mention itself: the first candidate is not "named"
    assert _rank(["NCBIGene:55272", "NCBIGene:10643"])[0] == "NCBIGene:10643"
    text = "IMP3 is high; IMP3 again."
    assert _rank(["NCBIGene:55272", "NCBIGene:10643"], text=text) == [
        "NCBIGene:55272",
        "NCBIGene:10643",
    ]


def test_the_first_stays_when_it_is_named_or_two_others_are():
    both = "IMP3 binds IGF2BP3 and TFAP4 in cells."
    named_first_too = ["NCBIGene:10643", "NCBIGene:55272"]
    assert _rank(named_first_too, text=both) == named_first_too
    two_named = ["NCBIGene:55272", "NCBIGene:10643", "NCBIGene:7023"]
    assert _rank(two_named, text=both) == two_named


def test_a_symbol_inside_another_word_is_not_written():
    writes = writer(TEXT)
    assert writes("IGF2BP3") and not writes("TFAP4") and not writes("KRAS")
    assert not writes("igf2bp3")  # case as written
    assert not writer("p5 and Li")("p5")  # too short to name one gene
