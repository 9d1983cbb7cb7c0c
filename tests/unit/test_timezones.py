"""Département and time zone of a postal code (DOMAIN.md §2.2)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.timezones import (
    DEFAULT_TIMEZONE_NAME,
    OVERSEAS_TIMEZONE_NAMES,
    department_from_postal_code,
    normalize_postal_code,
    timezone_for_department,
    timezone_for_postal_code,
    timezone_name_for_department,
)


@pytest.mark.parametrize(
    ("postal_code", "department"),
    [
        ("75001", "75"),
        ("01000", "01"),
        ("13001", "13"),
        ("20000", "20"),  # Corse-du-Sud
        ("20200", "20"),  # Haute-Corse
        ("97110", "971"),
        ("97200", "972"),
        ("97300", "973"),
        ("97400", "974"),
        ("97500", "975"),
        ("97600", "976"),
        ("97133", "971"),  # Saint-Barthélemy uses a Guadeloupe postal code
        ("98600", "986"),
        ("98714", "987"),
        ("98800", "988"),
        ("98811", "988"),
        ("98000", "980"),  # Monaco: 98 prefix, three digits, unknown département
        (" 97 400 ", "974"),
    ],
)
def test_department_from_postal_code(postal_code: str, department: str) -> None:
    assert department_from_postal_code(postal_code) == department


@pytest.mark.parametrize(
    "postal_code",
    [None, "", "7500", "750011", "75O01", "abcde", "７５００１", "²5001", "75-01", 75001],
)
def test_malformed_postal_codes_have_no_department(postal_code: object) -> None:
    assert normalize_postal_code(postal_code) is None  # type: ignore[arg-type]
    assert department_from_postal_code(postal_code) is None  # type: ignore[arg-type]


def test_normalize_drops_spaces_only() -> None:
    assert normalize_postal_code(" 98 811\t") == "98811"
    assert normalize_postal_code("98811") == "98811"


@pytest.mark.parametrize(
    ("postal_code", "zone"),
    [
        ("97110", "America/Guadeloupe"),
        ("97200", "America/Martinique"),
        ("97300", "America/Cayenne"),
        ("97400", "Indian/Reunion"),
        ("97500", "America/Miquelon"),
        ("97600", "Indian/Mayotte"),
        ("97700", "America/St_Barthelemy"),
        ("97800", "America/Guadeloupe"),
        ("98600", "Pacific/Wallis"),
        ("98714", "Pacific/Tahiti"),
        ("98800", "Pacific/Noumea"),
        ("98900", "Pacific/Pitcairn"),
        ("75001", "Europe/Paris"),
        ("20000", "Europe/Paris"),
        ("20200", "Europe/Paris"),
        ("98000", "Europe/Paris"),
        ("97900", "Europe/Paris"),
        (None, "Europe/Paris"),
        ("", "Europe/Paris"),
        ("garbage", "Europe/Paris"),
    ],
)
def test_timezone_for_postal_code(postal_code: str | None, zone: str) -> None:
    tz = timezone_for_postal_code(postal_code)
    assert isinstance(tz, ZoneInfo)
    assert tz.key == zone


def test_every_overseas_zone_of_domain_md() -> None:
    assert dict(OVERSEAS_TIMEZONE_NAMES) == {
        "971": "America/Guadeloupe",
        "972": "America/Martinique",
        "973": "America/Cayenne",
        "974": "Indian/Reunion",
        "975": "America/Miquelon",
        "976": "Indian/Mayotte",
        "977": "America/St_Barthelemy",
        "978": "America/Guadeloupe",
        "986": "Pacific/Wallis",
        "987": "Pacific/Tahiti",
        "988": "Pacific/Noumea",
        "989": "Pacific/Pitcairn",
    }


def test_timezone_for_department_defaults_to_paris() -> None:
    assert DEFAULT_TIMEZONE_NAME == "Europe/Paris"
    assert timezone_name_for_department(None) == "Europe/Paris"
    assert timezone_name_for_department("75") == "Europe/Paris"
    assert timezone_name_for_department("2A") == "Europe/Paris"
    assert timezone_for_department("988").key == "Pacific/Noumea"


@pytest.mark.parametrize(
    ("postal_code", "offset_hours"),
    [("75001", 2), ("97400", 4), ("97110", -4), ("98800", 11), ("98714", -10)],
)
def test_the_zone_database_is_present(postal_code: str, offset_hours: int) -> None:
    # Fails on a Windows install without the tzdata package.
    summer = datetime(2025, 7, 1, 12, tzinfo=UTC).astimezone(timezone_for_postal_code(postal_code))
    assert summer.utcoffset() == timedelta(hours=offset_hours)


@given(st.text(max_size=12))
def test_any_text_gives_a_zone(text: str) -> None:
    zone = timezone_for_postal_code(text)
    department = department_from_postal_code(text)
    assert zone.key == timezone_name_for_department(department)
    if department is not None:
        assert len(department) in (2, 3)
