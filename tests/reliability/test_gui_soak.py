"""GUI soak (issue 9, item 5): a random-tap monkey on the real QML kiosk, offscreen.

The monkey taps random points and random visible controls, long-presses, types into the
focused field, switches language and accessibility modes, and now and then leaves the kiosk
alone so that the idle countdown ends the visit. It proves:

* no QML warning (the UI fixtures fail a test on any Qt warning) and no Python exception
  (pytest-qt fails a test on an exception raised in a Qt callback);
* every time the visitor walks away, the idle reset brings back the attract screen;
* memory stays flat: resident memory at the attract screen grows less than 5 % from the
  first reset after warm-up (the first third of the actions) to the last one (full run;
  printed in both).

Time is compressed: one kiosk second lasts ``FAST_SECOND_MS`` ms, so the 90 s idle delay
and 15 s countdown take about a second; the full run's 6,000 actions (about 5 minutes on a
2-core PC, 40 walk-aways) stand for a long day of visitors. Replay a run with
``KIOSK_SOAK_SEED=<seed>``.
"""

from __future__ import annotations

import gc
import os
import random
import string
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.clock import Clock
from tests.reliability.conftest import FULL, scale
from tests.ui import conftest as ui_fixtures
from tests.ui.test_accessibility import _INTERACTIVE, _class_names
from ui.app import Kiosk

# The UI fixtures (a real kiosk window, the synced demo catalog), used here as they are.
qapp_cls = ui_fixtures.qapp_cls
qapp_args = ui_fixtures.qapp_args
_qt_environment = ui_fixtures._qt_environment
make_kiosk = ui_fixtures.make_kiosk
synced_data = ui_fixtures.synced_data
synced_catalog = ui_fixtures.synced_catalog

ACTIONS = scale(quick=250, full=6_000)
#: Leave the kiosk alone about once every this many actions.
IDLE_EVERY = scale(quick=100, full=150)
#: Resident memory climbs through the first third (pictures, fonts, translations and QML
#: components are loaded and cached as the monkey meets them), then stays flat.
WARM_UP = ACTIONS // 3
MAX_RSS_GROWTH = 0.05
#: Saturday 15:00 in Lyon: the demo venue is open (no "closed" screen).
NOW = datetime(2026, 11, 28, 14, 0, tzinfo=UTC)
_TYPED = string.ascii_letters + string.digits + "éèàç@.-' "


def _rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS in /proc/self/status")


def _visible(kiosk: Kiosk) -> Iterator[QQuickItem]:
    pending = [kiosk.window.contentItem()]
    while pending:
        current = pending.pop()
        if not current.isVisible() or current.opacity() == 0:
            continue
        yield current
        pending.extend(current.childItems())


def _controls(kiosk: Kiosk) -> list[QQuickItem]:
    """Visible, enabled buttons, fields and touch areas whose centre is in the window."""
    width, height = kiosk.window.width(), kiosk.window.height()
    found = []
    for shown in _visible(kiosk):
        if not (_class_names(shown) & _INTERACTIVE) or not shown.isEnabled():
            continue
        centre = shown.mapToScene(QPointF(shown.width() / 2, shown.height() / 2))
        if 0 <= centre.x() < width and 0 <= centre.y() < height:
            found.append(shown)
    return found


class Monkey:
    def __init__(self, kiosk: Kiosk, rng: random.Random) -> None:
        self.kiosk = kiosk
        self.rng = rng
        self.counts: dict[str, int] = {}
        self.resets = 0

    def _point(self) -> QPoint:
        return QPoint(self.rng.randrange(self.kiosk.window.width()),
                      self.rng.randrange(self.kiosk.window.height()))

    def _click(self, point: QPoint) -> None:
        QTest.mouseClick(self.kiosk.window, Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, point)

    def tap_point(self) -> None:
        self._click(self._point())

    def long_press(self) -> None:
        point = self._point()
        window = self.kiosk.window
        QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         point)
        QTest.qWait(self.rng.choice((500, 900)))
        QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                           point)

    def tap_control(self) -> None:
        controls = _controls(self.kiosk)
        if not controls:
            return self.tap_point()
        target = self.rng.choice(controls)
        centre = target.mapToScene(QPointF(target.width() / 2, target.height() / 2)).toPoint()
        self._click(centre)
        return None

    def type_text(self) -> None:
        focused = self.kiosk.window.activeFocusItem()
        if focused is None or not (_class_names(focused) & {"QQuickTextInput",
                                                             "QQuickTextEdit"}):
            return self.tap_control()
        text = "".join(self.rng.choice(_TYPED) for _ in range(self.rng.randint(1, 12)))
        for character in text:
            QTest.keyClick(self.kiosk.window, character)
        if self.rng.random() < 0.3:
            QTest.keyClick(self.kiosk.window, Qt.Key.Key_Backspace)
        if self.rng.random() < 0.2:
            QTest.keyClick(self.kiosk.window, Qt.Key.Key_Return)
        return None

    def preferences(self) -> None:
        prefs = self.kiosk.preferences
        choice = self.rng.randrange(5)
        if choice == 0:
            codes = [entry["code"] for entry in prefs.languages]
            prefs.setLanguage(self.rng.choice(codes))
        elif choice == 1:
            prefs.setTextSize(self.rng.randrange(3))
        elif choice == 2:
            prefs.setHighContrast(not prefs.highContrast)
        elif choice == 3:
            prefs.setLowReach(not prefs.lowReach)
        else:
            prefs.setReadAloud(not prefs.readAloud)

    def walk_away(self) -> None:
        """Touch nothing: the countdown must end the visit and show the attract screen."""
        kiosk = self.kiosk
        second = ui_fixtures.FAST_SECOND_MS
        limit = (kiosk.config.idle_timeout + kiosk.config.countdown) * second + 3000
        deadline = time.monotonic() + limit / 1000
        while kiosk.navigation.screen != "attract" or kiosk.session.active:
            assert time.monotonic() < deadline, (
                f"no idle reset after {limit} ms: screen {kiosk.navigation.screen!r}, "
                f"visit active {kiosk.session.active}")
            QTest.qWait(20)
        QTest.qWait(30)
        assert kiosk.navigation.screen == "attract"
        self.resets += 1

    def act(self) -> None:
        roll = self.rng.random()
        name = "tap_control"
        for candidate, share in (("tap_control", 0.50), ("tap_point", 0.30),
                                 ("type_text", 0.10), ("preferences", 0.07),
                                 ("long_press", 0.005)):
            if roll < share:
                name = candidate
                break
            roll -= share
        getattr(self, name)()
        self.counts[name] = self.counts.get(name, 0) + 1
        QTest.qWait(self.rng.choice((0, 0, 5, 20)))


@pytest.mark.timeout(scale(quick=120, full=1200))
def test_a_random_monkey_leaves_no_warning_no_leak_and_always_the_attract_screen(
        make_kiosk, synced_catalog: Path, tmp_path: Path) -> None:
    seed = int(os.environ.get("KIOSK_SOAK_SEED") or random.SystemRandom().randrange(2**32))
    print(f"\nFIGURE gui_soak_seed={seed} actions={ACTIONS} (replay: KIOSK_SOAK_SEED={seed})")
    rng = random.Random(seed)
    kiosk = make_kiosk(second_ms=ui_fixtures.FAST_SECOND_MS, clock=Clock(frozen_at=NOW),
                       ticket_pdf=tmp_path / "ticket.pdf")
    assert kiosk.navigation.screen == "attract"
    monkey = Monkey(kiosk, rng)
    rss: list[tuple[int, int]] = []  # (action, KiB) at the attract screen after each reset
    started = time.monotonic()
    for action in range(1, ACTIONS + 1):
        monkey.act()
        if action % IDLE_EVERY == 0 or action == ACTIONS or rng.random() < 1 / (IDLE_EVERY * 4):
            monkey.walk_away()
            if action >= WARM_UP:
                gc.collect()
                QTest.qWait(50)
                rss.append((action, _rss_kib()))
    elapsed = time.monotonic() - started
    first, last = rss[0][1], rss[-1][1]
    growth = (last - first) / first
    peak = max(kib for _, kib in rss)
    print(f"FIGURE gui_soak_seconds={elapsed:.1f} actions_per_s={ACTIONS / elapsed:.0f} "
          f"idle_resets={monkey.resets} counts={dict(sorted(monkey.counts.items()))}")
    print(f"FIGURE gui_soak_rss_kib first={first} last={last} peak={peak} "
          f"growth={growth * 100:+.2f}% samples={len(rss)}")
    step = max(1, len(rss) // 8)
    print("FIGURE gui_soak_rss_trend_kib " + " ".join(f"{a}:{k}" for a, k in rss[::step]))
    assert monkey.resets >= ACTIONS // IDLE_EVERY
    if FULL:
        assert growth < MAX_RSS_GROWTH, f"resident memory grew {growth:.1%}: {rss}"
