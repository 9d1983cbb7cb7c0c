"""Rules of the assisted pre-registration form (issue 5 §2, DOMAIN.md §3).

Every ``check_*`` function takes what the staff member typed and returns a :class:`Checked`:
either the normalised value to keep, or an :class:`ErrorCode` the UI turns into a translated
sentence (this module never writes sentences). They never raise for any text, and an
accepted value checks again to itself, so the UI may re-check the value it stored.

Example::

    from kiosk.domain.registration import build_request, check_email

    email = check_email("  Lea.Martin@GMIAL.com ")
    email.value       # "lea.martin@gmial.com" (valid, so kept)...
    email.suggestion  # ..."lea.martin@gmail.com": the UI offers the fix, the visitor decides

Where DOMAIN.md is silent the rules follow the official app (pass-culture-app-native's
``nameCheck``: Latin script, no digits, no hyphen or apostrophe at either end) and stay
within what the central API accepts (``kiosk/api/openapi.yaml``, PreregistrationRequest).
The password is never part of this form: the visitor chooses it on their own phone.
"""

import enum
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise
from typing import Generic, TypeVar

from kiosk.domain.eligibility import DEFAULT_RULES, EligibilityRules, Reason, evaluate
from kiosk.domain.timezones import normalize_postal_code, timezone_for_postal_code

CONSENT_VERSION = "2026-11-v1"
"""Version id of the consent text shown before the form, stored with each record.

The French text itself lives in the UI (QML). Whenever that text changes in substance (what
is collected, why, how long it is kept, the visitor's rights), this id must change in the
same commit, so that every stored record says which text the visitor agreed to.
"""

EMAIL_MAX_LENGTH = 120
NAME_MAX_LENGTH = 100
CITY_MAX_LENGTH = 100
ADDRESS_MAX_LENGTH = 200
"""Maximum lengths in characters (code points), as in PreregistrationRequest."""

ADULT_AGE = 18
"""From this age "Collégien" (MIDDLE_SCHOOL_STUDENT) is no longer offered (DOMAIN.md §3)."""

ACTIVITY_IDS: tuple[str, ...] = (
    "MIDDLE_SCHOOL_STUDENT",  # Collégien
    "HIGH_SCHOOL_STUDENT",  # Lycéen
    "STUDENT",  # Étudiant
    "EMPLOYEE",  # Employé
    "APPRENTICE",  # Apprenti
    "APPRENTICE_STUDENT",  # Alternant
    "VOLUNTEER",  # Volontaire
    "INACTIVE",  # Inactif
    "UNEMPLOYED",  # Demandeur d'emploi
)
"""Every ``activityId`` of the contract, in the display order of DOMAIN.md §3."""

COMMON_EMAIL_DOMAINS: tuple[str, ...] = (
    "gmail.com",
    "hotmail.fr",
    "outlook.com",
    "yahoo.fr",
    "orange.fr",
    "laposte.net",
    "free.fr",
    "sfr.fr",
    "icloud.com",
)
"""The domains whose typos :func:`suggest_email` fixes (DOMAIN.md §3), most likely first."""

# Real domains of the same providers: typos may point to them ("hotmial.com" → hotmail.com).
_SISTER_DOMAINS = ("hotmail.com", "yahoo.com", "outlook.fr")
_SUGGESTED_DOMAINS = COMMON_EMAIL_DOMAINS + _SISTER_DOMAINS
# Real mail domains a few edits away from a suggested one: never "fixed".
_REAL_DOMAINS = frozenset(
    _SUGGESTED_DOMAINS
    + (
        "mail.com",
        "email.com",
        "ymail.com",
        "googlemail.com",
        "orange.com",
        "live.fr",
        "live.com",
        "msn.com",
        "me.com",
        "mac.com",
        "aol.com",
        "aol.fr",
        "gmx.fr",
        "gmx.com",
        "wanadoo.fr",
        "neuf.fr",
        "club-internet.fr",
        "bbox.fr",
        "numericable.fr",
        "protonmail.com",
        "proton.me",
    )
)
# A provider's name with one of these instead of its own TLD is taken for a slip
# ("gmail.fr" → gmail.com, "laposte.fr" → laposte.net); other TLDs may be real national
# domains ("outlook.be") and are left alone.
_SLIP_TLDS = frozenset({"com", "fr", "net", "org"})
# Provider names this short tolerate fewer typos ("fre.fr" → free.fr, but "sf.com" is left).
_SHORT_PROVIDER_NAME = 4

# Same shapes as the simulator's checks (kiosk/simulator/routes_kiosk.py), a bit stricter.
_EMAIL_LOCAL = re.compile(r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_EMAIL_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")
_EMAIL_TLD = re.compile(r"[a-z]{2,}")

_APOSTROPHES = str.maketrans(dict.fromkeys("\u2019\u2018\u02bc\u00b4\u0060", "'"))
_HYPHENS = str.maketrans(dict.fromkeys("\u2010\u2011\u2013", "-"))
_NAME_SEPARATORS = frozenset(" -'")
_LETTER_CATEGORIES = frozenset({"Lu", "Ll", "Lt"})
# Control, format, surrogate, private-use and unassigned code points.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


class ErrorCode(enum.StrEnum):
    """Why a field is refused: a short stable code, translated by the UI.

    Members are strings (``ErrorCode.EMAIL_EMPTY == "email_empty"``), so the UI may pass
    them to QML as they are. Codes are never renamed: add new ones instead.
    """

    EMAIL_EMPTY = "email_empty"
    EMAIL_NOT_ASCII = "email_not_ascii"
    """Accents or other non-ASCII characters (DOMAIN.md §3: ASCII only)."""
    EMAIL_HAS_SPACE = "email_has_space"
    EMAIL_TOO_LONG = "email_too_long"
    EMAIL_INVALID = "email_invalid"
    """Not ``name@domain.tld``: no or several @, no dot in the domain, bad characters..."""

    NAME_EMPTY = "name_empty"
    NAME_TOO_LONG = "name_too_long"
    NAME_DIGITS = "name_digits"
    NAME_NOT_LATIN = "name_not_latin"
    """Letters of another script (Cyrillic, Greek, Arabic...): type the Latin form of the ID."""
    NAME_INVALID_CHAR = "name_invalid_char"
    """Punctuation other than hyphen and apostrophe, symbols, emoji, combining marks."""
    NAME_EDGE_PUNCTUATION = "name_edge_punctuation"
    """Starts or ends with a hyphen or an apostrophe."""
    NAME_DOUBLED_SEPARATOR = "name_doubled_separator"
    """Two separators in a row ("Anne--Marie", "Jean - Pierre", "N' Diaye")."""

    POSTAL_EMPTY = "postal_empty"
    POSTAL_INVALID = "postal_invalid"
    """Not five digits."""
    POSTAL_INELIGIBLE = "postal_ineligible"
    """North Province of New Caledonia or Loyalty Islands (DOMAIN.md §2.5)."""

    CITY_EMPTY = "city_empty"
    CITY_TOO_LONG = "city_too_long"
    CITY_INVALID_CHAR = "city_invalid_char"

    ADDRESS_TOO_LONG = "address_too_long"
    ADDRESS_INVALID_CHAR = "address_invalid_char"

    BIRTH_DATE_FUTURE = "birth_date_future"
    BIRTH_DATE_OUT_OF_RANGE = "birth_date_out_of_range"
    """So far from today that the calendar overflows (a typo such as year 0208)."""
    BIRTH_TOO_YOUNG = "birth_too_young"
    """Engine: Reason.TOO_YOUNG (window not open yet)."""
    BIRTH_BELOW_ACCOUNT_MINIMUM_AGE = "birth_below_account_minimum_age"
    """Engine: Reason.BELOW_ACCOUNT_MINIMUM_AGE."""
    BIRTH_STARTED_BEFORE_19_MAYBE = "birth_started_before_19_maybe"
    """Engine: Reason.STARTED_BEFORE_19_MAYBE (19 or 20: finish in the app if started)."""
    BIRTH_TOO_OLD = "birth_too_old"
    """Engine: Reason.TOO_OLD (21 or older)."""
    BIRTH_NOT_RESIDENT = "birth_not_resident"
    """Engine: Reason.NOT_RESIDENT (never returned here: residence is not asked)."""


_REASON_ERRORS: dict[Reason, ErrorCode] = {
    Reason.TOO_YOUNG: ErrorCode.BIRTH_TOO_YOUNG,
    Reason.BELOW_ACCOUNT_MINIMUM_AGE: ErrorCode.BIRTH_BELOW_ACCOUNT_MINIMUM_AGE,
    Reason.STARTED_BEFORE_19_MAYBE: ErrorCode.BIRTH_STARTED_BEFORE_19_MAYBE,
    Reason.TOO_OLD: ErrorCode.BIRTH_TOO_OLD,
    Reason.INELIGIBLE_POSTAL_CODE: ErrorCode.POSTAL_INELIGIBLE,
    Reason.NOT_RESIDENT: ErrorCode.BIRTH_NOT_RESIDENT,
}

T = TypeVar("T")

_ANY_AREA = EligibilityRules(ineligible_postal_codes=frozenset())


@dataclass(frozen=True)
class Checked(Generic[T]):
    """The outcome of one field check.

    Exactly one of two shapes: accepted (``error`` is None, ``value`` the normalised value,
    which is None only for an empty optional field) or refused (``error`` set, ``value``
    None). ``suggestion`` is independent: a likely correction to offer the visitor (only
    e-mails have one today), present whether the text was accepted or not.

    Attributes:
        value: The normalised value when accepted, else None.
        error: Why the text is refused, None when accepted.
        suggestion: A corrected text to offer ("Vouliez-vous dire … ?"), else None.
    """

    value: T | None = None
    error: ErrorCode | None = None
    suggestion: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the text is accepted."""
        return self.error is None

    @classmethod
    def accept(cls, value: T, suggestion: str | None = None) -> "Checked[T]":
        """An accepted value (with an optional suggestion)."""
        return cls(value=value, suggestion=suggestion)

    @classmethod
    def reject(cls, error: ErrorCode, suggestion: str | None = None) -> "Checked[T]":
        """A refused text (with an optional suggestion)."""
        return cls(error=error, suggestion=suggestion)


# --- e-mail ------------------------------------------------------------------------------------


def check_email(text: str) -> Checked[str]:
    """Check an e-mail address: trimmed, lower-cased, ASCII, ``local@domain.tld``, ≤ 120.

    A suspected typo of a common domain fills ``suggestion`` (see :func:`suggest_email`),
    even when the address is otherwise valid ("lea@gmial.com") or invalid ("lea@gmail").

    Args:
        text: What was typed.

    Returns:
        The address in lower case, or EMAIL_EMPTY, EMAIL_NOT_ASCII, EMAIL_HAS_SPACE,
        EMAIL_TOO_LONG or EMAIL_INVALID (first that applies, in that order).
    """
    email = text.strip()
    suggestion = suggest_email(email)
    if not email:
        return Checked.reject(ErrorCode.EMAIL_EMPTY)
    if not email.isascii():
        return Checked.reject(ErrorCode.EMAIL_NOT_ASCII, suggestion)
    if any(char.isspace() for char in email):
        return Checked.reject(ErrorCode.EMAIL_HAS_SPACE, suggestion)
    email = email.lower()
    if len(email) > EMAIL_MAX_LENGTH:
        return Checked.reject(ErrorCode.EMAIL_TOO_LONG, suggestion)
    if not _is_email(email):
        return Checked.reject(ErrorCode.EMAIL_INVALID, suggestion)
    return Checked.accept(email, suggestion)


def _is_email(email: str) -> bool:
    """``local@label.label…tld``, lower-case ASCII, no leading, trailing or doubled dots."""
    local, at, domain = email.partition("@")
    if not at or not _EMAIL_LOCAL.fullmatch(local):
        return False
    labels = domain.split(".")
    return (
        len(labels) >= 2
        and all(_EMAIL_LABEL.fullmatch(label) for label in labels)
        and _EMAIL_TLD.fullmatch(labels[-1]) is not None
    )


def suggest_email(text: str) -> str | None:
    """Propose a fix for a typo in the domain of a common e-mail provider.

    Only domains near one of :data:`COMMON_EMAIL_DOMAINS` (or their real sister domains
    hotmail.com, yahoo.com, outlook.fr) are fixed, and never a real domain itself
    ("hotmail.com", "ymail.com", "orange.com" stay). Edits are Damerau-Levenshtein's
    (a swap of two neighbours counts one). Fixed:

    - one edit anywhere in the domain ("gmail.con", "gmailcom", "gmail.com.");
    - up to 2 edits (1 for the short free and sfr) with at most one in the TLD
      ("gmial.com", "hotmial.fr", "gmial.con"), so that "hotmail.be" or "outlook.de", real
      national domains, stay;
    - a missing TLD ("lea@gmail") or a provider's name, within one edit, with the wrong one
      of com, fr, net or org ("gmail.fr" → gmail.com, "laposte.fr" → laposte.net).

    Args:
        text: What was typed (trimmed and lower-cased here).

    Returns:
        The whole corrected address (a valid one), or None when there is nothing to suggest.
    """
    email = text.strip().lower()
    local, at, domain = email.rpartition("@")
    if not at or not local or not domain or "@" in local:
        return None
    target = _suggest_domain(domain)
    if target is None:
        return None
    fixed = f"{local}@{target}"
    # Only ever offer an address the form accepts (a bad local part stays the visitor's).
    return fixed if _is_email(fixed) and len(fixed) <= EMAIL_MAX_LENGTH else None


def _suggest_domain(domain: str) -> str | None:
    """The suggested domain nearest to ``domain``, or None (ties: list order)."""
    if domain in _REAL_DOMAINS or not domain.isascii():
        return None
    name, dot, tld = domain.rpartition(".")
    if not dot:
        name, tld = domain, ""
    best: tuple[int, str] | None = None
    for target in _SUGGESTED_DOMAINS:
        score = _domain_score(domain, name, tld, target)
        if score is not None and (best is None or score < best[0]):
            best = (score, target)
    return None if best is None else best[1]


def _domain_score(domain: str, name: str, tld: str, target: str) -> int | None:
    """How far ``domain`` is from ``target`` (lower is nearer), None when not a typo of it."""
    # One slip anywhere: a letter, a missing or extra dot ("gmailcom", "gmail.com.").
    whole = _distance(domain, target, 1)
    if whole <= 1:
        return whole
    target_name, _, target_tld = target.rpartition(".")
    short = len(target_name) <= _SHORT_PROVIDER_NAME
    name_distance = _distance(name, target_name, 2)
    if tld:
        # Typos in the name and at most one in the TLD ("gmial.con"). A TLD two edits away
        # is another country's real domain ("hotmail.be", "outlook.de"), not a typo.
        tld_distance = _distance(tld, target_tld, 1)
        if tld_distance <= 1 and name_distance + tld_distance <= (1 if short else 2):
            return name_distance + tld_distance
    # The provider's name, nearly right, with no TLD or a wrong common one ("gmail.fr").
    if name_distance <= (0 if short else 1) and (not tld or tld in _SLIP_TLDS):
        # Behind any match above, nearer names first; ties keep the list order.
        return 3 + name_distance
    return None


def _distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (optimal string alignment), capped at ``limit + 1``.

    Insertions, deletions, substitutions and swaps of two neighbours each count one.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


# --- names -------------------------------------------------------------------------------------


def check_name(text: str) -> Checked[str]:
    """Check a first or last name as written on the ID (DOMAIN.md §3).

    Normalised: Unicode NFC (accents as single characters), curly and other apostrophes
    (’ ‘ ʼ ´ `) to ', Unicode hyphens (‐ ‑ –) to -, runs of white space to one space, trimmed.
    The case is kept as typed: IDs are often in capitals, and names such as "de La Fontaine"
    must stay as they are.

    Args:
        text: What was typed.

    Returns:
        The normalised name, or NAME_EMPTY, NAME_DIGITS, NAME_NOT_LATIN, NAME_INVALID_CHAR,
        NAME_EDGE_PUNCTUATION, NAME_DOUBLED_SEPARATOR or NAME_TOO_LONG (first that applies,
        in that order).
    """
    name = _collapse_spaces(unicodedata.normalize("NFC", text))
    name = name.translate(_APOSTROPHES).translate(_HYPHENS)
    if not name:
        return Checked.reject(ErrorCode.NAME_EMPTY)
    if any(unicodedata.category(char).startswith("N") for char in name):
        return Checked.reject(ErrorCode.NAME_DIGITS)
    if any(_is_letter(char) and not _is_latin_letter(char) for char in name):
        return Checked.reject(ErrorCode.NAME_NOT_LATIN)
    if any(char not in _NAME_SEPARATORS and not _is_latin_letter(char) for char in name):
        return Checked.reject(ErrorCode.NAME_INVALID_CHAR)
    if name[0] in "-'" or name[-1] in "-'":
        return Checked.reject(ErrorCode.NAME_EDGE_PUNCTUATION)
    if any(a in _NAME_SEPARATORS and b in _NAME_SEPARATORS for a, b in pairwise(name)):
        return Checked.reject(ErrorCode.NAME_DOUBLED_SEPARATOR)
    if len(name) > NAME_MAX_LENGTH:
        return Checked.reject(ErrorCode.NAME_TOO_LONG)
    return Checked.accept(name)


def _is_letter(char: str) -> bool:
    return unicodedata.category(char).startswith("L")


def _is_latin_letter(char: str) -> bool:
    """A cased letter of the Latin script, accented or not ("é", "Ø", "ß", "ł", "ǅ")."""
    return unicodedata.category(char) in _LETTER_CATEGORIES and unicodedata.name(
        char, ""
    ).startswith("LATIN ")


def _collapse_spaces(text: str) -> str:
    """Runs of any white space to one space, trimmed."""
    return " ".join(text.split())


# --- postal code, city, address ----------------------------------------------------------------


def check_postal_code(text: str, *, rules: EligibilityRules = DEFAULT_RULES) -> Checked[str]:
    """Check a French postal code: five ASCII digits, spaces dropped ("69 100" → "69100").

    Args:
        text: What was typed.
        rules: Give the current rules (refreshed from the central settings) so that their
            ``ineligible_postal_codes`` apply; DOMAIN.md defaults otherwise.

    Returns:
        The five digits, or POSTAL_EMPTY, POSTAL_INVALID or POSTAL_INELIGIBLE.
    """
    if not text.strip():
        return Checked.reject(ErrorCode.POSTAL_EMPTY)
    code = normalize_postal_code(text)
    if code is None:
        return Checked.reject(ErrorCode.POSTAL_INVALID)
    if code in rules.ineligible_postal_codes:
        return Checked.reject(ErrorCode.POSTAL_INELIGIBLE)
    return Checked.accept(code)


def check_city(text: str) -> Checked[str]:
    """Check a commune name (from the central lookup, or typed when offline).

    Args:
        text: The commune's name.

    Returns:
        The name (NFC, white space collapsed, trimmed), or CITY_EMPTY, CITY_INVALID_CHAR
        (control or invisible characters) or CITY_TOO_LONG (> 100).
    """
    city = _free_text(text)
    if not city:
        return Checked.reject(ErrorCode.CITY_EMPTY)
    if _has_invisible(city):
        return Checked.reject(ErrorCode.CITY_INVALID_CHAR)
    if len(city) > CITY_MAX_LENGTH:
        return Checked.reject(ErrorCode.CITY_TOO_LONG)
    return Checked.accept(city)


def check_address(text: str) -> Checked[str | None]:
    """Check the optional street address.

    Args:
        text: What was typed, possibly nothing.

    Returns:
        The address (NFC, white space collapsed, trimmed), None when empty (accepted), or
        ADDRESS_INVALID_CHAR (control or invisible characters) or ADDRESS_TOO_LONG (> 200).
    """
    address = _free_text(text)
    if not address:
        return Checked.accept(None)
    if _has_invisible(address):
        return Checked.reject(ErrorCode.ADDRESS_INVALID_CHAR)
    if len(address) > ADDRESS_MAX_LENGTH:
        return Checked.reject(ErrorCode.ADDRESS_TOO_LONG)
    return Checked.accept(address)


def _free_text(text: str) -> str:
    # White space (tabs, line breaks from a paste) becomes one space before the invisible
    # characters are looked for, so only the truly invisible ones are refused.
    return unicodedata.normalize("NFC", _collapse_spaces(text))


def _has_invisible(text: str) -> bool:
    return any(unicodedata.category(char) in _INVISIBLE_CATEGORIES for char in text)


# --- status, birth date ------------------------------------------------------------------------


def statuses_for(age: int) -> list[str]:
    """The ``activityId`` values to offer at this age, in display order (DOMAIN.md §3).

    Args:
        age: The visitor's age (from the eligibility engine's ``EligibilityResult.age``).

    Returns:
        :data:`ACTIVITY_IDS`, without MIDDLE_SCHOOL_STUDENT (Collégien) from 18.
    """
    if age >= ADULT_AGE:
        return [activity for activity in ACTIVITY_IDS if activity != "MIDDLE_SCHOOL_STUDENT"]
    return list(ACTIVITY_IDS)


def check_birth_date(
    born: date,
    at: datetime,
    rules: EligibilityRules = DEFAULT_RULES,
    *,
    postal_code: str | None = None,
) -> Checked[date]:
    """Check that someone born on ``born`` can pre-register at ``at``, with the engine.

    The verdict is :func:`kiosk.domain.eligibility.evaluate`'s: eligible now (any regime,
    FREE included) is accepted; otherwise its ``Reason`` becomes the error code. The age is
    counted in the zone of ``postal_code`` (Europe/Paris before it is known): re-check with
    it once typed, as a birthday starts earlier overseas.

    Args:
        born: The birth date typed.
        at: Now, from the corrected clock (aware).
        rules: The current rules (refreshed from the central settings).
        postal_code: The visitor's postal code when already known.

    Returns:
        ``born``, or BIRTH_DATE_FUTURE, BIRTH_DATE_OUT_OF_RANGE, BIRTH_TOO_YOUNG,
        BIRTH_BELOW_ACCOUNT_MINIMUM_AGE, BIRTH_STARTED_BEFORE_19_MAYBE, BIRTH_TOO_OLD or,
        with a postal code, POSTAL_INELIGIBLE.

    Raises:
        TypeError: ``born`` is not a date (or is a datetime), or ``at`` is not a datetime.
        ValueError: ``at`` is naive.
    """
    if isinstance(born, datetime) or not isinstance(born, date):
        raise TypeError(f"born must be a datetime.date, got {born!r}")
    if not isinstance(at, datetime):
        raise TypeError(f"at must be a datetime.datetime, got {at!r}")
    if at.utcoffset() is None:
        raise ValueError(f"at must be an aware datetime, got the naive {at.isoformat()}")
    try:
        result = evaluate(born, at, postal_code, rules)
    except (ValueError, OverflowError):
        # evaluate refuses a birth after ``at`` (in the local zone) and dates whose windows
        # overflow the calendar; tell the two apart for the visitor.
        try:
            future = born > at.astimezone(timezone_for_postal_code(postal_code)).date()
        except (ValueError, OverflowError):
            future = False
        return Checked.reject(
            ErrorCode.BIRTH_DATE_FUTURE if future else ErrorCode.BIRTH_DATE_OUT_OF_RANGE
        )
    if result.reason is not None:
        return Checked.reject(_REASON_ERRORS[result.reason])
    return Checked.accept(born)


# --- the request -------------------------------------------------------------------------------


def build_request(
    *,
    email: str,
    birth_date: date,
    first_name: str,
    last_name: str,
    postal_code: str,
    city: str,
    address: str | None = None,
    activity_id: str | None = None,
    marketing_email_subscription: bool = False,
) -> dict[str, str | bool | None]:
    """The PreregistrationRequest body of ``POST /kiosk/v1/preregistrations``.

    Every text goes through its check again (a no-op for values the checks returned), so the
    outbox never holds a body the central API would refuse for its form. Eligibility is not
    re-checked here: it depends on the instant (use :func:`check_birth_date`).

    Args:
        email: From :func:`check_email`.
        birth_date: From :func:`check_birth_date`.
        first_name: From :func:`check_name`.
        last_name: From :func:`check_name`.
        postal_code: From :func:`check_postal_code`.
        city: From :func:`check_city` (or the central commune lookup).
        address: From :func:`check_address`; None or empty when not given.
        activity_id: One of :data:`ACTIVITY_IDS`, or None when not chosen.
        marketing_email_subscription: The visitor ticked the marketing consent (off by
            default, DOMAIN.md §3).

    Returns:
        The JSON object, camelCase, ``birthdate`` as an ISO date, every key present
        (``address`` and ``activityId`` null when not given).

    Raises:
        ValueError: A field is refused by its check (the message names the field and code),
            or ``activity_id`` is not one of the contract's values.
        TypeError: ``birth_date`` is not a date, or the marketing consent is not a bool.
    """
    if isinstance(birth_date, datetime) or not isinstance(birth_date, date):
        raise TypeError(f"birth_date must be a datetime.date, got {birth_date!r}")
    if not isinstance(marketing_email_subscription, bool):
        raise TypeError("marketing_email_subscription must be a bool")
    if activity_id is not None and activity_id not in ACTIVITY_IDS:
        raise ValueError(f"activityId: {activity_id!r} is not one of {', '.join(ACTIVITY_IDS)}")
    return {
        "email": _required("email", check_email(email)),
        "birthdate": birth_date.isoformat(),
        "firstName": _required("firstName", check_name(first_name)),
        "lastName": _required("lastName", check_name(last_name)),
        # Format only: whether the area is eligible depends on the central settings of the
        # day, which the caller checked with check_postal_code(..., rules=...).
        "postalCode": _required("postalCode", check_postal_code(postal_code, rules=_ANY_AREA)),
        "city": _required("city", check_city(city)),
        "address": _valid("address", check_address(address or "")),
        "activityId": activity_id,
        "marketingEmailSubscription": marketing_email_subscription,
    }


def _valid(field: str, checked: Checked[T]) -> T | None:
    if checked.error is not None:
        raise ValueError(f"{field}: {checked.error}")
    return checked.value


def _required(field: str, checked: Checked[str]) -> str:
    value = _valid(field, checked)
    if value is None:  # pragma: no cover - required checks never accept None
        raise ValueError(f"{field}: missing")
    return value
