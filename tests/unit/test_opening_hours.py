"""Opening hours: when the kiosk shows "fermé", when it reopens, when to set the next timer.

Hand-written cases with the instants worked out by hand (Paris is UTC+1 in winter, UTC+2 in
summer; Nouméa is UTC+11 all year), then properties over random hours, zones and instants.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.api.models import parse_kiosk_config
from kiosk.domain.opening_hours import (
    ALWAYS_OPEN,
    DAYS,
    describe,
    heavy_work_paused,
    is_open,
    next_change,
    opening_status,
    parse_opening_hours,
    reopens_at,
    venue_zone,
)

PARIS = ZoneInfo("Europe/Paris")
NOUMEA = ZoneInfo("Pacific/Noumea")
TICK = timedelta(microseconds=1)

#: The demo venue's hours (the contract's example): closed on Mondays and Sundays.
LIBRARY: dict[str, Any] = {
    "MONDAY": None,
    "TUESDAY": [{"open": "10:00", "close": "19:00"}],
    "WEDNESDAY": [{"open": "10:00", "close": "12:30"}, {"open": "14:00", "close": "18:00"}],
    "THURSDAY": [{"open": "14:00", "close": "19:00"}],
    "FRIDAY": [{"open": "10:00", "close": "19:00"}],
    "SATURDAY": [{"open": "10:00", "close": "17:00"}],
    "SUNDAY": None,
}


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS).astimezone(UTC)  # type: ignore[misc]


# --- an ordinary week -------------------------------------------------------------------------


def test_closed_before_opening_and_open_from_the_exact_minute() -> None:
    # Tuesday 2025-06-03, Paris summer time: 10:00 local is 08:00 UTC.
    opening = utc(2025, 6, 3, 8, 0)
    assert not is_open(LIBRARY, PARIS, opening - TICK)
    assert next_change(LIBRARY, PARIS, opening - TICK) == opening
    assert is_open(LIBRARY, PARIS, opening)
    assert next_change(LIBRARY, PARIS, opening) == utc(2025, 6, 3, 17, 0)


def test_closed_from_the_exact_closing_minute() -> None:
    closing = paris(2025, 6, 3, 19, 0)
    assert is_open(LIBRARY, PARIS, closing - TICK)
    assert not is_open(LIBRARY, PARIS, closing)
    # Wednesday morning next.
    assert next_change(LIBRARY, PARIS, closing) == paris(2025, 6, 4, 10, 0)


def test_a_lunch_break_closes_the_kiosk_between_two_spans() -> None:
    assert not is_open(LIBRARY, PARIS, paris(2025, 6, 4, 13, 0))
    assert reopens_at(LIBRARY, PARIS, paris(2025, 6, 4, 13, 0)) == datetime(
        2025, 6, 4, 14, 0, tzinfo=PARIS
    )


def test_sunday_closed_reopens_tuesday_morning_in_local_time() -> None:
    sunday_noon = paris(2025, 6, 8, 12, 0)
    status = opening_status(LIBRARY, "Europe/Paris", sunday_noon)
    assert not status.is_open
    assert status.next_change == paris(2025, 6, 10, 10, 0)
    assert status.reopens_at is not None
    assert status.reopens_at.tzinfo == PARIS
    assert (status.reopens_at.strftime("%A %H:%M"), status.reopens_at.utcoffset()) == (
        "Tuesday 10:00", timedelta(hours=2),
    )


def test_nothing_to_reopen_while_open() -> None:
    assert reopens_at(LIBRARY, PARIS, paris(2025, 6, 3, 12, 0)) is None


def test_noumea_opens_on_its_own_morning_which_is_the_previous_day_in_utc() -> None:
    # Tuesday 10:00 in Nouméa (UTC+11, no daylight saving) is Monday 23:00 UTC.
    opening = utc(2025, 6, 2, 23, 0)
    assert not is_open(LIBRARY, NOUMEA, opening - TICK)
    assert is_open(LIBRARY, NOUMEA, opening)
    assert next_change(LIBRARY, NOUMEA, opening) == utc(2025, 6, 3, 8, 0)
    # The same instant in Paris is Tuesday 01:00: closed there.
    assert not is_open(LIBRARY, PARIS, opening)


# --- daylight saving --------------------------------------------------------------------------


def test_spring_forward_shortens_a_night_span_by_an_hour() -> None:
    # 2025-03-30: at 02:00 Paris clocks jump to 03:00. Open Saturday 22:00 to Sunday 04:00.
    hours = {"SATURDAY": [{"open": "22:00", "close": "04:00"}]}
    opens, closes = utc(2025, 3, 29, 21, 0), utc(2025, 3, 30, 2, 0)  # 04:00 CEST is 02:00 UTC
    assert next_change(hours, PARIS, opens - TICK) == opens
    assert next_change(hours, PARIS, opens) == closes
    assert closes - opens == timedelta(hours=5)


def test_an_opening_inside_the_spring_forward_gap_happens_when_the_clocks_jump() -> None:
    # 02:30 does not exist on 2025-03-30 in Paris: the kiosk opens at 03:00 CEST (01:00 UTC).
    hours = {"SUNDAY": [{"open": "02:30", "close": "06:00"}]}
    jump = utc(2025, 3, 30, 1, 0)
    assert not is_open(hours, PARIS, jump - TICK)
    assert next_change(hours, PARIS, jump - timedelta(hours=3)) == jump
    assert is_open(hours, PARIS, jump)
    assert next_change(hours, PARIS, jump) == utc(2025, 3, 30, 4, 0)
    # A week later 02:30 exists again.
    assert next_change(hours, PARIS, utc(2025, 4, 5, 12, 0)) == utc(2025, 4, 6, 0, 30)


def test_a_span_that_the_spring_forward_gap_swallows_does_not_open_at_all() -> None:
    hours = {"SUNDAY": [{"open": "02:10", "close": "02:50"}]}
    # The next opening is the following Sunday, at 02:10 CEST.
    assert next_change(hours, PARIS, utc(2025, 3, 29, 12, 0)) == utc(2025, 4, 6, 0, 10)


def test_fall_back_lengthens_a_night_span_by_an_hour() -> None:
    # 2025-10-26: at 03:00 Paris clocks go back to 02:00. Open Saturday 22:00 to Sunday 04:00.
    hours = {"SATURDAY": [{"open": "22:00", "close": "04:00"}]}
    opens = utc(2025, 10, 25, 20, 0)  # 22:00 CEST
    closes = next_change(hours, PARIS, opens)
    assert closes == utc(2025, 10, 26, 3, 0)  # 04:00 CET
    assert closes - opens == timedelta(hours=7)


def test_a_repeated_hour_opens_at_its_first_occurrence() -> None:
    hours = {"SUNDAY": [{"open": "02:30", "close": "05:00"}]}
    # 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET): the first one counts.
    assert next_change(hours, PARIS, utc(2025, 10, 25, 12, 0)) == utc(2025, 10, 26, 0, 30)


def test_a_winter_day_and_a_summer_day_open_at_different_utc_hours() -> None:
    assert next_change(LIBRARY, PARIS, utc(2025, 1, 6, 12, 0)) == utc(2025, 1, 7, 9, 0)
    assert next_change(LIBRARY, PARIS, utc(2025, 7, 7, 12, 0)) == utc(2025, 7, 8, 8, 0)


# --- spans past midnight, around the clock ----------------------------------------------------


def test_a_span_past_midnight_keeps_the_kiosk_open_into_the_next_day() -> None:
    hours = {"FRIDAY": [{"open": "20:00", "close": "02:00"}]}
    saturday_1am = paris(2025, 6, 7, 1, 0)
    assert is_open(hours, PARIS, saturday_1am)
    assert next_change(hours, PARIS, saturday_1am) == paris(2025, 6, 7, 2, 0)


def test_spans_that_touch_at_midnight_make_one_opening() -> None:
    hours = {
        "SATURDAY": [{"open": "20:00", "close": "24:00"}],
        "SUNDAY": [{"open": "00:00", "close": "03:00"}],
    }
    assert next_change(hours, PARIS, paris(2025, 6, 7, 21, 0)) == paris(2025, 6, 8, 3, 0)


def test_open_around_the_clock_never_changes() -> None:
    hours = {day: [{"open": "00:00", "close": "24:00"}] for day in DAYS}
    status = opening_status(hours, PARIS, utc(2025, 3, 30, 1, 0))
    assert (status.is_open, status.next_change, status.reopens_at) == (True, None, None)
    assert not heavy_work_paused(hours, PARIS, utc(2025, 3, 30, 1, 0))


def test_equal_open_and_close_mean_twenty_four_hours() -> None:
    hours = {"MONDAY": [{"open": "09:00", "close": "09:00"}]}
    opens = paris(2025, 6, 2, 9, 0)
    assert next_change(hours, PARIS, opens) == paris(2025, 6, 3, 9, 0)


# --- no hours, odd hours ----------------------------------------------------------------------


def test_no_hours_means_always_open() -> None:
    status = opening_status(None, PARIS, utc(2025, 6, 8, 3, 0))
    assert (status.is_open, status.next_change, status.reopens_at) == (True, None, None)
    assert parse_opening_hours(None) is ALWAYS_OPEN
    assert describe(None) == {}


def test_an_empty_list_closes_that_day_only() -> None:
    hours = {**LIBRARY, "TUESDAY": []}
    assert not is_open(hours, PARIS, paris(2025, 6, 3, 12, 0))
    assert next_change(hours, PARIS, paris(2025, 6, 3, 12, 0)) == paris(2025, 6, 4, 10, 0)


def test_a_week_without_any_opening_is_read_as_always_open() -> None:
    # Most likely hours nobody entered: a kiosk stuck on "fermé" would help nobody.
    for hours in ({day: None for day in DAYS}, {day: [] for day in DAYS}, {}):
        weekly = parse_opening_hours(hours)
        assert weekly.always_open
        assert is_open(hours, PARIS, utc(2025, 6, 8, 3, 0))


@pytest.mark.parametrize("span", [
    {"open": "25:00", "close": "19:00"},
    {"open": "10:00", "close": "19:60"},
    {"open": "24:00", "close": "02:00"},
    {"open": "10h", "close": "19h"},
    {"open": 10, "close": 19},
    {"open": "10:00"},
    "10:00-19:00",
])
def test_an_unreadable_day_counts_as_open_all_day_and_is_reported(span: object) -> None:
    hours = {**LIBRARY, "TUESDAY": [span]}
    weekly = parse_opening_hours(hours)
    assert weekly.problems == ("openingHours.TUESDAY cannot be read: open all day",)
    assert is_open(hours, PARIS, paris(2025, 6, 3, 3, 0))
    assert next_change(hours, PARIS, paris(2025, 6, 3, 3, 0)) == paris(2025, 6, 4, 0, 0)
    # Other days are untouched.
    assert not is_open(hours, PARIS, paris(2025, 6, 4, 13, 0))


@pytest.mark.parametrize("hours", ["MONDAY 10-19", ["MONDAY"], 42, b"{}"])
def test_garbage_never_crashes(hours: Any) -> None:
    now = utc(2025, 6, 3, 3, 0)
    status = opening_status(hours, PARIS, now)
    assert status.is_open
    assert parse_opening_hours(hours).problems


def test_a_day_that_is_not_a_list_counts_as_open_all_day() -> None:
    hours = {"MONDAY": "10:00-19:00", "TUESDAY": None}
    assert is_open(hours, PARIS, paris(2025, 6, 2, 3, 0))
    assert not is_open(hours, PARIS, paris(2025, 6, 3, 3, 0))


def test_an_unknown_day_is_ignored_and_reported() -> None:
    weekly = parse_opening_hours({**LIBRARY, "FUNDAY": [{"open": "10:00", "close": "11:00"}]})
    assert weekly.problems == ("openingHours has an unknown day 'FUNDAY': ignored",)
    assert describe(weekly)["TUESDAY"] == (("10:00", "19:00"),)


def test_the_typed_remote_config_is_accepted_too() -> None:
    config = parse_kiosk_config({
        "idleTimeout": 90, "countdown": 15, "radiusKm": 50, "messages": [],
        "openingHours": {"SATURDAY": [{"open": "20:00", "close": "02:00"}], "SUNDAY": None},
    })
    assert describe(config.opening_hours)["SATURDAY"] == (("20:00", "02:00"),)
    assert is_open(config.opening_hours, PARIS, paris(2025, 6, 8, 1, 0))


def test_an_unknown_zone_falls_back_to_paris() -> None:
    assert venue_zone("Mars/Olympus_Mons") == PARIS
    assert venue_zone(None) == PARIS
    assert venue_zone("Pacific/Noumea") == NOUMEA
    assert is_open(LIBRARY, "Not/AZone", paris(2025, 6, 3, 12, 0))


def test_a_naive_instant_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        is_open(LIBRARY, PARIS, datetime(2025, 6, 3, 12, 0))


# --- heavy work -------------------------------------------------------------------------------


def test_heavy_work_pauses_at_night_and_resumes_before_opening() -> None:
    assert not heavy_work_paused(LIBRARY, PARIS, paris(2025, 6, 3, 12, 0))  # open
    assert heavy_work_paused(LIBRARY, PARIS, paris(2025, 6, 3, 22, 0))  # closed tonight
    assert heavy_work_paused(LIBRARY, PARIS, paris(2025, 6, 4, 9, 29))
    assert not heavy_work_paused(LIBRARY, PARIS, paris(2025, 6, 4, 9, 31))  # warming up
    assert heavy_work_paused(LIBRARY, PARIS, paris(2025, 6, 4, 9, 50), warm_up=timedelta(0))
    assert not heavy_work_paused(None, PARIS, paris(2025, 6, 3, 22, 0))


# --- properties -------------------------------------------------------------------------------

ZONES = ("Europe/Paris", "Pacific/Noumea", "America/Cayenne", "Australia/Lord_Howe",
         "America/Santiago", "America/Sao_Paulo", "Pacific/Apia")  # fmt: skip

_times = st.one_of(
    st.sampled_from(["00:00", "01:59", "02:00", "02:30", "03:00", "12:00", "23:59", "24:00"]),
    st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59)),
    st.sampled_from(["25:00", "ab:cd", ""]),  # unreadable now and then
)
_span = st.fixed_dictionaries({"open": _times, "close": _times})
_day = st.one_of(st.none(), st.lists(_span, max_size=3))
_hours = st.one_of(st.none(), st.dictionaries(st.sampled_from(DAYS), _day))
_instants = st.datetimes(
    min_value=datetime(2010, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(UTC)
)


@settings(max_examples=300, deadline=None)
@given(hours=_hours, zone=st.sampled_from(ZONES), now=_instants)
def test_is_open_flips_exactly_at_next_change(hours: Any, zone: str, now: datetime) -> None:
    status = opening_status(hours, zone, now)
    change = status.next_change
    if change is None:
        assert status.is_open
        assert is_open(hours, zone, now + timedelta(days=3))
        return
    assert change > now
    assert change - now <= timedelta(days=17)
    assert is_open(hours, zone, change) is not status.is_open
    assert is_open(hours, zone, change - TICK) is status.is_open
    assert is_open(hours, zone, now + (change - now) / 2) is status.is_open
    if status.is_open:
        assert status.reopens_at is None
    else:
        assert status.reopens_at is not None and status.reopens_at.tzinfo == ZoneInfo(zone)
        # Compared in UTC: a local time repeated by a fall-back change never equals an
        # instant of another zone with ==, even the same instant (PEP 495).
        assert status.reopens_at.astimezone(UTC) == change


@settings(max_examples=100, deadline=None)
@given(hours=_hours, zone=st.sampled_from(ZONES), now=_instants)
def test_following_next_change_alternates_open_and_closed(hours: Any, zone: str,
                                                          now: datetime) -> None:
    state = is_open(hours, zone, now)
    for _ in range(6):
        change = next_change(hours, zone, now)
        if change is None:
            break
        assert is_open(hours, zone, change) is not state
        state, now = not state, change
