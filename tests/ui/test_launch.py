"""Start-up as production does it: the attract screen first, the slow services after it.

Reading the secret store, reaching the central API and (training mode) starting the
simulator take from a tenth of a second to the network's timeouts; a visitor must meet a
live attract screen meanwhile, and the kiosk must sync as soon as they are done.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import QSize
from PySide6.QtTest import QTest

from kiosk import config as kiosk_config
from kiosk.simulator.app import DATABASE_NAME
from kiosk.sync.connection import Connection, connect
from tests.ui.conftest import tap
from ui.app import Kiosk, StartupError, launch


def _training_data(private_dirs: Path, demo_data: Path) -> kiosk_config.Config:
    target = private_dirs / "data" / "training-simulator"
    target.mkdir(parents=True)
    shutil.copy2(demo_data / DATABASE_NAME, target / DATABASE_NAME)
    return kiosk_config.load({})


def test_the_attract_screen_answers_while_the_kiosk_is_still_connecting(
        qtbot, private_dirs: Path, demo_data: Path) -> None:
    config = _training_data(private_dirs, demo_data)
    connecting, go_on = threading.Event(), threading.Event()

    def slow_connect() -> Connection:
        connecting.set()
        go_on.wait(20)  # a central API that takes its time to answer
        return connect(config)

    kiosk = Kiosk(config, windowed=True, size=QSize(1920, 1080))
    try:
        kiosk.start_services(slow_connect)
        assert QTest.qWaitForWindowExposed(kiosk.window, 5000)
        qtbot.waitUntil(connecting.is_set, timeout=5000)
        tap(qtbot, kiosk, "startArea")
        assert kiosk.navigation.screen == "home"  # the visitor is not kept waiting
        assert kiosk.sync.last_report is None
        go_on.set()
        qtbot.waitUntil(lambda: kiosk.sync.last_report is not None, timeout=30000)
        report = kiosk.sync.last_report
        assert report is not None and report.ok, report
        assert kiosk.catalog.counts(kiosk.clock.now()).offers > 0
        assert kiosk.venue() is not None  # the training enrollment's venue, read anew
    finally:
        go_on.set()
        kiosk.close()


def test_launch_opens_the_outbox_and_syncs_after_the_first_frame(
        qtbot, private_dirs: Path, demo_data: Path) -> None:
    kiosk = launch(_training_data(private_dirs, demo_data), windowed=True,
                   size=QSize(1280, 720))
    try:
        assert kiosk.navigation.screen == "attract"
        qtbot.waitUntil(lambda: kiosk.sync.last_report is not None, timeout=30000)
        assert kiosk.sync.last_report is not None and kiosk.sync.last_report.ok
        assert kiosk.outbox is not None
        assert kiosk.assisted.property("available")
    finally:
        kiosk.close()


def test_closing_while_connecting_stops_the_simulator_it_was_starting(
        qtbot, private_dirs: Path, demo_data: Path) -> None:
    config = _training_data(private_dirs, demo_data)
    connecting, go_on = threading.Event(), threading.Event()
    served_at: list[str] = []

    def slow_connect() -> Connection:
        connecting.set()
        go_on.wait(20)
        connection = connect(config)
        assert connection.simulator is not None, connection.problem
        served_at.append(connection.simulator.url)
        return connection

    kiosk = Kiosk(config, windowed=True, size=QSize(1280, 720))
    kiosk.start_services(slow_connect)
    assert QTest.qWaitForWindowExposed(kiosk.window, 5000)
    qtbot.waitUntil(connecting.is_set, timeout=5000)
    threading.Timer(0.2, go_on.set).start()
    kiosk.close()  # waits for the connection under way, then stops what it started
    assert served_at, "the connection was never made"
    with pytest.raises(requests.ConnectionError):  # nobody serves there any more
        requests.get(served_at[0], timeout=2)


def test_a_connection_that_crashes_leaves_a_running_kiosk_that_says_why(
        qtbot, private_dirs: Path, caplog: pytest.LogCaptureFixture) -> None:
    def broken_connect() -> Connection:
        raise RuntimeError("a bug")

    kiosk = Kiosk(kiosk_config.load({}), windowed=True, size=QSize(1280, 720))
    try:
        kiosk.start_services(broken_connect)
        qtbot.waitUntil(lambda: kiosk.sync.last_report is not None, timeout=10000)
        report = kiosk.sync.last_report
        assert report is not None and report.error == "could not connect: RuntimeError"
        assert not kiosk.sync.property("online")
        tap(qtbot, kiosk, "startArea")
        assert kiosk.navigation.screen == "home"
    finally:
        kiosk.close()


@pytest.mark.qt_log_ignore(".*")  # the broken QML's own error is the point
def test_a_window_that_cannot_load_is_a_startup_error(
        private_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = private_dirs / "qml"
    broken.mkdir()
    (broken / "Main.qml").write_text("import QtQuick\nWindow { nonsense: }\n", encoding="utf-8")
    monkeypatch.setattr("ui.app.QML_DIR", broken)
    with pytest.raises(StartupError, match="could not load"):
        Kiosk(kiosk_config.load({}), windowed=True, size=QSize(1280, 720))
