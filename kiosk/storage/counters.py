"""Counts of the day for the staff area: how many checks, pre-registrations, offers viewed.

Counts only, never who: a number per kind and local day in the kiosk's local state, so
staff see the day's activity and nothing about any visitor. Days older than a month are
dropped as new ones are written.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import date, timedelta
from pathlib import Path
from typing import Final

from kiosk.storage.db import StorageError, open_database, write_transaction

COUNTERS_FILE_NAME: Final = "counters.sqlite3"
#: What is counted.
KINDS: Final = ("eligibility_checks", "preregistrations", "offers_viewed")
_KEEP: Final = timedelta(days=31)

MIGRATIONS: Final = (
    """
    CREATE TABLE counts (
        day TEXT NOT NULL,
        kind TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (day, kind)
    ) WITHOUT ROWID;
    """,
)


class DailyCounters:
    """Counts per local day in ``<data_dir>/counters.sqlite3``; safe to share between threads."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / COUNTERS_FILE_NAME
        self._connection = open_database(self.path, MIGRATIONS)
        self._lock = threading.Lock()

    def add(self, kind: str, day: date) -> None:
        """Count one more ``kind`` on ``day`` (the kiosk's local day).

        Raises:
            ValueError: an unknown kind.
            StorageError: the file cannot be written.
        """
        if kind not in KINDS:
            raise ValueError(f"unknown counter {kind!r}; known: {', '.join(KINDS)}")
        with write_transaction(self._connection, self._lock, "the counters") as db:
            db.execute(
                "INSERT INTO counts (day, kind, count) VALUES (?, ?, 1) "
                "ON CONFLICT (day, kind) DO UPDATE SET count = count + 1",
                (day.isoformat(), kind),
            )
            db.execute("DELETE FROM counts WHERE day < ?", ((day - _KEEP).isoformat(),))

    def of(self, day: date) -> dict[str, int]:
        """Every kind's count on ``day`` (0 when nothing was counted)."""
        try:
            rows = self._connection.execute(
                "SELECT kind, count FROM counts WHERE day = ?", (day.isoformat(),)
            ).fetchall()
        except sqlite3.Error as error:
            raise StorageError(f"cannot read the counters: {error}") from error
        found = {str(kind): int(count) for kind, count in rows}
        return {kind: found.get(kind, 0) for kind in KINDS}

    def close(self) -> None:
        """Close the file; the object must not be used afterwards."""
        self._connection.close()
