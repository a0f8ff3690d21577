"""Names -> node ids on both engines: ids, names, synonyms, cross-references, local ids, the
lexicon, pathway titles; ambiguity is reported with its candidates or settled by a chooser."""

import pytest
from fixtures.graph import CD274, CGAMP, CROHN, IFNB1, PATHWAY, PEMBROLIZUMAB, SBRT
from query_graph import DURVALUMAB, MOUSE_CD274

from kg.lexicon import Flags, LexEntry, Lexicon
from kg.model import EntityType
from kg.query.resolve import (
    AmbiguousEntity,
    EntityNotFound,
    resolve_entity,
    resolve_pathway,
    words,
)


@pytest.mark.parametrize(
    ("text", "curie", "how"),
    [
        ("MESH:C582435", PEMBROLIZUMAB, "id"),
        ("pembrolizumab", PEMBROLIZUMAB, "name"),
        ("PEMBROLIZUMAB", PEMBROLIZUMAB, "name"),
        ("Keytruda", PEMBROLIZUMAB, "synonym"),
        ("drugcentral:5044", PEMBROLIZUMAB, "xref"),
        ("C582435", PEMBROLIZUMAB, "local id"),
        ("IFN-β", IFNB1, "synonym"),
        ("3',5'-cGAMP", CGAMP, "name"),
        ("Crohn's disease", CROHN, "name"),
        ("MESH:D016634", SBRT, "xref"),
        ("  SBRT ", SBRT, "synonym"),
    ],
)
def test_an_entity_is_found_by_id_name_synonym_xref_or_local_id(store, text, curie, how):
    entity = resolve_entity(store, text)
    assert (entity.id, entity.matched_by) == (curie, how)


def test_a_shared_synonym_is_ambiguous_and_lists_both_genes(store):
    with pytest.raises(AmbiguousEntity) as caught:
        resolve_entity(store, "PD-L1")
    assert {c.id for c in caught.value.candidates} == {CD274, MOUSE_CD274}
    message = str(caught.value)
    assert "'PD-L1' is ambiguous" in message and "choose one by its id" in message
    picked = resolve_entity(store, "PD-L1", choose=lambda text, found: found[-1])
    assert picked.id == caught.value.candidates[-1].id


def test_exact_case_settles_a_case_insensitive_tie(store):
    assert resolve_entity(store, "CD274").id == CD274
    assert resolve_entity(store, "Cd274").id == MOUSE_CD274


def test_nothing_found_says_what_was_searched(store):
    with pytest.raises(EntityNotFound, match="no entity matches 'nivolumab'"):
        resolve_entity(store, "nivolumab")


def test_the_lexicon_finds_names_the_graph_does_not_know(store):
    entry = LexEntry("Imfinzi injection", "imfinziinjection", DURVALUMAB, EntityType.CHEMICAL,
                     None, "durvalumab", "test", Flags.NAME)  # fmt: skip
    lexicon = Lexicon.from_entries([entry])
    with pytest.raises(EntityNotFound, match="and the lexicon"):
        resolve_entity(store, "nivolumab", lexicon=lexicon)
    found = resolve_entity(store, "Imfinzi injection", lexicon=lexicon)
    assert (found.id, found.matched_by) == (DURVALUMAB, "lexicon")


@pytest.mark.parametrize(
    "text", ["irkg:cGAS_STING_pathway", "cGAS-STING pathway", "cGAS-STING", "cgas sting", "STING"]
)
def test_a_pathway_by_id_title_or_title_words(store, text):
    assert resolve_pathway(store, text).id == PATHWAY


def test_a_pathway_argument_may_also_be_an_entity(store):
    assert resolve_pathway(store, "CD274").id == CD274
    with pytest.raises(EntityNotFound):
        resolve_pathway(store, "no such pathway at all")


def test_title_words_ignore_punctuation_and_case():
    assert words("Radiotherapy - cytosolic DNA - cGAS - STING - type I IFN")[3:5] == [
        "cgas",
        "sting",
    ]
    assert words("IFN-β / cGAS") == ["ifn", "β", "cgas"]
