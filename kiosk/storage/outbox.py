"""The outbox: pre-registrations waiting for the central API, encrypted, in a SQLite file.

``outbox.sqlite3`` in the data folder, separate from the catalog (a cache that may be
rebuilt at any time) and from the local state. What it keeps and for how long is the
processing register's business (``docs/privacy.md``); the rules, in short:

* **Encrypted.** Everything a visitor typed (the ``PreregistrationRequest`` JSON and the
  version id of the consent text they were shown), the server's messages about a record, and
  the link that finishes a sign-up are sealed with AES-256-GCM: a random 96-bit nonce per
  seal, the record id, its idempotency key and the column name as associated data (a
  ciphertext moved to another row or column does not open), the plain text padded to 256
  bytes so that its length says little. The clear columns hold only pseudonymous facts:
  random ids, status, dates, counts, error kinds, the consent version id, the server's id.
* **Keys.** AES keys live in the OS secret store (:class:`kiosk.secrets.SecretStore`,
  entries ``outbox-key-<file id>-<serial>``; the file id is random per outbox file, so a
  new file never overwrites the keys of a damaged one moved aside), never in this file.
  Every ciphertext names the serial of its key. When the outbox holds no ciphertext any
  more (all sent, cancelled or purged), its keys are deleted from the store and the next
  record gets a new one: whatever copies of deleted rows survive on the disk's free blocks
  or in backups can then no longer be read. A key is stored before the transaction that
  first uses it commits, so no committed ciphertext is ever without its key.
* **Erasure.** ``mark_sent`` deletes the payload at once; the finish link stays sealed for
  at most :data:`FINISH_URL_KEEP` (the screen showing its QR code, the ticket), then
  :meth:`Outbox.purge` wipes it (:meth:`Outbox.forget_sent` sooner). Unsent records are
  purged after the retention (``outbox_retention_days``, 30 days); the pseudonymous rows
  of closed records go after the same delay. ``secure_delete`` zeroes deleted content in
  the file and the write-ahead log is truncated after each erasure.
* **Crash safety.** WAL with ``synchronous=FULL``: every change is one transaction, durable
  once the call returns, so a kill or a power cut at any moment loses nothing acknowledged.
  Exactly-once delivery comes from the idempotency key, fixed when a record is added and
  sent unchanged on every try.
* **Damage.** A file that is not a database or fails SQLite's check is never emptied in
  place: :meth:`Outbox.open` moves it aside (``outbox.sqlite3.corrupt-<stamp>``), starts an
  empty outbox and sets :attr:`Outbox.problem` for staff; ``status`` keeps reporting the
  moved file until IT deals with it (:func:`damaged_outbox_files`).
"""

from __future__ import annotations

import json
import logging
import os
import random
import secrets
import sqlite3
import struct
import threading
import uuid
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.config import Config
from kiosk.secrets import SecretStore, SecretStoreError
from kiosk.storage.db import (
    StorageError,
    check_database,
    is_damage,
    move_aside,
    open_database,
    write_transaction,
)

log = logging.getLogger(__name__)

OUTBOX_FILE_NAME: Final = "outbox.sqlite3"
DEFAULT_RETENTION: Final = timedelta(days=30)
"""Unsent records are purged this long after they were added (``outbox_retention_days``)."""
FINISH_URL_KEEP: Final = timedelta(minutes=10)
"""How long the finish link stays (sealed) after the acknowledgement: the QR screen, the
ticket. The young person also receives it by e-mail from the central service."""
FIRST_RETRY: Final = timedelta(seconds=30)
"""Backoff after the first failure; it doubles after each one, up to :data:`MAX_RETRY`."""
MAX_RETRY: Final = timedelta(hours=1)

PENDING: Final = "pending"
NEEDS_STAFF: Final = "needs_staff"
SENT: Final = "sent"
CANCELLED: Final = "cancelled"
PURGED: Final = "purged"
UNSENT: Final = (PENDING, NEEDS_STAFF)
CLOSED: Final = (SENT, CANCELLED, PURGED)

KEY_BYTES: Final = 32
_NONCE_BYTES = 12
_TAG_BYTES = 16
_PAD_TO = 256
_BLOB_VERSION = 1
_HEADER = struct.Struct(">BI")  # blob version, key serial
_FIXED_SERIAL = 0
_AAD_PREFIX = b"passculture-kiosk/outbox/v1"
_MAX_TEXT = 255

#: Numbered schema steps; never edit a published one, append a new one. Dates are UTC ISO
#: texts (``2025-06-01T18:30:00.000000Z``) so that they sort as text. ``payload``,
#: ``error`` and ``finish_url`` are sealed blobs; nothing else may hold personal data.
MIGRATIONS: Final = (
    """
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE records (
        id TEXT PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL
            CHECK (status IN ('pending', 'needs_staff', 'sent', 'cancelled', 'purged')),
        consent_version TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        error_kind TEXT,
        error BLOB,
        payload BLOB,
        server_id TEXT,
        finish_url BLOB,
        finish_url_until TEXT,
        sent_at TEXT,
        closed_at TEXT
    ) STRICT;
    CREATE INDEX records_due ON records (status, next_attempt_at);
    CREATE INDEX records_closed ON records (closed_at);
    CREATE INDEX records_sent ON records (sent_at);
    """,
)

_HOLDS_CIPHERTEXT = (
    "SELECT EXISTS (SELECT 1 FROM records WHERE payload IS NOT NULL"
    " OR error IS NOT NULL OR finish_url IS NOT NULL)"
)
_ITEM_COLUMNS = "id, idempotency_key, status, attempts, created_at, next_attempt_at"


# --- errors -----------------------------------------------------------------------------------


class OutboxError(StorageError):
    """The outbox cannot do what was asked: file, schema or secret store; says why."""


class OutboxDamaged(OutboxError):
    """The outbox file is not a database or fails SQLite's check (see :meth:`Outbox.open`)."""


class UnknownRecord(OutboxError):
    """No record has this id."""


class PayloadGone(OutboxError):
    """The record's personal data was already deleted (sent, cancelled or purged)."""


class Undecryptable(OutboxError):
    """A sealed value cannot be opened: its key is missing from the store, or it was altered."""


# --- keys -------------------------------------------------------------------------------------


class KeyStore(Protocol):
    """Where outbox keys are kept: :class:`kiosk.secrets.SecretStore` (or a test double).

    A key's name is ``<outbox file id>-<serial>``: the file id is random per outbox file,
    so a new outbox (after a damaged one was moved aside) never overwrites the keys of the
    old one. Methods may raise :class:`kiosk.secrets.SecretStoreError`.
    """

    def get_outbox_key(self, name: str) -> bytes | None:
        """The key called ``name``, or None."""

    def set_outbox_key(self, name: str, key: bytes) -> None:
        """Keep the key called ``name`` (replacing any)."""

    def delete_outbox_key(self, name: str) -> bool:
        """Forget the key called ``name``; whether there was one."""


# --- what callers see -------------------------------------------------------------------------


@dataclass(frozen=True)
class OutboxItem:
    """A record as delivery sees it; the payload is read with :meth:`Outbox.payload`."""

    id: str
    idempotency_key: str
    status: str
    attempts: int
    created_at: datetime
    next_attempt_at: datetime | None


@dataclass(frozen=True)
class OutboxRow:
    """A record as the staff area lists it: no personal data.

    Attributes:
        error_kind: what went wrong last (``unreachable``, ``server_error``,
            ``rejected: email, birthdate``, ``rejected: INELIGIBLE_POSTAL_CODE``,
            ``unreadable``…), None when nothing did; the server's words are in
            :meth:`Outbox.error_message`.
    """

    id: str
    status: str
    created_at: datetime
    attempts: int
    next_attempt_at: datetime | None
    error_kind: str | None
    sent_at: datetime | None
    consent_version: str


@dataclass(frozen=True)
class OutboxSummary:
    """Counts for the staff area and the status.

    Attributes:
        pending: waiting to be sent (first try or after a failure).
        needs_staff: refused by the central API (or unreadable): retry or cancel.
        sent_today: acknowledged since the local midnight.
        oldest_pending_at: when the oldest unsent record (pending or needs staff) was added;
            it is purged when it is older than the retention.
        damaged_files: damaged outbox files moved aside and still in the data folder.
    """

    pending: int
    needs_staff: int
    sent_today: int
    oldest_pending_at: datetime | None
    damaged_files: int = 0


# --- the outbox -------------------------------------------------------------------------------


class Outbox:
    """The encrypted outbox at ``path``; thread-safe (one connection behind a lock).

    Args:
        path: the SQLite file (created when missing).
        key: a 32-byte AES key (used as is, never rotated: tests and tools), or a
            :class:`KeyStore` whose keys are created, used and rotated as the module says.
        retention: how long unsent records are kept (:meth:`purge`).
        rng: source of the backoff jitter.

    Raises:
        OutboxDamaged: the file is damaged (:meth:`open` moves it aside instead).
        OutboxError: the file cannot be opened (locked, unwritable, written by a newer
            kiosk); nothing was changed.
    """

    def __init__(
        self,
        path: Path,
        key: bytes | KeyStore,
        *,
        retention: timedelta = DEFAULT_RETENTION,
        rng: random.Random | None = None,
    ) -> None:
        self.path = path
        self.retention = retention
        #: Set by :meth:`open` when a damaged file was moved aside: a sentence for staff.
        self.problem: str | None = None
        self._fixed: bytes | None = None
        self._keys: KeyStore | None = None
        if isinstance(key, bytes | bytearray):
            if len(key) != KEY_BYTES:
                raise ValueError(f"an outbox key is {KEY_BYTES} bytes, not {len(key)}")
            self._fixed = bytes(key)
        else:
            self._keys = key
        self._file_id: int | None = None
        self._rng = rng or random.Random()
        self._lock = threading.Lock()
        self._cache: dict[int, bytes] = {}
        self._connection = _connect(path)

    @classmethod
    def open(
        cls,
        path: Path,
        key: bytes | KeyStore,
        *,
        retention: timedelta = DEFAULT_RETENTION,
        rng: random.Random | None = None,
    ) -> Outbox:
        """Open the outbox at ``path``; a damaged file is moved aside, never dropped.

        The damaged file (with its ``-wal`` and ``-shm``) becomes
        ``outbox.sqlite3.corrupt-<UTC stamp>``, an empty outbox takes its place, and
        :attr:`problem` says so; :func:`damaged_outbox_files` keeps finding it.

        Raises:
            OutboxError: the file cannot be opened for another reason, or the damaged file
                cannot be moved aside.
        """
        try:
            return cls(path, key, retention=retention, rng=rng)
        except OutboxDamaged as damage:
            reason = str(damage.__cause__ or damage)[:160]
        try:
            aside = move_aside(path)
        except OSError as error:
            raise OutboxError(
                f"the outbox {path} is damaged ({reason}) and cannot be moved aside "
                f"({error.strerror or error}): pre-registrations cannot be queued"
            ) from None
        log.error("outbox damaged (%s): moved to %s; its records were not sent", reason,
                  aside.name)  # fmt: skip
        outbox = cls(path, key, retention=retention, rng=rng)
        outbox.problem = (
            f"the outbox file was damaged ({reason}) and moved to {aside}: the "
            "pre-registrations it held were not sent; tell IT (see docs/privacy.md)"
        )
        return outbox

    # --- life cycle ---------------------------------------------------------------------------

    def close(self) -> None:
        """Close the database; the object must not be used afterwards."""
        with self._lock:
            self._connection.close()

    def __enter__(self) -> Outbox:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # --- writing ------------------------------------------------------------------------------

    def add(
        self,
        payload: Mapping[str, Any],
        *,
        consent_version: str,
        now: datetime,
        journal: Journal | None = None,
        staff: str | None = None,
    ) -> str:
        """Queue a pre-registration; return its new pseudonymous record id.

        The payload is the ``PreregistrationRequest`` (validation is the UI's; here it only
        has to be JSON). It gets a fresh idempotency key, kept for every try, and is due at
        once. With ``journal``, a ``prereg_created`` event is appended (by ``staff``).

        Raises:
            ValueError: not a JSON object, or a bad consent version id.
            OutboxError: the secret store or the file failed; nothing was queued.
        """
        if not isinstance(consent_version, str) or not 0 < len(consent_version) <= 100 \
                or not consent_version.isprintable():  # fmt: skip
            raise ValueError("the consent version id must be 1 to 100 printable characters")
        if not isinstance(payload, Mapping) or not all(isinstance(k, str) for k in payload):
            raise ValueError("the pre-registration payload must be a JSON object")
        try:
            text = json.dumps(
                {"payload": dict(payload), "consentVersion": consent_version},
                ensure_ascii=False, allow_nan=False, separators=(",", ":"),
            )  # fmt: skip
        except (TypeError, ValueError, RecursionError):
            raise ValueError("the pre-registration payload cannot be written as JSON") from None
        record_id, key_id = str(uuid.uuid4()), str(uuid.uuid4())
        stamp = _stamp(now)
        with self._transaction() as db:
            sealed = self._seal(db, text, record_id, key_id, "payload")
            db.execute(
                "INSERT INTO records (id, idempotency_key, status, consent_version, created_at,"
                " updated_at, next_attempt_at, payload) VALUES (?, ?, 'pending', ?, ?, ?, ?, ?)",
                (record_id, key_id, consent_version, stamp, stamp, stamp, sealed),
            )
        log.info("outbox: record %s queued", record_id)
        journal_event(journal, "prereg_created", now, staff=staff, record_id=record_id)
        return record_id

    def mark_sent(self, record_id: str, *, server_id: str, finish_url: str, now: datetime) -> None:
        """The central API acknowledged the record: delete its payload, keep the link a while.

        The finish link stays sealed until ``now + FINISH_URL_KEEP`` (:meth:`finish_url`).
        A record cancelled or purged while its request was in flight is marked sent anyway:
        the central API has it. A second acknowledgement changes nothing.

        Raises:
            UnknownRecord: no such record.
        """
        if not isinstance(server_id, str) or not 0 < len(server_id) <= _MAX_TEXT:
            raise ValueError("the server's pre-registration id must be 1 to 255 characters")
        stamp = _stamp(now)
        with self._transaction() as db:
            status, key_id, _attempts = self._status(db, record_id)
            if status == SENT:
                return
            if status != PENDING:
                log.warning("outbox: record %s was %s while being sent; the central API has it",
                            record_id, status)  # fmt: skip
            sealed = self._seal(db, finish_url, record_id, key_id, "finish_url")
            db.execute(
                "UPDATE records SET status = 'sent', payload = NULL, error = NULL,"
                " error_kind = NULL, next_attempt_at = NULL, server_id = ?, finish_url = ?,"
                " finish_url_until = ?, sent_at = ?, closed_at = ?, updated_at = ?,"
                " attempts = attempts + 1 WHERE id = ?",
                (server_id, sealed, _stamp(now + FINISH_URL_KEEP), stamp, stamp, stamp,
                 record_id),
            )  # fmt: skip
        log.info("outbox: record %s sent", record_id)
        self._erased()

    def mark_failed(
        self,
        record_id: str,
        error: str,
        now: datetime,
        *,
        kind: str = "failed",
        retry_after: float | None = None,
    ) -> datetime | None:
        """A try failed in a way a later try may fix: back off; return the next try's time.

        The wait is ``FIRST_RETRY`` doubled after each failure up to ``MAX_RETRY``, minus up
        to a quarter of jitter, and never shorter than ``retry_after`` seconds (within the
        maximum). ``error`` is sealed (only ``kind`` is in clear). Does nothing (None) when
        the record is no longer pending.

        Raises:
            UnknownRecord: no such record.
        """
        with self._transaction() as db:
            status, key_id, attempts = self._status(db, record_id)
            if status != PENDING:
                return None
            attempts += 1
            wait = self.retry_delay(attempts)
            if retry_after is not None and retry_after > 0:
                wait = max(wait, min(timedelta(seconds=retry_after), MAX_RETRY))
            next_at = now + wait
            sealed = self._seal(db, error, record_id, key_id, "error")
            db.execute(
                "UPDATE records SET attempts = ?, next_attempt_at = ?, error_kind = ?, error = ?,"
                " updated_at = ? WHERE id = ?",
                (attempts, _stamp(next_at), _kind(kind), sealed, _stamp(now), record_id),
            )
        log.info("outbox: record %s not sent (%s, try %d); next try in %.0f s", record_id,
                 _kind(kind), attempts, wait.total_seconds())  # fmt: skip
        return next_at

    def mark_rejected(
        self, record_id: str, message: str, now: datetime, *, kind: str = "rejected"
    ) -> bool:
        """The central API refused the record (400): it waits for staff (``needs_staff``).

        ``message`` is the server's, sealed (it may quote what was typed); ``kind`` stays in
        clear, so it must hold no personal data (error codes and field names only). Returns
        False, changing nothing, when the record is no longer pending.

        Raises:
            UnknownRecord: no such record.
        """
        with self._transaction() as db:
            status, key_id, _attempts = self._status(db, record_id)
            if status != PENDING:
                return False
            sealed = self._seal(db, message, record_id, key_id, "error")
            db.execute(
                "UPDATE records SET status = 'needs_staff', attempts = attempts + 1,"
                " next_attempt_at = NULL, error_kind = ?, error = ?, updated_at = ? WHERE id = ?",
                (_kind(kind), sealed, _stamp(now), record_id),
            )
        log.warning("outbox: record %s needs staff (%s)", record_id, _kind(kind))
        return True

    def retry(
        self,
        record_id: str,
        now: datetime,
        *,
        journal: Journal | None = None,
        staff: str | None = None,
    ) -> bool:
        """Staff send a ``needs_staff`` record again (due at once); False if it was not one.

        Raises:
            UnknownRecord: no such record.
        """
        with self._transaction() as db:
            status, _key_id, _attempts = self._status(db, record_id)
            if status != NEEDS_STAFF:
                return False
            db.execute(
                "UPDATE records SET status = 'pending', next_attempt_at = ?, error_kind = NULL,"
                " error = NULL, updated_at = ? WHERE id = ?",
                (_stamp(now), _stamp(now), record_id),
            )
        journal_event(journal, "prereg_retried", now, staff=staff, record_id=record_id)
        return True

    def cancel(
        self,
        record_id: str,
        now: datetime,
        *,
        journal: Journal | None = None,
        staff: str | None = None,
    ) -> bool:
        """Staff give up on an unsent record: its personal data is deleted at once.

        Returns False (changing nothing) when the record was already sent, cancelled or
        purged. A request already in flight may still reach the central API; the record is
        then marked sent.

        Raises:
            UnknownRecord: no such record.
        """
        stamp = _stamp(now)
        with self._transaction() as db:
            status, _key_id, _attempts = self._status(db, record_id)
            if status not in UNSENT:
                return False
            db.execute(
                "UPDATE records SET status = 'cancelled', payload = NULL, error = NULL,"
                " next_attempt_at = NULL, closed_at = ?, updated_at = ? WHERE id = ?",
                (stamp, stamp, record_id),
            )
        log.info("outbox: record %s cancelled", record_id)
        journal_event(journal, "prereg_cancelled", now, staff=staff, record_id=record_id)
        self._erased()
        return True

    def forget_sent(self, record_id: str) -> None:
        """Wipe a sent record's finish link now (the visit is over). Unknown ids are ignored."""
        with self._transaction() as db:
            cursor = db.execute(
                "UPDATE records SET finish_url = NULL, finish_url_until = NULL"
                " WHERE id = ? AND finish_url IS NOT NULL",
                (record_id,),
            )
            wiped = cursor.rowcount > 0
        if wiped:
            self._erased()

    def purge(self, now: datetime, retention: timedelta | None = None) -> list[str]:
        """Apply the retention rules; return the ids of the unsent records purged now.

        * finish links past their ``FINISH_URL_KEEP`` are wiped;
        * records unsent (pending or needs staff) for longer than ``retention`` (default:
          :attr:`retention`) lose their personal data and become ``purged`` — the caller
          reports the returned ids to staff (and journals ``prereg_purged``);
        * rows closed (sent, cancelled, purged) for longer than ``retention`` are deleted;
        * once no ciphertext is left, the key is forgotten (see the module's docstring).
        """
        cutoff = _stamp(now - (self.retention if retention is None else retention))
        stamp = _stamp(now)
        with self._transaction() as db:
            wiped = db.execute(
                "UPDATE records SET finish_url = NULL, finish_url_until = NULL"
                " WHERE finish_url IS NOT NULL AND finish_url_until <= ?",
                (stamp,),
            ).rowcount
            purged = [row[0] for row in db.execute(
                "SELECT id FROM records WHERE status IN ('pending', 'needs_staff')"
                " AND created_at <= ? ORDER BY created_at", (cutoff,))]  # fmt: skip
            db.executemany(
                "UPDATE records SET status = 'purged', payload = NULL, error = NULL,"
                " next_attempt_at = NULL, closed_at = ?, updated_at = ? WHERE id = ?",
                [(stamp, stamp, record_id) for record_id in purged],
            )
            db.execute(
                "DELETE FROM records WHERE status IN ('sent', 'cancelled', 'purged')"
                " AND closed_at <= ?",
                (cutoff,),
            )
        for record_id in purged:
            log.warning("outbox: record %s unsent after the retention: purged", record_id)
        if wiped or purged:
            self._erased()
        else:
            self._forget_key_if_drained()
        return purged

    # --- reading ------------------------------------------------------------------------------

    def due(self, now: datetime, limit: int | None = None) -> list[OutboxItem]:
        """Pending records whose next try has come, oldest due first."""
        rows = self._read(
            f"SELECT {_ITEM_COLUMNS} FROM records WHERE status = 'pending'"
            " AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at LIMIT ?",
            (_stamp(now), -1 if limit is None else max(0, limit)),
        )
        return [_item(row) for row in rows]

    def item(self, record_id: str) -> OutboxItem:
        """One record, whatever its status.

        Raises:
            UnknownRecord: no such record.
        """
        rows = self._read(f"SELECT {_ITEM_COLUMNS} FROM records WHERE id = ?", (record_id,))
        if not rows:
            raise UnknownRecord(f"no outbox record {record_id}")
        return _item(rows[0])

    def payload(self, record_id: str) -> dict[str, Any]:
        """The record's ``PreregistrationRequest``, decrypted.

        Raises:
            UnknownRecord: no such record.
            PayloadGone: it was deleted (sent, cancelled, purged).
            Undecryptable: its key is missing from the store, or the ciphertext was altered.
        """
        value = self._opened(record_id, "payload")
        if value is None:
            raise PayloadGone(f"the payload of outbox record {record_id} was deleted")
        try:
            document = json.loads(value)
            payload = document["payload"]
        except (ValueError, TypeError, KeyError):
            raise Undecryptable(f"outbox record {record_id} does not hold a payload") from None
        if not isinstance(payload, dict):
            raise Undecryptable(f"outbox record {record_id} does not hold a payload")
        return payload

    def consent_version(self, record_id: str) -> str:
        """The version id of the consent text shown for the record (kept in clear).

        Raises:
            UnknownRecord: no such record.
        """
        rows = self._read("SELECT consent_version FROM records WHERE id = ?", (record_id,))
        if not rows:
            raise UnknownRecord(f"no outbox record {record_id}")
        return str(rows[0][0])

    def finish_url(self, record_id: str, now: datetime | None = None) -> str | None:
        """The link that finishes a sent record's sign-up, while it is kept; else None.

        With ``now``, a link past its ``FINISH_URL_KEEP`` is None even before :meth:`purge`.
        Unknown records, unreadable links: None.
        """
        if now is not None:
            rows = self._read(
                "SELECT finish_url_until FROM records WHERE id = ?", (record_id,)
            )
            if not rows or rows[0][0] is None or rows[0][0] <= _stamp(now):
                return None
        try:
            return self._opened(record_id, "finish_url")
        except (UnknownRecord, Undecryptable):
            return None

    def error_message(self, record_id: str) -> str | None:
        """The last error's full text (the server's message for a refusal), for staff.

        May quote personal data: show it in the staff area, never log it.

        Raises:
            UnknownRecord: no such record.
            Undecryptable: its key is missing, or it was altered.
        """
        return self._opened(record_id, "error")

    def depth(self) -> int:
        """Records waiting to be sent (pending or needs staff): the heartbeat's outbox depth."""
        rows = self._read(
            "SELECT COUNT(*) FROM records WHERE status IN ('pending', 'needs_staff')", ()
        )
        return int(rows[0][0])

    def summary(self, now: datetime, *, tz: tzinfo | None = None) -> OutboxSummary:
        """Counts for the staff area; "today" starts at midnight in ``tz`` (default: the PC's)."""
        local = now.astimezone(tz)
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        counts = dict(self._read(
            "SELECT status, COUNT(*) FROM records WHERE status IN ('pending', 'needs_staff')"
            " GROUP BY status", ()))  # fmt: skip
        sent_today = self._read(
            "SELECT COUNT(*) FROM records WHERE sent_at >= ?", (_stamp(midnight),)
        )[0][0]
        oldest = self._read(
            "SELECT MIN(created_at) FROM records WHERE status IN ('pending', 'needs_staff')", ()
        )[0][0]
        return OutboxSummary(
            pending=int(counts.get(PENDING, 0)),
            needs_staff=int(counts.get(NEEDS_STAFF, 0)),
            sent_today=int(sent_today),
            oldest_pending_at=_parse(oldest),
            damaged_files=len(self.damaged_files()),
        )

    def items(self) -> list[OutboxRow]:
        """Every record kept, for the staff area: needs staff, pending, then the rest.

        Newest first within each group.
        """
        rows = self._read(
            "SELECT id, status, created_at, attempts, next_attempt_at, error_kind, sent_at,"
            " consent_version FROM records ORDER BY CASE status WHEN 'needs_staff' THEN 0"
            " WHEN 'pending' THEN 1 ELSE 2 END, created_at DESC, id",
            (),
        )
        return [_row(row) for row in rows]

    def damaged_files(self) -> list[Path]:
        """Damaged outbox files moved aside next to this one (see :func:`damaged_outbox_files`)."""
        return damaged_outbox_files(self.path.parent, self.path.name)

    def retry_delay(self, attempts: int) -> timedelta:
        """The wait after the ``attempts``-th failure: 30 s doubling up to 1 h, with jitter.

        The jitter takes off up to a quarter, so kiosks that failed together do not come
        back together, and each wait is still longer than the one before (until the cap).
        """
        ceiling: timedelta = min(FIRST_RETRY * 2 ** max(0, min(attempts, 32) - 1), MAX_RETRY)
        return ceiling * self._rng.uniform(0.75, 1.0)

    # --- plumbing -----------------------------------------------------------------------------

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return write_transaction(self._connection, self._lock, "the outbox")

    def _read(self, sql: str, params: tuple[object, ...]) -> list[Any]:
        with self._lock:
            try:
                return self._connection.execute(sql, params).fetchall()
            except sqlite3.Error as error:
                raise StorageError(f"cannot read the outbox: {error}") from error

    def _status(self, db: sqlite3.Connection, record_id: str) -> tuple[str, str, int]:
        """Status, idempotency key and attempts of a record, inside a transaction."""
        row = db.execute(
            "SELECT status, idempotency_key, attempts FROM records WHERE id = ?", (record_id,)
        ).fetchone()
        if row is None:
            raise UnknownRecord(f"no outbox record {record_id}")
        return str(row[0]), str(row[1]), int(row[2])

    def _opened(self, record_id: str, column: str) -> str | None:
        """The plain text of a sealed column (None when empty)."""
        rows = self._read(f"SELECT {column}, idempotency_key FROM records WHERE id = ?",
                          (record_id,))  # fmt: skip
        if not rows:
            raise UnknownRecord(f"no outbox record {record_id}")
        blob, key_id = rows[0]
        if blob is None:
            return None
        return self._unseal(bytes(blob), record_id, key_id, column)

    def _seal(self, db: sqlite3.Connection, text: str, record_id: str, key_id: str,
              column: str) -> bytes:
        serial, key = self._write_key(db)
        data = text.encode("utf-8")
        data += b" " * (-len(data) % _PAD_TO)  # JSON and the texts read back stripped
        nonce = os.urandom(_NONCE_BYTES)
        sealed = AESGCM(key).encrypt(nonce, data, _aad(record_id, key_id, column))
        return _HEADER.pack(_BLOB_VERSION, serial) + nonce + sealed

    def _unseal(self, blob: bytes, record_id: str, key_id: str, column: str) -> str:
        where = f"outbox record {record_id} ({column})"
        if len(blob) < _HEADER.size + _NONCE_BYTES + _TAG_BYTES:
            raise Undecryptable(f"{where}: truncated ciphertext")
        version, serial = _HEADER.unpack_from(blob)
        if version != _BLOB_VERSION:
            raise Undecryptable(f"{where}: unknown ciphertext version {version}")
        nonce = blob[_HEADER.size : _HEADER.size + _NONCE_BYTES]
        sealed = blob[_HEADER.size + _NONCE_BYTES :]
        aad = _aad(record_id, key_id, column)
        key = self._key(serial)
        if key is None:
            raise Undecryptable(f"{where}: its key (number {serial}) is not in the secret store")
        try:
            plain = AESGCM(key).decrypt(nonce, sealed, aad)
        except InvalidTag:
            # A key cached here may have been replaced in the store by another process
            # (created, then rolled back): ask the store once before giving up.
            fresh = self._key(serial, refresh=True)
            try:
                if fresh is None or fresh == key:
                    raise InvalidTag
                plain = AESGCM(fresh).decrypt(nonce, sealed, aad)
            except InvalidTag:
                raise Undecryptable(f"{where}: the ciphertext does not open (altered, moved "
                                    "or sealed with another key)") from None  # fmt: skip
        return plain.decode("utf-8").rstrip(" ")

    def _key(self, serial: int, *, refresh: bool = False) -> bytes | None:
        """The key number ``serial`` of this file (cached), or None when it is not stored."""
        if self._keys is None:
            return self._fixed if serial == _FIXED_SERIAL else None
        if self._file_id is None:
            rows = self._read("SELECT value FROM meta WHERE key = 'file_id'", ())
            if not rows:
                return None
            self._file_id = int(rows[0][0])
        return self._fetch(self._keys, self._file_id, serial, refresh=refresh)

    def _fetch(self, keys: KeyStore, file_id: int, serial: int, *,
               refresh: bool = False) -> bytes | None:
        if not refresh and serial in self._cache:
            return self._cache[serial]
        try:
            key = keys.get_outbox_key(_key_name(file_id, serial))
        except SecretStoreError as error:
            raise OutboxError(f"the outbox key cannot be read: {error}") from None
        if key is not None:
            if len(key) != KEY_BYTES:
                raise OutboxError(f"the outbox key number {serial} in the store is not "
                                  f"{KEY_BYTES} bytes")  # fmt: skip
            self._cache[serial] = key
        return key

    def _write_key(self, db: sqlite3.Connection) -> tuple[int, bytes]:
        """The key new ciphertext is sealed with; created (stored first) when there is none.

        Runs inside the caller's write transaction, which keeps other processes out.
        """
        if self._keys is None:
            assert self._fixed is not None
            return _FIXED_SERIAL, self._fixed
        file_id = _meta(db, "file_id")
        if file_id is None:
            file_id = secrets.randbits(62)
            _set_meta(db, "file_id", file_id)
        self._file_id = file_id
        current = _meta(db, "current_serial")
        if current is not None:
            key = self._fetch(self._keys, file_id, current)
            if key is not None:
                return current, key
            if db.execute(_HOLDS_CIPHERTEXT).fetchone()[0]:
                log.error("outbox key number %d is missing from the secret store: the records "
                          "it sealed cannot be sent (they will need staff)", current)  # fmt: skip
        serial = _meta(db, "next_serial") or 1
        key = AESGCM.generate_key(bit_length=8 * KEY_BYTES)
        try:
            # Stored before the transaction commits: no ciphertext can exist without its key.
            # A key left here by a process killed before its commit has the same name and is
            # replaced: it never sealed anything that was committed.
            self._keys.set_outbox_key(_key_name(file_id, serial), key)
        except SecretStoreError as error:
            raise OutboxError(f"the outbox key cannot be stored: {error}") from None
        _set_meta(db, "current_serial", serial)
        _set_meta(db, "next_serial", serial + 1)
        self._cache[serial] = key
        return serial, key

    def _erased(self) -> None:
        """After deleting personal data: flush the WAL out of the file, forget a spent key."""
        with self._lock, suppress(sqlite3.Error):
            # TRUNCATE empties the -wal file, where old page images (ciphertext) linger.
            self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._forget_key_if_drained()

    def _forget_key_if_drained(self) -> None:
        """Delete every key from the store once no ciphertext is left (best effort)."""
        if self._keys is None:
            return
        try:
            with self._transaction() as db:
                file_id, serials = _stored_keys(db)
                current = _meta(db, "current_serial")
                if file_id is None or (current is None and len(serials) <= 1):
                    return
                if db.execute(_HOLDS_CIPHERTEXT).fetchone()[0]:
                    return
                for serial in serials:
                    self._keys.delete_outbox_key(_key_name(file_id, serial))
                    self._cache.pop(serial, None)
                db.execute("DELETE FROM meta WHERE key = 'current_serial'")
                _set_meta(db, "forgotten_up_to", serials.stop - 2)
        except (SecretStoreError, StorageError) as error:
            log.warning("outbox key not forgotten yet (next time): %s", error)
            return
        log.info("outbox empty of personal data: key forgotten")


# --- module functions -------------------------------------------------------------------------


class Journal(Protocol):
    """The audit journal as the outbox and delivery use it (``kiosk.audit.AuditJournal``)."""

    def append(
        self,
        kind: str,
        *,
        at: datetime,
        staff: str | None = None,
        record_id: str | None = None,
        detail: str | None = None,
    ) -> object:
        """Append one event."""


def journal_event(
    journal: Journal | None,
    kind: str,
    at: datetime,
    *,
    staff: str | None = None,
    record_id: str | None = None,
    detail: str | None = None,
) -> None:
    """Journal an event; a failing journal never undoes or blocks the outbox's work."""
    if journal is None:
        return
    try:
        journal.append(kind, at=at, staff=staff, record_id=record_id, detail=detail)
    except Exception as error:  # the journal's problem, reported by its own checks
        log.error("audit journal: %s for %s not written (%s)", kind, record_id,
                  type(error).__name__)  # fmt: skip


def open_outbox(config: Config, *, store: KeyStore | None = None) -> Outbox:
    """The kiosk's outbox (``<data_dir>/outbox.sqlite3``), keys in its secret store.

    A damaged file is moved aside (see :meth:`Outbox.open` and :attr:`Outbox.problem`).
    Keys are read on first use, so a locked secret store still lets the outbox be counted
    and listed.

    Raises:
        OutboxError: the secret store is refused by the configuration, or the file cannot
            be opened (the message says why); the assisted pre-registration must then be
            unavailable.
    """
    if store is None:
        try:
            store = SecretStore(config)
        except SecretStoreError as error:
            raise OutboxError(f"the outbox keys have no secret store: {error}") from None
    return Outbox.open(
        Path(config.data_dir) / OUTBOX_FILE_NAME,
        store,
        retention=timedelta(days=config.outbox_retention_days),
    )


def outbox_depth(path: Path) -> int | None:
    """Records waiting in the outbox file, read-only (``status``).

    None when there is no file yet (the kiosk never opened its outbox: unknown, not zero)
    or when it cannot be read (damaged, locked, foreign).
    """
    if not path.exists():
        return None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        connection.execute("PRAGMA busy_timeout=2000")
        row = connection.execute(
            "SELECT COUNT(*) FROM records WHERE status IN ('pending', 'needs_staff')"
        ).fetchone()
        return int(row[0])
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def damaged_outbox_files(data_dir: Path, name: str = OUTBOX_FILE_NAME) -> list[Path]:
    """Damaged outbox files moved aside in ``data_dir`` (their ``-wal``/``-shm`` left out)."""
    try:
        found = [
            path for path in data_dir.glob(f"{name}.corrupt-*")
            if not path.name.endswith(("-wal", "-shm"))
        ]  # fmt: skip
    except OSError:
        return []
    return sorted(found)


@dataclass(frozen=True)
class DamagedOutbox:
    """What can still be read of a moved-aside outbox file (see :func:`inspect_damaged`).

    Attributes:
        path: the ``outbox.sqlite3.corrupt-*`` file.
        unsent: pre-registrations it held that were never sent; None when unreadable.
        key_names: the secret-store names of the keys that sealed them; None when the file
            no longer says which (its keys then cannot be found, and stay).
    """

    path: Path
    unsent: int | None
    key_names: tuple[str, ...] | None


def inspect_damaged(path: Path) -> DamagedOutbox:
    """Read what damage left readable in a moved-aside outbox, without changing it."""
    unsent: int | None = None
    names: tuple[str, ...] | None = None
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return DamagedOutbox(path, None, None)
    try:
        with suppress(sqlite3.Error, ValueError, TypeError):
            (unsent,) = db.execute("SELECT COUNT(*) FROM records WHERE status IN "
                                   "('pending', 'needs_staff')").fetchone()
        with suppress(sqlite3.Error, ValueError, TypeError):
            file_id, serials = _stored_keys(db)
            if file_id is not None:
                names = tuple(_key_name(file_id, serial) for serial in serials)
    finally:
        db.close()
    return DamagedOutbox(path, unsent, names)


def discard_damaged(damaged: DamagedOutbox, keys: KeyStore) -> int:
    """Delete a moved-aside outbox file (with its -wal, -shm) and its keys; return keys deleted.

    The keys go first: a file deleted with its keys still stored would leave them for good,
    since nothing else names them.

    Raises:
        OutboxError: a key or the file could not be deleted (nothing further is done).
    """
    deleted = 0
    for name in damaged.key_names or ():
        try:
            deleted += keys.delete_outbox_key(name)
        except SecretStoreError as error:
            raise OutboxError(f"the key {name} cannot be deleted: {error}") from None
    for suffix in ("-wal", "-shm", ""):
        try:
            damaged.path.with_name(damaged.path.name + suffix).unlink(missing_ok=True)
        except OSError as error:
            raise OutboxError(f"{damaged.path} cannot be deleted: "
                              f"{error.strerror or error}") from None
    return deleted


# --- helpers ----------------------------------------------------------------------------------


def _connect(path: Path) -> sqlite3.Connection:
    try:
        connection = open_database(path, MIGRATIONS)
    except StorageError as error:
        if is_damage(error.__cause__):
            raise OutboxDamaged(f"the outbox {path} is damaged: {error.__cause__}") from (
                error.__cause__
            )
        raise OutboxError(f"the outbox cannot be opened: {error}") from error
    try:
        connection.execute("PRAGMA synchronous=FULL")  # durable when the call returns
        connection.execute("PRAGMA secure_delete=ON")  # deleted content zeroed in the file
        check_database(connection)
    except StorageError as error:
        connection.close()
        raise OutboxDamaged(f"the outbox {path} is damaged: {error}") from error
    except sqlite3.Error as error:
        connection.close()
        if is_damage(error):
            raise OutboxDamaged(f"the outbox {path} is damaged: {error}") from error
        raise OutboxError(f"the outbox cannot be opened: {error}") from error
    return connection


def _key_name(file_id: int, serial: int) -> str:
    return f"{file_id:016x}-{serial}"


def _aad(record_id: str, key_id: str, column: str) -> bytes:
    return b"\x00".join((_AAD_PREFIX, record_id.encode(), key_id.encode(), column.encode()))


def _meta(db: sqlite3.Connection, key: str) -> int | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else int(row[0])


def _stored_keys(db: sqlite3.Connection) -> tuple[int | None, range]:
    """The file id and the serials of the keys that may be in the store, not yet forgotten.

    Up to next_serial included: a key stored by a process killed before its commit may be
    there.
    """
    first, upto = _meta(db, "forgotten_up_to") or 0, _meta(db, "next_serial") or 1
    return _meta(db, "file_id"), range(first + 1, upto + 1)


def _set_meta(db: sqlite3.Connection, key: str, value: int) -> None:
    db.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def _kind(kind: str) -> str:
    """An error kind is shown in clear: short, one line."""
    return " ".join(str(kind).split())[:120] or "failed"


def _stamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("outbox times must be aware datetimes")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _parse(text: str | None) -> datetime | None:
    return None if text is None else _required(text)


def _required(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def _item(row: tuple[Any, ...]) -> OutboxItem:
    with _readable_record(row[0]):
        return OutboxItem(
            id=row[0], idempotency_key=row[1], status=row[2], attempts=int(row[3]),
            created_at=_required(row[4]), next_attempt_at=_parse(row[5]),
        )  # fmt: skip


def _row(row: tuple[Any, ...]) -> OutboxRow:
    with _readable_record(row[0]):
        return OutboxRow(
            id=row[0], status=row[1], created_at=_required(row[2]), attempts=int(row[3]),
            next_attempt_at=_parse(row[4]), error_kind=row[5], sent_at=_parse(row[6]),
            consent_version=row[7],
        )  # fmt: skip


@contextmanager
def _readable_record(record_id: object) -> Iterator[None]:
    """A record whose fields no longer parse (damage SQLite's check missed) is an error.

    Raised, never skipped: a pre-registration must not vanish from the staff's view.
    """
    try:
        yield
    except (ValueError, TypeError) as error:
        raise OutboxError(
            f"the outbox holds a damaged record ({str(record_id)[:8]}…): {error}; "
            "tell IT (see docs/privacy.md)"
        ) from None
