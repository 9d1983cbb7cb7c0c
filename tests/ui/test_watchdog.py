"""ui.watchdog: READY=1 at the first frame, WATCHDOG=1 from the GUI thread, on a real socket."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickWindow

from kiosk.systemd import Notifier
from ui.watchdog import Watchdog

ROOT = Path(__file__).resolve().parents[2]


class Systemd:
    """The systemd side of the protocol: an abstract datagram socket and what arrived on it."""

    def __init__(self) -> None:
        self.address = f"@pck-watchdog-{uuid.uuid4().hex}"
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.socket.bind("\0" + self.address[1:])
        self.socket.setblocking(False)
        self.messages: list[str] = []

    def collect(self) -> list[str]:
        """Everything received so far, one string per datagram."""
        while True:
            try:
                self.messages.append(self.socket.recv(4096).decode("utf-8"))
            except BlockingIOError:
                return self.messages

    def count(self, message: str) -> int:
        return self.collect().count(message)

    def notifier(self, watchdog_usec: int | None = None) -> Notifier:
        environ = {"NOTIFY_SOCKET": self.address}
        if watchdog_usec is not None:
            environ["WATCHDOG_USEC"] = str(watchdog_usec)
        return Notifier(environ)


@pytest.fixture
def systemd() -> Iterator[Systemd]:
    receiver = Systemd()
    yield receiver
    receiver.socket.close()


@pytest.fixture
def window(qapp: QGuiApplication) -> Iterator[QQuickWindow]:
    shown = QQuickWindow()
    shown.resize(320, 200)
    yield shown
    shown.close()
    shown.deleteLater()


def test_ready_waits_for_the_first_frame_then_pings_at_half_the_timeout(
    qtbot, systemd: Systemd, window: QQuickWindow
) -> None:
    watchdog = Watchdog(window, systemd.notifier(watchdog_usec=200_000), status="kiosk up")
    watchdog.start()
    assert watchdog.interval_ms == 100
    qtbot.wait(150)
    assert not watchdog.ready_sent, "READY=1 before the window showed anything"
    assert "READY=1\nSTATUS=kiosk up" not in systemd.collect()
    window.show()
    qtbot.waitUntil(lambda: watchdog.ready_sent, timeout=3000)
    qtbot.waitUntil(lambda: systemd.count("WATCHDOG=1") >= 3, timeout=3000)
    assert systemd.collect().count("READY=1\nSTATUS=kiosk up") == 1
    watchdog.stop()
    assert watchdog.interval_ms == 0
    assert systemd.collect()[-1] == "STOPPING=1"


def test_a_blocked_gui_thread_stops_the_pings(
    qtbot, systemd: Systemd, window: QQuickWindow
) -> None:
    watchdog = Watchdog(window, systemd.notifier(watchdog_usec=100_000))
    window.show()
    watchdog.start()
    qtbot.waitUntil(lambda: systemd.count("WATCHDOG=1") >= 2, timeout=3000)
    before = systemd.count("WATCHDOG=1")
    time.sleep(0.5)  # the GUI thread hangs: no event loop, so no ping reaches systemd
    assert systemd.count("WATCHDOG=1") == before
    qtbot.waitUntil(lambda: systemd.count("WATCHDOG=1") > before + 1, timeout=3000)
    watchdog.stop()


def test_without_a_watchdog_timeout_only_ready_and_stopping_are_sent(
    qtbot, systemd: Systemd, window: QQuickWindow
) -> None:
    watchdog = Watchdog(window, systemd.notifier())
    watchdog.start()
    assert watchdog.interval_ms == 0
    window.show()
    qtbot.waitUntil(lambda: watchdog.ready_sent, timeout=3000)
    qtbot.wait(100)
    watchdog.stop()
    watchdog.stop()  # twice is harmless
    assert systemd.collect() == ["READY=1", "STOPPING=1"]


def test_outside_systemd_nothing_happens(qtbot, window: QQuickWindow) -> None:
    watchdog = Watchdog(window, Notifier({}))
    watchdog.start()
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    assert watchdog.interval_ms == 0
    assert not watchdog.ready_sent
    watchdog.stop()


def test_the_kiosk_notifies_systemd_when_run(systemd: Systemd, tmp_path: Path) -> None:
    """The hook in ui.app.run(): the real kiosk, as systemd's unit starts it, then stopped."""
    environ = {
        **os.environ,
        "NOTIFY_SOCKET": systemd.address,
        "WATCHDOG_USEC": "400000",
        "QT_QPA_PLATFORM": "offscreen",
    }
    kiosk = subprocess.Popen(
        # Full screen, as in production: the window refuses to close, SIGTERM must still stop it.
        [sys.executable, "-m", "ui", "--no-windowed"], cwd=ROOT, env=environ,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and systemd.count("WATCHDOG=1") < 2:
            assert kiosk.poll() is None, f"the kiosk stopped: {kiosk.stderr.read()}"
            time.sleep(0.05)
        messages = systemd.collect()
        assert messages[0].startswith("READY=1\nSTATUS=kiosk "), messages
        assert messages.count("WATCHDOG=1") >= 2, messages
        kiosk.send_signal(signal.SIGTERM)
        assert kiosk.wait(timeout=30) == 0
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()
        kiosk.stderr.close()
    assert systemd.collect()[-1] == "STOPPING=1"
