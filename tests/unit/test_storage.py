"""The local SQLite state: migrations run once, damage and downgrades are reported."""

from __future__ import annotations

import multiprocessing
import multiprocessing.queues
import multiprocessing.synchronize
import sqlite3
from pathlib import Path

import pytest

from kiosk.storage.db import StorageError, open_database
from kiosk.storage.local import LocalState

STEPS = ("CREATE TABLE a (x INTEGER);", "ALTER TABLE a ADD COLUMN y TEXT;")


def test_values_survive_a_restart(tmp_path: Path) -> None:
    state = LocalState(tmp_path)
    state.set("first_start", "2026-11-28")
    state.set("first_start", "2026-11-29")
    state.close()
    again = LocalState(tmp_path)
    assert again.get("first_start") == "2026-11-29"
    assert again.get("missing", "default") == "default"
    again.check()
    again.close()


def test_each_migration_runs_exactly_once(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    open_database(path, STEPS[:1]).close()
    connection = open_database(path, STEPS)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 2
    columns = [row[1] for row in connection.execute("PRAGMA table_info(a)")]
    assert columns == ["x", "y"]
    connection.close()
    open_database(path, STEPS).close()  # nothing left to run, nothing fails


def test_a_failed_migration_leaves_the_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    open_database(path, STEPS[:1]).close()
    with pytest.raises(StorageError):
        open_database(path, (STEPS[0], "ALTER TABLE a ADD COLUMN y TEXT; SELECT * FROM nowhere;"))
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 1
    assert [row[1] for row in connection.execute("PRAGMA table_info(a)")] == ["x"]
    connection.close()


def test_a_downgraded_kiosk_is_told_so(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    open_database(path, STEPS).close()
    with pytest.raises(StorageError, match="downgraded"):
        open_database(path, STEPS[:1])


def test_a_file_that_is_not_a_database_is_reported(tmp_path: Path) -> None:
    (tmp_path / "kiosk-state.sqlite3").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorageError, match="kiosk-state.sqlite3"):
        LocalState(tmp_path)


def _open_at_once(path: str, barrier: multiprocessing.synchronize.Barrier,
                  errors: multiprocessing.queues.Queue[str]) -> None:
    barrier.wait()
    try:
        open_database(Path(path), _RACE_MIGRATIONS).close()
    except StorageError as error:
        errors.put(str(error))


_RACE_MIGRATIONS = [
    "CREATE TABLE a (x);" + "INSERT INTO a VALUES (1);" * 200,
    "CREATE TABLE b (y);",
]


def test_two_processes_creating_the_same_database_at_once_both_succeed(tmp_path: Path) -> None:
    # The GUI and a CLI command (status, a systemd timer's sync) can start together on a
    # fresh data folder: both see version 0 and run the first migration.
    context = multiprocessing.get_context("fork")
    errors = context.Queue()
    for round_number in range(15):
        path = tmp_path / f"race-{round_number}.sqlite3"
        barrier = context.Barrier(3)
        children = [context.Process(target=_open_at_once, args=(str(path), barrier, errors))
                    for _ in range(3)]
        for child in children:
            child.start()
        for child in children:
            child.join(30)
        assert all(child.exitcode == 0 for child in children)
        connection = sqlite3.connect(path)
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 2
        assert connection.execute("SELECT COUNT(*) FROM a").fetchone()[0] == 200
        connection.close()
    found = []
    while not errors.empty():
        found.append(errors.get())
    assert not found
