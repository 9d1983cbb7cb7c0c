"""The date filters of the offers screen as spans of instants, in the kiosk's local time.

"Aujourd'hui", "ce week-end" and "cette semaine" are days on the wall calendar of the kiosk's
venue, so their bounds are local midnights converted to UTC (zoneinfo handles the hour that
daylight saving adds or removes). Every span is half-open, ``[start, end)``, starts no
earlier than ``now`` (an event that has begun cannot be booked) and is returned in UTC.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

_SATURDAY = 5


class DatePreset(enum.StrEnum):
    """The one-tap date choices."""

    TODAY = "today"
    WEEKEND = "weekend"
    WEEK = "week"


@dataclass(frozen=True)
class DateSpan:
    """Instants from ``start`` (included) to ``end`` (excluded), both aware and in UTC."""

    start: datetime
    end: datetime


def preset_span(preset: DatePreset, now: datetime, timezone: str) -> DateSpan:
    """The span a preset means at ``now`` for a kiosk in ``timezone``.

    TODAY ends at the next local midnight; WEEK at the midnight that starts next Monday;
    WEEKEND runs from Saturday 00:00 to Monday 00:00 (this one while it lasts, else the
    coming one).
    """
    zone = ZoneInfo(timezone)
    today = now.astimezone(zone).date()
    if preset is DatePreset.TODAY:
        return _span(now, today, today, zone)
    if preset is DatePreset.WEEK:
        return _span(now, today, today + timedelta(days=6 - today.weekday()), zone)
    saturday = today + timedelta(days=(_SATURDAY - today.weekday()) % 7)
    if today.weekday() == 6:  # Sunday: still this weekend
        saturday = today - timedelta(days=1)
    return _span(now, saturday, saturday + timedelta(days=1), zone)


def day_span(first: date, last: date, now: datetime, timezone: str) -> DateSpan:
    """The days ``first`` to ``last`` (both included, in any order) at the kiosk."""
    first, last = min(first, last), max(first, last)
    return _span(now, first, last, ZoneInfo(timezone))


def _span(now: datetime, first: date, last: date, zone: ZoneInfo) -> DateSpan:
    start = _midnight(first, zone)
    end = _midnight(last + timedelta(days=1), zone)
    return DateSpan(max(start, now.astimezone(UTC)), end)


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    # No zone skips midnight itself today, and fold=0 picks the first of a repeated hour.
    return datetime.combine(day, time(0), zone).astimezone(UTC)
