"""Qt's own messages (QML errors included) land in the kiosk's log, scrubbed."""

from __future__ import annotations

import logging

from PySide6.QtCore import qInstallMessageHandler, qWarning

from ui.app import install_qt_message_bridge


def test_qt_warnings_reach_python_logging(qapp, caplog) -> None:
    previous = qInstallMessageHandler(None)  # pytest-qt's handler, restored below
    try:
        install_qt_message_bridge()
        with caplog.at_level(logging.DEBUG):
            qWarning("probe from Qt")
    finally:
        qInstallMessageHandler(previous)
    records = [r for r in caplog.records if r.getMessage() == "probe from Qt"]
    assert records and records[0].levelno == logging.WARNING
    assert records[0].name.startswith("qt.")
