"""Keeping the catalog fresh: sync scheduling, its state for QML, the offline indicator.

Syncs run on the runner's network lane, never on the GUI thread. A successful sync is
followed by the next one after ``sync_interval`` (with jitter, so a fleet of kiosks does not
hit the central API in step); a failed one is retried sooner, doubling up to the interval,
which is how the kiosk notices quickly that the network came back.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtNetwork import QNetworkInformation

from kiosk.sync.report import SyncReport
from ui.runner import Lane, TaskRunner

log = logging.getLogger(__name__)

FIRST_RETRY_S = 30
JITTER = 0.1


class SyncModel(QObject):
    """Schedules syncs and tells QML whether the kiosk is in touch with the central API."""

    changed = Signal()
    sync_finished = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        run_sync: Callable[[], SyncReport],
        interval_s: int,
        *,
        second_ms: int = 1000,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__()
        self._runner = runner
        self._run_sync = run_sync
        self._interval_s = interval_s
        self._second_ms = second_ms
        self._rng = rng or random.Random()
        self._in_progress = False
        self._online = True
        self._last_report: SyncReport | None = None
        self._last_success_report: SyncReport | None = None
        self._offline_since: datetime | None = None
        self._retry_s = FIRST_RETRY_S
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.syncNow)

    def _get_in_progress(self) -> bool:
        return self._in_progress

    inProgress = Property(bool, _get_in_progress, notify=changed)  # noqa: N815

    def _get_online(self) -> bool:
        return self._online

    #: False after a failed sync, until one succeeds: QML shows the offline indicator.
    online = Property(bool, _get_online, notify=changed)

    def _get_offers_total(self) -> int:
        return self._last_report.offers_total if self._last_report else 0

    offersTotal = Property(int, _get_offers_total, notify=changed)  # noqa: N815

    def _get_last_success(self) -> str:
        report = self._last_success_report
        return report.finished_at.isoformat() if report and report.finished_at else ""

    #: When the last successful sync ended (ISO 8601, UTC); empty before the first.
    lastSuccess = Property(str, _get_last_success, notify=changed)  # noqa: N815

    def _get_offline_since(self) -> str:
        return self._offline_since.isoformat() if self._offline_since else ""

    #: Since when the central API has been out of reach (ISO 8601, UTC); empty when online.
    offlineSince = Property(str, _get_offline_since, notify=changed)  # noqa: N815

    def watch_network(self) -> bool:
        """Sync as soon as the OS reports the network back; False when it cannot tell."""
        if not QNetworkInformation.loadDefaultBackend():
            log.info("no network information from the OS: relying on retries")
            return False
        information = QNetworkInformation.instance()
        information.reachabilityChanged.connect(self._on_information_reachability_changed)
        return True

    def _on_information_reachability_changed(
        self, reachability: QNetworkInformation.Reachability
    ) -> None:
        if reachability == QNetworkInformation.Reachability.Online and not self._online:
            self.syncNow()

    @property
    def last_report(self) -> SyncReport | None:
        """The outcome of the last finished sync."""
        return self._last_report

    @property
    def offline_since(self) -> datetime | None:
        """When the kiosk lost touch with the central API, if it has."""
        return self._offline_since

    def start(self) -> None:
        """Sync now, then keep syncing on schedule."""
        self.syncNow()

    def stop(self) -> None:
        """Stop scheduling (application shutdown)."""
        self._timer.stop()

    @Slot()
    def syncNow(self) -> None:  # noqa: N802 - called from QML ("synchroniser maintenant")
        """Start a sync unless one is already running."""
        if self._in_progress:
            return
        self._timer.stop()
        self._in_progress = True
        self.changed.emit()
        task = self._runner.submit(Lane.NETWORK, self._run_sync)
        task.finished.connect(self._on_task_finished)
        task.failed.connect(self._on_task_failed)

    def _on_task_finished(self, report: SyncReport) -> None:
        self._finish(report)

    def _on_task_failed(self, error: object) -> None:
        # sync_once reports failures in its report; an exception here is a bug, kept visible.
        log.error("sync crashed: %s", type(error).__name__)
        report = SyncReport(started_at=datetime.now(UTC), error=type(error).__name__)
        self._finish(report)

    def _finish(self, report: SyncReport) -> None:
        self._in_progress = False
        self._last_report = report
        if report.ok:
            self._last_success_report = report
            self._online, self._offline_since = True, None
            self._retry_s = FIRST_RETRY_S
            delay_s = self._interval_s
        else:
            if self._online:
                self._offline_since = datetime.now(UTC)
            self._online = False
            delay_s = min(self._retry_s, self._interval_s)
            self._retry_s = min(self._retry_s * 2, self._interval_s)
        self._timer.start(int(self._jittered(delay_s) * self._second_ms))
        self.changed.emit()
        self.sync_finished.emit(report)

    def _jittered(self, seconds: float) -> float:
        return seconds * (1 + self._rng.uniform(-JITTER, JITTER))
