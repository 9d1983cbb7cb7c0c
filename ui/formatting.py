"""Amounts and dates as each language writes them (« 1 500 € », "€1,500"; « 1er juin »)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Final
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QLocale, QTime

_LOCALES: Final = {"fr": "fr_FR", "en": "en_GB"}


def locale_for(language: str) -> QLocale:
    """The Qt locale that formats for ``language`` (French when unknown)."""
    return QLocale(_LOCALES.get(language, "fr_FR"))


def money(language: str, euros: int) -> str:
    """Whole euros with the language's grouping and symbol position."""
    return locale_for(language).toCurrencyString(euros, "€", 0)


def price(language: str, cents: int) -> str:
    """A price from cents, with decimals only when there are some: « 7,50 € », « 12 € »."""
    decimals = 0 if cents % 100 == 0 else 2
    return locale_for(language).toCurrencyString(cents / 100, "€", decimals)


def day(language: str, when: date | datetime, *, weekday: bool = False) -> str:
    """A calendar day in words: « samedi 6 décembre 2026 », "Saturday 6 December 2026"."""
    if isinstance(when, datetime):
        when = when.date()
    locale = locale_for(language)
    # French writes the first of the month as an ordinal: « le 1er juin ».
    day_part = "d'er'" if when.day == 1 and locale.language() == QLocale.Language.French else "d"
    pattern = f"{'dddd ' if weekday else ''}{day_part} MMMM yyyy"
    return locale.toString(QDate(when.year, when.month, when.day), pattern)


def moment(language: str, when: datetime, timezone: str | None) -> str:
    """A day and time in the venue's zone: « samedi 29 novembre, 14:00 », "Saturday 29 ..."."""
    local = when.astimezone(ZoneInfo(timezone)) if timezone else when
    locale = locale_for(language)
    day_part = day(language, local, weekday=True).rsplit(" ", 1)[0]  # the year is implied
    time_part = locale.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    return f"{day_part}, {time_part}"


def distance(language: str, km: float | None) -> str:
    """How far a place is: « 350 m », « 1,2 km », « 12 km » ("" when unknown)."""
    if km is None:
        return ""
    locale = locale_for(language)
    if km < 1:
        metres = max(10, round(km * 1000, -1))  # tens of metres: a GPS is no more precise
        return f"{locale.toString(int(metres))}\N{NO-BREAK SPACE}m"
    decimals = 1 if km < 10 else 0
    return f"{locale.toString(float(km), 'f', decimals)}\N{NO-BREAK SPACE}km"
