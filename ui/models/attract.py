"""What the attract screen shows between visitors: real events coming up near the kiosk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from PySide6.QtCore import Property, QObject, Signal

from kiosk.clock import Clock
from kiosk.storage.catalog import Catalog
from ui import formatting

#: How far ahead the highlights look, and how many they show.
HORIZON = timedelta(days=7)
HIGHLIGHTS = 6


class AttractModel(QObject):
    """Upcoming bookable events from the local catalog, formatted for the visitor's language."""

    changed = Signal()

    def __init__(self, catalog: Catalog, clock: Clock, language: Callable[[], str]) -> None:
        super().__init__()
        self._catalog = catalog
        self._clock = clock
        self._language = language
        self._events: list[dict[str, Any]] = []
        self.refresh()

    def refresh(self) -> None:
        """Read the catalog again (after a sync, or when the language changes)."""
        now = self._clock.now()
        language = self._language()
        self._events = [
            {
                "name": offer.name,
                "venue": venue,
                "when": formatting.moment(language, offer.next_beginning, timezone)
                if offer.next_beginning else "",
                "free": offer.min_price_cents == 0,
                "price": formatting.price(language, offer.min_price_cents or 0),
            }
            for offer, venue, timezone in self._catalog.upcoming_events(
                now, now + HORIZON, HIGHLIGHTS
            )
        ]
        self.changed.emit()

    def _get_events(self) -> list[dict[str, Any]]:
        return self._events

    events = Property("QVariantList", _get_events, notify=changed)
