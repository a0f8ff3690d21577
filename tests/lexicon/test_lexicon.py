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


def _rewrite_header(path: Path, change) -> None:
    """Rewrite a lexicon file's JSON header through ``change(header)``, keeping the body."""
    import json
    import struct

    prefix = struct.Struct("<8sIQ")
    data = path.read_bytes()
    magic, version, length = prefix.unpack_from(data)
    start = prefix.size + length
    header = json.loads(data[prefix.size : start])
    body = data[start + (-start % 8) :]
    changed = json.dumps(change(header)).encode()
    new_start = prefix.size + len(changed)
    path.write_bytes(
        prefix.pack(magic, version, len(changed)) + changed + b"\0" * (-new_start % 8) + body
    )


def _without(key: str):
    return lambda header: {k: v for k, v in header.items() if k != key}


def _with(key: str, value):
    return lambda header: {**header, key: value}


def _section(name: str, value):
    return lambda header: {**header, "sections": {**header["sections"], name: value}}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        *[(_without(key), f"no '{key}'") for key in
          ("version", "manifest", "counts", "sources", "taxa", "types", "sections", "body_length")],
        (lambda header: [header], "not a JSON object"),
        (_with("body_length", "12"), "'body_length' is not a JSON integer"),
        (_with("body_length", -8), "negative body_length"),
        (_with("sections", []), "'sections' is not a JSON object"),
        (_with("types", None), "'types' is not a JSON array"),
        (lambda h: {**h, "sections": _without("keys")(h["sections"])}, "no section 'keys'"),
        (_section("entry_flags", [0, 8]), "section 'entry_flags' is not"),
        (_section("entry_flags", [0, 8, "f64"]), "section 'entry_flags' is not"),
        (_section("entry_flags", [1 << 40, 8, "u16"]), "ends past the body"),
        (_section("entry_flags", [0, 3, "u16"]), "not a whole number of u16"),
    ],
)  # fmt: skip
def test_a_corrupt_header_is_a_vocabulary_error(tmp_path: Path, change, reason) -> None:
    path = tmp_path / "t.irkglex"
    write_lexicon(path, pack_entries(ENTRIES, CONCEPTS, ORTHOLOGS), {"sources": []})
    _rewrite_header(path, lambda header: header)
    assert Lexicon.open(path).lookup("MITA")  # the rewrite itself keeps the file readable
    _rewrite_header(path, change)
    for read in (Lexicon.open, read_header):
        with pytest.raises(VocabularyError) as caught:
            read(path)
        assert str(caught.value).startswith(f"{path}: corrupt lexicon header")
        assert reason in str(caught.value)
