"""Caches and statistics written by several processes at once: each reader gets a whole file.

Forked annotate workers (``n_process > 1``) each build the TF-IDF index of a type on first use
and cache it in the same folder; two runs may learn and save the same statistics file.
"""

import multiprocessing
import traceback
from pathlib import Path

from kg.model import EntityType

WORKERS = 4
ROUNDS = 3


def _search(args) -> None:
    lexicon_file, cache, barrier, results = args
    from kg.lexicon import Lexicon
    from kg.nlp.candidates import CandidateIndex

    try:
        index = CandidateIndex(Lexicon.open(lexicon_file), cache_dir=Path(cache))
        barrier.wait()
        (hits,) = index.search(["hypertensionn"], EntityType.DISEASE, 1)
        results.put(hits[0].curie)
    except BaseException:
        results.put(traceback.format_exc())


def _race(target, args: list) -> list:
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(len(args)), context.Queue()
    workers = [context.Process(target=target, args=((*a, barrier, results),)) for a in args]
    for worker in workers:
        worker.start()
    found = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    return found


def test_workers_racing_to_cache_the_index(tiny_lex_file, tmp_path):
    for round_ in range(ROUNDS):
        cache = tmp_path / f"round{round_}"
        found = _race(_search, [(str(tiny_lex_file), str(cache))] * WORKERS)
        assert found == ["MESH:D006973"] * WORKERS, found
        # one whole index per type, no temporary folder left behind
        assert sorted(p.name for p in cache.iterdir() if not p.name.startswith(".build")) == [
            "Disease"
        ]
        assert (cache / "Disease" / "matrix.data.npy").is_file()


def _save(args) -> None:
    path, number, barrier, results = args
    from kg.nlp.surface_stats import SurfaceStat, SurfaceStats

    stats = SurfaceStats(
        [
            SurfaceStat(EntityType.DISEASE, f"term {i}", f"term {i}", gold=number)
            for i in range(3000)
        ],
        version=f"v{number}",
    )
    try:
        barrier.wait()
        for _ in range(5):
            stats.save(Path(path))
        results.put("ok")
    except BaseException:
        results.put(traceback.format_exc())


def test_runs_racing_to_save_statistics(tmp_path):
    from kg.nlp.surface_stats import SurfaceStats

    path = tmp_path / "stats" / "surface.json"
    found = _race(_save, [(str(path), n) for n in range(WORKERS)])
    assert found == ["ok"] * WORKERS, found
    loaded = SurfaceStats.load(path)  # whole: one writer's file, not a mix
    assert loaded.version in {f"v{n}" for n in range(WORKERS)}
    assert {s.gold for s in loaded} == {int(loaded.version[1:])}
    assert [p.name for p in path.parent.iterdir()] == ["surface.json"]
