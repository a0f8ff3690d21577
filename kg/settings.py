"""Typed settings, read once from the environment and passed down; nothing reads os.environ later.

``IRKG_HOME``     where compiled lexicons, downloaded vocabularies and models live
                  (default: the platform's user data folder).
``IRKG_SHARED``   the ../shared folder with gold corpora and vocabularies (default: the first
                  of ./shared, ../shared that exists, looked up from the current directory).
``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``: Neo4j connection.
"""

from __future__ import annotations

import hmac
import os
from dataclasses import dataclass, field
from pathlib import Path


class Secret:
    """A credential that never shows itself: ``str()``, ``repr()``, f-strings, ``format()`` and
    ``%``-formatting all give ``***``, so it cannot leak into a message, a log line or an
    exception by accident. ``reveal()`` is the only way to the value; call it exactly where a
    driver or a request needs the credential, nowhere else.

    Not a ``str`` subclass on purpose: a subclass hands its value to every string operation
    (concatenation, ``json.dumps``, ``urlencode``), whatever ``__str__`` says.
    """

    __slots__ = ("_value",)

    def __init__(self, value: str | Secret = "") -> None:
        if isinstance(value, Secret):
            value = value.reveal()
        if not isinstance(value, str):
            raise TypeError(f"a Secret holds a string, not {type(value).__name__}")
        object.__setattr__(self, "_value", value)

    def reveal(self) -> str:
        return self._value

    def __str__(self) -> str:
        return "***"

    def __repr__(self) -> str:
        return "Secret('***')"

    def __format__(self, spec: str) -> str:
        return format("***", spec)

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return hmac.compare_digest(self._value.encode(), other._value.encode())

    def __hash__(self) -> int:
        return hash((Secret, self._value))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a Secret cannot be changed")

    def __reduce__(self) -> tuple[type[Secret], tuple[str]]:
        return (Secret, (self._value,))


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
