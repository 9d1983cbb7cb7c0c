"""Background work never freezes the screen, and its results come back on the GUI thread."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QTimer

from ui.runner import Lane, TaskRunner


@pytest.fixture
def runner(qapp):
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def test_gui_keeps_processing_events_while_a_slow_task_runs(qtbot, runner) -> None:
    ticks = []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    results = []
    task = runner.submit(Lane.NETWORK, time.sleep, 0.5)
    task.finished.connect(lambda value: results.append(threading.current_thread()))
    with qtbot.waitSignal(task.finished, timeout=3000):
        pass
    timer.stop()
    # 0.5 s of work; a frozen GUI thread would have ticked at most once or twice.
    assert len(ticks) >= 20
    assert max(b - a for a, b in zip(ticks, ticks[1:], strict=False)) < 0.25
    assert results == [threading.main_thread()]


def test_a_failing_task_reports_its_error(qtbot, runner) -> None:
    def broken() -> None:
        raise OSError("disk unplugged")

    task = runner.submit(Lane.STORAGE, broken)
    with qtbot.waitSignal(task.failed, timeout=2000) as blocker:
        pass
    assert isinstance(blocker.args[0], OSError)
    assert "disk unplugged" in str(blocker.args[0])
    assert runner.pending_count == 0


def test_storage_lane_runs_one_task_at_a_time(qtbot, runner) -> None:
    running = []
    overlaps = []

    def write(n: int) -> int:
        running.append(n)
        if len(running) > 1:
            overlaps.append(list(running))
        time.sleep(0.02)
        running.remove(n)
        return n

    tasks = [runner.submit(Lane.STORAGE, write, n) for n in range(5)]
    with qtbot.waitSignals([t.finished for t in tasks], timeout=3000):
        pass
    assert overlaps == []


def test_network_lane_runs_tasks_side_by_side(qtbot, runner) -> None:
    started = time.monotonic()
    tasks = [runner.submit(Lane.NETWORK, time.sleep, 0.3) for _ in range(2)]
    with qtbot.waitSignals([t.finished for t in tasks], timeout=3000):
        pass
    assert time.monotonic() - started < 0.55
