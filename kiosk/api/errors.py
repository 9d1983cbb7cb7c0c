"""What can go wrong when the kiosk talks to the central API, one exception class per case.

Callers branch on the class (and on ``Rejected.code``), never on the text. Messages are
English sentences for IT and the logs: they name the route and what happened, never a
request body (it may hold a visitor's personal data), a query string, nor the device token.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType


class ApiError(Exception):
    """Base class of every central API failure.

    Attributes:
        route: ``METHOD /path`` of the call (no query string), or "" when unknown.
        status: the HTTP status when an answer came back, else None.
    """

    def __init__(self, message: str, *, route: str = "", status: int | None = None) -> None:
        super().__init__(f"{route}: {message}" if route else message)
        self.route = route
        self.status = status


class Unreachable(ApiError):
    """No usable answer: DNS failure, connection refused or reset, TLS failure, timeout."""


class ServerError(ApiError):
    """The server kept answering 5xx after the retries.

    Attributes:
        retry_after: seconds the server asked to wait (``Retry-After``), when it said.
    """

    def __init__(
        self, message: str, *, route: str = "", status: int | None = None,
        retry_after: float | None = None,
    ) -> None:  # fmt: skip
        super().__init__(message, route=route, status=status)
        self.retry_after = retry_after


class RateLimited(ApiError):
    """The server kept answering 429 after the retries, or asked to wait too long.

    Attributes:
        retry_after: seconds the server asked to wait (``Retry-After``), when it said.
    """

    def __init__(
        self, message: str, *, route: str = "", status: int | None = 429,
        retry_after: float | None = None,
    ) -> None:  # fmt: skip
        super().__init__(message, route=route, status=status)
        self.retry_after = retry_after


class Unauthorized(ApiError):
    """401, or no token at all: the device is not enrolled, or its token was revoked."""


class Rejected(ApiError):
    """A 4xx answer (other than 401 and 429) in one of the backend's error shapes.

    Attributes:
        code: ``code`` of a ``{"code", "message"}`` body (e.g. ``IDEMPOTENCY_KEY_REUSED``).
        message: its ``message`` (French, for a person), or "".
        fields: field name → messages, from a ``{"field": ["message"]}`` body.
    """

    def __init__(
        self, *, route: str, status: int, code: str | None = None, message: str = "",
        fields: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:  # fmt: skip
        if code is not None:
            what = f"{code}: {message}" if message else code
        elif fields:
            what = "invalid fields " + ", ".join(sorted(fields))
        else:
            what = "no error details"
        super().__init__(f"refused with {status} ({what})", route=route, status=status)
        self.code = code
        self.message = message
        self.fields: Mapping[str, tuple[str, ...]] = MappingProxyType(dict(fields or {}))


class BadResponse(ApiError):
    """An answer that does not fit: not JSON, wrong schema, cut short, unexpected status."""


class CircuitOpen(ApiError):
    """The circuit breaker is open: the server failed repeatedly, so no call was made.

    Attributes:
        retry_in: seconds until the breaker lets one probe call through.
    """

    def __init__(self, message: str, *, route: str = "", retry_in: float = 0.0) -> None:
        super().__init__(message, route=route)
        self.retry_in = retry_in
