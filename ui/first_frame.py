"""Run something once a window has put its first frame on screen.

What a visitor sees first is the attract screen; work that can wait (systemd's READY=1, the
secret store, the network, the training simulator) starts from here instead of delaying it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtQuick import QQuickWindow


class FirstFrame(QObject):
    """Calls ``callback`` once, on the GUI thread, soon after ``window``'s next frame.

    Build it before the event loop shows the window (a frame already shown is not seen).
    """

    def __init__(self, window: QQuickWindow, callback: Callable[[], None]) -> None:
        super().__init__()
        self._window = window
        self._callback = callback
        self._waiting = True
        # frameSwapped may come from the render thread; the slot then runs queued on ours.
        window.frameSwapped.connect(self._on_window_frame_swapped)

    @property
    def waiting(self) -> bool:
        """True until the frame came (or :meth:`cancel`)."""
        return self._waiting

    def cancel(self) -> None:
        """Do not call back (the window is closing); harmless when already done."""
        if self._waiting:
            self._waiting = False
            self._window.frameSwapped.disconnect(self._on_window_frame_swapped)

    @Slot()
    def _on_window_frame_swapped(self) -> None:
        if not self._waiting:  # a queued call that was already on its way
            return
        self.cancel()
        # Once the loop turns: whoever else waits for this frame is served first.
        QTimer.singleShot(0, self._callback)
