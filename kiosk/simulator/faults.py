"""Fault injection: make chosen routes slow, failing, lying or rude, deterministically.

A :class:`FaultPlan` maps route patterns (shell globs on the path, e.g. ``/kiosk/v1/offers``
or ``/kiosk/v1/*``) to :class:`Fault` s. The same plan is set from Python
(``create_app(faults=…)``), from the command line (``--fault ROUTE=KIND[:PARAM][,rate=R]
[,retry_after=S]``) and over HTTP (``POST /admin/faults``), with the same text syntax::

    /kiosk/v1/offers=latency:1.5          every answer 1.5 s late
    /kiosk/v1/*=error:503,rate=0.3        30 % of kiosk calls answer 503 (+ Retry-After)
    /kiosk/v1/heartbeat=error:429,retry_after=7
    /kiosk/v1/preregistrations=reset      close the socket after doing the work
    /native/v1/settings=truncate:0.5      half the JSON body, consistent Content-Length
    /kiosk/v1/config=malformed            invalid JSON text
    /kiosk/v1/offers=schema               valid JSON, wrong types
    /images/*=drip:3                      the body trickles over 3 s
    *=skew:3600                           the Date header one hour ahead

Whether a fault with ``rate < 1`` fires is drawn from ``random.Random(seed)``, so a given
sequence of requests meets the same faults on every run. Admin routes are never faulted.
"""

from __future__ import annotations

import enum
import fnmatch
import random
import threading
from collections.abc import Iterable
from dataclasses import dataclass


class FaultKind(enum.StrEnum):
    """What a fault does; the value is its name in the text syntax."""

    LATENCY = "latency"
    """Wait PARAM seconds (default 1) before handling the request."""
    ERROR = "error"
    """Answer status PARAM (default 503) without handling the request; 429 and 503 carry
    ``Retry-After``."""
    RESET = "reset"
    """Handle the request, then close the connection without sending the answer."""
    TRUNCATE = "truncate"
    """Send only the first PARAM share (default 0.5) of the body, with a matching length."""
    MALFORMED = "malformed"
    """Send a body that is not valid JSON."""
    WRONG_SCHEMA = "schema"
    """Send valid JSON whose values have the wrong types."""
    SLOW_DRIP = "drip"
    """Trickle the body in small pieces over PARAM seconds (default 2)."""
    CLOCK_SKEW = "skew"
    """Send a ``Date`` header PARAM seconds off (default 3600; negative is behind)."""


_DEFAULT_PARAM: dict[FaultKind, float | None] = {
    FaultKind.LATENCY: 1.0,
    FaultKind.ERROR: 503,
    FaultKind.RESET: None,
    FaultKind.TRUNCATE: 0.5,
    FaultKind.MALFORMED: None,
    FaultKind.WRONG_SCHEMA: None,
    FaultKind.SLOW_DRIP: 2.0,
    FaultKind.CLOCK_SKEW: 3600,
}

DEFAULT_RETRY_AFTER = 2
"""Seconds announced in ``Retry-After`` by an injected 429 or 503 unless told otherwise."""


class FaultSpecError(ValueError):
    """A fault description could not be read; the message says why, for a command line."""


@dataclass(frozen=True)
class Fault:
    """One misbehaviour, with the share of matching requests it hits."""

    kind: FaultKind
    param: float | None = None
    rate: float = 1.0
    retry_after: int | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.rate <= 1.0:
            raise FaultSpecError(f"rate must be between 0 and 1, not {self.rate}")
        value = self.value
        if self.kind is FaultKind.ERROR and (not 400 <= value <= 599 or value != int(value)):
            raise FaultSpecError(f"error status must be 400..599, not {value:g}")
        if self.kind is FaultKind.TRUNCATE and not 0.0 <= value < 1.0:
            raise FaultSpecError(f"truncate keeps a share in [0, 1), not {value:g}")
        if self.kind in (FaultKind.LATENCY, FaultKind.SLOW_DRIP) and (self.param or 0) < 0:
            raise FaultSpecError(f"{self.kind} needs a duration >= 0, not {self.param:g}")

    @property
    def value(self) -> float:
        """PARAM, or the kind's default when none was given (0 for kinds without one)."""
        if self.param is not None:
            return self.param
        return _DEFAULT_PARAM[self.kind] or 0.0

    @property
    def status(self) -> int:
        """The HTTP status of an ERROR fault."""
        return int(self.value)

    @property
    def retry_after_seconds(self) -> int | None:
        """``Retry-After`` of an ERROR fault: set for 429 and 503 only."""
        if self.kind is not FaultKind.ERROR or self.status not in (429, 503):
            return None
        return DEFAULT_RETRY_AFTER if self.retry_after is None else self.retry_after

    @classmethod
    def parse(cls, text: str) -> Fault:
        """Read ``KIND[:PARAM][,rate=R][,retry_after=S]``.

        Raises:
            FaultSpecError: when the text is not a fault.
        """
        head, *options = [part.strip() for part in text.split(",")]
        kind_text, _, param_text = head.partition(":")
        try:
            kind = FaultKind(kind_text.strip().lower())
        except ValueError:
            known = ", ".join(k.value for k in FaultKind)
            raise FaultSpecError(f"unknown fault kind {kind_text!r} (known: {known})") from None
        values: dict[str, float] = {}
        for option in options:
            key, sep, raw = option.partition("=")
            if not sep or key.strip() not in ("rate", "retry_after"):
                raise FaultSpecError(f"unknown fault option {option!r} (rate=, retry_after=)")
            values[key.strip()] = _number(raw, option)
        return cls(
            kind,
            _number(param_text, head) if param_text else None,
            rate=values.get("rate", 1.0),
            retry_after=int(values["retry_after"]) if "retry_after" in values else None,
        )

    def __str__(self) -> str:
        text = self.kind.value if self.param is None else f"{self.kind.value}:{self.param:g}"
        if self.rate != 1.0:
            text += f",rate={self.rate:g}"
        if self.retry_after is not None:
            text += f",retry_after={self.retry_after}"
        return text


def _number(text: str, context: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise FaultSpecError(f"not a number in {context!r}: {text!r}") from None


@dataclass(frozen=True)
class FaultRule:
    """A route pattern (a glob on the request path) and the fault it gets."""

    route: str
    fault: Fault

    def matches(self, path: str) -> bool:
        """Whether the request path falls under this rule."""
        return fnmatch.fnmatchcase(path, self.route)

    @classmethod
    def parse(cls, text: str) -> FaultRule:
        """Read ``ROUTE=KIND[:PARAM][,…]``.

        Raises:
            FaultSpecError: when the text is not a rule.
        """
        route, sep, fault = text.partition("=")
        if not sep or not route.strip():
            raise FaultSpecError(f"expected ROUTE=KIND[:PARAM], got {text!r}")
        return cls(route.strip(), Fault.parse(fault))

    def __str__(self) -> str:
        return f"{self.route}={self.fault}"


class FaultPlan:
    """The faults of a simulator: ordered rules and the seeded draw that fires them.

    Thread-safe: the server handles requests on several threads.
    """

    def __init__(self, rules: Iterable[FaultRule | str] = (), *, seed: int = 0) -> None:
        self._lock = threading.Lock()
        self._rules = [FaultRule.parse(r) if isinstance(r, str) else r for r in rules]
        self._seed = seed
        self._rng = random.Random(seed)

    @classmethod
    def parse(cls, texts: Iterable[str], *, seed: int = 0) -> FaultPlan:
        """A plan from ``ROUTE=KIND[:PARAM]`` texts (command line, admin route).

        Raises:
            FaultSpecError: on the first text that is not a rule.
        """
        return cls([FaultRule.parse(text) for text in texts], seed=seed)

    def add(self, route: str, fault: Fault | str) -> FaultPlan:
        """Append a rule; return the plan, to chain calls."""
        rule = FaultRule(route, Fault.parse(fault) if isinstance(fault, str) else fault)
        with self._lock:
            self._rules.append(rule)
        return self

    def replace(self, rules: Iterable[FaultRule], *, seed: int | None = None) -> None:
        """Swap every rule at once and restart the random draw (from ``seed`` if given)."""
        rules = list(rules)
        with self._lock:
            self._rules = rules
            if seed is not None:
                self._seed = seed
            self._rng = random.Random(self._seed)

    def clear(self) -> None:
        """Remove every rule."""
        self.replace([])

    @property
    def rules(self) -> tuple[FaultRule, ...]:
        """The rules, in the order they are tried."""
        with self._lock:
            return tuple(self._rules)

    @property
    def seed(self) -> int:
        """The seed of the draw."""
        return self._seed

    def draw(self, path: str) -> list[Fault]:
        """The faults that fire for one request to ``path``, in rule order."""
        fired = []
        with self._lock:
            for rule in self._rules:
                if not rule.matches(path):
                    continue
                # Draw only for partial rates, so that adding a rate-1 rule does not shift
                # the sequence of the others.
                if rule.fault.rate >= 1.0 or self._rng.random() < rule.fault.rate:
                    fired.append(rule.fault)
        return fired

    def __bool__(self) -> bool:
        return bool(self.rules)

    def __repr__(self) -> str:
        return f"FaultPlan({[str(r) for r in self.rules]!r}, seed={self._seed})"
