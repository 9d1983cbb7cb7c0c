"""``make screenshots``: a PNG of every screen in landscape and portrait kiosk sizes."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QSize

from kiosk import config as kiosk_config
from kiosk.clock import Clock
from kiosk.staff import StaffStore
from kiosk.sync.connection import connect
from ui.app import Kiosk
from ui.models.navigation import SCREENS

#: The demo staff account's PIN (screenshots only).
DEMO_STAFF_PIN = "482915"
ORIENTATIONS = {"landscape": QSize(1920, 1080), "portrait": QSize(1080, 1920)}
#: Screenshots are taken at a fixed instant so that ages and dates never change.
DEMO_NOW = datetime(2026, 11, 28, 11, 0, tzinfo=UTC)
#: One visitor per eligibility result screen: birth date, postal code, French, resident.
ELIGIBILITY_CASES: dict[str, tuple[date, str | None, bool, bool]] = {
    "eligible_17": (date(2009, 5, 10), None, True, True),
    "eligible_18": (date(2008, 1, 15), "75011", True, True),
    "free_15_16": (date(2010, 6, 1), None, True, True),
    "too_young": (date(2013, 1, 1), None, True, True),
    "too_late": (date(2007, 3, 3), None, True, True),
    "too_old": (date(1995, 3, 3), None, True, True),
    "ineligible_area": (date(2009, 5, 10), "98811", True, True),
    "not_resident": (date(2009, 5, 10), None, False, False),
}


def _settle(milliseconds: int = 150) -> None:
    end = time.monotonic() + milliseconds / 1000
    while time.monotonic() < end:
        QCoreApplication.processEvents()


#: Accessibility modes shown in the screenshots: preference setter name and value.
MODES: dict[str, tuple[str, object]] = {
    "large-text": ("setTextSize", 2),
    "high-contrast": ("setHighContrast", True),
    "low-reach": ("setLowReach", True),
}


def capture_all(out_dir: Path, languages: tuple[str, ...] = ("fr", "en")) -> list[Path]:
    """Write one PNG per screen, orientation and language, then per accessibility mode.

    The kiosk runs in training mode on a private data folder and syncs once first, so the
    screens show the simulator's real demo catalog.
    """
    from ui.app import ensure_application, prepare_environment

    with tempfile.TemporaryDirectory(prefix="pck-screenshots-") as folder:
        config = kiosk_config.load({"data_dir": folder, "log_dir": str(Path(folder) / "log")})
        prepare_environment(config, offscreen=True)
        ensure_application()
        out_dir.mkdir(parents=True, exist_ok=True)
        connection = connect(config)
        with StaffStore(Path(folder), Clock()) as staff:
            staff.add("Camille", DEMO_STAFF_PIN)
        written: list[Path] = []
        try:
            for orientation, size in ORIENTATIONS.items():
                kiosk = Kiosk(config, windowed=True, size=size, clock=Clock(frozen_at=DEMO_NOW),
                              connection=connection)
                try:
                    _sync(kiosk)
                    for language in languages:
                        written.extend(
                            _tour(kiosk, out_dir, f"{orientation}-{language}", language))
                    for mode, (setter, value) in MODES.items():
                        written.extend(_tour(kiosk, out_dir, f"{orientation}-{mode}", "fr",
                                             (setter, value)))
                finally:
                    kiosk.close()
        finally:
            connection.close()
    return written


def _sync(kiosk: Kiosk) -> None:
    """One sync, waited for, then no schedule: screenshots must not change under our feet."""
    loop = QEventLoop()
    kiosk.sync.sync_finished.connect(loop.quit)
    kiosk.sync.syncNow()
    loop.exec()
    kiosk.sync.stop()


def _tour(kiosk: Kiosk, out_dir: Path, suffix: str, language: str,
          mode: tuple[str, object] | None = None) -> list[Path]:
    """Every screen, the overlays and the eligibility flow, in one language and mode."""

    def prepare() -> None:
        kiosk.preferences.setLanguage(language)
        if mode is not None:
            getattr(kiosk.preferences, mode[0])(mode[1])

    shots = []
    prepare()
    for screen in SCREENS:
        kiosk.navigation.go(screen)
        shots.append(_grab(kiosk, out_dir, f"{screen}-{suffix}"))
        if screen == "attract":  # the second slide: a real event coming up nearby
            kiosk.find("attractScreen").setProperty("current", 1)
            shots.append(_grab(kiosk, out_dir, f"attract-nearby-{suffix}"))
    kiosk.session._on_idle_timer_timeout()  # the countdown overlay, over the last screen
    shots.append(_grab(kiosk, out_dir, f"countdown-{suffix}"))
    kiosk.session.note_activity()
    kiosk.navigation.home()
    panel = kiosk.engine.singletonInstance("Kiosk", "Overlays")
    panel.setProperty("accessibilityOpen", True)
    shots.append(_grab(kiosk, out_dir, f"accessibility-{suffix}"))
    panel.setProperty("accessibilityOpen", False)
    shots.extend(_eligibility(kiosk, out_dir, suffix, prepare))
    shots.extend(_offers(kiosk, out_dir, suffix, prepare))
    shots.extend(_assisted(kiosk, out_dir, suffix, prepare))
    shots.append(_closed(kiosk, out_dir, suffix))
    return shots


def _assisted(kiosk: Kiosk, out_dir: Path, suffix: str, prepare: Callable[[], None]
              ) -> list[Path]:
    """The PIN pad, every step of an assisted pre-registration, its result, the staff area."""
    prepare()
    kiosk.staff.openPad()
    shots = [_grab(kiosk, out_dir, f"staff-1-pin-{suffix}")]
    kiosk.staff.submitPin(DEMO_STAFF_PIN)
    _wait_until(lambda: bool(kiosk.staff.property("unlocked")))
    prepare()
    form = kiosk.assisted
    shots.append(_grab(kiosk, out_dir, f"assisted-1-consent-{suffix}"))
    form.acceptConsent()
    form.submitEmail("lea.martin@gmial.com")
    shots.append(_grab(kiosk, out_dir, f"assisted-2-email-suggestion-{suffix}"))
    form.useSuggestion()
    shots.append(_grab(kiosk, out_dir, f"assisted-3-birthdate-{suffix}"))
    form.submitBirthDate(10, 5, 2009)
    form.submitNames("Léa", "Martin2")
    shots.append(_grab(kiosk, out_dir, f"assisted-4-identity-error-{suffix}"))
    form.submitNames("Léa", "Martin")
    form.lookUpPostalCode("69100")
    _wait_until(lambda: form.property("lookup") in ("done", "offline"))
    shots.append(_grab(kiosk, out_dir, f"assisted-5-address-{suffix}"))
    form.submitAddress("69100", "Villeurbanne", "12 rue Francis-de-Pressensé")
    shots.append(_grab(kiosk, out_dir, f"assisted-6-status-{suffix}"))
    form.submitStatus("HIGH_SCHOOL_STUDENT", False)
    shots.append(_grab(kiosk, out_dir, f"assisted-7-review-{suffix}"))
    form.send()
    _wait_until(lambda: form.property("step") == "result")
    shots.append(_grab(kiosk, out_dir, f"assisted-8-result-{suffix}"))
    kiosk.navigation.go("staff")
    kiosk.staff_area.refresh()
    _wait_until(lambda: bool(kiosk.staff_area.property("facts")))
    shots.append(_grab(kiosk, out_dir, f"staff-2-area-{suffix}"))
    kiosk.staff.lock()
    kiosk.session.finish()
    return shots


def _closed(kiosk: Kiosk, out_dir: Path, suffix: str) -> Path:
    """The screen of a kiosk outside its venue's opening hours."""
    config, etag = kiosk.catalog.remote_config()
    kiosk.catalog.store_remote_config(
        {**(config or {}), "openingHours": {"MONDAY": [{"open": "10:00", "close": "19:00"}]}},
        "screenshot")
    kiosk.opening_hours.refresh()
    kiosk.session.finish()
    shot = _grab(kiosk, out_dir, f"closed-{suffix}")
    if config is not None:
        kiosk.catalog.store_remote_config(config, etag)
    kiosk.opening_hours.refresh()
    return shot


def _offers(kiosk: Kiosk, out_dir: Path, suffix: str, prepare: Callable[[], None]
            ) -> list[Path]:
    """The offers home, results as typed, the filters, a filtered list, an offer, a venue."""
    offers = kiosk.offers
    prepare()
    kiosk.navigation.home()
    kiosk.navigation.go("offers")
    _wait_until(lambda: bool(offers.rails))
    shots = [_grab(kiosk, out_dir, f"offers-1-home-{suffix}")]
    offers.setProperty("text", "concert")
    _wait_until(lambda: not offers.busy)
    shots.append(_grab(kiosk, out_dir, f"offers-2-results-{suffix}"))
    offers.setProperty("text", "")
    offers.openFilters()
    offers.setSearchGroup("CONCERTS_FESTIVALS")
    offers.setMaxPrice(0)
    offers.setDistance(10)
    _wait_until(lambda: not offers.busy)
    shots.append(_grab(kiosk, out_dir, f"offers-3-filters-{suffix}"))
    offers.showResults()
    _wait_until(lambda: not offers.busy)
    shots.append(_grab(kiosk, out_dir, f"offers-4-filtered-{suffix}"))
    offers.setMaxPrice(-1)
    _wait_until(lambda: not offers.busy)
    first = offers.results.offer_id_at(0)
    if first is not None:
        offers.openOffer(first)
        shots.append(_grab(kiosk, out_dir, f"offers-5-detail-{suffix}"))
        offers.openVenue(int(offers.detail["venueId"]))
        shots.append(_grab(kiosk, out_dir, f"offers-6-venue-{suffix}"))
    offers.setProperty("text", "zzzz")
    _wait_until(lambda: not offers.busy)
    shots.append(_grab(kiosk, out_dir, f"offers-7-no-result-{suffix}"))
    kiosk.session.finish()
    return shots


def _wait_until(condition: Callable[[], bool], seconds: float = 10) -> None:
    """Let background reads land (rails, results) before a picture is taken."""
    end = time.monotonic() + seconds
    while not condition() and time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def _eligibility(kiosk: Kiosk, out_dir: Path, suffix: str, prepare: Callable[[], None]
                 ) -> list[Path]:
    """Every question of the wizard, an error, then every result screen."""
    model = kiosk.eligibility
    prepare()
    kiosk.navigation.home()
    kiosk.navigation.go("eligibility")
    shots = [_grab(kiosk, out_dir, f"eligibility-1-birthdate-{suffix}")]
    # As a visitor would: turn the wheels to 31 February, then continue.
    kiosk.find("dayTumbler").setProperty("currentIndex", 30)
    kiosk.find("monthTumbler").setProperty("currentIndex", 1)
    model.submitBirthDate(31, 2, 2009)
    shots.append(_grab(kiosk, out_dir, f"eligibility-1-birthdate-error-{suffix}"))
    model.submitBirthDate(10, 5, 2009)
    shots.append(_grab(kiosk, out_dir, f"eligibility-2-postal-{suffix}"))
    model.skipPostalCode()
    shots.append(_grab(kiosk, out_dir, f"eligibility-3-nationality-{suffix}"))
    model.chooseNationality(False)
    shots.append(_grab(kiosk, out_dir, f"eligibility-4-residence-{suffix}"))
    for kind, (born, postal, french, resident) in ELIGIBILITY_CASES.items():
        model.restart()
        model.submitBirthDate(born.day, born.month, born.year)
        if postal:
            model.submitPostalCode(postal)
        else:
            model.skipPostalCode()
        model.chooseNationality(french)
        if not french:
            model.answerResidence(resident)
        assert model.kind == kind, (kind, model.kind)
        shots.append(_grab(kiosk, out_dir, f"eligibility-result-{kind}-{suffix}"))
    kiosk.session.finish()
    return shots


def _grab(kiosk: Kiosk, out_dir: Path, name: str) -> Path:
    _settle()
    path = out_dir / f"{name}.png"
    image = kiosk.window.grabWindow()
    if not image.save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def main() -> int:
    """Command-line entry: ``python -m ui.screenshots [--out DIR]``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("build/screenshots"))
    arguments = parser.parse_args()
    for path in capture_all(arguments.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
