"""Guards against a broken Qt binding: PySide6 6.12.0 aborts the kiosk under Python 3.11."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QObject, QTimer


def test_void_qt_calls_do_not_steal_references_to_none(qapp) -> None:
    # Each leaked reference brings None closer to being freed, which aborts the process.
    timer, probe = QTimer(), QObject()
    before = sys.getrefcount(None)
    for _ in range(200):
        QCoreApplication.processEvents()
        probe.setObjectName("probe")
        timer.stop()
    assert sys.getrefcount(None) - before > -50, "this PySide6 leaks references to None"
