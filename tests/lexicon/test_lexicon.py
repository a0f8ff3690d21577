"""Lexicon lookups over an in-memory lexicon and the same content written to a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import VocabularyError
from kg.lexicon import Concept, Flags, LexEntry, Lexicon, Ortholog, normalize_key
from kg.lexicon.fileformat import read_header, write_lexicon
from kg.lexicon.lexicon import pack_entries
from kg.model import EntityType

HUMAN = "NCBITaxon:9606"
MOUSE = "NCBITaxon:10090"


def _entry(term: str, curie: str, type_: EntityType, taxon: str | None, flags: Flags) -> LexEntry:
    return LexEntry(
        term=term,
        key=normalize_key(term),
        curie=curie,
        type=type_,
        taxon=taxon,
        preferred=term,
        source="test",
        flags=flags,
    )


ENTRIES = [
    _entry("STING1", "NCBIGene:340061", EntityType.GENE, HUMAN, Flags.SYMBOL | Flags.PREFERRED),
    _entry("MITA", "NCBIGene:340061", EntityType.GENE, HUMAN, Flags.SYMBOL | Flags.CASE_SENSITIVE),
    _entry("Mita", "NCBIGene:72512", EntityType.GENE, MOUSE, Flags.SYMBOL | Flags.CASE_SENSITIVE),
    _entry("Melanoma", "MESH:D008545", EntityType.DISEASE, None, Flags.NAME | Flags.PREFERRED),
    _entry("Melanomas", "MESH:D008545", EntityType.DISEASE, None, Flags.NAME),
]
CONCEPTS = [
    Concept(
        "NCBIGene:340061",
        EntityType.GENE,
        "STING1",
        HUMAN,
        synonyms=("STING1", "MITA"),
        xrefs=("HGNC:27962",),
    )
]
ORTHOLOGS = [Ortholog("NCBIGene:340061", "NCBIGene:72512", "test")]


@pytest.fixture(params=["memory", "file"])
def lexicon(request: pytest.FixtureRequest, tmp_path: Path) -> Lexicon:
    if request.param == "memory":
        return Lexicon.from_entries(ENTRIES, CONCEPTS, ORTHOLOGS)
    path = tmp_path / "t.irkglex"
    write_lexicon(path, pack_entries(ENTRIES, CONCEPTS, ORTHOLOGS), {"sources": []})
    return Lexicon.open(path)


def test_lookup_key_and_text(lexicon: Lexicon) -> None:
    curies = {e.curie for e in lexicon.lookup_key("mita")}
    assert curies == {"NCBIGene:340061", "NCBIGene:72512"}
    assert {e.curie for e in lexicon.lookup("MITA")} == {"NCBIGene:340061", "NCBIGene:72512"}
    assert {e.curie for e in lexicon.lookup("Mita")} == {"NCBIGene:72512"}
    assert lexicon.lookup("mita") == ()
    assert lexicon.lookup_key("nothing") == ()
    assert lexicon.lookup_key("mita") is lexicon.lookup_key("mita")  # cached


def test_candidates_filter_and_rank(lexicon: Lexicon) -> None:
    mouse = lexicon.candidates("MITA", type="Gene", taxon=10090)
    assert [e.curie for e in mouse] == ["NCBIGene:72512"]
    human = lexicon.candidates("MITA", taxon="NCBITaxon:9606")
    assert [e.curie for e in human] == ["NCBIGene:340061"]
    melanoma = lexicon.candidates("melanomas", type=EntityType.DISEASE)
    assert [e.curie for e in melanoma] == ["MESH:D008545"]


def test_concepts_and_orthologs(lexicon: Lexicon) -> None:
    sting = lexicon.concept("NCBIGene:340061")
    assert sting is not None
    assert sting.preferred == "STING1" and sting.xrefs == ("HGNC:27962",)
    derived = lexicon.concept("NCBIGene:72512")
    assert derived is not None and derived.synonyms == ("Mita",) and derived.taxon == MOUSE
    assert lexicon.concept("NCBIGene:1") is None
    assert lexicon.orthologs() == tuple(ORTHOLOGS)
    assert len(list(lexicon.entries())) == len(ENTRIES) == len(lexicon)


def test_pickles_for_worker_processes(lexicon: Lexicon) -> None:
    import pickle

    copy = pickle.loads(pickle.dumps(lexicon))
    assert copy.version == lexicon.version and copy.path == lexicon.path
    assert [e.curie for e in copy.lookup("MITA")] == [e.curie for e in lexicon.lookup("MITA")]


def test_file_rejects_truncation_and_garbage(tmp_path: Path) -> None:
    path = tmp_path / "t.irkglex"
    write_lexicon(path, pack_entries(ENTRIES, CONCEPTS), {"sources": ["x"]})
    assert read_header(path)["manifest"] == {"sources": ["x"]}
    data = path.read_bytes()
    for cut in (len(data) // 3, len(data) - 9):
        (tmp_path / "cut.irkglex").write_bytes(data[:cut])
        with pytest.raises(VocabularyError, match="truncated"):
            Lexicon.open(tmp_path / "cut.irkglex")
    (tmp_path / "junk.irkglex").write_bytes(b"hello world, not a lexicon")
    with pytest.raises(VocabularyError, match="not an irkg lexicon"):
        Lexicon.open(tmp_path / "junk.irkglex")


def test_version_is_content_hash(tmp_path: Path) -> None:
    a = write_lexicon(tmp_path / "a", pack_entries(ENTRIES), {})
    b = write_lexicon(tmp_path / "b", pack_entries(ENTRIES), {"other": 1})
    c = write_lexicon(tmp_path / "c", pack_entries(ENTRIES[:2]), {})
    assert a == b != c


def test_entry_validation() -> None:
    with pytest.raises(ValueError, match="key"):
        LexEntry("PD-L1", "pd-l1", "NCBIGene:1", EntityType.GENE, HUMAN, "x", "s")
    with pytest.raises(ValueError, match="type"):
        LexEntry("x", "x", "NCBIGene:1", EntityType.PATHWAY, None, "x", "s")
