"""Outside the venue's opening hours the kiosk says it is closed, and opens again on time."""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.clock import Clock
from tests.ui.conftest import FAST_SECOND_MS, item, tap
from ui.app import Kiosk
from ui.scene import visible_texts

# Tuesday to Saturday, 10:00-19:00 local; Sunday and Monday closed.
HOURS = {
    "MONDAY": None,
    "TUESDAY": [{"open": "10:00", "close": "19:00"}],
    "WEDNESDAY": [{"open": "10:00", "close": "19:00"}],
    "THURSDAY": [{"open": "10:00", "close": "19:00"}],
    "FRIDAY": [{"open": "10:00", "close": "19:00"}],
    "SATURDAY": [{"open": "10:00", "close": "19:00"}],
    "SUNDAY": None,
}
SUNDAY_NOON = datetime(2026, 11, 29, 11, 0, tzinfo=UTC)  # 12:00 in Paris
TUESDAY_OPENING = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # 10:00 in Paris


def _kiosk_with_hours(make_kiosk, at: datetime) -> Kiosk:
    kiosk = make_kiosk(clock=Clock(frozen_at=at), second_ms=FAST_SECOND_MS)
    config = {"idleTimeout": 90, "countdown": 15, "openingHours": HOURS, "radiusKm": 50,
              "messages": []}
    kiosk.catalog.store_remote_config(config, '"v1"')
    kiosk.opening_hours.refresh()
    return kiosk


def test_a_closed_venue_shows_when_it_reopens(qtbot, make_kiosk) -> None:
    kiosk = _kiosk_with_hours(make_kiosk, SUNDAY_NOON)
    closed = item(kiosk, "closedScreen")
    assert closed.isVisible()
    shown = "\n".join(visible_texts(closed))
    assert "le lieu est fermé" in shown
    assert "Réouverture mardi 1 décembre, 10:00." in shown.replace("1er", "1")
    assert kiosk.opening_hours.heavy_work_paused()


def test_touching_a_closed_kiosk_starts_nothing(qtbot, make_kiosk) -> None:
    kiosk = _kiosk_with_hours(make_kiosk, SUNDAY_NOON)
    tap(qtbot, kiosk, "closedScreen")
    qtbot.wait(50)
    assert kiosk.navigation.screen == "attract"
    assert not kiosk.session.active


def test_the_kiosk_opens_again_at_opening_time(qtbot, make_kiosk) -> None:
    kiosk = _kiosk_with_hours(make_kiosk, SUNDAY_NOON)
    kiosk.clock.freeze(TUESDAY_OPENING)
    kiosk.opening_hours.refresh()  # what the timer set for the next change does
    assert not item(kiosk, "closedScreen").isVisible()
    assert not kiosk.opening_hours.heavy_work_paused()


def test_a_visit_under_way_at_closing_time_ends_normally(qtbot, make_kiosk) -> None:
    kiosk = _kiosk_with_hours(make_kiosk, TUESDAY_OPENING)
    kiosk.navigation.home()
    kiosk.clock.freeze(datetime(2026, 12, 1, 18, 0, 1, tzinfo=UTC))  # 19:00:01 in Paris
    kiosk.opening_hours.refresh()
    assert kiosk.navigation.screen == "home"
    assert not item(kiosk, "closedScreen").isVisible()
    kiosk.session.finish()
    assert item(kiosk, "closedScreen").isVisible()


def test_without_hours_the_kiosk_is_always_open(qtbot, make_kiosk) -> None:
    kiosk = make_kiosk(clock=Clock(frozen_at=SUNDAY_NOON))
    assert not kiosk.opening_hours.closed
    assert not item(kiosk, "closedScreen").isVisible()


def test_the_closed_screen_speaks_english(qtbot, make_kiosk) -> None:
    kiosk = _kiosk_with_hours(make_kiosk, SUNDAY_NOON)
    kiosk.preferences.setLanguage("en")
    shown = "\n".join(visible_texts(item(kiosk, "closedScreen")))
    assert "closed" in shown.lower() and "Tuesday 1 December" in shown
