"""Whatever a visitor enters, the eligibility wizard answers and never crashes."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.clock import Clock
from kiosk.domain.eligibility import EligibilityRules
from ui.models.eligibility import STEPS, EligibilityModel

NOW = datetime(2026, 11, 28, 11, 0, tzinfo=UTC)


def make_model() -> EligibilityModel:
    return EligibilityModel(Clock(frozen_at=NOW), EligibilityRules, lambda: "fr")


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=st.integers(-10**6, 10**6), month=st.integers(-100, 100),
       year=st.integers(-10**6, 10**6))
def test_any_picked_date_is_accepted_or_refused_with_a_message(qapp, day, month, year) -> None:
    model = make_model()
    model.submitBirthDate(day, month, year)
    assert model.step in STEPS
    assert (model.step == "postal") != (model.error in {"impossible_date", "future_date"})


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=40), french=st.booleans(), resident=st.booleans(),
       day=st.integers(1, 28), month=st.integers(1, 12), year=st.integers(1926, 2026))
def test_any_postal_code_and_answers_end_on_a_result(qapp, text, french, resident, day, month,
                                                     year) -> None:
    model = make_model()
    model.submitBirthDate(day, month, year)
    if model.step != "postal":
        return  # a future date, refused with a message (tested above)
    model.submitPostalCode(text)
    if model.step == "postal":
        assert model.error == "postal_code"
        model.skipPostalCode()
    model.chooseNationality(french)
    if not french:
        model.answerResidence(resident)
    assert model.step == "result"
    assert model.kind
    assert model.facts["creditUntil"]


def test_back_never_goes_below_the_first_question(qapp) -> None:
    model = make_model()
    assert model.back() is False
    model.submitBirthDate(1, 1, 2009)
    assert model.back() is True
    assert model.step == "birthdate"
