"""The central API client: the only module of the kiosk that imports ``requests``.

:class:`ApiClient` makes one synchronous call per method and returns typed answers
(:mod:`kiosk.api.models`) or raises one of :mod:`kiosk.api.errors`. It is meant to run on
the UI's network lane or in the sync, never on the GUI thread.

What it takes care of:

* **Transport.** One ``requests.Session``; a connect and a read timeout on every call; TLS
  verified against the OS trust store (``truststore``) plus an optional extra CA bundle,
  never against certifi's list; the proxy from the configuration only (environment
  variables and ``.netrc`` are ignored, so what IT configured is what runs); ``http://`` is
  refused for anything but a loopback host.
* **Resilience.** Idempotent calls (GET, and POST with an ``Idempotency-Key``) are retried
  with full-jitter exponential backoff, never sooner than ``Retry-After``; a circuit breaker
  stops calling a server that keeps failing (:mod:`kiosk.api.resilience`).
* **Clock.** Each answer's ``Date`` header and the heartbeat's ``serverTime`` estimate how
  far the PC clock is off; :meth:`ApiClient.clock_skew` and :meth:`ApiClient.server_now`
  report it and the caller applies it with :meth:`kiosk.clock.Clock.correct`.
* **Privacy.** Logs and error messages name the route (no query string) and what happened;
  never a body, a query string or the device token.
"""

from __future__ import annotations

import enum
import json
import logging
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar, overload
from urllib.parse import quote, urlsplit

import requests
import truststore
import urllib3.exceptions
from requests.adapters import HTTPAdapter

import kiosk
from kiosk.api import models
from kiosk.api.errors import (
    ApiError,
    BadResponse,
    CircuitOpen,
    RateLimited,
    Rejected,
    ServerError,
    Unauthorized,
    Unreachable,
)
from kiosk.api.models import (
    Commune,
    Enrollment,
    FeedPage,
    Fetched,
    HeartbeatAnswer,
    JsonObject,
    KioskConfig,
    NotModified,
    Preregistration,
    Taxonomy,
    Venue,
)
from kiosk.api.resilience import (
    BreakerOpenError,
    BreakerState,
    CircuitBreaker,
    RetryPolicy,
    parse_retry_after,
)
from kiosk.clock import Clock
from kiosk.net import is_loopback

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_TIMEOUTS = (5.0, 30.0)
"""Seconds to connect, and seconds of silence allowed while reading an answer."""
MAX_JSON_BYTES = 64 * 1024 * 1024
"""Largest JSON answer accepted (a feed page of 1,000 offers is about 2 MB)."""
DEFAULT_USER_AGENT = f"passculture-kiosk/{kiosk.__version__}"
FEED_MAX_LIMIT = 1000

_IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")
_TOKEN = re.compile(r"^[\x21-\x7e]+$")
_CHUNK = 64 * 1024


class _Default(enum.Enum):
    BREAKER = "a fresh CircuitBreaker()"
    UNSET = "not given"


def check_url(url: str, *, what: str = "URL") -> str:
    """Return ``url`` without a trailing slash, or refuse it.

    Raises:
        ValueError: not an absolute http(s) URL, or ``http://`` for a host that is not
            loopback (the token and visitors' data would cross the network in clear).
    """
    text = url.strip()
    try:
        parts = urlsplit(text)
        host = parts.hostname
        _ = parts.port  # raises ValueError for a bad port
    except ValueError as error:
        raise ValueError(f"the {what} {text!r} is not valid ({error})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not host:
        raise ValueError(
            f"the {what} {text!r} is not an absolute web address: write it in full, "
            "like https://host.example.org"
        )
    if scheme == "http" and not is_loopback(host):
        raise ValueError(
            f"refusing http:// for {host}: the device token and visitors' data would cross "
            "the network unencrypted; use https:// (http:// is only allowed for 127.0.0.1, "
            "::1 or localhost)"
        )
    if parts.username is not None or parts.password is not None:
        raise ValueError(f"the {what} must not hold a user name or password")
    return text.rstrip("/")


# --- transport --------------------------------------------------------------------------------


class _TrustStoreAdapter(HTTPAdapter):
    """An adapter whose TLS trust is one ``truststore.SSLContext``: the OS store + extras."""

    def __init__(self, context: ssl.SSLContext) -> None:
        self._context = context
        super().__init__(max_retries=0)  # retries are ours, with backoff and a breaker

    def init_poolmanager(
        self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any
    ) -> None:
        pool_kwargs["ssl_context"] = self._context
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        proxy_kwargs.setdefault("ssl_context", self._context)
        proxy_kwargs.setdefault("proxy_ssl_context", self._context)
        return super().proxy_manager_for(proxy, **proxy_kwargs)

    def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
        # requests would load certifi's bundle into our context here: the context alone
        # decides (OS trust store + ca_bundle), and it always verifies.
        if url.lower().startswith("https"):
            conn.cert_reqs = "CERT_REQUIRED"
            conn.ca_certs = None
            conn.ca_cert_dir = None


def _tls_context(ca_bundle: Path | None) -> ssl.SSLContext:
    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if ca_bundle is not None:
        try:
            context.load_verify_locations(cafile=str(ca_bundle))
        except (OSError, ssl.SSLError) as error:
            raise ValueError(f"the CA bundle {ca_bundle} cannot be loaded ({error})") from None
    return context


def _chain(error: BaseException) -> list[BaseException]:
    """The exception and everything it wraps (args, reason, cause, context), once each."""
    seen: list[BaseException] = []
    todo: list[BaseException] = [error]
    while todo:
        current = todo.pop(0)
        if any(current is known for known in seen):
            continue
        seen.append(current)
        linked = [current.__cause__, current.__context__, getattr(current, "reason", None)]
        linked += [arg for arg in current.args if isinstance(arg, BaseException)]
        todo += [item for item in linked if isinstance(item, BaseException)]
    return seen


def _describe(error: BaseException, timeouts: tuple[float, float]) -> str:
    """Why a request failed, in words, without the URL (urllib3's texts carry the query)."""
    chain = _chain(error)

    def has(kind: type[BaseException] | tuple[type[BaseException], ...]) -> bool:
        return any(isinstance(item, kind) for item in chain)

    for item in chain:
        if isinstance(item, ssl.SSLCertVerificationError):
            reason = item.verify_message or "verification failed"
            return (
                f"the server's TLS certificate was rejected ({reason}); if a proxy inspects "
                "TLS, give its CA in the ca_bundle option"
            )
    if isinstance(error, requests.exceptions.SSLError) or has(ssl.SSLError):
        return "the TLS handshake failed"
    if isinstance(error, requests.exceptions.ProxyError):
        return "the proxy could not be reached or refused the connection"
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return f"could not connect within {timeouts[0]:g} s"
    if isinstance(error, requests.exceptions.ReadTimeout) or has(
        (TimeoutError, urllib3.exceptions.ReadTimeoutError)
    ):
        return f"no answer within {timeouts[1]:g} s"
    if has(socket.gaierror) or has(urllib3.exceptions.NameResolutionError):
        return "the server's name could not be resolved (DNS)"
    if has(ConnectionRefusedError):
        return "the connection was refused (is the server running?)"
    if has(ConnectionResetError) or has(ConnectionAbortedError):
        return "the connection was reset before the answer was complete"
    if isinstance(error, requests.exceptions.ConnectionError):
        return "the connection was closed without a complete answer"
    return f"the request failed ({type(error).__name__})"


@dataclass(frozen=True)
class _Answer:
    status: int
    headers: Mapping[str, str]
    body: bytes
    sent_at: datetime
    received_at: datetime

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


class _Failure(Exception):
    """One attempt failed in a way worth retrying (for idempotent calls)."""

    def __init__(self, error: ApiError, retry_after: float | None = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.retry_after = retry_after


@dataclass(frozen=True)
class SkewEstimate:
    """How far the server's clock was from the kiosk's :class:`Clock`, once measured.

    Attributes:
        skew: server time minus the PC's own time (positive: the PC is behind).
        source: ``"heartbeat"`` (``serverTime``, trusted) or ``"date"`` (an HTTP ``Date``
            header, which a proxy may rewrite).
        server_time: the server's time at the measurement.
        measured_at: ``time.monotonic()`` at the measurement.
    """

    skew: timedelta
    source: str
    server_time: datetime
    measured_at: float


# --- the client -------------------------------------------------------------------------------


class ApiClient:
    """A client of the central API (or of the simulator, in training mode and tests).

    Args:
        base_url: the central URL, e.g. ``https://kiosk-api.example.org`` (a path prefix is
            kept); ``http://`` only for a loopback host.
        token: returns the device token, or None when the kiosk is not enrolled; called
            for each ``/kiosk/v1`` request, so a new token is picked up at once.
        timeouts: seconds to connect, and seconds of silence allowed while reading.
        ca_bundle: a PEM file of extra certificate authorities (a TLS-inspecting proxy).
        proxy: ``http(s)://host:port`` of the proxy, or "" for none (loopback never uses it).
        clock: the PC clock whose error :meth:`clock_skew` measures (its correction is
            ignored; tests pass a frozen one).
        retry: how idempotent calls are retried.
        breaker: the circuit breaker (None: no breaker); by default a fresh one.
        sleep: how to wait between retries (tests pass a recorder).
        user_agent: the ``User-Agent`` header.

    Raises:
        ValueError: a refused URL or proxy, bad timeouts, or an unreadable CA bundle.
    """

    def __init__(
        self,
        base_url: str,
        *,
        token: Callable[[], str | None] = lambda: None,
        timeouts: tuple[float, float] = DEFAULT_TIMEOUTS,
        ca_bundle: Path | None = None,
        proxy: str = "",
        clock: Clock | None = None,
        retry: RetryPolicy | None = None,
        breaker: CircuitBreaker | None | _Default = _Default.BREAKER,
        sleep: Callable[[float], None] = time.sleep,
        user_agent: str = DEFAULT_USER_AGENT,
    ) -> None:
        self.base_url = check_url(base_url, what="central URL")
        if len(timeouts) != 2 or min(timeouts) <= 0:
            raise ValueError("timeouts must be two positive numbers of seconds")
        self._origin = _origin(self.base_url)
        self._token = token
        self._timeouts = (float(timeouts[0]), float(timeouts[1]))
        self._clock = clock or Clock()
        self._retry = retry or RetryPolicy()
        self._breaker = CircuitBreaker() if isinstance(breaker, _Default) else breaker
        self._sleep = sleep
        self._proxies: dict[str, str] = {}
        if proxy:
            proxy_url = proxy.strip()
            if urlsplit(proxy_url).scheme.lower() not in ("http", "https"):
                raise ValueError("the proxy must be an http:// or https:// URL")
            self._proxies = {"http": proxy_url, "https": proxy_url}
        #: Body bytes received so far (monitoring, and the benchmarks' traffic figures).
        self.bytes_received = 0
        self._session = requests.Session()
        self._session.trust_env = False  # no env proxies, no REQUESTS_CA_BUNDLE, no .netrc
        self._session.headers["User-Agent"] = user_agent
        self._session.headers["Accept"] = "application/json"
        adapter = _TrustStoreAdapter(_tls_context(ca_bundle))
        self._session.mount("https://", adapter)
        self._session.mount("http://", adapter)
        self._skew_lock = threading.Lock()
        self._skews: dict[str, SkewEstimate] = {}

    # --- life cycle ---------------------------------------------------------------------------

    def close(self) -> None:
        """Close the pooled connections."""
        self._session.close()

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def breaker(self) -> CircuitBreaker | None:
        """The circuit breaker guarding calls to the central URL, if any."""
        return self._breaker

    # --- native routes ------------------------------------------------------------------------

    def settings(self, etag: str | None = None) -> Fetched[JsonObject] | NotModified:
        """``GET /native/v1/settings``: the checked payload (for ``EligibilityRules``)."""
        return self._conditional("/native/v1/settings", etag, models.parse_settings)

    @overload
    def subcategories(self) -> Taxonomy: ...

    @overload
    def subcategories(self, etag: str | None) -> Fetched[Taxonomy] | NotModified: ...

    def subcategories(self, etag: str | None | _Default = _Default.UNSET) -> Any:
        """``GET /native/v1/subcategories/v2``: the taxonomy.

        Without an argument, the taxonomy itself; with ``etag`` (None included), a
        conditional request answering ``Fetched`` or ``NotModified`` like :meth:`settings`.
        """
        if isinstance(etag, _Default):
            fetched = self._conditional("/native/v1/subcategories/v2", None, models.parse_taxonomy)
            assert isinstance(fetched, Fetched)
            return fetched.value
        return self._conditional("/native/v1/subcategories/v2", etag, models.parse_taxonomy)

    def offer(self, offer_id: int) -> JsonObject:
        """``GET /native/v1/offer/{id}``: one offer, as a checked dict."""
        answer = self._call("GET", f"/native/v1/offer/{int(offer_id)}", idempotent=True)
        return self._parse(answer, "GET /native/v1/offer", models.check_offer)

    def venue(self, venue_id: int) -> Venue:
        """``GET /native/v1/venue/{id}``: one venue."""
        answer = self._call("GET", f"/native/v1/venue/{int(venue_id)}", idempotent=True)
        return self._parse(answer, "GET /native/v1/venue", models.parse_venue)

    # --- kiosk routes -------------------------------------------------------------------------

    def enroll(self, code: str, kiosk_name: str, version: str) -> Enrollment:
        """``POST /kiosk/v1/devices/enroll``: spend a one-time code (never retried)."""
        body = {"code": code, "kioskName": kiosk_name, "version": version}
        answer = self._call(
            "POST", "/kiosk/v1/devices/enroll", json_body=body, expect=(201, 200)
        )
        return self._parse(answer, "POST /kiosk/v1/devices/enroll", models.parse_enrollment)

    def config(self, etag: str | None = None) -> Fetched[KioskConfig] | NotModified:
        """``GET /kiosk/v1/config``: this kiosk's remote settings."""
        return self._conditional("/kiosk/v1/config", etag, models.parse_kiosk_config, auth=True)

    def offers_page(self, cursor: str | None = None, limit: int = 200) -> FeedPage:
        """``GET /kiosk/v1/offers``: one page of the offer feed after ``cursor``."""
        return self._feed("/kiosk/v1/offers", cursor, limit, models.check_offer)

    def venues_page(self, cursor: str | None = None, limit: int = 200) -> FeedPage:
        """``GET /kiosk/v1/venues``: one page of the venue feed after ``cursor``."""
        return self._feed("/kiosk/v1/venues", cursor, limit, models.check_venue)

    def create_preregistration(
        self, payload: Mapping[str, Any], idempotency_key: str
    ) -> Preregistration:
        """``POST /kiosk/v1/preregistrations``, retried safely under ``idempotency_key``.

        Reuse the same key for every try of one logical pre-registration (it is stored with
        the outbox entry): the server then never creates it twice.

        Raises:
            ValueError: a key that is not 1 to 255 visible ASCII characters, or a payload
                that cannot be written as JSON.
        """
        if not _IDEMPOTENCY_KEY.match(idempotency_key):
            raise ValueError("the idempotency key must be 1 to 255 visible ASCII characters")
        answer = self._call(
            "POST",
            "/kiosk/v1/preregistrations",
            auth=True,
            idempotent=True,
            json_body=payload,
            headers={"Idempotency-Key": idempotency_key},
            expect=(201, 200),
        )
        replayed = (answer.header("Idempotent-Replayed") or "").lower() == "true"
        return self._parse(
            answer,
            "POST /kiosk/v1/preregistrations",
            lambda body: models.parse_preregistration(body, replayed=replayed),
        )

    def get_preregistration(self, preregistration_id: str) -> Preregistration:
        """``GET /kiosk/v1/preregistrations/{id}``: where it stands."""
        path = "/kiosk/v1/preregistrations/" + quote(preregistration_id, safe="")
        answer = self._call("GET", path, auth=True, idempotent=True)
        return self._parse(
            answer, "GET /kiosk/v1/preregistrations", models.parse_preregistration
        )

    def communes(self, postal_code: str) -> list[Commune]:
        """``GET /kiosk/v1/communes?postalCode=``: the communes a postal code serves."""
        answer = self._call(
            "GET", "/kiosk/v1/communes", auth=True, idempotent=True,
            params={"postalCode": postal_code},
        )  # fmt: skip
        return self._parse(answer, "GET /kiosk/v1/communes", models.parse_communes)

    def heartbeat(self, health: Mapping[str, Any]) -> HeartbeatAnswer:
        """``POST /kiosk/v1/heartbeat``: report health; the answer measures the clock."""
        answer = self._call("POST", "/kiosk/v1/heartbeat", auth=True, json_body=health)
        result = self._parse(answer, "POST /kiosk/v1/heartbeat", models.parse_heartbeat)
        self._measure("heartbeat", result.server_time, answer)
        return result

    def image(self, url: str, max_bytes: int) -> bytes:
        """A picture by the absolute URL found in an offer or a venue; never sends the token.

        Raises:
            ValueError: a URL that is not absolute http(s), or http:// to a public host.
            BadResponse: not an image, or larger than ``max_bytes``.
        """
        target = check_url(url, what="image URL")
        answer = self._call(
            "GET", target, absolute=True, idempotent=True, max_bytes=max_bytes,
            accept="image/*",
        )  # fmt: skip
        kind = (answer.header("Content-Type") or "").split(";")[0].strip().lower()
        if not kind.startswith("image/"):
            raise BadResponse(
                f"expected an image, got {kind or 'no content type'}",
                route=f"GET {urlsplit(target).path}",
                status=answer.status,
            )
        return answer.body

    # --- clock --------------------------------------------------------------------------------

    def clock_skew(self) -> float | None:
        """Seconds the server's clock is ahead of this PC's (negative: the PC is ahead).

        Measured against the PC's own time (the ``clock``'s reading without its correction),
        so ``clock.correct(pc_now + timedelta(seconds=skew))`` — or simply
        ``clock.correct(client.server_now())`` — sets the right offset however often it is
        applied. The heartbeat's ``serverTime`` is trusted over ``Date`` headers (a proxy
        may rewrite those), which serve until a heartbeat has answered. None before any
        answer.
        """
        estimate = self.skew_estimate()
        return None if estimate is None else estimate.skew.total_seconds()

    def skew_estimate(self) -> SkewEstimate | None:
        """The estimate :meth:`clock_skew` reports, with its source and age."""
        with self._skew_lock:
            return self._skews.get("heartbeat") or self._skews.get("date")

    def server_now(self) -> datetime | None:
        """The server's time now, from the last estimate plus the monotonic time since."""
        estimate = self.skew_estimate()
        if estimate is None:
            return None
        elapsed = time.monotonic() - estimate.measured_at
        return estimate.server_time + timedelta(seconds=elapsed)

    def _pc_now(self) -> datetime:
        # The clock's own time without its correction: the skew stays "server minus PC"
        # even after the caller has corrected the clock.
        return self._clock.now() - self._clock.offset

    def _measure(self, source: str, server_time: datetime, answer: _Answer) -> None:
        # The server stamped its time somewhere between our send and our receipt: take the
        # middle; a whole-second stamp is on average half a second behind the true instant.
        middle = answer.sent_at + (answer.received_at - answer.sent_at) / 2
        if server_time.microsecond == 0:
            server_time += timedelta(milliseconds=500)
        estimate = SkewEstimate(server_time - middle, source, server_time, time.monotonic())
        with self._skew_lock:
            self._skews[source] = estimate

    def _measure_date(self, answer: _Answer) -> None:
        text = answer.header("Date")
        if not text:
            return
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        self._measure("date", moment.astimezone(UTC), answer)

    # --- plumbing -----------------------------------------------------------------------------

    def _conditional(
        self,
        path: str,
        etag: str | None,
        parse: Callable[[object], T],
        *,
        auth: bool = False,
    ) -> Fetched[T] | NotModified:
        headers = {"If-None-Match": etag} if etag else {}
        answer = self._call(
            "GET", path, auth=auth, idempotent=True, headers=headers,
            expect=(200, 304) if etag else (200,),
        )  # fmt: skip
        new_etag = answer.header("ETag")
        if answer.status == 304:
            return NotModified(new_etag or etag or "")
        return Fetched(self._parse(answer, f"GET {path}", parse), new_etag)

    def _feed(
        self,
        path: str,
        cursor: str | None,
        limit: int,
        check: Callable[[object, str], JsonObject],
    ) -> FeedPage:
        if not 1 <= limit <= FEED_MAX_LIMIT:
            raise ValueError(f"limit must be between 1 and {FEED_MAX_LIMIT}")
        params: dict[str, str | int] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        answer = self._call("GET", path, auth=True, idempotent=True, params=params)
        page = self._parse(answer, f"GET {path}", lambda body: models.parse_feed_page(body, check))
        if page.dropped:
            log.warning("GET %s: %d item(s) did not fit the contract and were left out",
                        path, page.dropped)  # fmt: skip
        return page

    def _parse(self, answer: _Answer, route: str, parse: Callable[[object], T]) -> T:
        try:
            body = json.loads(answer.body)
        except (ValueError, RecursionError):
            kind = (answer.header("Content-Type") or "no content type").split(";")[0]
            raise BadResponse(
                f"the answer is not valid JSON ({kind}, {len(answer.body)} bytes)",
                route=route,
                status=answer.status,
            ) from None
        try:
            return parse(body)
        except BadResponse as error:
            raise BadResponse(str(error), route=route, status=answer.status) from None
        except RecursionError:
            raise BadResponse("the answer nests too deeply", route=route) from None

    def _call(
        self,
        method: str,
        target: str,
        *,
        auth: bool = False,
        idempotent: bool = False,
        params: Mapping[str, str | int] | None = None,
        json_body: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        expect: tuple[int, ...] = (200,),
        absolute: bool = False,
        max_bytes: int = MAX_JSON_BYTES,
        accept: str = "application/json",
    ) -> _Answer:
        """Send one request, retrying when allowed; return an expected answer or raise."""
        url = target if absolute else self.base_url + target
        route = f"{method} {urlsplit(url).path}"
        same_origin = _origin(url) == self._origin
        breaker = self._breaker if same_origin else None
        request_headers = {"Accept": accept, **(headers or {})}
        if auth:
            request_headers["Authorization"] = "Bearer " + self._bearer(route)
        data: bytes | None = None
        if json_body is not None:
            try:
                data = json.dumps(dict(json_body), ensure_ascii=False).encode("utf-8")
            except (TypeError, ValueError) as error:
                raise ValueError(f"{route}: the body cannot be written as JSON ({error})") from None
            request_headers["Content-Type"] = "application/json"
        attempts = self._retry.attempts if idempotent else 1
        last: _Failure | None = None
        tried = 0
        while tried < attempts:
            if last is not None:
                delay = self._retry.delay(tried, last.retry_after)
                log.warning("%s: %s; retrying in %.1f s (attempt %d of %d)",
                            route, _reason(last.error), delay, tried + 1, attempts)  # fmt: skip
                self._sleep(delay)
            if breaker is not None:
                try:
                    breaker.acquire()
                except BreakerOpenError as closed:
                    if last is not None:  # the breaker opened during our own retries
                        raise _final(last.error, tried) from None
                    raise CircuitOpen(
                        f"not called: the server failed repeatedly; next try in "
                        f"{closed.retry_in:.0f} s",
                        route=route,
                        retry_in=closed.retry_in,
                    ) from None
            tried += 1
            try:
                answer = self._attempt(method, url, route, request_headers, params, data,
                                       max_bytes, same_origin)  # fmt: skip
            except _Failure as failure:
                if breaker is not None:
                    breaker.failure()
                last = failure
                wait = failure.retry_after
                if wait is not None and wait > self._retry.max_retry_after:
                    break  # the server asks for a longer pause than we wait in place
                if breaker is not None and breaker.state is BreakerState.OPEN:
                    break  # this failure opened the circuit: no point waiting to retry
                continue
            except BaseException:
                if breaker is not None:
                    breaker.release()
                raise
            if breaker is not None:
                breaker.success()
            return self._check_status(answer, route, expect)
        assert last is not None
        raise _final(last.error, tried)

    def _bearer(self, route: str) -> str:
        token = self._token()
        if not token:
            raise Unauthorized(
                "no device token: enroll this kiosk first (passculture-kiosk enroll)",
                route=route,
            )
        if not _TOKEN.match(token):
            # requests would quote the bad header value in its error: never let it.
            raise Unauthorized("the stored device token is malformed: enroll again", route=route)
        return token

    def _attempt(
        self,
        method: str,
        url: str,
        route: str,
        headers: Mapping[str, str],
        params: Mapping[str, str | int] | None,
        data: bytes | None,
        max_bytes: int,
        same_origin: bool,
    ) -> _Answer:
        """One HTTP exchange. Raises _Failure for what a retry may fix."""
        host = urlsplit(url).hostname or ""
        proxies = {} if is_loopback(host) else self._proxies
        sent_at = self._pc_now()
        started = time.monotonic()
        try:
            response = self._session.request(
                method, url, params=params, data=data, headers=dict(headers),
                timeout=self._timeouts, proxies=proxies, stream=True,
                allow_redirects=not same_origin,  # an API redirect is a captive portal
            )  # fmt: skip
        except requests.exceptions.RequestException as error:
            raise _Failure(Unreachable(_describe(error, self._timeouts), route=route)) from None
        received_at = self._pc_now()
        try:
            body = self._read(response, route, max_bytes)
        finally:
            response.close()
        answer = _Answer(response.status_code, response.headers, body, sent_at, received_at)
        self.bytes_received += len(body)
        log.debug("%s -> %d (%d bytes, %.0f ms)", route, answer.status, len(body),
                  (time.monotonic() - started) * 1000)  # fmt: skip
        if same_origin:
            self._measure_date(answer)
        status = answer.status
        if status == 429 or 500 <= status <= 599:
            retry_after = parse_retry_after(
                answer.header("Retry-After"), server_date=answer.header("Date")
            )
            wait = "" if retry_after is None else f", asked to retry after {retry_after:g} s"
            overloaded: ApiError
            if status == 429:
                overloaded = RateLimited(
                    f"rate-limited (429){wait}", route=route, retry_after=retry_after
                )
            else:
                overloaded = ServerError(
                    f"server error {status}{wait}", route=route, status=status,
                    retry_after=retry_after,
                )  # fmt: skip
            raise _Failure(overloaded, retry_after)
        return answer

    def _read(self, response: requests.Response, route: str, max_bytes: int) -> bytes:
        status = response.status_code
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise BadResponse(
                f"the answer is larger than {max_bytes} bytes", route=route, status=status
            )
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_content(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise BadResponse(
                        f"the answer is larger than {max_bytes} bytes", route=route, status=status
                    )
                chunks.append(chunk)
        except requests.exceptions.ChunkedEncodingError:
            raise _Failure(
                BadResponse(f"the answer was cut short after {size} bytes", route=route,
                            status=status)
            ) from None  # fmt: skip
        except requests.exceptions.ContentDecodingError:
            raise BadResponse(
                "the answer's compression is broken", route=route, status=status
            ) from None
        except requests.exceptions.RequestException as error:
            raise _Failure(Unreachable(_describe(error, self._timeouts), route=route)) from None
        return b"".join(chunks)

    def _check_status(self, answer: _Answer, route: str, expect: tuple[int, ...]) -> _Answer:
        status = answer.status
        if status in expect:
            return answer
        if status == 401:
            raise Unauthorized(
                "the device token is unknown or revoked (401): enroll this kiosk again",
                route=route,
                status=401,
            )
        if 400 <= status <= 499:
            raise _rejection(answer, route)
        raise BadResponse(f"unexpected status {status}", route=route, status=status)


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def _final(error: ApiError, tried: int) -> ApiError:
    """The last attempt's error, its message saying how many attempts were made."""
    if tried > 1 and error.args:
        error.args = (f"{error.args[0]} (after {tried} attempts)",)
    return error


def _reason(error: ApiError) -> str:
    text = str(error)
    prefix = f"{error.route}: "
    return text[len(prefix) :] if error.route and text.startswith(prefix) else text


def _rejection(answer: _Answer, route: str) -> Rejected:
    """A 4xx answer in the backend's shapes: coded, per field, or global."""
    try:
        body = json.loads(answer.body)
    except (ValueError, RecursionError):
        body = None
    code: str | None = None
    message = ""
    fields: dict[str, tuple[str, ...]] = {}
    if isinstance(body, dict):
        if isinstance(body.get("code"), str):
            code = body["code"]
            text = body.get("message")
            message = text if isinstance(text, str) else ""
        else:
            for key, value in body.items():
                if isinstance(value, list) and all(isinstance(v, str) for v in value):
                    if key == "global":
                        message = " ".join(value)
                    else:
                        fields[str(key)] = tuple(value)
    return Rejected(route=route, status=answer.status, code=code, message=message, fields=fields)
