"""The audit journal: an append-only, hash-chained record of staff and pre-registration events.

Each entry holds a sequence number, a UTC time, a kind from a closed set
(:class:`AuditKind`), the staff member's display name or None, a pseudonymous record id or
None and a short detail (an HTTP status, a count). **No visitor data, ever**: a detail that
looks like an e-mail address, a phone number or a date is refused (the log scrubber's
patterns), and record ids are opaque tokens.

The journal lives in ``audit.sqlite3`` in the data folder, one transaction per entry (a crash
loses at most the entry being written, never the file); SQL triggers refuse any UPDATE or
DELETE so that no code path of the kiosk can rewrite history. Each entry's ``hash`` is
``sha256(previous hash + canonical JSON of the entry)``, the first one chaining to
:data:`GENESIS`. The last sequence number and hash (the *head*) are also kept in the kiosk's
local state (``kiosk-state.sqlite3``, key :data:`HEAD_KEY`).

What :meth:`AuditJournal.verify` detects, and what it cannot:

- an entry edited in place (its content no longer matches its hash), entries removed from
  the middle or the start (a gap in the sequence), entries reordered or renumbered (their
  hash covers their sequence number and chains to their predecessor's hash);
- the last entries removed, or the whole file deleted, **only** thanks to the head kept in
  the other file: the chain alone cannot tell a truncated journal from a shorter one. After
  a truncation the next entries continue the old numbering, so the gap stays visible;
- it does **not** resist someone who can write both files: there is no secret key, so a
  careful forger can recompute every hash and the head. Sending the head to the central
  service (an external anchor) or keying the hash with a secret from the OS secret store
  would close that; neither is done yet;
- the head is written just after each entry's commit, so a crash between the two (or two
  processes appending at once) may leave it one entry behind: that is not reported, and the
  next append catches up. A head ahead of the journal is reported as a truncation.
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
import sqlite3
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from kiosk.clock import Clock
from kiosk.logs import scrub_text
from kiosk.storage.db import StorageError, open_database, write_transaction
from kiosk.storage.local import LocalState

AUDIT_FILE_NAME: Final = "audit.sqlite3"

#: Where the last sequence number and hash are kept, in the local state (JSON).
HEAD_KEY: Final = "audit_head"

#: What the first entry chains to.
GENESIS: Final = hashlib.sha256(b"passculture-kiosk audit journal v1").hexdigest()

#: The longest detail and record id accepted (a status, a count, an opaque id).
MAX_DETAIL_LENGTH: Final = 200
MAX_STAFF_LENGTH: Final = 80
_RECORD_ID: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")
#: Spreadsheets run a cell starting with one of these: the CSV export must hold none.
_FORMULA_STARTS: Final = frozenset("=+-@")
_HASH: Final = re.compile(r"[0-9a-f]{64}")

#: Numbered schema steps; never edit a published one, append a new one.
MIGRATIONS: Final = (
    """
    CREATE TABLE entries (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        staff TEXT,
        record_id TEXT,
        detail TEXT,
        hash TEXT NOT NULL
    );
    CREATE INDEX entries_at ON entries (at);
    CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
    BEGIN SELECT RAISE(ABORT, 'the audit journal is append-only'); END;
    CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
    BEGIN SELECT RAISE(ABORT, 'the audit journal is append-only'); END;
    """,
)


class AuditKind(enum.StrEnum):
    """What happened: the closed set of events the journal records."""

    STAFF_UNLOCKED = "staff_unlocked"
    STAFF_LOCKED = "staff_locked"
    PIN_FAILED = "pin_failed"
    PIN_LOCKOUT = "pin_lockout"
    PIN_LOCKOUT_CLEARED = "pin_lockout_cleared"
    STAFF_ADDED = "staff_added"
    STAFF_DISABLED = "staff_disabled"
    STAFF_ENABLED = "staff_enabled"
    STAFF_PIN_RESET = "staff_pin_reset"
    PREREG_CREATED = "prereg_created"
    PREREG_SENT = "prereg_sent"
    PREREG_REJECTED = "prereg_rejected"
    PREREG_PURGED = "prereg_purged"
    PREREG_CANCELLED = "prereg_cancelled"
    PREREG_RETRIED = "prereg_retried"
    OUTBOX_DISCARDED = "outbox_discarded"


_KINDS: Final = frozenset(kind.value for kind in AuditKind)


@dataclass(frozen=True)
class AuditEntry:
    """One journal entry as stored; ``kind`` is an :class:`AuditKind` value."""

    seq: int
    at: datetime
    kind: str
    staff: str | None
    record_id: str | None
    detail: str | None
    hash: str


@dataclass(frozen=True)
class AuditCheck:
    """The result of :meth:`AuditJournal.verify`: ok when ``problems`` is empty."""

    ok: bool
    entries: int
    problems: list[str] = field(default_factory=list)


def format_time(at: datetime) -> str:
    """The stored form of an instant: ISO 8601 in UTC, to the second."""
    if at.tzinfo is None:
        raise ValueError("audit times must be aware datetimes")
    return at.astimezone(UTC).isoformat(timespec="seconds")


def entry_hash(previous: str, fields: Mapping[str, object]) -> str:
    """``sha256(previous + canonical JSON of fields)`` as hex (``fields`` without the hash)."""
    canonical = json.dumps(
        dict(fields), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(previous.encode("ascii") + canonical.encode("utf-8")).hexdigest()


def _fields(
    seq: object, at: object, kind: object, staff: object, record_id: object, detail: object
) -> dict[str, object]:
    return {
        "seq": seq,
        "at": at,
        "kind": kind,
        "staff": staff,
        "record_id": record_id,
        "detail": detail,
    }


class AuditJournal:
    """The journal in ``<data_dir>/audit.sqlite3``; safe to share between threads."""

    def __init__(self, data_dir: Path, clock: Clock | None = None) -> None:
        self.path = data_dir / AUDIT_FILE_NAME
        self._clock = clock or Clock()
        self._lock = threading.Lock()
        self._connection = open_database(self.path, MIGRATIONS)
        try:
            self._state = LocalState(data_dir)
        except StorageError:
            self._connection.close()
            raise

    # --- writing ------------------------------------------------------------------------------

    def append(
        self,
        kind: AuditKind | str,
        *,
        at: datetime | None = None,
        staff: str | None = None,
        record_id: str | None = None,
        detail: str | None = None,
    ) -> AuditEntry:
        """Add one entry (time: ``at``, else the clock) and return it.

        Raises ValueError for an unknown kind or a field that is too long or looks personal,
        and :class:`StorageError` when the journal cannot be written.
        """
        kind_value = _check_kind(kind)
        _check_staff(staff)
        _check_record_id(record_id)
        _check_detail(detail)
        at_text = format_time(at if at is not None else self._clock.now())
        with write_transaction(self._connection, self._lock, "the audit journal") as db:
            row = db.execute("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
            seq, previous = (0, GENESIS) if row is None else (int(row[0]), str(row[1]))
            head = self._head()
            if head is not None and head[0] > seq:
                # Entries were removed from the end (or the file deleted): keep numbering
                # after them, so that the gap shows in every later check.
                seq, previous = head
            seq += 1
            fields = _fields(seq, at_text, kind_value, staff, record_id, detail)
            digest = entry_hash(previous, fields)
            db.execute(
                "INSERT INTO entries (seq, at, kind, staff, record_id, detail, hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (seq, at_text, kind_value, staff, record_id, detail, digest),
            )
        self._set_head(seq, digest)
        return AuditEntry(
            seq, datetime.fromisoformat(at_text), kind_value, staff, record_id, detail, digest
        )

    def _head(self) -> tuple[int, str] | None:
        try:
            text = self._state.get(HEAD_KEY)
        except sqlite3.Error as error:
            raise StorageError(f"cannot read the audit head: {error}") from error
        if text is None:
            return None
        try:
            value = json.loads(text)
            seq, digest = int(value["seq"]), str(value["hash"])
        except (TypeError, ValueError, KeyError) as error:
            raise StorageError(f"the audit head in the local state is unreadable: {error}") \
                from error
        return seq, digest

    def _set_head(self, seq: int, digest: str) -> None:
        try:
            self._state.set(HEAD_KEY, json.dumps({"seq": seq, "hash": digest}))
        except sqlite3.Error as error:
            raise StorageError(f"cannot record the audit head: {error}") from error

    # --- reading ------------------------------------------------------------------------------

    def entries(self, since: datetime | None = None) -> list[AuditEntry]:
        """Entries in sequence order, only those at or after ``since`` when given.

        Raises :class:`StorageError` when an entry cannot be read back (a damaged or
        tampered journal: ``audit verify`` says more).
        """
        query = "SELECT seq, at, kind, staff, record_id, detail, hash FROM entries"
        parameters: tuple[str, ...] = ()
        if since is not None:
            query += " WHERE at >= ?"
            parameters = (format_time(since),)
        try:
            rows = self._connection.execute(query + " ORDER BY seq", parameters).fetchall()
        except sqlite3.Error as error:
            raise StorageError(f"cannot read the audit journal: {error}") from error
        result = []
        for seq, at, kind, staff, record_id, detail, digest in rows:
            try:
                when = datetime.fromisoformat(str(at))
            except ValueError as error:
                raise StorageError(
                    f"audit entry {seq} has an unreadable time {at!r}: run 'audit verify'"
                ) from error
            result.append(
                AuditEntry(int(seq), when, str(kind), _text(staff), _text(record_id),
                           _text(detail), str(digest))
            )
        return result

    def verify(self) -> AuditCheck:
        """Walk the whole chain and compare its end with the head kept in the local state."""
        problems: list[str] = []
        try:
            rows = self._connection.execute(
                "SELECT seq, at, kind, staff, record_id, detail, hash FROM entries ORDER BY seq"
            ).fetchall()
        except sqlite3.Error as error:
            return AuditCheck(False, 0, [f"the journal cannot be read: {error}"])
        expected, previous = 1, GENESIS
        last_seq = 0
        for seq, at, kind, staff, record_id, detail, digest in rows:
            seq = int(seq)
            if seq != expected:
                missing = f"entry {expected}" if seq == expected + 1 else \
                    f"entries {expected} to {seq - 1}"
                problems.append(
                    f"{missing} missing (the sequence jumps from {expected - 1} to {seq}): "
                    f"entry {seq} cannot be checked against the chain"
                )
            else:
                try:
                    computed = entry_hash(previous, _fields(seq, at, kind, staff, record_id,
                                                            detail))
                except (TypeError, ValueError):
                    computed = ""
                if computed != digest:
                    problems.append(
                        f"entry {seq} does not match its hash: edited, replaced, moved, or "
                        "an entry before it was changed"
                    )
            if kind not in _KINDS:
                problems.append(f"entry {seq} has an unknown kind {kind!r}")
            if not isinstance(digest, str) or not _HASH.fullmatch(digest):
                problems.append(f"entry {seq} has a malformed hash")
            expected, previous = seq + 1, str(digest)
            last_seq = seq
        try:
            head = self._head()
        except StorageError as error:
            problems.append(str(error))
            head = None
        if head is None:
            if rows:
                problems.append(
                    f"the journal's head is missing from the local state (the journal has "
                    f"{len(rows)} entries): it was reset, or the local state file replaced"
                )
        else:
            head_seq, head_hash = head
            if head_seq > last_seq:
                gone = head_seq - last_seq
                problems.append(
                    f"the last {gone} entr{'y was' if gone == 1 else 'ies were'} removed: "
                    f"the journal ends at entry {last_seq}, it had reached entry {head_seq}"
                )
            else:
                at_head = next((str(r[6]) for r in rows if int(r[0]) == head_seq), None)
                if at_head != head_hash:
                    problems.append(
                        f"entry {head_seq} differs from the head kept in the local state: "
                        "the end of the journal was rewritten"
                    )
        return AuditCheck(not problems, len(rows), problems)

    def close(self) -> None:
        """Close both databases; the object must not be used afterwards."""
        with self._lock:
            self._connection.close()
            self._state.close()

    def __enter__(self) -> AuditJournal:
        """Use as ``with AuditJournal(data_dir) as journal:``."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close the journal."""
        self.close()


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _check_kind(kind: AuditKind | str) -> str:
    try:
        return AuditKind(kind).value
    except ValueError:
        raise ValueError(f"unknown audit event kind {kind!r}") from None


def _check_staff(staff: str | None) -> None:
    if staff is None:
        return
    if not 0 < len(staff) <= MAX_STAFF_LENGTH or not staff.isprintable() \
            or staff[0] in _FORMULA_STARTS:
        raise ValueError(f"a staff name in the journal is one printable line of 1 to "
                         f"{MAX_STAFF_LENGTH} characters, not starting with = + - @")


def _check_record_id(record_id: str | None) -> None:
    if record_id is not None and not _RECORD_ID.fullmatch(record_id):
        raise ValueError(
            "a record id in the journal is an opaque token of 1 to 64 letters, digits or "
            "_.:- starting with a letter or a digit"
        )


def _check_detail(detail: str | None) -> None:
    if detail is None:
        return
    if not 0 < len(detail) <= MAX_DETAIL_LENGTH or not detail.isprintable() \
            or detail[0] in _FORMULA_STARTS:
        raise ValueError(
            f"an audit detail is one printable line of 1 to {MAX_DETAIL_LENGTH} characters, "
            "not starting with = + - @"
        )
    if scrub_text(detail) != detail:
        raise ValueError(
            "an audit detail may not hold personal data (it looks like an e-mail address, "
            "a phone number or a date)"
        )
