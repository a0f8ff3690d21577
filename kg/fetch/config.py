"""Typed E-utilities settings, read once from the environment.

``NCBI_API_KEY``    raises the allowed rate from 3 to 10 requests/s; kept as a ``Secret`` and
                    never printed (error messages show ``api_key=***``).
``NCBI_EMAIL``      sent as ``email=`` so NCBI can contact the operator before blocking a tool.
``IRKG_EUTILS_URL`` base URL of E-utilities (a mirror, or a local test server).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from kg.settings import Secret

DEFAULT_EUTILS_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
RATE_WITHOUT_KEY = 3.0
RATE_WITH_KEY = 10.0


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently a failed request is retried.

    Delays grow as ``base_delay * 2**retry`` up to ``max_delay`` with "equal jitter" (half fixed,
    half random) so many clients that failed together do not retry together. A server's
    ``Retry-After`` wins when it asks for longer, up to ``max_retry_after``.
    """

    attempts: int = 5
    base_delay: float = 1.0
    max_delay: float = 60.0
    max_retry_after: float = 300.0

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError(f"attempts must be >= 1, got {self.attempts}")
        if self.base_delay < 0 or self.max_delay < 0 or self.max_retry_after < 0:
            raise ValueError("retry delays must be >= 0")


@dataclass(frozen=True)
class EutilsConfig:
    """Where E-utilities live and who is asking. ``repr`` never shows the API key."""

    base_url: str = DEFAULT_EUTILS_URL
    api_key: Secret = field(default_factory=lambda: Secret(""), repr=False)
    email: str = ""
    tool: str = "irkg"
    timeout: float = 120.0

    def __post_init__(self) -> None:
        parts = urlsplit(self.base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"E-utilities base URL must be http(s)://host/...: {self.base_url!r}")
        if not self.base_url.endswith("/"):
            object.__setattr__(self, "base_url", self.base_url + "/")
        if not isinstance(self.api_key, Secret):
            object.__setattr__(self, "api_key", Secret(self.api_key))
        if not self.tool or any(c.isspace() for c in self.tool):
            raise ValueError(f"tool must be one word without spaces: {self.tool!r}")
        if self.timeout <= 0:
            raise ValueError(f"timeout must be > 0 s, got {self.timeout}")

    @property
    def has_key(self) -> bool:
        return bool(self.api_key.reveal())

    @property
    def rate(self) -> float:
        """Requests per second NCBI allows this configuration."""
        return RATE_WITH_KEY if self.has_key else RATE_WITHOUT_KEY

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, *, base_url: str | None = None
    ) -> EutilsConfig:
        """Read ``NCBI_API_KEY``, ``NCBI_EMAIL`` and ``IRKG_EUTILS_URL`` (``base_url`` wins)."""
        env = os.environ if environ is None else environ
        return cls(
            base_url=base_url or env.get("IRKG_EUTILS_URL") or DEFAULT_EUTILS_URL,
            api_key=Secret(env.get("NCBI_API_KEY", "").strip()),
            email=env.get("NCBI_EMAIL", "").strip(),
        )
