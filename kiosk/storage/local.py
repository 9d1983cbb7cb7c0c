"""The kiosk's local state database: what the kiosk itself needs to remember between runs."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Final

from kiosk.storage.db import check_database, open_database

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
