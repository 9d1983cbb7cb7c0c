"""Eligibility rules of DOMAIN.md §2, case by case and as properties."""

from datetime import UTC, date, datetime, timedelta, timezone
from types import MappingProxyType
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kiosk.domain.eligibility import (
    DEFAULT_INELIGIBLE_POSTAL_CODES,
    EligibilityRules,
    Reason,
    Regime,
    evaluate,
)
from kiosk.domain.timezones import timezone_for_postal_code

PARIS = ZoneInfo("Europe/Paris")
NOUMEA = ZoneInfo("Pacific/Noumea")
REUNION = ZoneInfo("Indian/Reunion")
GUADELOUPE = ZoneInfo("America/Guadeloupe")
DECREE = datetime(2025, 2, 28, 23, 0, tzinfo=UTC)  # 2025-03-01 00:00 Europe/Paris
BEFORE_REFORM = datetime(2024, 6, 1, 12, tzinfo=UTC)
AFTER_REFORM = datetime(2025, 6, 1, 12, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)
NO_FREE = EligibilityRules(free_pass_15_16=False)


def paris(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=PARIS)


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, micro: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, micro, tzinfo=UTC)


# --- Defaults -------------------------------------------------------------------------------


def test_default_rules_match_domain_md() -> None:
    rules = EligibilityRules()
    assert rules.decree_at == DECREE
    assert rules.free_pass_15_16 is True
    assert {r: dict(t) for r, t in rules.amounts_eur.items()} == {
        Regime.AGE17_18: {17: 50, 18: 150},
        Regime.FREE: {15: 0, 16: 0},
        Regime.UNDERAGE: {15: 20, 16: 30, 17: 30},
        Regime.AGE18: {18: 300},
    }
    assert rules.bonus_amount == 50
    assert rules.bonus_qf_threshold == 700
    assert rules.account_minimum_age == 15
    assert len(rules.ineligible_postal_codes) == 22
    assert rules.ineligible_postal_codes == DEFAULT_INELIGIBLE_POSTAL_CODES


def test_enum_values_are_the_backend_names() -> None:
    assert [r.value for r in Regime] == ["AGE17_18", "FREE", "UNDERAGE", "AGE18"]
    assert Regime.AGE17_18 == "AGE17_18"
    assert Reason.TOO_YOUNG == "TOO_YOUNG"


def test_rules_are_frozen_hashable_and_comparable() -> None:
    rules = EligibilityRules()
    with pytest.raises(AttributeError):
        rules.bonus_amount = 10  # type: ignore[misc]
    with pytest.raises(TypeError):
        rules.amounts_eur[Regime.AGE18] = {18: 500}  # type: ignore[index]
    assert rules == EligibilityRules()
    assert hash(rules) == hash(EligibilityRules())
    assert rules != NO_FREE


# --- Age at local midnight ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("postal_code", "birthday_starts_utc"),
    [
        (None, utc(2025, 7, 9, 22)),  # Paris, summer: 22:00 UTC the day before
        ("75011", utc(2025, 7, 9, 22)),
        ("97400", utc(2025, 7, 9, 20)),  # Réunion, UTC+4
        ("97110", utc(2025, 7, 10, 4)),  # Guadeloupe, UTC-4: the same day
        ("98800", utc(2025, 7, 9, 13)),  # Nouméa, UTC+11: 13:00 UTC the day before
        ("98714", utc(2025, 7, 10, 10)),  # Tahiti, UTC-10
    ],
)
def test_birthday_starts_at_local_midnight(
    postal_code: str | None, birthday_starts_utc: datetime
) -> None:
    born = date(2008, 7, 10)
    before = evaluate(born, birthday_starts_utc - MICROSECOND, postal_code)
    on = evaluate(born, birthday_starts_utc, postal_code)
    assert (before.age, before.regime, before.amount_eur) == (16, Regime.FREE, 0)
    assert (on.age, on.regime, on.amount_eur) == (17, Regime.AGE17_18, 50)
    assert on.timezone_name == timezone_for_postal_code(postal_code).key


def test_paris_winter_birthday_starts_at_23_utc() -> None:
    born = date(2008, 1, 10)
    assert evaluate(born, utc(2026, 1, 9, 22, 59, 59)).age == 17
    assert evaluate(born, utc(2026, 1, 9, 23)).age == 18


def test_same_instant_different_ages_by_zone() -> None:
    born = date(2008, 7, 10)
    at = utc(2025, 7, 9, 23)  # 01:00 in Paris on the 10th, 19:00 in Guadeloupe on the 9th
    assert evaluate(born, at, "75001").age == 17
    assert evaluate(born, at, "97110").age == 16
    assert evaluate(born, at, "98800").age == 17


def test_window_bounds_are_aware_local_midnights() -> None:
    result = evaluate(date(2008, 7, 10), AFTER_REFORM, "98800")
    assert result.window_start == datetime(2023, 7, 10, tzinfo=NOUMEA)
    assert result.window_start == utc(2023, 7, 9, 13)
    assert result.window_end == utc(2027, 7, 9, 13)
    assert result.department == "988"
    assert result.postal_code == "98800"


def test_reference_instant_in_any_zone_is_the_same_instant() -> None:
    born = date(2008, 7, 10)
    at = utc(2025, 7, 9, 22)
    in_tokyo = at.astimezone(ZoneInfo("Asia/Tokyo"))
    assert evaluate(born, at) == evaluate(born, in_tokyo)
    assert evaluate(born, at.astimezone(timezone(timedelta(hours=-7)))).age == 17


def test_skipped_local_midnight_starts_the_birthday_at_the_clock_change() -> None:
    # Nouméa jumped from 00:00 (+11) to 01:00 (+12) on 1977-12-04: midnight never showed.
    born = date(1959, 12, 4)
    assert evaluate(born, utc(1977, 12, 3, 12, 59, 59), "98800").age == 17
    assert evaluate(born, utc(1977, 12, 3, 13), "98800").age == 18


def test_repeated_local_midnight_counts_from_its_first_occurrence() -> None:
    # Paris went back from 01:00 CEST to 00:00 CET on 1976-09-26: midnight came twice.
    born = date(1958, 9, 26)
    assert evaluate(born, utc(1976, 9, 25, 21, 59, 59)).age == 17
    assert evaluate(born, utc(1976, 9, 25, 22)).age == 18
    assert evaluate(born, utc(1976, 9, 25, 23, 30)).age == 18


def test_born_today_is_zero() -> None:
    result = evaluate(date(2025, 6, 1), paris(2025, 6, 1, 8))
    assert result.age == 0
    assert result.reason is Reason.TOO_YOUNG


# --- 29 February ----------------------------------------------------------------------------


def test_29_february_ages_on_28_february_in_non_leap_years() -> None:
    born = date(2008, 2, 29)
    assert evaluate(born, paris(2025, 2, 27, 23, 59, 59)).age == 16
    assert evaluate(born, paris(2025, 2, 28)).age == 17


def test_29_february_on_a_leap_year() -> None:
    born = date(2008, 2, 29)
    assert evaluate(born, paris(2024, 2, 28, 23, 59)).age == 15
    assert evaluate(born, paris(2024, 2, 29)).age == 16


def test_29_february_window_and_expiry_clip_to_28_february() -> None:
    result = evaluate(date(2008, 2, 29), AFTER_REFORM)
    assert result.window_start == paris(2023, 2, 28)
    assert result.window_end == paris(2027, 2, 28)
    assert result.credit_expires_at == utc(2029, 2, 28, 11)
    assert result.last_day_to_register == date(2027, 2, 27)


# --- Regimes and amounts, before and after the reform ---------------------------------------


@pytest.mark.parametrize(
    ("age", "regime", "amount"),
    [(15, Regime.UNDERAGE, 20), (16, Regime.UNDERAGE, 30), (17, Regime.UNDERAGE, 30)]
    + [(18, Regime.AGE18, 300)],
)
def test_before_the_reform(age: int, regime: Regime, amount: int) -> None:
    result = evaluate(date(2024 - age, 1, 15), BEFORE_REFORM)
    assert (result.age, result.regime, result.amount_eur, result.reason) == (
        age,
        regime,
        amount,
        None,
    )
    assert result.eligible


@pytest.mark.parametrize(
    ("age", "regime", "amount"),
    [(15, Regime.FREE, 0), (16, Regime.FREE, 0), (17, Regime.AGE17_18, 50)]
    + [(18, Regime.AGE17_18, 150)],
)
def test_after_the_reform(age: int, regime: Regime, amount: int) -> None:
    result = evaluate(date(2025 - age, 1, 15), AFTER_REFORM)
    assert (result.age, result.regime, result.amount_eur, result.reason) == (
        age,
        regime,
        amount,
        None,
    )


@pytest.mark.parametrize(
    ("age", "before", "after"),
    [
        (15, (Regime.UNDERAGE, 20), (Regime.FREE, 0)),
        (16, (Regime.UNDERAGE, 30), (Regime.FREE, 0)),
        (17, (Regime.UNDERAGE, 30), (Regime.AGE17_18, 50)),
        (18, (Regime.AGE18, 300), (Regime.AGE17_18, 150)),
    ],
)
def test_decree_instant(age: int, before: tuple[Regime, int], after: tuple[Regime, int]) -> None:
    born = date(2025 - age, 1, 15)
    just_before = evaluate(born, DECREE - MICROSECOND)
    at_decree = evaluate(born, DECREE)
    assert (just_before.regime, just_before.amount_eur) == before
    assert (at_decree.regime, at_decree.amount_eur) == after


def test_decree_is_paris_midnight_even_overseas() -> None:
    # 2025-03-01 00:00 in Paris is already 10:00 in Nouméa: the switch is one instant.
    born = date(2008, 1, 15)
    assert evaluate(born, DECREE - MICROSECOND, "98800").regime is Regime.UNDERAGE
    assert evaluate(born, DECREE, "98800").regime is Regime.AGE17_18


def test_decree_is_configurable() -> None:
    rules = EligibilityRules(decree_at=paris(2030, 1, 1))
    assert evaluate(date(2008, 1, 15), AFTER_REFORM, rules=rules).regime is Regime.UNDERAGE


# --- Window ---------------------------------------------------------------------------------


def test_window_end_is_exclusive() -> None:
    born = date(2006, 9, 15)
    last = evaluate(born, utc(2025, 9, 14, 21, 59, 59, 999999))
    end = evaluate(born, utc(2025, 9, 14, 22))
    assert (last.age, last.regime, last.amount_eur) == (18, Regime.AGE17_18, 150)
    assert (end.age, end.regime, end.amount_eur) == (19, None, None)
    assert end.reason is Reason.STARTED_BEFORE_19_MAYBE
    assert end.window_end == utc(2025, 9, 14, 22)
    assert last.last_day_to_register == date(2025, 9, 14)


def test_window_opens_at_15_with_the_free_pass() -> None:
    born = date(2010, 9, 15)
    before = evaluate(born, utc(2025, 9, 14, 21, 59, 59, 999999))
    opening = evaluate(born, utc(2025, 9, 14, 22))
    assert before.reason is Reason.TOO_YOUNG
    assert before.window_start == utc(2025, 9, 14, 22)
    assert (opening.regime, opening.amount_eur, opening.reason) == (Regime.FREE, 0, None)


@pytest.mark.parametrize(
    ("age", "reason"),
    [(19, Reason.STARTED_BEFORE_19_MAYBE)]
    + [
        (20, Reason.STARTED_BEFORE_19_MAYBE),
        (21, Reason.TOO_OLD),
        (40, Reason.TOO_OLD),
    ],
)
def test_after_the_window(age: int, reason: Reason) -> None:
    result = evaluate(date(2025 - age, 1, 15), AFTER_REFORM)
    assert (result.age, result.regime, result.amount_eur, result.reason) == (
        age,
        None,
        None,
        reason,
    )
    assert result.upcoming_credits == ()
    assert result.money_from is None


def test_21st_birthday_makes_too_old() -> None:
    born = date(2004, 9, 15)
    assert evaluate(born, utc(2025, 9, 14, 21, 59)).reason is Reason.STARTED_BEFORE_19_MAYBE
    assert evaluate(born, utc(2025, 9, 14, 22)).reason is Reason.TOO_OLD


# --- FREE switch off ------------------------------------------------------------------------


def test_free_switch_off_opens_the_window_at_17() -> None:
    born = date(2009, 9, 15)
    sixteen = evaluate(born, AFTER_REFORM, rules=NO_FREE)
    assert (sixteen.age, sixteen.regime, sixteen.reason) == (15, None, Reason.TOO_YOUNG)
    assert sixteen.window_start == paris(2026, 9, 15)
    assert sixteen.money_from == paris(2026, 9, 15)
    assert sixteen.free_pass_from is None
    seventeen = evaluate(born, paris(2026, 9, 15), rules=NO_FREE)
    assert (seventeen.regime, seventeen.amount_eur) == (Regime.AGE17_18, 50)
    assert seventeen.window_start == paris(2026, 9, 15)


def test_free_switch_off_does_not_change_the_old_regime() -> None:
    result = evaluate(date(2008, 9, 15), BEFORE_REFORM, rules=NO_FREE)
    assert (result.regime, result.amount_eur) == (Regime.UNDERAGE, 20)
    assert result.window_start == paris(2023, 9, 15)


def test_free_switch_off_at_the_decree() -> None:
    born = date(2009, 1, 15)  # 16 at the decree
    assert evaluate(born, DECREE - MICROSECOND, rules=NO_FREE).regime is Regime.UNDERAGE
    at_decree = evaluate(born, DECREE, rules=NO_FREE)
    assert at_decree.reason is Reason.TOO_YOUNG
    assert at_decree.window_start == paris(2026, 1, 15)


# --- Too young and what comes next ----------------------------------------------------------


def test_under_15_is_too_young_with_the_dates_it_opens() -> None:
    result = evaluate(date(2012, 4, 10), AFTER_REFORM, "97400")
    assert (result.age, result.regime, result.amount_eur) == (13, None, None)
    assert result.reason is Reason.TOO_YOUNG
    assert result.free_pass_from == datetime(2027, 4, 10, tzinfo=REUNION)
    assert result.money_from == datetime(2029, 4, 10, tzinfo=REUNION)
    assert result.window_start == result.free_pass_from
    assert result.amount_later_eur == 200
    assert result.amount_later_from == result.money_from


def test_too_young_before_the_reform_gets_money_at_15() -> None:
    # 14 before the decree, 15 before it too: the old pass pays 20 € at 15.
    result = evaluate(date(2009, 12, 1), utc(2024, 6, 1))
    assert result.reason is Reason.TOO_YOUNG
    assert result.money_from == paris(2024, 12, 1)
    assert result.free_pass_from is None
    first = result.upcoming_credits[0]
    assert (first.age, first.regime, first.amount_eur) == (15, Regime.UNDERAGE, 20)


def test_too_young_when_15_comes_after_the_reform() -> None:
    result = evaluate(date(2010, 6, 1), utc(2024, 6, 1))
    assert result.free_pass_from == paris(2025, 6, 1)
    assert result.money_from == paris(2027, 6, 1)
    assert [(c.age, c.regime, c.amount_eur) for c in result.upcoming_credits] == [
        (17, Regime.AGE17_18, 50),
        (18, Regime.AGE17_18, 150),
    ]


def test_free_pass_holder_knows_when_money_comes() -> None:
    result = evaluate(date(2009, 9, 15), AFTER_REFORM)
    assert (result.regime, result.amount_eur) == (Regime.FREE, 0)
    assert result.money_from == paris(2026, 9, 15)
    assert result.free_pass_from is None
    assert result.amount_later_eur == 200
    assert result.bonus_may_apply is False
    assert result.bonus_may_apply_from == paris(2027, 9, 15)


def test_17_year_old_gets_50_now_and_150_at_18() -> None:
    result = evaluate(date(2008, 1, 15), AFTER_REFORM, "98800")
    assert (result.regime, result.amount_eur) == (Regime.AGE17_18, 50)
    assert result.amount_later_eur == 150
    assert result.amount_later_from == datetime(2026, 1, 15, tzinfo=NOUMEA)
    assert result.money_from is None
    assert len(result.upcoming_credits) == 1
    assert result.upcoming_credits[0].regime is Regime.AGE17_18
    assert result.bonus_may_apply is False
    assert result.bonus_may_apply_from == datetime(2026, 1, 15, tzinfo=NOUMEA)


def test_18_year_old_may_ask_for_the_bonus() -> None:
    result = evaluate(date(2007, 1, 15), AFTER_REFORM)
    assert (result.regime, result.amount_eur) == (Regime.AGE17_18, 150)
    assert result.amount_later_eur == 0
    assert result.amount_later_from is None
    assert result.bonus_may_apply is True
    assert result.bonus_may_apply_from is None
    assert (result.bonus_amount_eur, result.bonus_qf_threshold_eur) == (50, 700)


def test_no_bonus_on_the_old_pass() -> None:
    result = evaluate(date(2006, 1, 15), BEFORE_REFORM)
    assert result.regime is Regime.AGE18
    assert result.bonus_may_apply is False


# --- Postal codes and residence -------------------------------------------------------------


@pytest.mark.parametrize("postal_code", sorted(DEFAULT_INELIGIBLE_POSTAL_CODES))
def test_ineligible_postal_codes(postal_code: str) -> None:
    result = evaluate(date(2008, 1, 15), AFTER_REFORM, postal_code)
    assert (result.regime, result.amount_eur) == (None, None)
    assert result.reason is Reason.INELIGIBLE_POSTAL_CODE
    assert result.timezone_name == "Pacific/Noumea"
    assert result.upcoming_credits == ()
    assert result.money_from is None


def test_other_new_caledonia_codes_are_eligible() -> None:
    assert evaluate(date(2008, 1, 15), AFTER_REFORM, "98800").regime is Regime.AGE17_18
    assert evaluate(date(2008, 1, 15), AFTER_REFORM, "98812").regime is Regime.AGE17_18


def test_ineligible_postal_code_with_spaces_and_for_the_too_young() -> None:
    assert evaluate(date(2008, 1, 15), AFTER_REFORM, "98 811").reason == (
        Reason.INELIGIBLE_POSTAL_CODE
    )
    young = evaluate(date(2015, 1, 15), AFTER_REFORM, "98811")
    assert young.reason is Reason.INELIGIBLE_POSTAL_CODE
    assert young.free_pass_from is None


def test_too_old_outranks_the_postal_code() -> None:
    assert evaluate(date(1990, 1, 15), AFTER_REFORM, "98811").reason is Reason.TOO_OLD


def test_ineligible_postal_codes_are_configurable() -> None:
    rules = EligibilityRules(ineligible_postal_codes=frozenset({"75011"}))
    assert evaluate(date(2008, 1, 15), AFTER_REFORM, "75011", rules).reason == (
        Reason.INELIGIBLE_POSTAL_CODE
    )
    assert evaluate(date(2008, 1, 15), AFTER_REFORM, "98811", rules).regime is Regime.AGE17_18


def test_malformed_postal_code_means_paris_and_no_exclusion() -> None:
    result = evaluate(date(2008, 1, 15), AFTER_REFORM, "not a code")
    assert result.timezone_name == "Europe/Paris"
    assert (result.postal_code, result.department) == (None, None)
    assert result.regime is Regime.AGE17_18


@pytest.mark.parametrize(
    ("resident", "national", "eligible"),
    [
        (None, None, True),
        (True, None, True),
        (True, False, True),
        (False, True, True),
        (False, None, True),  # nationality not asked: not held against the visitor
        (False, False, False),
    ],
)
def test_residence(resident: bool | None, national: bool | None, eligible: bool) -> None:
    result = evaluate(
        date(2008, 1, 15),
        AFTER_REFORM,
        resident_over_one_year=resident,
        french_national=national,
    )
    assert result.eligible is eligible
    if not eligible:
        assert result.reason is Reason.NOT_RESIDENT
        assert result.amount_eur is None
        assert result.upcoming_credits == ()


# --- Account minimum age --------------------------------------------------------------------


def test_account_minimum_age_above_the_window() -> None:
    rules = EligibilityRules(account_minimum_age=16)
    result = evaluate(date(2010, 1, 15), AFTER_REFORM, rules=rules)
    assert (result.age, result.regime) == (15, None)
    assert result.reason is Reason.BELOW_ACCOUNT_MINIMUM_AGE
    assert result.free_pass_from == paris(2026, 1, 15)
    assert result.money_from == paris(2027, 1, 15)


def test_account_minimum_age_below_the_window_changes_nothing() -> None:
    rules = EligibilityRules(account_minimum_age=13)
    assert evaluate(date(2011, 1, 15), AFTER_REFORM, rules=rules).reason is Reason.TOO_YOUNG


# --- Credit validity ------------------------------------------------------------------------


@pytest.mark.parametrize("postal_code", [None, "97110", "98800"])
def test_credit_expires_at_birth_plus_21_years_plus_11_hours_utc(postal_code: str | None) -> None:
    result = evaluate(date(2007, 5, 3), AFTER_REFORM, postal_code)
    assert result.credit_expires_at == utc(2028, 5, 3, 11)
    assert result.credit_expires_at.utcoffset() == timedelta(0)


# --- Errors ---------------------------------------------------------------------------------


def test_naive_instant_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        evaluate(date(2008, 1, 15), datetime(2025, 6, 1, 12))


def test_birth_date_in_the_future_is_refused() -> None:
    with pytest.raises(ValueError, match="after"):
        evaluate(date(2025, 6, 2), paris(2025, 6, 1, 23, 59))


def test_future_is_judged_in_the_local_zone() -> None:
    # 13:00 UTC on 1 June is already 2 June in Nouméa but still 1 June in Paris.
    at = utc(2025, 6, 1, 13)
    assert evaluate(date(2025, 6, 2), at, "98800").age == 0
    with pytest.raises(ValueError):
        evaluate(date(2025, 6, 2), at, "75001")


def test_wrong_types_are_refused() -> None:
    with pytest.raises(TypeError):
        evaluate(datetime(2008, 1, 15), AFTER_REFORM)
    with pytest.raises(TypeError):
        evaluate(date(2008, 1, 15), date(2025, 6, 1))  # type: ignore[arg-type]


def test_calendar_limits_raise_a_value_error() -> None:
    with pytest.raises(ValueError, match="range"):
        evaluate(date(9990, 1, 1), datetime(9995, 1, 1, tzinfo=UTC))


def test_invalid_rules_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        EligibilityRules(decree_at=datetime(2025, 3, 1))
    with pytest.raises(ValueError):
        EligibilityRules(amounts_eur={Regime.AGE18: {18: -1}})
    with pytest.raises(ValueError):
        EligibilityRules(bonus_amount=-5)


def test_amount_overrides_merge_age_by_age() -> None:
    rules = EligibilityRules(amounts_eur={Regime.AGE17_18: {17: 60}})
    assert dict(rules.amounts_eur[Regime.AGE17_18]) == {17: 60, 18: 150}
    assert evaluate(date(2008, 1, 15), AFTER_REFORM, rules=rules).amount_eur == 60


# --- from_settings --------------------------------------------------------------------------

SETTINGS = {
    "accountCreationMinimumAge": 15,
    "depositAmountsByAge": {"age_15": 0, "age_16": 0, "age_17": 5000, "age_18": 15000},
    "bonification": {"bonusAmount": 5000, "qfThreshold": 700},
    "ineligiblePostalCodes": sorted(DEFAULT_INELIGIBLE_POSTAL_CODES),
    "isRecaptchaEnabled": True,
    "rates": {"pacificFrancToEuro": 0.00838},
    "wipEnableCreditV3": True,
}


def test_from_settings_with_the_real_payload_gives_the_defaults() -> None:
    assert EligibilityRules.from_settings(SETTINGS) == EligibilityRules()


def test_from_settings_reads_cents() -> None:
    rules = EligibilityRules.from_settings(
        {
            "depositAmountsByAge": {"age_15": 1000, "age_16": 0, "age_17": 6000, "age_18": 20000},
            "bonification": {"bonusAmount": 7000, "qfThreshold": 900},
            "ineligiblePostalCodes": ["98811", "98812"],
            "accountCreationMinimumAge": 16,
        }
    )
    assert dict(rules.amounts_eur[Regime.AGE17_18]) == {17: 60, 18: 200}
    assert dict(rules.amounts_eur[Regime.FREE]) == {15: 10, 16: 0}
    # The settings describe the current regimes: the old tables are untouched.
    assert dict(rules.amounts_eur[Regime.UNDERAGE]) == {15: 20, 16: 30, 17: 30}
    assert dict(rules.amounts_eur[Regime.AGE18]) == {18: 300}
    assert (rules.bonus_amount, rules.bonus_qf_threshold) == (70, 900)
    assert rules.ineligible_postal_codes == frozenset({"98811", "98812"})
    assert rules.account_minimum_age == 16
    assert evaluate(date(2007, 1, 15), AFTER_REFORM, rules=rules).amount_eur == 200
    assert evaluate(date(2006, 1, 15), BEFORE_REFORM, rules=rules).amount_eur == 300


def test_from_settings_missing_fields_keep_the_defaults() -> None:
    assert EligibilityRules.from_settings({}) == EligibilityRules()
    partial = EligibilityRules.from_settings({"depositAmountsByAge": {"age_17": 7000}})
    assert dict(partial.amounts_eur[Regime.AGE17_18]) == {17: 70, 18: 150}


@pytest.mark.parametrize(
    "payload",
    [
        {"depositAmountsByAge": "lots"},
        {"depositAmountsByAge": [5000, 15000]},
        {"depositAmountsByAge": {"age_17": "5000", "age_18": None}},
        {"depositAmountsByAge": {"age_17": True, "age_18": -15000}},
        {"depositAmountsByAge": {"age_17": 5050, "age_18": float("nan")}},
        {"bonification": 5000},
        {"bonification": {"bonusAmount": "50", "qfThreshold": -1}},
        {"bonification": {"bonusAmount": None, "qfThreshold": "700"}},
        {"ineligiblePostalCodes": "98811"},
        {"ineligiblePostalCodes": [98811, "98813"]},
        {"ineligiblePostalCodes": None},
        {"accountCreationMinimumAge": "15"},
        {"accountCreationMinimumAge": -3},
        {"accountCreationMinimumAge": 1e9},
        {"accountCreationMinimumAge": False},
        {"unknownField": {"nested": [1, 2]}},
    ],
)
def test_from_settings_garbage_keeps_the_defaults(payload: dict[str, object]) -> None:
    assert EligibilityRules.from_settings(payload) == EligibilityRules()


@pytest.mark.parametrize("payload", [None, [], "settings", 42])
def test_from_settings_not_an_object(payload: object) -> None:
    assert EligibilityRules.from_settings(payload) == EligibilityRules()  # type: ignore[arg-type]


def test_from_settings_accepts_integral_floats_and_empty_lists() -> None:
    rules = EligibilityRules.from_settings(
        {"depositAmountsByAge": {"age_17": 5000.0}, "ineligiblePostalCodes": []}
    )
    assert rules.amounts_eur[Regime.AGE17_18][17] == 50
    assert rules.ineligible_postal_codes == frozenset()


def test_from_settings_keeps_the_base_switches() -> None:
    base = EligibilityRules(free_pass_15_16=False, decree_at=paris(2026, 1, 1))
    rules = EligibilityRules.from_settings(SETTINGS, base=base)
    assert rules.free_pass_15_16 is False
    assert rules.decree_at == paris(2026, 1, 1)


def test_from_settings_reads_read_only_mappings() -> None:
    payload = MappingProxyType({"depositAmountsByAge": MappingProxyType({"age_18": 16000})})
    assert EligibilityRules.from_settings(payload).amounts_eur[Regime.AGE17_18][18] == 160


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=12,
)
SETTINGS_KEYS = st.sampled_from(
    [
        "depositAmountsByAge",
        "bonification",
        "ineligiblePostalCodes",
        "accountCreationMinimumAge",
        "age_15",
        "age_17",
        "bonusAmount",
        "qfThreshold",
    ]
)


@given(st.dictionaries(SETTINGS_KEYS, JSON | st.dictionaries(SETTINGS_KEYS, JSON)))
def test_from_settings_never_raises(payload: dict[str, object]) -> None:
    rules = EligibilityRules.from_settings(payload)
    assert all(amount >= 0 for table in rules.amounts_eur.values() for amount in table.values())
    evaluate(date(2008, 1, 15), AFTER_REFORM, rules=rules)


# --- Properties -----------------------------------------------------------------------------

ZONES = st.sampled_from(
    [UTC, timezone(timedelta(hours=14)), timezone(timedelta(hours=-12)), PARIS, NOUMEA]
    + [ZoneInfo("America/Miquelon"), ZoneInfo("Pacific/Pitcairn")]
)
INSTANTS = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31, 23, 59), timezones=ZONES
)
BIRTH_DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
POSTAL_CODES = st.sampled_from(
    [None, "75001", "20000", "97110", "97400", "97500", "98800", "98811", "98900", "bad"]
)
RULES = st.sampled_from([EligibilityRules(), NO_FREE, EligibilityRules(account_minimum_age=16)])
OLD_REGIMES = {Regime.UNDERAGE, Regime.AGE18}
AGES_OF = {
    Regime.UNDERAGE: {15, 16, 17},
    Regime.AGE18: {18},
    Regime.AGE17_18: {17, 18},
    Regime.FREE: {15, 16},
}


def _not_future(birth: date, at: datetime, postal_code: str | None) -> None:
    # A birth date after the reference day is refused by design: skip it explicitly.
    assume(birth <= at.astimezone(timezone_for_postal_code(postal_code)).date())


@given(BIRTH_DATES, INSTANTS, POSTAL_CODES, RULES, st.sampled_from([None, True, False]))
def test_never_raises_and_stays_consistent(
    birth: date,
    at: datetime,
    postal_code: str | None,
    rules: EligibilityRules,
    resident: bool | None,
) -> None:
    _not_future(birth, at, postal_code)
    result = evaluate(
        birth, at, postal_code, rules, resident_over_one_year=resident, french_national=False
    )
    assert result.age >= 0
    assert (result.regime is None) == (result.reason is not None)
    assert (result.regime is None) == (result.amount_eur is None)
    assert result.window_start < result.window_end
    if not result.window_start <= at < result.window_end:
        assert result.regime is None
    if result.regime is not None:
        assert result.age in AGES_OF[result.regime]
        assert result.amount_eur == dict(rules.amounts_eur[result.regime]).get(result.age, 0)
        assert (result.regime in OLD_REGIMES) == (at < rules.decree_at)
    for credit in result.upcoming_credits:
        assert credit.at > at
        assert credit.amount_eur == rules.amounts_eur[credit.regime][credit.age] > 0
    assert result.amount_later_eur == sum(c.amount_eur for c in result.upcoming_credits)


@given(BIRTH_DATES, INSTANTS, st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=4000)))
def test_age_never_decreases(birth: date, at: datetime, step: timedelta) -> None:
    _not_future(birth, at, "98800")
    later = at + step
    assume(later.year <= 2100)
    assert evaluate(birth, at, "98800").age <= evaluate(birth, later, "98800").age


@given(BIRTH_DATES, INSTANTS, POSTAL_CODES)
def test_amounts_follow_the_regime_table(
    birth: date, at: datetime, postal_code: str | None
) -> None:
    _not_future(birth, at, postal_code)
    result = evaluate(birth, at, postal_code)
    expected = {
        (Regime.UNDERAGE, 15): 20,
        (Regime.UNDERAGE, 16): 30,
        (Regime.UNDERAGE, 17): 30,
        (Regime.AGE18, 18): 300,
        (Regime.FREE, 15): 0,
        (Regime.FREE, 16): 0,
        (Regime.AGE17_18, 17): 50,
        (Regime.AGE17_18, 18): 150,
    }
    if result.regime is not None:
        assert result.amount_eur == expected[(result.regime, result.age)]


@given(BIRTH_DATES)
def test_expiry_is_at_11_utc_two_years_after_the_window(birth: date) -> None:
    result = evaluate(birth, datetime(2101, 1, 1, tzinfo=UTC))
    assert result.credit_expires_at.time().hour == 11
    assert result.credit_expires_at.tzinfo is UTC
    assert result.credit_expires_at.date().year == birth.year + 21
    assert result.window_end.date().year == birth.year + 19
