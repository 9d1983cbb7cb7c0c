"""The kiosk shell as a visitor meets it: attract, home, navigation, language, closing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize

from tests.ui.conftest import has_item, item, tap, text_of
from ui.app import Kiosk
from ui.models.navigation import SCREENS


def test_starts_on_the_attract_screen_with_the_training_ribbon(kiosk: Kiosk) -> None:
    assert kiosk.navigation.screen == "attract"
    assert has_item(kiosk, "attractScreen")
    assert item(kiosk, "trainingRibbon").isVisible()
    assert text_of(kiosk, "highlightTitle")


def test_no_training_ribbon_in_production(make_kiosk: Callable[..., Kiosk]) -> None:
    kiosk = make_kiosk(central_url="https://central.example.org")
    assert not item(kiosk, "trainingRibbon").isVisible()


def test_touching_the_attract_screen_opens_home_and_starts_a_visit(qtbot, kiosk: Kiosk) -> None:
    tap(qtbot, kiosk, "startArea")
    assert kiosk.navigation.screen == "home"
    assert kiosk.session.active
    for choice in ("choiceEligibility", "choiceOffers", "choiceAssisted"):
        assert item(kiosk, choice).isVisible()


def test_each_home_choice_opens_its_screen_and_retour_comes_back(qtbot, kiosk: Kiosk) -> None:
    kiosk.navigation.home()
    for choice, screen in [("choiceEligibility", "eligibility"), ("choiceOffers", "offers"),
                           ("choiceAssisted", "assisted")]:
        tap(qtbot, kiosk, choice)
        assert kiosk.navigation.screen == screen
        assert has_item(kiosk, f"{screen}Screen")
        tap(qtbot, kiosk, "backButton")
        assert kiosk.navigation.screen == "home"


def test_accueil_returns_home_from_any_inner_screen(qtbot, kiosk: Kiosk) -> None:
    kiosk.navigation.home()
    kiosk.navigation.go("eligibility")
    kiosk.navigation.go("offers")
    tap(qtbot, kiosk, "homeButton")
    assert kiosk.navigation.screen == "home"
    assert not kiosk.navigation.canGoBack or kiosk.navigation.screen == "home"


def test_placeholder_screens_hand_off_to_the_phone_with_a_qr_code(qtbot, kiosk: Kiosk) -> None:
    kiosk.navigation.home()
    for screen in ("offers", "assisted"):
        kiosk.navigation.go(screen)
        qr = item(kiosk, "handoffQrCode")
        assert qr.isVisible()
        assert qr.property("link").startswith("https://passculture.app/")
        assert "utm_source=borne" in qr.property("link")
        kiosk.navigation.home()


def test_language_switch_translates_the_screen_without_leaving_it(qtbot, kiosk: Kiosk) -> None:
    kiosk.navigation.home()
    kiosk.navigation.go("offers")
    assert text_of(kiosk, "backButton") == "Retour"
    tap(qtbot, kiosk, "language_en")
    assert kiosk.preferences.language == "en"
    assert kiosk.navigation.screen == "offers"
    assert text_of(kiosk, "backButton") == "Back"
    assert text_of(kiosk, "finishButton") == "Finish"
    tap(qtbot, kiosk, "language_fr")
    assert text_of(kiosk, "backButton") == "Retour"


def test_every_screen_loads_in_both_orientations(qtbot, make_kiosk) -> None:
    for size in (QSize(1920, 1080), QSize(1080, 1920)):
        kiosk = make_kiosk(size=size)
        for screen in SCREENS:
            kiosk.navigation.go(screen)
            assert has_item(kiosk, f"{screen}Screen"), (screen, size)


def test_closing_is_refused_in_full_screen_kiosk_mode(qtbot, make_kiosk) -> None:
    kiosk = make_kiosk(windowed=False)
    kiosk.window.close()
    qtbot.wait(20)
    assert kiosk.window.isVisible(), "a visitor could close the kiosk with Alt+F4"


def test_closing_is_allowed_when_windowed(qtbot, make_kiosk) -> None:
    kiosk = make_kiosk(windowed=True)
    kiosk.window.close()
    qtbot.waitUntil(lambda: not kiosk.window.isVisible(), timeout=1000)
