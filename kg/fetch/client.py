"""One polite HTTP client for NCBI E-utilities: rate-limited, retried, and never leaking the key.

Standard library only (``urllib``). Every attempt waits for a slot from the shared
``RateLimiter``; 429, 5xx, connection errors and bodies that fail validation (truncated,
not well-formed) are retried with exponential backoff and jitter, honouring ``Retry-After``.
Other HTTP errors (400 with NCBI's error text, 404, ...) are raised at once. Every message that
leaves this module has the API key replaced by ``***``.
"""

from __future__ import annotations

import email.utils
import gzip
import http.client
import json
import random
import threading
import time
import zlib
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TypeVar
from urllib.error import HTTPError
from urllib.parse import urlencode, urlsplit
from urllib.request import OpenerDirector, ProxyHandler, Request, build_opener

from kg.errors import IrkgError
from kg.fetch.config import EutilsConfig, RetryPolicy
from kg.fetch.limiter import RateLimiter

T = TypeVar("T")
Params = Mapping[str, str | int | Sequence[str]]

RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


class FetchError(IrkgError):
    """A request to E-utilities failed for good (its message never contains the API key)."""


class InvalidResponse(Exception):
    """A response body that is truncated or malformed: worth another attempt."""


class EutilsClient:
    """Sends E-utilities requests; see the module docstring for the retry rules.

    ``limiter``, ``sleep`` and ``rng`` are injectable so tests run on a fake clock. The client
    counts the attempts it made in ``requests`` (all threads together).
    """

    def __init__(
        self,
        config: EutilsConfig,
        *,
        limiter: RateLimiter | None = None,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
        opener: OpenerDirector | None = None,
    ) -> None:
        self.config = config
        self.limiter = limiter or RateLimiter(config.rate, sleep=sleep)
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._opener = opener or _default_opener(config.base_url)
        self._count_lock = threading.Lock()
        self.requests = 0

    def __repr__(self) -> str:
        return f"EutilsClient(base_url={self.config.base_url!r}, rate={self.limiter.rate})"

    # ------------------------------------------------------------------ public

    def call(
        self,
        endpoint: str,
        params: Params,
        *,
        validate: Callable[[bytes], T],
        post: bool = False,
    ) -> T:
        """Request ``endpoint`` (e.g. ``"efetch.fcgi"``) and return ``validate(body)``.

        ``validate`` raises ``InvalidResponse`` for a body worth retrying, or ``FetchError`` for
        an answer that will not change (NCBI said the query is wrong).
        """
        request, shown = self._request(endpoint, params, post=post)
        last = "no attempt made"
        for attempt in range(self.retry.attempts):
            self.limiter.acquire()
            with self._count_lock:
                self.requests += 1
            retry_after: float | None = None
            fatal: FetchError | None = None
            try:
                with self._opener.open(request, timeout=self.config.timeout) as response:
                    body = response.read()
                    encoding = response.headers.get("Content-Encoding", "")
                return validate(_decode(body, encoding))
            except HTTPError as exc:
                detail = _ncbi_message(_safe_read(exc))
                last = f"HTTP {exc.code}" + (f": {detail}" if detail else "")
                if exc.code not in RETRYABLE_STATUS:
                    # Raised below, outside this block: the HTTPError (whose URL holds the key)
                    # must not travel along as __context__.
                    fatal = FetchError(self.redact(f"{shown}: {last}"))
                retry_after = _retry_after(exc.headers.get("Retry-After") if exc.headers else None)
            except InvalidResponse as exc:
                last = f"bad response: {exc}"
            except (OSError, http.client.HTTPException, EOFError, zlib.error) as exc:
                last = f"{type(exc).__name__}: {exc}"
            if fatal is not None:
                raise fatal
            if attempt + 1 < self.retry.attempts:
                self._sleep(self._delay(attempt, retry_after))
        raise FetchError(
            self.redact(f"{shown}: gave up after {self.retry.attempts} attempts; last: {last}")
        )

    def redact(self, text: str) -> str:
        """``text`` with every occurrence of the API key replaced by ``***``."""
        key = self.config.api_key.reveal()
        return text.replace(key, "***") if key else text

    # ------------------------------------------------------------------ internals

    def _request(self, endpoint: str, params: Params, *, post: bool) -> tuple[Request, str]:
        """The urllib request and the redacted way to show it in messages."""
        fields: list[tuple[str, str]] = []
        for name, value in params.items():
            if isinstance(value, str | int):
                fields.append((name, str(value)))
            else:
                fields.extend((name, str(v)) for v in value)
        fields.append(("tool", self.config.tool))
        if self.config.email:
            fields.append(("email", self.config.email))
        shown_fields = list(fields)
        if self.config.has_key:
            fields.append(("api_key", self.config.api_key.reveal()))
            shown_fields.append(("api_key", "***"))
        url = self.config.base_url + endpoint
        headers = {"User-Agent": f"{self.config.tool} (irkg literature intake)"}
        headers["Accept-Encoding"] = "gzip"
        if post:
            request = Request(url, data=urlencode(fields).encode(), headers=headers, method="POST")
            shown = f"POST {url} ({_summarise(shown_fields)})"
        else:
            request = Request(f"{url}?{urlencode(fields)}", headers=headers, method="GET")
            shown = f"GET {url}?{urlencode(shown_fields, safe='*')}"
        return request, shown

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        ceiling = min(self.retry.max_delay, self.retry.base_delay * (2**attempt))
        delay = ceiling / 2 + self._rng.uniform(0, ceiling / 2)
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.retry.max_retry_after))
        return delay


def _default_opener(base_url: str) -> OpenerDirector:
    """urllib's opener; loopback URLs (mirrors, tests) bypass any proxy from the environment."""
    host = urlsplit(base_url).hostname or ""
    return build_opener(ProxyHandler({})) if host in _LOOPBACK else build_opener()


def _decode(body: bytes, encoding: str) -> bytes:
    if encoding.strip().lower() == "gzip":
        return gzip.decompress(body)
    return body


def _safe_read(exc: HTTPError) -> bytes:
    try:
        return exc.read() or b""
    except (OSError, http.client.HTTPException):
        return b""


def _ncbi_message(body: bytes) -> str:
    """NCBI's own error text from a JSON (``{"error": ...}``) or XML (``<ERROR>``) error body."""
    text = body.decode("utf-8", "replace").strip()
    if not text:
        return ""
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict):
        for key in ("error", "ERROR", "message"):
            if isinstance(data.get(key), str):
                return data[key]
        inner = data.get("esearchresult")
        if isinstance(inner, dict) and isinstance(inner.get("ERROR"), str):
            return inner["ERROR"]
    start = text.find("<ERROR>")
    if start >= 0:
        end = text.find("</ERROR>", start)
        return text[start + 7 : end if end > 0 else None].strip()
    return " ".join(text.split())[:200]


def _retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _summarise(fields: list[tuple[str, str]]) -> str:
    """POST bodies can hold 200 ids: show each field once, ids as a count."""
    shown: dict[str, str] = {}
    for name, value in fields:
        if name == "id":
            ids = [v for v in shown.get("id", "").split(",") if v] + value.split(",")
            shown["id"] = ",".join(ids)
        else:
            shown[name] = value
    if "id" in shown:
        ids = shown["id"].split(",")
        shown["id"] = ids[0] if len(ids) == 1 else f"{ids[0]}..{ids[-1]} ({len(ids)} ids)"
    return "&".join(f"{k}={v}" for k, v in shown.items())
