"""Time zone of a visitor's département, derived from their postal code (DOMAIN.md §2.2).

The pass Culture counts ages in the time zone of the young person's département: a birthday
starts at local midnight there. The kiosk only knows the postal code the visitor types (or
nothing at all), so this module maps a postal code to a département code and the département
to an IANA zone, falling back to Europe/Paris whenever the code is unknown or malformed,
exactly as the central backend does.

The zone database comes from the ``tzdata`` package on Windows, which ships none.
"""

from collections.abc import Mapping
from types import MappingProxyType
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE_NAME = "Europe/Paris"
"""IANA name used for metropolitan France, Corsica, and every unknown or invalid code."""

OVERSEAS_TIMEZONE_NAMES: Mapping[str, str] = MappingProxyType(
    {
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
)
"""IANA zone of each overseas département or collectivity code (DOMAIN.md §2.2)."""

POSTAL_CODE_LENGTH = 5


def normalize_postal_code(postal_code: str | None) -> str | None:
    """Return the postal code as five ASCII digits, or None when it is not one.

    Spaces anywhere are dropped because visitors (and printed forms) often write
    "97 400"; anything else that is not exactly five digits is treated as unknown.

    Args:
        postal_code: What the visitor typed, or None.

    Returns:
        The five-digit code, or None when missing or malformed.
    """
    if not isinstance(postal_code, str):
        return None
    compact = "".join(postal_code.split())
    # str.isdigit() accepts superscripts and other scripts' digits: keep to ASCII.
    if len(compact) != POSTAL_CODE_LENGTH or not compact.isascii() or not compact.isdigit():
        return None
    return compact


def department_from_postal_code(postal_code: str | None) -> str | None:
    """Return the département code of a French postal code.

    Overseas codes (starting with 97 or 98) use three digits, the others two. Corsica's
    20xxx stays "20" (the kiosk does not need to tell 2A from 2B: both are Europe/Paris).

    Args:
        postal_code: A postal code, possibly None or malformed.

    Returns:
        "75", "971", "988"... or None when the postal code is missing or malformed.
    """
    code = normalize_postal_code(postal_code)
    if code is None:
        return None
    if code.startswith(("97", "98")):
        return code[:3]
    return code[:2]


def timezone_name_for_department(department: str | None) -> str:
    """Return the IANA zone name of a département code.

    Args:
        department: A code from :func:`department_from_postal_code`, or None.

    Returns:
        The overseas zone for the codes of DOMAIN.md §2.2, else ``DEFAULT_TIMEZONE_NAME``.
    """
    if department is None:
        return DEFAULT_TIMEZONE_NAME
    return OVERSEAS_TIMEZONE_NAMES.get(department, DEFAULT_TIMEZONE_NAME)


def timezone_for_department(department: str | None) -> ZoneInfo:
    """Return the zone of a département code (Europe/Paris when unknown or None).

    Args:
        department: A code from :func:`department_from_postal_code`, or None.

    Returns:
        The ``ZoneInfo`` (cached by the standard library, so cheap to call repeatedly).
    """
    return ZoneInfo(timezone_name_for_department(department))


def timezone_for_postal_code(postal_code: str | None) -> ZoneInfo:
    """Return the zone in which the pass Culture counts ages for this postal code.

    Args:
        postal_code: A postal code, possibly None or malformed.

    Returns:
        The département's zone, Europe/Paris when the code is unknown, None or invalid.
    """
    return timezone_for_department(department_from_postal_code(postal_code))
