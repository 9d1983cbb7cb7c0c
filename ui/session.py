"""The visitor session: activity tracking, idle countdown, and the reset that wipes it.

One application-wide event filter notes every touch, click, key and wheel. After
``idle_timeout`` seconds without activity during a visit, the countdown overlay asks
"Tu es toujours là ?" for ``countdown`` seconds; then everything a visitor left is wiped
(every registered view-model clears its state) and the attract screen comes back.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import Property, QEvent, QObject, QTimer, Signal, Slot

log = logging.getLogger(__name__)

#: Input that means someone is at the kiosk (visitor session and staff mode alike).
ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)


class VisitorState(Protocol):
    """A view-model holding something a visitor entered or chose."""

    def reset_visitor_state(self) -> None:
        """Forget everything about the current visitor."""


class Session(QObject):
    """Tracks whether a visit is under way and ends it after inactivity or on "Terminer"."""

    activeChanged = Signal()  # noqa: N815 - Qt notify signals are camelCase for QML
    countdownChanged = Signal()  # noqa: N815
    reset_done = Signal()

    def __init__(self, idle_timeout_s: int, countdown_s: int, *, second_ms: int = 1000) -> None:
        """Create the session; ``second_ms`` shortens every delay, for tests and demos."""
        super().__init__()
        self._countdown_s = countdown_s
        self._active = False
        self._seconds_left = 0
        self._visitor_states: list[VisitorState] = []
        self._idle_timer = QTimer(self, singleShot=True, interval=idle_timeout_s * second_ms)
        self._idle_timer.timeout.connect(self._on_idle_timer_timeout)
        self._tick_timer = QTimer(self, interval=second_ms)
        self._tick_timer.timeout.connect(self._on_tick_timer_timeout)

    def register(self, *states: VisitorState) -> None:
        """Have ``states`` wiped at every reset."""
        self._visitor_states.extend(states)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Note visitor activity; never consumes the event."""
        if self._active and event.type() in ACTIVITY_EVENTS:
            self.note_activity()
        return False

    def _get_active(self) -> bool:
        return self._active

    active = Property(bool, _get_active, notify=activeChanged)

    def _get_countdown_active(self) -> bool:
        return self._tick_timer.isActive()

    countdownActive = Property(bool, _get_countdown_active, notify=countdownChanged)  # noqa: N815

    def _get_seconds_left(self) -> int:
        return self._seconds_left

    secondsLeft = Property(int, _get_seconds_left, notify=countdownChanged)  # noqa: N815

    @Slot()
    def begin(self) -> None:
        """A visitor started using the kiosk."""
        if not self._active:
            self._active = True
            self.activeChanged.emit()
        self.note_activity()

    @Slot()
    def note_activity(self) -> None:
        """The visitor is there: cancel any countdown and restart the idle delay."""
        if self._tick_timer.isActive():
            self._tick_timer.stop()
            self.countdownChanged.emit()
        if self._active:
            self._idle_timer.start()

    @Slot()
    def finish(self) -> None:
        """End the visit now ("Terminer", or the countdown ran out): wipe and reset."""
        self._idle_timer.stop()
        self._tick_timer.stop()
        self._seconds_left = 0
        for state in self._visitor_states:
            state.reset_visitor_state()
        self._active = False
        self.activeChanged.emit()
        self.countdownChanged.emit()
        log.info("visitor session reset")
        self.reset_done.emit()

    def stop(self) -> None:
        """Stop every timer (application shutdown)."""
        self._idle_timer.stop()
        self._tick_timer.stop()

    def _on_idle_timer_timeout(self) -> None:
        self._seconds_left = self._countdown_s
        self._tick_timer.start()
        self.countdownChanged.emit()

    def _on_tick_timer_timeout(self) -> None:
        self._seconds_left -= 1
        if self._seconds_left <= 0:
            self.finish()
        else:
            self.countdownChanged.emit()
