"""The kiosk's local state database: what the kiosk itself needs to remember between runs."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Final

from kiosk.storage.db import StorageError, check_database, open_database

STATE_FILE_NAME: Final = "kiosk-state.sqlite3"

#: Numbered schema steps; never edit a published one, append a new one.
MIGRATIONS: Final = (
    """
    CREATE TABLE kv (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );
    """,
)


class LocalState:
    """Small key-value store for kiosk facts (first start, last successful self-test...)."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / STATE_FILE_NAME
        self._connection: sqlite3.Connection = open_database(self.path, MIGRATIONS)

    def get(self, key: str, default: str | None = None) -> str | None:
        """Return the stored value of ``key``, or ``default``."""
        row = self._connection.execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
        return default if row is None else str(row[0])

    def set(self, key: str, value: str) -> None:
        """Store ``value`` under ``key``, replacing any older value."""
        self._connection.execute(
            "INSERT INTO kv (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            (key, value),
        )

    def check(self) -> None:
        """Raise StorageError when the database is damaged."""
        check_database(self._connection)

    def close(self) -> None:
        """Close the database; the object must not be used afterwards."""
        self._connection.close()


#: The venue the kiosk was enrolled at (JSON), written by enrollment.
KIOSK_VENUE_KEY: Final = "kiosk_venue"


@dataclass(frozen=True)
class KioskVenue:
    """Where the kiosk stands: its enrollment venue, for distances, dates and utm links."""

    id: int
    name: str
    city: str | None
    latitude: float | None
    longitude: float | None
    timezone: str

    @property
    def origin(self) -> tuple[float, float] | None:
        """(latitude, longitude), or None when the venue has no coordinates."""
        if self.latitude is None or self.longitude is None:
            return None
        return self.latitude, self.longitude


def remember_kiosk_venue(data_dir: Path, venue: KioskVenue) -> None:
    """Keep the enrollment venue (not personal data: a public place)."""
    state = LocalState(data_dir)
    try:
        state.set(KIOSK_VENUE_KEY, json.dumps(asdict(venue), ensure_ascii=False))
    finally:
        state.close()


def kiosk_venue(data_dir: Path) -> KioskVenue | None:
    """The enrollment venue, or None before enrollment or when the state is unreadable."""
    try:
        state = LocalState(data_dir)
    except StorageError:
        return None
    try:
        text = state.get(KIOSK_VENUE_KEY)
    finally:
        state.close()
    if text is None:
        return None
    try:
        return KioskVenue(**json.loads(text))
    except (TypeError, ValueError):
        return None  # written by another version: the next enrollment rewrites it
