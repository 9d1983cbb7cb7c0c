"""Eligibility to the pass Culture at an instant: regime, credit and dates (DOMAIN.md §2).

The central backend decides; the kiosk must tell visitors the same thing before they register,
often offline. This module reproduces the backend's rules as a pure function of a birth date,
an instant and an optional postal code, with every amount and switch in
:class:`EligibilityRules` so that the central settings can refresh them.

Example::

    from kiosk.domain.eligibility import EligibilityRules, evaluate

    result = evaluate(date(2008, 5, 17), datetime.now(UTC), "97400", EligibilityRules())
    if result.regime is None:
        print(result.reason, result.money_from)

Where DOMAIN.md is silent the code follows the real backend (pcapi ``eligibility_api``), and
comments say so.
"""

import enum
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from types import MappingProxyType
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from kiosk.domain.timezones import (
    department_from_postal_code,
    normalize_postal_code,
    timezone_for_department,
)


class Regime(enum.StrEnum):
    """Kind of pass Culture, named as the backend's ``EligibilityType``."""

    AGE17_18 = "AGE17_18"
    """"Pass 17-18", from the decree: 50 € at 17, 150 € at 18."""
    FREE = "FREE"
    """"Pass 15-16", from the decree, behind a switch: free offers only (0 €)."""
    UNDERAGE = "UNDERAGE"
    """Old "Pass 15-17", before the decree: 20 €, 30 €, 30 €."""
    AGE18 = "AGE18"
    """Old "Pass 18", before the decree: 300 €."""


class Reason(enum.StrEnum):
    """Why a visitor is not eligible at the instant asked about."""

    TOO_YOUNG = "TOO_YOUNG"
    """Before the window opens (under 15, or under 17 when the FREE switch is off)."""
    BELOW_ACCOUNT_MINIMUM_AGE = "BELOW_ACCOUNT_MINIMUM_AGE"
    """Inside the window but younger than ``account_minimum_age`` (only when the central
    settings raise it above the window's first age)."""
    STARTED_BEFORE_19_MAYBE = "STARTED_BEFORE_19_MAYBE"
    """19 or 20: only someone who started registering before 19 can finish, in the app."""
    TOO_OLD = "TOO_OLD"
    """21 or older."""
    INELIGIBLE_POSTAL_CODE = "INELIGIBLE_POSTAL_CODE"
    """North Province of New Caledonia or Loyalty Islands (``ineligible_postal_codes``)."""
    NOT_RESIDENT = "NOT_RESIDENT"
    """Not French and not living in France for more than a year."""


PARIS = ZoneInfo("Europe/Paris")

FIRST_AGE = 15
"""Window start when before the decree or when the FREE switch is on."""
FIRST_AGE_WITHOUT_FREE = 17
"""Window start from the decree when the FREE switch is off."""
END_AGE = 19
"""The window ends (exclusive) at local midnight of this birthday."""
LAST_AGE_TO_FINISH = 20
"""Up to this age a registration started inside the window may still be finished."""
CREDIT_VALIDITY_YEARS = 21
CREDIT_EXPIRY_UTC_HOUR = 11
"""The backend adds 11 hours, read as UTC, so that the whole birthday eve stays usable
overseas."""

DEFAULT_DECREE_AT = datetime(2025, 3, 1, tzinfo=PARIS)
"""The reform applies from 2025-03-01 00:00 Europe/Paris (2025-02-28 23:00 UTC)."""

DEFAULT_AMOUNTS_EUR: Mapping[Regime, Mapping[int, int]] = MappingProxyType(
    {
        Regime.AGE17_18: MappingProxyType({17: 50, 18: 150}),
        Regime.FREE: MappingProxyType({15: 0, 16: 0}),
        Regime.UNDERAGE: MappingProxyType({15: 20, 16: 30, 17: 30}),
        Regime.AGE18: MappingProxyType({18: 300}),
    }
)
"""Credit in euros by regime and age at the time of the credit (DOMAIN.md §2.1)."""

DEFAULT_INELIGIBLE_POSTAL_CODES: frozenset[str] = frozenset(
    {
        "98811",
        "98813",
        "98814",
        "98815",
        "98816",
        "98817",
        "98818",
        "98820",
        "98821",
        "98822",
        "98823",
        "98824",
        "98825",
        "98826",
        "98828",
        "98831",
        "98833",
        "98850",
        "98860",
        "98878",
        "98884",
        "98885",
    }
)
"""North Province of New Caledonia and Loyalty Islands (DOMAIN.md §2.5)."""

# The settings route describes only the regimes in force now; its ages map to these.
_SETTINGS_AGE_REGIMES: Mapping[str, tuple[Regime, int]] = MappingProxyType(
    {
        "age_15": (Regime.FREE, 15),
        "age_16": (Regime.FREE, 16),
        "age_17": (Regime.AGE17_18, 17),
        "age_18": (Regime.AGE17_18, 18),
    }
)
# A settings payload asking for an account minimum age outside this range is a bug upstream.
_PLAUSIBLE_ACCOUNT_MINIMUM_AGES = range(0, 100)


def _whole_number(value: object) -> int | None:
    """Return ``value`` as an int if it is an integer (or an integral float), else None."""
    # bool is an int subclass; JSON true must not read as 1.
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return None


def _cents_to_euros(value: object) -> int | None:
    """Return whole, non-negative euros from an amount in cents, else None."""
    cents = _whole_number(value)
    if cents is None or cents < 0 or cents % 100:
        return None
    return cents // 100


def _frozen_amounts(
    overrides: Mapping[Regime, Mapping[int, int]] | None,
) -> Mapping[Regime, Mapping[int, int]]:
    """Merge amount overrides over the defaults, per regime and age, and freeze the result.

    Raises:
        ValueError: An unknown regime, a non-integer age or a negative or non-integer amount.
    """
    merged: dict[Regime, dict[int, int]] = {
        regime: dict(table) for regime, table in DEFAULT_AMOUNTS_EUR.items()
    }
    for regime_key, table in (overrides or {}).items():
        try:
            regime = Regime(regime_key)
        except ValueError:
            raise ValueError(f"amounts_eur: unknown regime {regime_key!r}") from None
        for age, amount in table.items():
            if _whole_number(age) is None:
                raise ValueError(f"amounts_eur[{regime}]: age {age!r} is not an integer")
            if _whole_number(amount) is None or amount < 0:
                raise ValueError(
                    f"amounts_eur[{regime}][{age}]: {amount!r} is not a whole number of euros >= 0"
                )
            merged[regime][int(age)] = int(amount)
    return MappingProxyType({regime: MappingProxyType(table) for regime, table in merged.items()})


def _default_amounts() -> Mapping[Regime, Mapping[int, int]]:
    return DEFAULT_AMOUNTS_EUR


@dataclass(frozen=True)
class EligibilityRules:
    """Configuration of the eligibility rules, defaulting to DOMAIN.md §2.

    Build it directly to override any field, or with :meth:`from_settings` from the central
    settings. Invalid values given to the constructor raise ``ValueError`` (they are a
    programming error); :meth:`from_settings` never raises.

    Attributes:
        decree_at: Aware instant from which AGE17_18/FREE replace UNDERAGE/AGE18.
        free_pass_15_16: The central FREE switch (pass 15-16). When off, from the decree the
            window opens at 17.
        amounts_eur: Credit in euros by regime then age. Overrides given to the constructor
            are merged over ``DEFAULT_AMOUNTS_EUR`` age by age; an age missing from a regime's
            table credits 0 €.
        bonus_amount: Extra credit in euros of the bonus (AGE17_18, asked for at 18).
        bonus_qf_threshold: Highest family quotient, in euros, that opens the bonus.
        ineligible_postal_codes: Postal codes excluded from the pass.
        account_minimum_age: Youngest age at which an account can be created.
    """

    decree_at: datetime = DEFAULT_DECREE_AT
    free_pass_15_16: bool = True
    # hash=False: mappings cannot be hashed; equal rules still hash equal without them.
    amounts_eur: Mapping[Regime, Mapping[int, int]] = field(
        default_factory=_default_amounts, hash=False
    )
    bonus_amount: int = 50
    bonus_qf_threshold: int = 700
    ineligible_postal_codes: frozenset[str] = DEFAULT_INELIGIBLE_POSTAL_CODES
    account_minimum_age: int = FIRST_AGE

    def __post_init__(self) -> None:
        """Validate the fields and freeze the mutable ones.

        Raises:
            ValueError: A naive ``decree_at``, or an invalid amount, code or age.
        """
        if not isinstance(self.decree_at, datetime) or self.decree_at.utcoffset() is None:
            raise ValueError(f"decree_at must be an aware datetime, got {self.decree_at!r}")
        if self.amounts_eur is not DEFAULT_AMOUNTS_EUR:
            # Bypass the frozen guard once, to store a read-only copy the caller cannot mutate.
            object.__setattr__(self, "amounts_eur", _frozen_amounts(self.amounts_eur))
        for name in ("bonus_amount", "bonus_qf_threshold", "account_minimum_age"):
            value = getattr(self, name)
            if _whole_number(value) is None or value < 0:
                raise ValueError(f"{name} must be a whole number >= 0, got {value!r}")
        codes: Iterable[object] = self.ineligible_postal_codes
        if isinstance(codes, str):
            raise ValueError("ineligible_postal_codes must be a collection of codes, not a str")
        normalized: set[str] = set()
        for code in codes:
            if not isinstance(code, str):
                raise ValueError(f"ineligible_postal_codes: {code!r} is not a string")
            normalized.add(normalize_postal_code(code) or code.strip())
        object.__setattr__(self, "ineligible_postal_codes", frozenset(normalized))

    def amount_for(self, regime: Regime, age: int) -> int:
        """Return the credit in euros of ``regime`` at ``age`` (0 when the table has none)."""
        return self.amounts_eur.get(regime, {}).get(age, 0)

    @classmethod
    def from_settings(
        cls, settings_json: Mapping[str, object], *, base: "EligibilityRules | None" = None
    ) -> "EligibilityRules":
        """Read the rules from the central ``GET /native/v1/settings`` payload.

        Reads ``depositAmountsByAge`` (cents; ``age_15``/``age_16`` are the FREE regime,
        ``age_17``/``age_18`` AGE17_18, since the route describes the regimes in force now;
        the old UNDERAGE/AGE18 tables keep theirs), ``bonification.bonusAmount`` (cents),
        ``bonification.qfThreshold`` (euros), ``ineligiblePostalCodes`` and
        ``accountCreationMinimumAge``. Unknown fields are ignored. A missing or wrongly typed
        field keeps the value of ``base``: amounts must be whole, non-negative euros (a cent
        amount that is not a multiple of 100 is treated as wrongly typed), a postal code list
        must hold only strings. The decree instant and the FREE switch are not in the payload
        and come from ``base``.

        Args:
            settings_json: The decoded JSON object; anything else yields ``base`` unchanged.
            base: Rules to start from; the defaults when None.

        Returns:
            New rules; never raises on a bad payload.
        """
        rules = base if base is not None else cls()
        if not isinstance(settings_json, Mapping):
            return rules

        amounts = {regime: dict(table) for regime, table in rules.amounts_eur.items()}
        deposits = settings_json.get("depositAmountsByAge")
        if isinstance(deposits, Mapping):
            for key, (regime, age) in _SETTINGS_AGE_REGIMES.items():
                euros = _cents_to_euros(deposits.get(key))
                if euros is not None:
                    amounts.setdefault(regime, {})[age] = euros

        bonus_amount = rules.bonus_amount
        bonus_qf_threshold = rules.bonus_qf_threshold
        bonification = settings_json.get("bonification")
        if isinstance(bonification, Mapping):
            bonus_euros = _cents_to_euros(bonification.get("bonusAmount"))
            if bonus_euros is not None:
                bonus_amount = bonus_euros
            threshold = _whole_number(bonification.get("qfThreshold"))
            if threshold is not None and threshold >= 0:
                bonus_qf_threshold = threshold

        postal_codes = rules.ineligible_postal_codes
        codes = settings_json.get("ineligiblePostalCodes")
        if isinstance(codes, list | tuple) and all(isinstance(code, str) for code in codes):
            postal_codes = frozenset(str(code) for code in codes)

        account_minimum_age = rules.account_minimum_age
        minimum = _whole_number(settings_json.get("accountCreationMinimumAge"))
        if minimum is not None and minimum in _PLAUSIBLE_ACCOUNT_MINIMUM_AGES:
            account_minimum_age = minimum

        return replace(
            rules,
            amounts_eur=MappingProxyType(
                {regime: MappingProxyType(table) for regime, table in amounts.items()}
            ),
            bonus_amount=bonus_amount,
            bonus_qf_threshold=bonus_qf_threshold,
            ineligible_postal_codes=postal_codes,
            account_minimum_age=account_minimum_age,
        )


DEFAULT_RULES = EligibilityRules()


@dataclass(frozen=True)
class UpcomingCredit:
    """A credit the visitor should receive at a later birthday, under the rules given.

    Attributes:
        at: Local midnight of the birthday (aware, in the département's zone).
        age: Age reached on that birthday.
        regime: Regime in force then.
        amount_eur: Credit in euros (always > 0).
    """

    at: datetime
    age: int
    regime: Regime
    amount_eur: int


@dataclass(frozen=True)
class EligibilityResult:
    """What :func:`evaluate` found, with every date the eligibility screen shows.

    All instants are aware: window and birthday instants in the département's zone,
    ``credit_expires_at`` in UTC.

    Attributes:
        age: Whole years at the instant, counted in the département's zone (>= 0).
        regime: Regime now, None when not eligible.
        amount_eur: Credit for this age under this regime (0 for FREE), None when not
            eligible.
        reason: Why not eligible, None when eligible. Priority: TOO_OLD, then
            INELIGIBLE_POSTAL_CODE, NOT_RESIDENT, then the age-based reasons.
        window_start: Local midnight of the 15th birthday (17th when, from the decree, the
            FREE switch is off), for the instant asked about.
        window_end: Local midnight of the 19th birthday (exclusive).
        credit_expires_at: Birth date + 21 years at 11:00 UTC (29 February clips to the 28th).
        timezone_name: IANA zone used to count the age.
        department: Département code from the postal code, None when unknown.
        postal_code: The postal code as five digits, None when missing or malformed.
        money_from: When the visitor is not entitled to money now (too young, or FREE): the
            first birthday bringing a credit; None otherwise or when none will come.
        free_pass_from: When not eligible yet: the first birthday opening the FREE pass, only
            if it comes before ``money_from``; None otherwise.
        upcoming_credits: Credits due at later birthdays, oldest first, assuming the rules in
            force at each birthday and no earlier registration (the backend decides for
            people already credited).
        amount_later_eur: Sum of ``upcoming_credits`` (0 when none).
        amount_later_from: Instant of the first upcoming credit, None when none.
        bonus_may_apply: The bonus can be asked for now (AGE17_18 at 18); the kiosk explains
            the conditions, the central service decides.
        bonus_may_apply_from: When the bonus could first be asked for later (the upcoming
            AGE17_18 credit at 18), None otherwise.
        bonus_amount_eur: Bonus amount, copied from the rules for display.
        bonus_qf_threshold_eur: Family quotient ceiling of the bonus, copied from the rules.
    """

    age: int
    regime: Regime | None
    amount_eur: int | None
    reason: Reason | None
    window_start: datetime
    window_end: datetime
    credit_expires_at: datetime
    timezone_name: str
    department: str | None
    postal_code: str | None
    money_from: datetime | None
    free_pass_from: datetime | None
    upcoming_credits: tuple[UpcomingCredit, ...]
    amount_later_eur: int
    amount_later_from: datetime | None
    bonus_may_apply: bool
    bonus_may_apply_from: datetime | None
    bonus_amount_eur: int
    bonus_qf_threshold_eur: int

    @property
    def eligible(self) -> bool:
        """Whether the visitor is eligible now (a regime applies)."""
        return self.regime is not None

    @property
    def last_day_to_register(self) -> date:
        """Last local day inside the window: the eve of the 19th birthday."""
        return self.window_end.date() - timedelta(days=1)


@dataclass(frozen=True)
class _Birthdays:
    """Birthday instants of one person in one zone."""

    birth_date: date
    zone: ZoneInfo

    def at_age(self, years: int) -> datetime:
        """Local midnight of the birthday at ``years`` (29 February clips to the 28th).

        A midnight skipped (Nouméa 1977-12-04) or repeated (Paris 1976-09-26) by a clock
        change takes fold=0: the earliest instant at which the local date is reached.
        """
        day = self.birth_date + relativedelta(years=years)
        return datetime.combine(day, time(), tzinfo=self.zone)

    def age_at(self, at: datetime) -> int:
        """Whole years between local birth midnight and ``at`` (aware), never below 0."""
        local = at.astimezone(self.zone).replace(tzinfo=None)
        age = max(relativedelta(local, datetime.combine(self.birth_date, time())).years, 0)
        # relativedelta compares wall-clock times; settle on absolute instants so the age
        # agrees with the window bounds and never goes back when a clock change repeats a
        # midnight. Outside such rare transitions neither loop runs.
        while age > 0 and self.at_age(age) > at:
            age -= 1
        while self.at_age(age + 1) <= at:
            age += 1
        return age


@dataclass(frozen=True)
class _Status:
    """Age-based eligibility at one instant, before residence and postal code checks."""

    age: int
    regime: Regime | None
    reason: Reason | None
    window_start: datetime
    window_end: datetime


def _regime_for_age(age: int, before_decree: bool, free_switch: bool) -> Regime | None:
    """Regime for an age already known to be inside the window (DOMAIN.md §2.3 steps 2-4)."""
    if before_decree:
        if FIRST_AGE <= age <= 17:
            return Regime.UNDERAGE
        if age == 18:
            return Regime.AGE18
        return None
    if 17 <= age <= 18:
        return Regime.AGE17_18
    if free_switch and FIRST_AGE <= age <= 16:
        return Regime.FREE
    return None


def _status_at(birthdays: _Birthdays, at: datetime, rules: EligibilityRules) -> _Status:
    """Apply DOMAIN.md §2.3 at ``at``, plus the account minimum age."""
    age = birthdays.age_at(at)
    before_decree = at < rules.decree_at
    start_age = FIRST_AGE if before_decree or rules.free_pass_15_16 else FIRST_AGE_WITHOUT_FREE
    window_start = birthdays.at_age(start_age)
    window_end = birthdays.at_age(END_AGE)

    regime: Regime | None = None
    reason: Reason | None
    if at < window_start:
        reason = Reason.TOO_YOUNG
    elif at >= window_end:
        # The backend still looks at registrations started in the window up to age 20
        # (decide_eligibility keeps 15 <= age <= 20); the kiosk cannot see them, so it asks.
        reason = Reason.STARTED_BEFORE_19_MAYBE if age <= LAST_AGE_TO_FINISH else Reason.TOO_OLD
    else:
        regime = _regime_for_age(age, before_decree, rules.free_pass_15_16)
        # Inside the window the ages are 15-18, all covered above; the fallback only keeps the
        # invariant "no regime => a reason" should the ages ever change.
        reason = None if regime is not None else Reason.TOO_YOUNG
        # DOMAIN.md §2.5: no account below the minimum age, whatever the window says.
        if regime is not None and age < rules.account_minimum_age:
            regime, reason = None, Reason.BELOW_ACCOUNT_MINIMUM_AGE
    return _Status(age, regime, reason, window_start, window_end)


def evaluate(
    birth_date: date,
    at: datetime,
    postal_code: str | None = None,
    rules: EligibilityRules = DEFAULT_RULES,
    *,
    resident_over_one_year: bool | None = None,
    french_national: bool | None = None,
) -> EligibilityResult:
    """Tell whether someone born on ``birth_date`` is eligible at ``at``, and what comes next.

    The age is counted in the zone of the postal code's département (Europe/Paris when the
    code is unknown, None or malformed): birthdays start at local midnight there.

    Args:
        birth_date: The visitor's birth date (a ``date``, not a ``datetime``).
        at: The reference instant; must be aware.
        postal_code: Where the visitor lives, for the time zone and ineligible areas.
        rules: The rules to apply; DOMAIN.md defaults when omitted.
        resident_over_one_year: Lives in France for more than a year. None (not asked) or True
            is fine; False makes the visitor ineligible only when ``french_national`` is also
            False, as the official simulator does.
        french_national: Has French nationality; None when not asked.

    Returns:
        The evaluation; see :class:`EligibilityResult`.

    Raises:
        TypeError: ``birth_date`` is not a date or is a datetime, or ``at`` is not a datetime.
        ValueError: ``at`` is naive, the birth date is after ``at`` in the département's zone,
            or the dates are so close to year 1 or 9999 that the windows overflow the
            calendar (never for years 1900-2100).
    """
    if isinstance(birth_date, datetime) or not isinstance(birth_date, date):
        raise TypeError(f"birth_date must be a datetime.date, got {birth_date!r}")
    if not isinstance(at, datetime):
        raise TypeError(f"at must be a datetime.datetime, got {at!r}")
    if at.utcoffset() is None:
        raise ValueError(
            f"at must be an aware datetime (with a tzinfo), got the naive {at.isoformat()}"
        )

    normalized_code = normalize_postal_code(postal_code)
    department = department_from_postal_code(normalized_code)
    zone = timezone_for_department(department)
    birthdays = _Birthdays(birth_date, zone)

    try:
        birth_instant = birthdays.at_age(0)
        future_birth = at < birth_instant
    except (OverflowError, ValueError) as exc:
        raise _out_of_range(birth_date, at) from exc
    if future_birth:
        raise ValueError(
            f"birth_date {birth_date.isoformat()} is after {at.isoformat()} "
            f"(local date {at.astimezone(zone).date().isoformat()} in {zone.key})"
        )

    try:
        return _evaluate(
            birthdays,
            at,
            normalized_code,
            department,
            rules,
            not_resident=resident_over_one_year is False and french_national is False,
        )
    except (OverflowError, ValueError) as exc:
        # datetime arithmetic past year 1 or 9999; every legitimate case is far inside.
        raise _out_of_range(birth_date, at) from exc


def _out_of_range(birth_date: date, at: datetime) -> ValueError:
    return ValueError(
        f"birth_date {birth_date.isoformat()} and at {at.isoformat()} are outside the range "
        "the calendar can represent (years 1-9999, with 21 years of margin)"
    )


def _evaluate(
    birthdays: _Birthdays,
    at: datetime,
    postal_code: str | None,
    department: str | None,
    rules: EligibilityRules,
    *,
    not_resident: bool,
) -> EligibilityResult:
    """Body of :func:`evaluate` once the inputs are validated."""
    status = _status_at(birthdays, at, rules)
    regime = status.regime
    reason = status.reason
    # An ineligible area or residence outranks "come back later": waiting would not help.
    # Someone too old is told so first, as nothing else matters then.
    if reason is not Reason.TOO_OLD:
        if postal_code is not None and postal_code in rules.ineligible_postal_codes:
            regime, reason = None, Reason.INELIGIBLE_POSTAL_CODE
        elif not_resident:
            regime, reason = None, Reason.NOT_RESIDENT
    blocked = reason in (Reason.INELIGIBLE_POSTAL_CODE, Reason.NOT_RESIDENT)

    amount = rules.amount_for(regime, status.age) if regime is not None else None

    upcoming: list[UpcomingCredit] = []
    first_free: datetime | None = None
    if not blocked:
        # Eligibility only changes at birthdays (window bounds and ages) and at the decree,
        # which can only close a window; so the birthdays are the only instants to look at.
        ages = {FIRST_AGE, 16, 17, 18, END_AGE}
        if rules.account_minimum_age < END_AGE:
            ages.add(rules.account_minimum_age)
        for age in sorted(a for a in ages if a > status.age):
            instant = birthdays.at_age(age)
            later = _status_at(birthdays, instant, rules)
            if later.regime is None:
                continue
            if later.regime is Regime.FREE and first_free is None:
                first_free = instant
            later_amount = rules.amount_for(later.regime, later.age)
            if later_amount > 0:
                upcoming.append(UpcomingCredit(instant, later.age, later.regime, later_amount))

    money_from = upcoming[0].at if upcoming and not amount else None
    free_pass_from = (
        first_free
        if regime is None
        and first_free is not None
        and (money_from is None or first_free < money_from)
        else None
    )
    bonus_from = next((c.at for c in upcoming if c.regime is Regime.AGE17_18 and c.age >= 18), None)

    return EligibilityResult(
        age=status.age,
        regime=regime,
        amount_eur=amount,
        reason=reason,
        window_start=status.window_start,
        window_end=status.window_end,
        credit_expires_at=_credit_expiry(birthdays.birth_date),
        timezone_name=birthdays.zone.key,
        department=department,
        postal_code=postal_code,
        money_from=money_from,
        free_pass_from=free_pass_from,
        upcoming_credits=tuple(upcoming),
        amount_later_eur=sum(c.amount_eur for c in upcoming),
        amount_later_from=upcoming[0].at if upcoming else None,
        bonus_may_apply=regime is Regime.AGE17_18 and status.age >= 18,
        bonus_may_apply_from=bonus_from,
        bonus_amount_eur=rules.bonus_amount,
        bonus_qf_threshold_eur=rules.bonus_qf_threshold,
    )


def _credit_expiry(birth_date: date) -> datetime:
    """Birth date + 21 years + 11 hours read as UTC, as the backend stores it (§2.4)."""
    day = birth_date + relativedelta(years=CREDIT_VALIDITY_YEARS)
    return datetime.combine(day, time(CREDIT_EXPIRY_UTC_HOUR), tzinfo=UTC)
