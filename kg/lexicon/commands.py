"""What the ``irkg vocab`` commands call: choose sources and build with a progress display,
and describe a lexicon file without opening its tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.errors import VocabularyError
from kg.lexicon import curated
from kg.lexicon.build import (
    BuildResult,
    SourceKind,
    SourceSpec,
    build_lexicon,
    default_lexicon_path,
    default_sources,
    official_sources,
)
from kg.lexicon.fileformat import read_header


def build(
    settings: Any,
    *,
    out: Path | None = None,
    sources: list[SourceSpec] | None = None,
    download: bool = False,
    mirror: str | None = None,
    progress: bool = False,
) -> BuildResult:
    """What ``irkg vocab build`` does: pick sources (given, downloaded or default) and build.

    Given sources replace the defaults; the curated tables are added unless one is given.
    """
    target = out or default_lexicon_path(settings)
    with _Progress(progress) as bar:
        if download:
            specs, _records = official_sources(settings, mirror=mirror, progress=bar.bytes)
        elif sources:
            specs = list(sources)
            if not any(s.kind == SourceKind.CURATED for s in specs):
                specs.append(SourceSpec(SourceKind.CURATED, curated.packaged_folder()))
        else:
            specs = default_sources(settings)
        return build_lexicon(target, specs, progress=bar.step)


def lexicon_info(settings: Any, path: Path | None = None) -> dict[str, Any]:
    """Header of a lexicon file (version, manifest, counts) without opening its tables."""
    target = path or default_lexicon_path(settings)
    if not target.is_file():
        raise VocabularyError(f"{target}: no lexicon yet; run `irkg vocab build`")
    header = read_header(target)
    return {
        "path": str(target),
        "version": header["version"],
        "format_version": header["format_version"],
        "counts": header["counts"],
        "manifest": header["manifest"],
    }


class _Progress:
    """A rich progress display on stderr (or nothing): one line per build step, bytes for
    downloads."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._progress: Any = None
        self._tasks: dict[str, Any] = {}
        self._step: Any = None

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                DownloadColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                DownloadColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=False,
            )
            self._progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)

    def step(self, message: str) -> None:
        if self._progress is None:
            return
        if self._step is not None:
            self._progress.update(self._step, total=1, completed=1)
        self._step = self._progress.add_task(f"lexicon: {message}", total=None)

    def bytes(self, name: str, done: int, total: int | None) -> None:
        if self._progress is None:
            return
        task = self._tasks.get(name)
        if task is None:
            task = self._tasks[name] = self._progress.add_task(f"download {name}", total=total)
        self._progress.update(task, completed=done, total=total)
