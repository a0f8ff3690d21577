"""Annotation on Dask workers: any build ``Annotator`` run over document batches, streamed back.

``DistributedAnnotator(inner, client)`` is itself an ``Annotator`` (same ``version``), so
``kg.assemble.build`` uses it unchanged: the build reads the input and looks every document up
in its cache in this process, and only the misses travel to the workers, in batches.

* **Loaded once per worker.** ``inner`` is shipped to every worker by a worker plugin
  (``AnnotatorPlugin``), registered under a name that carries ``inner.version``; the plugin's
  set-up warms the annotator up (lexicon opened, spaCy pipeline and model loaded) on a one-line
  document, off the worker's event loop, and keeps it in a per-process table keyed by version.
  Every batch on that worker reuses it; a worker that joins later runs the same set-up; a second
  build with the same version on a running cluster loads nothing. ``inner`` must pickle small:
  the lexicon pickles as its file path (which every worker must be able to open: the same
  IRKG_HOME or a shared folder), the pipeline is built on the worker.
* **Flat memory.** At most ``in_flight`` batches are out at once (default: two per worker
  thread); a new batch is read from the input only when one comes back, so neither the input
  nor the results pile up, whatever the corpus size.
* **Same result.** Documents come back in completion order; the build's merge does not depend
  on order, so the tables equal a single-process build's byte for byte (tested).
* **Failures.** A worker that dies has its batch retried elsewhere by Dask; an error inside the
  annotator is raised here, after every batch that finished was stored in the build cache, so a
  rerun annotates only what is left.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from distributed import WorkerPlugin

from kg.errors import ConfigError
from kg.model import AnnotatedDocument, Document, Passage

if TYPE_CHECKING:
    from distributed import Client, Future

    from kg.assemble.build import Annotator

BATCH_DOCUMENTS = 32
BATCH_CHARS = 2_000_000  # a batch of full texts stays a few MB on the wire
KEEP_VERSIONS = 2  # annotators a worker keeps loaded (older versions are dropped)
_WARM_UP = AnnotatedDocument(Document("irkg-warm-up", (Passage("title", 0, "Warm up."),)))

# Per worker process: annotation version -> loaded annotator (most recently used last), and how
# many times each version was loaded (tests check it is once).
_LOADED: OrderedDict[str, Annotator] = OrderedDict()
_LOADS: Counter[str] = Counter()
_LOCK = threading.Lock()


def plugin_name(version: str) -> str:
    return f"irkg-annotator-{version}"


class AnnotatorPlugin(WorkerPlugin):
    """Installs one annotator in a worker process and loads it there, once."""

    idempotent = True  # registering the same version again is a no-op on a running cluster

    def __init__(self, annotator: Annotator) -> None:
        self.annotator = annotator
        self.name = plugin_name(annotator.version)

    async def setup(self, worker: Any) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, install, self.annotator)


def install(annotator: Annotator) -> Annotator:
    """Keep ``annotator`` loaded in this process (warmed up), unless its version already is."""
    with _LOCK:
        loaded = _LOADED.get(annotator.version)
        if loaded is not None:
            _LOADED.move_to_end(annotator.version)
            return loaded
        for _ in annotator([_WARM_UP]):
            pass
        _LOADED[annotator.version] = annotator
        _LOADS[annotator.version] += 1
        while len(_LOADED) > KEEP_VERSIONS:
            _LOADED.popitem(last=False)
        return annotator


def annotate_batch(version: str, batch: list[AnnotatedDocument]) -> list[AnnotatedDocument]:
    """The task: annotate one batch with this worker's loaded annotator for ``version``."""
    with _LOCK:
        annotator = _LOADED.get(version)
    if annotator is None:
        raise RuntimeError(
            f"no annotator {version} on this worker: its plugin {plugin_name(version)} did not run"
        )
    return list(annotator(batch))


def worker_state() -> dict[str, Any]:
    """This process's loaded versions, load counts, resident memory and CPU seconds so far
    (``client.run`` it)."""
    import psutil

    process = psutil.Process()
    cpu = process.cpu_times()
    with _LOCK:
        return {
            "loaded": list(_LOADED),
            "loads": dict(_LOADS),
            "rss_bytes": process.memory_info().rss,
            "cpu_s": cpu.user + cpu.system,
        }


class DistributedAnnotator:
    """An ``Annotator`` that runs ``inner`` on the workers of ``client`` (see the module)."""

    def __init__(
        self,
        inner: Annotator,
        client: Client,
        *,
        batch_documents: int = BATCH_DOCUMENTS,
        batch_chars: int = BATCH_CHARS,
        in_flight: int | None = None,
    ) -> None:
        if batch_documents < 1 or batch_chars < 1:
            raise ValueError("batches need room for at least one document")
        if in_flight is not None and in_flight < 1:
            raise ValueError(f"in_flight must be >= 1, got {in_flight}")
        self.inner = inner
        self.client = client
        self.version = inner.version
        self.batch_documents = batch_documents
        self.batch_chars = batch_chars
        self.in_flight = in_flight
        self._registered = False

    def __call__(self, documents: Iterable[AnnotatedDocument]) -> Iterator[AnnotatedDocument]:
        from distributed import as_completed

        batches = self._batches(documents)
        first = next(batches, None)
        if first is None:  # everything came from the cache: load nothing on the workers
            return
        self._register()
        limit = self.in_flight or 2 * max(sum(self.client.nthreads().values()), 1)
        pending = as_completed([self._submit(first)])
        for batch in batches:  # fill the window
            pending.add(self._submit(batch))
            if pending.count() >= limit:
                break
        for future in pending:
            results = future.result()
            future.release()
            nxt = next(batches, None)
            if nxt is not None:
                pending.add(self._submit(nxt))
            yield from results

    def _register(self) -> None:
        """Load the annotator on every worker; a worker that cannot (a lexicon path it does not
        have, a missing model) fails the build here, with the worker's reason."""
        if self._registered:
            return
        plugin = AnnotatorPlugin(self.inner)
        try:
            self.client.register_plugin(plugin)
        except Exception as exc:
            # forget the plugin, or the next build would skip it (it is idempotent)
            self.client.unregister_worker_plugin(plugin.name)
            raise ConfigError(
                f"the Dask workers could not load the annotator: {type(exc).__name__}: {exc} "
                "(workers need irkg installed and the lexicon at the same path)"
            ) from exc
        self._registered = True

    def _submit(self, batch: list[AnnotatedDocument]) -> Future:
        return self.client.submit(annotate_batch, self.version, batch, pure=False)

    def _batches(self, documents: Iterable[AnnotatedDocument]) -> Iterator[list[AnnotatedDocument]]:
        batch: list[AnnotatedDocument] = []
        chars = 0
        for item in documents:
            size = sum(len(p.text) for p in item.document.passages)
            if batch and (len(batch) >= self.batch_documents or chars + size > self.batch_chars):
                yield batch
                batch, chars = [], 0
            batch.append(item)
            chars += size
        if batch:
            yield batch
