"""Canned queries (installed as ``kg.queries``): ``NAME.cypher`` and ``NAME.rq`` side by side.

Each file opens with a comment block that an analyst reads and irkg parses (``//`` in Cypher,
``#`` in SPARQL)::

    // Drug -> targets -> pathways                         <- title (first line)
    //
    // What the question means, in a few lines.            <- description
    //
    // Parameters:
    //   $drug  entity  the drug (a CURIE; irkg resolves names)  example: MESH:C582435
    //
    // Columns: drug_id, drug, target_id, target, pathways (list)

A parameter line is ``$name`` (``?name`` in SPARQL), its type, a description and an example
value. Types: ``entity`` (a node id; the CLI resolves names and synonyms to it), ``pathway``
(the same, also found by title words), ``string``,
``int``, ``float`` and ``label`` (a node label of the closed schema, e.g. ``Gene``). A column
marked ``(list)`` holds a list of strings; SPARQL returns it as a ``GROUP_CONCAT`` joined with
``LIST_SEPARATOR`` and irkg splits it, so both engines give the same Python value.

The Cypher and SPARQL file of one name must declare the same parameters and columns (a test
checks), so the same question can be asked of every store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kg.errors import QueryError

LANGUAGES = {"cypher": (".cypher", "//"), "sparql": (".rq", "#")}
PARAM_TYPES = ("entity", "pathway", "string", "int", "float", "label")
LIST_SEPARATOR = "\u001f"  # ASCII unit separator: never part of a name, sentence or id

_PARAM = re.compile(r"^[$?](?P<name>[A-Za-z_]\w*)\s+(?P<type>\w+)\s+(?P<rest>.*)$")
_COLUMN = re.compile(r"^(?P<name>[A-Za-z_]\w*)(?:\s*\((?P<kind>list)\))?$")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Param:
    """One parameter of a canned query."""

    name: str
    type: str
    description: str
    example: str

    def __post_init__(self) -> None:
        if self.type not in PARAM_TYPES:
            raise ValueError(f"parameter ${self.name}: unknown type {self.type!r}")
        if not self.example:
            raise ValueError(f"parameter ${self.name}: needs an example value")


@dataclass(frozen=True)
class Column:
    """One result column; ``is_list`` columns hold lists of strings (sorted)."""

    name: str
    is_list: bool = False


@dataclass(frozen=True)
class Header:
    """What a query file's comment block declares."""

    title: str
    description: str
    params: tuple[Param, ...]
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class CannedQuery:
    """A named question with its text in each language it is written in."""

    name: str
    header: Header
    texts: dict[str, str]  # language -> query text (header included: it is a comment)

    @property
    def title(self) -> str:
        return self.header.title

    @property
    def params(self) -> tuple[Param, ...]:
        return self.header.params

    @property
    def columns(self) -> tuple[Column, ...]:
        return self.header.columns

    def text(self, language: str) -> str:
        try:
            return self.texts[language]
        except KeyError:
            raise QueryError(f"query {self.name!r} has no {language} version") from None


def parse_header(text: str, comment: str, where: str = "<query>") -> Header:
    """Read the leading comment block of a query file (``QueryError`` naming the line if bad)."""
    lines: list[str] = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped.startswith(comment):
            if stripped:
                break
            continue
        lines.append(stripped[len(comment) :].strip())
    if not lines or not lines[0]:
        raise QueryError(f"{where}:1: the file must open with a comment naming the question")
    title, description, params, columns = lines[0], [], [], []
    section = "description"
    for number, line in enumerate(lines[1:], start=2):
        lowered = line.lower()
        if lowered.startswith("parameters:"):
            section = "params"
            if line.split(":", 1)[1].strip().lower() not in ("", "none"):
                raise QueryError(f"{where}:{number}: list parameters on their own lines")
        elif lowered.startswith("columns:"):
            section = "columns"
            columns.extend(_columns(line.split(":", 1)[1], where, number))
        elif section == "params" and line:
            params.append(_param(line, where, number))
        elif section == "columns":
            if line:
                columns.extend(_columns(line, where, number))
            else:
                section = "notes"  # a blank line ends the column list; notes may follow
        elif section == "description":
            description.append(line)
    if not columns:
        raise QueryError(f"{where}: the header must name the result columns (Columns: a, b)")
    return Header(title, "\n".join(description).strip(), tuple(params), tuple(columns))


def _param(line: str, where: str, number: int) -> Param:
    match = _PARAM.match(line)
    if not match or "example:" not in match["rest"]:
        raise QueryError(
            f"{where}:{number}: expected `$name type description  example: value`, got {line!r}"
        )
    description, example = match["rest"].rsplit("example:", 1)
    try:
        return Param(match["name"], match["type"], description.strip(), example.strip())
    except ValueError as exc:
        raise QueryError(f"{where}:{number}: {exc}") from None


def _columns(text: str, where: str, number: int) -> list[Column]:
    columns = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        match = _COLUMN.match(part)
        if not match:
            raise QueryError(f"{where}:{number}: bad column {part!r} (name or `name (list)`)")
        columns.append(Column(match["name"], match["kind"] == "list"))
    return columns


@cache
def list_queries() -> dict[str, CannedQuery]:
    """Every canned query shipped in this package, by name (sorted)."""
    folder = resources.files(__name__)
    texts: dict[str, dict[str, str]] = {}
    for entry in folder.iterdir():
        for language, (suffix, _) in LANGUAGES.items():
            if entry.name.endswith(suffix):
                name = entry.name[: -len(suffix)]
                texts.setdefault(name, {})[language] = entry.read_text(encoding="utf-8")
    queries = {}
    for name in sorted(texts):
        if not _NAME.match(name):
            raise QueryError(f"{name}: query names are lower_snake_case")
        headers = {
            language: parse_header(text, LANGUAGES[language][1], name + LANGUAGES[language][0])
            for language, text in texts[name].items()
        }
        first, *others = headers.values()
        for other in others:
            if (other.params, other.columns) != (first.params, first.columns):
                raise QueryError(
                    f"{name}: the Cypher and SPARQL files declare different parameters or columns"
                )
        queries[name] = CannedQuery(name, first, texts[name])
    return queries


def get_query(name: str) -> CannedQuery:
    """The canned query called ``name`` (``QueryError`` listing the known names otherwise)."""
    queries = list_queries()
    try:
        return queries[name]
    except KeyError:
        raise QueryError(f"unknown query {name!r}; known: {', '.join(queries)}") from None
