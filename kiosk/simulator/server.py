"""Run the simulator on 127.0.0.1 in a background thread (training mode, tests, benchmarks).

::

    server = SimulatorServer(data_dir).start()   # port 0: the OS picks a free one
    requests.get(f"{server.url}/native/v1/settings")
    server.stop()

or ``with SimulatorServer(data_dir) as server: …``. The server is werkzeug's threaded
development server with a request handler that (a) logs at DEBUG level instead of printing,
(b) honours the CLOCK_SKEW fault in the ``Date`` header, and (c) is tracked, so that
:meth:`SimulatorServer.stop` can cut connections still open (a slow drip, a hung client)
and return only once every thread it started is gone.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
import socket
import threading
import time
from email.utils import formatdate
from pathlib import Path
from types import TracebackType
from typing import Any

from flask import Flask
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from kiosk.simulator import data
from kiosk.simulator.app import DATE_SKEW_ENVIRON_KEY, create_app, simulator_of
from kiosk.simulator.faults import FaultPlan

log = logging.getLogger(__name__)

STOP_TIMEOUT = 5.0
"""Seconds :meth:`SimulatorServer.stop` waits for request threads after cutting them."""


class _Handler(WSGIRequestHandler):
    """werkzeug's handler, quiet, skew-aware and tracked by its server."""

    def setup(self) -> None:
        super().setup()
        tracker = getattr(self.server, "kiosk_connections", None)
        if tracker is not None:
            tracker.add(self)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            tracker = getattr(self.server, "kiosk_connections", None)
            if tracker is not None:
                tracker.discard(self)

    def date_time_string(self, timestamp: float | None = None) -> str:
        environ = getattr(self, "environ", None) or {}
        skew = float(environ.get(DATE_SKEW_ENVIRON_KEY, 0.0))
        return formatdate((timestamp or time.time()) + skew, usegmt=True)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        log.debug('"%s" %s %s', self.requestline, code, size)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        log.debug(format, *args)


class _ConnectionTracker:
    """The handlers of open connections, and the threads that run them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._handlers: dict[_Handler, threading.Thread] = {}

    def add(self, handler: _Handler) -> None:
        with self._lock:
            self._handlers[handler] = threading.current_thread()

    def discard(self, handler: _Handler) -> None:
        with self._lock:
            self._handlers.pop(handler, None)

    def cut_all(self) -> list[threading.Thread]:
        """Shut every open connection down; return the threads serving them."""
        with self._lock:
            handlers = list(self._handlers.items())
        for handler, _ in handlers:
            # OSError: already closed by the client or the handler.
            with contextlib.suppress(OSError):
                handler.connection.shutdown(socket.SHUT_RDWR)
        return [thread for _, thread in handlers]


class SimulatorServer:
    """The simulator served over HTTP on a background thread.

    Args:
        data_dir: where the simulator keeps its database (see :func:`create_app`).
        host: address to bind; keep the loopback default unless you mean to share it.
        port: port to bind; 0 lets the OS choose (read :attr:`port` or :attr:`url`).
        seed: seed of the demo data.
        scale: number of offers (default 2,400).
        faults: faults to inject (also settable via ``/admin/faults``).
        app: an app already made by :func:`create_app` (then the data options are unused).
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        seed: int = 42,
        scale: int | None = None,
        faults: FaultPlan | None = None,
        app: Flask | None = None,
    ) -> None:
        self._data_dir = data_dir
        self._host = host
        self._requested_port = port
        self._options: dict[str, Any] = {"seed": seed, "scale": scale, "faults": faults}
        self._app = app
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None
        self._tracker = _ConnectionTracker()

    # --- life cycle ---------------------------------------------------------------------------

    def start(self) -> SimulatorServer:
        """Bind, start serving in a thread and return self (no-op if already started)."""
        if self._thread is not None:
            return self
        self.bind()
        assert self._server is not None
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},  # stop() is noticed within 50 ms
            name=f"kiosk-simulator:{self.port}",
            daemon=True,
        )
        self._thread.start()
        log.info("simulator serving on %s", self.url)
        return self

    def serve_forever(self) -> None:
        """Serve in the calling thread until interrupted (the command line's mode)."""
        self.bind()
        assert self._server is not None
        try:
            self._server.serve_forever(poll_interval=0.2)
        finally:
            self._close()

    def stop(self) -> None:
        """Stop serving, cut open connections, wait for every thread, close the database."""
        if self._server is None:
            return
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(STOP_TIMEOUT)
            self._thread = None
        self._close()

    def bind(self) -> SimulatorServer:
        """Create the app (and the demo data) and bind the socket, without serving yet.

        Raises:
            OSError: when the address cannot be bound.
        """
        if self._server is None:
            server = make_server(
                self._host, self._requested_port, self.app, threaded=True,
                request_handler=_Handler,
            )  # fmt: skip
            server.kiosk_connections = self._tracker  # type: ignore[attr-defined]
            self._server = server
        return self

    def _close(self) -> None:
        assert self._server is not None
        if self._app is not None:
            simulator_of(self._app).stopping.set()
        deadline = time.monotonic() + STOP_TIMEOUT
        for thread in self._tracker.cut_all():
            thread.join(max(0.0, deadline - time.monotonic()))
        self._server.server_close()
        self._server = None
        if self._app is not None:
            simulator_of(self._app).close()
            self._app = None

    def __enter__(self) -> SimulatorServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # --- facts --------------------------------------------------------------------------------

    @property
    def app(self) -> Flask:
        """The Flask app (created on first access or start)."""
        if self._app is None:
            self._app = create_app(self._data_dir, **self._options)
        return self._app

    @property
    def port(self) -> int:
        """The bound port.

        Raises:
            RuntimeError: before :meth:`start`.
        """
        if self._server is None:
            raise RuntimeError("the simulator is not started")
        return int(self._server.socket.getsockname()[1])

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``, without a trailing slash."""
        host = self._host if ":" not in self._host else f"[{self._host}]"
        if host in ("0.0.0.0", "[::]"):
            host = "127.0.0.1"
        return f"http://{host}:{self.port}"

    @property
    def faults(self) -> FaultPlan:
        """The live fault plan (change it between requests)."""
        return simulator_of(self.app).faults

    def create_enrollment_code(self, venue_id: int = data.DEMO_VENUE_ID) -> str:
        """A fresh one-time enrollment code for ``venue_id``, without an HTTP call."""
        store = simulator_of(self.app).store
        while True:
            code = f"KIOSK-{secrets.token_hex(4).upper()}"
            if store.add_enrollment_code(code, venue_id):
                return code
