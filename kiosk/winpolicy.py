r"""Windows Group Policy: the kiosk's settings under HKLM\SOFTWARE\Policies\passculture-kiosk.

The ADMX template (packaging/windows/policy/) writes one registry value per option, named
like the option in the TOML files (``central_url``, ``idle_timeout``…): REG_SZ for text,
REG_DWORD for numbers and yes/no. This module only *reads* them, raw, with :mod:`winreg`;
:func:`kiosk.config.load` applies them through the option spec like any other layer, so a
bad value becomes a :class:`kiosk.config.ConfigProblem` and never stops the kiosk. Outside
Windows there is no policy: :func:`read_values` returns nothing.
"""

from __future__ import annotations

import sys

POLICY_KEY = r"SOFTWARE\Policies\passculture-kiosk"
"""The policy key, under HKEY_LOCAL_MACHINE (the ADMX template's ``key``)."""

POLICY_PATH = "HKLM\\" + POLICY_KEY
"""The full path of the policy key, as IT reads it in regedit and in the ADMX template."""

POLICY_SOURCE = f"Windows policy {POLICY_PATH}"
"""How the configuration names this layer in ``config show`` and in problems."""

PolicyValues = dict[str, object]
"""Registry value name → data as winreg returns it (str, int, list[str], bytes or None)."""


def read_values(root: int | None = None, key: str = POLICY_KEY) -> PolicyValues:
    """The values of the policy key, raw; empty off Windows or when no policy is set.

    Args:
        root: the registry hive (a ``winreg.HKEY_*`` constant); HKEY_LOCAL_MACHINE when None.
            Tests on Windows pass HKEY_CURRENT_USER and a key of their own.
        key: the key under ``root``.

    Raises:
        OSError: the key exists but cannot be read (the loader reports it as a problem).
    """
    if sys.platform == "win32":
        return _read_registry(root, key)
    return {}


def as_setting(value: object, *, boolean: bool) -> tuple[object, bool]:
    """Turn one raw registry value into what the loader parses: ``(value, is_text)``.

    REG_SZ values are text, parsed like an environment variable (``"120"`` is a number,
    ``"true"`` a yes/no). REG_DWORD values are numbers; for a yes/no option, 0 and 1 are
    false and true, as an ADMX ``boolean`` element writes them. Anything else is handed
    over unchanged for the loader to refuse.
    """
    if isinstance(value, str):
        return value, True
    if boolean and isinstance(value, int) and not isinstance(value, bool) and value in (0, 1):
        return value == 1, False
    return value, False


def registry_type_name(value: object) -> str:
    """The registry type a raw value came from, for messages (``REG_BINARY``…)."""
    if isinstance(value, str):
        return "REG_SZ"
    if isinstance(value, int):
        return "REG_DWORD"
    if isinstance(value, list):
        return "REG_MULTI_SZ"
    if isinstance(value, bytes):
        return "REG_BINARY"
    return "REG_NONE"


if sys.platform == "win32":
    import winreg

    def _read_registry(root: int | None, key: str) -> PolicyValues:
        hive = winreg.HKEY_LOCAL_MACHINE if root is None else root
        try:
            # The 64-bit view: where a GPO writes policies on 64-bit Windows.
            handle = winreg.OpenKey(hive, key, 0, winreg.KEY_READ | winreg.KEY_WOW64_64KEY)
        except FileNotFoundError:
            return {}
        values: PolicyValues = {}
        with handle:
            count = winreg.QueryInfoKey(handle)[1]
            for index in range(count):
                name, data, kind = winreg.EnumValue(handle, index)
                if not name:
                    continue  # the key's unnamed default value: never written by the template
                if kind == winreg.REG_EXPAND_SZ and isinstance(data, str):
                    data = winreg.ExpandEnvironmentStrings(data)
                values[name] = data
        return values
