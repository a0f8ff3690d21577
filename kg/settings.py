"""Typed settings, read once from the environment and passed down; nothing reads os.environ later.

``IRKG_HOME``     where compiled lexicons, downloaded vocabularies and models live
                  (default: the platform's user data folder).
``IRKG_SHARED``   the ../shared folder with gold corpora and vocabularies (default: the first
                  of ./shared, ../shared that exists, looked up from the current directory).
``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``: Neo4j connection.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


class Secret(str):
    """A string that never shows itself in repr, str formatting of containers or tracebacks."""

    def __repr__(self) -> str:
        return "Secret('***')"

    def reveal(self) -> str:
        return str.__str__(self)


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str = ""
    user: str = "neo4j"
    password: Secret = field(default_factory=lambda: Secret(""), repr=False)
    database: str = "neo4j"


@dataclass(frozen=True)
class Settings:
    home: Path
    shared: Path | None
    neo4j: Neo4jSettings

    @property
    def vocab_dir(self) -> Path | None:
        """../shared/vocab when present."""
        if self.shared is not None and (self.shared / "vocab").is_dir():
            return self.shared / "vocab"
        return None

    @property
    def corpora_dir(self) -> Path | None:
        if self.shared is not None and (self.shared / "corpora").is_dir():
            return self.shared / "corpora"
        return None


def _default_home() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("irkg", appauthor=False))


def _find_shared(start: Path) -> Path | None:
    for candidate in (start / "shared", start.parent / "shared"):
        if (candidate / "README.md").is_file() and (candidate / "vocab").is_dir():
            return candidate.resolve()
    return None


def load_settings(environ: dict[str, str] | None = None, cwd: Path | None = None) -> Settings:
    """Settings from an environment mapping (default ``os.environ``) and working directory."""
    env = dict(os.environ if environ is None else environ)
    home = Path(env["IRKG_HOME"]).expanduser() if env.get("IRKG_HOME") else _default_home()
    if env.get("IRKG_SHARED"):
        shared: Path | None = Path(env["IRKG_SHARED"]).expanduser().resolve()
    else:
        shared = _find_shared(cwd or Path.cwd())
    neo4j = Neo4jSettings(
        uri=env.get("NEO4J_URI", ""),
        user=env.get("NEO4J_USER", "neo4j"),
        password=Secret(env.get("NEO4J_PASSWORD", "")),
        database=env.get("NEO4J_DATABASE", "neo4j"),
    )
    return Settings(home=home, shared=shared, neo4j=neo4j)
