"""Opening SQLite databases with the kiosk's pragmas and numbered migrations."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

#: How long opening waits for another process switching the same file to WAL.
WAL_SWITCH_WAIT_S = 5.0


class StorageError(Exception):
    """A database could not be opened, migrated or checked; the message says which and why."""


#: SQLite's primary result codes for a file that is not a database or is corrupt.
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26


def is_damage(error: BaseException | None) -> bool:
    """SQLite says the file is not a database or is corrupt (not: full, locked, unwritable).

    Only damage justifies moving a file aside: a full disk, a read-only folder or a lock
    say nothing about a file that may be perfectly good, and moving it aside would throw
    its data away (and, on a full disk, free no room).
    """
    if isinstance(error, StorageError):
        error = error.__cause__
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def open_database(path: Path, migrations: Sequence[str]) -> sqlite3.Connection:
    """Open (creating when missing) the database at ``path`` and bring it up to date.

    ``migrations[i]`` is the SQL script that takes the schema from version ``i`` to ``i + 1``;
    the version lives in ``PRAGMA user_version`` so that each step runs exactly once, inside
    a transaction, and a kill in the middle leaves the previous version intact.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    except (OSError, sqlite3.Error) as error:
        raise StorageError(f"cannot open {path}: {error}") from error
    try:
        # First: another process creating the file at the same moment holds it briefly.
        connection.execute("PRAGMA busy_timeout=5000")
        _enter_wal_mode(connection)
        connection.execute("PRAGMA foreign_keys=ON")
        _migrate(connection, migrations)
    except sqlite3.Error as error:
        connection.close()
        raise StorageError(f"cannot prepare {path}: {error}") from error
    return connection


def _enter_wal_mode(connection: sqlite3.Connection) -> None:
    """Switch to WAL, waiting for another process that is switching the same new file.

    SQLite answers "database is locked" at once there, without its busy handler.
    """
    deadline = time.monotonic() + WAL_SWITCH_WAIT_S
    while True:
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if getattr(error, "sqlite_errorname", "") != "SQLITE_BUSY" or (
                    time.monotonic() > deadline):
                raise
            time.sleep(0.02)


def _migrate(connection: sqlite3.Connection, migrations: Sequence[str]) -> None:
    version: int = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > len(migrations):
        raise sqlite3.DatabaseError(
            f"schema version {version} is newer than this kiosk knows ({len(migrations)}); "
            "was the kiosk downgraded?"
        )
    for number, script in enumerate(migrations[version:], start=version + 1):
        # executescript() commits first, so the BEGIN/COMMIT are explicit in one script;
        # IMMEDIATE makes a second process opening the file now wait for this one.
        try:
            connection.executescript(
                f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version={number};\nCOMMIT;")
        except sqlite3.Error:
            with suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
            if connection.execute("PRAGMA user_version").fetchone()[0] < number:
                raise
            # else another process ran this step between our reading and our writing.


def check_database(connection: sqlite3.Connection) -> None:
    """Raise :class:`StorageError` unless SQLite's quick integrity check passes."""
    try:
        result = connection.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.Error as error:
        raise StorageError(f"integrity check failed: {error}") from error
    if result != "ok":
        raise StorageError(f"integrity check failed: {result}")


@contextmanager
def write_transaction(
    connection: sqlite3.Connection, lock: AbstractContextManager[object], what: str
) -> Iterator[sqlite3.Connection]:
    """One ``BEGIN IMMEDIATE`` … ``COMMIT`` under ``lock``, rolled back on any exception.

    SQLite errors come out as :class:`StorageError` naming ``what`` ("the catalog"…), so
    callers handle one exception type; other exceptions pass through after the rollback.
    """
    with lock:
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise StorageError(f"cannot write {what}: {error}") from error
        try:
            yield connection
            connection.execute("COMMIT")
        except BaseException as error:
            with suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise StorageError(f"writing {what} failed: {error}") from error
            raise


def move_aside(path: Path) -> Path:
    """Rename a damaged database (and its -wal and -shm) to ``<name>.corrupt-<UTC stamp>``."""
    # The PC clock only names the file for a human; no rule depends on it.
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target, number = path.with_name(f"{path.name}.corrupt-{stamp}"), 1
    while target.exists():
        target, number = path.with_name(f"{path.name}.corrupt-{stamp}-{number}"), number + 1
    # The journal files go first: a new database beside an old -wal would replay it.
    for suffix in ("-wal", "-shm", ""):
        source = path.with_name(path.name + suffix)
        if source.exists():
            source.replace(target.with_name(target.name + suffix))
    return target
