"""The only place that starts threads: background lanes whose results come back as signals.

Two lanes, as ARCHITECTURE.md says: ``NETWORK`` (a few threads, for the central API) and
``STORAGE`` (exactly one thread, so that SQLite writes never race). A submitted callable runs on
its lane; its :class:`Task` emits ``finished(result)`` or ``failed(error)`` on the GUI thread.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)


class Lane(enum.Enum):
    """Where a task runs."""

    NETWORK = "network"
    STORAGE = "storage"


_LANE_THREADS = {Lane.NETWORK: 2, Lane.STORAGE: 1}


class Task(QObject):
    """One piece of background work; lives on the GUI thread and reports there."""

    finished = Signal(object)
    failed = Signal(object)
    _completed = Signal(bool, object)

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.done = False
        # Queued on purpose: the worker thread emits, the GUI thread's event loop delivers.
        self._completed.connect(self._on_task_completed, Qt.ConnectionType.QueuedConnection)

    @Slot(bool, object)
    def _on_task_completed(self, ok: bool, value: object) -> None:
        self.done = True
        (self.finished if ok else self.failed).emit(value)


class TaskRunner(QObject):
    """Runs callables off the GUI thread, one executor per :class:`Lane`."""

    def __init__(self) -> None:
        super().__init__()
        self._executors = {
            lane: ThreadPoolExecutor(max_workers=count, thread_name_prefix=f"kiosk-{lane.value}")
            for lane, count in _LANE_THREADS.items()
        }
        self._pending: set[Task] = set()

    def submit(self, lane: Lane, function: Callable[..., Any], *args: Any) -> Task:
        """Run ``function(*args)`` on ``lane``; connect to the returned task's signals."""
        task = Task(getattr(function, "__name__", "task"))
        self._pending.add(task)
        task.finished.connect(lambda _result: self._pending.discard(task))
        task.failed.connect(lambda _error: self._pending.discard(task))

        def work() -> None:
            try:
                result = function(*args)
            except Exception as error:  # noqa: BLE001 - reported to the GUI, never lost
                log.exception("background task %s failed", task.name)
                task._completed.emit(False, error)
            else:
                task._completed.emit(True, result)

        self._executors[lane].submit(work)
        return task

    @property
    def pending_count(self) -> int:
        """How many submitted tasks have not reported yet."""
        return len(self._pending)

    def shutdown(self) -> None:
        """Stop accepting work and wait for the running tasks; queued ones are cancelled."""
        for executor in self._executors.values():
            executor.shutdown(wait=True, cancel_futures=True)
