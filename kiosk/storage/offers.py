"""Browsing the catalog's offers: pages of cards, counts, details and venue pages.

Everything is read through the catalog's reading connection, a page at a time (the offers
list never holds more than the rows on screen and a few pages around them), and only
offers bookable at the given instant come out. The SQL pieces come from
:mod:`kiosk.storage.offer_query`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Final

from kiosk.storage.catalog import Catalog, distance_from
from kiosk.storage.offer_query import (
    ACCESSIBILITY,
    OfferFilters,
    OfferQuery,
    Sort,
    build_query,
    iso_instant,
    match_expression,
)

#: Rows per page of the results list.
PAGE_SIZE: Final = 40
#: Counting stops here: "1 000+ offres" says enough and keeps broad counts cheap.
COUNT_CAP: Final = 1000
#: How many next dates an offer's page lists.
MAX_DATES: Final = 6
#: Text matching this many offers is "broad": see build_query(broad_text=…).
_BROAD_TEXT: Final = 3000
#: The WHERE of a question without any filter (build_query's first clause).
_ONLY_BOOKABLE: Final = "o.bookable_until > :now"

_CARD_COLUMNS: Final = (
    "o.id, o.name, o.subcategory_id, sc.app_label, o.search_group, o.venue_id, "
    # The catalog's venue_name joins both names for the search; a card shows the public one.
    "COALESCE(v.public_name, v.name, o.venue_name), "
    "v.city, v.timezone, o.distance_km, o.min_price_cents, o.next_beginning, o.image_url, "
    "o.is_duo, o.is_digital, o.is_event"
)


@dataclass(frozen=True)
class OfferCard:
    """What a card in a rail or a results row shows of one offer."""

    id: int
    name: str
    subcategory_id: str
    subcategory_label: str | None
    search_group: str | None
    venue_id: int
    venue_name: str
    city: str | None
    timezone: str | None
    distance_km: float | None
    min_price_cents: int | None
    next_beginning: datetime | None
    image_url: str | None
    is_duo: bool
    is_digital: bool
    is_event: bool


@dataclass(frozen=True)
class PageCursor:
    """Where the next page starts: a run of results (see Bucket) and a position in it.

    When :meth:`OfferBrowser.search` found the whole result small, ``ids`` holds it in
    order (at most COUNT_CAP ids) and the next pages are read from it.
    """

    bucket: int = 0
    offset: int = 0
    ids: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Page:
    """Cards in order, and the cursor of the next page (None after the last)."""

    cards: list[OfferCard]
    next: PageCursor | None


@dataclass(frozen=True)
class OfferDetail:
    """The offer page: the card, and what only the full offer says."""

    card: OfferCard
    description: str
    address: str
    dates: tuple[datetime, ...]
    accessibility: Mapping[str, bool | None]
    withdrawal_details: str | None


@dataclass(frozen=True)
class VenueDetail:
    """The venue page."""

    id: int
    name: str
    description: str | None
    address: str
    timezone: str | None
    distance_km: float | None
    activity: str | None
    opening_hours: Mapping[str, Any] | None
    accessibility: Mapping[str, bool | None]
    banner_url: str | None


@dataclass(frozen=True)
class Facet:
    """One search group or subcategory, with how many bookable offers it has."""

    id: str
    label: str
    count: int


class OfferBrowser:
    """Queries of the offers screen over one :class:`Catalog`.

    Args:
        catalog: where the offers are.
        broad_text: text matching at least this many offers is "broad" (the plans differ,
            never the answers; tests lower it to try the broad plans on a small catalog).
    """

    def __init__(self, catalog: Catalog, *, broad_text: int = _BROAD_TEXT) -> None:
        self._catalog = catalog
        self._broad_text = broad_text

    def page(
        self,
        filters: OfferFilters,
        now: datetime,
        cursor: PageCursor | None = None,
        *,
        limit: int = PAGE_SIZE,
    ) -> Page:
        """The next ``limit`` offers answering ``filters`` from ``cursor`` (None: the first)."""
        cursor = cursor or PageCursor()
        if cursor.ids is not None:
            end = cursor.offset + max(0, limit)
            more = end < len(cursor.ids)
            return Page(self.cards(cursor.ids[cursor.offset:end]),
                        PageCursor(offset=end, ids=cursor.ids) if more else None)
        return self._page(self._query(filters, now), cursor, limit)

    def _page(self, query: OfferQuery, cursor: PageCursor, limit: int) -> Page:
        cards: list[OfferCard] = []
        bucket, offset = cursor.bucket, cursor.offset
        while bucket < len(query.buckets) and len(cards) < limit:
            wanted = limit - len(cards)
            ids = self._ids(query, bucket, offset, wanted)
            cards.extend(self.cards(ids))
            if len(ids) == wanted:
                return Page(cards, PageCursor(bucket, offset + len(ids)))
            bucket, offset = bucket + 1, 0
        return Page(cards, None)

    def search(
        self, filters: OfferFilters, now: datetime, *, limit: int = PAGE_SIZE,
        cap: int = COUNT_CAP,
    ) -> tuple[Page, int]:
        """The first page and the count (up to ``cap``) of ``filters``, as the screen shows.

        One pass collects the matches, stopping after ``cap``: a result that small is
        ordered here and kept in the cursor, so its count, first page and next pages cost
        that one pass (a question with few answers would otherwise walk the whole index once
        per run of results and again to count). A larger result is paged by :meth:`page`,
        whose walk stops early precisely because answers are many.
        """
        query = self._query(filters, now)
        rows = self._words_among_few(filters, query, now, cap)
        if rows is None:
            named = "o.id IN (SELECT rowid FROM offers_fts WHERE offers_fts MATCH :name_match)" \
                if "name_match" in query.params else "0"
            rows = self._catalog.read(
                f"SELECT o.id, {named}, o.distance_km, o.next_beginning, o.min_price_cents "
                f"FROM {query.source} WHERE {query.where} LIMIT :cap",
                {**query.params, "cap": cap + 1},
            )
        if len(rows) > cap:
            return self._page(query, PageCursor(), limit), cap
        key = _sort_key(filters.sort, has_origin=self._catalog.origin is not None)
        ordered = tuple(row[0] for row in sorted(rows, key=key))
        return self.page(filters, now, PageCursor(ids=ordered), limit=limit), len(ordered)

    def _words_among_few(self, filters: OfferFilters, query: OfferQuery, now: datetime,
                         cap: int) -> list[tuple[Any, ...]] | None:
        """Search rows for broad words under filters that leave at most ``cap`` offers.

        The filters' offers come first (an index walk), then the search index is asked
        about those alone: the set of tens of thousands of offers that a word's first
        letters match is never built ("co" with free + 20 km + this weekend: ~20 ms instead
        of ~40 on 100,000 offers). None when that does not apply (no broad words, no other
        filter, or more than ``cap`` offers): the caller's single pass is the quicker then.
        """
        if "match" not in query.params or "INDEXED BY" not in query.source:
            return None
        plain = build_query(replace(filters, text=""), now,
                            has_origin=self._catalog.origin is not None)
        if plain.where == _ONLY_BOOKABLE:
            return None
        candidates = self._catalog.read(
            f"SELECT o.id, o.distance_km, o.next_beginning, o.min_price_cents "
            f"FROM {plain.source} WHERE {plain.where} LIMIT :cap",
            {**plain.params, "cap": cap + 1},
        )
        if len(candidates) > cap:
            return None
        ids = json.dumps([row[0] for row in candidates])
        matched = self._fts_among(query.params["match"], ids)
        named = self._fts_among(query.params["name_match"], ids) \
            if "name_match" in query.params and matched else set()
        return [(row[0], row[0] in named, *row[1:]) for row in candidates if row[0] in matched]

    def _fts_among(self, match: object, ids: str) -> set[int]:
        """The offers among ``ids`` (a JSON list) that the search index matches."""
        rows = self._catalog.read(
            "SELECT rowid FROM offers_fts WHERE offers_fts MATCH :match "
            "AND +rowid IN (SELECT value FROM json_each(:ids))",
            {"match": match, "ids": ids},
        )
        return {row[0] for row in rows}

    def find(
        self, filters: OfferFilters, now: datetime, *, limit: int = PAGE_SIZE
    ) -> list[OfferCard]:
        """The first ``limit`` offers answering ``filters`` (a rail, a test)."""
        return self.page(filters, now, limit=limit).cards if limit > 0 else []

    def count(self, filters: OfferFilters, now: datetime, *, cap: int = COUNT_CAP) -> int:
        """How many offers answer ``filters``, up to ``cap``."""
        query = self._query(filters, now)
        ((count,),) = self._catalog.read(
            f"SELECT count(*) FROM (SELECT 1 FROM {query.source} WHERE {query.where} "
            "LIMIT :cap)",
            {**query.params, "cap": cap},
        )
        return int(count)

    def plan(self, filters: OfferFilters, now: datetime) -> list[str]:
        """SQLite's plan for the first page (EXPLAIN QUERY PLAN): which index each run uses."""
        query = self._query(filters, now)
        return [
            str(row[3])
            for bucket in range(len(query.buckets))
            for row in self._catalog.read(
                "EXPLAIN QUERY PLAN " + _page_sql(query, bucket),
                {**query.params, "limit": PAGE_SIZE, "offset": 0},
            )
        ]

    def _ids(self, query: OfferQuery, bucket: int, offset: int, limit: int) -> list[int]:
        rows = self._catalog.read(
            _page_sql(query, bucket), {**query.params, "limit": limit, "offset": offset}
        )
        return [row[0] for row in rows]

    def cards(self, offer_ids: Sequence[int]) -> list[OfferCard]:
        """The cards of ``offer_ids``, in that order; unknown ids are left out."""
        if not offer_ids:
            return []
        rows = self._catalog.read(
            f"SELECT {_CARD_COLUMNS} FROM offers o "
            "LEFT JOIN venues v ON v.id = o.venue_id "
            "LEFT JOIN subcategories sc ON sc.id = o.subcategory_id "
            "WHERE o.id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(offer_ids)),),
        )
        by_id = {row[0]: _card(row) for row in rows}
        return [by_id[offer_id] for offer_id in offer_ids if offer_id in by_id]

    def detail(self, offer_id: int, now: datetime) -> OfferDetail | None:
        """The offer page, or None when the offer is gone or no longer bookable."""
        cards = self.cards([offer_id])
        payload = self._catalog.offer_payload(offer_id)
        if not cards or payload is None:
            return None
        moment = iso_instant(now)
        rows = self._catalog.read(
            "SELECT 1 FROM offers WHERE id = ? AND bookable_until > ?", (offer_id, moment)
        )
        if not rows:
            return None
        dates = self._catalog.read(
            "SELECT DISTINCT beginning FROM stocks WHERE offer_id = ? AND is_open "
            "AND closes_at > ? AND beginning IS NOT NULL ORDER BY beginning LIMIT ?",
            (offer_id, moment, MAX_DATES),
        )
        flags = _mapping(payload.get("accessibility"))
        return OfferDetail(
            card=cards[0],
            description=_text(payload.get("description")) or "",
            address=_offer_address(payload),
            dates=tuple(_instant(row[0]) for row in dates),
            accessibility={
                flag: _flag(flags.get(f"{flag}Disability")) for flag in ACCESSIBILITY
            },
            withdrawal_details=_text(payload.get("withdrawalDetails")),
        )

    def venue(self, venue_id: int) -> VenueDetail | None:
        """The venue page, or None when the venue is not in the catalog."""
        payload = self._catalog.venue_payload(venue_id)
        if payload is None:
            return None
        flags = _mapping(payload.get("accessibilityData"))
        latitude, longitude = payload.get("latitude"), payload.get("longitude")
        return VenueDetail(
            id=venue_id,
            name=_text(payload.get("publicName")) or _text(payload.get("name")) or "",
            description=_text(payload.get("description")),
            address=_address(payload.get("street"), payload.get("postalCode"), payload.get("city")),
            timezone=_text(payload.get("timezone")),
            distance_km=distance_from(self._catalog.origin, latitude, longitude),
            activity=_text(payload.get("activity")),
            opening_hours=payload.get("openingHours")
            if isinstance(payload.get("openingHours"), dict)
            else None,
            accessibility={
                flag: _flag(flags.get(f"isAccessible{flag.capitalize()}Disability"))
                for flag in ACCESSIBILITY
            },
            banner_url=_text(payload.get("bannerUrl")),
        )

    def search_groups(self, now: datetime) -> list[Facet]:
        """The search groups that have bookable offers, in the taxonomy's order."""
        labels = _search_group_labels(self._catalog)
        rows = self._catalog.read(
            "SELECT search_group, count(*) FROM offers WHERE bookable_until > ? "
            "AND search_group IS NOT NULL GROUP BY search_group",
            (iso_instant(now),),
        )
        counts: dict[str, int] = {str(row[0]): int(row[1]) for row in rows}
        order = list(labels) + sorted(set(counts) - set(labels))
        return [
            Facet(name, labels.get(name, name), counts[name]) for name in order if name in counts
        ]

    def subcategories(self, search_group: str, now: datetime) -> list[Facet]:
        """The subcategories of ``search_group`` that have bookable offers, by label."""
        rows = self._catalog.read(
            "SELECT o.subcategory_id, COALESCE(sc.app_label, o.subcategory_id), count(*) "
            "FROM offers o LEFT JOIN subcategories sc ON sc.id = o.subcategory_id "
            "WHERE o.search_group = ? AND o.bookable_until > ? GROUP BY o.subcategory_id",
            (search_group, iso_instant(now)),
        )
        return sorted((Facet(row[0], row[1], row[2]) for row in rows), key=lambda f: f.label)

    def _query(self, filters: OfferFilters, now: datetime) -> OfferQuery:
        text = match_expression(filters.text)
        broad = text is not None and self._matches_at_least(text, self._broad_text)
        return build_query(
            filters, now, has_origin=self._catalog.origin is not None, broad_text=broad
        )

    def _matches_at_least(self, match: str, count: int) -> bool:
        ((found,),) = self._catalog.read(
            "SELECT count(*) FROM (SELECT 1 FROM offers_fts WHERE offers_fts MATCH ? LIMIT ?)",
            (match, count),
        )
        return bool(found >= count)


def _sort_key(sort: Sort, *, has_origin: bool) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    """The order of the SQL buckets (offer_query._buckets) for rows of OfferBrowser.search.

    Rows are ``(id, named, distance_km, next_beginning, min_price_cents)``.
    """

    def closest(row: Sequence[Any]) -> tuple[Any, ...]:
        if not has_origin:
            return (-row[0],)
        return (row[2] is None, row[2] or 0.0, row[0])

    if sort is Sort.DATE:
        return lambda row: (row[3] is None, row[3] or "", *closest(row))
    if sort is Sort.PRICE:
        return lambda row: (row[4] is None, row[4] or 0, *closest(row))
    return lambda row: (not row[1], *closest(row))


def _page_sql(query: OfferQuery, bucket: int) -> str:
    run = query.buckets[bucket]
    return (
        f"SELECT o.id FROM {query.source} WHERE {query.where} AND {run.condition} "
        f"ORDER BY {run.order_by} LIMIT :limit OFFSET :offset"
    )


def _search_group_labels(catalog: Catalog) -> dict[str, str]:
    taxonomy, _etag = catalog.taxonomy()
    groups = taxonomy.get("searchGroups") if taxonomy else None
    labels: dict[str, str] = {}
    for group in groups if isinstance(groups, list) else []:
        if isinstance(group, dict) and isinstance(group.get("name"), str):
            name: str = group["name"]
            labels[name] = _text(group.get("value")) or name
    return labels


def _card(row: Sequence[Any]) -> OfferCard:
    return OfferCard(
        id=row[0],
        name=row[1],
        subcategory_id=row[2],
        subcategory_label=row[3],
        search_group=row[4],
        venue_id=row[5],
        venue_name=row[6],
        city=row[7],
        timezone=row[8],
        distance_km=row[9],
        min_price_cents=row[10],
        next_beginning=_instant(row[11]) if row[11] else None,
        image_url=row[12],
        is_duo=bool(row[13]),
        is_digital=bool(row[14]),
        is_event=bool(row[15]),
    )


def _offer_address(payload: Mapping[str, Any]) -> str:
    """Where the offer takes place: its own address when it has one, else its venue's."""
    address = _mapping(payload.get("address"))
    place = address or _mapping(payload.get("venue"))
    street = place.get("street") if "street" in place else place.get("address")
    return _address(street, place.get("postalCode"), place.get("city"))


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _mapping(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _flag(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _address(street: object, postal_code: object, city: object) -> str:
    """``"247 cours Émile-Zola, 69100 Villeurbanne"``, leaving out what is missing."""
    town = " ".join(part for part in (_text(postal_code), _text(city)) if part)
    return ", ".join(part for part in (_text(street), town) if part)
