"""Idle countdown and reset: the next visitor finds nothing of the previous one."""

from __future__ import annotations

from tests.ui.conftest import FAST_SECOND_MS, item, tap, text_of
from ui.app import Kiosk

# With the fast clock, 90 s of idle last 0.9 s and the 15 s countdown 0.15 s.
IDLE_MS = 90 * FAST_SECOND_MS
COUNTDOWN_MS = 15 * FAST_SECOND_MS


def _visit(qtbot, kiosk: Kiosk) -> None:
    """A visitor starts, switches to English and opens the offers."""
    tap(qtbot, kiosk, "startArea")
    tap(qtbot, kiosk, "language_en")
    tap(qtbot, kiosk, "choiceOffers")
    assert (kiosk.navigation.screen, kiosk.preferences.language) == ("offers", "en")


def test_idle_visit_shows_the_countdown_then_wipes_everything(qtbot, kiosk: Kiosk) -> None:
    _visit(qtbot, kiosk)
    qtbot.waitUntil(lambda: kiosk.session.countdownActive, timeout=IDLE_MS * 3)
    overlay = item(kiosk, "countdownOverlay")
    assert overlay.isVisible()
    assert int(text_of(kiosk, "countdownSeconds")) > 0
    with qtbot.waitSignal(kiosk.session.reset_done, timeout=COUNTDOWN_MS * 5):
        pass
    assert kiosk.navigation.screen == "attract"
    assert not kiosk.navigation.canGoBack
    assert kiosk.preferences.language == "fr"
    assert not kiosk.session.active
    assert not overlay.isVisible()


def test_any_touch_during_the_countdown_keeps_the_visit(qtbot, make_kiosk) -> None:
    # A slower clock so the test has time to answer the countdown.
    kiosk = make_kiosk(second_ms=40)
    _visit(qtbot, kiosk)
    qtbot.waitUntil(lambda: kiosk.session.countdownActive, timeout=90 * 40 * 3)
    tap(qtbot, kiosk, "stayButton")
    assert not kiosk.session.countdownActive
    assert not item(kiosk, "countdownOverlay").isVisible()
    assert (kiosk.navigation.screen, kiosk.preferences.language) == ("offers", "en")


def test_activity_postpones_the_countdown(qtbot, kiosk: Kiosk) -> None:
    _visit(qtbot, kiosk)
    for _ in range(5):
        qtbot.wait(IDLE_MS // 2)
        tap(qtbot, kiosk, "screenPage")  # touching anywhere counts as presence
        assert not kiosk.session.countdownActive


def test_terminer_wipes_the_visit_at_once(qtbot, kiosk: Kiosk) -> None:
    _visit(qtbot, kiosk)
    with qtbot.waitSignal(kiosk.session.reset_done, timeout=1000):
        tap(qtbot, kiosk, "finishButton")
    assert kiosk.navigation.screen == "attract"
    assert kiosk.preferences.language == "fr"


def test_no_countdown_while_nobody_is_there(qtbot, kiosk: Kiosk) -> None:
    qtbot.wait(IDLE_MS * 2)
    assert not kiosk.session.countdownActive
    assert kiosk.navigation.screen == "attract"
