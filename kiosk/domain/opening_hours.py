"""Opening hours of the kiosk's venue, from the remote config: open now? until when?

The remote config (``GET /kiosk/v1/config``, ``openingHours``) maps a day name (``MONDAY``…
``SUNDAY``) to a list of ``{"open": "10:00", "close": "19:00"}`` spans in the venue's local
time, or to null when the venue is closed that day; the whole mapping may be null, meaning
"always open". Outside the hours the kiosk shows its "fermé" screen and pauses heavy work
(:func:`heavy_work_paused`); the UI schedules a timer at :func:`next_change`.

How the spans are read:

- A span runs from ``open`` (included) to ``close`` (excluded). ``close`` may be ``24:00``
  (midnight at the end of the day). A ``close`` at or before ``open`` runs past midnight
  into the next day (``20:00``–``02:00``); ``open == close`` means 24 hours. Spans that
  touch or overlap (``SATURDAY 20:00–24:00`` and ``SUNDAY 00:00–02:00``) make one opening.
- Local times follow the zone's rules (``zoneinfo``, ``tzdata``): a time skipped by a
  spring-forward change (02:30 in Paris on the last Sunday of March) is read as the first
  instant after the gap; a time repeated by a fall-back change is read as its first
  occurrence.
- The kiosk fails **open**: a kiosk stuck on "fermé" during opening hours helps nobody,
  while one left on when the venue is closed harms nobody. So a day whose spans cannot be
  read (``"25:00"``, a missing field) counts as open all day, a mapping that is not one
  means "always open", and so does a week without a single opening (every day null or
  empty: most likely hours nobody entered). What could not be read is listed in
  :attr:`WeeklyHours.problems`, for the caller to log.

Qt-free and without I/O: every function takes the instant it reasons about (an aware
datetime, normally the corrected clock's ``now``) and answers in UTC, except
:func:`reopens_at`, which answers in the venue's local time for display.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from types import MappingProxyType
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.domain.timezones import DEFAULT_TIMEZONE_NAME

DAYS: Final = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
"""Day names of the contract, in ``date.weekday()`` order."""

MINUTES_PER_DAY: Final = 24 * 60
#: Heavy work may start this long before an opening, so the catalog is fresh when the doors
#: open.
DEFAULT_WARM_UP: Final = timedelta(minutes=30)
#: Local days looked at around the instant asked about. A week has an opening and a closing
#: unless the venue never closes; a daylight-saving change can swallow one of them (a
#: closing at 02:00 and a reopening at 02:30 on the spring-forward night), so two weeks and
#: a bit are needed to be sure to meet the next change.
_DAYS_BEFORE: Final = 2
_DAYS_AFTER: Final = 16

_HOUR_MINUTE = re.compile(r"^(\d{1,2}):(\d{2})$")

Interval = tuple[datetime, datetime]
"""An opening, from its first instant (included) to its closing (excluded), both UTC."""


@dataclass(frozen=True)
class WeeklyHours:
    """The opening hours, read and checked once.

    Attributes:
        days: for each weekday (0 = Monday), the spans as ``(open, close)`` minutes after
            local midnight; ``close`` exceeds 1440 for a span running past midnight.
            Empty for a closed day.
        always_open: no hours apply (null, unreadable, or no opening in the whole week).
        problems: what could not be read, in words for a log (never personal data).
    """

    days: tuple[tuple[tuple[int, int], ...], ...]
    always_open: bool = False
    problems: tuple[str, ...] = ()


ALWAYS_OPEN: Final = WeeklyHours(days=((),) * 7, always_open=True)

HoursLike = WeeklyHours | Mapping[str, object] | None
"""What the functions accept: parsed hours, the raw ``openingHours`` JSON (or the typed
``kiosk.api.models.OpeningHours``), or None for "always open"."""


@dataclass(frozen=True)
class OpeningStatus:
    """Where the venue stands at an instant.

    Attributes:
        is_open: whether the kiosk serves visitors now.
        next_change: the next opening or closing (UTC); None when it never changes.
        reopens_at: when closed, the next opening in the venue's local time (for
            "réouvre mardi à 10 h"); None when open or always open.
    """

    is_open: bool
    next_change: datetime | None
    reopens_at: datetime | None


# --- reading ----------------------------------------------------------------------------------


def parse_opening_hours(value: object) -> WeeklyHours:
    """Read the ``openingHours`` of the remote config; never raises (see the module doc).

    Accepts the JSON (``{"MONDAY": [{"open": "10:00", "close": "19:00"}], "SUNDAY": null}``),
    the typed mapping of ``kiosk.api.models`` (spans with ``.open`` and ``.close``), None,
    or an already parsed :class:`WeeklyHours`.
    """
    if isinstance(value, WeeklyHours):
        return value
    if value is None:
        return ALWAYS_OPEN
    if not isinstance(value, Mapping):
        return WeeklyHours(days=ALWAYS_OPEN.days, always_open=True,
                           problems=("openingHours is not an object: always open",))
    problems: list[str] = []
    days: list[tuple[tuple[int, int], ...]] = [() for _ in DAYS]
    for key, spans in value.items():
        if key not in DAYS:
            problems.append(f"openingHours has an unknown day {str(key)[:20]!r}: ignored")
            continue
        parsed = _day_spans(spans)
        if parsed is None:
            problems.append(f"openingHours.{key} cannot be read: open all day")
            parsed = ((0, MINUTES_PER_DAY),)
        days[DAYS.index(key)] = parsed
    if not any(days):
        problems.append("openingHours has no opening in the week: always open")
        return WeeklyHours(days=ALWAYS_OPEN.days, always_open=True, problems=tuple(problems))
    return WeeklyHours(days=tuple(days), problems=tuple(problems))


def _day_spans(spans: object) -> tuple[tuple[int, int], ...] | None:
    """A day's spans in minutes, or None when any of them cannot be read."""
    if spans is None:
        return ()
    if isinstance(spans, str | bytes | Mapping) or not isinstance(spans, Iterable):
        return None
    result = []
    for span in spans:
        if isinstance(span, Mapping):
            opens, closes = span.get("open"), span.get("close")
        else:  # kiosk.api.models.OpeningSpan, or anything shaped like it
            opens, closes = getattr(span, "open", None), getattr(span, "close", None)
        start = _minutes(opens, closing=False)
        end = _minutes(closes, closing=True)
        if start is None or end is None:
            return None
        if end <= start:
            end += MINUTES_PER_DAY  # past midnight (or 24 hours when equal)
        result.append((start, end))
    return tuple(sorted(result))


def _minutes(text: object, *, closing: bool) -> int | None:
    """Minutes after midnight of ``"HH:MM"``; ``24:00`` only as a closing time."""
    if not isinstance(text, str):
        return None
    match = _HOUR_MINUTE.match(text.strip())
    if match is None:
        return None
    hours, minutes = int(match[1]), int(match[2])
    if minutes > 59 or hours > 24 or (hours == 24 and (minutes or not closing)):
        return None
    return hours * 60 + minutes


def venue_zone(name: object) -> tzinfo:
    """The IANA zone named by a venue's ``timezone``; Europe/Paris when unknown or malformed."""
    if isinstance(name, str) and name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return ZoneInfo(DEFAULT_TIMEZONE_NAME)


# --- answering --------------------------------------------------------------------------------


def is_open(hours: HoursLike, zone: tzinfo | str, now: datetime) -> bool:
    """Whether the venue is open at ``now`` (aware) per ``hours`` in its ``zone``."""
    return opening_status(hours, zone, now).is_open


def next_change(hours: HoursLike, zone: tzinfo | str, now: datetime) -> datetime | None:
    """The first instant after ``now`` at which :func:`is_open` changes (UTC).

    None when it never changes (always open, or open around the clock). At the returned
    instant the answer has already flipped (spans include their opening, not their closing).
    """
    return opening_status(hours, zone, now).next_change


def reopens_at(hours: HoursLike, zone: tzinfo | str, now: datetime) -> datetime | None:
    """When closed at ``now``, the next opening in the venue's local time; else None."""
    return opening_status(hours, zone, now).reopens_at


def heavy_work_paused(
    hours: HoursLike,
    zone: tzinfo | str,
    now: datetime,
    *,
    warm_up: timedelta = DEFAULT_WARM_UP,
) -> bool:
    """Whether to hold heavy work (picture downloads, a full resync) back at ``now``.

    True outside opening hours, except within ``warm_up`` of the next opening, so that the
    catalog is fresh when the doors open. Light work (the incremental sync and its
    heartbeat, which tell the central service the kiosk is alive) is never paused.
    """
    status = opening_status(hours, zone, now)
    if status.is_open or status.next_change is None:
        return False
    return status.next_change - _utc(now) > warm_up


def opening_status(hours: HoursLike, zone: tzinfo | str, now: datetime) -> OpeningStatus:
    """All three answers at once: open now, next change (UTC), reopening (local)."""
    weekly = parse_opening_hours(hours)
    moment = _utc(now)
    if weekly.always_open:
        return OpeningStatus(is_open=True, next_change=None, reopens_at=None)
    place = venue_zone(zone) if isinstance(zone, str) else zone
    intervals, horizon = _openings(weekly, place, moment)
    for start, end in intervals:
        if end <= moment:
            continue
        if start <= moment:  # open now, until this opening ends
            closes = None if end >= horizon else end
            return OpeningStatus(is_open=True, next_change=closes, reopens_at=None)
        return OpeningStatus(is_open=False, next_change=start,
                             reopens_at=start.astimezone(place))
    # Closed with no opening ahead: cannot happen with an opening in the week; fail open.
    return OpeningStatus(is_open=True, next_change=None, reopens_at=None)


def _utc(now: datetime) -> datetime:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("opening hours need an aware datetime (the clock's now), not a naive one")
    return now.astimezone(UTC)


def _openings(hours: WeeklyHours, zone: tzinfo, now: datetime) -> tuple[list[Interval], datetime]:
    """Merged openings over the local days around ``now``, and where that view ends.

    An opening that reaches the horizon may go on beyond it: the caller treats its end as
    unknown (open around the clock).
    """
    today = now.astimezone(zone).date()
    raw: list[Interval] = []
    for offset in range(-_DAYS_BEFORE, _DAYS_AFTER + 1):
        day = today + timedelta(days=offset)
        for start_min, end_min in hours.days[day.weekday()]:
            start = _instant(day, start_min, zone)
            end = _instant(day, end_min, zone)
            if end > start:  # a span inside a daylight-saving gap lasts no time at all
                raw.append((start, end))
    raw.sort()
    merged: list[Interval] = []
    for start, end in raw:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    horizon = _instant(today + timedelta(days=_DAYS_AFTER + 1), 0, zone)
    return merged, horizon


def _instant(day: date, minutes: int, zone: tzinfo) -> datetime:
    """The UTC instant of local wall time ``day`` + ``minutes`` (may pass midnight)."""
    wall = datetime.combine(day, time()) + timedelta(minutes=minutes)
    first = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if first.astimezone(zone).replace(tzinfo=None) == wall:
        return first  # exists; fold=0 is the first of two occurrences after a fall-back
    # Skipped by a spring-forward change: the first instant after the gap, i.e. where the
    # wall clock jumps past ``wall``. The two folds bracket it; search to the second.
    other = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    low, high = int(min(first, other).timestamp()), int(max(first, other).timestamp())
    while low < high:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, UTC).astimezone(zone).replace(tzinfo=None) > wall:
            high = middle
        else:
            low = middle + 1
    return datetime.fromtimestamp(low, UTC)


def describe(hours: HoursLike) -> Mapping[str, tuple[tuple[str, str], ...]]:
    """The hours as read, day by day, for a log or a staff screen; empty when always open.

    ``{"MONDAY": (), "TUESDAY": (("10:00", "19:00"),), …}``; a span past midnight keeps its
    wall-clock closing time (``("20:00", "02:00")``).
    """
    weekly = parse_opening_hours(hours)
    if weekly.always_open:
        return MappingProxyType({})
    return MappingProxyType({
        name: tuple((_hhmm(start), _hhmm(end)) for start, end in spans)
        for name, spans in zip(DAYS, weekly.days, strict=True)
    })


def _hhmm(minutes: int) -> str:
    if minutes > MINUTES_PER_DAY:  # past midnight: the next day's wall time
        minutes -= MINUTES_PER_DAY
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
