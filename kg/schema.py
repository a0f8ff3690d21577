"""The graph's closed vocabulary, read from ``ontology/schema.yaml``.

Loaders and queries take labels and relationship types only from here, never from user input, so
nothing a user types can become part of a query's structure.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from kg.model import EntityType


@dataclass(frozen=True)
class Category:
    curie: str
    labels: tuple[str, ...]
    entity_type: EntityType


@dataclass(frozen=True)
class Predicate:
    curie: str
    type: str
    description: str


@dataclass(frozen=True)
class Schema:
    biolink_version: str
    root_label: str
    categories: dict[str, Category]
    predicates: dict[str, Predicate]
    path_types: tuple[str, ...]
    path_association_types: tuple[str, ...] = ()  # walked by paths only as a fallback

    def __post_init__(self) -> None:
        stray = sorted(set(self.path_association_types) - set(self.path_types))
        if stray:
            raise ValueError(f"path_association_types must be path_types too: {stray}")

    def category(self, curie: str) -> Category:
        try:
            return self.categories[curie]
        except KeyError:
            raise ValueError(
                f"unknown category {curie!r}; known: {', '.join(sorted(self.categories))}"
            ) from None

    def predicate(self, curie: str) -> Predicate:
        try:
            return self.predicates[curie]
        except KeyError:
            raise ValueError(
                f"unknown predicate {curie!r}; known: {', '.join(sorted(self.predicates))}"
            ) from None

    def labels(self, category: str) -> tuple[str, ...]:
        """All labels a node of this category carries, root label first."""
        return (self.root_label, *self.category(category).labels)

    def relationship_type(self, predicate: str) -> str:
        return self.predicate(predicate).type

    def predicate_for_type(self, rel_type: str) -> Predicate:
        for p in self.predicates.values():
            if p.type == rel_type:
                return p
        raise ValueError(f"unknown relationship type {rel_type!r}")

    def default_category(self, entity_type: EntityType) -> str:
        """The Biolink category for a text mention type (Chemical -> ChemicalEntity)."""
        for c in self.categories.values():
            if c.entity_type == entity_type and c.curie != "biolink:Drug":
                return c.curie
        raise ValueError(f"no category for entity type {entity_type}")


@cache
def load_schema() -> Schema:
    text = resources.files("kg.ontology").joinpath("schema.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    categories = {
        curie: Category(curie, tuple(v["labels"]), EntityType(v["entity_type"]))
        for curie, v in raw["categories"].items()
    }
    predicates = {
        curie: Predicate(curie, v["type"], v.get("description", ""))
        for curie, v in raw["predicates"].items()
    }
    return Schema(
        biolink_version=str(raw["biolink_version"]),
        root_label=raw["root_label"],
        categories=categories,
        predicates=predicates,
        path_types=tuple(raw["path_types"]),
        path_association_types=tuple(raw.get("path_association_types", ())),
    )
