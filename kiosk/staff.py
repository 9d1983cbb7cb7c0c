"""Staff accounts local to the kiosk: PINs as scrypt hashes, and a PIN pad that locks.

A referent or IT manages the accounts with ``passculture-kiosk staff …``; there is no
default account. The kiosk shows only a PIN pad, so the PIN alone identifies the staff
member: :meth:`StaffStore.unlock` checks it against every active account, and no two
accounts may share a PIN. A PIN is kept only as ``scrypt(PIN, 16-byte random salt)`` with
its cost parameters beside it, so the cost can be raised later (an account is re-hashed at
its next unlock). Each check costs about 70 ms on a 2-core PC (:data:`PIN_COST`), and an
unlock checks every active account: call it off the GUI thread.

After :data:`LOCKOUT_THRESHOLD` wrong PINs in a row the pad locks for 30 s, then each
further wrong PIN locks it longer (:data:`LOCKOUT_DELAYS`, up to an hour). The counter and
the end of the lock are in the database, so a restart does not lift them; a correct PIN
resets them. The only personal data here is a staff display name; PINs and hashes are
never logged.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
import sqlite3
import threading
import unicodedata
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final

from kiosk.audit import AuditJournal, AuditKind
from kiosk.clock import Clock
from kiosk.storage.db import StorageError, open_database, write_transaction

_log = logging.getLogger(__name__)

STAFF_FILE_NAME: Final = "staff.sqlite3"
MAX_NAME_LENGTH: Final = 40
PIN_MIN_DIGITS: Final = 6
PIN_MAX_DIGITS: Final = 12
_PIN: Final = re.compile(rf"[0-9]{{{PIN_MIN_DIGITS},{PIN_MAX_DIGITS}}}")
_FORMULA_STARTS: Final = frozenset("=+-@")
SALT_BYTES: Final = 16
HASH_BYTES: Final = 32

#: Wrong PINs in a row before the pad locks.
LOCKOUT_THRESHOLD: Final = 5
#: How long the pad locks at the 5th, 6th, 7th… wrong PIN in a row; the last one repeats.
LOCKOUT_DELAYS: Final = (
    timedelta(seconds=30),
    timedelta(minutes=1),
    timedelta(minutes=2),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(minutes=30),
    timedelta(hours=1),
)


@dataclass(frozen=True)
class ScryptCost:
    """scrypt's parameters: ``n`` (CPU/memory cost, a power of 2), ``r`` (block size), ``p``."""

    n: int
    r: int
    p: int

    def __post_init__(self) -> None:
        """Refuse parameters that are not a sane scrypt cost (a damaged row, a typo)."""
        if not (2 <= self.n <= 2**20 and self.n & (self.n - 1) == 0):
            raise ValueError(f"scrypt n must be a power of 2 up to 2**20, not {self.n}")
        if not (1 <= self.r <= 32 and 1 <= self.p <= 16):
            raise ValueError(f"scrypt r must be 1..32 and p 1..16, not r={self.r} p={self.p}")

    @property
    def maxmem(self) -> int:
        """The memory bound to give hashlib.scrypt (what it needs, plus a margin)."""
        return 128 * self.r * (self.n + self.p + 2) + 2**20


#: Measured on the 2-core development machine: 68 ms median per check (56 ms with r=10,
#: 117 ms with n=2**15), 24 MiB of memory.
PIN_COST: Final = ScryptCost(n=2**14, r=12, p=1)


@dataclass(frozen=True)
class StaffAccount:
    """A staff account as listed: never the PIN or its hash."""

    name: str
    active: bool
    created_at: datetime
    last_unlock_at: datetime | None


@dataclass(frozen=True)
class UnlockResult:
    """What an unlock attempt gave: ``failures`` counts wrong PINs in a row."""

    ok: bool
    name: str | None
    locked_until: datetime | None
    failures: int


@dataclass(frozen=True)
class LockState:
    """The pad's state: wrong PINs in a row, and the end of the lock (None: not locked)."""

    failures: int
    locked_until: datetime | None


#: Numbered schema steps; never edit a published one, append a new one.
MIGRATIONS: Final = (
    """
    CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        last_unlock_at TEXT,
        pin_changed_at TEXT NOT NULL,
        salt BLOB NOT NULL,
        pin_hash BLOB NOT NULL,
        scrypt_n INTEGER NOT NULL,
        scrypt_r INTEGER NOT NULL,
        scrypt_p INTEGER NOT NULL
    );
    CREATE TABLE pad (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        failures INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT
    );
    INSERT INTO pad (id) VALUES (1);
    """,
)


def lockout_delay(failures: int) -> timedelta | None:
    """How long the pad locks after ``failures`` wrong PINs in a row (None: it does not)."""
    if failures < LOCKOUT_THRESHOLD:
        return None
    return LOCKOUT_DELAYS[min(failures - LOCKOUT_THRESHOLD, len(LOCKOUT_DELAYS) - 1)]


def check_name(name: str) -> str:
    """Return the display name tidied (spaces trimmed, NFC), or raise ValueError saying why."""
    tidy = " ".join(unicodedata.normalize("NFC", name).split())
    if not tidy:
        raise ValueError("the name is empty")
    if len(tidy) > MAX_NAME_LENGTH:
        raise ValueError(f"the name is too long ({len(tidy)} characters, at most "
                         f"{MAX_NAME_LENGTH})")
    if not tidy.isprintable():
        raise ValueError("the name holds control characters")
    if tidy[0] in _FORMULA_STARTS:
        # The journal's CSV export is opened in spreadsheets, which run such cells.
        raise ValueError(f"the name may not start with {tidy[0]!r}")
    return tidy


def check_pin(pin: str) -> None:
    """Raise ValueError, saying why, unless ``pin`` is an acceptable new PIN."""
    if not _PIN.fullmatch(pin):
        raise ValueError(f"the PIN must be {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits "
                         "(0-9), nothing else")
    if len(set(pin)) == 1:
        raise ValueError("the PIN is too easy to guess: all its digits are the same")
    steps = {(int(b) - int(a)) % 10 for a, b in zip(pin, pin[1:], strict=False)}
    if steps in ({1}, {9}):
        raise ValueError("the PIN is too easy to guess: its digits follow each other "
                         "(like 123456 or 654321)")


def _name_key(name: str) -> str:
    return name.casefold()


def _hash_pin(pin: str, salt: bytes, cost: ScryptCost) -> bytes:
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, n=cost.n, r=cost.r, p=cost.p,
                          maxmem=cost.maxmem, dklen=HASH_BYTES)


def _time(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="seconds")


def _parse_time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


@dataclass(frozen=True)
class _Hashed:
    id: int
    name: str
    active: bool
    salt: bytes
    pin_hash: bytes
    cost: ScryptCost | None  # None: the stored parameters are not a sane cost


class StaffStore:
    """The staff accounts and the PIN pad's lock, in ``<data_dir>/staff.sqlite3``.

    Safe to share between threads. ``cost`` is for tests only (a tiny scrypt cost); the
    kiosk uses :data:`PIN_COST`. Account changes and unlock attempts go to ``journal``
    when one is given; a journal that cannot be written is logged and does not stop them.
    """

    def __init__(
        self,
        data_dir: Path,
        clock: Clock,
        journal: AuditJournal | None = None,
        *,
        cost: ScryptCost = PIN_COST,
    ) -> None:
        self.path = data_dir / STAFF_FILE_NAME
        self._clock = clock
        self._journal = journal
        self._cost = cost
        self._lock = threading.Lock()  # one write transaction at a time
        self._attempt = threading.Lock()  # one unlock attempt at a time
        self._connection = open_database(self.path, MIGRATIONS)
        # Old hashes must not linger in free pages once a PIN is reset.
        self._connection.execute("PRAGMA secure_delete=ON")

    # --- accounts -----------------------------------------------------------------------------

    def add(self, name: str, pin: str) -> None:
        """Create an active account; ValueError (with the reason) for a bad name or PIN."""
        tidy = check_name(name)
        check_pin(pin)
        existing = self._find(tidy)
        if existing is not None:
            raise ValueError(f"a staff account named {existing.name!r} already exists")
        self._refuse_shared_pin(pin, except_id=None)
        salt = secrets.token_bytes(SALT_BYTES)
        digest = _hash_pin(pin, salt, self._cost)
        now = _time(self._clock.now())
        with self._write() as db:
            try:
                db.execute(
                    "INSERT INTO accounts (name, name_key, created_at, pin_changed_at, salt, "
                    "pin_hash, scrypt_n, scrypt_r, scrypt_p) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (tidy, _name_key(tidy), now, now, salt, digest,
                     self._cost.n, self._cost.r, self._cost.p),
                )
            except sqlite3.IntegrityError:  # added meanwhile by another process
                raise ValueError(f"a staff account named {tidy!r} already exists") from None
        self._audit("staff_added", staff=tidy)

    def accounts(self) -> list[StaffAccount]:
        """Every account, active or not, by name."""
        rows = self._read(
            "SELECT name, active, created_at, last_unlock_at FROM accounts ORDER BY name_key"
        )
        return [
            StaffAccount(str(name), bool(active), datetime.fromisoformat(str(created)),
                         _parse_time(last))
            for name, active, created, last in rows
        ]

    def disable(self, name: str) -> None:
        """Stop an account from unlocking (kept for the record); LookupError if unknown."""
        self._set_active(name, active=False)

    def enable(self, name: str) -> None:
        """Let a disabled account unlock again; LookupError if unknown."""
        self._set_active(name, active=True)

    def reset_pin(self, name: str, pin: str) -> None:
        """Give an account a new PIN; LookupError if unknown, ValueError for a bad PIN."""
        account = self._find(name)
        if account is None:
            raise LookupError(f"no staff account named {name.strip()!r}")
        check_pin(pin)
        self._refuse_shared_pin(pin, except_id=account.id)
        salt = secrets.token_bytes(SALT_BYTES)
        digest = _hash_pin(pin, salt, self._cost)
        with self._write() as db:
            db.execute(
                "UPDATE accounts SET salt = ?, pin_hash = ?, scrypt_n = ?, scrypt_r = ?, "
                "scrypt_p = ?, pin_changed_at = ? WHERE id = ?",
                (salt, digest, self._cost.n, self._cost.r, self._cost.p,
                 _time(self._clock.now()), account.id),
            )
        self._audit("staff_pin_reset", staff=account.name)

    def _set_active(self, name: str, *, active: bool) -> None:
        account = self._find(name)
        if account is None:
            raise LookupError(f"no staff account named {name.strip()!r}")
        with self._write() as db:
            db.execute("UPDATE accounts SET active = ? WHERE id = ?", (int(active), account.id))
        self._audit("staff_enabled" if active else "staff_disabled", staff=account.name)

    def _refuse_shared_pin(self, pin: str, *, except_id: int | None) -> None:
        # Disabled accounts count too: enabling one again must not make two PINs equal.
        for account in self._hashed(active_only=False):
            if account.id != except_id and _matches(pin, account):
                raise ValueError("this PIN is already used by another staff account: "
                                 "choose another one")

    # --- the PIN pad --------------------------------------------------------------------------

    def lock_state(self) -> LockState:
        """Wrong PINs in a row, and until when the pad is locked (None when it is not)."""
        failures, locked_until = self._pad()
        now = self._clock.now()
        return LockState(failures, locked_until if locked_until and locked_until > now else None)

    def clear_lockout(self) -> LockState:
        """Forget the wrong PINs and lift the pad's lock now (IT, ``staff clear-lock``).

        Returns the state that was cleared; journalled when there was something to clear.
        """
        with self._attempt:
            cleared = self.lock_state()
            with self._write() as db:
                db.execute("UPDATE pad SET failures = 0, locked_until = NULL WHERE id = 1")
        if cleared.failures or cleared.locked_until is not None:
            self._audit("pin_lockout_cleared", detail=f"{cleared.failures} in a row forgotten")
        return cleared

    def unlock(self, pin: str) -> UnlockResult:
        """Check ``pin`` against every active account, unless the pad is locked.

        A wrong PIN is counted before the check, so killing the kiosk during the check
        does not give a free attempt.
        """
        with self._attempt:
            now = self._clock.now()
            with self._write() as db:
                failures, locked_until = self._pad(db)
                if locked_until is not None and locked_until > now:
                    return UnlockResult(False, None, locked_until, failures)
                db.execute("UPDATE pad SET failures = failures + 1 WHERE id = 1")
            match = None
            if _PIN.fullmatch(pin):
                match = next((a for a in self._hashed(active_only=True) if _matches(pin, a)),
                             None)
            if match is not None:
                return self._unlocked(match, pin, now)
            return self._failed(now)

    def _unlocked(self, account: _Hashed, pin: str, now: datetime) -> UnlockResult:
        with self._write() as db:
            db.execute("UPDATE pad SET failures = 0, locked_until = NULL WHERE id = 1")
            db.execute("UPDATE accounts SET last_unlock_at = ? WHERE id = ?",
                       (_time(now), account.id))
        if account.cost != self._cost:
            self._rehash(account, pin)
        self._audit("staff_unlocked", staff=account.name, at=now)
        return UnlockResult(True, account.name, None, 0)

    def _failed(self, now: datetime) -> UnlockResult:
        with self._write() as db:
            failures = int(db.execute("SELECT failures FROM pad WHERE id = 1").fetchone()[0])
            delay = lockout_delay(failures)
            locked_until = None if delay is None else now + delay
            if locked_until is not None:
                db.execute("UPDATE pad SET locked_until = ? WHERE id = 1", (_time(locked_until),))
        self._audit("pin_failed", at=now, detail=f"{failures} in a row")
        if delay is not None:
            self._audit("pin_lockout", at=now, detail=f"{int(delay.total_seconds())} s")
        return UnlockResult(False, None, locked_until, failures)

    def _rehash(self, account: _Hashed, pin: str) -> None:
        """Store the PIN again under the current cost (raised since it was set)."""
        salt = secrets.token_bytes(SALT_BYTES)
        digest = _hash_pin(pin, salt, self._cost)
        with self._write() as db:
            db.execute(
                "UPDATE accounts SET salt = ?, pin_hash = ?, scrypt_n = ?, scrypt_r = ?, "
                "scrypt_p = ? WHERE id = ? AND pin_hash = ?",
                (salt, digest, self._cost.n, self._cost.r, self._cost.p, account.id,
                 account.pin_hash),
            )

    def _pad(self, db: sqlite3.Connection | None = None) -> tuple[int, datetime | None]:
        """The stored counter and lock end, the latter cut to the longest delay from now.

        A lock reaching further than that means the clock went back; without the cut, a
        clock fixed by hours would lock the pad for hours.
        """
        connection = db or self._connection
        try:
            failures, until_text = connection.execute(
                "SELECT failures, locked_until FROM pad WHERE id = 1").fetchone()
        except sqlite3.Error as error:
            raise StorageError(f"cannot read {self.path}: {error}") from error
        until = _parse_time(until_text)
        now = self._clock.now()
        if until is not None and until - now > LOCKOUT_DELAYS[-1]:
            until = now + LOCKOUT_DELAYS[-1]
            if db is not None:
                db.execute("UPDATE pad SET locked_until = ? WHERE id = 1", (_time(until),))
        return int(failures), until

    # --- plumbing -----------------------------------------------------------------------------

    def _find(self, name: str) -> _Hashed | None:
        key = _name_key(" ".join(unicodedata.normalize("NFC", name).split()))
        return next((a for a in self._hashed(active_only=False)
                     if _name_key(a.name) == key), None)

    def _hashed(self, *, active_only: bool) -> list[_Hashed]:
        query = ("SELECT id, name, active, salt, pin_hash, scrypt_n, scrypt_r, scrypt_p "
                 "FROM accounts")
        if active_only:
            query += " WHERE active = 1"
        result = []
        for id_, name, active, salt, digest, n, r, p in self._read(query + " ORDER BY id"):
            try:
                cost: ScryptCost | None = ScryptCost(int(n), int(r), int(p))
            except (TypeError, ValueError):
                _log.error("staff account %d has unusable PIN parameters: it cannot unlock",
                           id_)
                cost = None
            result.append(_Hashed(int(id_), str(name), bool(active), bytes(salt),
                                  bytes(digest), cost))
        return result

    def _read(self, query: str) -> list[tuple[Any, ...]]:
        try:
            return self._connection.execute(query).fetchall()
        except sqlite3.Error as error:
            raise StorageError(f"cannot read {self.path}: {error}") from error

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
        return write_transaction(self._connection, self._lock, "the staff accounts")

    def _audit(self, kind: str, *, staff: str | None = None, at: datetime | None = None,
               detail: str | None = None) -> None:
        if self._journal is None:
            return
        try:
            self._journal.append(AuditKind(kind), at=at or self._clock.now(), staff=staff,
                                 detail=detail)
        except (StorageError, ValueError) as error:
            _log.error("could not write the audit journal (%s): %s", kind, error)

    def close(self) -> None:
        """Close the database (not the journal); the object must not be used afterwards."""
        with self._lock:
            self._connection.close()

    def __enter__(self) -> StaffStore:
        """Use as ``with StaffStore(data_dir, clock) as store:``."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close the store."""
        self.close()


def _matches(pin: str, account: _Hashed) -> bool:
    if account.cost is None:
        return False
    return hmac.compare_digest(_hash_pin(pin, account.salt, account.cost), account.pin_hash)
