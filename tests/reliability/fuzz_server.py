"""A tiny real HTTP server on 127.0.0.1 that answers whatever a fuzz test sets.

Every request, whatever its method and path, gets :attr:`FuzzServer.status` and
:attr:`FuzzServer.body` (bytes, sent as is with a JSON content type). ``stall`` makes it send
the headers then stay silent; ``short`` announces more bytes than it sends, then closes.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    timeout = 1.0  # an idle kept-alive connection ends soon, so closing can join its thread

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        plan = self.server.plan
        body: bytes = plan["body"]
        self.send_response(plan["status"])
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body) + (100 if plan["short"] else 0)))
        self.end_headers()
        if plan["stall"]:
            self.wfile.flush()
            self.server.wake.wait(plan["stall"])
            return
        self.wfile.write(body)
        if plan["short"]:
            self.wfile.flush()
            self.close_connection = True

    do_GET = do_POST = do_PUT = _answer  # noqa: N815

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


class _Server(ThreadingHTTPServer):
    # server_close() joins the request threads: a test never leaves one behind.
    daemon_threads = False
    block_on_close = True
    plan: dict[str, Any]
    wake: threading.Event

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up (timeout, cut answer) is what the tests make happen


class FuzzServer:
    """Start with ``with FuzzServer() as server:``; set ``server.answer(body, status)``."""

    def __init__(self) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.plan = {"body": b"{}", "status": 200, "stall": 0.0, "short": False}
        self._server.wake = threading.Event()
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05},
                                        name="fuzz-server", daemon=True)  # fmt: skip

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def answer(self, body: bytes, status: int = 200, *, stall: float = 0.0,
               short: bool = False) -> None:  # fmt: skip
        self._server.wake.set()  # stalled answers end now
        self._server.wake = threading.Event()
        self._server.plan = {"body": body, "status": status, "stall": stall, "short": short}

    def __enter__(self) -> FuzzServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.wake.set()  # end any stalled answer
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
