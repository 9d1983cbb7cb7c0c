"""The Windows policy layer: raw registry values applied through the option spec.

The reading part needs a real registry and runs only on Windows (the Windows CI job runs
this file); the applying part is the real loader fed with the values winreg would return.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kiosk import config, winpolicy
from kiosk.config import Config

POLICY = winpolicy.POLICY_SOURCE


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    """An environment whose system and user files live in tmp_path (not created yet)."""
    return {
        "PCK_SYSTEM_CONFIG_FILE": str(tmp_path / "system.toml"),
        "PCK_USER_CONFIG_FILE": str(tmp_path / "user.toml"),
    }


def load(environ: dict[str, str], policy: dict[str, object], **env: str) -> Config:
    return config.load(environ={**environ, **env}, policy=policy)


def test_policy_values_set_options_and_name_their_source(files: dict[str, str]) -> None:
    cfg = load(
        files,
        {
            "central_url": "https://kiosk-api.example.org",
            "kiosk_name": "Médiathèque, hall",
            "idle_timeout": 120,  # REG_DWORD
            "language": "en",
        },
    )
    assert cfg.problems == []
    assert cfg.central_url == "https://kiosk-api.example.org"
    assert cfg.kiosk_name == "Médiathèque, hall"
    assert cfg.idle_timeout == 120
    assert cfg.language == "en"
    assert cfg.source("idle_timeout") == POLICY
    assert cfg.source("countdown") == "default"


def test_policy_beats_both_files_but_not_environment_or_command_line(
    files: dict[str, str],
) -> None:
    Path(files["PCK_SYSTEM_CONFIG_FILE"]).write_text(
        "idle_timeout = 100\ncountdown = 20\nsync_interval = 60\n", encoding="utf-8"
    )
    Path(files["PCK_USER_CONFIG_FILE"]).write_text(
        "idle_timeout = 110\ncountdown = 25\n", encoding="utf-8"
    )
    policy: dict[str, object] = {"idle_timeout": 300, "countdown": 40, "staff_timeout": 600}
    cfg = config.load(
        {"staff_timeout": "700"},
        environ={**files, "PCK_COUNTDOWN": "50"},
        policy=policy,
    )
    assert cfg.problems == []
    assert (cfg.idle_timeout, cfg.source("idle_timeout")) == (300, POLICY)
    assert (cfg.countdown, cfg.source("countdown")) == (50, "environment PCK_COUNTDOWN")
    assert (cfg.staff_timeout, cfg.source("staff_timeout")) == (
        700,
        "command line --staff-timeout",
    )
    assert cfg.sync_interval == 60  # untouched by the policy: the system file still counts


def test_text_values_are_parsed_like_environment_variables(files: dict[str, str]) -> None:
    # An ADMX <text> element writes REG_SZ even for a number; "yes" is a yes/no.
    cfg = load(files, {"sync_interval": " 600 ", "windowed": "yes", "log_level": "debug"})
    assert cfg.problems == []
    assert (cfg.sync_interval, cfg.windowed, cfg.log_level) == (600, True, "DEBUG")


@pytest.mark.parametrize(("raw", "expected"), [(0, False), (1, True)])
def test_dword_zero_and_one_are_booleans(files: dict[str, str], raw: int, expected: bool) -> None:
    cfg = load(files, {"allow_plaintext_secrets": raw})
    assert cfg.problems == []
    assert cfg.allow_plaintext_secrets is expected


def test_value_names_are_case_insensitive_like_the_registry(files: dict[str, str]) -> None:
    cfg = load(files, {"Idle_Timeout": 200})
    assert cfg.problems == []
    assert cfg.idle_timeout == 200


def test_bad_value_is_a_problem_and_the_lower_layer_is_kept(files: dict[str, str]) -> None:
    Path(files["PCK_SYSTEM_CONFIG_FILE"]).write_text("idle_timeout = 100\n", encoding="utf-8")
    cfg = load(files, {"idle_timeout": 5, "central_url": "http://kiosk-api.example.org"})
    assert cfg.idle_timeout == 100
    assert cfg.central_url == ""
    by_option = {problem.option: problem for problem in cfg.problems}
    assert set(by_option) == {"idle_timeout", "central_url"}
    assert by_option["idle_timeout"].source == POLICY
    assert "below the minimum of 15 seconds" in by_option["idle_timeout"].message
    assert "keeps 100 (system file" in by_option["idle_timeout"].message
    assert "is not allowed" in by_option["central_url"].message


def test_dword_other_than_zero_or_one_is_not_a_boolean(files: dict[str, str]) -> None:
    cfg = load(files, {"windowed": 2})
    assert cfg.windowed is False
    (problem,) = cfg.problems
    assert problem.option == "windowed"
    assert "wrong type" in problem.message


@pytest.mark.parametrize(
    ("raw", "registry_type"),
    [(["a", "b"], "REG_MULTI_SZ"), (b"\x01\x02", "REG_BINARY"), (None, "REG_NONE")],
)
def test_unsupported_registry_types_are_named(
    files: dict[str, str], raw: object, registry_type: str
) -> None:
    cfg = load(files, {"kiosk_name": raw})
    assert cfg.kiosk_name == ""
    (problem,) = cfg.problems
    assert problem.option == "kiosk_name"
    assert registry_type in problem.message
    assert "use REG_SZ or REG_DWORD" in problem.message


def test_unknown_value_suggests_the_closest_option(files: dict[str, str]) -> None:
    cfg = load(files, {"idle_timout": 120})
    (problem,) = cfg.problems
    assert problem.option == "idle_timout"
    assert problem.source == POLICY
    assert "'idle_timeout'" in problem.message


def test_secret_policy_values_are_never_shown(files: dict[str, str]) -> None:
    cfg = load(files, {"proxy": "http://user:hunter2@proxy.example.org:3128", "countdown": 1})
    assert "hunter2" not in repr(cfg)
    assert all("hunter2" not in problem.message for problem in cfg.problems)


def test_no_policy_outside_windows() -> None:
    if sys.platform == "win32":
        pytest.skip("Windows reads the real registry")
    assert winpolicy.read_values() == {}


# --- the registry itself (Windows only) -------------------------------------------------------


@pytest.mark.skipif(sys.platform != "win32", reason="needs the Windows registry")
def test_read_values_reads_a_real_registry_key() -> None:
    import winreg

    key = rf"Software\passculture-kiosk-test-{id(object())}"
    handle = winreg.CreateKey(winreg.HKEY_CURRENT_USER, key)
    try:
        with handle:
            winreg.SetValueEx(handle, "central_url", 0, winreg.REG_SZ, "https://a.example.org")
            winreg.SetValueEx(handle, "idle_timeout", 0, winreg.REG_DWORD, 120)
            winreg.SetValueEx(handle, "kiosk_name", 0, winreg.REG_EXPAND_SZ, "%COMPUTERNAME%")
        values = winpolicy.read_values(winreg.HKEY_CURRENT_USER, key)
    finally:
        winreg.DeleteKey(winreg.HKEY_CURRENT_USER, key)
    assert values["central_url"] == "https://a.example.org"
    assert values["idle_timeout"] == 120
    assert values["kiosk_name"] == winreg.ExpandEnvironmentStrings("%COMPUTERNAME%")
    assert winpolicy.read_values(winreg.HKEY_CURRENT_USER, key) == {}  # gone: no policy
