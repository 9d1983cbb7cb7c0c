"""Rules of the assisted pre-registration form (issue 5 §2, DOMAIN.md §3)."""

import json
import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest
from openapi_schema_validator import OAS31Validator

from kiosk.domain import registration
from kiosk.domain.eligibility import EligibilityRules, Reason
from kiosk.domain.registration import (
    ACTIVITY_IDS,
    ADDRESS_MAX_LENGTH,
    CITY_MAX_LENGTH,
    COMMON_EMAIL_DOMAINS,
    CONSENT_VERSION,
    EMAIL_MAX_LENGTH,
    NAME_MAX_LENGTH,
    Checked,
    ErrorCode,
    build_request,
    check_address,
    check_birth_date,
    check_city,
    check_email,
    check_name,
    check_postal_code,
    statuses_for,
    suggest_email,
)

SPEC_PATH = Path(__file__).resolve().parents[2] / "kiosk" / "api" / "openapi.yaml"
SPEC_DICT = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
REQUEST_SCHEMA = SPEC_DICT["components"]["schemas"]["PreregistrationRequest"]
REQUEST_VALIDATOR = OAS31Validator(REQUEST_SCHEMA, format_checker=OAS31Validator.FORMAT_CHECKER)
AT = datetime(2025, 6, 1, 14, tzinfo=UTC)  # 16:00 in Paris, 01:00 on 2 June in Nouméa


def refused(checked: Checked[Any], error: ErrorCode) -> bool:
    return checked.error == error and checked.value is None and not checked.ok


# --- Checked, codes, consent -----------------------------------------------------------------


def test_checked_shapes() -> None:
    accepted = Checked.accept("x", suggestion="y")
    assert (accepted.ok, accepted.value, accepted.error, accepted.suggestion) == (
        True,
        "x",
        None,
        "y",
    )
    rejected: Checked[str] = Checked.reject(ErrorCode.NAME_EMPTY)
    assert (rejected.ok, rejected.value, rejected.error) == (False, None, "name_empty")
    empty_optional: Checked[str | None] = Checked.accept(None)
    assert empty_optional.ok
    with pytest.raises(AttributeError):
        accepted.value = "z"  # type: ignore[misc]


def test_error_codes_are_short_stable_strings() -> None:
    for code in ErrorCode:
        assert code == code.value
        assert code.value.isascii() and code.value == code.value.lower()
        assert " " not in code.value and len(code.value) <= 40
    assert ErrorCode.EMAIL_EMPTY == "email_empty"
    assert json.dumps(ErrorCode.NAME_DIGITS) == '"name_digits"'


def test_consent_version_is_an_id() -> None:
    assert CONSENT_VERSION == "2026-11-v1"
    assert CONSENT_VERSION.isascii() and " " not in CONSENT_VERSION


# --- e-mail ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lea.martin@example.org", "lea.martin@example.org"),
        ("  Lea.Martin@Example.ORG \n", "lea.martin@example.org"),
        ("LEA@GMAIL.COM", "lea@gmail.com"),
        ("lea+kiosk@yahoo.fr", "lea+kiosk@yahoo.fr"),
        ("o'connor@laposte.net", "o'connor@laposte.net"),
        ("lea@mairie-villeurbanne.fr", "lea@mairie-villeurbanne.fr"),
        ("lea@sub.domain.example.co.uk", "lea@sub.domain.example.co.uk"),
    ],
)
def test_email_accepted(text: str, expected: str) -> None:
    checked = check_email(text)
    assert checked.ok and checked.value == expected


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", ErrorCode.EMAIL_EMPTY),
        ("   ", ErrorCode.EMAIL_EMPTY),
        ("léa@gmail.com", ErrorCode.EMAIL_NOT_ASCII),
        ("lea@gmaïl.com", ErrorCode.EMAIL_NOT_ASCII),
        ("lea@ｇmail.com", ErrorCode.EMAIL_NOT_ASCII),
        ("lea martin@gmail.com", ErrorCode.EMAIL_HAS_SPACE),
        ("lea@gmail .com", ErrorCode.EMAIL_HAS_SPACE),
        ("lea\t@gmail.com", ErrorCode.EMAIL_HAS_SPACE),
        ("a" * 111 + "@gmail.com", ErrorCode.EMAIL_TOO_LONG),
        ("lea.gmail.com", ErrorCode.EMAIL_INVALID),
        ("lea@@gmail.com", ErrorCode.EMAIL_INVALID),
        ("lea@mail@gmail.com", ErrorCode.EMAIL_INVALID),
        ("@gmail.com", ErrorCode.EMAIL_INVALID),
        ("lea@", ErrorCode.EMAIL_INVALID),
        ("lea@gmail", ErrorCode.EMAIL_INVALID),
        ("lea@.gmail.com", ErrorCode.EMAIL_INVALID),
        ("lea@gmail..com", ErrorCode.EMAIL_INVALID),
        ("lea@gmail.c", ErrorCode.EMAIL_INVALID),
        ("lea@gmail.c0m", ErrorCode.EMAIL_INVALID),
        ("lea@-gmail.com", ErrorCode.EMAIL_INVALID),
        (".lea@gmail.com", ErrorCode.EMAIL_INVALID),
        ("lea.@gmail.com", ErrorCode.EMAIL_INVALID),
        ("le..a@gmail.com", ErrorCode.EMAIL_INVALID),
        ("lea(x)@gmail.com", ErrorCode.EMAIL_INVALID),
        ("lea@gmail_com.fr", ErrorCode.EMAIL_INVALID),
        ("lea\x00@gmail.com", ErrorCode.EMAIL_INVALID),
    ],
)
def test_email_refused(text: str, error: ErrorCode) -> None:
    assert refused(check_email(text), error)


def test_email_length_limit_is_inclusive() -> None:
    at_limit = "a" * (EMAIL_MAX_LENGTH - len("@gmail.com")) + "@gmail.com"
    assert check_email(at_limit).value == at_limit
    assert refused(check_email("a" + at_limit), ErrorCode.EMAIL_TOO_LONG)


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("lea@gmial.com", "lea@gmail.com"),
        ("lea@gmai.com", "lea@gmail.com"),
        ("lea@gmaill.com", "lea@gmail.com"),
        ("lea@gmail.con", "lea@gmail.com"),
        ("lea@gmail.co", "lea@gmail.com"),
        ("lea@gmial.con", "lea@gmail.com"),
        ("lea@gmailcom", "lea@gmail.com"),
        ("lea@gmail.com.", "lea@gmail.com"),
        ("lea@gmail", "lea@gmail.com"),
        ("lea@gmial", "lea@gmail.com"),
        ("lea@gmail.fr", "lea@gmail.com"),
        ("Lea@GMIAL.COM", "lea@gmail.com"),
        ("lea@hotmial.fr", "lea@hotmail.fr"),
        ("lea@hotmail.ft", "lea@hotmail.fr"),
        ("lea@hotmail", "lea@hotmail.fr"),
        ("lea@hotmial.com", "lea@hotmail.com"),
        ("lea@outlok.com", "lea@outlook.com"),
        ("lea@outlok.fr", "lea@outlook.fr"),
        ("lea@yaho.fr", "lea@yahoo.fr"),
        ("lea@yahoo.fe", "lea@yahoo.fr"),
        ("lea@ornage.fr", "lea@orange.fr"),
        ("lea@orange.net", "lea@orange.fr"),
        ("lea@lapost.net", "lea@laposte.net"),
        ("lea@laposte.fr", "lea@laposte.net"),
        ("lea@fre.fr", "lea@free.fr"),
        ("lea@freefr", "lea@free.fr"),
        ("lea@free.com", "lea@free.fr"),
        ("lea@srf.fr", "lea@sfr.fr"),
        ("lea@sfr.com", "lea@sfr.fr"),
        ("lea@icoud.com", "lea@icloud.com"),
        ("lea@icloud.fr", "lea@icloud.com"),
    ],
)
def test_email_typo_suggestions(text: str, suggestion: str) -> None:
    assert suggest_email(text) == suggestion
    assert check_email(suggestion).ok
    # check_email carries the suggestion, whether the typed address is valid or not.
    assert check_email(text).suggestion == suggestion


@pytest.mark.parametrize(
    "text",
    [
        *(f"lea@{domain}" for domain in COMMON_EMAIL_DOMAINS),
        "lea@hotmail.com",  # a real domain, not a typo of hotmail.fr
        "lea@yahoo.com",
        "lea@outlook.fr",
        "lea@ymail.com",  # real (Yahoo), one edit from gmail.com
        "lea@mail.com",
        "lea@orange.com",
        "lea@live.fr",
        "lea@wanadoo.fr",
        "lea@gmx.fr",
        "lea@hotmail.be",  # other countries' real domains, two edits from hotmail.fr
        "lea@outlook.de",
        "lea@mairie-villeurbanne.fr",
        "lea@ac-lyon.fr",
        "lea@example.org",
        "lea@sf.com",
        "",
        "lea",
        "@gmial.com",
        "lea@",
        "a@b@gmial.com",
        "léa@gmial.com",  # the local part is the visitor's: no suggestion that check refuses
        "lea@gmïal.com",
    ],
)
def test_no_email_suggestion(text: str) -> None:
    assert suggest_email(text) is None
    assert check_email(text).suggestion is None


def test_invalid_email_can_carry_a_suggestion() -> None:
    checked = check_email("lea@gmail")
    assert refused(checked, ErrorCode.EMAIL_INVALID)
    assert checked.suggestion == "lea@gmail.com"


def test_suggestion_never_exceeds_the_length_limit() -> None:
    local = "a" * (EMAIL_MAX_LENGTH - len("@gmail.com") + 1)
    assert suggest_email(local + "@gmail") is None
    assert suggest_email(local[1:] + "@gmail") == local[1:] + "@gmail.com"


def test_distance_counts_swaps_as_one_edit() -> None:
    distance = registration._distance
    assert distance("gmial", "gmail", 2) == 1
    assert distance("abc", "abc", 2) == 0
    assert distance("", "abc", 5) == 3
    assert distance("kitten", "sitting", 5) == 3
    assert distance("ca", "abc", 5) == 3  # optimal string alignment, not full Damerau
    assert distance("abcdef", "ghijkl", 2) == 3  # capped at limit + 1


# --- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Éloïse", "Éloïse"),
        ("E\u0301loi\u0308se", "Éloïse"),  # decomposed accents are composed (NFC)
        ("N'Diaye", "N'Diaye"),
        ("Jean-Pierre", "Jean-Pierre"),
        ("O’Connor", "O'Connor"),
        ("O‘Connor", "O'Connor"),
        ("Jean‐Pierre", "Jean-Pierre"),  # U+2010 hyphen
        ("MARTIN", "MARTIN"),  # the case typed is kept
        ("de La Fontaine", "de La Fontaine"),
        ("  Marie   Claire\u00a0 ", "Marie Claire"),
        ("Müller-Lüdenscheidt", "Müller-Lüdenscheidt"),
        ("Œdipe Ægir Çağla", "Œdipe Ægir Çağla"),
        ("Łukasz Dvořák", "Łukasz Dvořák"),
        ("Nguyễn", "Nguyễn"),
        ("Strauß", "Strauß"),
        ("A", "A"),
        ("d'Artagnan", "d'Artagnan"),
    ],
)
def test_name_accepted(text: str, expected: str) -> None:
    checked = check_name(text)
    assert checked.ok and checked.value == expected


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", ErrorCode.NAME_EMPTY),
        (" \t ", ErrorCode.NAME_EMPTY),
        ("Zoé2", ErrorCode.NAME_DIGITS),
        ("Louis XIV 14", ErrorCode.NAME_DIGITS),
        ("Zoé²", ErrorCode.NAME_DIGITS),
        ("Zoé٣", ErrorCode.NAME_DIGITS),  # Arabic-Indic digit
        ("Иван", ErrorCode.NAME_NOT_LATIN),
        ("Ivan Петров", ErrorCode.NAME_NOT_LATIN),
        ("Αλέξανδρος", ErrorCode.NAME_NOT_LATIN),
        ("محمد", ErrorCode.NAME_NOT_LATIN),
        ("李", ErrorCode.NAME_NOT_LATIN),
        ("Léa😀", ErrorCode.NAME_INVALID_CHAR),
        ("😀", ErrorCode.NAME_INVALID_CHAR),
        ("Jean.Pierre", ErrorCode.NAME_INVALID_CHAR),
        ("Jean_Pierre", ErrorCode.NAME_INVALID_CHAR),
        ("Marie, Claire", ErrorCode.NAME_INVALID_CHAR),
        ("Zoé!", ErrorCode.NAME_INVALID_CHAR),
        ("Zo\u200be", ErrorCode.NAME_INVALID_CHAR),  # zero-width space
        ("Zo\x00e", ErrorCode.NAME_INVALID_CHAR),
        ("ɛ\u0300", ErrorCode.NAME_INVALID_CHAR),  # a combining mark with no composed form
        ("-Paul", ErrorCode.NAME_EDGE_PUNCTUATION),
        ("Paul-", ErrorCode.NAME_EDGE_PUNCTUATION),
        ("'Paul", ErrorCode.NAME_EDGE_PUNCTUATION),
        ("Paul’", ErrorCode.NAME_EDGE_PUNCTUATION),
        ("-", ErrorCode.NAME_EDGE_PUNCTUATION),
        ("Anne--Marie", ErrorCode.NAME_DOUBLED_SEPARATOR),
        ("O''Connor", ErrorCode.NAME_DOUBLED_SEPARATOR),
        ("Jean - Pierre", ErrorCode.NAME_DOUBLED_SEPARATOR),
        ("N' Diaye", ErrorCode.NAME_DOUBLED_SEPARATOR),
        ("Jean–-Pierre", ErrorCode.NAME_DOUBLED_SEPARATOR),
        ("A" * (NAME_MAX_LENGTH + 1), ErrorCode.NAME_TOO_LONG),
        ("Jean " * 40 + "Pierre", ErrorCode.NAME_TOO_LONG),
    ],
)
def test_name_refused(text: str, error: ErrorCode) -> None:
    assert refused(check_name(text), error)


def test_name_length_counts_composed_characters() -> None:
    assert check_name("é" * NAME_MAX_LENGTH).ok
    # 100 letters typed with decomposed accents are 200 code points, but 100 once composed.
    assert check_name("e\u0301" * NAME_MAX_LENGTH).value == "é" * NAME_MAX_LENGTH


# --- postal code, city, address --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("69100", "69100"), ("69 100", "69100"), (" 97400 ", "97400"), ("20000", "20000")],
)
def test_postal_code_accepted(text: str, expected: str) -> None:
    assert check_postal_code(text).value == expected


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", ErrorCode.POSTAL_EMPTY),
        ("  ", ErrorCode.POSTAL_EMPTY),
        ("6910", ErrorCode.POSTAL_INVALID),
        ("691000", ErrorCode.POSTAL_INVALID),
        ("69-100", ErrorCode.POSTAL_INVALID),
        ("2A004", ErrorCode.POSTAL_INVALID),
        ("６９１００", ErrorCode.POSTAL_INVALID),  # full-width digits
        ("Lyon", ErrorCode.POSTAL_INVALID),
        ("98811", ErrorCode.POSTAL_INELIGIBLE),  # North Province of New Caledonia
        ("988 50", ErrorCode.POSTAL_INELIGIBLE),
    ],
)
def test_postal_code_refused(text: str, error: ErrorCode) -> None:
    assert refused(check_postal_code(text), error)


def test_postal_code_uses_the_rules_given() -> None:
    rules = EligibilityRules(ineligible_postal_codes=frozenset({"69100"}))
    assert refused(check_postal_code("69100", rules=rules), ErrorCode.POSTAL_INELIGIBLE)
    assert check_postal_code("98811", rules=rules).value == "98811"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Villeurbanne", "Villeurbanne"),
        ("  Saint-Denis ", "Saint-Denis"),
        ("L'Haÿ-les-Roses", "L'Haÿ-les-Roses"),
        ("Lyon 3e  Arrondissement", "Lyon 3e Arrondissement"),
    ],
)
def test_city_accepted(text: str, expected: str) -> None:
    assert check_city(text).value == expected


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", ErrorCode.CITY_EMPTY),
        ("\n", ErrorCode.CITY_EMPTY),
        ("Lyon\x07", ErrorCode.CITY_INVALID_CHAR),
        ("Ly\u200eon", ErrorCode.CITY_INVALID_CHAR),
        ("x" * (CITY_MAX_LENGTH + 1), ErrorCode.CITY_TOO_LONG),
    ],
)
def test_city_refused(text: str, error: ErrorCode) -> None:
    assert refused(check_city(text), error)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("   ", None),
        ("12 rue Paul-Bert", "12 rue Paul-Bert"),
        ("  12 bis,  rue de l’Église\n Bât. B / apt 3 ", "12 bis, rue de l’Église Bât. B / apt 3"),
        ("x" * ADDRESS_MAX_LENGTH, "x" * ADDRESS_MAX_LENGTH),
    ],
)
def test_address_accepted(text: str, expected: str | None) -> None:
    checked = check_address(text)
    assert checked.ok and checked.value == expected


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("x" * (ADDRESS_MAX_LENGTH + 1), ErrorCode.ADDRESS_TOO_LONG),
        ("12 rue\x00 Paul-Bert", ErrorCode.ADDRESS_INVALID_CHAR),
        ("12 rue\x1b[31m", ErrorCode.ADDRESS_INVALID_CHAR),
        ("12 rue\u202e", ErrorCode.ADDRESS_INVALID_CHAR),  # right-to-left override
        ("12 rue\ue000", ErrorCode.ADDRESS_INVALID_CHAR),  # private use
    ],
)
def test_address_refused(text: str, error: ErrorCode) -> None:
    assert refused(check_address(text), error)


# --- statuses --------------------------------------------------------------------------------


def test_activity_ids_match_the_contract() -> None:
    enum = REQUEST_SCHEMA["properties"]["activityId"]["enum"]
    assert set(ACTIVITY_IDS) == {value for value in enum if value is not None}


@pytest.mark.parametrize("age", [15, 16, 17])
def test_statuses_under_18(age: int) -> None:
    assert statuses_for(age) == [
        "MIDDLE_SCHOOL_STUDENT",
        "HIGH_SCHOOL_STUDENT",
        "STUDENT",
        "EMPLOYEE",
        "APPRENTICE",
        "APPRENTICE_STUDENT",
        "VOLUNTEER",
        "INACTIVE",
        "UNEMPLOYED",
    ]


@pytest.mark.parametrize("age", [18, 19, 20, 30])
def test_statuses_from_18_leave_out_middle_school(age: int) -> None:
    statuses = statuses_for(age)
    assert "MIDDLE_SCHOOL_STUDENT" not in statuses
    assert statuses == [a for a in ACTIVITY_IDS if a != "MIDDLE_SCHOOL_STUDENT"]


def test_statuses_are_a_fresh_list() -> None:
    statuses = statuses_for(17)
    statuses.clear()
    assert len(statuses_for(17)) == len(ACTIVITY_IDS)


# --- birth date ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "born",
    [
        date(2008, 5, 14),  # 17: AGE17_18
        date(2007, 1, 1),  # 18: AGE17_18
        date(2010, 1, 1),  # 15: FREE (switch on by default)
        date(2006, 6, 2),  # 18, 19 tomorrow
    ],
)
def test_birth_date_eligible_now(born: date) -> None:
    assert check_birth_date(born, AT).value == born


@pytest.mark.parametrize(
    ("born", "rules", "error"),
    [
        (date(2012, 1, 1), EligibilityRules(), ErrorCode.BIRTH_TOO_YOUNG),
        (date(2010, 6, 2), EligibilityRules(), ErrorCode.BIRTH_TOO_YOUNG),  # 15 tomorrow
        (date(2010, 1, 1), EligibilityRules(free_pass_15_16=False), ErrorCode.BIRTH_TOO_YOUNG),
        (
            date(2010, 1, 1),
            EligibilityRules(account_minimum_age=16),
            ErrorCode.BIRTH_BELOW_ACCOUNT_MINIMUM_AGE,
        ),
        (date(2006, 1, 1), EligibilityRules(), ErrorCode.BIRTH_STARTED_BEFORE_19_MAYBE),
        (date(2005, 1, 1), EligibilityRules(), ErrorCode.BIRTH_STARTED_BEFORE_19_MAYBE),
        (date(2004, 1, 1), EligibilityRules(), ErrorCode.BIRTH_TOO_OLD),
        (date(1990, 1, 1), EligibilityRules(), ErrorCode.BIRTH_TOO_OLD),
        (date(2025, 6, 2), EligibilityRules(), ErrorCode.BIRTH_DATE_FUTURE),
        (date(2030, 1, 1), EligibilityRules(), ErrorCode.BIRTH_DATE_FUTURE),
    ],
)
def test_birth_date_refused(born: date, rules: EligibilityRules, error: ErrorCode) -> None:
    assert refused(check_birth_date(born, AT, rules), error)


def test_birth_date_counts_in_the_postal_codes_zone() -> None:
    # Already 2 June in Nouméa: the 19th birthday has started there, not in Paris.
    born = date(2006, 6, 2)
    assert check_birth_date(born, AT).ok
    assert check_birth_date(born, AT, postal_code="75001").ok
    assert refused(
        check_birth_date(born, AT, postal_code="98800"), ErrorCode.BIRTH_STARTED_BEFORE_19_MAYBE
    )
    # Born "today" in Nouméa is in the future in Paris.
    assert refused(check_birth_date(date(2025, 6, 2), AT), ErrorCode.BIRTH_DATE_FUTURE)
    assert refused(
        check_birth_date(date(2025, 6, 2), AT, postal_code="98800"), ErrorCode.BIRTH_TOO_YOUNG
    )


def test_birth_date_with_an_ineligible_postal_code() -> None:
    checked = check_birth_date(date(2008, 5, 14), AT, postal_code="98811")
    assert refused(checked, ErrorCode.POSTAL_INELIGIBLE)


def test_birth_date_out_of_the_calendar() -> None:
    at = datetime(9999, 12, 31, tzinfo=UTC)
    assert refused(check_birth_date(date(9999, 12, 30), at), ErrorCode.BIRTH_DATE_OUT_OF_RANGE)


def test_birth_date_programming_errors_raise() -> None:
    with pytest.raises(ValueError, match="aware"):
        check_birth_date(date(2008, 5, 14), datetime(2025, 6, 1))
    with pytest.raises(TypeError):
        check_birth_date(datetime(2008, 5, 14), AT)
    with pytest.raises(TypeError):
        check_birth_date(date(2008, 5, 14), date(2025, 6, 1))  # type: ignore[arg-type]


def test_every_engine_reason_has_a_code() -> None:
    assert set(registration._REASON_ERRORS) == set(Reason)
    assert len(set(registration._REASON_ERRORS.values())) == len(Reason)


# --- the request -----------------------------------------------------------------------------


def full_request(**changes: Any) -> dict[str, Any]:
    arguments: dict[str, Any] = {
        "email": "lea.martin@example.org",
        "birth_date": date(2008, 5, 14),
        "first_name": "Léa",
        "last_name": "Martin",
        "postal_code": "69100",
        "city": "Villeurbanne",
        "address": "12 rue Paul-Bert",
        "activity_id": "HIGH_SCHOOL_STUDENT",
    }
    arguments.update(changes)
    return build_request(**arguments)


def validate_with_openapi_core(body: dict[str, Any]) -> None:
    request = MockRequest(
        "http://kiosk.test",
        "post",
        "/kiosk/v1/preregistrations",
        headers={
            "Authorization": "Bearer device-token",
            "Idempotency-Key": "0b6f9a1e-3c1d-4a53-9d7e-6a2f0e9c1b77",
        },
        data=json.dumps(body).encode(),
    )
    OpenAPI.from_dict(SPEC_DICT).validate_request(request)


def test_build_request_is_the_contracts_body() -> None:
    body = full_request()
    assert body == {
        "email": "lea.martin@example.org",
        "birthdate": "2008-05-14",
        "firstName": "Léa",
        "lastName": "Martin",
        "postalCode": "69100",
        "city": "Villeurbanne",
        "address": "12 rue Paul-Bert",
        "activityId": "HIGH_SCHOOL_STUDENT",
        "marketingEmailSubscription": False,
    }
    assert list(body) == list(REQUEST_SCHEMA["properties"])
    REQUEST_VALIDATOR.validate(body)
    validate_with_openapi_core(body)


def test_build_request_minimal_and_marketing() -> None:
    body = build_request(
        email="lea@gmail.com",
        birth_date=date(2010, 2, 28),
        first_name="Anne-Marie",
        last_name="N'Diaye",
        postal_code="97400",
        city="Saint-Denis",
        marketing_email_subscription=True,
    )
    assert body["address"] is None and body["activityId"] is None
    assert body["marketingEmailSubscription"] is True
    REQUEST_VALIDATOR.validate(body)
    validate_with_openapi_core(body)


def test_build_request_normalises_again() -> None:
    body = full_request(email=" LEA@Example.org ", last_name="O’Connor", postal_code="69 100")
    assert (body["email"], body["lastName"], body["postalCode"]) == (
        "lea@example.org",
        "O'Connor",
        "69100",
    )
    assert full_request(address="   ")["address"] is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": "lea@gmail"}, "email: email_invalid"),
        ({"first_name": "Zoé2"}, "firstName: name_digits"),
        ({"last_name": ""}, "lastName: name_empty"),
        ({"postal_code": "691"}, "postalCode: postal_invalid"),
        ({"city": ""}, "city: city_empty"),
        ({"address": "x" * 201}, "address: address_too_long"),
        ({"activity_id": "ASTRONAUT"}, "activityId"),
    ],
)
def test_build_request_refuses_invalid_fields(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        full_request(**changes)


def test_build_request_leaves_the_area_to_the_caller() -> None:
    # Whether 98811 is eligible depends on the central settings of the day.
    assert full_request(postal_code="98811")["postalCode"] == "98811"


def test_build_request_type_errors() -> None:
    with pytest.raises(TypeError):
        full_request(birth_date=datetime(2008, 5, 14))
    with pytest.raises(TypeError):
        full_request(marketing_email_subscription="yes")


def test_limits_match_the_contract() -> None:
    properties = REQUEST_SCHEMA["properties"]
    assert properties["email"]["maxLength"] == EMAIL_MAX_LENGTH
    assert properties["firstName"]["maxLength"] == NAME_MAX_LENGTH
    assert properties["lastName"]["maxLength"] == NAME_MAX_LENGTH
    assert properties["city"]["maxLength"] == CITY_MAX_LENGTH
    assert properties["address"]["maxLength"] == ADDRESS_MAX_LENGTH
    assert properties["marketingEmailSubscription"]["default"] is False


# --- properties ------------------------------------------------------------------------------

CHECKS = [check_email, check_name, check_postal_code, check_city, check_address]


@pytest.mark.parametrize("check", CHECKS)
@given(text=st.text())
def test_checks_never_raise_and_are_idempotent(check: Any, text: str) -> None:
    checked = check(text)
    assert isinstance(checked, Checked)
    assert (checked.error is None) == checked.ok
    if checked.ok:
        if checked.value is not None:
            assert check(checked.value) == checked
    else:
        assert checked.value is None and isinstance(checked.error, ErrorCode)


name_alphabet = st.sampled_from(list("aAéÉçœŒłßzZ -'’‐0123456789²Иα😀.\t\u0301"))


@given(text=st.one_of(st.text(), st.text(alphabet=name_alphabet, max_size=30)))
def test_accepted_names_have_only_letters_and_single_separators(text: str) -> None:
    checked = check_name(text)
    if checked.value is None:
        return
    name = checked.value
    assert name and len(name) <= NAME_MAX_LENGTH
    assert not any(unicodedata.category(char).startswith("N") for char in name)
    assert all(char in " -'" or unicodedata.name(char).startswith("LATIN ") for char in name)
    assert name[0] not in " -'" and name[-1] not in " -'"
    assert "  " not in name and "--" not in name and "''" not in name
    assert unicodedata.normalize("NFC", name) == name


email_alphabet = st.sampled_from(list("abcxyzLEA.@-_+ gmailhotfrcon0é\t"))


@given(text=st.one_of(st.text(), st.text(alphabet=email_alphabet, max_size=40)))
def test_suggestions_are_valid_and_different(text: str) -> None:
    suggestion = suggest_email(text)
    if suggestion is not None:
        assert check_email(suggestion).value == suggestion
        assert suggestion != text.strip().lower()
        assert suggestion.rpartition("@")[2] in registration._SUGGESTED_DOMAINS


@given(
    born=st.dates(),
    at=st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=-10))])),
    postal_code=st.one_of(st.none(), st.sampled_from(["75001", "98800", "97400", "98811"])),
)
def test_check_birth_date_never_raises_for_aware_instants(
    born: date, at: datetime, postal_code: str | None
) -> None:
    checked = check_birth_date(born, at, postal_code=postal_code)
    assert checked.value == (born if checked.ok else None)


@given(
    first=st.text(alphabet=name_alphabet, max_size=20),
    last=st.text(alphabet=name_alphabet, max_size=20),
    email=st.text(alphabet=email_alphabet, max_size=30),
    address=st.text(max_size=50),
    activity=st.sampled_from([None, *ACTIVITY_IDS]),
)
def test_any_accepted_values_make_a_valid_request(
    first: str, last: str, email: str, address: str, activity: str | None
) -> None:
    checks = [check_name(first), check_name(last), check_email(email), check_address(address)]
    if not all(checked.ok for checked in checks):
        return
    body = build_request(
        email=email,
        birth_date=date(2008, 5, 14),
        first_name=first,
        last_name=last,
        postal_code="69100",
        city="Villeurbanne",
        address=address,
        activity_id=activity,
    )
    REQUEST_VALIDATOR.validate(body)
