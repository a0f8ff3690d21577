"""Shared, read-only resources that components receive through registered functions.

spaCy configs hold only JSON values, so a component cannot be handed a ``Lexicon`` object. It
gets a reference instead: ``irkg.lexicon.v1`` opens a lexicon file (or the default one, built if
missing) and ``irkg.lexicon_ref.v1`` names a lexicon registered in this process with
``register_lexicon`` (in-memory lexicons: tests, custom vocabularies). Opened lexicons are cached
by (path, learnt), so the components of one pipeline share one lexicon. Child processes forked
by ``kg.nlp.annotate`` inherit both caches.

``learnt`` says whether the lexicon is wrapped in the ``LexiconOverlay`` of statistics learnt
from the train splits (``kg.nlp.surface_stats``): "auto" = when ../shared is present (built on
first use), "none" = never, or the path of a statistics file.
"""

from __future__ import annotations

from pathlib import Path
from threading import RLock
from typing import TYPE_CHECKING

from kg.errors import ConfigError

if TYPE_CHECKING:
    from kg.lexicon import Lexicon

LEARNT_MODES = ("auto", "none")
_OPENED: dict[tuple[str, str], Lexicon] = {}
_REGISTERED: dict[str, Lexicon] = {}
_LOCK = RLock()  # re-entrant: building learnt statistics opens a pipeline inside it


def open_lexicon(path: str = "", learnt: str = "none") -> Lexicon:
    """The lexicon at ``path`` (opened once per process); "" = the default, built if missing."""
    with _LOCK:
        if (path, "none") not in _OPENED:
            _OPENED[(path, "none")] = _open_base(path)
        if (path, learnt) not in _OPENED:
            _OPENED[(path, learnt)] = _with_learnt(_OPENED[(path, "none")], learnt)
        return _OPENED[(path, learnt)]


def _open_base(path: str) -> Lexicon:
    from kg.lexicon import Lexicon

    if path:
        if not Path(path).is_file():
            raise ConfigError(f"{path}: no lexicon file there (build one: irkg vocab)")
        return Lexicon.open(path)
    from kg.lexicon import ensure_lexicon
    from kg.settings import load_settings

    return ensure_lexicon(load_settings())


def _with_learnt(base: Lexicon, learnt: str) -> Lexicon:
    from kg.nlp.surface_stats import LexiconOverlay, SurfaceStats

    if learnt == "none":
        return base
    if learnt == "auto":
        from kg.nlp.learn import ensure_surface_stats
        from kg.settings import load_settings

        stats = ensure_surface_stats(load_settings(), base, progress=True)
        return base if stats is None else LexiconOverlay(base, stats)  # type: ignore[return-value]
    if not Path(learnt).is_file():
        raise ConfigError(f"{learnt}: no surface statistics file there (learnt: auto, none, PATH)")
    return LexiconOverlay(base, SurfaceStats.load(Path(learnt)))  # type: ignore[return-value]


def register_lexicon(lexicon: Lexicon) -> str:
    """Make an in-memory lexicon reachable from configs; returns its reference name."""
    name = f"{lexicon.version}@{id(lexicon):x}"
    with _LOCK:
        _REGISTERED[name] = lexicon
    return name


def registered_lexicon(name: str) -> Lexicon:
    try:
        return _REGISTERED[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTERED)) or "none"
        raise ConfigError(
            f"no lexicon registered as {name!r} in this process (registered: {known})"
        ) from None


def lexicon_config(lexicon: Lexicon | str | Path | None, learnt: str = "none") -> dict[str, str]:
    """The config block that hands ``lexicon`` (with ``learnt`` statistics) to a component.

    A lexicon object is used as it is (an overlay already carries its statistics)."""
    if lexicon is None:
        return {"@misc": "irkg.lexicon.v1", "path": "", "learnt": learnt}
    if isinstance(lexicon, str | Path):
        return {"@misc": "irkg.lexicon.v1", "path": str(Path(lexicon).resolve()), "learnt": learnt}
    path = getattr(lexicon, "path", None)
    if path is not None and learnt == "none" and not hasattr(lexicon, "stats"):
        key = str(Path(path).resolve())
        with _LOCK:
            _OPENED.setdefault((key, "none"), lexicon)
        return {"@misc": "irkg.lexicon.v1", "path": key, "learnt": "none"}
    if learnt != "none" and not hasattr(lexicon, "stats"):
        lexicon = _with_learnt(lexicon, learnt)
    return {"@misc": "irkg.lexicon_ref.v1", "name": register_lexicon(lexicon)}
