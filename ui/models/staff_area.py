"""The staff area: how the kiosk is doing, the outbox queue, and the day's counts.

Only for unlocked staff. It shows facts, never a visitor's data: the sync state (last
success, catalog size, clock skew) from :func:`kiosk.health.check_health`, the outbox as
pseudonymous rows (status, age, what went wrong) with "Réessayer" and "Annuler" for those
the central API refused, and counts of the day. Reads run on the storage lane.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.audit import AuditJournal
from kiosk.clock import Clock
from kiosk.config import Config
from kiosk.storage.counters import DailyCounters
from kiosk.storage.db import StorageError
from kiosk.storage.outbox import Outbox
from ui import formatting
from ui.runner import Lane, TaskRunner

log = logging.getLogger(__name__)


class StaffAreaModel(QObject):
    """The staff area for QML (context property ``staffArea``)."""

    changed = Signal()

    def __init__(self, runner: TaskRunner, config: Config, clock: Clock, *,
                 outbox: Callable[[], Outbox | None], counters: DailyCounters | None,
                 journal: AuditJournal | None, zone: Callable[[], str],
                 language: Callable[[], str], staff_name: Callable[[], str]) -> None:
        super().__init__()
        self._runner = runner
        self._config = config
        self._clock = clock
        self._outbox = outbox
        self._counters = counters
        self._journal = journal
        self._zone = zone
        self._language = language
        self._staff_name = staff_name
        self._facts: dict[str, Any] = {}
        self._queue: list[dict[str, Any]] = []
        self._counts: dict[str, int] = {}

    def _get_facts(self) -> dict[str, Any]:
        return dict(self._facts)

    def _get_queue(self) -> list[dict[str, Any]]:
        return list(self._queue)

    def _get_counts(self) -> dict[str, int]:
        return dict(self._counts)

    #: lastSync, bookableOffers, venues, clockSkew (seconds or null), pending, needsStaff,
    #: sentToday, outboxProblem, problems (list).
    facts = Property("QVariantMap", _get_facts, notify=changed)
    #: The outbox, newest first: id (short), status, created, attempts, error.
    queue = Property("QVariantList", _get_queue, notify=changed)
    counts = Property("QVariantMap", _get_counts, notify=changed)

    @Slot()
    def refresh(self) -> None:
        """Read everything again in the background."""
        task = self._runner.submit(Lane.STORAGE, self._read, self._clock.now())
        task.finished.connect(self._on_read)

    def _read(self, now: datetime) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, int]]:
        from kiosk.health import check_health  # with the secret store: not needed at start

        health = check_health(self._config, now)
        outbox = self._outbox()
        facts: dict[str, Any] = {
            "lastSync": health.last_sync or "",
            "bookableOffers": health.bookable_offers,
            "venues": health.venues,
            "clockSkew": health.clock_skew_seconds,
            "problems": list(health.problems),
            "pending": 0, "needsStaff": 0, "sentToday": 0,
            "outboxProblem": "" if outbox is not None else "unavailable",
        }
        queue: list[dict[str, Any]] = []
        zone = ZoneInfo(self._zone())
        if outbox is not None:
            try:
                summary = outbox.summary(now, tz=zone)
                facts.update(pending=summary.pending, needsStaff=summary.needs_staff,
                             sentToday=summary.sent_today)
                facts["outboxProblem"] = outbox.problem or ""
                queue = [
                    {"id": row.id, "shortId": row.id[:8], "status": row.status,
                     "created": row.created_at.isoformat(), "attempts": row.attempts,
                     "error": row.error_kind or ""}
                    for row in sorted(outbox.items(), key=lambda row: row.created_at,
                                      reverse=True)
                    if row.status in ("pending", "needs_staff", "purged")
                ]
            except StorageError as error:  # damage found while reading: staff must see it
                log.error("outbox: %s", error)
                facts["outboxProblem"] = str(error)
        counts = self._counters.of(now.astimezone(zone).date()) if self._counters else {}
        return facts, queue, counts

    def _on_read(self, result: tuple[dict[str, Any], list[dict[str, Any]], dict[str, int]]
                 ) -> None:
        facts, queue, counts = result
        language, zone = self._language(), self._zone()
        last = facts.get("lastSync")
        facts["lastSyncText"] = (
            formatting.moment(language, datetime.fromisoformat(last), zone) if last else ""
        )
        for row in queue:
            row["createdText"] = formatting.moment(
                language, datetime.fromisoformat(row["created"]), zone)
        self._facts, self._queue, self._counts = facts, queue, counts
        self.changed.emit()

    @Slot(str)
    def retry(self, record_id: str) -> None:
        """Send a refused pre-registration again, as it is.

        For a temporary refusal; a wrong answer cannot be edited: cancel, then start anew.
        """
        self._change(lambda outbox: outbox.retry(record_id, self._clock.now(),
                                                 journal=self._journal,
                                                 staff=self._staff_name() or None))

    @Slot(str)
    def cancel(self, record_id: str) -> None:
        """Give up a pre-registration: its data is deleted now."""
        self._change(lambda outbox: outbox.cancel(record_id, self._clock.now(),
                                                  journal=self._journal,
                                                  staff=self._staff_name() or None))

    def _change(self, action: Callable[[Outbox], object]) -> None:
        outbox = self._outbox()
        if outbox is None:
            return
        try:
            action(outbox)
        except StorageError as error:
            log.error("outbox: %s", error)
        self.refresh()
