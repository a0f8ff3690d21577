"""Reading irkg's curated TSV tables in ``ontology/`` (chains, drug targets, orthologs, nodes).

One format for all of them: ``#`` comment lines at the top say what the table is and where its
facts come from, then a header line, then one row per fact. Every row must have the header's
columns; a row that does not, or a value a table's parser rejects, stops with
``file:line: reason`` (``InputError``) so a typo in a curated table is never silently dropped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kg.errors import InputError


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its 1-based line number in the file and its values by column name."""

    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values[column]

    def split(self, column: str, sep: str = "|") -> tuple[str, ...]:
        """A ``|``-separated list column, empty items dropped."""
        return tuple(v.strip() for v in self.values[column].split(sep) if v.strip())


def ontology_path(name: str) -> Path:
    """The path of a table shipped in the ``kg.ontology`` package (``ontology/`` in the repo)."""
    return Path(str(resources.files("kg.ontology").joinpath(name)))


def display_name(path: Path) -> str:
    """How a curated table is named in sources and messages: ``ontology/<file>`` when shipped."""
    return f"ontology/{path.name}" if path == ontology_path(path.name) else str(path)


def read_rows(path: Path, required: tuple[str, ...]) -> Iterator[Row]:
    """The rows of a curated table; checks the header names every ``required`` column."""
    where = display_name(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(where, None, "file not found") from None
    except UnicodeDecodeError as exc:
        raise InputError(where, None, f"not UTF-8 text ({exc.reason})") from None
    header: list[str] | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or (header is None and line.startswith("#")):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in required if c not in header]
            if missing:
                raise InputError(where, lineno, f"header lacks column(s) {', '.join(missing)}")
            continue
        if len(cells) != len(header):
            raise InputError(
                where, lineno, f"expected {len(header)} tab-separated fields, got {len(cells)}"
            )
        yield Row(lineno, {h: c.strip() for h, c in zip(header, cells, strict=True)})
    if header is None:
        raise InputError(where, None, "no header line")
