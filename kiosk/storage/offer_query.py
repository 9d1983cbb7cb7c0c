"""What a visitor asks of the offers screen, and the SQL that answers it from the catalog.

:class:`OfferFilters` is the whole question (typed text, filters, sort); :func:`build_query`
turns it into one ``WHERE`` and one ``ORDER BY`` over the catalog's ``offers`` table (alias
``o``) with named parameters. Visitor text never reaches the SQL: it becomes an FTS5 match
expression of quoted words (:func:`match_expression`), bound as a parameter like every
other value, so quotes, stars, ``-`` or ``NEAR`` are just characters.

The orders are chosen to follow the catalog's indexes (catalog_schema.py, migration 3):
"closest first" walks ``offers_facets`` and stops after a page.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Final

#: Visitor text beyond this is a pasted sentence; its first words are enough to search.
MAX_WORDS: Final = 12
MAX_WORD_LENGTH: Final = 64
#: Letters and digits, as FTS5's unicode61 tokenizer sees words (``_`` separates words).
_WORD: Final = re.compile(r"[^\W_]+")

#: The accessibility flags of an offer, as the filters and the catalog columns name them.
ACCESSIBILITY: Final = ("audio", "mental", "motor", "visual")


class Sort(enum.StrEnum):
    """How results are ordered.

    DISTANCE: closest first; with typed text, offers whose *name* matches come first.
    DATE: soonest next date first (undated offers last), then closest.
    PRICE: cheapest first, then closest.
    """

    DISTANCE = "distance"
    DATE = "date"
    PRICE = "price"


class Presence(enum.StrEnum):
    """Physical offers (a place to go), digital ones, or both."""

    ANY = "any"
    PHYSICAL = "physical"
    DIGITAL = "digital"


@dataclass(frozen=True)
class OfferFilters:
    """Everything the visitor chose on the offers screen; the defaults filter nothing.

    Attributes:
        text: what was typed in the search box.
        search_group: a taxonomy search group (``CONCERTS_FESTIVALS``…).
        subcategory: a subcategory id (``CONCERT``…).
        max_price_cents: the highest price; 0 means free offers only.
        starts_from, starts_before: only events with a bookable date in ``[from, before)``
            (aware datetimes; see kiosk.domain.offer_dates).
        max_distance_km: only places this close to the kiosk (digital offers have no
            place and pass).
        duo: only offers bookable for two.
        accessibility: only offers with every one of these flags (see ACCESSIBILITY).
        presence: physical, digital or both.
        venue_id: only the offers of one venue (the venue page).
        sort: see :class:`Sort`.
    """

    text: str = ""
    search_group: str | None = None
    subcategory: str | None = None
    max_price_cents: int | None = None
    starts_from: datetime | None = None
    starts_before: datetime | None = None
    max_distance_km: float | None = None
    duo: bool = False
    accessibility: frozenset[str] = field(default_factory=frozenset)
    presence: Presence = Presence.ANY
    venue_id: int | None = None
    sort: Sort = Sort.DISTANCE

    def __post_init__(self) -> None:
        unknown = set(self.accessibility) - set(ACCESSIBILITY)
        if unknown:
            raise ValueError(f"unknown accessibility flags: {sorted(unknown)}")
        for moment in (self.starts_from, self.starts_before):
            if moment is not None and moment.utcoffset() is None:
                raise ValueError("date filters need aware datetimes")


@dataclass(frozen=True)
class Bucket:
    """One run of results: ``WHERE {where} AND {condition} ORDER BY {order_by}``.

    Results are listed bucket after bucket (name matches before other matches, dated
    offers before undated ones), each in an order an index can give, so a page never sorts
    more than it shows.
    """

    condition: str
    order_by: str


@dataclass(frozen=True)
class OfferQuery:
    """The SQL pieces of one question over ``offers o``.

    Attributes:
        where: the filters every result passes (the count uses only this).
        buckets: the runs results are listed in, in order.
        params: the named parameters of both.
        source: ``"offers o"``, or with an index hint when the planner must be told.
    """

    where: str
    buckets: tuple[Bucket, ...]
    params: dict[str, object]
    source: str = "offers o"


def match_expression(text: str) -> str | None:
    """An FTS5 query matching every word of ``text`` by prefix, or None without words.

    Each word is quoted, so nothing the visitor types is FTS syntax: words are letters and
    digits only, hence never contain a quote, and AND/OR/NEAR become plain words.
    """
    words = _WORD.findall(unicodedata.normalize("NFC", text))[:MAX_WORDS]
    if not words:
        return None
    return " ".join(f'"{word[:MAX_WORD_LENGTH]}"*' for word in words)


def build_query(
    filters: OfferFilters, now: datetime, *, has_origin: bool = True, broad_text: bool = False
) -> OfferQuery:
    """The SQL answering ``filters`` at ``now``.

    Only offers bookable at ``now`` are ever returned. Without an origin (a kiosk that does
    not know where it stands yet) there are no distances: the distance filter is ignored
    rather than hiding every offer, and "closest first" falls back to the newest ids.

    The query walks the covering index ``offers_facets`` (every filter column, in distance
    order), which bounds any question by one pass over narrow index entries and stops after
    a page when results are many; SQLite's own guesses were up to 50 times slower. The
    exceptions are text matching few offers (``broad_text`` False; the caller probes the
    search index) and one venue's offers (``offers_by_venue``; the index above has no venue
    column): fetching those few rows and sorting them is quicker.
    """
    clauses = ["o.bookable_until > :now"]
    params: dict[str, object] = {"now": iso_instant(now)}
    match = match_expression(filters.text)
    if match is not None:
        clauses.append("o.id IN (SELECT rowid FROM offers_fts WHERE offers_fts MATCH :match)")
        params["match"] = match
    _add_taxonomy(filters, clauses, params)
    _add_price(filters, clauses, params)
    _add_dates(filters, clauses, params)
    if filters.max_distance_km is not None and has_origin:
        clauses.append("(o.distance_km <= :max_km OR o.is_digital)")
        params["max_km"] = filters.max_distance_km
    if filters.duo:
        clauses.append("o.is_duo")
    clauses.extend(f"o.{flag}_disability" for flag in sorted(filters.accessibility))
    if filters.presence is Presence.PHYSICAL:
        clauses.append("NOT o.is_digital")
    elif filters.presence is Presence.DIGITAL:
        clauses.append("o.is_digital")
    if filters.venue_id is not None:
        clauses.append("o.venue_id = :venue_id")
        params["venue_id"] = filters.venue_id
    narrow = (match is not None and not broad_text) or filters.venue_id is not None
    source = "offers o" if narrow else "offers o INDEXED BY offers_facets"
    buckets = _buckets(filters, match, params, has_origin)
    return OfferQuery(" AND ".join(clauses), buckets, params, source)


def _add_taxonomy(filters: OfferFilters, clauses: list[str], params: dict[str, object]) -> None:
    if filters.search_group is not None:
        clauses.append("o.search_group = :search_group")
        params["search_group"] = filters.search_group
    if filters.subcategory is not None:
        clauses.append("o.subcategory_id = :subcategory")
        params["subcategory"] = filters.subcategory


def _add_price(filters: OfferFilters, clauses: list[str], params: dict[str, object]) -> None:
    if filters.max_price_cents is None:
        return
    if filters.max_price_cents <= 0:
        clauses.append("o.min_price_cents = 0")
    else:
        clauses.append("o.min_price_cents <= :max_price")
        params["max_price"] = filters.max_price_cents


def _add_dates(filters: OfferFilters, clauses: list[str], params: dict[str, object]) -> None:
    if filters.starts_from is None and filters.starts_before is None:
        return
    params["starts_from"] = iso_instant(filters.starts_from) if filters.starts_from else ""
    params["starts_before"] = (
        iso_instant(filters.starts_before) if filters.starts_before else "9999-12-31T23:59:59Z"
    )
    # next_beginning is the earliest date still bookable when it was computed (at or before
    # now), so an offer whose next date is past the span has no date in it: a cheap test
    # from the covering index before the exact one in the stocks.
    clauses.append("o.next_beginning < :starts_before")
    clauses.append(
        "EXISTS (SELECT 1 FROM stocks s WHERE s.offer_id = o.id AND s.is_open "
        "AND s.closes_at > :now AND s.beginning >= :starts_from "
        "AND s.beginning < :starts_before)"
    )


def _buckets(
    filters: OfferFilters, match: str | None, params: dict[str, object], has_origin: bool
) -> tuple[Bucket, ...]:
    closest = "o.distance_km NULLS LAST, o.id" if has_origin else "o.id DESC"
    if filters.sort is Sort.DATE:
        return (
            Bucket("o.next_beginning IS NOT NULL", f"o.next_beginning, {closest}"),
            Bucket("o.next_beginning IS NULL", closest),
        )
    if filters.sort is Sort.PRICE:
        return (Bucket("true", f"o.min_price_cents NULLS LAST, {closest}"),)
    if match is None:
        return (Bucket("true", closest),)
    # Relevance first: an offer named after the words beats one that only mentions them.
    params["name_match"] = "{name} : (" + match + ")"
    named = "o.id IN (SELECT rowid FROM offers_fts WHERE offers_fts MATCH :name_match)"
    return (Bucket(named, closest), Bucket(f"NOT {named}", closest))


def iso_instant(moment: datetime) -> str:
    """``moment`` as the catalog's UTC text, whose order is the instants' order.

    Raises:
        ValueError: when ``moment`` is naive.
    """
    if moment.tzinfo is None:
        raise ValueError("the catalog needs aware datetimes")
    utc = moment.astimezone(UTC)
    # strftime("%Y") does not pad years below 1000 on every platform; order needs padding.
    return (
        f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}"
        f"T{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}Z"
    )
