"""Opening hours on screen: outside them the kiosk shows that the venue is closed.

The hours come with the kiosk's remote configuration (``GET /kiosk/v1/config``, stored in
the catalog by the sync) and are read in the venue's time zone by
:mod:`kiosk.domain.opening_hours`, which fails open: hours it cannot read never close a
kiosk. A timer wakes the model at the next opening or closing; a sync (new hours) or a
language change refresh it too. While closed, heavy sync work (pictures) waits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from PySide6.QtCore import Property, QObject, QTimer, Signal

from kiosk.clock import Clock
from kiosk.domain.opening_hours import heavy_work_paused, opening_status
from kiosk.storage.catalog import Catalog
from ui import formatting

#: Checked at least this often even without a change due: the PC may sleep, the clock jump.
_RECHECK_MS: Final = 15 * 60 * 1000


class OpeningHoursModel(QObject):
    """Whether the venue is open now, and when it reopens, for QML (``openingHours``)."""

    changed = Signal()

    def __init__(self, catalog: Catalog, clock: Clock, zone: Callable[[], str],
                 language: Callable[[], str]) -> None:
        super().__init__()
        self._catalog = catalog
        self._clock = clock
        self._zone = zone
        self._language = language
        self._closed = False
        self._reopens = ""
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.refresh)
        self.refresh()

    def _hours(self) -> Any:
        config, _etag = self._catalog.remote_config()
        return config.get("openingHours") if config else None

    def refresh(self) -> None:
        """Read the hours again and schedule the next check."""
        now = self._clock.now()
        status = opening_status(self._hours(), self._zone(), now)
        self._closed = not status.is_open
        self._reopens = (
            formatting.moment(self._language(), status.reopens_at, None)
            if status.reopens_at is not None else ""
        )
        wait_ms = _RECHECK_MS
        if status.next_change is not None:
            wait_ms = min(wait_ms, max(1000, int((status.next_change - now).total_seconds()
                                                 * 1000) + 1000))
        self._timer.start(wait_ms)
        self.changed.emit()

    def heavy_work_paused(self) -> bool:
        """Whether the sync should leave pictures for later (closed, not about to open)."""
        return heavy_work_paused(self._hours(), self._zone(), self._clock.now())

    def stop(self) -> None:
        """Stop the timer (the kiosk is closing)."""
        self._timer.stop()

    def _get_closed(self) -> bool:
        return self._closed

    def _get_reopens(self) -> str:
        return self._reopens

    closed = Property(bool, _get_closed, notify=changed)
    #: The next opening in the venue's local time, in the visitor's language ("" if none).
    reopens = Property(str, _get_reopens, notify=changed)
