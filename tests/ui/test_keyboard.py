"""The on-screen keyboard opens inside the scene and never hides the field being typed."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtQml import QQmlComponent
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from tests.ui.conftest import item, tap
from ui.app import QML_DIR, Kiosk

FIELD_QML = b"""
import QtQuick
import Kiosk
KioskTextField { objectName: "probeField"; width: 600; label: "probe" }
"""


def _add_field_near_the_bottom(kiosk: Kiosk) -> QQuickItem:
    page = item(kiosk, "screenPage")
    body = page.property("contentItem").childItems()[0]
    component = QQmlComponent(kiosk.engine)
    component.setData(FIELD_QML, (QML_DIR / "probe.qml").as_uri())
    field = component.create(kiosk.engine.rootContext())
    assert field is not None, component.errorString()
    field.setParentItem(body)
    field.setY(page.height() - 200)  # low on the screen: where the keyboard will appear
    kiosk._probe = (component, field)  # type: ignore[attr-defined] - keep them alive
    return field


def _type_in_a_low_field(qtbot, kiosk: Kiosk) -> tuple[QQuickItem, QQuickItem]:
    """Open a screen with a field near the bottom and focus it: (field, keyboard panel)."""
    kiosk.navigation.home()
    kiosk.navigation.go("eligibility")
    field = _add_field_near_the_bottom(kiosk)
    panel = item(kiosk, "inputPanel")
    assert not panel.property("active")
    field.forceActiveFocus()
    qtbot.waitUntil(lambda: panel.property("active"), timeout=3000)
    return field, panel


def test_typing_opens_the_keyboard_and_keeps_the_field_above_it(qtbot, kiosk: Kiosk) -> None:
    field, panel = _type_in_a_low_field(qtbot, kiosk)
    qtbot.waitUntil(lambda: panel.mapToScene(QPointF(0, 0)).y() < kiosk.window.height() - 10,
                    timeout=2000)
    qtbot.wait(300)  # the slide-in animation

    keyboard_top = panel.mapToScene(QPointF(0, 0)).y()
    field_bottom = field.mapToScene(QPointF(0, field.height())).y()
    assert field_bottom <= keyboard_top, "the keyboard covers the field being typed"
    assert field.mapToScene(QPointF(0, 0)).y() >= 0, "the field scrolled off the top"

    for character in "Theatre":
        QTest.keyClick(kiosk.window, character)
    assert field.property("text") == "Theatre"


def test_leaving_the_field_closes_the_keyboard(qtbot, kiosk: Kiosk) -> None:
    field, panel = _type_in_a_low_field(qtbot, kiosk)
    field.setFocus(False)
    kiosk.window.contentItem().forceActiveFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: not panel.property("active"), timeout=3000)


def test_the_keyboard_layout_follows_the_visitor_language(qtbot, kiosk: Kiosk) -> None:
    _field, panel = _type_in_a_low_field(qtbot, kiosk)
    qtbot.waitUntil(lambda: panel.property("activeLocale") == "fr_FR", timeout=3000)
    tap(qtbot, kiosk, "language_en")
    qtbot.waitUntil(lambda: panel.property("activeLocale") == "en_GB", timeout=3000)


def test_a_key_hit_while_the_keyboard_slides_away_goes_nowhere(qtbot, kiosk: Kiosk) -> None:
    # A quick second tap as the field loses focus: the key must not be typed anywhere
    # (Qt would warn that nothing has focus) nor reach the screen under the keyboard.
    field, panel = _type_in_a_low_field(qtbot, kiosk)
    qtbot.wait(300)  # the slide-in animation
    key_spot = panel.mapToScene(QPointF(panel.width() / 2, panel.height() * 0.45)).toPoint()
    field.setFocus(False)
    kiosk.window.contentItem().forceActiveFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: not panel.property("active"), timeout=3000)
    screen = kiosk.navigation.screen
    QTest.mouseClick(kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     key_spot)
    qtbot.wait(200)
    assert field.property("text") == ""
    assert kiosk.navigation.screen == screen
