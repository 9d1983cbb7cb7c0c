"""Browsing offers: filters, sorts, search as you type, pages, counts, facets and details.

Everything runs over a real catalog file filled through the sync's own write path with
offers in the API's shape. The shelf below is small enough to know by heart: each offer
sits a known distance north of the kiosk (1° of latitude is 111.19 km with the catalog's
Earth radius), so every expected list is written out in the order a visitor sees it.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.domain.offer_dates import DatePreset, day_span, preset_span
from kiosk.simulator.data import taxonomy
from kiosk.storage.catalog import Catalog, open_catalog
from kiosk.storage.catalog_schema import MIGRATIONS
from kiosk.storage.db import open_database
from kiosk.storage.offer_query import (
    ACCESSIBILITY,
    OfferFilters,
    Presence,
    Sort,
    build_query,
    iso_instant,
    match_expression,
)
from kiosk.storage.offers import MAX_DATES, Facet, OfferBrowser, PageCursor
from tests.catalog_data import accessibility, iso, offer, page, stock, venue

NOW = datetime(2026, 6, 3, 10, 0, tzinfo=UTC)  # a Wednesday, noon in Paris
SYNCED = NOW - timedelta(hours=2)  # when the sync fetched the offers
PARIS = "Europe/Paris"
ORIGIN = (45.0, 5.0)
KM_PER_DEGREE = 6371.0 * math.pi / 180

JUST_PAST = NOW - timedelta(minutes=30)  # still bookable when synced, begun by now
TONIGHT = datetime(2026, 6, 3, 18, 0, tzinfo=UTC)
THURSDAY = datetime(2026, 6, 4, 18, 0, tzinfo=UTC)
SATURDAY = datetime(2026, 6, 6, 18, 0, tzinfo=UTC)
SUNDAY = datetime(2026, 6, 7, 13, 0, tzinfo=UTC)
IN_TWO_WEEKS = datetime(2026, 6, 17, 18, 0, tzinfo=UTC)
NEXT_MONTH = datetime(2026, 7, 1, 18, 0, tzinfo=UTC)
CINEMA_DAYS = tuple(datetime(2026, 6, 10 + n, 18, 0, tzinfo=UTC) for n in range(8))

GROUPS = {entry["id"]: entry["searchGroupName"] for entry in taxonomy()["subcategories"]}


def north(km: float) -> tuple[float, float]:
    """A point ``km`` kilometres north of the kiosk."""
    return ORIGIN[0] + km / KM_PER_DEGREE, ORIGIN[1]


class S(NamedTuple):
    """One stock of a shelf offer."""

    price: int
    begins: datetime | None = None
    sold_out: bool = False
    remaining: int | None = None

    def open_at(self, now: datetime) -> bool:
        return (
            not self.sold_out
            and self.remaining != 0
            and (self.begins is None or self.begins > now)
        )


@dataclass(frozen=True)
class Spec:
    """A shelf offer, and what a visitor may ask of it."""

    id: int
    name: str
    subcategory: str
    km: float | None  # None: digital
    stocks: tuple[S, ...]
    duo: bool = False
    flags: frozenset[str] = frozenset()
    description: str | None = None
    venue_id: int = 7
    venue_name: str = "Médiathèque du centre"
    sold_out: bool = False
    address: dict[str, Any] | None = None

    def api(self) -> dict[str, Any]:
        where = north(self.km if self.km is not None and self.address is None else 50)
        return offer(
            self.id,
            self.name,
            description=self.description,
            subcategory=self.subcategory,
            venue_id=self.venue_id,
            venue_name=self.venue_name,
            coordinates=where,
            digital=self.km is None,
            duo=self.duo,
            event=any(s.begins for s in self.stocks),
            flags=accessibility(self.flags),
            address=self.address,
            sold_out=self.sold_out,
            stocks=[
                stock(self.id * 100 + n, s.price, begins=s.begins, remaining=s.remaining,
                      sold_out=s.sold_out, bookable=not s.sold_out)
                for n, s in enumerate(self.stocks)
            ],  # fmt: skip
        )

    @property
    def open_stocks(self) -> list[S]:
        return [] if self.sold_out else [s for s in self.stocks if s.open_at(NOW)]

    @property
    def price(self) -> int | None:
        return min((s.price for s in self.open_stocks), default=None)

    @property
    def next_date(self) -> datetime | None:
        return min((s.begins for s in self.open_stocks if s.begins), default=None)


MJC = {
    "label": "MJC des Buers", "street": "3 place Lazare-Goujon", "postalCode": "69100",
    "city": "Villeurbanne", "coordinates": dict(zip(("latitude", "longitude"), north(5),
    strict=True)), "timezone": PARIS,
}  # fmt: skip
GARCIN = "Salle Paul-Garcin"
SHELF = (
    Spec(1, "Concert de jazz au parc", "CONCERT", 3, (S(0, SATURDAY),), duo=True,
         flags=frozenset({"audio", "motor"}), venue_id=8, venue_name=GARCIN),
    Spec(2, "Concert de rock", "CONCERT", 15, (S(1500, THURSDAY),),
         flags=frozenset({"audio"}), venue_id=8, venue_name=GARCIN),
    Spec(3, "Théâtre : Le Misanthrope", "SPECTACLE_REPRESENTATION", 8,
         (S(1800, NEXT_MONTH), S(1200, SUNDAY)), duo=True,
         flags=frozenset({"visual", "mental"}), description="Une comédie de Molière."),
    Spec(4, "Visite guidée", "VISITE_GUIDEE", 1, (S(0, IN_TWO_WEEKS),),
         flags=frozenset(ACCESSIBILITY), description="Le théâtre romain et ses coulisses."),
    Spec(5, "Dune", "LIVRE_PAPIER", 2, (S(900),), description="Un classique de la SF."),
    Spec(6, "Fondation", "LIVRE_NUMERIQUE", None, (S(799),), flags=frozenset({"visual"}),
         venue_id=9, venue_name="Librairie en ligne"),
    Spec(7, "Manga : One Piece", "LIVRE_PAPIER", 40, (S(700),)),
    Spec(8, "Concert lointain", "CONCERT", 60, (S(0, SATURDAY),), duo=True),
    Spec(9, "Atelier théâtre", "ATELIER_PRATIQUE_ART", 5,
         (S(300, JUST_PAST), S(500, NEXT_MONTH)), flags=frozenset({"motor"}), address=MJC),
    Spec(10, "Spectacle enregistré : Cyrano", "SPECTACLE_ENREGISTRE", None, (S(0),),
         venue_id=9, venue_name="Librairie en ligne"),
    # Never shown: a concert begun since the sync, a sold-out one, one without places left.
    Spec(11, "Concert de jazz passé", "CONCERT", 2, (S(0, JUST_PAST),), duo=True),
    Spec(12, "Concert de jazz complet", "CONCERT", 2, (S(0, SATURDAY, sold_out=True),),
         duo=True, sold_out=True),
    Spec(13, "Concert de jazz sans places", "CONCERT", 2, (S(0, SATURDAY, remaining=0),),
         duo=True),
    Spec(14, "Soirée blues", "CONCERT", 0.5, (S(0, TONIGHT),),
         description="Du jazz et du blues toute la nuit.", venue_id=8, venue_name=GARCIN),
    Spec(15, "Festival d'été", "FESTIVAL_MUSIQUE", 0.8, (S(2500, SATURDAY),), duo=True,
         description="Trois jours de concerts en plein air."),
    Spec(16, "Le Voyage de Chihiro", "SEANCE_CINE", 4,
         (S(100, datetime(2026, 6, 9, 18, tzinfo=UTC), sold_out=True),
          *(S(690, day) for day in reversed(CINEMA_DAYS)))),
)  # fmt: skip
BY_ID = {spec.id: spec for spec in SHELF}
CLOSED = (11, 12, 13)
BOOKABLE = tuple(spec for spec in SHELF if spec.id not in CLOSED)
#: Every bookable offer, closest first (digital ones have no distance and come last).
CLOSEST = [14, 15, 4, 5, 1, 16, 9, 3, 2, 7, 8, 6, 10]
#: Soonest first (Saturday's three events closest first), then the undated, closest first.
SOONEST = [14, 2, 15, 1, 8, 3, 16, 4, 9, 5, 7, 6, 10]

VENUES = [
    venue(7, "Médiathèque du centre", latitude=north(0.2)[0], longitude=ORIGIN[1]),
    venue(8, "SAS Paul-Garcin", publicName=GARCIN, description="Concerts et soirées.",
          street="8 quai Achille-Lignon", postalCode="69006", city="Lyon",
          latitude=north(3)[0], longitude=ORIGIN[1], activity="PERFORMANCE_HALL",
          openingHours={"MONDAY": None, "TUESDAY": [{"open": "14:00", "close": "19:00"}]},
          accessibilityData={"isAccessibleAudioDisability": True,
                             "isAccessibleMentalDisability": False,
                             "isAccessibleMotorDisability": True,
                             "isAccessibleVisualDisability": None},
          bannerUrl="https://storage.example/garcin.png"),
    venue(9, "Librairie en ligne", latitude=None, longitude=None, city=None, postalCode=None),
]  # fmt: skip

WEEKEND = preset_span(DatePreset.WEEKEND, NOW, PARIS)
WEEK = preset_span(DatePreset.WEEK, NOW, PARIS)
TODAY = preset_span(DatePreset.TODAY, NOW, PARIS)


def fill(catalog: Catalog, specs: Sequence[Spec] = SHELF, *, origin: bool = True) -> Catalog:
    """Fill ``catalog`` as a sync does: taxonomy, venues, offers, then refresh at now."""
    if origin:
        catalog.set_origin(*ORIGIN)
    catalog.store_taxonomy(taxonomy(), '"t1"')
    catalog.apply_venues_page(VENUES, [], "v1", full_resync=True, has_more=False)
    page(catalog, [spec.api() for spec in specs], full=True, now=SYNCED)
    catalog.refresh_bookable(NOW)
    return catalog


@pytest.fixture(scope="module")
def shelf(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Catalog]:
    with open_catalog(tmp_path_factory.mktemp("shelf") / "catalog.sqlite3") as catalog:
        yield fill(catalog)


@pytest.fixture(scope="module")
def unplaced(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Catalog]:
    """The same shelf in a kiosk that does not know where it stands yet."""
    with open_catalog(tmp_path_factory.mktemp("unplaced") / "catalog.sqlite3") as catalog:
        yield fill(catalog, origin=False)


@pytest.fixture(scope="module")
def browser(shelf: Catalog) -> OfferBrowser:
    return OfferBrowser(shelf)


@pytest.fixture(scope="module", params=["usual", "every text broad"])
def browsers(request: pytest.FixtureRequest, shelf: Catalog) -> OfferBrowser:
    """The browser as the kiosk builds it, and one taking every text for broad.

    The shelf is too small to reach the plans of large catalogs otherwise.
    """
    if request.param == "usual":
        return OfferBrowser(shelf)
    return OfferBrowser(shelf, broad_text=1)


def found(browser: OfferBrowser, filters: OfferFilters, now: datetime = NOW) -> list[int]:
    """The ids the list shows, in order, and check the count says as many."""
    ids = [card.id for card in browser.find(filters, now, limit=100)]
    assert browser.count(filters, now) == len(ids)
    return ids


def walk(browser: OfferBrowser, filters: OfferFilters, limit: int) -> list[int]:
    """Every id the list shows, scrolling page after page."""
    ids: list[int] = []
    cursor: PageCursor | None = PageCursor()
    while cursor is not None:
        result = browser.page(filters, NOW, cursor, limit=limit)
        assert len(result.cards) <= limit
        assert result.next is None or len(result.cards) == limit
        ids += [card.id for card in result.cards]
        cursor = result.next
    return ids


# --- the oracle: what the shelf answers, worked out from the specs ------------------------


def passes(spec: Spec, filters: OfferFilters, *, has_origin: bool = True) -> bool:
    if not spec.open_stocks:
        return False
    if filters.search_group is not None and GROUPS[spec.subcategory] != filters.search_group:
        return False
    if filters.subcategory is not None and spec.subcategory != filters.subcategory:
        return False
    price = spec.price
    if filters.max_price_cents is not None and (price is None or price > filters.max_price_cents):
        return False
    if filters.starts_from is not None or filters.starts_before is not None:
        low = filters.starts_from or datetime.min.replace(tzinfo=UTC)
        high = filters.starts_before or datetime.max.replace(tzinfo=UTC)
        if not any(s.begins and low <= s.begins < high for s in spec.open_stocks):
            return False
    near = filters.max_distance_km
    if near is not None and has_origin and spec.km is not None and spec.km > near:
        return False
    if filters.duo and not spec.duo:
        return False
    if not filters.accessibility <= spec.flags:
        return False
    if filters.presence is Presence.PHYSICAL and spec.km is None:
        return False
    if filters.presence is Presence.DIGITAL and spec.km is not None:
        return False
    return filters.venue_id is None or spec.venue_id == filters.venue_id


def expected(filters: OfferFilters) -> list[int]:
    """The shelf's answer to a question without text, in the order of its sort."""
    chosen = [spec for spec in BOOKABLE if passes(spec, filters)]

    def closest(spec: Spec) -> tuple[bool, float, int]:
        return spec.km is None, spec.km or 0.0, spec.id

    if filters.sort is Sort.DATE:
        never = datetime.max.replace(tzinfo=UTC)
        chosen.sort(key=lambda s: (s.next_date is None, s.next_date or never, closest(s)))
    elif filters.sort is Sort.PRICE:
        chosen.sort(key=lambda s: (s.price, closest(s)))
    else:
        chosen.sort(key=closest)
    return [spec.id for spec in chosen]


def test_the_oracle_agrees_with_the_list_written_by_hand() -> None:
    assert expected(OfferFilters()) == CLOSEST


# --- filters, one at a time ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        (OfferFilters(), CLOSEST),
        (OfferFilters(search_group="CONCERTS_FESTIVALS"), [14, 15, 1, 2, 8]),
        (OfferFilters(search_group="LIVRES"), [5, 7, 6]),
        (OfferFilters(search_group="CINEMA"), [16]),
        (OfferFilters(search_group="JEUX_JEUX_VIDEOS"), []),
        (OfferFilters(subcategory="CONCERT"), [14, 1, 2, 8]),
        (OfferFilters(subcategory="LIVRE_PAPIER"), [5, 7]),
        (OfferFilters(max_price_cents=0), [14, 4, 1, 8, 10]),
        (OfferFilters(max_price_cents=700), [14, 4, 1, 16, 9, 7, 8, 10]),
        (OfferFilters(max_price_cents=1000), [14, 4, 5, 1, 16, 9, 7, 8, 6, 10]),
        (OfferFilters(max_distance_km=1), [14, 15, 4, 6, 10]),  # digital offers pass
        (OfferFilters(max_distance_km=10), [14, 15, 4, 5, 1, 16, 9, 3, 6, 10]),
        (OfferFilters(max_distance_km=50), [14, 15, 4, 5, 1, 16, 9, 3, 2, 7, 6, 10]),
        (OfferFilters(duo=True), [15, 1, 3, 8]),
        (OfferFilters(accessibility=frozenset({"audio"})), [4, 1, 2]),
        (OfferFilters(accessibility=frozenset({"mental"})), [4, 3]),
        (OfferFilters(accessibility=frozenset({"motor"})), [4, 1, 9]),
        (OfferFilters(accessibility=frozenset({"visual"})), [4, 3, 6]),
        (OfferFilters(accessibility=frozenset(ACCESSIBILITY)), [4]),
        (OfferFilters(presence=Presence.PHYSICAL), [i for i in CLOSEST if i not in (6, 10)]),
        (OfferFilters(presence=Presence.DIGITAL), [6, 10]),
        (OfferFilters(venue_id=8), [14, 1, 2]),
        (OfferFilters(venue_id=404), []),
    ],
    ids=repr,
)
def test_each_filter_alone(browser: OfferBrowser, filters: OfferFilters, ids: list[int]) -> None:
    assert found(browser, filters) == ids
    assert expected(filters) == ids


@pytest.mark.parametrize(
    ("span", "ids"),
    [
        # Atelier théâtre's stock of this morning has begun: only next month's is left.
        (TODAY, [14]),
        (WEEKEND, [15, 1, 3, 8]),
        (WEEK, [14, 15, 1, 3, 2, 8]),
        (day_span(date(2026, 6, 17), date(2026, 6, 17), NOW, PARIS), [4, 16]),
        # Only a sold-out screening that day.
        (day_span(date(2026, 6, 9), date(2026, 6, 9), NOW, PARIS), []),
        (day_span(date(2026, 7, 1), date(2026, 6, 20), NOW, PARIS), [9, 3]),
    ],
    ids=["today", "weekend", "week", "17 June", "9 June", "20 June-1 July"],
)
def test_date_spans_keep_offers_with_a_bookable_date_inside(
    browser: OfferBrowser, span: Any, ids: list[int]
) -> None:
    filters = OfferFilters(starts_from=span.start, starts_before=span.end)
    assert found(browser, filters) == ids


def test_a_half_open_date_filter(browser: OfferBrowser) -> None:
    assert found(browser, OfferFilters(starts_before=SATURDAY)) == [14, 2]
    assert found(browser, OfferFilters(starts_from=NEXT_MONTH)) == [9, 3]
    # The bounds are [from, before): an event at the very instant "before" is left out.
    assert found(browser, OfferFilters(starts_from=SATURDAY, starts_before=SUNDAY)) == [15, 1, 8]


def test_a_date_begun_since_the_last_sync_no_longer_counts(tmp_path: Path) -> None:
    # No refresh since the sync: the stored next date is this morning's, already begun.
    with open_catalog(tmp_path / "catalog.sqlite3") as catalog:
        catalog.set_origin(*ORIGIN)
        page(catalog, [BY_ID[9].api(), BY_ID[11].api()], now=SYNCED)
        browser = OfferBrowser(catalog)
        this_morning = OfferFilters(starts_from=SYNCED, starts_before=NOW + timedelta(hours=1))
        assert found(browser, this_morning) == []
        next_month = day_span(NEXT_MONTH.date(), NEXT_MONTH.date(), NOW, PARIS)
        assert found(browser, OfferFilters(starts_from=next_month.start,
                                           starts_before=next_month.end)) == [9]  # fmt: skip
        detail = browser.detail(9, NOW)
        assert detail is not None and detail.dates == (NEXT_MONTH,)
        assert browser.detail(11, NOW) is None


# --- combinations -------------------------------------------------------------------------


FREE_CONCERT_THIS_WEEKEND_WITHIN_10_KM = OfferFilters(
    search_group="CONCERTS_FESTIVALS", max_price_cents=0, starts_from=WEEKEND.start,
    starts_before=WEEKEND.end, max_distance_km=10,
)  # fmt: skip


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        (FREE_CONCERT_THIS_WEEKEND_WITHIN_10_KM, [1]),
        (replace(FREE_CONCERT_THIS_WEEKEND_WITHIN_10_KM, max_distance_km=None), [1, 8]),
        (replace(FREE_CONCERT_THIS_WEEKEND_WITHIN_10_KM, max_price_cents=None), [15, 1]),
        (OfferFilters(search_group="CONCERTS_FESTIVALS", duo=True), [15, 1, 8]),
        (OfferFilters(search_group="LIVRES", presence=Presence.PHYSICAL), [5, 7]),
        (OfferFilters(search_group="LIVRES", max_distance_km=10), [5, 6]),
        (OfferFilters(max_price_cents=0, presence=Presence.DIGITAL), [10]),
        (OfferFilters(subcategory="CONCERT", accessibility=frozenset({"audio", "motor"})), [1]),
        (OfferFilters(venue_id=8, max_price_cents=0, starts_from=WEEK.start,
                      starts_before=WEEK.end), [14, 1]),
        (OfferFilters(duo=True, accessibility=frozenset({"visual"}), max_distance_km=10), [3]),
        (OfferFilters(search_group="CINEMA", presence=Presence.DIGITAL), []),
        (OfferFilters(text="concert", max_price_cents=0), [1, 8]),
        (OfferFilters(text="théâtre", max_distance_km=6), [9, 4]),
        (OfferFilters(text="concert", starts_from=WEEKEND.start, starts_before=WEEKEND.end,
                      max_distance_km=10), [1, 15]),
    ],
    ids=repr,
)  # fmt: skip
def test_filters_combine(browser: OfferBrowser, filters: OfferFilters, ids: list[int]) -> None:
    assert found(browser, filters) == ids


def test_cards_say_what_the_filters_looked_at(browser: OfferBrowser) -> None:
    (card,) = browser.find(FREE_CONCERT_THIS_WEEKEND_WITHIN_10_KM, NOW)
    assert (card.name, card.subcategory_id, card.subcategory_label) == (
        "Concert de jazz au parc", "CONCERT", "Concert")  # fmt: skip
    assert (card.search_group, card.venue_id, card.venue_name, card.city) == (
        "CONCERTS_FESTIVALS", 8, GARCIN, "Lyon")  # fmt: skip
    assert card.distance_km == pytest.approx(3)
    assert (card.min_price_cents, card.next_beginning) == (0, SATURDAY)
    assert (card.is_duo, card.is_digital, card.is_event) == (True, False, True)
    assert card.image_url == "https://storage.example/1.png"
    (digital,) = browser.find(OfferFilters(search_group="LIVRES", presence=Presence.DIGITAL), NOW)
    assert (digital.distance_km, digital.is_digital, digital.next_beginning) == (None, True, None)


# --- sorts --------------------------------------------------------------------------------


def test_sort_by_date_lists_dated_offers_soonest_first_then_the_undated(
    browser: OfferBrowser,
) -> None:
    assert found(browser, OfferFilters(sort=Sort.DATE)) == SOONEST
    cards = browser.find(OfferFilters(sort=Sort.DATE), NOW, limit=100)
    dates = [card.next_beginning for card in cards if card.next_beginning is not None]
    assert dates == sorted(dates) and len(dates) == 9
    assert cards[8].next_beginning == NEXT_MONTH  # not this morning's, begun already


def test_sort_by_price_lists_the_cheapest_first(browser: OfferBrowser) -> None:
    ids = found(browser, OfferFilters(sort=Sort.PRICE))
    assert ids == [14, 4, 1, 8, 10, 9, 16, 7, 6, 5, 3, 2, 15]
    # Prices are those still bookable: Atelier théâtre's 3 € session has begun.
    assert [c.min_price_cents for c in browser.find(OfferFilters(sort=Sort.PRICE), NOW)][5] == 500


def test_sorts_keep_the_filters(browser: OfferBrowser) -> None:
    concerts = OfferFilters(search_group="CONCERTS_FESTIVALS")
    assert found(browser, replace(concerts, sort=Sort.DATE)) == [14, 2, 15, 1, 8]
    assert found(browser, replace(concerts, sort=Sort.PRICE)) == [14, 1, 8, 2, 15]
    assert found(browser, OfferFilters(text="concert", sort=Sort.DATE)) == [2, 15, 1, 8]
    assert found(browser, OfferFilters(text="concert", sort=Sort.PRICE)) == [1, 8, 2, 15]


# --- search as you type -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        # Names first (closest first), then offers that only mention the words.
        ("theatre", [9, 3, 4]),
        ("Théâtre", [9, 3, 4]),
        ("THEÂTRE", [9, 3, 4]),
        ("thé", [9, 3, 4]),
        ("c", [1, 16, 2, 8, 10, 15, 4, 5, 9, 3, 7]),  # any word starting with c
        ("co", [1, 2, 8, 15, 4, 3]),
        ("conc", [1, 2, 8, 15]),
        ("concert", [1, 2, 8, 15]),
        ("jazz", [1, 14]),
        ("concert jazz", [1]),
        ("jazz concert", [1]),
        ("conc ja", [1]),
        ("jazz rock", []),
        ("molière", [3]),
        ("garcin", [14, 1, 2]),  # the venue's name
        ("chihiro voyage", [16]),
        ("xylophone", []),
    ],
)
def test_search_as_you_type(browser: OfferBrowser, text: str, ids: list[int]) -> None:
    assert found(browser, OfferFilters(text=text)) == ids


@pytest.mark.parametrize("text", ["", " ", "   \t\n ", "!!! ???", "-", "*", "\x00", "🎷🎺"])
def test_text_without_words_filters_nothing(browser: OfferBrowser, text: str) -> None:
    assert match_expression(text) is None
    assert found(browser, OfferFilters(text=text)) == CLOSEST
    assert found(browser, OfferFilters(text=text, max_price_cents=0)) == [14, 4, 1, 8, 10]


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("concert " * 1250, [1, 2, 8, 15]),  # 10,000 characters of the same word
        ("jazz " + "x" * 10_000, []),  # a 10,000-letter word matches nothing
        ("a" * 10_000, []),
        ("é" * 10_000, []),
        ("jazz" + " !" * 5000, [1, 14]),
    ],
    ids=["repeated word", "jazz and a long word", "long word", "long accented", "punctuation"],
)
def test_very_long_text(browser: OfferBrowser, text: str, ids: list[int]) -> None:
    assert len(text) >= 10_000
    assert found(browser, OfferFilters(text=text)) == ids


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("jazz'", [1, 14]),
        ("d'été", [15]),
        ('"jazz"', [1, 14]),
        ('jazz"', [1, 14]),
        ('"', CLOSEST),
        ("conc*", [1, 2, 8, 15]),
        ("*jazz*", [1, 14]),
        ("-rock", [2]),  # not "without rock"
        ("concert -rock", [2]),
        ("concert NOT rock", []),
        ("concert NEAR rock", []),
        ("NEAR(concert rock)", []),
        ("NEAR", []),
        ("concert AND rock", []),
        ("AND", []),
        ("jazz OR rock", []),  # as words, not "either": nothing starts with "or"
        ("OR", []),
        ("(jazz)", [1, 14]),
        ("jazz)", [1, 14]),
        ("((", CLOSEST),
        ("jazz:", [1, 14]),
        ("name:jazz", []),
        ("description:jazz", []),
        ("^jazz", [1, 14]),
        ("{name}", []),
        ("{name} : jazz", []),
        ("jazz\x00", [1, 14]),
        ("ja\x00zz", []),
        ("jazz 🎷", [1, 14]),
        ("jazz\ud800", [1, 14]),
        ("jazz + rock", []),
        ("'; DROP TABLE offers; --", []),
        ("%", CLOSEST),
        ("jazz_concert", [1]),
        ("théâtre\u0301", [9, 3, 4]),
    ],
)
def test_special_characters_are_never_syntax(
    browser: OfferBrowser, shelf: Catalog, text: str, ids: list[int]
) -> None:
    assert found(browser, OfferFilters(text=text)) == ids
    assert found(browser, OfferFilters(text=text, sort=Sort.DATE)) == sorted(ids, key=SOONEST.index)
    assert shelf.counts(NOW).bookable_offers == len(CLOSEST)  # nothing was dropped


def test_match_expression_quotes_every_word_by_prefix() -> None:
    assert match_expression("  Théâtre l'été ") == '"Théâtre"* "l"* "été"*'
    assert match_expression('NEAR("a" b)') == '"NEAR"* "a"* "b"*'
    assert match_expression("e\u0301te\u0301") == '"été"*'  # decomposed accents
    many = match_expression(" ".join(f"mot{n}" for n in range(30)))
    assert many is not None and many.count("*") == 12
    long = match_expression("x" * 500)
    assert long == '"' + "x" * 64 + '"*'


# --- the property: nothing raises, and what comes out answers the question ---------------


_SPANS = [None, TODAY, WEEKEND, WEEK, day_span(date(2026, 6, 17), date(2026, 6, 20), NOW, PARIS)]
_WORDS = ["concert", "conc", "théâtre", "jazz", "livre", "c", "a", "dune", "garcin", "été"]

filters_strategy = st.builds(
    lambda text, group, sub, price, span, bounds, km, duo, flags, presence, venue_id, sort: (
        OfferFilters(
            text=text, search_group=group, subcategory=sub, max_price_cents=price,
            starts_from=span.start if span and bounds != "before" else None,
            starts_before=span.end if span and bounds != "from" else None,
            max_distance_km=km, duo=duo, accessibility=flags, presence=presence,
            venue_id=venue_id, sort=sort,
        )
    ),
    st.text() | st.sampled_from(_WORDS) | st.lists(st.sampled_from(_WORDS)).map(" ".join),
    st.sampled_from([None, "CONCERTS_FESTIVALS", "LIVRES", "SPECTACLES", "CINEMA", "NONE"]),
    st.sampled_from([None, None, "CONCERT", "LIVRE_PAPIER", "SEANCE_CINE"]),
    st.sampled_from([None, 0, 500, 1000, 2000]),
    st.sampled_from(_SPANS),
    st.sampled_from(["both", "from", "before"]),
    st.sampled_from([None, 0.1, 2.5, 4.5, 10.0, 20.0, 50.0]),
    st.booleans(),
    st.frozensets(st.sampled_from(ACCESSIBILITY)),
    st.sampled_from(Presence),
    st.sampled_from([None, 7, 8, 9]),
    st.sampled_from(Sort),
)  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(filters=filters_strategy, limit=st.integers(1, 6))
def test_any_question_gets_an_answer_that_fits_it(
    browser: OfferBrowser, shelf: Catalog, filters: OfferFilters, limit: int
) -> None:
    ids = walk(browser, filters, limit)
    count = browser.count(filters, NOW)
    assert count == len(ids) == len(set(ids))
    without_text = expected(replace(filters, text=""))
    if match_expression(filters.text) is None:
        assert ids == without_text
    else:
        assert set(ids) <= set(without_text)
        if filters.sort is not Sort.DISTANCE:  # relevance only reorders "closest first"
            assert ids == [i for i in without_text if i in ids]
    cards = browser.cards(ids)
    for card in cards:
        summary = shelf.offer_summary(card.id)
        assert summary is not None and summary.bookable_at(NOW)
        assert filters.search_group in (None, card.search_group)
        assert filters.subcategory in (None, card.subcategory_id)
        assert filters.venue_id in (None, card.venue_id)
        if filters.max_price_cents is not None:
            assert card.min_price_cents is not None
            assert card.min_price_cents <= filters.max_price_cents
        if filters.max_distance_km is not None:
            assert card.is_digital or card.distance_km is not None
            assert card.is_digital or card.distance_km <= filters.max_distance_km
        assert card.is_duo or not filters.duo
        if filters.presence is not Presence.ANY:
            assert card.is_digital == (filters.presence is Presence.DIGITAL)
        for flag in filters.accessibility:
            assert getattr(summary, f"{flag}_disability") is True


# --- paging -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "filters",
    [
        OfferFilters(),
        OfferFilters(text="concert"),  # names, then a description: two runs
        OfferFilters(text="théâtre"),
        OfferFilters(text="c"),
        OfferFilters(sort=Sort.DATE),  # dated, then undated: two runs
        OfferFilters(sort=Sort.DATE, search_group="LIVRES"),  # the dated run is empty
        OfferFilters(sort=Sort.PRICE, max_distance_km=10),
        OfferFilters(text="xylophone"),
    ],
    ids=repr,
)
def test_scrolling_shows_every_offer_once_in_order(
    browser: OfferBrowser, filters: OfferFilters
) -> None:
    everything = found(browser, filters)
    for limit in range(1, len(CLOSEST) + 2):
        assert walk(browser, filters, limit) == everything
    assert browser.page(filters, NOW, limit=0).cards == []
    assert browser.find(filters, NOW, limit=0) == []


def test_a_page_continues_across_the_end_of_a_run(browser: OfferBrowser) -> None:
    concerts = OfferFilters(text="concert")
    first = browser.page(concerts, NOW, limit=2)
    assert [card.id for card in first.cards] == [1, 2]
    second = browser.page(concerts, NOW, first.next, limit=2)
    assert [card.id for card in second.cards] == [8, 15]  # last name match, then description
    assert second.next is not None
    last = browser.page(concerts, NOW, second.next, limit=2)
    assert (last.cards, last.next) == ([], None)
    dated = OfferFilters(sort=Sort.DATE)
    ninth = browser.page(dated, NOW, PageCursor(0, 8), limit=3)
    assert [card.id for card in ninth.cards] == [9, 5, 7]  # last dated, then undated


def test_counts_stop_at_the_cap(browser: OfferBrowser) -> None:
    assert browser.count(OfferFilters(), NOW) == len(CLOSEST)
    assert browser.count(OfferFilters(), NOW, cap=5) == 5
    assert browser.count(OfferFilters(text="concert"), NOW, cap=2) == 2
    assert browser.count(OfferFilters(text="concert"), NOW, cap=100) == 4
    assert browser.count(OfferFilters(text="xylophone"), NOW, cap=1) == 0


# --- offers that cannot be booked ---------------------------------------------------------


def test_offers_that_cannot_be_booked_are_never_shown(
    browser: OfferBrowser, shelf: Catalog
) -> None:
    assert shelf.counts(NOW).offers == len(SHELF)  # they are stored…
    for text in ("jazz", "concert", "passé", "complet", "places", ""):
        for sort in Sort:
            filters = OfferFilters(text=text, sort=sort)
            assert not set(walk(browser, filters, 3)) & set(CLOSED)
    assert browser.find(OfferFilters(text="complet"), NOW) == []
    assert browser.count(OfferFilters(subcategory="CONCERT", duo=True), NOW) == 2
    for offer_id in CLOSED:
        assert browser.detail(offer_id, NOW) is None
    facets = {facet.id: facet.count for facet in browser.search_groups(NOW)}
    assert facets["CONCERTS_FESTIVALS"] == 5
    concert = {facet.id: facet.count for facet in browser.subcategories("CONCERTS_FESTIVALS", NOW)}
    assert concert["CONCERT"] == 4


def test_offers_leave_the_list_when_their_last_date_passes(browser: OfferBrowser) -> None:
    evening = TONIGHT + timedelta(minutes=1)
    assert 14 not in found(browser, OfferFilters(), evening)
    assert browser.detail(14, evening) is None
    later = NEXT_MONTH + timedelta(days=1)
    assert found(browser, OfferFilters(), later) == [5, 7, 6, 10]  # only the undated


# --- facets -------------------------------------------------------------------------------


def test_search_groups_are_labelled_by_the_taxonomy_in_its_order(browser: OfferBrowser) -> None:
    assert browser.search_groups(NOW) == [
        Facet("ARTS_LOISIRS_CREATIFS", "Arts et loisirs créatifs", 1),
        Facet("CINEMA", "Cinéma", 1),
        Facet("CONCERTS_FESTIVALS", "Concerts et festivals", 5),
        Facet("LIVRES", "Livres", 3),
        Facet("MUSEES_VISITES_CULTURELLES", "Musées et visites", 1),
        Facet("SPECTACLES", "Spectacles", 2),
    ]
    assert sum(facet.count for facet in browser.search_groups(NOW)) == len(CLOSEST)
    when_every_event_is_over = NEXT_MONTH + timedelta(days=1)
    assert [facet.id for facet in browser.search_groups(when_every_event_is_over)] == [
        "LIVRES", "SPECTACLES"]  # fmt: skip


def test_subcategories_of_a_group_by_label(browser: OfferBrowser) -> None:
    assert browser.subcategories("CONCERTS_FESTIVALS", NOW) == [
        Facet("CONCERT", "Concert", 4),
        Facet("FESTIVAL_MUSIQUE", "Festival de musique", 1),
    ]
    assert browser.subcategories("LIVRES", NOW) == [
        Facet("LIVRE_PAPIER", "Livre", 2),
        Facet("LIVRE_NUMERIQUE", "Livre numérique, e-book", 1),
    ]
    assert browser.subcategories("JEUX_JEUX_VIDEOS", NOW) == []


def test_without_a_taxonomy_groups_keep_their_names(tmp_path: Path) -> None:
    with open_catalog(tmp_path / "catalog.sqlite3") as catalog:
        catalog.store_taxonomy(
            {"subcategories": [{"id": "CONCERT", "searchGroupName": "CONCERTS_FESTIVALS"}]}, None
        )
        page(catalog, [BY_ID[1].api()], now=SYNCED)
        browser = OfferBrowser(catalog)
        assert browser.search_groups(NOW) == [
            Facet("CONCERTS_FESTIVALS", "CONCERTS_FESTIVALS", 1)
        ]
        assert browser.subcategories("CONCERTS_FESTIVALS", NOW) == [
            Facet("CONCERT", "CONCERT", 1)
        ]


# --- offer and venue pages ----------------------------------------------------------------


def test_offer_detail(browser: OfferBrowser) -> None:
    detail = browser.detail(3, NOW)
    assert detail is not None
    assert detail.card.name == "Théâtre : Le Misanthrope"
    assert detail.card.subcategory_label == "Spectacle, représentation"
    assert detail.card.distance_km == pytest.approx(8)
    assert detail.description == "Une comédie de Molière."
    assert detail.address == "12 rue Pasteur, 69100 Villeurbanne"  # the venue's
    assert detail.dates == (SUNDAY, NEXT_MONTH)  # sorted, though sent the other way
    assert all(moment.utcoffset() == timedelta(0) for moment in detail.dates)
    assert detail.accessibility == {"audio": False, "mental": True, "motor": False,
                                    "visual": True}  # fmt: skip
    assert detail.withdrawal_details is None


def test_offer_detail_lists_only_the_next_bookable_dates(browser: OfferBrowser) -> None:
    cinema = browser.detail(16, NOW)
    assert cinema is not None
    assert cinema.dates == CINEMA_DAYS[:MAX_DATES]  # not the sold-out one before them
    assert cinema.card.min_price_cents == 690
    workshop = browser.detail(9, NOW)
    assert workshop is not None
    assert workshop.dates == (NEXT_MONTH,)  # this morning's has begun
    later = browser.detail(16, CINEMA_DAYS[3])
    assert later is not None and later.dates == CINEMA_DAYS[4:]


def test_offer_detail_has_its_own_address_when_it_is_not_at_the_venue(
    browser: OfferBrowser,
) -> None:
    workshop = browser.detail(9, NOW)
    assert workshop is not None
    assert workshop.address == "3 place Lazare-Goujon, 69100 Villeurbanne"
    assert workshop.card.distance_km == pytest.approx(5)  # from there, not from the venue
    books = browser.detail(5, NOW)
    assert books is not None
    assert (books.dates, books.description) == ((), "Un classique de la SF.")
    assert browser.detail(404, NOW) is None


def test_venue_page(browser: OfferBrowser) -> None:
    hall = browser.venue(8)
    assert hall is not None
    assert (hall.id, hall.name, hall.description) == (8, GARCIN, "Concerts et soirées.")
    assert hall.address == "8 quai Achille-Lignon, 69006 Lyon"
    assert hall.distance_km == pytest.approx(3)
    assert (hall.timezone, hall.activity) == (PARIS, "PERFORMANCE_HALL")
    assert hall.opening_hours == {
        "MONDAY": None, "TUESDAY": [{"open": "14:00", "close": "19:00"}]}  # fmt: skip
    assert hall.accessibility == {"audio": True, "mental": False, "motor": True,
                                  "visual": None}  # fmt: skip
    assert hall.banner_url == "https://storage.example/garcin.png"
    online = browser.venue(9)
    assert online is not None
    assert (online.address, online.distance_km, online.opening_hours) == ("", None, None)
    assert online.accessibility == dict.fromkeys(ACCESSIBILITY)
    assert browser.venue(404) is None
    assert found(browser, OfferFilters(venue_id=9)) == [6, 10]


# --- a kiosk that does not know where it stands -------------------------------------------


def test_without_an_origin_distances_are_ignored(unplaced: Catalog) -> None:
    browser = OfferBrowser(unplaced)
    newest_first = sorted(CLOSEST, reverse=True)
    assert found(browser, OfferFilters()) == newest_first
    assert found(browser, OfferFilters(max_distance_km=1)) == newest_first
    assert found(browser, FREE_CONCERT_THIS_WEEKEND_WITHIN_10_KM) == [8, 1]
    assert found(browser, OfferFilters(text="concert")) == [8, 2, 1, 15]
    assert found(browser, OfferFilters(sort=Sort.DATE))[:3] == [14, 2, 15]
    assert all(card.distance_km is None for card in browser.find(OfferFilters(), NOW))
    hall = browser.venue(8)
    assert hall is not None and hall.distance_km is None


# --- the query builder itself -------------------------------------------------------------


@pytest.mark.parametrize(
    "filters",
    [
        OfferFilters(text="concert"),
        OfferFilters(text="c", max_distance_km=10),
        OfferFilters(text="théâtre", sort=Sort.DATE),
        OfferFilters(text="jazz", max_price_cents=0, sort=Sort.PRICE),
        OfferFilters(text="concert", starts_from=WEEKEND.start, starts_before=WEEKEND.end),
        # A description-only match (15, 0.8 km) closer than the named ones: names first.
        OfferFilters(text="concert", search_group="CONCERTS_FESTIVALS"),
        OfferFilters(text="jazz", max_price_cents=0),
    ],
    ids=repr,
)
def test_both_plans_for_text_give_the_same_list(shelf: Catalog, filters: OfferFilters) -> None:
    # Text matching many offers walks the distance index, text matching few fetches them
    # by id: the visitor must not see the difference.
    lists = []
    for broad in (False, True):
        query = build_query(filters, NOW, broad_text=broad)
        ids = []
        for bucket in query.buckets:
            rows = shelf.read(
                f"SELECT o.id FROM {query.source} WHERE {query.where} AND {bucket.condition} "
                f"ORDER BY {bucket.order_by}",
                query.params,
            )
            ids += [row[0] for row in rows]
        lists.append(ids)
    assert lists[0] == lists[1] == found(OfferBrowser(shelf), filters)
    # Broad words under filters: searched among the filters' offers only, same list.
    page, count = OfferBrowser(shelf, broad_text=1).search(filters, NOW, limit=100)
    assert [card.id for card in page.cards] == lists[0] and count == len(lists[0])


def test_visitor_text_is_only_ever_a_bound_parameter() -> None:
    query = build_query(OfferFilters(text="'; DROP TABLE offers; --"), NOW)
    assert "DROP" not in query.where and all("DROP" not in b.condition for b in query.buckets)
    assert query.params["match"] == '"DROP"* "TABLE"* "offers"*'


def test_the_plan_names_the_index(browser: OfferBrowser) -> None:
    plan = browser.plan(OfferFilters(max_distance_km=10), NOW)
    assert any("offers_facets" in line for line in plan)
    assert browser.plan(OfferFilters(text="concert"), NOW)
    # A venue's page reads its own offers, not every offer in distance order.
    venue_plan = browser.plan(OfferFilters(venue_id=8, sort=Sort.PRICE), NOW)
    assert any("offers_by_venue" in line for line in venue_plan)


def test_filters_refuse_what_they_cannot_mean() -> None:
    with pytest.raises(ValueError, match="accessibility"):
        OfferFilters(accessibility=frozenset({"hearing"}))
    with pytest.raises(ValueError, match="aware"):
        OfferFilters(starts_from=datetime(2026, 6, 6))  # naive: the mistake under test
    with pytest.raises(ValueError, match="aware"):
        iso_instant(datetime(2026, 6, 6))
    assert iso_instant(datetime(999, 1, 2, 3, 4, 5, tzinfo=UTC)) == "0999-01-02T03:04:05Z"
    assert iso_instant(SATURDAY.astimezone(timezone(timedelta(hours=2)))) == iso(SATURDAY)


# --- where the kiosk stands ---------------------------------------------------------------


def distances(catalog: Catalog) -> dict[int, float | None]:
    return {row[0]: row[1] for row in catalog.read("SELECT id, distance_km FROM offers")}


def test_setting_the_origin_measures_offers_already_there_and_to_come(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite3"
    with open_catalog(path) as catalog:
        page(catalog, [BY_ID[n].api() for n in (1, 6, 7)], now=SYNCED)
        assert catalog.origin is None
        assert set(distances(catalog).values()) == {None}
        catalog.set_origin(*ORIGIN)
        assert catalog.origin == ORIGIN
        assert distances(catalog) == {1: pytest.approx(3), 6: None, 7: pytest.approx(40)}
        page(catalog, [BY_ID[n].api() for n in (9, 10)], now=SYNCED)
        assert distances(catalog)[9] == pytest.approx(5)
        assert distances(catalog)[10] is None  # digital: nowhere to go
        browser = OfferBrowser(catalog)
        assert found(browser, OfferFilters(max_distance_km=10)) == [1, 9, 6, 10]
    with open_catalog(path) as again:
        assert again.origin == ORIGIN
        again.set_origin(*north(40))  # the kiosk moved
        assert distances(again)[7] == pytest.approx(0)
        assert distances(again)[1] == pytest.approx(37)
        again.set_origin(None, None)
        assert again.origin is None
        assert set(distances(again).values()) == {None}


def test_an_unchanged_origin_rewrites_nothing(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite3"
    with open_catalog(path) as catalog:
        catalog.set_origin(*ORIGIN)
        page(catalog, [BY_ID[1].api()], now=SYNCED)
    outside = sqlite3.connect(path)
    outside.execute("UPDATE offers SET distance_km = 123.0")
    outside.commit()
    outside.close()
    with open_catalog(path) as catalog:
        catalog.set_origin(*ORIGIN)
        assert distances(catalog) == {1: 123.0}
        catalog.set_origin(*north(1))
        assert distances(catalog) == {1: pytest.approx(2)}


def test_the_origin_set_through_one_connection_holds_for_the_other(tmp_path: Path) -> None:
    # The screens read through the kiosk's catalog; the sync writes through its own.
    path = tmp_path / "catalog.sqlite3"
    with open_catalog(path) as screens, open_catalog(path) as sync:
        sync.set_origin(*ORIGIN)
        page(sync, [BY_ID[n].api() for n in (1, 7)], now=SYNCED)
        assert screens.origin == ORIGIN
        assert found(OfferBrowser(screens), OfferFilters(max_distance_km=10)) == [1]
        screens.set_origin(*north(40))  # whoever measures, the other writes alike
        page(sync, [BY_ID[8].api()], now=SYNCED)
        assert distances(screens) == {1: pytest.approx(37), 7: pytest.approx(0),
                                      8: pytest.approx(20)}  # fmt: skip


# --- migration 3: payloads move out of the offers table -----------------------------------


def _old_offer_row(spec: Spec) -> dict[str, Any]:
    payload = spec.api()
    latitude, longitude = north(spec.km or 0)
    dates = [s.begins for s in spec.stocks if s.begins]
    return {
        "id": spec.id, "name": spec.name, "description": spec.description or "",
        "subcategory_id": spec.subcategory, "search_group": GROUPS[spec.subcategory],
        "venue_id": spec.venue_id, "venue_name": spec.venue_name, "artists": "",
        "is_digital": spec.km is None, "is_duo": spec.duo, "is_event": bool(dates),
        "audio": "audio" in spec.flags, "mental": "mental" in spec.flags,
        "motor": "motor" in spec.flags, "visual": "visual" in spec.flags,
        "image_url": f"https://storage.example/{spec.id}.png", "latitude": latitude,
        "longitude": longitude, "price": min(s.price for s in spec.stocks),
        "next": iso(min(dates)) if dates else None,
        "until": iso(max(dates)) if dates else "9999-12-31T23:59:59Z",
        "payload": json.dumps(payload, ensure_ascii=False),
    }  # fmt: skip


def test_migrations_3_and_4_move_payloads_rebuild_the_index_and_lose_nothing(
        tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite3"
    old = open_database(path, MIGRATIONS[:2])
    specs = [BY_ID[n] for n in (1, 3, 5, 6, 9)]
    with old:
        old.executemany(
            "INSERT INTO offers (id, name, description, subcategory_id, search_group, "
            "venue_id, venue_name, artists, is_digital, is_duo, is_event, audio_disability, "
            "mental_disability, motor_disability, visual_disability, image_url, latitude, "
            "longitude, min_price_cents, next_beginning, bookable_until, generation, payload) "
            "VALUES (:id, :name, :description, :subcategory_id, :search_group, :venue_id, "
            ":venue_name, :artists, :is_digital, :is_duo, :is_event, :audio, :mental, :motor, "
            ":visual, :image_url, :latitude, :longitude, :price, :next, :until, 0, :payload)",
            [_old_offer_row(spec) for spec in specs],
        )
        old.executemany(
            "INSERT INTO stocks VALUES (?, ?, ?, ?, NULL, NULL, 1, ?)",
            [(spec.id, spec.id * 100 + n, s.price, iso(s.begins) if s.begins else None,
              iso(s.begins) if s.begins else "9999-12-31T23:59:59Z")
             for spec in specs for n, s in enumerate(spec.stocks)],
        )  # fmt: skip
        old.executemany(
            "INSERT INTO venues (id, name, city, latitude, longitude, generation, payload) "
            "VALUES (?, ?, ?, ?, ?, 0, ?)",
            [(v["id"], v["name"], v.get("city"), v["latitude"], v["longitude"],
              json.dumps(v)) for v in VENUES],
        )  # fmt: skip
        old.execute("UPDATE sync_state SET cursor = 'kept' WHERE feed = 'offers'")
    before = old.execute(
        "SELECT id, name, min_price_cents, next_beginning, bookable_until FROM offers"
    ).fetchall()
    assert old.execute("PRAGMA user_version").fetchone()[0] == 2
    old.close()

    with open_catalog(path) as catalog:
        assert catalog.rebuilt is False
        assert catalog.read("PRAGMA user_version") == [(len(MIGRATIONS),)]
        assert catalog.counts(NOW).offers == len(specs)
        assert catalog.counts(NOW).venues == len(VENUES)
        assert catalog.cursor("offers") == "kept"
        for spec in specs:
            assert catalog.offer_payload(spec.id) == spec.api()
        after = catalog.read(
            "SELECT id, name, min_price_cents, next_beginning, bookable_until FROM offers"
        )
        assert after == before
        columns = {row[1] for row in catalog.read("PRAGMA table_info(offers)")}
        assert "payload" not in columns and "distance_km" in columns
        assert sorted(catalog.search_offer_ids("théâtre")) == [3, 9]
        assert {3, 9} <= set(catalog.search_offer_ids("t"))  # the 1-letter prefix index
        catalog.set_origin(*ORIGIN)
        browser = OfferBrowser(catalog)
        assert found(browser, OfferFilters()) == [5, 1, 9, 3, 6]
        assert found(browser, OfferFilters(text="theatre")) == [9, 3]
        detail = browser.detail(3, NOW)
        assert detail is not None and detail.dates == (SUNDAY, NEXT_MONTH)
        catalog.check()


def _search_walk(browser: OfferBrowser, filters: OfferFilters, limit: int, cap: int
                 ) -> tuple[list[int], int]:
    """What the screen shows: search()'s first page and count, then the pages after it."""
    first, count = browser.search(filters, NOW, limit=limit, cap=cap)
    ids = [card.id for card in first.cards]
    cursor = first.next
    while cursor is not None:
        result = browser.page(filters, NOW, cursor, limit=limit)
        assert result.next is None or len(result.cards) == limit
        ids += [card.id for card in result.cards]
        cursor = result.next
    return ids, count


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(filters=filters_strategy, limit=st.integers(1, 6), cap=st.sampled_from([3, 1000]))
def test_one_pass_search_lists_exactly_what_paging_lists(
    browsers: OfferBrowser, filters: OfferFilters, limit: int, cap: int
) -> None:
    # Small results are ordered in Python from one pass (broad words under selective
    # filters: looked for among the filters' offers only); large ones are paged by SQL.
    # All must show the same offers in the same order, and a count capped at `cap`.
    ids, count = _search_walk(browsers, filters, limit, cap)
    paged = walk(browsers, filters, limit)
    assert ids == paged
    assert count == min(len(paged), cap)
