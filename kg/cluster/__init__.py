"""cluster: irkg's annotation on a Dask (dask.distributed) cluster, local or remote.

``irkg build PAPERS --out BUILD --cluster local:4`` (or ``tcp://scheduler:8786``) reads the
papers and checks the build cache here, annotates the cache misses in batches on the cluster's
workers (each loads the lexicon and model once), and assembles the same tables a single-process
build writes. ``kg.cluster.build.cluster_build`` is the API; ``kg.cluster.annotate`` the worker
side. dask.distributed is imported only when a cluster is used (extra ``irkg[cluster]``).
"""

from kg.cluster.connection import ClusterSpec, connect

__all__ = ["ClusterSpec", "connect"]
