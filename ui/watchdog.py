"""systemd watchdog from the GUI thread: a frozen interface stops the pings and gets restarted.

The pings come from a QTimer on the GUI thread, so they stop as soon as the event loop stops
turning (a deadlock, an endless loop, a blocking call): systemd then kills the service after
``WatchdogSec`` and restarts it. ``READY=1`` is sent once the window has put its first frame
on screen, so ``systemctl start`` returns when the kiosk is really visible. Outside systemd
nothing happens. The protocol itself is :mod:`kiosk.systemd`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtQuick import QQuickWindow

from kiosk.systemd import Notifier
from ui.first_frame import FirstFrame

log = logging.getLogger(__name__)


class Watchdog(QObject):
    """Tells systemd when the kiosk window is up, then that the GUI thread is alive.

    Args:
        window: the kiosk window; its first swapped frame sends ``READY=1``.
        notifier: where to send (from the environment when None).
        status: text for ``systemctl status`` sent with ``READY=1``.
    """

    def __init__(
        self, window: QQuickWindow, notifier: Notifier | None = None, status: str = ""
    ) -> None:
        super().__init__()
        self._window = window
        self._notifier = notifier or Notifier()
        self._status = status
        self._ready_sent = False
        self._first_frame: FirstFrame | None = None
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def ready_sent(self) -> bool:
        """True once ``READY=1`` has been sent."""
        return self._ready_sent

    @property
    def interval_ms(self) -> int:
        """Milliseconds between two pings (half the watchdog timeout), 0 when not pinging."""
        return self._timer.interval() if self._timer.isActive() else 0

    def start(self) -> None:
        """Wait for the first frame, and ping at half the watchdog timeout if there is one."""
        if not self._notifier.enabled or self._stopped:
            return
        if not self._ready_sent and self._first_frame is None:
            self._first_frame = FirstFrame(self._window, self._on_first_frame)
        interval = self._notifier.watchdog_interval
        if interval is not None:
            self._timer.start(max(1, int(interval * 1000 / 2)))
            log.info("systemd watchdog: pinging every %d ms", self._timer.interval())

    def stop(self) -> None:
        """Stop pinging and tell systemd the kiosk is leaving (once)."""
        if not self._notifier.enabled or self._stopped:
            return
        self._stopped = True
        self._timer.stop()
        if self._first_frame is not None:
            self._first_frame.cancel()
        self._notifier.stopping()
        self._notifier.close()

    def _on_first_frame(self) -> None:
        self._ready_sent = True
        self._notifier.ready(self._status)
        log.info("systemd: ready (first frame shown)")

    @Slot()
    def _on_timer_timeout(self) -> None:
        self._notifier.watchdog()
