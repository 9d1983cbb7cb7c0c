"""The simulator's SQLite database: catalogue with a change log, devices, pre-registrations.

One connection, one lock: the simulator serves a handful of kiosks at most, and a single
writer keeps every multi-step operation (idempotent creation, a feed page and its cursor)
trivially atomic. Offers and venues are stored as their JSON payloads plus the columns the
queries need.

The change log: every write to an offer or a venue takes the next **sequence number**
(``meta.last_seq``) and stores it on the row; a deletion leaves a **tombstone** with its
number. A feed page is "rows and tombstones with a number above the cursor, in order".
The **epoch** changes whenever the catalogue is rebuilt, which invalidates every cursor
(clients then resync in full). Compaction drops old tombstones and raises ``min_seq``:
cursors below it have expired, since the deletions they would need are gone.
"""

from __future__ import annotations

import hashlib
import json
import math
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from kiosk.simulator.data import Catalog, JsonObject, haversine_km, iso_utc
from kiosk.storage.db import open_database

Kind = Literal["offer", "venue"]

_MIGRATIONS = (
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE venues (
        id INTEGER PRIMARY KEY, seq INTEGER NOT NULL,
        latitude REAL NOT NULL, longitude REAL NOT NULL, payload TEXT NOT NULL);
    CREATE TABLE offers (
        id INTEGER PRIMARY KEY, seq INTEGER NOT NULL, venue_id INTEGER NOT NULL,
        payload TEXT NOT NULL);
    CREATE TABLE tombstones (
        kind TEXT NOT NULL, id INTEGER NOT NULL, seq INTEGER NOT NULL,
        PRIMARY KEY (kind, id));
    CREATE INDEX tombstones_seq ON tombstones (kind, seq);
    CREATE TABLE enrollment_codes (
        code TEXT PRIMARY KEY, venue_id INTEGER NOT NULL, created_at TEXT NOT NULL,
        used_at TEXT, device_id TEXT);
    CREATE TABLE devices (
        id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, venue_id INTEGER NOT NULL,
        kiosk_name TEXT NOT NULL, version TEXT NOT NULL, enrolled_at TEXT NOT NULL,
        revoked_at TEXT);
    CREATE TABLE kiosk_config (venue_id INTEGER PRIMARY KEY, payload TEXT NOT NULL);
    CREATE TABLE preregistrations (
        id TEXT PRIMARY KEY, device_id TEXT NOT NULL, status TEXT NOT NULL,
        finish_url TEXT NOT NULL, payload TEXT NOT NULL, created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL);
    CREATE TABLE idempotency (
        device_id TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL,
        status INTEGER NOT NULL, response TEXT NOT NULL, created_at TEXT NOT NULL,
        PRIMARY KEY (device_id, key));
    CREATE TABLE heartbeats (
        id INTEGER PRIMARY KEY, device_id TEXT NOT NULL, received_at TEXT NOT NULL,
        payload TEXT NOT NULL);
    """,
)

# Indexes on the catalogue are dropped during a bulk load and built once at the end: much
# faster than maintaining them row by row for 100,000 offers.
_CATALOG_INDEXES = (
    "CREATE INDEX IF NOT EXISTS offers_seq ON offers (seq)",
    "CREATE INDEX IF NOT EXISTS offers_venue ON offers (venue_id)",
    "CREATE INDEX IF NOT EXISTS venues_seq ON venues (seq)",
)


@dataclass(frozen=True)
class CatalogInfo:
    """What the stored catalogue was generated from, to decide whether to reuse it."""

    generator: int
    seed: int
    offer_count: int
    day: str
    epoch: str


@dataclass(frozen=True)
class FeedPage:
    """One page of a change feed.

    Attributes:
        items: ``(id, payload, venue id)`` of changed rows (venue id None for venues).
        deleted: ids deleted since the cursor (within this page's range).
        end_seq: the change number this page reaches: the next cursor.
        has_more: whether changes past ``end_seq`` are waiting.
    """

    items: list[tuple[int, JsonObject, int | None]]
    deleted: list[int]
    end_seq: int
    has_more: bool


@dataclass(frozen=True)
class Device:
    """An enrolled kiosk."""

    id: str
    venue_id: int
    kiosk_name: str
    version: str
    enrolled_at: str
    revoked_at: str | None


@dataclass(frozen=True)
class StoredAnswer:
    """The answer first given to an idempotent request."""

    request_hash: str
    status: int
    body: JsonObject


class EnrollmentError(Exception):
    """An enrollment code is unknown or was already used (``code`` says which)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def now_iso() -> str:
    """The current instant in the API's format."""
    return iso_utc(datetime.now(UTC))


def token_hash(token: str) -> str:
    """How a device token is stored: only its SHA-256, so a copied database leaks none."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Store:
    """Every table of the simulator behind one lock (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        self._lock = threading.RLock()
        self._db = open_database(path, _MIGRATIONS)
        # The simulator's data is disposable: trade durability on power loss for speed.
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.create_function("distance_km", 4, haversine_km, deterministic=True)

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _one(self, sql: str, *params: Any) -> Any:
        with self._lock:
            return self._db.execute(sql, params).fetchone()

    # --- meta ---------------------------------------------------------------------------------

    def _meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key = ?", key)
        return None if row is None else str(row[0])

    def _set_meta(self, db: sqlite3.Connection, key: str, value: object) -> None:
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, str(value)))

    def catalog_info(self) -> CatalogInfo | None:
        """What the stored catalogue came from, or None when there is none."""
        raw = self._meta("catalog")
        if raw is None:
            return None
        fields = json.loads(raw)
        return CatalogInfo(
            fields["generator"], fields["seed"], fields["offers"], fields["day"], fields["epoch"]
        )

    @property
    def epoch(self) -> str:
        """The catalogue's epoch: cursors of another epoch are unknown."""
        info = self.catalog_info()
        return "" if info is None else info.epoch

    @property
    def last_seq(self) -> int:
        """The number of the last change."""
        return int(self._meta("last_seq") or 0)

    @property
    def min_seq(self) -> int:
        """Cursors below this number have expired (their tombstones were compacted)."""
        return int(self._meta("min_seq") or 0)

    def _next_seq(self, db: sqlite3.Connection) -> int:
        seq = int(db.execute("SELECT value FROM meta WHERE key = 'last_seq'").fetchone()[0]) + 1
        self._set_meta(db, "last_seq", seq)
        return seq

    # --- catalogue ----------------------------------------------------------------------------

    def replace_catalog(self, catalog: Catalog, *, generator: int, seed: int, day: str) -> None:
        """Swap the whole catalogue for ``catalog`` under a new epoch."""
        with self._transaction() as db:
            for table in ("offers", "venues", "tombstones"):
                db.execute(f"DELETE FROM {table}")
            for name in ("offers_seq", "offers_venue", "venues_seq"):
                db.execute(f"DROP INDEX IF EXISTS {name}")
            db.executemany("INSERT INTO venues VALUES (?, ?, ?, ?, ?)", catalog.venues)
            db.executemany("INSERT INTO offers VALUES (?, ?, ?, ?)", catalog.offers)
            for statement in _CATALOG_INDEXES:
                db.execute(statement)
            last = db.execute(
                "SELECT max(coalesce((SELECT max(seq) FROM venues), 0),"
                " coalesce((SELECT max(seq) FROM offers), 0))"
            ).fetchone()[0]
            info = {
                "generator": generator,
                "seed": seed,
                "offers": catalog.offer_count,
                "day": day,
                "epoch": secrets.token_hex(4),
            }
            self._set_meta(db, "catalog", json.dumps(info))
            self._set_meta(db, "last_seq", last)
            self._set_meta(db, "min_seq", 0)

    def counts(self) -> dict[str, int]:
        """How many venues, offers and tombstones are stored."""
        with self._lock:
            return {
                table: int(self._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table in ("venues", "offers", "tombstones")
            }

    def venue(self, venue_id: int) -> JsonObject | None:
        """The stored payload of a venue."""
        row = self._one("SELECT payload FROM venues WHERE id = ?", venue_id)
        return None if row is None else _load(row[0])

    def offer(self, offer_id: int) -> tuple[int, JsonObject] | None:
        """``(venue id, payload)`` of an offer."""
        row = self._one("SELECT venue_id, payload FROM offers WHERE id = ?", offer_id)
        return None if row is None else (int(row[0]), _load(row[1]))

    def first_offers(self, count: int) -> list[JsonObject]:
        """The ``count`` offers with the smallest ids."""
        with self._lock:
            rows = self._db.execute("SELECT payload FROM offers ORDER BY id LIMIT ?", (count,))
            return [_load(row[0]) for row in rows]

    def feed(
        self,
        kind: Kind,
        after: int,
        *,
        with_deletions: bool,
        limit: int,
        centre: tuple[float, float],
        radius_km: float,
    ) -> FeedPage:
        """The changes of ``kind`` after change number ``after`` within ``radius_km``.

        Offers count as near when their venue is. Tombstones are not filtered by distance
        (the real position of a deleted row is gone); unknown ids cost a client nothing.
        """
        lat, lon = centre
        # A bounding box first, so that the distance function runs on few rows.
        dlat = radius_km / 111.0
        dlon = radius_km / (111.0 * max(0.01, math.cos(math.radians(lat))))
        near = (
            "v.latitude BETWEEN :lat - :dlat AND :lat + :dlat"
            " AND v.longitude BETWEEN :lon - :dlon AND :lon + :dlon"
            " AND distance_km(v.latitude, v.longitude, :lat, :lon) <= :radius"
        )
        if kind == "offer":
            rows_sql = (
                "SELECT o.seq, o.id, 0, o.venue_id, o.payload FROM offers o"
                f" JOIN venues v ON v.id = o.venue_id WHERE o.seq > :after AND {near}"
            )
        else:
            rows_sql = (
                "SELECT v.seq, v.id, 0, NULL, v.payload FROM venues v"
                f" WHERE v.seq > :after AND {near}"
            )
        sql = rows_sql
        if with_deletions:
            sql += (
                " UNION ALL SELECT seq, id, 1, NULL, NULL FROM tombstones"
                " WHERE kind = :kind AND seq > :after"
            )
        sql += " ORDER BY 1 LIMIT :limit"
        params = {"after": after, "lat": lat, "lon": lon, "dlat": dlat, "dlon": dlon,
                  "radius": radius_km, "kind": kind, "limit": limit + 1}  # fmt: skip
        with self._lock:
            rows = self._db.execute(sql, params).fetchall()
            last_seq = self.last_seq
        has_more = len(rows) > limit
        rows = rows[:limit]
        items = [(int(r[1]), _load(r[4]), r[3]) for r in rows if not r[2]]
        deleted = [int(r[1]) for r in rows if r[2]]
        end_seq = int(rows[-1][0]) if has_more else max(last_seq, after)
        return FeedPage(items, deleted, end_seq, has_more)

    def put_offer(self, venue_id: int, payload: JsonObject) -> None:
        """Create or replace an offer (``payload["id"]``), as a new change."""
        with self._transaction() as db:
            seq = self._next_seq(db)
            db.execute(
                "INSERT OR REPLACE INTO offers (id, seq, venue_id, payload) VALUES (?, ?, ?, ?)",
                (payload["id"], seq, venue_id, _dumps(payload)),
            )
            db.execute("DELETE FROM tombstones WHERE kind = 'offer' AND id = ?", (payload["id"],))

    def next_offer_id(self) -> int:
        """An id no offer, living or deleted, has had."""
        row = self._one(
            "SELECT max(coalesce((SELECT max(id) FROM offers), 0),"
            " coalesce((SELECT max(id) FROM tombstones WHERE kind = 'offer'), 0))"
        )
        return int(row[0]) + 1

    def delete_offer(self, offer_id: int) -> bool:
        """Delete an offer, leaving a tombstone; False when there was none."""
        with self._transaction() as db:
            return self._delete(db, "offer", offer_id)

    def put_venue(self, payload: JsonObject) -> None:
        """Replace a venue's payload, as a new change (its offers do not change)."""
        with self._transaction() as db:
            seq = self._next_seq(db)
            db.execute(
                "INSERT OR REPLACE INTO venues (id, seq, latitude, longitude, payload)"
                " VALUES (?, ?, ?, ?, ?)",
                (payload["id"], seq, payload["latitude"], payload["longitude"], _dumps(payload)),
            )
            db.execute("DELETE FROM tombstones WHERE kind = 'venue' AND id = ?", (payload["id"],))

    def delete_venue(self, venue_id: int) -> bool:
        """Delete a venue and its offers, leaving tombstones; False when there was none."""
        with self._transaction() as db:
            offer_ids = [r[0] for r in db.execute(
                "SELECT id FROM offers WHERE venue_id = ?", (venue_id,))]  # fmt: skip
            for offer_id in offer_ids:
                self._delete(db, "offer", offer_id)
            return self._delete(db, "venue", venue_id)

    def _delete(self, db: sqlite3.Connection, kind: Kind, row_id: int) -> bool:
        table = "offers" if kind == "offer" else "venues"
        if db.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,)).rowcount == 0:
            return False
        db.execute(
            "INSERT OR REPLACE INTO tombstones (kind, id, seq) VALUES (?, ?, ?)",
            (kind, row_id, self._next_seq(db)),
        )
        return True

    def compact(self, up_to_seq: int | None = None) -> int:
        """Forget tombstones up to ``up_to_seq`` (default: all); return the new ``min_seq``.

        Cursors below the new ``min_seq`` expire: their next page is a full resync.
        """
        with self._transaction() as db:
            limit = self.last_seq if up_to_seq is None else min(up_to_seq, self.last_seq)
            db.execute("DELETE FROM tombstones WHERE seq <= ?", (limit,))
            new_min = max(self.min_seq, limit)
            self._set_meta(db, "min_seq", new_min)
            return new_min

    # --- settings and configuration -----------------------------------------------------------

    def settings(self) -> JsonObject | None:
        """The stored central settings (None until written)."""
        raw = self._meta("settings")
        return None if raw is None else _load(raw)

    def set_settings(self, settings: JsonObject) -> None:
        """Replace the central settings."""
        with self._transaction() as db:
            self._set_meta(db, "settings", _dumps(settings))

    def kiosk_config(self, venue_id: int) -> JsonObject | None:
        """The remote configuration of the kiosks of a venue (None until written)."""
        row = self._one("SELECT payload FROM kiosk_config WHERE venue_id = ?", venue_id)
        return None if row is None else _load(row[0])

    def set_kiosk_config(self, venue_id: int, config: JsonObject) -> None:
        """Replace the remote configuration of a venue's kiosks."""
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO kiosk_config (venue_id, payload) VALUES (?, ?)",
                (venue_id, _dumps(config)),
            )

    # --- enrollment and devices ---------------------------------------------------------------

    def add_enrollment_code(self, code: str, venue_id: int) -> bool:
        """Register a code for ``venue_id``; False when the code already exists."""
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO enrollment_codes (code, venue_id, created_at)"
                " VALUES (?, ?, ?)",
                (code, venue_id, now_iso()),
            )
            return cursor.rowcount == 1

    def enroll(self, code: str, kiosk_name: str, version: str) -> tuple[Device, str]:
        """Spend ``code`` on a new device; return it with its token (shown once).

        Raises:
            EnrollmentError: ``INVALID_ENROLLMENT_CODE`` or ``ENROLLMENT_CODE_ALREADY_USED``.
        """
        with self._transaction() as db:
            row = db.execute(
                "SELECT venue_id, used_at FROM enrollment_codes WHERE code = ?", (code,)
            ).fetchone()
            if row is None:
                raise EnrollmentError("INVALID_ENROLLMENT_CODE")
            if row[1] is not None:
                raise EnrollmentError("ENROLLMENT_CODE_ALREADY_USED")
            device = Device(
                "dev-" + secrets.token_hex(8), int(row[0]), kiosk_name, version, now_iso(), None
            )
            token = secrets.token_urlsafe(32)
            db.execute(
                "INSERT INTO devices VALUES (?, ?, ?, ?, ?, ?, NULL)",
                (device.id, token_hash(token), device.venue_id, kiosk_name, version,
                 device.enrolled_at),
            )  # fmt: skip
            db.execute(
                "UPDATE enrollment_codes SET used_at = ?, device_id = ? WHERE code = ?",
                (device.enrolled_at, device.id, code),
            )
            return device, token

    def enrollment_codes(self) -> list[JsonObject]:
        """Every code with its venue and whether it was used."""
        with self._lock:
            rows = self._db.execute(
                "SELECT code, venue_id, created_at, used_at, device_id FROM enrollment_codes"
                " ORDER BY created_at, code"
            ).fetchall()
        return [
            {"code": r[0], "venueId": r[1], "createdAt": r[2], "usedAt": r[3], "deviceId": r[4]}
            for r in rows
        ]

    def device_for_token(self, token: str) -> Device | None:
        """The live (not revoked) device holding ``token``."""
        row = self._one(
            "SELECT id, venue_id, kiosk_name, version, enrolled_at, revoked_at FROM devices"
            " WHERE token_hash = ? AND revoked_at IS NULL",
            token_hash(token),
        )
        return None if row is None else Device(*row)

    def devices(self) -> list[Device]:
        """Every device, revoked ones included."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, venue_id, kiosk_name, version, enrolled_at, revoked_at FROM devices"
                " ORDER BY enrolled_at"
            ).fetchall()
        return [Device(*row) for row in rows]

    def revoke_device(self, device_id: str) -> bool:
        """Revoke a device's token; False when no live device has that id."""
        with self._transaction() as db:
            cursor = db.execute(
                "UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                (now_iso(), device_id),
            )
            return cursor.rowcount == 1

    # --- pre-registrations and idempotency ----------------------------------------------------

    def stored_answer(self, device_id: str, key: str) -> StoredAnswer | None:
        """The answer already given to ``key`` for this device, if any."""
        row = self._one(
            "SELECT request_hash, status, response FROM idempotency"
            " WHERE device_id = ? AND key = ?",
            device_id,
            key,
        )
        return None if row is None else StoredAnswer(row[0], int(row[1]), _load(row[2]))

    def create_preregistration(
        self,
        device_id: str,
        key: str,
        request_hash: str,
        record: JsonObject,
        answer: JsonObject,
        status: int,
    ) -> StoredAnswer:
        """Store a pre-registration and the answer to its key, atomically.

        Returns the stored answer: the new one, or the one a concurrent request with the same
        key stored first (the caller compares hashes).
        """
        with self._transaction() as db:
            row = db.execute(
                "SELECT request_hash, status, response FROM idempotency"
                " WHERE device_id = ? AND key = ?",
                (device_id, key),
            ).fetchone()
            if row is not None:
                return StoredAnswer(row[0], int(row[1]), _load(row[2]))
            db.execute(
                "INSERT INTO preregistrations VALUES (?, ?, ?, ?, ?, ?, ?)",
                (record["id"], device_id, record["status"], record["finishUrl"],
                 _dumps(record["profile"]), record["createdAt"], record["expiresAt"]),
            )  # fmt: skip
            db.execute(
                "INSERT INTO idempotency VALUES (?, ?, ?, ?, ?, ?)",
                (device_id, key, request_hash, status, _dumps(answer), now_iso()),
            )
            return StoredAnswer(request_hash, status, answer)

    def preregistration(self, prereg_id: str) -> JsonObject | None:
        """A pre-registration with its device and profile."""
        row = self._one(
            "SELECT id, device_id, status, finish_url, payload, created_at, expires_at"
            " FROM preregistrations WHERE id = ?",
            prereg_id,
        )
        return None if row is None else _prereg(row)

    def preregistrations(self) -> list[JsonObject]:
        """Every pre-registration, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, device_id, status, finish_url, payload, created_at, expires_at"
                " FROM preregistrations ORDER BY created_at, id"
            ).fetchall()
        return [_prereg(row) for row in rows]

    def set_preregistration_status(self, prereg_id: str, status: str) -> bool:
        """Change a pre-registration's status; False when it does not exist."""
        with self._transaction() as db:
            cursor = db.execute(
                "UPDATE preregistrations SET status = ? WHERE id = ?", (status, prereg_id)
            )
            return cursor.rowcount == 1

    # --- heartbeats ---------------------------------------------------------------------------

    def add_heartbeat(
        self, device_id: str, payload: JsonObject, *, received_at: str | None = None
    ) -> None:
        """Record one heartbeat (``received_at``: now, unless a test backdates it)."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO heartbeats (device_id, received_at, payload) VALUES (?, ?, ?)",
                (device_id, received_at or now_iso(), _dumps(payload)),
            )

    def latest_heartbeats(self) -> dict[str, JsonObject]:
        """Each device's latest heartbeat, with its ``receivedAt`` and its count so far."""
        with self._lock:
            rows = self._db.execute(
                "SELECT h.device_id, h.received_at, h.payload, n.beats FROM heartbeats h"
                " JOIN (SELECT device_id, MAX(id) AS last, COUNT(*) AS beats FROM heartbeats"
                "       GROUP BY device_id) n ON h.id = n.last"
            ).fetchall()
        return {r[0]: {**_load(r[2]), "receivedAt": r[1], "heartbeats": r[3]} for r in rows}

    def heartbeats(self, device_id: str | None = None, limit: int = 100) -> list[JsonObject]:
        """The latest heartbeats, newest first, of one device or of all."""
        sql = "SELECT device_id, received_at, payload FROM heartbeats"
        params: tuple[Any, ...] = ()
        if device_id is not None:
            sql += " WHERE device_id = ?"
            params = (device_id,)
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY id DESC LIMIT ?", (*params, limit))
            return [{"deviceId": r[0], "receivedAt": r[1], **_load(r[2])} for r in rows.fetchall()]


def _prereg(row: tuple[Any, ...]) -> JsonObject:
    return {
        "id": row[0],
        "deviceId": row[1],
        "status": row[2],
        "finishUrl": row[3],
        "profile": _load(row[4]),
        "createdAt": row[5],
        "expiresAt": row[6],
    }


def _load(text: str) -> JsonObject:
    value: JsonObject = json.loads(text)
    return value


def _dumps(value: JsonObject) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
