"""Which Dask cluster a build runs on: ``local[:N]`` or a scheduler address, and connecting to it.

``local`` starts a ``LocalCluster`` of worker *processes* (one thread each: spaCy pipelines hold
the GIL) for the length of the build and stops it afterwards; ``local:N`` asks for N workers
(default: one per CPU core). An address (``tcp://host:8786``, ``tls://...``) connects to a running
scheduler whose workers have irkg installed (see the README), and leaves the cluster running.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.errors import ConfigError

if TYPE_CHECKING:
    from distributed import Client

_LOCAL = re.compile(r"local(?::(\d+))?")
_ADDRESS = re.compile(r"(tcp|tls|inproc|ucx|ws|wss)://\S+")
CONNECT_TIMEOUT_S = 30


@dataclass(frozen=True, slots=True)
class ClusterSpec:
    """A parsed ``--cluster`` value: a local cluster of ``workers`` processes, or an address."""

    address: str | None = None
    workers: int | None = None

    def __post_init__(self) -> None:
        if self.workers is not None and self.workers < 1:
            raise ValueError(f"a local cluster needs at least one worker, not {self.workers}")
        if self.address is not None and self.workers is not None:
            raise ValueError("give a scheduler address or a local worker count, not both")

    @classmethod
    def parse(cls, text: str) -> ClusterSpec:
        """``local``, ``local:N`` or a scheduler address such as ``tcp://host:8786``."""
        value = text.strip()
        local = _LOCAL.fullmatch(value)
        if local is not None:
            return cls(workers=int(local.group(1)) if local.group(1) else None)
        if _ADDRESS.fullmatch(value):
            return cls(address=value)
        raise ConfigError(
            f"--cluster {text!r}: expected local, local:N or a scheduler address "
            "such as tcp://host:8786"
        )

    @property
    def local(self) -> bool:
        return self.address is None

    def describe(self) -> str:
        if self.local:
            return f"local cluster of {self.workers or os.cpu_count() or 1} worker processes"
        return f"Dask scheduler at {self.address}"


def _distributed() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise ConfigError(
            "--cluster needs dask.distributed: pip install 'irkg[cluster]' (make install has it)"
        ) from None


@contextmanager
def connect(spec: ClusterSpec) -> Iterator[Client]:
    """A client of the cluster ``spec`` names; a local cluster is started and stopped here."""
    _distributed()
    from distributed import Client, LocalCluster

    if spec.local:
        workers = spec.workers or os.cpu_count() or 1
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,  # no dashboard; its HTTP server (health, metrics) on a
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},  # free loopback port
            memory_limit=0,  # the OS, not Dask, limits memory; Dask would pause the workers
        )
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = Client(spec.address, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {spec.address}: {exc}") from None
    with client:
        yield client
