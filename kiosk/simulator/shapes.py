"""From stored payloads to the API's shapes, and admin input to stored offers.

Stored payloads hold the stable fields plus private ``_`` keys (image name, offerer); what
depends on the instant (``isExpired``, ``isSoldOut``, ``isBookable``) or on the request
(absolute image URLs, which carry the simulator's port) is computed here when serving.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from kiosk.simulator import images
from kiosk.simulator.data import JsonObject, iso_utc, taxonomy


def image_url(base_url: str, name: str) -> str:
    """The absolute URL of a generated picture."""
    return f"{base_url.rstrip('/')}/images/{name}.png"


def _public(payload: JsonObject) -> JsonObject:
    return {key: value for key, value in payload.items() if not key.startswith("_")}


def venue_for_api(venue: JsonObject, base_url: str) -> JsonObject:
    """``GET /native/v1/venue/{id}``'s shape."""
    out = _public(venue)
    name = venue.get("_image")
    out["bannerUrl"] = image_url(base_url, name) if name else None
    return out


def venue_summary(venue: JsonObject, base_url: str) -> JsonObject:
    """The ``venue`` object inside an offer."""
    name = venue.get("_image")
    return {
        "id": venue["id"],
        "name": venue["name"],
        "publicName": venue.get("publicName"),
        "address": venue.get("street"),
        "postalCode": venue.get("postalCode"),
        "city": venue.get("city"),
        "coordinates": {"latitude": venue["latitude"], "longitude": venue["longitude"]},
        "timezone": venue["timezone"],
        "isOpenToPublic": venue["isOpenToPublic"],
        "isPermanent": venue["isPermanent"],
        "bannerUrl": image_url(base_url, name) if name else None,
        "offerer": {"name": venue.get("_offerer") or venue["name"]},
    }


def _stock_for_api(stock: JsonObject, now: str) -> JsonObject:
    # Datetimes are all "YYYY-MM-DDTHH:MM:SSZ", so comparing the strings compares instants.
    begins, limit = stock.get("beginningDatetime"), stock.get("bookingLimitDatetime")
    expired = bool((begins and begins <= now) or (limit and limit <= now))
    sold_out = stock.get("remainingQuantity") == 0
    return {**stock, "isExpired": expired, "isSoldOut": sold_out,
            "isBookable": not expired and not sold_out}  # fmt: skip


def offer_for_api(offer: JsonObject, venue: JsonObject, base_url: str, now: str) -> JsonObject:
    """``GET /native/v1/offer/{id}``'s shape (also the items of the offers feed)."""
    out = _public(offer)
    stocks = [_stock_for_api(stock, now) for stock in offer.get("stocks", [])]
    live = [stock for stock in stocks if not stock["isExpired"]]
    out["stocks"] = stocks
    out["isExpired"] = bool(stocks) and not live
    out["isSoldOut"] = bool(live) and all(stock["isSoldOut"] for stock in live)
    name = offer.get("_image")
    out["images"] = {"recto": {"url": image_url(base_url, name), "credit": None}} if name else None
    out["venue"] = venue_summary(venue, base_url)
    return out


def now_for_flags() -> str:
    """The instant the computed flags refer to."""
    return iso_utc(datetime.now(UTC))


# --- admin input ------------------------------------------------------------------------------

_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")

_OFFER_FIELDS = {
    "name", "description", "subcategoryId", "isDuo", "isHeadline", "isForbiddenToUnderage",
    "withdrawalDetails", "accessibility", "stocks", "extraData", "venueId",
}  # fmt: skip


class InvalidInput(ValueError):
    """Admin input with field errors (``errors`` in the API's field-error shape)."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors


def normalize_datetime(value: Any) -> str:
    """An ISO-8601 datetime with a zone, as the API's UTC ``…Z`` form.

    Raises:
        ValueError: when ``value`` is not such a datetime.
    """
    if not isinstance(value, str) or not _DATETIME.match(value):
        raise ValueError("datetime ISO-8601 avec fuseau attendue")
    return iso_utc(datetime.fromisoformat(value.replace("Z", "+00:00")))


def build_offer(offer_id: int, fields: JsonObject, base: JsonObject | None = None) -> JsonObject:
    """A stored offer from admin ``fields``, over ``base`` (the current offer) if given.

    Raises:
        InvalidInput: when fields are unknown, missing or of the wrong type.
    """
    errors: dict[str, list[str]] = {}
    for key in sorted(set(fields) - _OFFER_FIELDS):
        errors[key] = ["Champ inconnu."]
    offer = dict(base) if base is not None else _blank_offer(offer_id)
    subcategories = {row["id"]: row for row in taxonomy()["subcategories"]}
    if base is None:
        for required in ("name", "subcategoryId", "venueId"):
            if required not in fields:
                errors[required] = ["Ce champ est obligatoire."]
    if "name" in fields:
        if isinstance(fields["name"], str) and 0 < len(fields["name"]) <= 140:
            offer["name"] = fields["name"]
        else:
            errors["name"] = ["Un nom de 1 à 140 caractères est attendu."]
    if "subcategoryId" in fields:
        sub = subcategories.get(fields["subcategoryId"])
        if sub is None:
            errors["subcategoryId"] = ["Sous-catégorie inconnue."]
        else:
            offer["subcategoryId"] = sub["id"]
            offer["isEvent"] = sub["isEvent"]
            offer["isDigital"] = sub["onlineOfflinePlatform"] == "ONLINE"
            offer["_image"] = images.offer_image_name(sub["searchGroupName"], offer_id)
    for key in ("description", "withdrawalDetails"):
        if key in fields:
            if fields[key] is None or isinstance(fields[key], str):
                offer[key] = fields[key]
            else:
                errors[key] = ["Texte attendu."]
    for key in ("isDuo", "isHeadline", "isForbiddenToUnderage"):
        if key in fields:
            if isinstance(fields[key], bool):
                offer[key] = fields[key]
            else:
                errors[key] = ["Booléen attendu."]
    if "accessibility" in fields:
        value = fields["accessibility"]
        if isinstance(value, dict) and all(isinstance(v, bool) for v in value.values()):
            offer["accessibility"] = {**offer["accessibility"], **value}
        else:
            errors["accessibility"] = ["Objet de booléens attendu."]
    if "extraData" in fields:
        offer["extraData"] = fields["extraData"]
    if "stocks" in fields:
        try:
            offer["stocks"] = _stocks(offer_id, fields["stocks"])
        except ValueError as error:
            errors["stocks"] = [str(error)]
    if errors:
        raise InvalidInput(errors)
    return offer


def _blank_offer(offer_id: int) -> JsonObject:
    return {
        "id": offer_id, "name": "", "description": None, "subcategoryId": "", "isDigital": False,
        "isDuo": False, "isEvent": False, "isEducational": False, "isReleased": True,
        "isHeadline": False, "isForbiddenToUnderage": False, "bookingAllowedDatetime": None,
        "publicationDate": now_for_flags(), "expenseDomains": ["all"],
        "externalTicketOfficeUrl": None, "withdrawalDetails": None,
        "accessibility": {"audioDisability": False, "mentalDisability": False,
                          "motorDisability": False, "visualDisability": False},
        "address": None, "stocks": [], "extraData": None, "artists": [],
        "last30DaysBookings": None,
    }  # fmt: skip


def _stocks(offer_id: int, value: Any) -> list[JsonObject]:
    if not isinstance(value, list):
        raise ValueError("Liste de stocks attendue.")
    stocks = []
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise ValueError(f"Stock {index} : objet attendu.")
        price = item.get("price", 0)
        quantity = item.get("remainingQuantity")
        if not isinstance(price, int) or isinstance(price, bool) or price < 0:
            raise ValueError(f"Stock {index} : prix en centimes (entier >= 0) attendu.")
        if quantity is not None and (not isinstance(quantity, int) or quantity < 0):
            raise ValueError(f"Stock {index} : quantité restante entière >= 0 ou null attendue.")
        stock: JsonObject = {
            "id": offer_id * 100 + index,
            "price": price,
            "beginningDatetime": None,
            "bookingLimitDatetime": None,
            "cancellationLimitDatetime": None,
            "isForbiddenToUnderage": False,
            "priceCategoryLabel": item.get("priceCategoryLabel"),
            "remainingQuantity": quantity,
            "features": [],
        }
        for key in ("beginningDatetime", "bookingLimitDatetime"):
            if item.get(key) is not None:
                try:
                    stock[key] = normalize_datetime(item[key])
                except ValueError as error:
                    raise ValueError(f"Stock {index} : {key} : {error}.") from None
        stocks.append(stock)
    return stocks
