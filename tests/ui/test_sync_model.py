"""The kiosk syncs in the background: the screen never freezes, and offline shows."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QTimer

from kiosk.sync.connection import Connection
from tests.ui.conftest import item
from ui.app import Kiosk
from ui.scene import visible_texts


@pytest.fixture
def synced_kiosk(make_kiosk, training_connection: Connection) -> Kiosk:
    return make_kiosk(connection=training_connection)


def test_a_sync_fills_the_catalog_and_the_offers_screen_shows_it(qtbot, synced_kiosk) -> None:
    kiosk = synced_kiosk
    with qtbot.waitSignal(kiosk.sync.sync_finished, timeout=30000) as blocker:
        kiosk.sync.syncNow()
    assert blocker.args[0].ok, blocker.args[0].error
    assert kiosk.sync.online
    assert kiosk.sync.offersTotal > 1000
    kiosk.navigation.home()
    kiosk.navigation.go("offers")
    # The offers screen reads the fresh catalog: its rails fill with what was just synced.
    qtbot.waitUntil(lambda: len(kiosk.offers.rails) >= 3, timeout=10000)
    shown = "\n".join(visible_texts(item(kiosk, "offersScreen")))
    assert "Cette semaine" in shown and "Gratuit" in shown
    assert kiosk.offers.rails[0]["offers"][0]["name"] in shown


def test_the_screen_keeps_moving_during_a_slow_sync(qtbot, synced_kiosk,
                                                     training_connection: Connection) -> None:
    connection = training_connection
    assert connection.simulator is not None
    connection.simulator.faults.add("/kiosk/v1/venues", "drip:1.5")
    ticks: list[float] = []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    with qtbot.waitSignal(synced_kiosk.sync.sync_finished, timeout=30000) as blocker:
        synced_kiosk.sync.syncNow()
        assert synced_kiosk.sync.inProgress
    timer.stop()
    assert blocker.args[0].ok, blocker.args[0].error
    assert len(ticks) > 50
    assert max(b - a for a, b in zip(ticks, ticks[1:], strict=False)) < 0.25


def test_losing_the_network_only_shows_the_indicator(qtbot, synced_kiosk,
                                                      training_connection: Connection) -> None:
    connection = training_connection
    kiosk = synced_kiosk
    with qtbot.waitSignal(kiosk.sync.sync_finished, timeout=30000):
        kiosk.sync.syncNow()
    kiosk.navigation.home()
    assert not item(kiosk, "offlineIndicator").isVisible()
    assert connection.simulator is not None
    connection.simulator.stop()
    with qtbot.waitSignal(kiosk.sync.sync_finished, timeout=30000) as blocker:
        kiosk.sync.syncNow()
    assert not blocker.args[0].ok
    assert not kiosk.sync.online
    assert kiosk.sync.offlineSince  # staff can see since when
    assert kiosk.sync.lastSuccess  # and how fresh the local catalog is
    assert item(kiosk, "offlineIndicator").isVisible()
    assert kiosk.sync.offersTotal == 0 or kiosk.catalog.counts(kiosk.clock.now()).offers > 1000
    kiosk.navigation.go("eligibility")  # every screen still works from the local data
    assert kiosk.navigation.screen == "eligibility"


def test_the_attract_screen_shows_real_events_after_a_sync(qtbot, synced_kiosk) -> None:
    kiosk = synced_kiosk
    assert kiosk.attract.events == []
    with qtbot.waitSignal(kiosk.sync.sync_finished, timeout=30000):
        kiosk.sync.syncNow()
    events = kiosk.attract.events
    assert events, "no upcoming event after a sync of the demo data"
    slides = item(kiosk, "attractScreen").property("slides").toVariant()
    assert any(slide["title"] == events[0]["name"] for slide in slides)
    assert any("Gratuit" in slide["body"] or "€" in slide["body"] for slide in slides)
