"""Amounts and dates as each language writes them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ui.formatting import day, moment, money, price


def test_amounts_follow_the_language(qapp) -> None:
    assert money("fr", 1500) == "1\u202f500\u00a0€"
    assert money("en", 1500) == "€1,500"
    assert money("fr", 50) == "50\u00a0€"


def test_days_follow_the_language(qapp) -> None:
    assert day("fr", date(2026, 12, 5), weekday=True) == "samedi 5 décembre 2026"
    assert day("en", date(2026, 12, 5), weekday=True) == "Saturday 5 December 2026"
    assert day("fr", datetime(2027, 6, 1, 22, tzinfo=UTC)) == "1er juin 2027"
    assert day("en", date(2027, 6, 1)) == "1 June 2027"


def test_prices_show_cents_only_when_there_are_some(qapp) -> None:
    assert price("fr", 750) == "7,50\u00a0€"
    assert price("en", 750) == "€7.50"
    assert price("fr", 1200) == "12\u00a0€"


def test_moments_are_in_the_venue_time_zone(qapp) -> None:
    at = datetime(2026, 11, 29, 13, 0, tzinfo=UTC)
    assert moment("fr", at, "Europe/Paris") == "dimanche 29 novembre, 14:00"
    assert moment("en", at, "Indian/Reunion") == "Sunday 29 November, 17:00"
