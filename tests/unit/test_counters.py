"""Counts of the day: per kind and day, kept a month, never anything about a visitor."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from kiosk.storage.counters import KINDS, DailyCounters

DAY = date(2026, 11, 28)


def test_counts_add_up_per_kind_and_day(tmp_path: Path) -> None:
    counters = DailyCounters(tmp_path)
    try:
        for _ in range(3):
            counters.add("offers_viewed", DAY)
        counters.add("preregistrations", DAY)
        counters.add("preregistrations", DAY + timedelta(days=1))
        assert counters.of(DAY) == {"eligibility_checks": 0, "preregistrations": 1,
                                         "offers_viewed": 3}
    finally:
        counters.close()


def test_counts_survive_a_restart_and_old_days_go(tmp_path: Path) -> None:
    first = DailyCounters(tmp_path)
    first.add("eligibility_checks", DAY)
    first.close()
    again = DailyCounters(tmp_path)
    try:
        assert again.of(DAY)["eligibility_checks"] == 1
        again.add("eligibility_checks", DAY + timedelta(days=40))
        assert again.of(DAY) == dict.fromkeys(KINDS, 0)
    finally:
        again.close()


def test_an_unknown_kind_is_refused(tmp_path: Path) -> None:
    counters = DailyCounters(tmp_path)
    try:
        with pytest.raises(ValueError, match="unknown counter"):
            counters.add("visitors_names", DAY)
    finally:
        counters.close()
