"""Chemicals MeSH files under a salt are also found by their base name."""

from collections import Counter

from kg.lexicon.mesh import MeshDescriptor, MeshSupplement, mesh_records, salt_base

CHEMICAL_TREE = ("D02.886.680",)


def descriptor(id_: str, name: str, *terms: str) -> MeshDescriptor:
    return MeshDescriptor(id=id_, name=name, terms=terms, trees=CHEMICAL_TREE, taxa=())


def test_salt_base():
    assert salt_base("Quetiapine Fumarate") == "Quetiapine"
    assert salt_base("Doxorubicin Hydrochloride Trihydrate") == "Doxorubicin"
    assert salt_base("Sodium Chloride") is None  # no salt word: a compound of its own
    assert salt_base("Ferrous Sulfate") is None  # the base is an adjective
    assert salt_base("Ammonium Sulfate") is None  # a cation, no drug
    assert salt_base("Vecuronium Bromide") == "Vecuronium"
    assert salt_base("Morphine") is None and salt_base("Hydrochloride") is None


def test_base_added_unless_taken_or_shared():
    skipped: Counter[str] = Counter()
    records = list(
        mesh_records(
            [
                descriptor("D000069348", "Quetiapine Fumarate"),
                descriptor("D009020", "Morphine"),
                descriptor("D000001", "Morphine Sulfate"),  # "morphine" is taken
                descriptor("D000002", "Exampline Maleate"),
                descriptor("D000003", "Exampline Tartrate"),  # two salts share "exampline"
            ],
            [
                MeshSupplement(
                    id="C000004", name="Soloamine Mesylate", terms=(), mapped=("D000069348",)
                )
            ],
            desc_source="mesh",
            supp_source="mesh_supp",
            skipped=skipped,
        )
    )
    terms = {r.curie: {t.text for t in r.terms} for r in records}
    assert "Quetiapine" in terms["MESH:D000069348"]
    assert "Soloamine" in terms["MESH:C000004"]  # supplementary records too
    assert "Morphine" not in terms["MESH:D000001"]  # the key names Morphine already
    assert "Exampline" not in terms["MESH:D000002"] | terms["MESH:D000003"]
    assert skipped["salt base shared by several MeSH records"] == 1
