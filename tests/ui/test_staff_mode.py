"""Staff mode: the hidden unlock, the PIN pad, its lockout across restarts, and locking."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from kiosk.audit import AuditJournal
from kiosk.clock import Clock
from kiosk.staff import ScryptCost, StaffStore
from tests.ui.conftest import FAST_SECOND_MS, has_item, item, tap
from ui.app import Kiosk
from ui.scene import visible_texts

PIN = "482915"
#: Accounts are created cheaply here; the kiosk checks with the cost stored with each hash.
TEST_COST = ScryptCost(n=2**4, r=1, p=1)


def _add_staff(data_dir: Path, name: str = "Camille", pin: str = PIN) -> None:
    with StaffStore(data_dir, Clock(), cost=TEST_COST) as store:
        store.add(name, pin)


def _hold_corner(qtbot, kiosk: Kiosk) -> None:
    corner = item(kiosk, "staffCorner")
    centre = corner.mapToScene(QPointF(corner.width() / 2, corner.height() / 2)).toPoint()
    QTest.mousePress(kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     centre)
    qtbot.waitUntil(lambda: kiosk.staff.padOpen, timeout=5000)
    QTest.mouseRelease(kiosk.window, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier, centre)


def _type_pin(qtbot, kiosk: Kiosk, pin: str) -> None:
    for digit in pin:
        tap(qtbot, kiosk, f"digit_{digit}")
    tap(qtbot, kiosk, "pinSubmit")
    qtbot.waitUntil(lambda: not kiosk.staff.checking, timeout=5000)


def test_a_short_touch_in_the_corner_does_nothing(qtbot, kiosk: Kiosk) -> None:
    tap(qtbot, kiosk, "staffCorner")
    qtbot.wait(100)
    assert not kiosk.staff.padOpen


def test_the_right_pin_unlocks_and_names_the_staff_member(qtbot, make_kiosk,
                                                          private_dirs: Path) -> None:
    _add_staff(private_dirs / "data")
    kiosk = make_kiosk(second_ms=FAST_SECOND_MS, windowed=False)  # full screen, as deployed
    assert not kiosk.app_model.property("canClose")
    _hold_corner(qtbot, kiosk)
    _type_pin(qtbot, kiosk, "000000")
    assert "Code incorrect" in "\n".join(visible_texts(item(kiosk, "pinPad")))
    _type_pin(qtbot, kiosk, PIN)
    assert kiosk.staff.unlocked and not kiosk.staff.padOpen
    assert not has_item(kiosk, "pinPad")
    assert "MODE ASSISTÉ — Camille" in "\n".join(visible_texts(item(kiosk, "staffRibbon")))
    assert kiosk.app_model.property("canClose")
    tap(qtbot, kiosk, "lockButton")
    assert not kiosk.staff.unlocked and not item(kiosk, "staffRibbon").isVisible()
    assert not kiosk.app_model.property("canClose")


def test_the_pin_never_appears_on_screen(qtbot, make_kiosk, private_dirs: Path) -> None:
    _add_staff(private_dirs / "data")
    kiosk = make_kiosk(second_ms=FAST_SECOND_MS)
    _hold_corner(qtbot, kiosk)
    for digit in PIN[:4]:
        tap(qtbot, kiosk, f"digit_{digit}")
    shown = "\n".join(visible_texts(item(kiosk, "pinPad")))
    assert "●●●●" in shown and PIN[:4] not in shown


def test_five_wrong_pins_lock_the_pad_even_after_a_restart(qtbot, make_kiosk,
                                                           private_dirs: Path) -> None:
    _add_staff(private_dirs / "data")
    kiosk = make_kiosk(second_ms=FAST_SECOND_MS)
    _hold_corner(qtbot, kiosk)
    for _ in range(5):
        _type_pin(qtbot, kiosk, "135790")
    assert kiosk.staff.error == "locked"
    assert not item(kiosk, "pinSubmit").isEnabled()
    shown = "\n".join(visible_texts(item(kiosk, "pinPad")))
    assert "le clavier est bloqué 1\xa0minute" in shown or "bloqué 1 minute" in shown
    again = make_kiosk(second_ms=FAST_SECOND_MS)  # a new start reads the lock from the disk
    _hold_corner(qtbot, again)
    _type_pin(qtbot, again, PIN)  # even the right PIN waits for the lock to end
    assert not again.staff.unlocked and again.staff.error == "locked"


def test_the_kiosk_locks_itself_when_staff_walk_away(qtbot, make_kiosk,
                                                     private_dirs: Path) -> None:
    _add_staff(private_dirs / "data")
    kiosk = make_kiosk(second_ms=FAST_SECOND_MS, staff_timeout=60)  # 0.6 s in this test
    _hold_corner(qtbot, kiosk)
    _type_pin(qtbot, kiosk, PIN)
    assert kiosk.staff.unlocked
    qtbot.waitUntil(lambda: not kiosk.staff.unlocked, timeout=5000)
    with AuditJournal(private_dirs / "data") as journal:
        kinds = [entry.kind for entry in journal.entries()]
    assert kinds[-2:] == ["staff_unlocked", "staff_locked"]
