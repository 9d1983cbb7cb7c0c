"""The kiosk's notion of now: the PC clock, corrected when the central API says it is wrong.

Municipal PCs often have a drifting or badly set clock; eligibility depends on the exact
instant (birthdays start at local midnight), so every rule asks this clock, never
``datetime.now()`` directly. The sync issue feeds :meth:`Clock.correct` from the server's
time; tests build a clock frozen at a chosen instant.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class Clock:
    """Aware UTC time with an optional correction and an optional frozen instant."""

    def __init__(self, frozen_at: datetime | None = None) -> None:
        if frozen_at is not None and frozen_at.tzinfo is None:
            raise ValueError("a frozen clock needs an aware datetime")
        self._frozen_at = frozen_at
        self._offset = timedelta()

    def freeze(self, at: datetime) -> None:
        """Stop the clock at ``at`` (tests and demos move a frozen clock forward with it)."""
        if at.tzinfo is None:
            raise ValueError("a frozen clock needs an aware datetime")
        self._frozen_at = at

    def now(self) -> datetime:
        """The current instant, in UTC, corrected."""
        base = self._frozen_at if self._frozen_at is not None else datetime.now(UTC)
        return (base + self._offset).astimezone(UTC)

    @property
    def offset(self) -> timedelta:
        """How far the PC clock is from the reference (added to the PC's time)."""
        return self._offset

    def correct(self, reference_now: datetime) -> timedelta:
        """Align with ``reference_now`` (the server's time); return the applied offset."""
        if reference_now.tzinfo is None:
            raise ValueError("the reference time must be aware")
        base = self._frozen_at if self._frozen_at is not None else datetime.now(UTC)
        self._offset = reference_now - base
        return self._offset
