"""Amounts and dates as each language writes them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ui.formatting import day, money


def test_amounts_follow_the_language(qapp) -> None:
    assert money("fr", 1500) == "1\u202f500\u00a0€"
    assert money("en", 1500) == "€1,500"
    assert money("fr", 50) == "50\u00a0€"


def test_days_follow_the_language(qapp) -> None:
    assert day("fr", date(2026, 12, 5), weekday=True) == "samedi 5 décembre 2026"
    assert day("en", date(2026, 12, 5), weekday=True) == "Saturday 5 December 2026"
    assert day("fr", datetime(2027, 6, 1, 22, tzinfo=UTC)) == "1er juin 2027"
    assert day("en", date(2027, 6, 1)) == "1 June 2027"
