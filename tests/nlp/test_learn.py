"""Surface statistics from train splits: stop flags, learnt terms, priors, modifiers, overlay."""

from pathlib import Path

import pytest

from kg.lexicon import Flags, normalize_key
from kg.model import EntityType


def write_corpus(root: Path) -> Path:
    """A miniature BC5CDR-style corpus: train documents and an (empty) official dev list."""
    heads = [
        ("hypertension", "D006973"),
        ("lymphopenia", "D008231"),
        ("lung cancer", "D008175"),
        ("breast cancer", "D001943"),
        ("NSCLC", "D002289"),
        ("Hodgkin lymphoma", "D006689"),
    ]
    lines = []
    for i, (head, mesh) in enumerate(heads):
        title = f"The drug cisplatin in hypertensive rats {i}."
        # "hypertension" is a disease, except right before "unit" (a ward's name)
        abstract = (
            f"Sporadic {head} and drug use; hypertensive patients. Hypertension rose in the "
            "hypertension unit."
        )
        lines += [f"{100 + i}|t|{title}", f"{100 + i}|a|{abstract}"]
        offset = len(title) + 1
        end = offset + len("Sporadic ") + len(head)
        after = end + len(" and drug use; ")
        rose = offset + abstract.index("Hypertension")
        lines += [
            f"{100 + i}\t9\t18\tcisplatin\tChemical\tD002945",
            f"{100 + i}\t22\t34\thypertensive\tDisease\tD006973",
            f"{100 + i}\t{offset}\t{end}\tSporadic {head}\tDisease\t{mesh}",
            f"{100 + i}\t{after}\t{after + 12}\thypertensive\tDisease\tD006973",
            f"{100 + i}\t{rose}\t{rose + 12}\tHypertension\tDisease\tD006973",
            "",
        ]
    corpora = root / "corpora"
    (corpora / "bc5cdr_original").mkdir(parents=True)
    (corpora / "BC5CDR_TrainDev.PubTator").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (corpora / "bc5cdr_original" / "CDR_DevelopmentSet.PubTator.txt").write_text(
        "999|t|held out\n999|a|text\n\n", encoding="utf-8"
    )
    return corpora


@pytest.fixture(scope="module")
def stats(tmp_path_factory, tiny_lex):
    from kg.nlp.learn import build_surface_stats

    return build_surface_stats(write_corpus(tmp_path_factory.mktemp("shared")), tiny_lex)


def test_stop_added_terms_and_modifiers(stats):
    drug = stats.get(EntityType.CHEMICAL, "drug")
    assert drug.proposed == 12 and drug.correct == 0 and drug.is_stop
    hypertensive = stats.get(EntityType.DISEASE, normalize_key("hypertensive"))
    assert hypertensive.added and hypertensive.is_learnt_term
    assert hypertensive.ids == (("MESH:D006973", 12),)
    assert stats.get(EntityType.CHEMICAL, "cisplatin").is_safe
    assert stats.extends(EntityType.DISEASE, "Sporadic")
    assert not stats.extends(EntityType.DISEASE, "and")
    assert stats.sources["documents"] == 6


def test_context_stops(stats):
    """A surface the gold skips next to one content word, and annotates elsewhere."""
    disease = EntityType.DISEASE
    key = normalize_key("hypertension")
    assert not stats.is_stop(disease, key)  # right 6 times of 12
    assert stats.context_stop(disease, key, "the", "unit") == "before 'unit'"
    assert stats.context_stop(disease, key, None, "rose") == ""
    assert stats.context_stop(disease, key, "the", None) == ""  # function words are not learnt
    assert stats.context_stop(EntityType.CHEMICAL, key, None, "unit") == ""


def test_overlay_applies_what_was_learnt(stats, tiny_lex, tmp_path):
    from kg.nlp import annotate, build_pipeline
    from kg.nlp.surface_stats import LexiconOverlay, SurfaceStats

    stats.save(tmp_path / "stats.json")
    loaded = SurfaceStats.load(tmp_path / "stats.json")
    assert len(loaded) == len(stats) and loaded.modifiers == stats.modifiers
    assert loaded.contexts == stats.contexts and loaded.contexts
    overlay = LexiconOverlay(tiny_lex, loaded)
    assert all(Flags.STOP in e.flags for e in overlay.lookup_key("drug"))
    assert [e.curie for e in overlay.lookup_key(normalize_key("hypertensive"))] == ["MESH:D006973"]
    nlp = build_pipeline(overlay, learnt="none", candidates_dir=tmp_path / "tfidf")
    from kg.model import Document, Passage

    text = "A drug for hypertensive and sporadic lymphopenia patients in a hypertension unit."
    (result,) = annotate([Document(id="x", passages=(Passage("title", 0, text),))], nlp)
    found = {(m.text, m.ids[:1]) for m in result.mentions}
    assert ("hypertensive", ("MESH:D006973",)) in found
    assert not any(m.text == "hypertension" for m in result.mentions)  # before "unit"
    assert ("sporadic lymphopenia", ("MESH:D008231",)) in found
    assert not any(m.text == "drug" for m in result.mentions)


def test_bad_statistics_file(tmp_path):
    from kg.errors import InputError
    from kg.nlp.surface_stats import SurfaceStats

    path = tmp_path / "bad.json"
    path.write_text('{"format": "other"}', encoding="utf-8")
    with pytest.raises(InputError, match="not a surface statistics file"):
        SurfaceStats.load(path)


def test_auto_builds_once_and_caches(tmp_path, monkeypatch, tiny_lex_file):
    """``learnt="auto"`` builds the statistics on first use (inside the resource lock: this
    once deadlocked) and reuses the file afterwards."""
    from kg.nlp import resources

    shared = tmp_path / "shared"
    write_corpus(shared)
    monkeypatch.setenv("IRKG_SHARED", str(shared))
    monkeypatch.setenv("IRKG_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(resources, "_OPENED", {})
    lexicon = resources.open_lexicon(str(tiny_lex_file), "auto")
    assert hasattr(lexicon, "stats") and lexicon.stats.sources["documents"] == 6
    (stats_file,) = (tmp_path / "home" / "nlp").glob("surface-stats-*.json")
    monkeypatch.setattr(resources, "_OPENED", {})
    again = resources.open_lexicon(str(tiny_lex_file), "auto")
    assert again.stats.version == lexicon.stats.version
    assert list((tmp_path / "home" / "nlp").glob("surface-stats-*.json")) == [stats_file]
