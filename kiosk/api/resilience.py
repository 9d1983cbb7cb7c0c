"""Retries with backoff and jitter, ``Retry-After``, and a circuit breaker for the API client.

A kiosk retries on every network doubt, but never so fast or so long that it hammers a
service in trouble: full-jitter exponential backoff spreads a fleet's retries apart, a
server's ``Retry-After`` is a floor, and after a run of failures the breaker stops calling
at all for a cooldown, then lets a single probe through to learn whether the server is back.
"""

from __future__ import annotations

import enum
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently an idempotent call is retried.

    Attributes:
        attempts: tries in all, the first included (1: never retry).
        base_delay: seconds of the first backoff ceiling; it doubles at each retry.
        max_delay: highest backoff ceiling, in seconds.
        max_retry_after: longest ``Retry-After`` the client waits in place; when the server
            asks for more, the call fails at once with the wait in ``retry_after`` (the
            caller, e.g. the next scheduled sync, comes back later).
        rng: source of the jitter; pass ``random.Random(seed)`` for repeatable tests.
    """

    attempts: int = 4
    base_delay: float = 1.0
    max_delay: float = 30.0
    max_retry_after: float = 60.0
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be at least 1")
        if self.base_delay < 0 or self.max_delay < 0 or self.max_retry_after < 0:
            raise ValueError("delays must not be negative")

    def backoff(self, retry: int) -> float:
        """Full jitter: a uniform wait in ``[0, min(max_delay, base_delay * 2**(retry-1))]``.

        Args:
            retry: 1 for the first retry, 2 for the second…
        """
        ceiling = min(self.max_delay, self.base_delay * 2 ** max(0, retry - 1))
        return self.rng.uniform(0.0, ceiling)

    def delay(self, retry: int, retry_after: float | None) -> float:
        """The wait before ``retry``: the backoff, but never less than ``retry_after``."""
        wait = self.backoff(retry)
        return wait if retry_after is None else max(wait, retry_after)


def parse_retry_after(
    value: str | None, *, server_date: str | None = None, now: datetime | None = None
) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date).

    An HTTP date is measured against the answer's own ``Date`` header when there is one
    (both come from the server's clock, so a wrong PC clock does not matter), else ``now``.

    Returns:
        Non-negative seconds, or None when the header is missing or unreadable.
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    target = _http_date(text)
    if target is None:
        return None
    reference = _http_date(server_date) if server_date else None
    if reference is None:
        reference = now or datetime.now(UTC)
    return max(0.0, (target - reference).total_seconds())


def _http_date(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class BreakerState(enum.StrEnum):
    """Where a :class:`CircuitBreaker` stands."""

    CLOSED = "closed"
    """Calls go through; failures are counted."""
    OPEN = "open"
    """Calls are refused until the cooldown ends."""
    HALF_OPEN = "half-open"
    """The cooldown ended: one probe call goes through, the others are refused."""


class BreakerOpenError(Exception):
    """Raised by :meth:`CircuitBreaker.acquire` when no call may go through now.

    Attributes:
        retry_in: seconds until a probe will be allowed (0 while a probe is under way).
    """

    def __init__(self, retry_in: float) -> None:
        super().__init__(f"circuit open; next probe in {retry_in:.1f} s")
        self.retry_in = retry_in


class CircuitBreaker:
    """N consecutive failures open the circuit for a cooldown, then one probe decides.

    Thread-safe. A failure is a call that found no working server (unreachable, 5xx, 429);
    any other answer, even a refusal, proves the server alive and closes the circuit.

    Args:
        threshold: consecutive failures that open the circuit.
        cooldown: seconds the circuit stays open before a probe.
        monotonic: the time source (tests pass a fake one).
    """

    def __init__(
        self,
        threshold: int = 5,
        cooldown: float = 30.0,
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if threshold < 1:
            raise ValueError("threshold must be at least 1")
        if cooldown < 0:
            raise ValueError("cooldown must not be negative")
        self.threshold = threshold
        self.cooldown = cooldown
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at: float | None = None
        self._probing = False

    @property
    def state(self) -> BreakerState:
        """The state now (an open circuit whose cooldown ended reads as half-open)."""
        with self._lock:
            return self._state()

    @property
    def failures(self) -> int:
        """Consecutive failures counted so far."""
        with self._lock:
            return self._failures

    def _state(self) -> BreakerState:
        if self._opened_at is None:
            return BreakerState.CLOSED
        if self._probing or self._monotonic() - self._opened_at >= self.cooldown:
            return BreakerState.HALF_OPEN
        return BreakerState.OPEN

    def acquire(self) -> None:
        """Ask to make one call; record its outcome with :meth:`success` or :meth:`failure`.

        Raises:
            BreakerOpenError: the circuit is open, or half-open with its probe under way.
        """
        with self._lock:
            state = self._state()
            if state is BreakerState.CLOSED:
                return
            if state is BreakerState.HALF_OPEN and not self._probing:
                self._probing = True
                return
            assert self._opened_at is not None
            remaining = self.cooldown - (self._monotonic() - self._opened_at)
            raise BreakerOpenError(max(0.0, remaining))

    def success(self) -> None:
        """The call reached a live server: close the circuit."""
        with self._lock:
            self._failures = 0
            self._opened_at = None
            self._probing = False

    def failure(self) -> None:
        """The call found no working server: count it; open (or re-open) when due."""
        with self._lock:
            self._failures += 1
            if self._probing or self._failures >= self.threshold:
                self._opened_at = self._monotonic()
            self._probing = False

    def release(self) -> None:
        """The call ended without telling either way: free the probe slot, count nothing."""
        with self._lock:
            self._probing = False

    def reset(self) -> None:
        """Forget every failure (e.g. after the server address changed)."""
        self.success()
