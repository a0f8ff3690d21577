"""The compiler's merge policy and flags, on hand-made records."""

from __future__ import annotations

from kg.lexicon import Flags, Lexicon, Ortholog
from kg.lexicon.compile import LexiconCompiler, StopTerm
from kg.lexicon.records import ConceptRecord, Term
from kg.model import EntityType

S, N, P = int(Flags.SYMBOL), int(Flags.NAME), int(Flags.PREFERRED)


def _gene(
    curie: str, taxon: str, *terms: tuple[str, int], source: str = "src", **kw
) -> ConceptRecord:
    return ConceptRecord(
        curie=curie,
        type=EntityType.GENE,
        preferred=terms[0][0],
        source=source,
        taxon=taxon,
        terms=tuple(Term(t, f) for t, f in terms),
        **kw,
    )


def _compile(
    *records: ConceptRecord, stop: tuple[StopTerm, ...] = ()
) -> tuple[Lexicon, LexiconCompiler]:
    compiler = LexiconCompiler()
    compiler.add_all(records)
    for term in stop:
        compiler.add_stop(term)
    return Lexicon(compiler.compile(), version="test"), compiler


def test_one_entry_per_key_and_concept_with_merged_flags() -> None:
    lex, _ = _compile(
        _gene("NCBIGene:340061", "NCBITaxon:9606", ("STING1", S | P), ("TMEM173", S), ("MITA", S)),
        _gene("NCBIGene:340061", "NCBITaxon:9606", ("Tmem-173", S), ("Mita", S), source="hgnc"),
    )
    (entry,) = lex.lookup_key("tmem173")  # long symbols: one entry for both spellings
    assert entry.term == "TMEM173"
    assert Flags.MULTI_SOURCE in entry.flags and Flags.CASE_SENSITIVE not in entry.flags
    short = lex.lookup_key("mita")  # short symbols: one entry per spelling, matched by case
    assert sorted(e.term for e in short) == ["MITA", "Mita"]
    assert all(Flags.CASE_SENSITIVE in e.flags for e in short)
    assert [e.term for e in lex.lookup("Mita")] == ["Mita"]
    concept = lex.concept("NCBIGene:340061")
    assert concept is not None
    assert concept.synonyms == ("STING1", "TMEM173", "MITA", "Tmem-173", "Mita")
    assert concept.sources == ("src", "hgnc")


def test_ambiguity_flags() -> None:
    lex, _ = _compile(
        _gene("NCBIGene:1", "NCBITaxon:9606", ("ABC1", S | P)),
        _gene("NCBIGene:2", "NCBITaxon:10090", ("Abc1", S | P)),
        _gene("NCBIGene:3", "NCBITaxon:9606", ("XYZ", S | P), ("ABC1", S)),
        ConceptRecord("MESH:D1", EntityType.CHEMICAL, "abc-1", "mesh", terms=(Term("ABC-1", N),)),
    )
    by_curie = {e.curie: e.flags for e in lex.lookup_key("abc1")}
    assert all(Flags.AMBIGUOUS_TYPE in f for f in by_curie.values())
    assert Flags.AMBIGUOUS_SPECIES in by_curie["NCBIGene:1"]
    assert Flags.AMBIGUOUS_SPECIES not in by_curie["MESH:D1"]
    assert Flags.AMBIGUOUS_CONCEPT in by_curie["NCBIGene:3"]  # two human genes
    assert Flags.AMBIGUOUS_CONCEPT not in by_curie["NCBIGene:2"]  # the only mouse gene


def test_stop_list_and_automatic_stops() -> None:
    lex, compiler = _compile(
        _gene("NCBIGene:847", "NCBITaxon:9606", ("CAT", S | P), ("7", S), ("X", S)),
        stop=(StopTerm("CAT", "English word", "curated for irkg"),),
    )
    assert all(e.is_stop for e in lex.lookup_key("cat"))
    assert lex.lookup_key("7")[0].is_stop and lex.lookup_key("x")[0].is_stop
    assert compiler.report.skipped["keys flagged STOP (one character or no letter)"] == 2


def test_a_stop_term_scoped_to_types_leaves_the_other_types_alone() -> None:
    species = ConceptRecord(
        "NCBITaxon:10090", EntityType.SPECIES, "Mice", "mesh", terms=(Term("Mice", N | P),)
    )
    lex, _ = _compile(
        _gene("NCBIGene:4280", "NCBITaxon:9606", ("MICE", S)),
        species,
        stop=(StopTerm("MICE", "English word", "curated", frozenset({EntityType.GENE})),),
    )
    stopped = {e.curie: e.is_stop for e in lex.lookup_key("mice")}
    assert stopped == {"NCBIGene:4280": True, "NCBITaxon:10090": False}


def test_an_unscoped_stop_row_wins_over_a_scoped_one() -> None:
    lex, _ = _compile(
        _gene("NCBIGene:847", "NCBITaxon:9606", ("CAT", S | P)),
        ConceptRecord("NCBITaxon:9685", EntityType.SPECIES, "Cat", "mesh", terms=(Term("Cat", N),)),
        stop=(
            StopTerm("CAT", "gene symbol", "curated", frozenset({EntityType.GENE})),
            StopTerm("cat", "English word", "curated"),
        ),
    )
    assert all(e.is_stop for e in lex.lookup_key("cat"))


def test_case_sensitivity_only_when_every_form_is_short_symbol() -> None:
    lex, _ = _compile(
        _gene("NCBIGene:9", "NCBITaxon:9606", ("Sting", S), ("sting", N)),
        _gene("NCBIGene:10", "NCBITaxon:9606", ("MITA", S | P)),
    )
    assert Flags.CASE_SENSITIVE not in lex.lookup_key("sting")[0].flags
    assert Flags.CASE_SENSITIVE in lex.lookup_key("mita")[0].flags
    assert lex.lookup("mita") == () and lex.lookup("MITA")


def test_attachments_update_only_and_orthologs() -> None:
    human = _gene(
        "NCBIGene:340061", "NCBITaxon:9606", ("STING1", S | P), orthologs=("MGI:1919762",)
    )
    mouse = _gene("NCBIGene:72512", "NCBITaxon:10090", ("Sting1", S | P), xrefs=("MGI:1919762",))
    mgi = ConceptRecord(
        "MGI:1919762",
        EntityType.GENE,
        "Sting1",
        "mgi",
        terms=(Term("Tmem173", S),),
        attach_to_xref=True,
    )
    lost = ConceptRecord(
        "MGI:1", EntityType.GENE, "x", "mgi", terms=(Term("Zzz", S),), attach_to_xref=True
    )
    update = ConceptRecord(
        "NCBIGene:340061",
        EntityType.GENE,
        "cGAS?",
        "ontology/x.tsv",
        terms=(Term("hSTING", S),),
        update_only=True,
    )
    missing = ConceptRecord(
        "NCBIGene:404",
        EntityType.GENE,
        "x",
        "ontology/x.tsv",
        terms=(Term("nope", S),),
        update_only=True,
    )
    lex, compiler = _compile(mgi, lost, update, missing, human, mouse)
    assert [e.curie for e in lex.lookup("Tmem173")] == ["NCBIGene:72512"]
    hsting = lex.lookup("hSTING")[0]
    assert hsting.curie == "NCBIGene:340061" and Flags.CURATED in hsting.flags
    assert lex.lookup("nope") == ()
    assert compiler.report.skipped["mgi entries with no matching gene"] == 1
    assert compiler.report.skipped["ontology/x.tsv records with no concept"] == 1
    assert lex.orthologs() == (Ortholog("NCBIGene:340061", "NCBIGene:72512", "hgnc:MGI:1919762"),)


def test_type_conflict_curated_wins_and_is_reported() -> None:
    mesh = ConceptRecord("MESH:D1", EntityType.CHEMICAL, "Foo", "mesh", terms=(Term("Foo", N),))
    curated = ConceptRecord("MESH:D1", EntityType.RADIOTHERAPY, "Foo", "ontology/c.tsv")
    lex, compiler = _compile(mesh, curated)
    assert lex.lookup("Foo")[0].type == EntityType.RADIOTHERAPY
    assert (
        compiler.report.type_conflicts and "kept Radiotherapy" in compiler.report.type_conflicts[0]
    )
