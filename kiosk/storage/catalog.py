"""The local catalog: an offline cache of the central API's offers, venues and settings.

Everything here can be rebuilt from the central API, and the design leans on that:

* each feed page is one transaction that also stores the feed's cursor, so a crash leaves
  the previous catalog and the sync resumes from the last committed page;
* a full resync writes its rows under a new generation and drops the older ones only when
  its last page commits, so visitors never browse a half-empty catalog;
* items that do not fit are skipped and counted, never allowed to abort a page;
* a page is written by a few statements, not a few per offer: its offers are staged in a
  temporary table and upserted by one statement, so the search index (kept by triggers)
  writes one segment per page, and their prices and dates are computed in Python;
* a damaged, unreadable or too new file is moved aside and replaced by an empty catalog
  (:attr:`Catalog.rebuilt`), because a cache is not worth a kiosk that does not start;
* reads go through their own connection: WAL gives them the last committed page, never the
  page being written.

Bookability (DOMAIN.md §4) depends on the instant, so methods that need it take ``now``
(from :class:`kiosk.clock.Clock`); nothing here reads the PC clock for a rule.
"""

from __future__ import annotations

import json
import logging
import math
import sqlite3
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, Literal, NamedTuple, TypeVar

from kiosk.storage.catalog_schema import (
    CREATE_STAGED_OFFERS,
    DELETE_STAGED_STOCKS,
    INSERT_STOCK,
    MIGRATIONS,
    NEVER,
    REFRESH_AGGREGATES,
    SEARCH_OFFERS,
    STAGE_OFFER,
    UPSERT_STAGED_OFFERS,
    UPSERT_STAGED_PAYLOADS,
    UPSERT_VENUE,
)
from kiosk.storage.db import (
    StorageError,
    check_database,
    is_damage,
    move_aside,
    open_database,
    write_transaction,
)
from kiosk.storage.offer_query import iso_instant as _iso
from kiosk.storage.offer_query import match_expression

CATALOG_FILE_NAME: Final = "catalog.sqlite3"

Feed = Literal["offers", "venues"]

_log = logging.getLogger(__name__)

#: SQLite's own name for a database that lives in memory only (the last-resort catalog).
_MEMORY: Final = Path(":memory:")
_INT64_MAX: Final = 2**63 - 1
_SETTINGS, _TAXONOMY, _REMOTE_CONFIG = "settings", "taxonomy", "remote_config"
_LAST_SUCCESS: Final = "last_success"
#: The span of instants the offers' price and next date were computed at (refresh_bookable).
_SPAN_LOW, _SPAN_HIGH = "aggregates_low", "aggregates_high"
#: Where the kiosk stands (``"latitude,longitude"``), which the offers' distances are from.
_ORIGIN: Final = "origin"
#: Mean Earth radius: distances are equirectangular, exact to 0.1 % within the feed's 100 km.
_EARTH_RADIUS_KM: Final = 6371.0
#: The catalog text of instants met lately: a feed repeats the same few dates and times.
_INSTANTS: dict[str, str] = {}
_MAX_INSTANTS: Final = 4096

#: How the writing connection trades memory and durability for sync speed.
_WRITER_PRAGMAS: Final = (
    # In WAL mode, NORMAL loses no commit when the kiosk crashes, only the last ones on a
    # power cut (never the file's consistency); a cache that resumes from its cursor can
    # afford that, and the sync no longer waits for the disk at every page.
    "PRAGMA synchronous=NORMAL",
    # Checkpoint every ~40 MB of WAL rather than 4 MB: index and search pages rewritten by
    # many pages of a sync are copied into the database once, with fewer disk syncs.
    "PRAGMA wal_autocheckpoint=10000",
    # Up to 32 MiB of cache (the default is 2): the offers' indexes take new entries all
    # over their pages.
    "PRAGMA cache_size=-32768",
    # The staged page lives in memory (set before the temp table is created).
    "PRAGMA temp_store=MEMORY",
)

_T = TypeVar("_T")


@dataclass(frozen=True)
class PageResult:
    """What one feed page did to the catalog.

    Attributes:
        upserted: items written (new or replaced).
        deleted: rows removed, by the page's deleted ids or by the end of a full resync.
        skipped: items and deleted ids that did not fit and were ignored.
    """

    upserted: int
    deleted: int
    skipped: int


@dataclass(frozen=True)
class CatalogCounts:
    """How much the catalog holds.

    Attributes:
        offers: every offer stored.
        bookable_offers: offers with a stock a visitor can book at the given instant.
        venues: every venue stored.
    """

    offers: int
    bookable_offers: int
    venues: int


@dataclass(frozen=True)
class OfferSummary:
    """The queryable columns of one offer (the full JSON is :meth:`Catalog.offer_payload`).

    Price and next date are over the stocks bookable at the last write or
    :meth:`Catalog.refresh_bookable`; :meth:`bookable_at` is exact at any instant.
    """

    id: int
    name: str
    subcategory_id: str
    search_group: str | None
    venue_id: int
    is_digital: bool
    is_duo: bool
    is_event: bool
    audio_disability: bool | None
    mental_disability: bool | None
    motor_disability: bool | None
    visual_disability: bool | None
    image_url: str | None
    latitude: float | None
    longitude: float | None
    min_price_cents: int | None
    next_beginning: datetime | None
    bookable_until: datetime | None

    def bookable_at(self, now: datetime) -> bool:
        """Whether a visitor can book one of this offer's stocks at ``now``."""
        return self.bookable_until is not None and self.bookable_until > now


@dataclass(frozen=True)
class _FeedState:
    generation: int
    building: int | None  # the generation a full resync is writing, if one is under way


#: One stock as :data:`INSERT_STOCK` binds it: offer id, id, price in cents, beginning,
#: booking limit, remaining quantity, open, closes at.
_Stock = tuple[int, int, int, str | None, str | None, int | None, bool, str]


#: Positions in a staged offer row (see _parse_offer) that distances read.
_ROW_DIGITAL, _ROW_LATITUDE, _ROW_LONGITUDE = 7, 15, 16


class _ParsedOffer(NamedTuple):
    id: int
    row: tuple[Any, ...]  # the columns of staged_offers up to the payload, in order
    stocks: list[_Stock]


class _Invalid(ValueError):
    """An item does not fit the shape the catalog reads; the message names the field."""


class Catalog:
    """The offline catalog in one SQLite file; use :func:`open_catalog` to get one.

    Attributes:
        path: the database file (``:memory:`` when no file could be used).
        rebuilt: True when a damaged catalog was replaced by an empty one at opening, so
            the caller should run a full resync (cursors are empty, so it will).
    """

    def __init__(self, path: Path, *, rebuilt: bool = False) -> None:
        """Open (creating or migrating) the catalog at ``path``, without any repair.

        Raises:
            StorageError: when the file cannot be opened or migrated.
        """
        self.path = path
        self.rebuilt = rebuilt
        self._writer = open_database(path, MIGRATIONS)
        try:
            for pragma in _WRITER_PRAGMAS:
                self._writer.execute(pragma)
            self._writer.execute(CREATE_STAGED_OFFERS)
        except sqlite3.Error as error:
            self._writer.close()
            raise StorageError(f"cannot prepare {path}: {error}") from error
        self._write_lock = threading.RLock()
        self._origin = _stored_origin(self._writer)
        if path == _MEMORY:
            # A second connection to ":memory:" would be another, empty, database.
            self._reader, self._read_lock = self._writer, self._write_lock
        else:
            self._reader, self._read_lock = self._open_reader(), threading.RLock()

    def _open_reader(self) -> sqlite3.Connection:
        try:
            reader = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            reader.execute("PRAGMA query_only=ON")
            reader.execute("PRAGMA busy_timeout=5000")
        except sqlite3.Error as error:
            self._writer.close()
            raise StorageError(f"cannot open {self.path} for reading: {error}") from error
        return reader

    def __enter__(self) -> Catalog:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- feeds ---------------------------------------------------------------------------

    def apply_offers_page(
        self,
        items: Iterable[object],
        deleted_ids: Iterable[object],
        next_cursor: str | None,
        *,
        full_resync: bool,
        has_more: bool,
        now: datetime,
    ) -> PageResult:
        """Store one page of ``GET /kiosk/v1/offers`` in one transaction, with its cursor.

        Args:
            items: offers in the shape of ``GET /native/v1/offer/{id}``.
            deleted_ids: ids of offers to remove.
            next_cursor: the page's ``nextCursor``, sent back to resume after this page.
            full_resync: the page's ``fullResync`` (true on the first page of a resync).
            has_more: the page's ``hasMore``; the last page of a resync drops every offer
                the resync did not bring.
            now: the current instant, for the prices and dates of bookable stocks.

        Returns:
            The counts of upserted, deleted and skipped entries.

        Raises:
            StorageError: when the database fails; nothing of the page is then kept.
        """
        moment = _iso(now)
        offers, skipped = _parse_items(items, _parse_offer, "offer")

        # An id given twice in a page: the last one wins, as if each were written in turn.
        latest = {offer.id: offer for offer in offers}

        def write(connection: sqlite3.Connection, generation: int) -> None:
            if not latest:
                return
            _widen_span(connection, moment)
            # From the file: another catalog object (the screens') may have moved it.
            origin = _stored_origin(connection)
            connection.execute("DELETE FROM temp.staged_offers")
            connection.executemany(
                STAGE_OFFER,
                [
                    offer.row
                    + _aggregates(offer.stocks, moment)
                    + (_distance_km(origin, offer.row),)
                    for offer in latest.values()
                ],
            )
            connection.execute(UPSERT_STAGED_OFFERS, {"generation": generation})
            connection.execute(UPSERT_STAGED_PAYLOADS)
            connection.execute(DELETE_STAGED_STOCKS)
            connection.executemany(
                INSERT_STOCK, [stock for offer in latest.values() for stock in offer.stocks]
            )
            connection.execute("DELETE FROM temp.staged_offers")

        return self._apply_page(
            "offers", write, len(offers), skipped, deleted_ids, next_cursor, full_resync, has_more
        )

    def apply_venues_page(
        self,
        items: Iterable[object],
        deleted_ids: Iterable[object],
        next_cursor: str | None,
        *,
        full_resync: bool,
        has_more: bool,
    ) -> PageResult:
        """Store one page of ``GET /kiosk/v1/venues`` in one transaction, with its cursor.

        Args:
            items: venues in the shape of ``GET /native/v1/venue/{id}``.
            deleted_ids: ids of venues to remove.
            next_cursor: the page's ``nextCursor``.
            full_resync: the page's ``fullResync``.
            has_more: the page's ``hasMore``.

        Returns:
            The counts of upserted, deleted and skipped entries.

        Raises:
            StorageError: when the database fails; nothing of the page is then kept.
        """
        venues, skipped = _parse_items(items, _parse_venue, "venue")

        def write(connection: sqlite3.Connection, generation: int) -> None:
            connection.executemany(
                UPSERT_VENUE, [{**venue, "generation": generation} for venue in venues]
            )

        return self._apply_page(
            "venues", write, len(venues), skipped, deleted_ids, next_cursor, full_resync, has_more
        )

    def _apply_page(
        self,
        feed: Feed,
        write: Callable[[sqlite3.Connection, int], None],
        upserted: int,
        skipped: int,
        deleted_ids: Iterable[object],
        next_cursor: str | None,
        full_resync: bool,
        has_more: bool,
    ) -> PageResult:
        deletions, bad_ids = _parse_ids(deleted_ids)
        with self._transaction() as connection:
            state = _feed_state(connection, feed)
            if full_resync:
                # A resync restarted mid-way gets a newer generation: rows of the abandoned
                # one go too at the end unless this resync brings them again.
                state = _FeedState(state.generation, max(state.generation, state.building or 0) + 1)
            # Deletions first: items are the latest state, an id deleted then re-created
            # must survive the page.
            deleted = connection.execute(
                f"DELETE FROM {feed} WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(deletions),),
            ).rowcount
            write(connection, state.building if state.building is not None else state.generation)
            if state.building is not None and not has_more:
                deleted += connection.execute(
                    f"DELETE FROM {feed} WHERE generation < ?", (state.building,)
                ).rowcount
                state = _FeedState(state.building, None)
            connection.execute(
                "UPDATE sync_state SET cursor = ?, generation = ?, building = ? WHERE feed = ?",
                (next_cursor, state.generation, state.building, feed),
            )
        if skipped or bad_ids:
            _log.warning("%s page: %d item(s) skipped", feed, skipped + bad_ids)
        return PageResult(upserted, deleted, skipped + bad_ids)

    def refresh_bookable(self, now: datetime) -> None:
        """Recompute every offer's price and next date over the stocks bookable at ``now``.

        Stocks close as time passes, so the sync calls this now and then; bookability itself
        (:meth:`counts`, ``now=`` filters) is exact without it. The catalog keeps the span
        of instants the stored figures were computed at, so only offers with an open stock
        closing within it (and ``now``) are recomputed: the others would come out the same.
        """
        moment = _iso(now)
        with self._transaction() as connection:
            span = _span(connection)
            if span is None:
                connection.execute(REFRESH_AGGREGATES, {"now": moment})
            else:
                # Only an open stock closing between two of the instants used can make an
                # offer's figures differ from what they are at ``moment``.
                connection.execute(
                    REFRESH_AGGREGATES + " WHERE id IN (SELECT offer_id FROM stocks "
                    "WHERE is_open AND closes_at > :low AND closes_at <= :high)",
                    {"now": moment, "low": min(span[0], moment), "high": max(span[1], moment)},
                )
            _store_span(connection, moment, moment)

    def set_origin(self, latitude: float | None, longitude: float | None) -> None:
        """Measure every offer's distance from where the kiosk stands (its venue).

        Offers written later get theirs as they arrive. Nothing is rewritten when the
        origin is unchanged, so the kiosk can call this at every start.

        Raises:
            StorageError: when the database fails.
        """
        origin = None if latitude is None or longitude is None else (latitude, longitude)
        with self._transaction() as connection:
            if origin == _stored_origin(connection):
                self._origin = origin
                return
            rows = connection.execute(
                "SELECT id, is_digital, latitude, longitude FROM offers"
            ).fetchall()
            connection.executemany(
                "UPDATE offers SET distance_km = ? WHERE id = ?",
                [
                    (None if digital else distance_from(origin, lat, lon), offer_id)
                    for offer_id, digital, lat, lon in rows
                ],
            )
            if origin is None:
                connection.execute("DELETE FROM meta WHERE key = ?", (_ORIGIN,))
            else:
                connection.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                    (_ORIGIN, f"{origin[0]!r},{origin[1]!r}"),
                )
            self._origin = origin

    @property
    def origin(self) -> tuple[float, float] | None:
        """Where distances are measured from (latitude, longitude), or None when unknown.

        Read from the file, so a catalog object that only reads sees the origin another
        one (the sync's) has set.
        """
        with self._read_lock:
            try:
                return _stored_origin(self._reader)
            except sqlite3.Error as error:
                raise StorageError(f"cannot read the catalog: {error}") from error

    # --- documents -----------------------------------------------------------------------

    def store_settings(self, payload: Mapping[str, Any], etag: str | None) -> None:
        """Keep the ``GET /native/v1/settings`` payload and its ETag.

        Raises:
            ValueError: when ``payload`` cannot be written as JSON.
            StorageError: when the database fails.
        """
        with self._transaction() as connection:
            _store_document(connection, _SETTINGS, payload, etag)

    def settings(self) -> tuple[dict[str, Any] | None, str | None]:
        """The stored central settings and their ETag, or ``(None, None)``."""
        return self._document(_SETTINGS)

    def store_taxonomy(self, payload: Mapping[str, Any], etag: str | None) -> None:
        """Keep the ``GET /native/v1/subcategories/v2`` payload and file offers by group.

        Subcategories that do not fit are ignored; offers get the search group of their
        subcategory in the same transaction.

        Raises:
            ValueError: when ``payload`` cannot be written as JSON.
            StorageError: when the database fails.
        """
        rows = _parse_subcategories(payload.get("subcategories"))
        # As INSERT OR REPLACE leaves them: the last of a repeated id wins.
        wanted = {row["id"]: tuple(row.values()) for row in rows}
        with self._transaction() as connection:
            _store_document(connection, _TAXONOMY, payload, etag)
            stored = connection.execute(
                "SELECT id, search_group, native_category, app_label, is_event FROM subcategories"
            ).fetchall()
            if {row[0]: row for row in stored} == wanted:
                # Offers took their group from these very rows: the sync brings the same
                # taxonomy every time, and regrouping 100,000 offers costs half a second.
                return
            connection.execute("DELETE FROM subcategories")
            connection.executemany(
                "INSERT OR REPLACE INTO subcategories VALUES "
                "(:id, :search_group, :native_category, :app_label, :is_event)",
                rows,
            )
            connection.execute(
                "UPDATE offers SET search_group = (SELECT search_group FROM subcategories "
                "WHERE subcategories.id = offers.subcategory_id) "
                "WHERE search_group IS NOT (SELECT search_group FROM subcategories "
                "WHERE subcategories.id = offers.subcategory_id)"
            )

    def taxonomy(self) -> tuple[dict[str, Any] | None, str | None]:
        """The stored taxonomy and its ETag, or ``(None, None)``."""
        return self._document(_TAXONOMY)

    def store_remote_config(self, payload: Mapping[str, Any], etag: str | None) -> None:
        """Keep the ``GET /kiosk/v1/config`` payload and its ETag.

        Raises:
            ValueError: when ``payload`` cannot be written as JSON.
            StorageError: when the database fails.
        """
        with self._transaction() as connection:
            _store_document(connection, _REMOTE_CONFIG, payload, etag)

    def remote_config(self) -> tuple[dict[str, Any] | None, str | None]:
        """The stored remote kiosk configuration and its ETag, or ``(None, None)``."""
        return self._document(_REMOTE_CONFIG)

    def _document(self, key: str) -> tuple[dict[str, Any] | None, str | None]:
        rows = self._rows("SELECT payload, etag FROM documents WHERE key = ?", (key,))
        if not rows:
            return None, None
        try:
            payload = json.loads(rows[0][0])
        except ValueError:
            return None, None
        if not isinstance(payload, dict):
            return None, None
        return payload, rows[0][1]

    # --- sync state ----------------------------------------------------------------------

    def cursor(self, feed: Feed) -> str | None:
        """The cursor to send for ``feed``'s next page (None: start a full resync)."""
        rows = self._rows("SELECT cursor FROM sync_state WHERE feed = ?", (feed,))
        return rows[0][0] if rows else None

    def resync_in_progress(self, feed: Feed) -> bool:
        """Whether a full resync of ``feed`` has begun and its last page is still to come."""
        rows = self._rows("SELECT building FROM sync_state WHERE feed = ?", (feed,))
        return bool(rows) and rows[0][0] is not None

    def mark_success(self, at: datetime) -> None:
        """Remember ``at`` as the end of the last complete sync."""
        with self._transaction() as connection:
            connection.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (_LAST_SUCCESS, _iso(at))
            )

    def last_success(self) -> datetime | None:
        """When the last complete sync ended, or None if none ever did."""
        rows = self._rows("SELECT value FROM meta WHERE key = ?", (_LAST_SUCCESS,))
        return _parse_iso(rows[0][0]) if rows else None

    # --- queries -------------------------------------------------------------------------

    def counts(self, now: datetime) -> CatalogCounts:
        """How many offers, offers bookable at ``now``, and venues the catalog holds."""
        (row,) = self._rows(
            "SELECT (SELECT COUNT(*) FROM offers), "
            "(SELECT COUNT(*) FROM offers WHERE bookable_until > ?), "
            "(SELECT COUNT(*) FROM venues)",
            (_iso(now),),
        )
        return CatalogCounts(row[0], row[1], row[2])

    def offer_payload(self, offer_id: int) -> dict[str, Any] | None:
        """The offer's JSON as the API sent it, or None when it is not in the catalog."""
        return self._payload("SELECT payload FROM offer_payloads WHERE id = ?", offer_id)

    def venue_payload(self, venue_id: int) -> dict[str, Any] | None:
        """The venue's JSON as the API sent it, or None when it is not in the catalog."""
        return self._payload("SELECT payload FROM venues WHERE id = ?", venue_id)

    def _payload(self, sql: str, row_id: int) -> dict[str, Any] | None:
        rows = self._rows(sql, (row_id,))
        if not rows:
            return None
        payload = json.loads(rows[0][0])
        return payload if isinstance(payload, dict) else None

    def offer_summary(self, offer_id: int) -> OfferSummary | None:
        """The queryable columns of one offer, or None when it is not in the catalog."""
        rows = self._rows(
            "SELECT id, name, subcategory_id, search_group, venue_id, is_digital, is_duo, "
            "is_event, audio_disability, mental_disability, motor_disability, "
            "visual_disability, image_url, latitude, longitude, min_price_cents, "
            "next_beginning, bookable_until FROM offers WHERE id = ?",
            (offer_id,),
        )
        return _summary(rows[0]) if rows else None

    def search_offer_ids(
        self, text: str, limit: int = 50, *, now: datetime | None = None
    ) -> list[int]:
        """Offers whose name, description, venue or artists match every word of ``text``.

        Words match by prefix and without accents ("theatre" finds "Théâtre", "conc jaz"
        finds "Concert de jazz"); the best matches (bm25, name first) come first. The text
        is taken as words only: quotes, stars, brackets and operators mean nothing.

        Args:
            text: what the visitor typed.
            limit: the most ids to return.
            now: when given, only offers bookable at that instant.

        Returns:
            Offer ids, best first; empty when the text has no word.
        """
        query = match_expression(text)
        if query is None or limit <= 0:
            return []
        rows = self._rows(
            SEARCH_OFFERS,
            {"query": query, "now": None if now is None else _iso(now), "limit": limit},
        )
        return [row[0] for row in rows]

    def upcoming_events(
        self, now: datetime, until: datetime, limit: int = 8
    ) -> list[tuple[OfferSummary, str, str | None]]:
        """Bookable events starting between ``now`` and ``until``, soonest first.

        For the attract screen's highlights. Returns ``(offer, venue name, venue time zone)``
        so dates can be shown in the venue's local time.
        """
        rows = self._rows(
            "SELECT o.id, o.name, o.subcategory_id, o.search_group, o.venue_id, "
            "o.is_digital, o.is_duo, o.is_event, o.audio_disability, o.mental_disability, "
            "o.motor_disability, o.visual_disability, o.image_url, o.latitude, o.longitude, "
            "o.min_price_cents, o.next_beginning, o.bookable_until, "
            "COALESCE(v.public_name, v.name), v.timezone "
            "FROM offers o JOIN venues v ON v.id = o.venue_id "
            "WHERE o.is_event AND o.bookable_until > :now "
            "AND o.next_beginning >= :now AND o.next_beginning < :until "
            "ORDER BY o.next_beginning LIMIT :limit",
            {"now": _iso(now), "until": _iso(until), "limit": limit},
        )
        return [(_summary(row[:18]), row[18], row[19]) for row in rows]

    # --- housekeeping --------------------------------------------------------------------

    @property
    def in_memory(self) -> bool:
        """True when no file could be used: what it holds is lost when it is closed."""
        return self.path == _MEMORY

    def check(self) -> None:
        """Raise StorageError when the database is damaged."""
        with self._write_lock:
            check_database(self._writer)

    def close(self) -> None:
        """Close the catalog; the object must not be used afterwards."""
        with self._read_lock:
            if self._reader is not self._writer:
                self._reader.close()
        with self._write_lock:
            self._writer.close()

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return write_transaction(self._writer, self._write_lock, "the catalog")

    def read(self, sql: str, params: Sequence[object] | Mapping[str, object] = ()) -> list[Any]:
        """Rows of a read-only statement on the reading connection (for storage.offers).

        Raises:
            StorageError: when the database fails.
        """
        return self._rows(sql, params)

    def _rows(self, sql: str, params: Sequence[object] | Mapping[str, object]) -> list[Any]:
        with self._read_lock:
            try:
                return self._reader.execute(sql, params).fetchall()
            except sqlite3.Error as error:
                raise StorageError(f"cannot read the catalog: {error}") from error


def open_catalog(path: Path) -> Catalog:
    """Open the catalog at ``path``, replacing it with an empty one when it is damaged.

    A file that is not a database, fails SQLite's quick check, or has a schema newer than
    this kiosk knows is moved aside to ``<name>.corrupt-<UTC timestamp>`` (with its
    ``-wal`` and ``-shm``), and the new empty catalog has ``rebuilt`` set. If even that
    fails, or the file cannot be opened for a reason that is not damage (a full disk, a
    read-only folder: the file is then left as it is), the catalog lives in memory until
    the kiosk restarts. Never raises.
    """
    try:
        return _open_checked(path, rebuilt=False)
    except StorageError as error:
        reason = _reason(error)
        if not _must_rebuild(error):
            _log.error("catalog cannot be opened (%s): left as it is, kept in memory only",
                       reason)
            return Catalog(_MEMORY, rebuilt=True)
    try:
        aside = move_aside(path)
        _log.warning("catalog unreadable (%s): moved to %s, starting empty", reason, aside.name)
        return _open_checked(path, rebuilt=True)
    except (OSError, StorageError) as error:
        _log.error("catalog cannot be recreated (%s): kept in memory only", _reason(error))
        return Catalog(_MEMORY, rebuilt=True)


def _must_rebuild(error: StorageError) -> bool:
    """Damaged, failed its check, or newer than this kiosk: rebuild it. Else leave it be."""
    cause = error.__cause__
    if cause is None or is_damage(cause):  # no cause: the quick check said no
        return True
    # Our own refusal of a newer schema carries no SQLite code; a full disk always does.
    return isinstance(cause, sqlite3.DatabaseError) and not getattr(
        cause, "sqlite_errorcode", None)


def _open_checked(path: Path, *, rebuilt: bool) -> Catalog:
    catalog = Catalog(path, rebuilt=rebuilt)
    try:
        catalog.check()
    except StorageError:
        catalog.close()
        raise
    return catalog


def _reason(error: BaseException) -> str:
    # SQLite's own words ("file is not a database") without the path: logs stay short.
    cause = error.__cause__ if error.__cause__ is not None else error
    return str(cause)[:160]


# --- sync state helpers -------------------------------------------------------------------


def _feed_state(connection: sqlite3.Connection, feed: Feed) -> _FeedState:
    row = connection.execute(
        "SELECT generation, building FROM sync_state WHERE feed = ?", (feed,)
    ).fetchone()
    return _FeedState(row[0], row[1])


def _stored_origin(connection: sqlite3.Connection) -> tuple[float, float] | None:
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (_ORIGIN,)).fetchone()
    if row is None:
        return None
    try:
        latitude, longitude = (float(part) for part in row[0].split(","))
    except ValueError:
        return None  # unreadable: the next set_origin writes it again
    return latitude, longitude


def _distance_km(origin: tuple[float, float] | None, row: tuple[Any, ...]) -> float | None:
    """The distance of a staged offer row (see _parse_offer) from ``origin``."""
    if row[_ROW_DIGITAL]:
        return None  # nowhere to go
    return distance_from(origin, row[_ROW_LATITUDE], row[_ROW_LONGITUDE])


def distance_from(origin: tuple[float, float] | None, latitude: object, longitude: object
                  ) -> float | None:
    """Kilometres from ``origin`` to a place, or None when either is unknown."""
    if origin is None or not isinstance(latitude, int | float):
        return None
    if not isinstance(longitude, int | float):
        return None
    mean_latitude = math.radians((origin[0] + latitude) / 2)
    north = math.radians(latitude - origin[0])
    east = math.radians(longitude - origin[1]) * math.cos(mean_latitude)
    return round(_EARTH_RADIUS_KM * math.hypot(north, east), 3)


def _span(connection: sqlite3.Connection) -> tuple[str, str] | None:
    """The earliest and latest instants at which the stored price and date were computed.

    None when unknown (a catalog written before they were kept): refresh them all.
    """
    found = dict(
        connection.execute(
            "SELECT key, value FROM meta WHERE key IN (?, ?)", (_SPAN_LOW, _SPAN_HIGH)
        ).fetchall()
    )
    if _SPAN_LOW not in found or _SPAN_HIGH not in found:
        return None
    return found[_SPAN_LOW], found[_SPAN_HIGH]


def _widen_span(connection: sqlite3.Connection, moment: str) -> None:
    """Count ``moment`` in the span, before writing offers whose figures use it."""
    span = _span(connection)
    if span is not None:
        _store_span(connection, min(span[0], moment), max(span[1], moment))
    elif connection.execute("SELECT NOT EXISTS (SELECT 1 FROM offers)").fetchone()[0]:
        _store_span(connection, moment, moment)  # nothing computed at an unknown instant
    # else: unknown it stays, and the next refresh_bookable recomputes every offer.


def _store_span(connection: sqlite3.Connection, low: str, high: str) -> None:
    connection.executemany(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        ((_SPAN_LOW, low), (_SPAN_HIGH, high)),
    )


def _store_document(
    connection: sqlite3.Connection, key: str, payload: Mapping[str, Any], etag: str | None
) -> None:
    try:
        text = _json(dict(payload))
    except _Invalid as error:
        raise ValueError(f"{key} is not JSON: {error}") from error
    connection.execute(
        "INSERT OR REPLACE INTO documents (key, payload, etag) VALUES (?, ?, ?)",
        (key, text, etag),
    )


def _summary(row: Sequence[Any]) -> OfferSummary:
    def flag(value: object) -> bool | None:
        return None if value is None else bool(value)

    return OfferSummary(
        id=row[0],
        name=row[1],
        subcategory_id=row[2],
        search_group=row[3],
        venue_id=row[4],
        is_digital=bool(row[5]),
        is_duo=bool(row[6]),
        is_event=bool(row[7]),
        audio_disability=flag(row[8]),
        mental_disability=flag(row[9]),
        motor_disability=flag(row[10]),
        visual_disability=flag(row[11]),
        image_url=row[12],
        latitude=row[13],
        longitude=row[14],
        min_price_cents=row[15],
        next_beginning=_parse_iso(row[16]),
        bookable_until=_parse_iso(row[17]),
    )


# --- parsing feed items -------------------------------------------------------------------


def _parse_items(
    items: Iterable[object], parse: Callable[[object], _T], kind: str
) -> tuple[list[_T], int]:
    parsed: list[_T] = []
    skipped = 0
    for item in items:
        try:
            parsed.append(parse(item))
        except _Invalid as error:
            skipped += 1
            _log.debug("%s skipped: %s", kind, error)
    return parsed, skipped


def _parse_ids(values: Iterable[object]) -> tuple[list[int], int]:
    ids: list[int] = []
    skipped = 0
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= _INT64_MAX:
            ids.append(value)
        else:
            skipped += 1
    return ids, skipped


def _parse_offer(item: object) -> _ParsedOffer:
    offer = _mapping(item, "offer")
    offer_id = _identifier(offer, "id")
    venue = _required(offer, "venue", dict)
    # The offer-level flags were computed with the stocks' at the same instant; a
    # withdrawn (not released), expired or sold-out offer has nothing to book.
    offer_open = (
        _flag(offer, "isReleased") is not False
        and not _flag(offer, "isExpired")
        and not _flag(offer, "isSoldOut")
    )
    stocks = _parse_stocks(_required(offer, "stocks", list), offer_id, offer_open)
    accessibility = _field(offer, "accessibility", dict) or {}
    address = _field(offer, "address", dict)
    # Distance is to where the offer takes place: its own address when it has one.
    latitude, longitude = _coordinates(
        _field(address if address is not None else venue, "coordinates", dict)
    )
    row = (
        offer_id,
        _required_text(offer, "name"),
        _text(offer, "description") or "",
        _required_text(offer, "subcategoryId"),
        _identifier(venue, "id"),
        _joined([_text(venue, "publicName"), _required_text(venue, "name")]),
        _artists(offer),
        bool(_flag(offer, "isDigital")),
        bool(_flag(offer, "isDuo")),
        bool(_flag(offer, "isEvent")),
        _flag(accessibility, "audioDisability"),
        _flag(accessibility, "mentalDisability"),
        _flag(accessibility, "motorDisability"),
        _flag(accessibility, "visualDisability"),
        _image_url(offer),
        latitude,
        longitude,
        _json(offer),
    )
    return _ParsedOffer(offer_id, row, stocks)


def _parse_stocks(raw: list[Any], offer_id: int, offer_open: bool) -> list[_Stock]:
    stocks = [_parse_stock(item, offer_id, offer_open) for item in raw]
    if len({stock[1] for stock in stocks}) != len(stocks):
        raise _Invalid("stocks: duplicate id")
    return stocks


def _parse_stock(item: object, offer_id: int, offer_open: bool) -> _Stock:
    stock = _mapping(item, "stock")
    price = _required(stock, "price", int)
    remaining = _whole(stock, "remainingQuantity")
    if price < 0 or (remaining is not None and remaining < 0):
        raise _Invalid("stock: negative price or quantity")
    beginning = _instant(stock, "beginningDatetime")
    booking_limit = _instant(stock, "bookingLimitDatetime")
    is_open = (
        offer_open
        and _flag(stock, "isBookable") is not False
        and not _flag(stock, "isExpired")
        and not _flag(stock, "isSoldOut")
        and remaining != 0
    )
    # An event cannot be booked once it has begun, nor anything past its booking limit.
    if beginning is None:
        closes_at = NEVER if booking_limit is None else booking_limit
    else:
        closes_at = beginning if booking_limit is None else min(beginning, booking_limit)
    return (
        offer_id,
        _identifier(stock, "id"),
        price,
        beginning,
        booking_limit,
        remaining,
        is_open,
        closes_at,
    )


def _aggregates(stocks: Iterable[_Stock], moment: str) -> tuple[Any, ...]:
    """``(min_price_cents, next_beginning, bookable_until)`` as REFRESH_AGGREGATES has them.

    Over the open stocks: the cheapest price and the earliest beginning of those still
    bookable at ``moment``, and the latest closing of all.
    """
    price: int | None = None
    beginning: str | None = None
    until: str | None = None
    for _offer, _id, cents, begins, _limit, _left, is_open, closes_at in stocks:
        if not is_open:
            continue
        if until is None or closes_at > until:
            until = closes_at
        if closes_at > moment:
            if price is None or cents < price:
                price = cents
            if begins is not None and (beginning is None or begins < beginning):
                beginning = begins
    return price, beginning, until


def _parse_venue(item: object) -> dict[str, Any]:
    venue = _mapping(item, "venue")
    latitude, longitude = _coordinates(venue)
    return {
        "id": _identifier(venue, "id"),
        "name": _required(venue, "name", str),
        "public_name": _field(venue, "publicName", str),
        "activity": _field(venue, "activity", str),
        "postal_code": _field(venue, "postalCode", str),
        "city": _field(venue, "city", str),
        "timezone": _field(venue, "timezone", str),
        "latitude": latitude,
        "longitude": longitude,
        "payload": _json(venue),
    }


def _parse_subcategories(value: object) -> list[dict[str, Any]]:
    rows = []
    for item in value if isinstance(value, list) else []:
        try:
            entry = _mapping(item, "subcategory")
            rows.append(
                {
                    "id": _required(entry, "id", str),
                    "search_group": _required(entry, "searchGroupName", str),
                    "native_category": _field(entry, "nativeCategoryId", str),
                    "app_label": _field(entry, "appLabel", str),
                    "is_event": _field(entry, "isEvent", bool),
                }
            )
        except _Invalid as error:
            _log.debug("subcategory skipped: %s", error)
    return rows


def _artists(offer: Mapping[str, Any]) -> str:
    names: list[str | None] = []
    for artist in _field(offer, "artists", list) or ():
        names.append(_required_text(_mapping(artist, "artist"), "name"))
    extra = _field(offer, "extraData", dict)
    if extra:
        for key in ("author", "performer", "speaker", "stageDirector"):
            names.append(_text(extra, key))
    return _joined(names) if names else ""


def _image_url(offer: Mapping[str, Any]) -> str | None:
    images = _field(offer, "images", dict) or {}
    for side in ("recto", "poster", "verso"):
        image = _field(images, side, dict)
        if image is not None and (url := _text(image, "url")):
            return url
    return None


def _coordinates(point: Mapping[str, Any] | None) -> tuple[float | None, float | None]:
    if point is None:
        return None, None
    latitude, longitude = _field(point, "latitude", float), _field(point, "longitude", float)
    if latitude is None or longitude is None:
        if latitude is not None or longitude is not None:
            raise _Invalid("coordinates: half a point")
        return None, None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise _Invalid("coordinates: out of range")
    return latitude, longitude


def _joined(parts: Iterable[str | None]) -> str:
    unique = dict.fromkeys(part.strip() for part in parts if part and part.strip())
    return ", ".join(unique)


# --- typed field access -------------------------------------------------------------------
# Feed pages bring about a hundred fields per offer: the helpers answer the common case
# (exactly the expected type) first and leave everything else to _field's full rules.


def _mapping(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Invalid(f"{what}: object expected")
    return value


def _field(obj: Mapping[str, Any], key: str, kind: type[_T]) -> _T | None:
    """``obj[key]`` when it is a ``kind``, None when missing or null; else :class:`_Invalid`.

    Booleans are not integers here, integers are floats, and numbers must fit SQLite.
    """
    value = obj.get(key)
    if value is None:
        return None
    exact = type(value)
    if exact is kind:  # the usual case; subclasses take the long way below
        if exact is int:
            if -_INT64_MAX <= value <= _INT64_MAX:
                return value  # type: ignore[no-any-return]
        elif exact is not float or math.isfinite(value):
            return value  # type: ignore[no-any-return]
    if isinstance(value, bool) and kind is not bool:
        raise _Invalid(f"{key}: {kind.__name__} expected")
    if isinstance(value, int) and not isinstance(value, bool):
        if abs(value) > _INT64_MAX:
            raise _Invalid(f"{key}: number too large")
        if kind is float:
            value = float(value)
    if isinstance(value, float) and not math.isfinite(value):
        raise _Invalid(f"{key}: finite number expected")
    if not isinstance(value, kind):
        raise _Invalid(f"{key}: {kind.__name__} expected")
    return value


def _text(obj: Mapping[str, Any], key: str) -> str | None:
    """``_field(obj, key, str)``."""
    value = obj.get(key)
    if value is None or type(value) is str:
        return value
    return _field(obj, key, str)


def _flag(obj: Mapping[str, Any], key: str) -> bool | None:
    """``_field(obj, key, bool)``."""
    value = obj.get(key)
    if value is None or value is True or value is False:
        return value
    return _field(obj, key, bool)


def _whole(obj: Mapping[str, Any], key: str) -> int | None:
    """``_field(obj, key, int)``."""
    value = obj.get(key)
    if value is None or (type(value) is int and -_INT64_MAX <= value <= _INT64_MAX):
        return value
    return _field(obj, key, int)


def _required(obj: Mapping[str, Any], key: str, kind: type[_T]) -> _T:
    value = _field(obj, key, kind)
    if value is None:
        raise _Invalid(f"{key}: missing")
    return value


def _required_text(obj: Mapping[str, Any], key: str) -> str:
    value = obj.get(key)
    if type(value) is str:
        return value
    return _required(obj, key, str)


def _identifier(obj: Mapping[str, Any], key: str) -> int:
    value = obj.get(key)
    if type(value) is int and 0 < value <= _INT64_MAX:
        return value
    value = _required(obj, key, int)
    if value <= 0:
        raise _Invalid(f"{key}: positive id expected")
    return value


def _instant(obj: Mapping[str, Any], key: str) -> str | None:
    text = _text(obj, key)
    if text is None:
        return None
    known = _INSTANTS.get(text)
    if known is None:
        known = _INSTANTS[text] = _instant_text(key, text)
        if len(_INSTANTS) > _MAX_INSTANTS:
            _INSTANTS.clear()
    return known


def _instant_text(key: str, text: str) -> str:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise _Invalid(f"{key}: ISO-8601 datetime expected") from error
    if moment.tzinfo is None:
        raise _Invalid(f"{key}: datetime without a time zone")
    try:
        return _iso(moment)
    except OverflowError as error:
        raise _Invalid(f"{key}: datetime out of range") from error


def _json(value: object) -> str:
    # Lone surrogates survive json.loads and dumps, but not SQLite: check the encoding once,
    # which covers every string column taken from the same item.
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        text.encode("utf-8")
    except (TypeError, ValueError, RecursionError) as error:  # UnicodeError is a ValueError
        raise _Invalid(f"not JSON: {type(error).__name__}") from error
    return text


def _parse_iso(text: str | None) -> datetime | None:
    if text is None:
        return None
    if text == NEVER:  # no deadline: bookable as long as the server does not say otherwise
        return datetime.max.replace(tzinfo=UTC)
    return datetime.fromisoformat(text)
