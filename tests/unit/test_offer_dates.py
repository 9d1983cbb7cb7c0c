"""The date filters: "aujourd'hui", "ce week-end", "cette semaine" and day ranges as UTC spans.

The bounds are local midnights of the kiosk's time zone; every expected value below is
written out in UTC by hand (Paris is UTC+2 in summer, UTC+1 in winter).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kiosk.domain.offer_dates import DatePreset, DateSpan, day_span, preset_span

PARIS = "Europe/Paris"
TODAY, WEEKEND, WEEK = DatePreset.TODAY, DatePreset.WEEKEND, DatePreset.WEEK


def utc(text: str) -> datetime:
    """``"2026-06-05T22:00"`` as an aware UTC instant."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def local(text: str, zone: str = PARIS, *, fold: int = 0) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone), fold=fold)


def span(start: str, end: str) -> DateSpan:
    return DateSpan(utc(start), utc(end))


def assert_utc(found: DateSpan) -> None:
    assert found.start.utcoffset() == timedelta(0)
    assert found.end.utcoffset() == timedelta(0)
    assert found.start < found.end


# Week of Monday 1 to Sunday 7 June 2026, Paris (UTC+2); "now" is 10:00 local = 08:00 UTC.
# Saturday 00:00 local = Friday 22:00 UTC; the next Monday 00:00 local = Sunday 22:00 UTC.
SATURDAY, NEXT_MONDAY = "2026-06-05T22:00", "2026-06-07T22:00"


@pytest.mark.parametrize(
    ("day", "today_end", "weekend_start"),
    [
        (1, "2026-06-01T22:00", SATURDAY),  # Monday
        (2, "2026-06-02T22:00", SATURDAY),
        (3, "2026-06-03T22:00", SATURDAY),
        (4, "2026-06-04T22:00", SATURDAY),
        (5, "2026-06-05T22:00", SATURDAY),  # Friday
        (6, "2026-06-06T22:00", None),  # Saturday: the weekend has begun, it starts now
        (7, "2026-06-07T22:00", None),  # Sunday: still this weekend
    ],
)
def test_presets_on_each_day_of_the_week(
    day: int, today_end: str, weekend_start: str | None
) -> None:
    now = local(f"2026-06-{day:02d}T10:00")
    start = f"2026-06-{day:02d}T08:00"
    assert preset_span(TODAY, now, PARIS) == span(start, today_end)
    assert preset_span(WEEK, now, PARIS) == span(start, NEXT_MONDAY)
    assert preset_span(WEEKEND, now, PARIS) == span(weekend_start or start, NEXT_MONDAY)
    for preset in DatePreset:
        assert_utc(preset_span(preset, now, PARIS))


def test_late_on_friday_the_weekend_is_about_to_start() -> None:
    now = local("2026-06-05T23:30")  # 21:30 UTC
    assert preset_span(TODAY, now, PARIS) == span("2026-06-05T21:30", "2026-06-05T22:00")
    assert preset_span(WEEKEND, now, PARIS) == span(SATURDAY, NEXT_MONDAY)
    assert preset_span(WEEK, now, PARIS) == span("2026-06-05T21:30", NEXT_MONDAY)


def test_late_on_sunday_every_preset_ends_at_midnight() -> None:
    now = local("2026-06-07T23:30")
    last_half_hour = span("2026-06-07T21:30", NEXT_MONDAY)
    assert [preset_span(preset, now, PARIS) for preset in DatePreset] == [last_half_hour] * 3


def test_just_after_midnight_on_monday_is_a_new_week_though_utc_is_still_sunday() -> None:
    now = utc("2026-06-07T22:30")  # Monday 8 June, 00:30 in Paris
    assert preset_span(TODAY, now, PARIS) == span("2026-06-07T22:30", "2026-06-08T22:00")
    assert preset_span(WEEK, now, PARIS) == span("2026-06-07T22:30", "2026-06-14T22:00")
    assert preset_span(WEEKEND, now, PARIS) == span("2026-06-12T22:00", "2026-06-14T22:00")


def test_now_in_another_zone_gives_the_same_span() -> None:
    now = local("2026-06-03T10:00")
    assert preset_span(WEEK, now.astimezone(ZoneInfo("Asia/Tokyo")), PARIS) == preset_span(
        WEEK, now, PARIS
    )


# --- daylight saving time in Paris --------------------------------------------------------


def test_spring_forward_weekend_is_47_hours() -> None:
    # Sunday 29 March 2026, 02:00 becomes 03:00: Saturday starts at UTC+1, Monday at UTC+2.
    found = preset_span(WEEKEND, local("2026-03-27T12:00"), PARIS)
    assert found == span("2026-03-27T23:00", "2026-03-29T22:00")
    assert found.end - found.start == timedelta(hours=47)
    assert preset_span(WEEK, local("2026-03-25T12:00"), PARIS) == span(
        "2026-03-25T11:00", "2026-03-29T22:00"
    )


def test_the_day_clocks_spring_forward_is_23_hours() -> None:
    sunday = preset_span(TODAY, local("2026-03-29T00:00"), PARIS)
    assert sunday == span("2026-03-28T23:00", "2026-03-29T22:00")
    assert sunday.end - sunday.start == timedelta(hours=23)
    after_the_jump = preset_span(TODAY, local("2026-03-29T03:30"), PARIS)  # 01:30 UTC
    assert after_the_jump == span("2026-03-29T01:30", "2026-03-29T22:00")


def test_fall_back_weekend_is_49_hours() -> None:
    # Sunday 25 October 2026, 03:00 becomes 02:00: Saturday at UTC+2, Monday at UTC+1.
    found = preset_span(WEEKEND, local("2026-10-22T12:00"), PARIS)
    assert found == span("2026-10-23T22:00", "2026-10-25T23:00")
    assert found.end - found.start == timedelta(hours=49)
    assert preset_span(WEEK, local("2026-10-21T12:00"), PARIS) == span(
        "2026-10-21T10:00", "2026-10-25T23:00"
    )


def test_the_day_clocks_fall_back_is_25_hours_and_the_repeated_hour_is_handled() -> None:
    sunday = preset_span(TODAY, local("2026-10-25T00:00"), PARIS)
    assert sunday == span("2026-10-24T22:00", "2026-10-25T23:00")
    assert sunday.end - sunday.start == timedelta(hours=25)
    first = preset_span(TODAY, local("2026-10-25T02:30", fold=0), PARIS)  # UTC+2
    second = preset_span(TODAY, local("2026-10-25T02:30", fold=1), PARIS)  # UTC+1
    assert first == span("2026-10-25T00:30", "2026-10-25T23:00")
    assert second == span("2026-10-25T01:30", "2026-10-25T23:00")
    assert preset_span(WEEKEND, local("2026-10-25T02:30", fold=1), PARIS) == second


# --- far zones ----------------------------------------------------------------------------


def test_noumea_days_start_eleven_hours_before_utc() -> None:
    zone = "Pacific/Noumea"  # UTC+11, no daylight saving
    now = local("2026-06-03T10:00", zone)  # Wednesday there, Tuesday 23:00 in UTC
    assert preset_span(TODAY, now, zone) == span("2026-06-02T23:00", "2026-06-03T13:00")
    assert preset_span(WEEKEND, now, zone) == span("2026-06-05T13:00", "2026-06-07T13:00")
    assert preset_span(WEEK, now, zone) == span("2026-06-02T23:00", "2026-06-07T13:00")


def test_cayenne_sunday_evening_is_monday_in_utc_but_still_the_weekend() -> None:
    zone = "America/Cayenne"  # UTC-3
    now = local("2026-06-07T22:00", zone)  # Monday 01:00 UTC
    last_two_hours = span("2026-06-08T01:00", "2026-06-08T03:00")
    assert [preset_span(preset, now, zone) for preset in DatePreset] == [last_two_hours] * 3
    friday = local("2026-06-05T12:00", zone)
    assert preset_span(WEEKEND, friday, zone) == span("2026-06-06T03:00", "2026-06-08T03:00")


# --- day ranges ---------------------------------------------------------------------------


def test_a_day_range_covers_whole_local_days_in_either_order() -> None:
    now = local("2026-06-01T10:00")
    expected = span("2026-06-09T22:00", "2026-06-14T22:00")  # Wednesday 10 to Sunday 14
    assert day_span(date(2026, 6, 10), date(2026, 6, 14), now, PARIS) == expected
    assert day_span(date(2026, 6, 14), date(2026, 6, 10), now, PARIS) == expected
    assert day_span(date(2026, 6, 12), date(2026, 6, 12), now, PARIS) == span(
        "2026-06-11T22:00", "2026-06-12T22:00"
    )
    assert_utc(expected)


def test_a_day_range_starting_today_starts_now() -> None:
    now = local("2026-06-05T15:00")
    assert day_span(date(2026, 6, 7), date(2026, 6, 5), now, PARIS) == span(
        "2026-06-05T13:00", "2026-06-07T22:00"
    )


def test_a_day_range_across_daylight_saving_uses_each_days_offset() -> None:
    now = local("2026-03-01T10:00")
    assert day_span(date(2026, 3, 28), date(2026, 3, 29), now, PARIS) == span(
        "2026-03-27T23:00", "2026-03-29T22:00"
    )
    assert day_span(date(2026, 10, 24), date(2026, 10, 25), now, PARIS) == span(
        "2026-10-23T22:00", "2026-10-25T23:00"
    )


def test_a_day_range_in_a_far_zone() -> None:
    now = utc("2026-06-01T00:00")
    assert day_span(date(2026, 6, 6), date(2026, 6, 7), now, "Pacific/Noumea") == span(
        "2026-06-05T13:00", "2026-06-07T13:00"
    )
    assert day_span(date(2026, 6, 6), date(2026, 6, 7), now, "America/Cayenne") == span(
        "2026-06-06T03:00", "2026-06-08T03:00"
    )
