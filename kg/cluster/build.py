"""A build whose annotation runs on a Dask cluster: ``kg.assemble.build.build`` with the
annotator wrapped in a ``DistributedAnnotator`` for the length of the build."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from kg.assemble.build import BuildParts, BuildReport, build
from kg.cluster.connection import ClusterSpec, connect
from kg.model import AnnotatedDocument


def cluster_build(
    inputs: Iterable[AnnotatedDocument],
    out: Path,
    parts: BuildParts,
    cluster: str | ClusterSpec,
    *,
    progress: bool = False,
    manifest_extra: Callable[[], dict[str, Any]] | None = None,
    batch_documents: int | None = None,
) -> BuildReport:
    """``build(inputs, out, parts)`` with ``parts.annotator`` run on ``cluster`` (a spec or a
    ``--cluster`` string: ``local``, ``local:N``, ``tcp://host:8786``). The manifest records
    the cluster and its workers."""
    from kg.cluster.annotate import BATCH_DOCUMENTS, DistributedAnnotator

    spec = cluster if isinstance(cluster, ClusterSpec) else ClusterSpec.parse(cluster)
    with connect(spec) as client:
        annotator = DistributedAnnotator(
            parts.annotator, client, batch_documents=batch_documents or BATCH_DOCUMENTS
        )
        workers = len(client.nthreads())

        def extra() -> dict[str, Any]:
            base = manifest_extra() if manifest_extra else {}
            return {**base, "cluster": {"spec": spec.describe(), "workers": workers}}

        return build(
            inputs,
            out,
            replace(parts, annotator=annotator),
            progress=progress,
            manifest_extra=extra,
        )
