"""Shared, read-only resources that components receive through registered functions.

spaCy configs hold only JSON values, so a component cannot be handed a ``Lexicon`` object. It
gets a reference instead: ``irkg.lexicon.v1`` opens a lexicon file (or the default one, built if
missing) and ``irkg.lexicon_ref.v1`` names a lexicon registered in this process with
``register_lexicon`` (in-memory lexicons: tests, custom vocabularies). Opened lexicons are cached
by path, so the components of one pipeline share one lexicon. Child processes forked by
``kg.nlp.annotate`` inherit both caches.
"""

from __future__ import annotations

from pathlib import Path
from threading import Lock
from typing import TYPE_CHECKING

from kg.errors import ConfigError

if TYPE_CHECKING:
    from kg.lexicon import Lexicon

_OPENED: dict[str, Lexicon] = {}
_REGISTERED: dict[str, Lexicon] = {}
_LOCK = Lock()


def open_lexicon(path: str = "") -> Lexicon:
    """The lexicon at ``path`` (opened once per process); "" = the default, built if missing."""
    from kg.lexicon import Lexicon

    with _LOCK:
        if path not in _OPENED:
            if path:
                if not Path(path).is_file():
                    raise ConfigError(f"{path}: no lexicon file there (build one: irkg vocab)")
                _OPENED[path] = Lexicon.open(path)
            else:
                from kg.lexicon import ensure_lexicon
                from kg.settings import load_settings

                _OPENED[path] = ensure_lexicon(load_settings())
        return _OPENED[path]


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


def lexicon_config(lexicon: Lexicon | str | Path | None) -> dict[str, str]:
    """The config block that hands ``lexicon`` to a component."""
    if lexicon is None:
        return {"@misc": "irkg.lexicon.v1", "path": ""}
    if isinstance(lexicon, str | Path):
        return {"@misc": "irkg.lexicon.v1", "path": str(Path(lexicon).resolve())}
    path = getattr(lexicon, "path", None)
    if path is not None:
        key = str(Path(path).resolve())
        with _LOCK:
            _OPENED.setdefault(key, lexicon)
        return {"@misc": "irkg.lexicon.v1", "path": key}
    return {"@misc": "irkg.lexicon_ref.v1", "name": register_lexicon(lexicon)}
