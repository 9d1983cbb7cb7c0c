"""The audit journal: hash chain, append-only, tampering with the SQLite file is detected."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.audit import (
    AUDIT_FILE_NAME,
    GENESIS,
    HEAD_KEY,
    AuditEntry,
    AuditJournal,
    AuditKind,
    entry_hash,
)
from kiosk.clock import Clock
from kiosk.storage.local import LocalState

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[AuditJournal]:
    with AuditJournal(tmp_path, Clock(frozen_at=T0)) as opened:
        yield opened


def fill(journal: AuditJournal, count: int = 5) -> None:
    kinds = [AuditKind.STAFF_ADDED, AuditKind.STAFF_UNLOCKED, AuditKind.PREREG_CREATED,
             AuditKind.PREREG_SENT, AuditKind.STAFF_LOCKED]
    for index in range(count):
        journal.append(kinds[index % len(kinds)], at=T0 + timedelta(minutes=index),
                       staff="Camille", record_id=f"rec-{index}" if index % 2 else None,
                       detail=f"HTTP 20{index}")


def tamper(data_dir: Path, *statements: str) -> None:
    """Edit the journal's file behind its back, as someone with a SQLite shell would."""
    connection = sqlite3.connect(data_dir / AUDIT_FILE_NAME)
    connection.execute("DROP TRIGGER entries_no_update")
    connection.execute("DROP TRIGGER entries_no_delete")
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


def test_entries_chain_from_the_genesis_value(journal: AuditJournal) -> None:
    fill(journal, 3)
    entries = journal.entries()
    assert [e.seq for e in entries] == [1, 2, 3]
    previous = GENESIS
    for entry in entries:
        fields = {"seq": entry.seq, "at": entry.at.isoformat(), "kind": entry.kind,
                  "staff": entry.staff, "record_id": entry.record_id, "detail": entry.detail}
        assert entry.hash == entry_hash(previous, fields)
        previous = entry.hash
    assert entries[1] == AuditEntry(2, T0 + timedelta(minutes=1), "staff_unlocked", "Camille",
                                    "rec-1", "HTTP 201", entries[1].hash)
    check = journal.verify()
    assert check.ok and check.entries == 3 and check.problems == []


def test_time_comes_from_the_clock_and_is_utc(tmp_path: Path) -> None:
    clock = Clock(frozen_at=datetime(2026, 3, 2, 11, 30, 15, 999, tzinfo=UTC))
    with AuditJournal(tmp_path, clock) as journal:
        entry = journal.append("pin_failed", detail="1 in a row")
        assert entry.at == datetime(2026, 3, 2, 11, 30, 15, tzinfo=UTC)
        assert entry.kind == AuditKind.PIN_FAILED
    raw = sqlite3.connect(tmp_path / AUDIT_FILE_NAME).execute("SELECT at FROM entries")
    assert raw.fetchone()[0] == "2026-03-02T11:30:15+00:00"


def test_an_empty_journal_is_ok(journal: AuditJournal) -> None:
    assert journal.verify().ok
    assert journal.entries() == []


def test_entries_since(journal: AuditJournal) -> None:
    fill(journal, 5)
    since = journal.entries(since=T0 + timedelta(minutes=3))
    assert [e.seq for e in since] == [4, 5]


def test_no_personal_data_fields() -> None:
    names = {f.name for f in dataclasses.fields(AuditEntry)}
    assert names == {"seq", "at", "kind", "staff", "record_id", "detail", "hash"}


def test_table_columns_hold_no_personal_data(journal: AuditJournal, tmp_path: Path) -> None:
    columns = {row[1] for row in sqlite3.connect(tmp_path / AUDIT_FILE_NAME).execute(
        "PRAGMA table_info(entries)")}
    assert columns == {"seq", "at", "kind", "staff", "record_id", "detail", "hash"}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"kind": "visitor_seen"}, "unknown audit event kind"),
        ({"detail": "mail to lea.martin@example.org failed"}, "personal data"),
        ({"detail": "born 12/05/2009"}, "personal data"),
        ({"detail": "call 06 12 34 56 78"}, "personal data"),
        ({"detail": "x" * 201}, "printable line"),
        ({"detail": "two\nlines"}, "printable line"),
        ({"detail": "=HYPERLINK(1)"}, "not starting with"),
        ({"record_id": "Léa Martin"}, "opaque token"),
        ({"staff": ""}, "1 to 80"),
        ({"staff": "@admin"}, "not starting with"),
    ],
)
def test_refused_fields(journal: AuditJournal, arguments: dict[str, str], message: str) -> None:
    kind = arguments.pop("kind", "prereg_rejected")
    with pytest.raises(ValueError, match=message):
        journal.append(kind, **arguments)  # type: ignore[arg-type]
    assert journal.entries() == []


def test_the_database_refuses_updates_and_deletes(journal: AuditJournal, tmp_path: Path) -> None:
    fill(journal, 2)
    connection = sqlite3.connect(tmp_path / AUDIT_FILE_NAME)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        connection.execute("UPDATE entries SET detail = 'x' WHERE seq = 1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        connection.execute("DELETE FROM entries WHERE seq = 2")
    connection.close()


def test_an_edited_entry_is_detected(journal: AuditJournal, tmp_path: Path) -> None:
    fill(journal, 5)
    tamper(tmp_path, "UPDATE entries SET staff = 'Someone else' WHERE seq = 3")
    check = journal.verify()
    assert not check.ok
    assert check.problems == [
        "entry 3 does not match its hash: edited, replaced, moved, or an entry before it was "
        "changed"
    ]


def test_an_edited_time_is_detected(journal: AuditJournal, tmp_path: Path) -> None:
    fill(journal, 3)
    tamper(tmp_path, "UPDATE entries SET at = '2026-03-01T10:00:00+00:00' WHERE seq = 1")
    assert [p[:7] for p in journal.verify().problems] == ["entry 1"]


def test_a_removed_entry_is_detected(journal: AuditJournal, tmp_path: Path) -> None:
    fill(journal, 5)
    tamper(tmp_path, "DELETE FROM entries WHERE seq = 2")
    check = journal.verify()
    assert not check.ok and check.entries == 4
    assert len(check.problems) == 1
    assert check.problems[0].startswith("entry 2 missing (the sequence jumps from 1 to 3)")


def test_removed_and_renumbered_entries_are_detected(
    journal: AuditJournal, tmp_path: Path
) -> None:
    fill(journal, 4)
    tamper(tmp_path, "DELETE FROM entries WHERE seq = 2",
           "UPDATE entries SET seq = seq - 1 WHERE seq > 2")
    problems = journal.verify().problems
    assert any(p.startswith("entry 2 does not match its hash") for p in problems)
    assert any(p.startswith("the last 1 entry was removed") for p in problems)


def test_swapped_entries_are_detected(journal: AuditJournal, tmp_path: Path) -> None:
    fill(journal, 5)
    columns = "at, kind, staff, record_id, detail, hash"
    tamper(
        tmp_path,
        f"CREATE TEMP TABLE keep AS SELECT seq, {columns} FROM entries WHERE seq IN (2, 4)",
        *(f"UPDATE entries SET {c} = (SELECT {c} FROM keep WHERE keep.seq = 6 - entries.seq) "
          "WHERE seq IN (2, 4)" for c in columns.split(", ")),
    )
    assert [e.kind for e in journal.entries()][1:4] == ["prereg_sent", "prereg_created",
                                                       "staff_unlocked"]
    problems = journal.verify().problems
    assert {p.split(" does not")[0] for p in problems} >= {"entry 2", "entry 4"}


def test_a_truncated_tail_is_detected_through_the_head(
    journal: AuditJournal, tmp_path: Path
) -> None:
    fill(journal, 5)
    tamper(tmp_path, "DELETE FROM entries WHERE seq >= 4")
    assert journal.verify().problems == [
        "the last 2 entries were removed: the journal ends at entry 3, it had reached entry 5"
    ]


def test_a_deleted_file_is_detected_and_the_gap_stays(tmp_path: Path) -> None:
    with AuditJournal(tmp_path, Clock(frozen_at=T0)) as journal:
        fill(journal, 3)
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / (AUDIT_FILE_NAME + suffix)).unlink(missing_ok=True)
    with AuditJournal(tmp_path, Clock(frozen_at=T0)) as journal:
        check = journal.verify()
        assert check.entries == 0
        assert check.problems == [
            "the last 3 entries were removed: the journal ends at entry 0, it had reached "
            "entry 3"
        ]
        # The kiosk goes on recording, numbering after what was lost: the gap stays visible.
        assert journal.append("staff_unlocked", staff="Camille").seq == 4
        problems = journal.verify().problems
        assert len(problems) == 1
        assert problems[0].startswith("entries 1 to 3 missing")


def test_the_head_survives_reopening(tmp_path: Path) -> None:
    with AuditJournal(tmp_path) as journal:
        fill(journal, 2)
    with AuditJournal(tmp_path) as journal:
        fill(journal, 1)
        assert [e.seq for e in journal.entries()] == [1, 2, 3]
        assert journal.verify().ok


def test_a_head_one_entry_behind_is_a_crash_not_tampering(
    journal: AuditJournal, tmp_path: Path
) -> None:
    fill(journal, 3)
    state = LocalState(tmp_path)
    state.set(HEAD_KEY, json.dumps({"seq": 2, "hash": journal.entries()[1].hash}))
    state.close()
    assert journal.verify().ok
    journal.append("staff_locked", staff="Camille")
    assert journal.verify().ok


def test_a_rewritten_end_is_detected(journal: AuditJournal, tmp_path: Path) -> None:
    fill(journal, 3)
    state = LocalState(tmp_path)
    state.set(HEAD_KEY, json.dumps({"seq": 3, "hash": "0" * 64}))
    state.close()
    assert journal.verify().problems == [
        "entry 3 differs from the head kept in the local state: the end of the journal was "
        "rewritten"
    ]


def test_a_missing_head_is_reported(journal: AuditJournal, tmp_path: Path) -> None:
    fill(journal, 2)
    connection = sqlite3.connect(tmp_path / "kiosk-state.sqlite3")
    connection.execute("DELETE FROM kv WHERE key = ?", (HEAD_KEY,))
    connection.commit()
    connection.close()
    problems = journal.verify().problems
    assert len(problems) == 1 and "head is missing" in problems[0]


def test_an_unknown_kind_planted_in_the_file_is_reported(
    journal: AuditJournal, tmp_path: Path
) -> None:
    fill(journal, 2)
    tamper(tmp_path, "UPDATE entries SET kind = 'visitor_seen' WHERE seq = 2")
    problems = journal.verify().problems
    assert "entry 2 has an unknown kind 'visitor_seen'" in problems
