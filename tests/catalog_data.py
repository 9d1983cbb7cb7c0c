"""Offers, stocks and venues in the central API's shape, to fill a real catalog in tests.

The builders return what ``GET /kiosk/v1/offers`` and ``GET /kiosk/v1/venues`` send (see
kiosk/api/openapi.yaml), so tests write them through the catalog's real write path.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, datetime
from typing import Any

from kiosk.storage.catalog import Catalog, PageResult

NOW = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)

#: The accessibility of an offer built without ``accessibility=``.
DEFAULT_ACCESSIBILITY: dict[str, bool | None] = {
    "audioDisability": True,
    "mentalDisability": None,
    "motorDisability": False,
    "visualDisability": False,
}


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def stock(
    stock_id: int,
    price: int = 1000,
    *,
    begins: datetime | None = None,
    limit: datetime | None = None,
    remaining: int | None = None,
    bookable: bool = True,
    sold_out: bool = False,
    expired: bool = False,
) -> dict[str, Any]:
    return {
        "id": stock_id,
        "price": price,
        "beginningDatetime": iso(begins) if begins else None,
        "bookingLimitDatetime": iso(limit) if limit else None,
        "cancellationLimitDatetime": None,
        "remainingQuantity": remaining,
        "isBookable": bookable,
        "isExpired": expired,
        "isSoldOut": sold_out,
        "isForbiddenToUnderage": False,
        "priceCategoryLabel": None,
        "features": [],
    }


def accessibility(flags: Collection[str]) -> dict[str, bool]:
    """An offer's ``accessibility`` with exactly ``flags`` (``"audio"``…) set."""
    return {f"{flag}Disability": flag in flags for flag in ("audio", "mental", "motor", "visual")}


def offer(
    offer_id: int,
    name: str = "Un livre",
    *,
    description: str | None = None,
    stocks: Sequence[dict[str, Any]] | None = None,
    venue_name: str = "Médiathèque du centre",
    artists: Sequence[str] = (),
    subcategory: str = "LIVRE_PAPIER",
    venue_id: int = 7,
    coordinates: tuple[float, float] = (45.7664, 4.8795),
    digital: bool = False,
    duo: bool = True,
    event: bool = False,
    flags: dict[str, bool | None] | None = None,
    address: dict[str, Any] | None = None,
    sold_out: bool = False,
) -> dict[str, Any]:
    """An offer as the feed sends it; ``coordinates`` are its venue's."""
    return {
        "id": offer_id,
        "name": name,
        "description": description,
        "subcategoryId": subcategory,
        "isDigital": digital,
        "isDuo": duo,
        "isEvent": event,
        "isEducational": False,
        "isExpired": False,
        "isSoldOut": sold_out,
        "isReleased": True,
        "images": {"recto": {"url": f"https://storage.example/{offer_id}.png", "credit": None}},
        "accessibility": dict(DEFAULT_ACCESSIBILITY if flags is None else flags),
        "address": address,
        "venue": {
            "id": venue_id,
            "name": venue_name,
            "publicName": None,
            "address": "12 rue Pasteur",
            "postalCode": "69100",
            "city": "Villeurbanne",
            "coordinates": {"latitude": coordinates[0], "longitude": coordinates[1]},
            "timezone": "Europe/Paris",
            "isOpenToPublic": True,
            "isPermanent": True,
            "offerer": {"name": venue_name},
        },
        "stocks": list(stocks) if stocks is not None else [stock(offer_id * 10)],
        "extraData": None,
        "artists": [{"id": None, "name": name, "image": None, "role": None} for name in artists],
    }


def venue(venue_id: int, name: str = "Salle des fêtes", **fields: Any) -> dict[str, Any]:
    """A venue as the feed sends it; ``fields`` replace or add API fields."""
    return {
        "id": venue_id,
        "name": name,
        "publicName": None,
        "postalCode": "69100",
        "city": "Villeurbanne",
        "latitude": 45.77,
        "longitude": 4.88,
        "timezone": "Europe/Paris",
        "isPermanent": True,
        "isOpenToPublic": True,
        "activity": "LIBRARY",
        **fields,
    }


def page(
    catalog: Catalog,
    items: Sequence[object],
    deleted: Sequence[object] = (),
    cursor: str = "c1",
    *,
    full: bool = False,
    more: bool = False,
    now: datetime = NOW,
) -> PageResult:
    """Apply one offers feed page, as the sync does."""
    return catalog.apply_offers_page(
        items, deleted, cursor, full_resync=full, has_more=more, now=now
    )
