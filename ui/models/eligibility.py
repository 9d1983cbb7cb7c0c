"""The "Suis-je éligible ?" wizard: birth date, postal code, nationality, then the result.

The rules live in :mod:`kiosk.domain.eligibility`; this view-model only walks the visitor
through the questions, validates each answer with a message key QML turns into kind words,
and exposes the result as locale-formatted texts (amounts and dates follow the language).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, Final

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.clock import Clock
from kiosk.domain import links
from kiosk.domain.eligibility import (
    EligibilityResult,
    EligibilityRules,
    Reason,
    Regime,
    evaluate,
)
from kiosk.domain.timezones import normalize_postal_code
from ui import formatting

log = logging.getLogger(__name__)

BIRTH_DATE: Final = "birthdate"
POSTAL_CODE: Final = "postal"
NATIONALITY: Final = "nationality"
RESIDENCE: Final = "residence"
RESULT: Final = "result"
STEPS: Final = (BIRTH_DATE, POSTAL_CODE, NATIONALITY, RESIDENCE, RESULT)
#: The oldest birth year the picker offers: nobody older needs a precise answer.
PICKER_YEARS: Final = 100



def result_kind(result: EligibilityResult) -> str:
    """Name the result screen that explains ``result`` (one per case the visitor can be in)."""
    if result.regime is Regime.AGE17_18:
        return "eligible_18" if result.age >= 18 else "eligible_17"
    if result.regime is Regime.FREE:
        return "free_15_16"
    if result.regime is not None:
        return "eligible_before_reform"
    return {
        Reason.TOO_YOUNG: "too_young",
        Reason.BELOW_ACCOUNT_MINIMUM_AGE: "too_young",
        Reason.STARTED_BEFORE_19_MAYBE: "too_late",
        Reason.TOO_OLD: "too_old",
        Reason.INELIGIBLE_POSTAL_CODE: "ineligible_area",
        Reason.NOT_RESIDENT: "not_resident",
    }[result.reason or Reason.TOO_OLD]


class EligibilityModel(QObject):
    """State of one visitor's eligibility check; wiped at every session reset."""

    changed = Signal()
    #: A visitor reached a result (the staff area counts them, nothing more).
    concluded = Signal()

    def __init__(
        self,
        clock: Clock,
        rules: Callable[[], EligibilityRules],
        language: Callable[[], str],
    ) -> None:
        super().__init__()
        self._clock = clock
        self._rules = rules
        self._language = language
        self._clear()

    def _clear(self) -> None:
        self._history: list[str] = [BIRTH_DATE]
        self._error = ""
        self._birth_date: date | None = None
        self._postal_code: str | None = None
        self._french: bool | None = None
        self._resident: bool | None = None
        self._result: EligibilityResult | None = None

    # --- the wizard ---------------------------------------------------------------------

    def _get_step(self) -> str:
        return self._history[-1]

    step = Property(str, _get_step, notify=changed)

    def _get_error(self) -> str:
        return self._error

    #: Why the last answer was refused: "impossible_date", "future_date", "postal_code".
    error = Property(str, _get_error, notify=changed)

    def _get_step_number(self) -> int:
        return min(len(self._history), 3)

    stepNumber = Property(int, _get_step_number, notify=changed)  # noqa: N815

    def _get_postal_code(self) -> str:
        return self._postal_code or ""

    postalCode = Property(str, _get_postal_code, notify=changed)  # noqa: N815

    def _get_picker_first_year(self) -> int:
        return self._clock.now().year - PICKER_YEARS

    pickerFirstYear = Property(int, _get_picker_first_year, constant=True)  # noqa: N815

    def _get_picker_last_year(self) -> int:
        return self._clock.now().year

    pickerLastYear = Property(int, _get_picker_last_year, constant=True)  # noqa: N815

    @Slot(int, int, int)
    def submitBirthDate(self, day: int, month: int, year: int) -> None:  # noqa: N802
        """Accept the picked date, or explain why it cannot be a birth date."""
        try:
            picked = date(year, month, day)
        except (ValueError, OverflowError):
            self._refuse("impossible_date")
            return
        if picked.year < self._get_picker_first_year():
            self._refuse("impossible_date")
            return
        if picked > self._clock.now().date():
            self._refuse("future_date")
            return
        self._birth_date = picked
        self._advance(POSTAL_CODE)

    @Slot(str)
    def submitPostalCode(self, text: str) -> None:  # noqa: N802
        """Accept five digits (spaces ignored); anything else gets a message."""
        code = normalize_postal_code(text)
        if code is None:
            self._refuse("postal_code")
            return
        self._postal_code = code
        self._advance(NATIONALITY)

    @Slot()
    def skipPostalCode(self) -> None:  # noqa: N802
        """The visitor does not know their postal code: count in metropolitan time."""
        self._postal_code = None
        self._advance(NATIONALITY)

    @Slot(bool)
    def chooseNationality(self, french: bool) -> None:  # noqa: N802
        """French nationals go straight to the result; others are asked about residence."""
        self._french = french
        if french:
            self._resident = None
            self._conclude()
        else:
            self._advance(RESIDENCE)

    @Slot(bool)
    def answerResidence(self, over_one_year: bool) -> None:  # noqa: N802
        """Whether the visitor has lived in France for more than a year."""
        self._resident = over_one_year
        self._conclude()

    @Slot(result=bool)
    def back(self) -> bool:
        """Go to the previous question; False when already on the first one."""
        if len(self._history) == 1:
            return False
        self._history.pop()
        self._error = ""
        self.changed.emit()
        return True

    @Slot()
    def restart(self) -> None:
        """Start the check again from the birth date."""
        self._clear()
        self.changed.emit()

    def reset_visitor_state(self) -> None:
        """Forget the visitor's answers and result."""
        self.restart()

    def _refuse(self, error: str) -> None:
        self._error = error
        self.changed.emit()

    def _advance(self, step: str) -> None:
        self._error = ""
        self._history.append(step)
        self.changed.emit()

    def _conclude(self) -> None:
        assert self._birth_date is not None, "the wizard starts with the birth date"
        self._result = evaluate(
            self._birth_date,
            self._clock.now(),
            self._postal_code,
            self._rules(),
            resident_over_one_year=self._resident,
            french_national=self._french,
        )
        log.info("eligibility checked: %s", result_kind(self._result))
        self._advance(RESULT)
        self.concluded.emit()

    # --- the result, formatted for the current language ---------------------------------

    def _get_kind(self) -> str:
        return result_kind(self._result) if self._result else ""

    kind = Property(str, _get_kind, notify=changed)

    def _get_age(self) -> int:
        return self._result.age if self._result else 0

    age = Property(int, _get_age, notify=changed)

    def _get_facts(self) -> dict[str, Any]:
        result = self._result
        if result is None:
            return {}
        language = self._language()
        upcoming = [
            {"age": credit.age, "amount": formatting.money(language, credit.amount_eur),
             "date": formatting.day(language, credit.at)}
            for credit in result.upcoming_credits
        ]
        opens = result.free_pass_from or result.money_from
        return {
            "amountNow": formatting.money(language, result.amount_eur or 0),
            "amountLater": formatting.money(language, result.amount_later_eur),
            "amountTotal": formatting.money(
                language, (result.amount_eur or 0) + result.amount_later_eur
            ),
            "upcoming": upcoming,
            "registerUntil": formatting.day(language, result.last_day_to_register),
            # The backend's expiry is 11:00 UTC on the 21st birthday: say "the eve".
            "creditUntil": formatting.day(language, result.credit_expires_at.date() - timedelta(1)),
            "opensOn": formatting.day(language, opens) if opens else "",
            "opensAtAge": opens.year - self._birth_date.year if opens and self._birth_date
            else 0,
            "moneyFrom": formatting.day(language, result.money_from) if result.money_from else "",
            "bonusAmount": formatting.money(language, result.bonus_amount_eur),
            "bonusThreshold": formatting.money(language, result.bonus_qf_threshold_eur),
            "bonusNow": result.bonus_may_apply,
            "bonusLater": formatting.day(language, result.bonus_may_apply_from)
            if result.bonus_may_apply_from else "",
        }

    #: Texts and numbers the result screens and the ticket show, formatted per language.
    facts = Property("QVariantMap", _get_facts, notify=changed)

    def _get_link(self) -> str:
        kind = self._get_kind()
        if kind == "too_late":
            return links.app_link(links.SIGN_IN)
        if kind in {"eligible_17", "eligible_18", "free_15_16", "eligible_before_reform"}:
            return links.app_link(links.ACCOUNT_CREATION)
        return ""

    #: Where the QR code sends the visitor's phone; empty when there is nothing to do there.
    link = Property(str, _get_link, notify=changed)

    def language_changed(self) -> None:
        """Reformat amounts and dates for the new language."""
        self.changed.emit()
