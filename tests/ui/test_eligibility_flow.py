"""The "Suis-je éligible ?" flow driven as a visitor would, one test per result screen.

The clock is frozen on 28 November 2026 at noon in Paris, so ages are exact.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtPdf import QPdfDocument

from kiosk.clock import Clock
from kiosk.storage.catalog import CATALOG_FILE_NAME, open_catalog
from tests.ui.conftest import item, tap
from ui.app import Kiosk
from ui.scene import visible_texts

NOW = datetime(2026, 11, 28, 11, 0, tzinfo=UTC)


@pytest.fixture
def kiosk(make_kiosk: Callable[..., Kiosk], tmp_path: Path) -> Kiosk:
    kiosk = make_kiosk(clock=Clock(frozen_at=NOW), ticket_pdf=tmp_path / "ticket.pdf")
    kiosk.navigation.home()
    return kiosk


def shown_text(kiosk: Kiosk, root: str) -> str:
    """Every visible text under ``root``, as the visitor reads it, one line each."""
    return "\n".join(visible_texts(item(kiosk, root)))


def pick_birth_date(qtbot, kiosk: Kiosk, day: int, month: int, year: int) -> None:
    item(kiosk, "dayTumbler").setProperty("currentIndex", day - 1)
    item(kiosk, "monthTumbler").setProperty("currentIndex", month - 1)
    first_year = kiosk.eligibility.property("pickerFirstYear")
    item(kiosk, "yearTumbler").setProperty("currentIndex", year - first_year)
    tap(qtbot, kiosk, "birthDateContinue")


def type_postal_code(qtbot, kiosk: Kiosk, code: str) -> None:
    for digit in code:
        tap(qtbot, kiosk, f"digit_{digit}")
    tap(qtbot, kiosk, "postalCodeContinue")


def check(qtbot, kiosk: Kiosk, day: int, month: int, year: int, *, postal: str | None = None,
          french: bool = True, resident: bool = True) -> str:
    """Walk the whole flow from home and return the result screen's text."""
    tap(qtbot, kiosk, "choiceEligibility")
    pick_birth_date(qtbot, kiosk, day, month, year)
    if postal is None:
        tap(qtbot, kiosk, "postalCodeSkip")
    else:
        type_postal_code(qtbot, kiosk, postal)
    tap(qtbot, kiosk, "nationalityFrench" if french else "nationalityOther")
    if not french:
        tap(qtbot, kiosk, "residenceYes" if resident else "residenceNo")
    assert kiosk.eligibility.step == "result"
    return shown_text(kiosk, "resultStep")


def test_seventeen_gets_50_now_and_150_at_18(qtbot, kiosk: Kiosk) -> None:
    text = check(qtbot, kiosk, 10, 5, 2009)
    assert kiosk.eligibility.kind == "eligible_17"
    assert "Bonne nouvelle" in text
    assert "50\u00a0€" in text
    assert "150\u00a0€ à tes 18 ans, le 10 mai 2027." in text
    assert "au plus tard le 9 mai 2028" in text
    assert "valable jusqu'au 9 mai 2030, la veille de tes 21 ans" in text
    assert "Bonus de 50\u00a0€" in text
    assert item(kiosk, "resultQrCode").property("link").startswith(
        "https://passculture.app/creation-compte?")


def test_eighteen_gets_150_and_the_bonus_explained(qtbot, kiosk: Kiosk) -> None:
    text = check(qtbot, kiosk, 15, 1, 2008)
    assert kiosk.eligibility.kind == "eligible_18"
    assert "150\u00a0€" in text
    assert "quotient familial" in text and "AAH" in text
    assert "au plus tard le 14 janvier 2027" in text


def test_fifteen_sixteen_get_free_offers_then_money(qtbot, kiosk: Kiosk) -> None:
    text = check(qtbot, kiosk, 1, 6, 2010)
    assert kiosk.eligibility.kind == "free_15_16"
    assert "offres gratuites" in text
    assert "50\u00a0€ à tes 17 ans, le 1er juin 2027." in text
    assert "150\u00a0€ à tes 18 ans, le 1er juin 2028." in text


def test_under_fifteen_is_told_when_to_come_back(qtbot, kiosk: Kiosk) -> None:
    text = check(qtbot, kiosk, 1, 1, 2013)
    assert kiosk.eligibility.kind == "too_young"
    assert "Reviens à partir du 1er janvier 2028 (tes 15 ans)" in text
    assert not item(kiosk, "resultQrCode").isVisible()


def test_nineteen_may_finish_a_registration_in_the_app(qtbot, kiosk: Kiosk) -> None:
    text = check(qtbot, kiosk, 3, 3, 2007)
    assert kiosk.eligibility.kind == "too_late"
    assert "Termine-la dans l'application" in text
    assert "/connexion?" in item(kiosk, "resultQrCode").property("link")


def test_over_twenty_is_told_kindly(qtbot, kiosk: Kiosk) -> None:
    text = check(qtbot, kiosk, 3, 3, 1995)
    assert kiosk.eligibility.kind == "too_old"
    assert "réservé aux 15-18 ans" in text


def test_ineligible_area_of_new_caledonia(qtbot, kiosk: Kiosk) -> None:
    text = check(qtbot, kiosk, 10, 5, 2009, postal="98811")
    assert kiosk.eligibility.kind == "ineligible_area"
    assert "Province Nord" in text


def test_residence_under_a_year(qtbot, kiosk: Kiosk) -> None:
    text = check(qtbot, kiosk, 10, 5, 2009, french=False, resident=False)
    assert kiosk.eligibility.kind == "not_resident"
    assert "plus d'un an" in text


def test_foreign_resident_for_over_a_year_is_eligible(qtbot, kiosk: Kiosk) -> None:
    check(qtbot, kiosk, 10, 5, 2009, french=False, resident=True)
    assert kiosk.eligibility.kind == "eligible_17"


def test_the_postal_code_sets_the_time_zone_of_the_birthday(qtbot, make_kiosk) -> None:
    # 28 November 2026, 14:00 UTC is already the 29th, 01:00, in Nouméa (UTC+11).
    at = datetime(2026, 11, 28, 14, 0, tzinfo=UTC)
    for postal, kind in (("98800", "eligible_17"), ("75011", "free_15_16")):
        kiosk = make_kiosk(clock=Clock(frozen_at=at))
        kiosk.navigation.home()
        check(qtbot, kiosk, 29, 11, 2009, postal=postal)
        assert kiosk.eligibility.kind == kind, postal


def test_an_impossible_date_is_refused_kindly(qtbot, kiosk: Kiosk) -> None:
    tap(qtbot, kiosk, "choiceEligibility")
    pick_birth_date(qtbot, kiosk, 31, 2, 2009)
    assert kiosk.eligibility.step == "birthdate"
    assert "Cette date n'existe pas" in shown_text(kiosk, "birthDateStep")


def test_a_future_date_is_refused_kindly(qtbot, kiosk: Kiosk) -> None:
    tap(qtbot, kiosk, "choiceEligibility")
    pick_birth_date(qtbot, kiosk, 1, 12, 2026)
    assert kiosk.eligibility.step == "birthdate"
    assert "pas encore arrivée" in shown_text(kiosk, "birthDateStep")


def test_a_short_postal_code_is_refused_and_kept_for_correction(qtbot, kiosk: Kiosk) -> None:
    tap(qtbot, kiosk, "choiceEligibility")
    pick_birth_date(qtbot, kiosk, 10, 5, 2009)
    type_postal_code(qtbot, kiosk, "978")
    assert kiosk.eligibility.step == "postal"
    assert "5 chiffres" in shown_text(kiosk, "postalCodeStep")
    # Nothing typed is lost: two more digits and it goes through.
    type_postal_code(qtbot, kiosk, "00")
    assert kiosk.eligibility.step == "nationality"


def test_retour_walks_back_through_the_questions_then_home(qtbot, kiosk: Kiosk) -> None:
    tap(qtbot, kiosk, "choiceEligibility")
    pick_birth_date(qtbot, kiosk, 10, 5, 2009)
    tap(qtbot, kiosk, "postalCodeSkip")
    assert kiosk.eligibility.step == "nationality"
    tap(qtbot, kiosk, "backButton")
    assert kiosk.eligibility.step == "postal"
    tap(qtbot, kiosk, "backButton")
    assert kiosk.eligibility.step == "birthdate"
    tap(qtbot, kiosk, "backButton")
    assert kiosk.navigation.screen == "home"


def test_the_result_follows_the_language(qtbot, kiosk: Kiosk) -> None:
    check(qtbot, kiosk, 15, 1, 2008)
    tap(qtbot, kiosk, "language_en")
    text = shown_text(kiosk, "resultStep")
    assert "€150" in text
    assert "14 January 2027" in text
    assert "Good news" in text


def test_printing_the_ticket_puts_the_result_on_paper(qtbot, kiosk: Kiosk,
                                                     tmp_path: Path) -> None:
    check(qtbot, kiosk, 10, 5, 2009)
    tap(qtbot, kiosk, "printButton")
    assert "C'est imprimé" in shown_text(kiosk, "resultStep")
    document = QPdfDocument()
    document.load(str(tmp_path / "ticket.pdf"))
    page = document.getAllText(0).text()
    document.close()
    assert "Bonne nouvelle" in page
    assert "10 mai 2027" in page


def test_a_new_visitor_finds_no_trace_of_the_previous_answers(qtbot, kiosk: Kiosk) -> None:
    check(qtbot, kiosk, 10, 5, 2009)
    tap(qtbot, kiosk, "finishButton")
    assert kiosk.eligibility.step == "birthdate"
    assert kiosk.eligibility.kind == ""
    assert kiosk.eligibility.facts == {}
    kiosk.navigation.home()
    tap(qtbot, kiosk, "choiceEligibility")
    assert item(kiosk, "birthDateStep").isVisible()


def test_every_result_screen_fits_in_portrait(qtbot, make_kiosk) -> None:
    kiosk = make_kiosk(clock=Clock(frozen_at=NOW), size=QSize(1080, 1920))
    kiosk.navigation.home()
    check(qtbot, kiosk, 10, 5, 2009)
    qr = item(kiosk, "resultQrCode")
    right_edge = qr.mapToScene(qr.boundingRect().topRight()).x()
    assert right_edge <= 1080


def test_amounts_come_from_the_synced_central_settings(qtbot, make_kiosk,
                                                      private_dirs: Path) -> None:
    catalog = open_catalog(private_dirs / "data" / CATALOG_FILE_NAME)
    catalog.store_settings(
        {"depositAmountsByAge": {"age_15": 0, "age_16": 0, "age_17": 6000, "age_18": 20000}},
        '"v2"',
    )
    catalog.close()
    kiosk = make_kiosk(clock=Clock(frozen_at=NOW))
    kiosk.navigation.home()
    text = check(qtbot, kiosk, 15, 1, 2008)
    assert "200\u00a0€" in text


def test_garbage_central_settings_fall_back_to_the_defaults(qtbot, make_kiosk,
                                                            private_dirs: Path) -> None:
    catalog = open_catalog(private_dirs / "data" / CATALOG_FILE_NAME)
    catalog.store_settings({"depositAmountsByAge": "lots", "bonification": [1, 2]}, None)
    catalog.close()
    kiosk = make_kiosk(clock=Clock(frozen_at=NOW))
    kiosk.navigation.home()
    assert "150\u00a0€" in check(qtbot, kiosk, 15, 1, 2008)


def test_no_dead_end_when_there_is_nothing_to_do_in_the_app(qtbot, kiosk: Kiosk) -> None:
    check(qtbot, kiosk, 3, 3, 1995)
    tap(qtbot, kiosk, "resultOffersButton")
    assert kiosk.navigation.screen == "offers"
