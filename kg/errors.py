"""irkg's own error types. The CLI turns these (and only these) into one-line messages."""

from __future__ import annotations


class IrkgError(Exception):
    """Base class: something the user can act on, with a message that names file and place."""


class InputError(IrkgError):
    """A file or record could not be read: ``path:line-or-position: reason``."""

    def __init__(self, path: str, position: str | int | None, reason: str) -> None:
        self.path = str(path)
        self.position = position
        self.reason = reason
        where = f"{self.path}:{position}" if position not in (None, "") else self.path
        super().__init__(f"{where}: {reason}")


class VocabularyError(IrkgError):
    """A vocabulary source is missing, corrupt or of an unknown format."""


class ConfigError(IrkgError):
    """A setting, name or connection parameter is wrong (never includes secrets)."""


class StoreError(IrkgError):
    """A store could not be started, reached or written."""


class QueryError(IrkgError):
    """A named query is unknown, lacks a parameter, or the engine rejected it."""
