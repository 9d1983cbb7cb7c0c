"""Staff mode: the hidden unlock, the PIN pad, who is unlocked, and locking again.

A long press in the top-left corner opens the PIN pad (visitors are not told about it). The
PIN is checked by :class:`kiosk.staff.StaffStore` on the storage lane (a memory-hard hash
takes tens of milliseconds per account); repeated failures lock the pad for growing
delays, and that lock survives a restart because the store keeps it. While unlocked, a
ribbon names the staff member, "Verrouiller" is always on screen, and the kiosk locks
itself after ``staff_timeout`` seconds without a touch. Unlocking gives the assisted
pre-registration and the staff area, nothing else: the window still refuses to close
unless staff is unlocked, and there is no way to the desktop.
"""

from __future__ import annotations

import logging
import math
from datetime import datetime
from typing import Any

from PySide6.QtCore import Property, QEvent, QObject, QTimer, Signal, Slot

from kiosk.audit import AuditJournal, AuditKind
from kiosk.clock import Clock
from kiosk.staff import StaffStore, UnlockResult
from ui.runner import Lane, TaskRunner
from ui.session import ACTIVITY_EVENTS

log = logging.getLogger(__name__)


class StaffModel(QObject):
    """Staff lock state for QML (context property ``staff``)."""

    changed = Signal()
    unlocked_changed = Signal(bool)

    def __init__(self, runner: TaskRunner, store: StaffStore | None, clock: Clock,
                 journal: AuditJournal | None, *, timeout_s: int, second_ms: int = 1000) -> None:
        super().__init__()
        self._runner = runner
        self._store = store
        self._clock = clock
        self._journal = journal
        self._name = ""
        self._pad_open = False
        self._error = ""
        self._locked_until: datetime | None = None
        self._checking = False
        self._idle = QTimer(self, singleShot=True, interval=timeout_s * second_ms)
        self._idle.timeout.connect(self._on_idle_timeout)

    # --- state for QML -------------------------------------------------------------------

    def _get_unlocked(self) -> bool:
        return bool(self._name)

    def _get_name(self) -> str:
        return self._name

    def _get_pad_open(self) -> bool:
        return self._pad_open

    def _get_error(self) -> str:
        return self._error

    def _get_lock_minutes(self) -> int:
        if self._locked_until is None:
            return 0
        seconds = (self._locked_until - self._clock.now()).total_seconds()
        return max(1, math.ceil(seconds / 60))

    def _get_checking(self) -> bool:
        return self._checking

    def _get_available(self) -> bool:
        return self._store is not None

    unlocked = Property(bool, _get_unlocked, notify=changed)
    staffName = Property(str, _get_name, notify=changed)  # noqa: N815
    padOpen = Property(bool, _get_pad_open, notify=changed)  # noqa: N815
    #: "", "wrong" (PIN refused), "locked" (too many tries; see lockMinutes), "unavailable".
    error = Property(str, _get_error, notify=changed)
    #: While the pad is locked after too many wrong PINs: minutes left, rounded up.
    lockMinutes = Property(int, _get_lock_minutes, notify=changed)  # noqa: N815
    checking = Property(bool, _get_checking, notify=changed)
    available = Property(bool, _get_available, constant=True)

    # --- actions -------------------------------------------------------------------------

    @Slot()
    def openPad(self) -> None:  # noqa: N802 - called from QML
        """The hidden gesture was made: show the PIN pad."""
        if self._name:
            return
        self._pad_open, self._error = True, ""
        self.changed.emit()

    @Slot()
    def closePad(self) -> None:  # noqa: N802
        """Leave the PIN pad without unlocking."""
        self._pad_open, self._error = False, ""
        self.changed.emit()

    @Slot(str)
    def submitPin(self, pin: str) -> None:  # noqa: N802
        """Check ``pin`` in the background; the pad says how it went."""
        if self._checking:
            return
        if self._store is None:
            self._error = "unavailable"
            self.changed.emit()
            return
        self._checking, self._error = True, ""
        self.changed.emit()
        task = self._runner.submit(Lane.STORAGE, self._store.unlock, pin)
        task.finished.connect(self._on_checked)
        task.failed.connect(self._on_check_failed)

    @Slot()
    def lock(self) -> None:
        """"Verrouiller": back to visitor mode."""
        self._lock("button")

    def _lock(self, why: str) -> None:
        if not self._name:
            return
        name, self._name = self._name, ""
        self._idle.stop()
        self._journal_event(AuditKind.STAFF_LOCKED, staff=name, detail=why)
        self.changed.emit()
        self.unlocked_changed.emit(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """A touch or a key while unlocked pushes the automatic lock back; never consumes."""
        if self._name and event.type() in ACTIVITY_EVENTS:
            self._idle.start()
        return False

    def stop(self) -> None:
        """Stop the timer (the kiosk is closing)."""
        self._idle.stop()

    # --- answers -------------------------------------------------------------------------

    def _on_checked(self, answer: UnlockResult) -> None:
        self._checking = False
        if answer.ok and answer.name:
            self._name, self._pad_open, self._error = answer.name, False, ""
            self._locked_until = None
            self._idle.start()
            self.changed.emit()
            self.unlocked_changed.emit(True)
            return
        self._locked_until = answer.locked_until
        self._error = "locked" if answer.locked_until is not None else "wrong"
        self.changed.emit()

    def _on_check_failed(self, _error: object) -> None:
        self._checking, self._error = False, "unavailable"
        self.changed.emit()

    def _on_idle_timeout(self) -> None:
        log.info("staff mode locked after inactivity")
        self._lock("timeout")

    def _journal_event(self, kind: AuditKind, **fields: Any) -> None:
        if self._journal is None:
            return
        try:
            self._journal.append(kind, at=self._clock.now(), **fields)
        except Exception:  # noqa: BLE001 - a journal problem must never keep the kiosk unlocked
            log.exception("audit journal: could not record %s", kind)
