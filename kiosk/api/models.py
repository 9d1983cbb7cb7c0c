"""Typed answers of the central API, parsed and checked from JSON by small functions.

Every ``parse_*`` function takes decoded JSON and returns a frozen dataclass, or raises
:class:`~kiosk.api.errors.BadResponse` naming the first field that does not fit (its path
and the expected type, never its value, which could be personal). Unknown fields are
ignored, as the contract asks. Payloads that other parts of the kiosk store as documents
(settings, taxonomy, remote config, feed items) are kept as checked dicts next to, or
instead of, typed fields.

Feed items are checked one by one: an item that does not fit is counted in
``FeedPage.dropped`` and left out, so one bad offer never blocks a sync.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from kiosk.api.errors import BadResponse

JsonObject = dict[str, Any]
T = TypeVar("T")

_UTC_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
_POSTAL_CODE = re.compile(r"^\d{5}$")
_INSEE_CODE = re.compile(r"^\d[\dAB]\d{3}$")
_HOUR = re.compile(r"^[0-2]\d:[0-5]\d$")
_DAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
PREREGISTRATION_STATUSES = ("PENDING", "COMPLETED", "EXPIRED")
_OFFER_FLAGS = ("isDigital", "isDuo", "isEvent", "isExpired", "isSoldOut")
_STOCK_FLAGS = ("isBookable", "isExpired", "isSoldOut")
#: Date-times already found valid (bounded: cleared when full).
_KNOWN_UTC: set[str] = set()
_MAX_KNOWN_UTC = 4096


# --- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fetched(Generic[T]):
    """A conditional resource that changed (or was asked for the first time).

    Attributes:
        value: the parsed resource.
        etag: its ``ETag``, to send back as ``If-None-Match`` next time (None if absent).
    """

    value: T
    etag: str | None


@dataclass(frozen=True)
class NotModified:
    """304: the copy the kiosk has (``etag``) is still current."""

    etag: str


@dataclass(frozen=True)
class NameValue:
    """A ``{"name", "value"}`` pair of the taxonomy."""

    name: str
    value: str | None


@dataclass(frozen=True)
class Subcategory:
    """One subcategory of ``GET /native/v1/subcategories/v2``."""

    id: str
    category_id: str
    native_category_id: str | None
    search_group_name: str
    app_label: str
    is_event: bool
    online_offline_platform: str
    homepage_label_name: str | None = None


@dataclass(frozen=True)
class Taxonomy:
    """``GET /native/v1/subcategories/v2``: typed lists, plus the checked payload to store."""

    subcategories: tuple[Subcategory, ...]
    search_groups: tuple[NameValue, ...]
    homepage_labels: tuple[NameValue, ...]
    payload: JsonObject = field(compare=False, repr=False)


@dataclass(frozen=True)
class OpeningSpan:
    """One opening span, local time at the venue (``"10:00"`` to ``"19:00"``)."""

    open: str
    close: str


OpeningHours = Mapping[str, tuple[OpeningSpan, ...] | None]
"""Day (``MONDAY``…) → spans, or None when closed that day."""


@dataclass(frozen=True)
class KioskMessage:
    """A message the venue shows on its kiosks."""

    id: str
    level: str
    text: Mapping[str, str]
    starts_at: datetime | None
    ends_at: datetime | None


@dataclass(frozen=True)
class KioskConfig:
    """``GET /kiosk/v1/config``: typed fields, plus the checked payload to store."""

    idle_timeout: int
    countdown: int
    opening_hours: OpeningHours | None
    radius_km: float
    messages: tuple[KioskMessage, ...]
    payload: JsonObject = field(compare=False, repr=False)


@dataclass(frozen=True)
class Venue:
    """A venue, as in ``GET /native/v1/venue/{id}`` (the fields the kiosk uses)."""

    id: int
    name: str
    public_name: str | None
    street: str | None
    postal_code: str | None
    city: str | None
    latitude: float | None
    longitude: float | None
    timezone: str
    activity: str
    payload: JsonObject = field(compare=False, repr=False)


@dataclass(frozen=True)
class Enrollment:
    """``POST /kiosk/v1/devices/enroll``: the device's identity and its one-time token."""

    device_id: str
    device_token: str = field(repr=False)  # a secret: never in a repr, hence never in a log
    venue: Venue
    config: KioskConfig


@dataclass(frozen=True)
class FeedPage:
    """One page of ``GET /kiosk/v1/offers`` or ``GET /kiosk/v1/venues``.

    Attributes:
        items: the changed offers or venues that fit the contract, as checked dicts.
        deleted_ids: ids deleted since the cursor.
        next_cursor: the cursor to send next (opaque).
        has_more: whether to ask for the next page now.
        full_resync: whether this page starts a resync from the beginning.
        dropped: items left out because they did not fit the contract.
    """

    items: tuple[JsonObject, ...]
    deleted_ids: tuple[int, ...]
    next_cursor: str
    has_more: bool
    full_resync: bool
    dropped: int = 0


@dataclass(frozen=True)
class Preregistration:
    """A pre-registration: the link the young person opens on their phone, and its state.

    Attributes:
        replayed: the server answered from its idempotency store (the same key was seen).
    """

    id: str
    status: str
    finish_url: str
    expires_at: datetime
    replayed: bool = False


@dataclass(frozen=True)
class Commune:
    """A commune served by a postal code."""

    name: str
    postal_code: str
    insee_code: str


@dataclass(frozen=True)
class HeartbeatAnswer:
    """``POST /kiosk/v1/heartbeat``: the server's time when it answered."""

    server_time: datetime


# --- checking helpers -------------------------------------------------------------------------


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _bad(path: str, expected: str, value: object) -> BadResponse:
    where = path or "the body"
    return BadResponse(f"unexpected answer: {where} should be {expected}, got {_kind(value)}")


class _Obj:
    """A JSON object being checked; ``path`` names it in error messages."""

    def __init__(self, value: object, path: str = "") -> None:
        if not isinstance(value, dict):
            raise _bad(path, "an object", value)
        self.data: JsonObject = value
        self.path = path

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def raw(self, key: str) -> object:
        return self.data.get(key)

    def has(self, key: str) -> bool:
        return key in self.data

    def text(self, key: str, *, empty: bool = True, pattern: re.Pattern[str] | None = None) -> str:
        value = self.data.get(key)
        if not isinstance(value, str) or (not empty and not value):
            raise _bad(self.at(key), "a string" if empty else "a non-empty string", value)
        if pattern is not None and not pattern.match(value):
            raise BadResponse(f"unexpected answer: {self.at(key)} has the wrong format")
        return value

    def opt_text(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is not None and not isinstance(value, str):
            raise _bad(self.at(key), "a string or null", value)
        return value

    def whole(self, key: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
        value = self.data.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise _bad(self.at(key), "a whole number", value)
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            raise BadResponse(f"unexpected answer: {self.at(key)} is out of range")
        return value

    def opt_whole(self, key: str, *, minimum: int | None = None) -> int | None:
        if self.data.get(key) is None:
            return None
        return self.whole(key, minimum=minimum)

    def number(self, key: str, *, low: float | None = None, high: float | None = None) -> float:
        value = self.data.get(key)
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise _bad(self.at(key), "a number", value)
        try:
            number = float(value)
        except OverflowError:  # an integer of hundreds of digits: JSON allows it
            number = math.inf
        if not math.isfinite(number) or (low is not None and number < low) or (
            high is not None and number > high
        ):
            raise BadResponse(f"unexpected answer: {self.at(key)} is out of range")
        return number

    def opt_number(self, key: str, *, low: float, high: float) -> float | None:
        if self.data.get(key) is None:
            return None
        return self.number(key, low=low, high=high)

    def flag(self, key: str) -> bool:
        value = self.data.get(key)
        if not isinstance(value, bool):
            raise _bad(self.at(key), "true or false", value)
        return value

    def opt_flag(self, key: str) -> bool | None:
        value = self.data.get(key)
        if value is not None and not isinstance(value, bool):
            raise _bad(self.at(key), "true, false or null", value)
        return value

    def obj(self, key: str) -> _Obj:
        return _Obj(self.data.get(key), self.at(key))

    def opt_obj(self, key: str) -> _Obj | None:
        value = self.data.get(key)
        return None if value is None else _Obj(value, self.at(key))

    def array(self, key: str) -> list[Any]:
        value = self.data.get(key)
        if not isinstance(value, list):
            raise _bad(self.at(key), "a list", value)
        return value

    def objs(self, key: str) -> list[_Obj]:
        return [_Obj(item, f"{self.at(key)}[{i}]") for i, item in enumerate(self.array(key))]

    def moment(self, key: str) -> datetime:
        value = self.data.get(key)
        if not isinstance(value, str):
            raise _bad(self.at(key), "a UTC date-time string", value)
        moment = parse_utc(value)
        if moment is None:
            raise BadResponse(f"unexpected answer: {self.at(key)} is not a UTC date-time")
        return moment

    def opt_moment(self, key: str) -> datetime | None:
        return None if self.data.get(key) is None else self.moment(key)


def parse_utc(text: str) -> datetime | None:
    """An aware UTC datetime from ``2025-06-01T18:30:00Z`` (the API's format), else None."""
    if not _UTC_DATETIME.match(text):
        return None
    try:
        return datetime.fromisoformat(text[:-1] + "+00:00").astimezone(UTC)
    except ValueError:
        return None


def _name_values(body: _Obj, key: str) -> tuple[NameValue, ...]:
    return tuple(NameValue(o.text("name"), o.opt_text("value")) for o in body.objs(key))


# --- native routes ----------------------------------------------------------------------------


def parse_settings(body: object) -> JsonObject:
    """Check ``GET /native/v1/settings``; return the payload (read by ``EligibilityRules``)."""
    settings = _Obj(body)
    settings.whole("accountCreationMinimumAge", minimum=0)
    deposits = settings.obj("depositAmountsByAge")
    for age in ("age_15", "age_16", "age_17", "age_18"):
        deposits.whole(age, minimum=0)
    bonus = settings.obj("bonification")
    bonus.whole("bonusAmount", minimum=0)
    bonus.whole("qfThreshold", minimum=0)
    for index, code in enumerate(settings.array("ineligiblePostalCodes")):
        if not isinstance(code, str) or not _POSTAL_CODE.match(code):
            raise _bad(f"ineligiblePostalCodes[{index}]", "a 5-digit postal code", code)
    return settings.data


def parse_taxonomy(body: object) -> Taxonomy:
    """Check ``GET /native/v1/subcategories/v2``."""
    taxonomy = _Obj(body)
    subcategories = tuple(
        Subcategory(
            id=o.text("id", empty=False),
            category_id=o.text("categoryId"),
            native_category_id=o.opt_text("nativeCategoryId"),
            search_group_name=o.text("searchGroupName"),
            app_label=o.text("appLabel"),
            is_event=o.flag("isEvent"),
            online_offline_platform=o.text("onlineOfflinePlatform"),
            homepage_label_name=o.opt_text("homepageLabelName"),
        )
        for o in taxonomy.objs("subcategories")
    )
    if not subcategories:
        raise BadResponse("unexpected answer: subcategories is empty")
    for native in taxonomy.objs("nativeCategories"):
        native.text("name")
        native.array("parents")
    for genre in taxonomy.objs("genreTypes"):
        genre.text("name")
        _name_values(genre, "values")
    return Taxonomy(
        subcategories=subcategories,
        search_groups=_name_values(taxonomy, "searchGroups"),
        homepage_labels=_name_values(taxonomy, "homepageLabels"),
        payload=taxonomy.data,
    )


# --- kiosk routes -----------------------------------------------------------------------------


def _opening_hours(value: object, path: str) -> OpeningHours | None:
    if value is None:
        return None
    hours = _Obj(value, path)
    result: dict[str, tuple[OpeningSpan, ...] | None] = {}
    for day, spans in hours.data.items():
        if day not in _DAYS:
            raise BadResponse(f"unexpected answer: {path} has an unknown day")
        if spans is None:
            result[day] = None
            continue
        result[day] = tuple(
            OpeningSpan(span.text("open", pattern=_HOUR), span.text("close", pattern=_HOUR))
            for span in hours.objs(day)
        )
    return result


def parse_kiosk_config(body: object, path: str = "") -> KioskConfig:
    """Check ``GET /kiosk/v1/config`` (also embedded in the enrollment answer)."""
    config = _Obj(body, path)
    messages = []
    for message in config.objs("messages"):
        text = message.obj("text")
        for language, words in text.data.items():
            if not isinstance(words, str):
                raise _bad(f"{text.path}.{language}", "a string", words)
        text.text("fr")
        level = message.text("level")
        if level not in ("info", "warning"):
            raise BadResponse(f"unexpected answer: {message.path}.level is unknown")
        messages.append(
            KioskMessage(
                id=message.text("id"),
                level=level,
                text=dict(text.data),
                starts_at=message.opt_moment("startsAt"),
                ends_at=message.opt_moment("endsAt"),
            )
        )
    return KioskConfig(
        idle_timeout=config.whole("idleTimeout", minimum=15, maximum=3600),
        countdown=config.whole("countdown", minimum=5, maximum=120),
        opening_hours=_opening_hours(config.raw("openingHours"), config.at("openingHours")),
        radius_km=config.number("radiusKm", low=0, high=100),
        messages=tuple(messages),
        payload=config.data,
    )


def _check_venue(venue: _Obj) -> None:
    venue.whole("id", minimum=1)
    venue.text("name")
    venue.opt_number("latitude", low=-90, high=90)
    venue.opt_number("longitude", low=-180, high=180)
    venue.text("timezone", empty=False)
    venue.flag("isPermanent")
    venue.flag("isOpenToPublic")
    venue.text("activity")
    for key in ("publicName", "street", "postalCode", "city", "bannerUrl"):
        venue.opt_text(key)
    _opening_hours(venue.raw("openingHours"), venue.at("openingHours"))


def parse_venue(body: object, path: str = "") -> Venue:
    """Check a venue (``GET /native/v1/venue/{id}``, venue feed items, enrollment)."""
    venue = _Obj(body, path)
    _check_venue(venue)
    return Venue(
        id=venue.whole("id"),
        name=venue.text("name"),
        public_name=venue.opt_text("publicName"),
        street=venue.opt_text("street"),
        postal_code=venue.opt_text("postalCode"),
        city=venue.opt_text("city"),
        latitude=venue.opt_number("latitude", low=-90, high=90),
        longitude=venue.opt_number("longitude", low=-180, high=180),
        timezone=venue.text("timezone"),
        activity=venue.text("activity"),
        payload=venue.data,
    )


def check_offer(body: object, path: str = "") -> JsonObject:
    """Check an offer (``GET /native/v1/offer/{id}``, offer feed items); return it."""
    if _offer_fits(body):
        return body  # type: ignore[return-value]  # _offer_fits saw a dict
    return _check_offer_in_detail(body, path)


def _offer_fits(offer: object) -> bool:
    """Whether :func:`_check_offer_in_detail` would accept ``offer``, for the usual case.

    A feed page holds up to a thousand offers: this answers with plain type tests. False
    means "not sure" (a subclass, a wrong field…): the detailed check then decides, and
    names the field.
    """
    if type(offer) is not dict:
        return False
    get = offer.get
    value = get("id")
    if type(value) is not int or value < 1:
        return False
    for key in ("name", "subcategoryId"):
        value = get(key)
        if type(value) is not str or not value:
            return False
    for key in _OFFER_FLAGS:
        if type(get(key)) is not bool:
            return False
    value = get("description")
    if (value is not None and type(value) is not str) or type(get("accessibility")) is not dict:
        return False
    images = get("images")
    if images is not None:
        if type(images) is not dict:
            return False
        for image in images.values():
            if type(image) is not dict or type(image.get("url")) is not str:
                return False
    venue = get("venue")
    if type(venue) is not dict:
        return False
    value = venue.get("id")
    if type(value) is not int or value < 1 or type(venue.get("name")) is not str:
        return False
    value = venue.get("timezone")
    if type(value) is not str or not value:
        return False
    point = venue.get("coordinates")
    if type(point) is not dict:
        return False
    if not _within(point.get("latitude"), 90) or not _within(point.get("longitude"), 180):
        return False
    stocks = get("stocks")
    if type(stocks) is not list:
        return False
    for stock in stocks:
        if type(stock) is not dict:
            return False
        get = stock.get
        value = get("price")
        if type(get("id")) is not int or type(value) is not int or value < 0:
            return False
        value = get("remainingQuantity")
        if value is not None and (type(value) is not int or value < 0):
            return False
        for key in ("beginningDatetime", "bookingLimitDatetime"):
            value = get(key)
            if value is not None and (type(value) is not str or not _is_utc(value)):
                return False
        for key in _STOCK_FLAGS:
            if type(get(key)) is not bool:
                return False
    return True


def _within(value: object, bound: float) -> bool:
    """Whether ``value`` is a float or int from -bound to bound (NaN fails comparisons)."""
    return (type(value) is float or type(value) is int) and -bound <= value <= bound


def _is_utc(text: str) -> bool:
    """Whether ``parse_utc(text)`` is not None; a feed repeats the same few instants."""
    if text in _KNOWN_UTC:
        return True
    if parse_utc(text) is None:
        return False
    if len(_KNOWN_UTC) >= _MAX_KNOWN_UTC:
        _KNOWN_UTC.clear()
    _KNOWN_UTC.add(text)
    return True


def _check_offer_in_detail(body: object, path: str) -> JsonObject:
    offer = _Obj(body, path)
    offer.whole("id", minimum=1)
    offer.text("name", empty=False)
    offer.text("subcategoryId", empty=False)
    for flag in _OFFER_FLAGS:
        offer.flag(flag)
    offer.opt_text("description")
    offer.obj("accessibility")
    images = offer.opt_obj("images")
    if images is not None:
        for name in images.data:
            images.obj(name).text("url")
    venue = offer.obj("venue")
    venue.whole("id", minimum=1)
    venue.text("name")
    venue.text("timezone", empty=False)
    coordinates = venue.obj("coordinates")
    coordinates.number("latitude", low=-90, high=90)
    coordinates.number("longitude", low=-180, high=180)
    for stock in offer.objs("stocks"):
        stock.whole("id")
        stock.whole("price", minimum=0)
        stock.opt_moment("beginningDatetime")
        stock.opt_moment("bookingLimitDatetime")
        stock.opt_whole("remainingQuantity", minimum=0)
        for flag in _STOCK_FLAGS:
            stock.flag(flag)
    return offer.data


def check_venue(body: object, path: str = "") -> JsonObject:
    """Check a venue feed item; return it."""
    venue = _Obj(body, path)
    _check_venue(venue)
    return venue.data


def parse_feed_page(body: object, check_item: Callable[[object, str], JsonObject]) -> FeedPage:
    """Check a feed page; items that do not fit are dropped and counted, not fatal."""
    page = _Obj(body)
    items: list[JsonObject] = []
    dropped = 0
    for index, item in enumerate(page.array("items")):
        try:
            items.append(check_item(item, f"items[{index}]"))
        except BadResponse:
            dropped += 1
    deleted = page.array("deletedIds")
    for index, value in enumerate(deleted):
        if not isinstance(value, int) or isinstance(value, bool):
            raise _bad(f"deletedIds[{index}]", "a whole number", value)
    return FeedPage(
        items=tuple(items),
        deleted_ids=tuple(deleted),
        next_cursor=page.text("nextCursor", empty=False),
        has_more=page.flag("hasMore"),
        full_resync=page.flag("fullResync"),
        dropped=dropped,
    )


def parse_enrollment(body: object) -> Enrollment:
    """Check ``POST /kiosk/v1/devices/enroll``."""
    enrollment = _Obj(body)
    token = enrollment.data.get("deviceToken")
    if not isinstance(token, str) or len(token) < 20 or not token.isprintable():
        raise _bad("deviceToken", "a string of at least 20 characters", token)
    return Enrollment(
        device_id=enrollment.text("deviceId", empty=False),
        device_token=token,
        venue=parse_venue(enrollment.raw("venue"), "venue"),
        config=parse_kiosk_config(enrollment.raw("config"), "config"),
    )


def parse_preregistration(body: object, *, replayed: bool = False) -> Preregistration:
    """Check a pre-registration (created or fetched)."""
    record = _Obj(body)
    status = record.text("status")
    if status not in PREREGISTRATION_STATUSES:
        raise BadResponse("unexpected answer: status is not PENDING, COMPLETED or EXPIRED")
    finish_url = record.text("finishUrl")
    if not finish_url.startswith(("https://", "http://")):
        raise BadResponse("unexpected answer: finishUrl is not a web address")
    return Preregistration(
        id=record.text("id", empty=False),
        status=status,
        finish_url=finish_url,
        expires_at=record.moment("expiresAt"),
        replayed=replayed,
    )


def parse_communes(body: object) -> list[Commune]:
    """Check ``GET /kiosk/v1/communes``."""
    if not isinstance(body, list):
        raise _bad("", "a list", body)
    communes = []
    for index, item in enumerate(body):
        commune = _Obj(item, f"[{index}]")
        communes.append(
            Commune(
                name=commune.text("name", empty=False),
                postal_code=commune.text("postalCode", pattern=_POSTAL_CODE),
                insee_code=commune.text("inseeCode", pattern=_INSEE_CODE),
            )
        )
    return communes


def parse_heartbeat(body: object) -> HeartbeatAnswer:
    """Check ``POST /kiosk/v1/heartbeat``."""
    return HeartbeatAnswer(server_time=_Obj(body).moment("serverTime"))
