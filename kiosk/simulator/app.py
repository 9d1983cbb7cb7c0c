"""The simulator's Flask application: :func:`create_app`, its state, error and fault hooks.

``create_app(data_dir)`` opens (or creates) ``data_dir/simulator.sqlite3``, generates the
demo catalogue unless a matching one is already there (same generator, seed and scale, made
less than a week ago), and wires the three families of routes: ``/native/v1`` (the real
backend's public routes), ``/kiosk/v1`` (the kiosk's own, device token) and ``/admin``
(loopback only, never faulted), plus the generated pictures under ``/images``.
"""

from __future__ import annotations

import logging
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import cast

from flask import Flask, Response, current_app, g, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from kiosk.simulator import data
from kiosk.simulator.faults import Fault, FaultKind, FaultPlan
from kiosk.simulator.responses import JSON_MIMETYPE, dumps, error_for_status
from kiosk.simulator.storage import Store

log = logging.getLogger(__name__)

DATABASE_NAME = "simulator.sqlite3"
CATALOG_MAX_AGE = timedelta(days=7)
"""A cached catalogue older than this is rebuilt, so that events stay ahead in time."""

DATE_SKEW_ENVIRON_KEY = "kiosk.simulator.date_skew"
"""WSGI environ key through which a CLOCK_SKEW fault reaches the server's Date header."""

_EXTENSION = "kiosk_simulator"


@dataclass
class Simulator:
    """What the routes share: the store, the fault plan and small in-memory state."""

    store: Store
    faults: FaultPlan
    seed: int
    # Failed enrollment attempts per remote address (monotonic times), to rate-limit guessing.
    enroll_failures: dict[str, deque[float]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Set when the server stops: injected delays end at once instead of holding threads.
    stopping: threading.Event = field(default_factory=threading.Event)

    def close(self) -> None:
        """End injected delays and close the database."""
        self.stopping.set()
        self.store.close()


def simulator_of(app: Flask) -> Simulator:
    """The :class:`Simulator` behind an app made by :func:`create_app`."""
    return cast(Simulator, app.extensions[_EXTENSION])


def current() -> Simulator:
    """The :class:`Simulator` of the request being handled."""
    return simulator_of(current_app)


def create_app(
    data_dir: Path,
    *,
    seed: int = 42,
    scale: int | None = None,
    faults: FaultPlan | None = None,
) -> Flask:
    """Build the simulator's WSGI app over the data in ``data_dir``.

    Args:
        data_dir: folder for the SQLite database (created if needed); the demo data is
            generated there once and reused by later starts.
        seed: seed of the demo data (same seed, same day → same catalogue).
        scale: number of offers (default :data:`kiosk.simulator.data.DEFAULT_OFFER_COUNT`).
        faults: faults to inject from the start (also settable later via ``/admin/faults``).

    Raises:
        ValueError: when ``scale`` is below :data:`kiosk.simulator.data.MIN_OFFER_COUNT`.
    """
    offer_count = data.DEFAULT_OFFER_COUNT if scale is None else scale
    if offer_count < data.MIN_OFFER_COUNT:
        raise ValueError(f"scale must be at least {data.MIN_OFFER_COUNT} offers")
    data_dir.mkdir(parents=True, exist_ok=True)
    store = Store(data_dir / DATABASE_NAME)
    ensure_catalog(store, seed, offer_count)

    app = Flask("kiosk.simulator")
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    app.extensions[_EXTENSION] = Simulator(store, faults or FaultPlan(seed=seed), seed)

    from kiosk.simulator import routes_admin, routes_kiosk, routes_native

    app.register_blueprint(routes_native.blueprint)
    app.register_blueprint(routes_kiosk.blueprint)
    app.register_blueprint(routes_admin.blueprint)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)
    app.before_request(_faults_before)
    app.after_request(_faults_after)
    return app


def ensure_catalog(store: Store, seed: int, offer_count: int, today: date | None = None) -> bool:
    """Generate the demo catalogue unless a matching recent one is stored; True if built."""
    today = today or data.local_today()
    info = store.catalog_info()
    if (
        info is not None
        and info.generator == data.GENERATOR_VERSION
        and info.seed == seed
        and info.offer_count == offer_count
        and timedelta(0) <= today - date.fromisoformat(info.day) <= CATALOG_MAX_AGE
    ):
        return False
    started = time.perf_counter()
    catalog = data.generate(seed, offer_count, today)
    store.replace_catalog(
        catalog, generator=data.GENERATOR_VERSION, seed=seed, day=today.isoformat()
    )
    # The demo code exists once per database: spending it is remembered across restarts.
    store.add_enrollment_code(data.DEMO_ENROLLMENT_CODE, data.DEMO_VENUE_ID)
    log.info(
        "generated %d offers (seed %d) in %.1f s", offer_count, seed, time.perf_counter() - started
    )
    return True


# --- errors -----------------------------------------------------------------------------------


def _http_error(error: HTTPException) -> Response:
    response = error_for_status(error.code or 500)
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def _unexpected_error(error: Exception) -> Response:
    if isinstance(error, HTTPException):
        return _http_error(error)
    log.exception("unexpected error on %s %s", request.method, request.path)
    return error_for_status(500)


# --- fault injection --------------------------------------------------------------------------


def _faultable() -> bool:
    return not request.path.startswith("/admin")


def _faults_before() -> Response | None:
    if not _faultable():
        return None
    fired = current().faults.draw(request.path)
    g.faults = fired
    for fault in fired:
        if fault.kind is FaultKind.LATENCY:
            current().stopping.wait(fault.value)
        elif fault.kind is FaultKind.ERROR:
            return error_for_status(fault.status, fault.retry_after_seconds)
        elif fault.kind is FaultKind.CLOCK_SKEW:
            # Set before the route runs, so the times it states agree with the Date header.
            request.environ[DATE_SKEW_ENVIRON_KEY] = fault.value
    return None


def _faults_after(response: Response) -> Response:
    fired: list[Fault] = g.get("faults", [])
    for fault in fired:
        if fault.kind is FaultKind.ERROR:
            return response  # the answer is the injected error itself
    for fault in fired:
        response = _apply(fault, response)
    return response


def _apply(fault: Fault, response: Response) -> Response:
    is_json = response.mimetype == JSON_MIMETYPE
    if fault.kind is FaultKind.RESET:
        _reset_connection()
    elif fault.kind is FaultKind.TRUNCATE:
        body = response.get_data()
        response.set_data(body[: int(len(body) * fault.value)])
    elif fault.kind is FaultKind.MALFORMED and is_json:
        response.set_data(_malformed(response.get_data()))
    elif fault.kind is FaultKind.WRONG_SCHEMA and is_json and response.status_code != 304:
        response.set_data(dumps(_wrong_types(response.get_json())).encode("utf-8"))
    elif fault.kind is FaultKind.SLOW_DRIP:
        return _drip(response, fault.value)
    return response


def _reset_connection() -> None:
    sock = request.environ.get("werkzeug.socket")
    if not isinstance(sock, socket.socket):
        log.warning("reset fault needs the simulator's own server; answering normally")
        return
    # Linger 0: closing sends a TCP RST; shutting down now means no byte of the answer
    # leaves, although the request was fully handled (the case idempotency must survive).
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.shutdown(socket.SHUT_RDWR)


def _malformed(body: bytes) -> bytes:
    # A key/value separator swapped: the kind of garbage a broken proxy or encoder yields.
    if b":" in body:
        return body.replace(b":", b"=", 1)
    return b"<html><body><h1>502 Bad Gateway</h1></body></html>"


def _wrong_types(value: object) -> object:
    """The same structure with every leaf of another type (and lists made objects)."""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return len(value)
    if value is None:
        return False
    if isinstance(value, list):
        return {str(index): _wrong_types(item) for index, item in enumerate(value)}
    if isinstance(value, dict):
        return {key: _wrong_types(item) for key, item in value.items()}
    return value


DRIP_PIECES = 10
"""A slow-drip body comes in this many pieces (fewer when shorter)."""


def _drip(response: Response, seconds: float) -> Response:
    body = response.get_data()
    pieces = max(1, min(DRIP_PIECES, len(body)))
    size = -(-len(body) // pieces)  # ceiling division
    pause = seconds / pieces
    stopping = current().stopping  # the generator runs after the request context is gone

    def trickle() -> Iterator[bytes]:
        for start in range(0, max(len(body), 1), size):
            if stopping.wait(pause):
                return  # the server is stopping: end the body early
            yield body[start : start + size]

    dripping = Response(trickle(), status=response.status_code, direct_passthrough=True)
    dripping.headers = response.headers.copy()
    dripping.headers["Content-Length"] = str(len(body))
    return dripping
