"""The corrected clock that every rule asks for the current instant."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from kiosk.clock import Clock


def test_real_clock_is_aware_utc_and_close_to_the_system() -> None:
    now = Clock().now()
    assert now.tzinfo is not None and now.utcoffset() == timedelta(0)
    assert abs(now - datetime.now(UTC)) < timedelta(seconds=5)


def test_a_wrong_pc_clock_is_corrected_from_the_server_time() -> None:
    clock = Clock(frozen_at=datetime(2026, 1, 1, 12, tzinfo=UTC))
    offset = clock.correct(datetime(2026, 1, 2, 12, tzinfo=UTC))
    assert offset == timedelta(days=1)
    assert clock.now() == datetime(2026, 1, 2, 12, tzinfo=UTC)


def test_any_time_zone_is_accepted_and_returned_in_utc() -> None:
    paris_winter = timezone(timedelta(hours=1))
    clock = Clock(frozen_at=datetime(2026, 1, 1, 1, tzinfo=paris_winter))
    assert clock.now() == datetime(2026, 1, 1, 0, tzinfo=UTC)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError):
        Clock(frozen_at=datetime(2026, 1, 1))
    with pytest.raises(ValueError):
        Clock().correct(datetime(2026, 1, 1))
